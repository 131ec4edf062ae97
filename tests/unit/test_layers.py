"""Layers import one way: core ← domains ← loaders ← api ← cli, and nothing imports the CLI.

core (configuration, errors, the Cypher files, the Runner and what it stamps on every write, the model) knows no
domain; domains (responsibility, inspections, clues, documents, identity, …) know neither how data arrives
(loaders) nor how it is served (api); the API may load an uploaded form through the loaders, which never know the
API; the CLI composes everything and is imported by nobody. The import graph is read from the source (ast), so an
import hidden inside a function counts too.
"""

from __future__ import annotations

import ast
from pathlib import Path

from graphsvc.config import ROOT

PACKAGES = ("graphsvc", "loaders")
# The Runner's own helpers belong to core: db stamps every write with an AuditEvent (audit_log) and checks the
# bounds of every parameter (bounds).
CORE = {"config", "errors", "cypher", "db", "model", "audit_log", "bounds"}
LAYERS = ["core", "domain", "loaders", "api", "cli"]


def layer(module: str) -> str:
    parts = module.split(".")
    if parts[0] == "loaders":
        return "loaders"
    if len(parts) == 1:  # the graphsvc package itself (its __init__)
        return "core"
    if parts[1] in CORE:
        return "core"
    if parts[1] in ("api", "cli"):
        return parts[1]
    return "domain"


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(path: Path, known: set[str]) -> list[tuple[str, int]]:
    """Every module of ours the file imports (`from a import b` counts as a.b when b is a module), anywhere in it."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.append((child if child in known else node.module, node.lineno))
    return [(name, line) for name, line in found if name.split(".")[0] in PACKAGES]


def import_graph() -> dict[str, list[tuple[str, int]]]:
    found = modules()
    return {name: imports(path, set(found)) for name, path in found.items()}


def test_layers_import_one_way() -> None:
    wrong = []
    for module, targets in import_graph().items():
        for target, line in targets:
            if LAYERS.index(layer(target)) > LAYERS.index(layer(module)):
                wrong.append(f"{module}:{line} ({layer(module)}) imports {target} ({layer(target)})")
    assert wrong == []


def test_nothing_imports_the_cli() -> None:
    """The CLI is the composition root: only its own modules import it."""
    wrong = [
        f"{module}:{line} imports {target}"
        for module, targets in import_graph().items()
        for target, line in targets
        if target.startswith("graphsvc.cli") and not module.startswith("graphsvc.cli")
    ]
    assert wrong == []


def test_the_graph_is_read_from_every_module() -> None:
    """The checks above look at real edges: the known ones are found, inside functions too."""
    graph = import_graph()
    assert len(graph) > 100
    assert "graphsvc.cypher" in {t for t, _ in graph["graphsvc.db"]}
    assert "graphsvc.cli.common" in {t for t, _ in graph["graphsvc.cli.inspections"]}
    assert layer("graphsvc.responsibility.rules") == "domain"
    assert layer("graphsvc.api.routes.matters") == "api"
    assert layer("loaders.forms") == "loaders"
    assert layer("graphsvc") == "core"
