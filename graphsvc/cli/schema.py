"""`graphsvc schema …`: the graph schema (constraints, indexes, full-text)."""

from __future__ import annotations

import typer

from graphsvc import schema
from graphsvc.cli.common import out, reported, runner, settings, step

app = typer.Typer(help="The graph schema (constraints, indexes, full-text).", no_args_is_help=True)


@app.command("apply")
def schema_apply() -> None:
    """Create every constraint and index of the model (idempotent)."""
    with reported(), runner(settings()) as r:
        applied = step("Applying schema", lambda: schema.apply(r))
        out.print(", ".join(f"{name}: {n}" for name, n in applied.items()))


@app.command("export")
def schema_export() -> None:
    """Rewrite cypher/schema/, cypher/generated/ and docs/model.md from graphsvc/model.yaml."""
    for path in schema.export():
        out.print(f"wrote {path}")
