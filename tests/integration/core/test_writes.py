"""Writes from the model on the real database: each merge policy of a generated upsert, and the Runner holding every
statement to its `// returns:` header at run time."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphsvc import writes
from graphsvc.cypher import Query, parse_file
from graphsvc.db import ReturnsMismatch, Runner
from graphsvc.model import GraphModel


def _statement(tmp_path: Path, name: str, text: str) -> Query:
    (tmp_path / "probe").mkdir(exist_ok=True)
    path = tmp_path / "probe" / f"{name}.cypher"
    path.write_text(text, encoding="utf-8")
    return parse_file(path, tmp_path)


# -- merge policies on the database -----------------------------------------------------------------

PROBE_MODEL = {
    "base_properties": {p: {"type": "string"} for p in ("id", "created_at", "created_by", "updated_at", "updated_by")},
    "labels": {"Probe": {"doc": "x", "properties": {p: {"type": "string"} for p in "abcde"}}},
    "writes": {
        "Probe": {
            "required": ["id"],
            "properties": {
                "id": {"zh": "编号"},
                "a": {"zh": "甲"},
                "b": {"zh": "乙", "merge": "keep_if_null"},
                "c": {"zh": "丙", "merge": "keep_first"},
                "d": {"zh": "丁", "merge": "on_create"},
                "e": {"zh": "戊", "merge": "none"},
            },
        }
    },
}


def test_each_merge_policy_on_the_database(runner: Runner, tmp_path: Path) -> None:
    model = GraphModel.model_validate(PROBE_MODEL)
    upsert = _statement(tmp_path, "upsert_probe", writes.render(model)["upsert_probe.cypher"])
    read = _statement(
        tmp_path,
        "get_probe",
        "// mode: read\n// params: id\n// returns: a, b, c, d, e, created_by, updated_by, created_at, updated_at\n"
        "MATCH (n:Probe {id: $id}) RETURN n.a AS a, n.b AS b, n.c AS c, n.d AS d, n.e AS e,\n"
        "  n.created_by AS created_by, n.updated_by AS updated_by,\n"
        "  n.created_at AS created_at, n.updated_at AS updated_at",
    )
    drop = _statement(tmp_path, "drop", "// mode: write\n// params: id\nMATCH (n:Probe {id: $id}) DETACH DELETE n")
    try:
        runner.write(upsert, rows=[{"id": "p1", "a": "a1", "b": "b1", "c": "c1", "d": "d1", "e": "e1"}], actor="甲")
        [first] = runner.read(read, id="p1")
        assert {k: first[k] for k in "abcde"} == {"a": "a1", "b": "b1", "c": "c1", "d": "d1", "e": None}
        # a absent: kept; b null: kept (keep_if_null); c, d: the stored value wins; e is never written.
        runner.write(upsert, rows=[{"id": "p1", "b": None, "c": "c2", "d": "d2", "e": "e2"}], actor="乙")
        [second] = runner.read(read, id="p1")
        assert {k: second[k] for k in "abcde"} == {"a": "a1", "b": "b1", "c": "c1", "d": "d1", "e": None}
        assert (second["created_by"], second["updated_by"]) == ("甲", "乙")
        assert second["created_at"] == first["created_at"] and second["updated_at"] >= first["updated_at"]
        # A null under overwrite erases; keep_if_null takes a new value.
        runner.write(upsert, rows=[{"id": "p1", "a": None, "b": "b3"}], actor="乙")
        [third] = runner.read(read, id="p1")
        assert (third["a"], third["b"], third["c"]) == (None, "b3", "c1")
    finally:
        runner.write(drop, id="p1")


# -- the returns header at run time -----------------------------------------------------------------


def test_a_statement_whose_returns_header_lies_fails(runner: Runner, tmp_path: Path) -> None:
    lying = _statement(tmp_path, "lying", "// mode: read\n// params: x\n// returns: x\nRETURN $x AS x, 1 AS y")
    with pytest.raises(ReturnsMismatch, match=r"probe/lying: returns \['x', 'y'\], but its header declares \['x'\]"):
        runner.read(lying, x=1)
    with pytest.raises(ReturnsMismatch):
        runner.reading(lambda r: r.read(lying, x=1))
    # No row at all: the columns are still checked.
    empty = _statement(
        tmp_path,
        "empty",
        "// mode: read\n// params: id\n// returns: name\nMATCH (r:Region {id: $id}) RETURN r.id AS id",
    )
    with pytest.raises(ReturnsMismatch, match="returns \\['id'\\]"):
        runner.read(empty, id="no-such-region")
    truthful = _statement(tmp_path, "truthful", "// mode: read\n// params: x\n// returns: x, y\nRETURN $x AS x, 1 AS y")
    assert runner.read(truthful, x=1) == [{"x": 1, "y": 1}]


def test_a_write_whose_returns_header_lies_is_rolled_back(runner: Runner, tmp_path: Path) -> None:
    write = _statement(
        tmp_path,
        "lying_write",
        "// mode: write\n// params: id, actor\n// returns: region_id\n"
        "MERGE (r:Region {id: $id}) ON CREATE SET r.created_by = $actor RETURN r.id AS id",
    )
    count = _statement(
        tmp_path,
        "count",
        "// mode: read\n// params: id\n// returns: n\nMATCH (r:Region {id: $id}) RETURN count(r) AS n",
    )
    with pytest.raises(ReturnsMismatch):
        runner.write(write, id="999999-lying", actor="test:writes")
    assert runner.read(count, id="999999-lying") == [{"n": 0}]
