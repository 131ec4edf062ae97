"""Writes from the model: the generated per-label upserts agree with model.yaml, apply each merge policy on the real
database, refuse rows missing a required property in Chinese; and the Runner holds every statement to its
`// returns:` header at run time."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from graphsvc import writes
from graphsvc.cypher import Query, parse_file
from graphsvc.db import ReturnsMismatch, Runner
from graphsvc.errors import InvalidInput
from graphsvc.model import MODEL_FILE, GraphModel, load_model
from graphsvc.schema import UPSERT_DIR
from loaders.rows import LoadReport
from loaders.table import Column, Known, TableSpec, parse_table


def _statement(tmp_path: Path, name: str, text: str) -> Query:
    (tmp_path / "probe").mkdir(exist_ok=True)
    path = tmp_path / "probe" / f"{name}.cypher"
    path.write_text(text, encoding="utf-8")
    return parse_file(path, tmp_path)


# -- generated files --------------------------------------------------------------------------------


def test_generated_upserts_are_up_to_date_with_the_model() -> None:
    files = writes.render(load_model())
    assert sorted(p.name for p in UPSERT_DIR.glob("*.cypher")) == sorted(files), "run `graphsvc schema export`"
    for name, text in files.items():
        assert (UPSERT_DIR / name).read_text(encoding="utf-8") == text, f"run `graphsvc schema export` ({name})"


def test_loaders_run_the_generated_upserts() -> None:
    from loaders import law_text, reference

    by_label = {spec.name: spec.query.name for spec in reference.SPECS if writes.label_of(spec.query)}
    assert by_label == {label: writes.upsert(label).name for label in load_model().writes}
    assert writes.label_of(law_text.UPSERT_ARTICLES) == "Article"
    assert writes.label_of(law_text.UPSERT_BASIS_VERSIONS) == "BasisVersion"


def test_a_property_added_without_saying_how_it_is_written_fails_at_load() -> None:
    data = yaml.safe_load(MODEL_FILE.read_text(encoding="utf-8"))
    data["labels"]["Region"]["properties"]["population"] = {"type": "int"}
    with pytest.raises(ValueError, match=r"writes.Region: properties missing \['population'\]"):
        GraphModel.model_validate(data)
    data = yaml.safe_load(MODEL_FILE.read_text(encoding="utf-8"))
    data["writes"]["Article"]["link"]["type"] = "HAS_VERSION"
    with pytest.raises(ValueError, match="HAS_VERSION is not declared for BasisVersion → Article"):
        GraphModel.model_validate(data)


# -- required properties ----------------------------------------------------------------------------


def test_a_row_missing_a_required_property_is_refused_in_chinese() -> None:
    rows: list[dict[str, Any]] = [
        {"id": "610113", "name": "雁塔区", "level": "县"},
        {"id": "610114", "level": "县"},
        {"id": "610115", "name": "", "level": "县"},
    ]
    with pytest.raises(InvalidInput) as caught:
        writes.require("Region", rows, "regions.csv")
    assert caught.value.message == "2 处必填字段缺失,例如 regions.csv 第 2 行「名称」(name):缺少该字段"
    assert caught.value.details == [
        {"row": 2, "field": "name", "field_zh": "名称", "reason": "缺少该字段"},
        {"row": 3, "field": "name", "field_zh": "名称", "reason": "必填项为空"},
    ]
    # The parent a row must name is required too, under its Chinese name.
    article = {"id": "x", "number": 1, "label": "第一条"}
    assert writes.missing("Article", [article]) == [writes.MissingField(1, "version_id", "所属法律版本", "缺少该字段")]
    writes.require("Region", rows[:1])  # a complete row passes


def test_a_table_row_the_model_refuses_is_reported_and_the_good_rows_stay(tmp_path: Path) -> None:
    # The columns let name be empty; the model requires it: the row is reported with the field's Chinese name.
    (tmp_path / "domains.csv").write_text("id,name\nfood,食品\ngas,\n", encoding="utf-8")
    spec = TableSpec("domains.csv", "Domain", writes.upsert("Domain"), [Column("id", required=True), Column("name")])
    report = LoadReport()
    rows = parse_table(spec, tmp_path / "domains.csv", Known(), report)
    assert [r["id"] for r in rows] == ["food"]
    assert [(e.file, e.row, e.column, e.reason) for e in report.errors] == [
        ("domains.csv", 3, "name", "「领域名称」必填项为空")
    ]


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
