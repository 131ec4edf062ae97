"""The initial import's files (loaders/bulk_import.py) without a server: bad rows refused as the loaders refuse them,
empty lists kept for the fix-up neo4j-admin needs, and that fix-up's statement covering every list of the model."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graphsvc.cypher import CYPHER_DIR
from graphsvc.errors import InvalidInput
from loaders.bulk_import import Catalogue, CatalogueNode, Stamp, list_properties, write_import_files
from loaders.entities import SPECS
from loaders.rows import LoadReport
from loaders.table import parse_table

GOOD = "91150102MAB6FUCJ8E"
HEADER = "id,name,kind,type_ids,industry_code,address,region_id,credit_grade,risk_class,tags"
STAMP = Stamp("test:pytest", datetime(2026, 11, 27, tzinfo=UTC))


def catalogue() -> Catalogue:
    nodes = [
        CatalogueNode(("Region",), {"id": "150102", "name": "新城区"}),
        CatalogueNode(("SubjectType",), {"id": "food-producer", "name": "食品生产者"}),
        CatalogueNode(("Department",), {"id": "150102-scjgj", "name": "新城区市场监督管理局"}),
    ]
    return Catalogue(nodes, [], {})


def write(folder: Path, name: str, *lines: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_bad_row_is_refused_with_the_loaders_errors_and_nothing_more_is_written(tmp_path: Path) -> None:
    files = tmp_path / "files"
    write(
        files,
        "subjects.csv",
        HEADER,
        f"{GOOD},新城食品厂,企业,food-producer,C14,,150102,A,低,",
        "91150102MAB6FUCJ8F,坏的代码,企业,food-producer,C14,,150102,A,低,",
    )
    write(
        files,
        "inspectors.csv",
        "id,name,cert_no,department_id,qualifications,specialties",
        "insp-1,张三,Z-1,150102-nope,,",
    )
    work = tmp_path / "work"
    work.mkdir()

    report = write_import_files(files, work, catalogue(), STAMP)

    # The errors the Cypher loaders give for the same files (their check before any write).
    expected = LoadReport()
    known = catalogue().known()
    for kind in ("subjects", "inspectors"):
        parse_table(SPECS[kind], files / SPECS[kind].file, known, expected)
    assert report.problems.errors == expected.errors
    assert [(e.file, e.row, e.column) for e in report.problems.errors] == [
        ("subjects.csv", 3, "id"),
        ("inspectors.csv", 2, "department_id"),
    ]
    assert report.problems.errors[0].reason == "统一社会信用代码校验位错误:第 18 位应为 E,而非 F"
    assert report.problems.errors[1].reason == "未知的部门编号"
    with pytest.raises(InvalidInput, match="subjects.csv 第 3 行「id」") as refused:
        report.problems.raise_if_failed()
    assert refused.value.details[1]["file"] == "inspectors.csv"
    # The good subject was written before the bad row was met; nothing of the inspectors file was.
    assert report.nodes["Subject"] == 1 and report.nodes["Inspector"] == 0


def test_empty_lists_are_left_out_of_the_files_and_listed_for_the_fix_up(tmp_path: Path) -> None:
    files = tmp_path / "files"
    write(files, "subjects.csv", HEADER, f"{GOOD},新城食品厂,企业,food-producer,C14,,150102,A,低,")
    work = tmp_path / "work"
    work.mkdir()
    with_aliases = replace(
        catalogue(), nodes=[*catalogue().nodes, CatalogueNode(("Function",), {"id": "f", "aliases": []})]
    )

    report = write_import_files(files, work, with_aliases, STAMP)

    assert not report.problems.errors
    assert report.empty_lists == {("Subject", "tags"): [GOOD], ("Function", "aliases"): ["f"]}
    [subjects] = work.glob("nodes-*-Subject.csv")
    header, row = subjects.read_text(encoding="utf-8").splitlines()
    cells = dict(zip(header.split(","), row.split(","), strict=True))
    assert cells["tags:string[]"] == "" and cells["caption"] == '"新城食品厂"' and cells["address"] == ""
    assert cells["created_at:datetime"] == '"2026-11-27T00:00:00+00:00"'


def test_the_fix_up_statement_has_a_branch_for_every_label_with_a_list() -> None:
    text = (CYPHER_DIR / "admin" / "restore_empty_lists.cypher").read_text(encoding="utf-8")
    branches = re.findall(
        r"CASE \$label WHEN '(\w+)' THEN \[id\] ELSE \[\] END AS key MATCH \(n:(\w+) \{id: key\}\)", text
    )
    assert len(branches) == text.count("UNION") + 1  # every branch has the shape that lets only its label's ids in
    assert {label for label, same in branches if label == same} == set(list_properties())
