"""Writes from the model, without a database: the generated per-label upserts agree with model.yaml, the loaders run
them, and rows missing a required property are refused in Chinese (tests/integration/core/test_writes.py runs them)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from graphsvc import writes
from graphsvc.errors import InvalidInput
from graphsvc.model import MODEL_FILE, GraphModel, load_model
from graphsvc.schema import UPSERT_DIR
from loaders.rows import LoadReport
from loaders.table import Column, Known, TableSpec, parse_table

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
