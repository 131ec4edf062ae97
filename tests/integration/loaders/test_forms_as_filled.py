"""Three 附件1 forms filled the way three offices of 雁塔区 fill them (data/samples/make_forms_as_filled.py), loaded
against the shipped reference data as their authors meant: several departments in one cell with their roles,
short and pre-reform names, open-vocabulary words, articles cited by their 2016 numbers."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import openpyxl

from graphsvc.config import ROOT
from graphsvc.cypher import query
from graphsvc.db import Runner
from loaders.forms import load_matters_form
from loaders.forms.matters import matter_id
from loaders.rows import REPORT_HEADERS, LoadReport
from tests.conftest import TEST_ACTOR

SAMPLES = ROOT / "data" / "samples"
YANTA = "610113"
GET_MATTER = query("forms/get_matter")


def load(runner: Runner, name: str, **options: Any) -> LoadReport:
    return load_matters_form(runner, SAMPLES / name, YANTA, TEST_ACTOR, **options)


def matter(runner: Runner, name: str) -> dict[str, Any]:
    [row] = runner.read(GET_MATTER, matter_id=matter_id(YANTA, name))
    return row


def roles(row: dict[str, Any]) -> dict[str, str]:
    return {a["department_id"]: a["role"] for a in row["assignments"]}


def warnings(report: LoadReport) -> list[tuple[int, str, str]]:
    return [(w.row, w.column, w.reason) for w in report.warnings]


def test_the_education_bureau_writes_several_departments_in_one_cell(graph: Runner, tmp_path: Path) -> None:
    report = load(graph, "附件1_雁塔区教育局_一格多部门.xlsx")
    assert report.errors == []
    assert report.written == {"Matter": 3, "Assignment": 7}
    canteen = matter(graph, "学校食堂食品安全监督检查")
    assert roles(canteen) == {"610113-scjgj": "牵头", "610113-jyj": "配合", "610113-wjw": "配合"}
    assert canteen["check_method"] == "现场检查" and canteen["check_method_text"] == "日常检查、联合检查"
    assert canteen["domain_id"] == "food" and canteen["domain_text"] == "食品安全"
    assert sorted(canteen["article_ids"]) == ["食品安全法@2021-04-29:110.1.1", "食品安全法@2021-04-29:110.1.2"]
    assert {a["valid_from"].isoformat() for a in canteen["assignments"]} == {"2026-03-10"}  # 填报日期
    # 区教体局 is the 教育局; the county's 消防救援大队 belongs to the city's 支队, the department on record
    fire = matter(graph, "校外培训机构消防安全检查")
    assert roles(fire) == {"610113-jyj": "牵头", "610100-xfjy": "配合"}
    assert fire["category"] == "行政检查" and fire["level"] == "县"
    # 学校安全 is no domain of the catalogue: kept as written, without a domain link, with a warning
    assert fire["domain_id"] is None and fire["domain_text"] == "学校安全"
    said = warnings(report)
    assert (5, "监管领域", "监管领域「学校安全」不在词表中,按原文记录;可由编办添加映射") in said
    assert any(
        r == 5 and c == "监管部门" and w.startswith("「区教体局」按 西安市雁塔区教育局 理解") for r, c, w in said
    )
    assert any(r == 5 and w.startswith("「区消防救援大队」按 西安市消防救援支队 理解") for r, _, w in said)
    assert roles(matter(graph, "学校食堂燃气使用安全检查")) == {"610113-cgj": "牵头", "610113-jyj": "配合"}

    # the report a person reads: Chinese headers, the warnings of rows that loaded
    report.write(tmp_path / "报告.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "报告.xlsx").active
    assert sheet is not None
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == REPORT_HEADERS
    assert {r[5] for r in rows[1:]} == {"已载入(提示)"} and len(rows) == 1 + len(report.warnings)


def test_the_emergency_bureau_splits_lead_and_cooperating_columns(graph: Runner) -> None:
    report = load(graph, "附件1_雁塔区应急管理局_牵头配合分列.csv")
    assert report.errors == []
    assert report.items == (3, 3) and report.rows == (4, 4)
    hazchem = matter(graph, "危险化学品经营企业安全检查")
    assert roles(hazchem) == {"610113-yjglj": "牵头", "610113-scjgj": "配合", "610113-gaj": "配合"}
    assert hazchem["check_method"] == "双随机抽查"
    # 区安监局 became the 应急管理局 in the 2018-2019 reform
    building = matter(graph, "建筑施工企业安全生产检查")
    assert roles(building) == {"610113-yjglj": "牵头", "610113-zjj": "配合", "610113-cgj": "配合"}
    assert sorted(building["article_ids"]) == ["安全生产法@2021-06-10:10.1", "安全生产法@2021-06-10:10.2"]
    assert any(w.value == "区安监局" and "2018-2019年机构改革并入应急管理局" in w.reason for w in report.warnings)
    gas = matter(graph, "瓶装液化气经营企业安全检查")
    assert gas["check_method"] == "非现场检查" and gas["check_method_text"] == "网络监测、现场检查"


def test_the_health_bureau_cites_articles_by_their_2016_numbers(graph: Runner) -> None:
    report = load(graph, "附件1_雁塔区卫生健康局_旧条号.xlsx")
    assert report.errors == []
    registration = matter(graph, "医疗机构执业登记事后监管")
    assert roles(registration) == {"610113-wjw": "牵头", "610113-ybj": "配合"}
    # 第十七条第一款 of 2016 is 第十六条第一款 of the version in force: the current article is cited
    assert registration["article_ids"] == ["医疗机构管理条例@2022-03-29:16.1"]
    assert registration["check_method"] == "非现场检查" and registration["domain_id"] == "medical"
    said = {w.row: w.reason for w in report.warnings if w.column == "设定依据"}
    assert said[4] == (
        "《医疗机构管理条例》第十七条第一款 是 2016-02-06 版的条号,现行 2022-03-29 版为第十六条第一款,已按现行条款载入"
    )
    # 第四十四条: the number the graph knows in the 2016 version only, its current article unknown
    unlicensed = matter(graph, "无证行医查处")
    assert unlicensed["article_ids"] == ["医疗机构管理条例@2016-02-06:44"]
    assert said[5].startswith("《医疗机构管理条例》第四十四条 见于 2016-02-06 版")
    assert roles(unlicensed) == {"610113-wjw": "牵头", "610113-scjgj": "配合"}  # 区卫计局: the pre-2018 name
    # an unknown 检查方式 is kept as written, with a warning, and loads
    assert unlicensed["check_method"] is None and unlicensed["check_method_text"] == "投诉举报核查"
    assert unlicensed["category"] == "行政处罚"
    funds = matter(graph, "定点医药机构医保基金使用监督检查")
    assert roles(funds) == {"610113-ybj": "牵头", "610113-wjw": "配合", "610113-scjgj": "配合"}  # 区卫健委
    assert funds["domain_id"] == "medical"


def test_a_dry_run_says_what_would_load(graph: Runner, tmp_path: Path) -> None:
    report = load(graph, "附件1_雁塔区卫生健康局_旧条号.xlsx", dry_run=True)
    assert report.written == {} and report.planned == {"Matter": 3, "Assignment": 7}
    assert report.summary(dry_run=True).startswith("试运行(未写入):将载入 事项 3/3 项,数据行 6/6 行")
    assert graph.read(GET_MATTER, matter_id=matter_id(YANTA, "无证行医查处")) == []
    report.write(tmp_path / "报告.csv")
    with (tmp_path / "报告.csv").open(encoding="utf-8-sig", newline="") as f:
        assert tuple(next(csv.reader(f))) == ("文件", "行", "列", "值", "原因", "结果")


def test_two_leads_in_one_cell_are_still_one_too_many(graph: Runner, tmp_path: Path) -> None:
    form = tmp_path / "两个牵头.csv"
    form.write_text(
        "序号,监管领域,监管部门,监管事项,设定依据,监管对象,事项类别,检查方式,监管层级\n"
        "1,燃气,区城管局（牵头）、区应急局（牵头）,燃气安全检查,《城镇燃气管理条例》第五条第二款,燃气企业,检查,现场,县\n",
        encoding="utf-8",
    )
    [error] = load_matters_form(graph, form, YANTA, TEST_ACTOR).errors
    assert error.row == 2 and error.reason.startswith("牵头单位只能填一个")
