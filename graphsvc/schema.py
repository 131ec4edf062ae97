"""The database schema: written from the model into cypher/schema/, applied from there."""

from __future__ import annotations

from pathlib import Path

from graphsvc import writes
from graphsvc.config import ROOT
from graphsvc.cypher import CYPHER_DIR, load_all
from graphsvc.db import Runner
from graphsvc.model import GraphModel, load_model

SCHEMA_DIR = CYPHER_DIR / "schema"
UPSERT_DIR = CYPHER_DIR / writes.FOLDER
DOCS = ROOT / "docs" / "model.md"
DOCS_MARKER = "<!-- Everything below is generated from graphsvc/model.yaml by `graphsvc schema export`. -->"
# Generated files, in the order they are applied; 4_await_indexes.cypher is written by hand.
GENERATED = {"constraints": "1_constraints.cypher", "indexes": "2_indexes.cypher", "fulltext": "3_fulltext.cypher"}


def render(model: GraphModel) -> dict[str, str]:
    """The text of each generated schema file."""
    files = {}
    for group, statements in model.schema_statements().items():
        header = (
            f"// The {group} of the graph model. Generated from graphsvc/model.yaml by `graphsvc schema export`;\n"
            "// edit the model, not this file. Idempotent: every statement says IF NOT EXISTS.\n"
            "// mode: schema\n"
        )
        files[GENERATED[group]] = header + "".join(f"{s};\n" for s in statements)
    return files


def render_docs(model: GraphModel, current: str) -> str:
    """docs/model.md with its generated half replaced; the hand-written half above the marker stays."""
    head = current.split(DOCS_MARKER)[0].rstrip("\n")
    return f"{head}\n\n{DOCS_MARKER}\n\n{model.markdown()}"


def export(model: GraphModel | None = None, directory: Path = SCHEMA_DIR, upserts: Path = UPSERT_DIR) -> list[Path]:
    """Rewrites the generated schema files, the generated upserts (removing those of labels no longer written) and
    the reference half of docs/model.md."""
    model = model or load_model()
    written = []
    for name, text in render(model).items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    upserts.mkdir(exist_ok=True)
    files = writes.render(model)
    for stale in upserts.glob("upsert_*.cypher"):
        if stale.name not in files:
            stale.unlink()
    for name, text in files.items():
        path = upserts / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    DOCS.write_text(render_docs(model, DOCS.read_text(encoding="utf-8") if DOCS.exists() else ""), encoding="utf-8")
    return [*written, DOCS]


def apply(runner: Runner) -> dict[str, int]:
    """Applies every schema script in order and waits for the indexes to come online."""
    # Only the generated folder: a benchmark may keep a schema statement of its own elsewhere (search/).
    scripts = sorted(
        (q for q in load_all().values() if q.mode == "schema" and q.name.startswith("schema/")), key=lambda q: q.name
    )
    return {q.name: runner.run_schema(q) for q in scripts}


if __name__ == "__main__":  # `python -m graphsvc.schema`: exports without the CLI, which needs the generated files
    for path in export():
        print(f"wrote {path}")
