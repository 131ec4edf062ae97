"""Entity loaders (loaders/entities.py) on the hand-written samples in data/samples/entities/."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import pytest

from graphsvc.config import ROOT
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import InvalidInput
from loaders.entities import load_entities, load_folder
from tests.conftest import TEST_ACTOR
from tests.support.graph import entity_facts

SAMPLES = ROOT / "data" / "samples" / "entities"
COUNT_NODES = query("admin/count_nodes_by_label")
HOSTILE = "'); MATCH (n) DETACH DELETE n //"

# Every bad row of the samples: (file, row as the spreadsheet shows it, column, what the reason says).
EXPECTED_ERRORS = {
    ("subjects.csv", 5, "id", "校验位错误:第 18 位应为 B,而非 C"),
    ("subjects.csv", 6, "id", "应为 18 位,此处为 17 位"),
    ("subjects.csv", 7, "region_id", "未知的行政区划编号"),
    ("subjects.csv", 8, "credit_grade", "应为 A/B/C/D 之一"),
    ("subjects.csv", 9, "id", "重复的编号"),
    ("licences.csv", 5, "issuer_id", "未知的部门编号"),
    ("licences.csv", 6, "valid_to", "有效期止早于有效期起"),
    ("licences.csv", 7, "valid_from", "日期应写作 YYYY-MM-DD"),
    ("licences.csv", 8, "subject_id", "未知的监管对象编号"),  # its subject was rejected above
    ("licences.csv", 9, "kind", "改为备案"),
    ("inspectors.csv", 5, "department_id", "未知的部门编号"),
    ("inspectors.csv", 6, "name", "必填项为空"),
    ("conflicts.csv", 3, "inspector_id", "未知的执法检查人员编号"),
    ("conflicts.csv", 4, "reason", "必填项为空"),
    ("tasks.csv", 5, "window_end", "结束日期早于开始日期"),
    ("tasks.csv", 6, "kind", "应为 双随机/专项/日常/重点 之一"),
    ("tasks.csv", 7, "matter_ids", "未知的监管事项编号 no-such-matter"),
    ("tasks.csv", 8, "done_on", "须填写完成日期"),
    ("tasks.csv", 9, "id", "格式不符"),
    ("clues.csv", 4, "channel", "应为 12345热线/"),
    ("clues.csv", 5, "received_at", "时间应写作"),
    ("clues.csv", 6, "region_id", "未知的行政区划编号"),
    ("referrals.csv", 7, "to_department_id", "接收部门与发送部门相同"),
    ("referrals.csv", 8, "acknowledged_at", "签收时间早于发送时间"),
    ("referrals.csv", 9, "from_department_id", "上一跳已把线索交给 610113-cgj"),
    ("referrals.csv", 10, "clue_id", "未知的问题线索编号"),  # its clue was rejected above
}
GOOD_ROWS = {"Subject": 3, "Licence": 3, "Inspector": 3, "CONFLICT_WITH": 1, "InspectionTask": 3, "Clue": 2}
GOOD_ROWS |= {"Referral": 5}


def entity_counts(runner: Runner) -> dict[str, int]:
    counts = {row["label"]: row["count"] for row in runner.read(COUNT_NODES)}
    return {label: counts.get(label, 0) for label in ("Subject", "Licence", "Inspector", "InspectionTask", "Clue")}


def matches(errors: list[Any], expected: set[tuple[str, int, str, str]]) -> bool:
    found = {(e.file, e.row, e.column) for e in errors}
    return found == {x[:3] for x in expected} and all(
        any(e.reason.find(reason) >= 0 for e in errors if (e.file, e.row, e.column) == (f, r, c))
        for f, r, c, reason in expected
    )


def test_partial_load_keeps_good_rows_and_reports_each_bad_one(graph: Runner) -> None:
    before = graph.read(COUNT_NODES)
    report = load_folder(graph, SAMPLES, TEST_ACTOR, partial=True)
    assert matches(report.errors, EXPECTED_ERRORS), sorted((e.file, e.row, e.column, e.reason) for e in report.errors)
    assert report.written == GOOD_ROWS
    assert entity_counts(graph) == {"Subject": 3, "Licence": 3, "Inspector": 3, "InspectionTask": 3, "Clue": 2}
    # Hostile strings are data: stored verbatim, and the reference graph is untouched.
    loaded = {row["id"]: row for row in entity_facts(graph)}
    assert loaded["91610113MA6W7X3C2U"]["properties"]["name"] == HOSTILE
    assert loaded["ref-sample-4"]["properties"]["reason"] == HOSTILE
    untouched = {row["label"]: row["count"] for row in before}
    after = {row["label"]: row["count"] for row in graph.read(COUNT_NODES)}
    assert all(after[label] == count for label, count in untouched.items())
    # A time without an offset is Beijing time; chains are linked hop to hop.
    assert loaded["clue-sample-2"]["properties"]["received_at"].isoformat() == "2025-04-10T14:00:00+08:00"
    assert ["NEXT_HOP", "ref-sample-2", None] in loaded["ref-sample-1"]["links"]
    assert ["CONFLICT_WITH", "91310112MA1FL8B33W", "近亲属在该单位任职"] in loaded["insp-sample-1"]["links"]


def test_without_partial_nothing_is_written(graph: Runner) -> None:
    report = load_folder(graph, SAMPLES, TEST_ACTOR)
    assert matches(report.errors, EXPECTED_ERRORS)
    assert report.written == {}
    assert set(entity_counts(graph).values()) == {0}
    with pytest.raises(InvalidInput, match="26 处数据有误,例如 subjects.csv 第 5 行「id」"):
        report.raise_if_failed()


def test_a_single_file_loads_in_full_or_not_at_all(graph: Runner, tmp_path: Path) -> None:
    report = load_entities(graph, "subjects", SAMPLES / "subjects.csv", TEST_ACTOR)
    assert {(e.file, e.row) for e in report.errors} == {("subjects.csv", row) for row in range(5, 10)}
    assert entity_counts(graph)["Subject"] == 0
    # The good rows alone, under another file name: a dry run writes nothing, a load writes all and reports progress.
    good = tmp_path / "主体名录.csv"
    with (SAMPLES / "subjects.csv").open(encoding="utf-8") as f:
        rows = list(csv.reader(f))
    with good.open("w", encoding="utf-8-sig", newline="") as f:
        csv.writer(f).writerows(rows[:4])
    assert load_entities(graph, "subjects", good, TEST_ACTOR, dry_run=True).errors == []
    assert entity_counts(graph)["Subject"] == 0
    batches: list[int] = []
    report = load_entities(graph, "subjects", good, TEST_ACTOR, batch_size=2, progress=batches.append)
    assert report.errors == [] and report.written == {"Subject": 3}
    assert batches == [2, 1]
    # Later files may name what earlier loads wrote: the licences of those subjects now load one by one.
    report = load_entities(graph, "licences", SAMPLES / "licences.csv", TEST_ACTOR, partial=True)
    assert report.written == {"Licence": 3}
    with pytest.raises(InvalidInput, match="未知的数据类别"):
        load_entities(graph, "companies", good, TEST_ACTOR)


def test_loading_twice_changes_nothing(graph: Runner, tmp_path: Path) -> None:
    load_folder(graph, SAMPLES, TEST_ACTOR, partial=True)
    first = entity_facts(graph)
    load_folder(graph, SAMPLES, TEST_ACTOR, partial=True)
    assert entity_facts(graph) == first
    # A corrected row replaces what it says, links included: the subject moves to 七宝镇.
    moved = tmp_path / "subjects.csv"
    text = (SAMPLES / "subjects.csv").read_text(encoding="utf-8").splitlines()
    moved.write_text("\n".join([text[0], text[1].replace("310112101", "310112102")]) + "\n", encoding="utf-8")
    load_entities(graph, "subjects", moved, TEST_ACTOR)
    links = {row["id"]: row["links"] for row in entity_facts(graph)}["91310112MA1FL8B33W"]
    assert [link[:2] for link in links if link[0] == "LOCATED_IN"] == [["LOCATED_IN", "310112102"]]
