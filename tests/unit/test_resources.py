"""Files the service reads at run time ship in the wheel: every resource() it asks for is force-included by
pyproject.toml, and resource() prefers the wheel's copy to the checkout's."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from graphsvc import config
from graphsvc.config import ROOT

# Built at image time into the package (Dockerfile), never present when a wheel is built from a checkout.
BUILT_ELSEWHERE = {"web/dist"}


def requested() -> set[str]:
    """The literal names passed to resource() anywhere in the service and its loaders."""
    names = set()
    for package in ("graphsvc", "loaders"):
        for path in (ROOT / package).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Call)
                    and isinstance(node.func, ast.Name)
                    and node.func.id == "resource"
                    and node.args
                    and isinstance(node.args[0], ast.Constant)
                ):
                    names.add(str(node.args[0].value))
    return names


def test_every_resource_the_service_reads_is_shipped_in_the_wheel() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shipped = project["tool"]["hatch"]["build"]["targets"]["wheel"]["force-include"]
    assert all(target == f"graphsvc/resources/{source}" for source, target in shipped.items())
    names = requested()
    assert {"cypher", "data/reference", "data/vocab", "tools/neo4j/pom.xml"} <= names
    unshipped = {
        n for n in names - BUILT_ELSEWHERE if not any(n == s or n.startswith(s.rstrip("/") + "/") for s in shipped)
    }
    assert unshipped == set()
    assert all((ROOT / source).exists() for source in shipped)


def test_the_wheel_copy_wins_over_the_checkout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config, "PACKAGED", tmp_path)
    assert config.resource("data/vocab") == ROOT / "data" / "vocab"  # no packaged copy: the checkout's
    (tmp_path / "data" / "vocab").mkdir(parents=True)
    assert config.resource("data/vocab") == tmp_path / "data" / "vocab"
