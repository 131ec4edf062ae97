"""The two user forms of seed 003 (附件1 监管事项清单, 附件2 工作计划), loaded from the sample
spreadsheets of data/samples/ into a graph holding the reference fixture of tests/fixtures/forms/."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graphsvc.config import ROOT
from graphsvc.cypher import query
from graphsvc.db import Runner
from loaders.forms import load_matters_form, load_plans_form
from loaders.forms.matters import matter_id
from loaders.forms.plans import plan_id
from loaders.reference import load_reference
from loaders.rows import REPORT_HEADERS, LoadReport
from tests.conftest import TEST_ACTOR, wipe

FIXTURE = ROOT / "tests" / "fixtures" / "forms" / "reference"
SAMPLES = ROOT / "data" / "samples"
MATTERS = "附件1_监管事项清单_雁塔区"
PLANS = "附件2_工作计划_雁塔区"
YANTA = "610113"
GET_MATTER = query("forms/get_matter")
GET_PLAN = query("forms/get_plan")
COUNT_GRAPH = query("forms/count_graph")
FORMATS = ["xlsx", "csv"]


@pytest.fixture
def forms_graph(runner: Runner) -> Runner:
    """A clean graph holding the forms' reference fixture, loaded through the real loader."""
    wipe(runner)
    load_reference(runner, FIXTURE, TEST_ACTOR, partial=False).raise_if_failed()
    return runner


def sample(name: str, fmt: str) -> Path:
    return SAMPLES / f"{name}.{fmt}"


def load_matters(runner: Runner, name: str, fmt: str, **options: Any) -> LoadReport:
    return load_matters_form(runner, sample(name, fmt), YANTA, TEST_ACTOR, **options)


def load_plans(runner: Runner, name: str, fmt: str, **options: Any) -> LoadReport:
    return load_plans_form(runner, sample(name, fmt), YANTA, TEST_ACTOR, **options)


def matter(runner: Runner, name: str, region: str = YANTA) -> dict[str, Any]:
    [row] = runner.read(GET_MATTER, matter_id=matter_id(region, name))
    return row


def plan(runner: Runner, name: str) -> dict[str, Any]:
    [row] = runner.read(GET_PLAN, plan_id=plan_id(YANTA, name))
    return row


def roles(row: dict[str, Any]) -> dict[str, str]:
    return {a["department_id"]: a["role"] for a in row["assignments"]}


def counts(runner: Runner) -> dict[str, int]:
    return runner.read(COUNT_GRAPH)[0]


def rejected(report: LoadReport) -> list[tuple[int, str, str]]:
    return [(e.row, e.column, e.value) for e in report.errors]


# -- cells, pure ----------------------------------------------------------------------------------


# -- 附件1 监管事项清单 ----------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_good_matters_form_loads_every_row(forms_graph: Runner, fmt: str) -> None:
    report = load_matters(forms_graph, MATTERS, fmt)
    assert report.errors == []
    assert report.written == {"Matter": 5, "Assignment": 12}

    canteen = matter(forms_graph, "学校食堂食品安全监督检查")
    assert canteen["domain_id"] == "food"
    assert (canteen["category"], canteen["check_method"], canteen["level"]) == ("行政检查", "双随机抽查", "县")
    assert canteen["subjects_text"] == "学校、托幼机构食堂"
    assert canteen["basis_text"] == "《中华人民共和国食品安全法》第五十七条、第一百一十条"
    assert sorted(canteen["article_ids"]) == ["食品安全法@2021-04-29:110", "食品安全法@2021-04-29:57"]
    assert canteen["source"] == f"{MATTERS}.{fmt} 第5行"
    assert roles(canteen) == {"610113-scjgj": "牵头", "610113-jyj": "配合"}
    for a in canteen["assignments"]:
        assert a["region_id"] == YANTA
        assert a["valid_from"] == date(2024, 3, 15)  # 填报日期 of the form
    assert [a["source"] for a in canteen["assignments"]] == [f"{MATTERS}.{fmt} 第6行", f"{MATTERS}.{fmt} 第5行"]

    gas = matter(forms_graph, "燃气经营企业安全监督检查")
    assert (gas["domain_id"], gas["check_method"], gas["level"]) == ("gas", "现场检查", "县")  # 区县 is 县
    assert sorted(gas["article_ids"]) == ["城镇燃气管理条例@2016-02-06:22.2", "城镇燃气管理条例@2016-02-06:5.2"]
    assert roles(gas) == {"610113-cgj": "牵头", "610113-scjgj": "配合", "610113-yjglj": "配合"}

    chemicals = matter(forms_graph, "危险化学品经营企业安全监督检查")
    assert sorted(chemicals["article_ids"]) == [
        "危险化学品安全管理条例@2013-12-07:6.1.1",
        "危险化学品安全管理条例@2013-12-07:6.1.2",
        "危险化学品安全管理条例@2013-12-07:7",
    ]
    assert roles(chemicals) == {"610113-yjglj": "牵头", "610113-gaj": "配合", "610113-scjgj": "配合"}

    # 雁塔区市场监督管理局 written in full; the 2022 revision is in force on the form's date
    produce = matter(forms_graph, "食用农产品市场销售质量安全监督检查")
    assert produce["article_ids"] == ["农产品质量安全法@2022-09-02:60"]
    assert roles(produce) == {"610113-scjgj": "牵头", "610113-nyj": "配合"}

    # "区　市场监管局 " with an ideographic space; several citations, a range of 项
    sampling = matter(forms_graph, "食品生产经营者抽样检验")
    assert sorted(sampling["article_ids"]) == [
        "食品安全法@2021-04-29:110.1.1",
        "食品安全法@2021-04-29:110.1.2",
        "食品安全法@2021-04-29:110.1.3",
        "食品安全法@2021-04-29:87",
    ]
    assert roles(sampling) == {"610113-scjgj": "牵头", "610113-wjw": "配合"}


def test_xlsx_and_csv_give_the_same_graph(forms_graph: Runner) -> None:
    load_matters(forms_graph, MATTERS, "xlsx").raise_if_failed()
    from_xlsx = counts(forms_graph)
    load_matters(forms_graph, MATTERS, "csv").raise_if_failed()  # the same matters: merged, not added
    assert counts(forms_graph) == from_xlsx
    assert matter(forms_graph, "学校食堂食品安全监督检查")["source"] == f"{MATTERS}.csv 第5行"


@pytest.mark.parametrize("fmt", FORMATS)
def test_loading_a_form_twice_changes_nothing(forms_graph: Runner, fmt: str) -> None:
    load_matters(forms_graph, MATTERS, fmt).raise_if_failed()
    before, gas = counts(forms_graph), matter(forms_graph, "燃气经营企业安全监督检查")
    again = load_matters(forms_graph, MATTERS, fmt)
    assert again.errors == [] and again.written == {"Matter": 5, "Assignment": 12}
    assert counts(forms_graph) == before
    assert matter(forms_graph, "燃气经营企业安全监督检查") == gas


def test_a_dry_run_checks_everything_and_writes_nothing(forms_graph: Runner) -> None:
    before = counts(forms_graph)
    good = load_matters(forms_graph, MATTERS, "xlsx", dry_run=True)
    assert good.errors == [] and good.written == {}
    bad = load_matters(forms_graph, f"{MATTERS}_有误", "xlsx", dry_run=True, partial=True)
    assert len(bad.errors) == 10 and bad.written == {}
    # a dry run says what would load
    assert good.planned == {"Matter": 5, "Assignment": 12} and good.items == (5, 5)
    assert bad.planned == {"Matter": 4, "Assignment": 5} and bad.items == (4, 11)
    assert good.summary(dry_run=True).startswith("试运行(未写入):将载入 事项 5/5 项")
    assert counts(forms_graph) == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_without_partial_a_form_with_mistakes_loads_nothing(forms_graph: Runner, fmt: str) -> None:
    before = counts(forms_graph)
    report = load_matters(forms_graph, f"{MATTERS}_有误", fmt)
    assert len(report.errors) == 10 and report.written == {}
    assert counts(forms_graph) == before


@pytest.mark.parametrize("fmt", FORMATS)
def test_with_partial_the_good_rows_load_and_each_bad_row_is_reported(
    forms_graph: Runner, fmt: str, tmp_path: Path
) -> None:
    report = load_matters(forms_graph, f"{MATTERS}_有误", fmt, partial=True)
    file = f"{MATTERS}_有误.{fmt}"
    assert {e.file for e in report.errors} == {file}
    reasons = {(e.row, e.column): e.reason for e in report.errors}
    assert rejected(report) == [
        (5, "监管部门", "配合单位 区教育局"),
        (7, "监管部门", "区消防大队"),
        (8, "监管层级", "乡镇"),
        (9, "监管部门", "配合单位 区市场监管局"),
        (11, "设定依据", "《食品安全管理法》第一百一十条"),
        (12, "设定依据", "《中华人民共和国食品安全法》第一百六十条"),
        (13, "监管部门", "配合单位 区市场监管局"),
        (14, "监管部门", "配合单位 区应急局"),
        (15, "监管事项", ""),
        (19, "设定依据", "同上"),
    ]
    # a 配合 row before any 牵头 row, and an item without a 牵头 row
    assert reasons[5, "监管部门"] == "配合单位行出现在任何牵头单位行之前"
    assert reasons[13, "监管部门"].startswith("该事项缺少牵头单位行")
    assert reasons[14, "监管部门"] == "所属的第13行未能载入,本行随之未载入"
    # an unknown department: never created, the closest known ones suggested
    assert reasons[7, "监管部门"].startswith("未找到部门「区消防大队」,最接近的是:")
    assert len(reasons[7, "监管部门"].split(":")[1].split("、")) == 3
    assert reasons[8, "监管层级"] == "监管层级应为 省/市/县(或 省级/市级/县级/区县)"
    assert reasons[9, "监管部门"] == "所属的第8行未能载入,本行随之未载入"
    # an unknown law, an article the law does not have, no citation at all
    assert reasons[11, "设定依据"] == (
        "未知的法律法规:《食品安全管理法》第一百一十条,最接近的是:中华人民共和国食品安全法"
    )
    assert reasons[12, "设定依据"] == "《中华人民共和国食品安全法》第一百六十条:2021-04-29 版中没有该条款"
    assert reasons[19, "设定依据"].startswith("无法识别「同上」")
    assert reasons[15, "监管事项"] == "必填项为空"
    # 行政许可 (row 10) and 食品安全领域 (row 16) are words of the open vocabularies now: those items load

    # the good rows: item 1 (row 6, without its unknown 配合 department) and item 9 (rows 17-18)
    assert report.written == {"Matter": 4, "Assignment": 5}
    assert roles(matter(forms_graph, "学校食堂食品安全监督检查")) == {"610113-scjgj": "牵头"}
    assert roles(matter(forms_graph, "燃气用户安全检查")) == {"610113-cgj": "牵头", "610113-zjj": "配合"}
    assert forms_graph.read(GET_MATTER, matter_id=matter_id(YANTA, "燃气经营企业安全监督检查")) == []
    assert not any(
        d["department_id"].endswith("xfjy") for d in matter(forms_graph, "学校食堂食品安全监督检查")["assignments"]
    )

    # --report FILE.csv
    report.write(tmp_path / "report.csv")
    with (tmp_path / "report.csv").open(encoding="utf-8-sig", newline="") as f:
        written = list(csv.reader(f))
    assert tuple(written[0]) == REPORT_HEADERS == ("文件", "行", "列", "值", "原因", "结果")
    assert written[1] == [file, "5", "监管部门", "配合单位 区教育局", "配合单位行出现在任何牵头单位行之前", "未载入"]
    assert len(written) == 1 + 10 + len(report.warnings)


def test_the_date_decides_which_version_of_a_law_is_cited(forms_graph: Runner) -> None:
    report = load_matters(forms_graph, MATTERS, "xlsx", as_of=date(2020, 6, 1))
    reasons = [(e.row, e.reason) for e in report.errors if e.column == "设定依据"]
    # 农产品质量安全法 of 2018 (in force then) has 56 articles; 食品安全法 is here only as amended in 2021
    assert (14, "《中华人民共和国农产品质量安全法》第六十条:2018-10-26 版中没有该条款") in reasons
    assert (5, "《中华人民共和国食品安全法》第五十七条:该法律法规在 2020-06-01 没有有效版本") in reasons
    assert (5, "《中华人民共和国食品安全法》第一百一十条:该法律法规在 2020-06-01 没有有效版本") in reasons
    assert report.written == {}


def test_department_names_are_read_within_the_forms_region(forms_graph: Runner, tmp_path: Path) -> None:
    form = tmp_path / "闵行区.csv"
    form.write_text(
        "序号,监管领域,监管部门,监管事项,设定依据,监管对象,事项类别,检查方式,监管层级\n"
        "1,食品,区市场监管局,餐饮服务食品安全监督检查,《食品安全法》第一百一十条,餐饮服务提供者,行政检查,现场检查,区县\n"
        ",,区住建局,,,,,,\n"
        ",,公安雁塔分局,,,,,,\n",
        encoding="utf-8",
    )
    report = load_matters_form(forms_graph, form, "310112", TEST_ACTOR, partial=True)
    assert rejected(report) == [(4, "监管部门", "公安雁塔分局")]  # 雁塔区's, not 闵行区's
    loaded = matter(forms_graph, "餐饮服务食品安全监督检查", region="310112")
    assert roles(loaded) == {"310112-scjgj": "牵头", "310112-zjj": "配合"}  # 区住建局 is 闵行区建设和管理委员会
    assert {a["region_id"] for a in loaded["assignments"]} == {"310112"}


def test_roles_written_in_the_department_cell(forms_graph: Runner, tmp_path: Path) -> None:
    form = tmp_path / "闵行区.csv"
    form.write_text(
        "序号,监管领域,监管部门,监管事项,设定依据,监管对象,事项类别,检查方式,监管层级\n"
        "1,燃气,牵头：区应急局,燃气安全检查,《城镇燃气管理条例》第五条第二款,燃气企业,检查,现场,县\n"
        ",,区市场监管局（配合）,,,,,,\n"
        ',,"配合单位:区住建局、区 公安分局",,,,,,\n',
        encoding="utf-8",
    )
    load_matters_form(forms_graph, form, "310112", TEST_ACTOR).raise_if_failed()
    assert roles(matter(forms_graph, "燃气安全检查", region="310112")) == {
        "310112-yjglj": "牵头",
        "310112-scjgj": "配合",
        "310112-zjj": "配合",
        "310112-gaj": "配合",
    }


def test_an_unknown_region_or_a_file_that_is_no_form(forms_graph: Runner, tmp_path: Path) -> None:
    report = load_matters_form(forms_graph, sample(MATTERS, "csv"), "999999", TEST_ACTOR)
    assert rejected(report) == [(0, "--region", "999999")]
    other = tmp_path / "other.csv"
    other.write_text("名称,地址\n某公司,某路\n", encoding="utf-8")
    [error] = load_matters_form(forms_graph, other, YANTA, TEST_ACTOR).errors
    assert error.reason.startswith("未找到表头")
    wrong = tmp_path / "form.docx"
    wrong.write_bytes(b"PK")
    assert load_matters_form(forms_graph, wrong, YANTA, TEST_ACTOR).errors[0].reason == "只能读取 .xlsx 或 .csv 文件"


# -- 附件2 工作计划 --------------------------------------------------------------------------------


@pytest.fixture
def with_matters(forms_graph: Runner) -> Runner:
    load_matters(forms_graph, MATTERS, "xlsx").raise_if_failed()
    return forms_graph


@pytest.mark.parametrize("fmt", FORMATS)
def test_the_good_plans_form_loads_every_row(with_matters: Runner, fmt: str) -> None:
    report = load_plans(with_matters, PLANS, fmt)
    assert report.errors == []
    assert report.written == {"InspectionPlan": 4}

    canteens = plan(with_matters, "2024年度学校食堂食品安全联合抽查")
    assert canteens["lead_ids"] == ["610113-scjgj"]
    assert sorted(canteens["cooperating_ids"]) == ["610113-jyj", "610113-wjw"]  # over two rows
    assert canteens["matter_ids"] == [matter_id(YANTA, "学校食堂食品安全监督检查")]
    assert (canteens["ratio"], canteens["frequency_per_year"]) == (0.05, 1.0)
    assert (canteens["start"], canteens["end"]) == (date(2024, 4, 1), date(2024, 10, 31))
    assert canteens["quantity"] == "按5%比例抽查，每年1次"
    assert canteens["subjects_text"] == "全区中小学、幼儿园食堂"
    assert (canteens["region_id"], canteens["source"]) == (YANTA, f"{PLANS}.{fmt} 第6行")

    gas = plan(with_matters, "2024年度燃气安全联合检查")
    assert gas["lead_ids"] == ["610113-cgj"]
    assert sorted(gas["cooperating_ids"]) == ["610113-scjgj", "610113-yjglj"]  # two names in one cell
    assert (gas["ratio"], gas["frequency_per_year"]) == (1.0, 2.0)
    assert (gas["start"], gas["end"]) == (date(2024, 4, 1), date(2024, 12, 31))

    chemicals = plan(with_matters, "危险化学品经营企业专项检查")
    assert (chemicals["ratio"], chemicals["frequency_per_year"]) == (0.1, None)  # 不少于１０％
    assert (chemicals["start"], chemicals["end"]) == (date(2024, 5, 1), date(2024, 9, 30))

    routine = plan(with_matters, "食品生产经营者日常监督检查")
    assert sorted(routine["matter_ids"]) == sorted(["food-001", matter_id(YANTA, "食品生产经营者抽样检验")])
    assert (routine["ratio"], routine["frequency_per_year"], routine["cooperating_ids"]) == (0.03, 4.0, [])


def test_loading_a_plans_form_twice_changes_nothing(with_matters: Runner) -> None:
    load_plans(with_matters, PLANS, "csv").raise_if_failed()
    before, gas = counts(with_matters), plan(with_matters, "2024年度燃气安全联合检查")
    load_plans(with_matters, PLANS, "xlsx").raise_if_failed()
    assert counts(with_matters) == before
    assert {k: v for k, v in plan(with_matters, "2024年度燃气安全联合检查").items() if k != "source"} == {
        k: v for k, v in gas.items() if k != "source"
    }


@pytest.mark.parametrize("fmt", FORMATS)
def test_plans_with_mistakes(with_matters: Runner, fmt: str) -> None:
    before = counts(with_matters)
    all_or_nothing = load_plans(with_matters, f"{PLANS}_有误", fmt)
    assert all_or_nothing.written == {} and counts(with_matters) == before
    assert load_plans(with_matters, f"{PLANS}_有误", fmt, dry_run=True, partial=True).written == {}
    assert counts(with_matters) == before

    report = load_plans(with_matters, f"{PLANS}_有误", fmt, partial=True)
    assert (
        rejected(report)
        == rejected(all_or_nothing)
        == [
            (6, "检查起止时间", "2024年上半年"),
            (7, "检查起止时间", "2024年9月1日至2024年3月31日"),
            (8, "检查数量（比例、频次）", "视情况确定"),
            (9, "监管事项", "网吧消防安全检查"),
            (11, "监管部门", "区消防大队"),
        ]
    )
    reasons = [e.reason for e in report.errors]
    assert reasons[0].startswith("检查起止时间应写作 开始日期至结束日期")
    assert reasons[1] == "结束日期早于开始日期"
    assert reasons[2].startswith("无法识别检查数量")
    assert reasons[3] == "未知的监管事项「网吧消防安全检查」"
    assert reasons[4].startswith("未找到部门「区消防大队」")
    # 区物价局 is a former name: its price duties went to 区市场监管局 in the 2018-2019 reform; loaded, with a warning
    [former] = [w for w in report.warnings if w.value == "区物价局"]
    assert former.row == 10 and former.reason.startswith("「区物价局」按 西安市雁塔区市场监督管理局 理解")

    assert report.written == {"InspectionPlan": 3}
    gas = plan(with_matters, "2024年度燃气安全联合检查")
    assert (gas["lead_ids"], gas["cooperating_ids"]) == (["610113-cgj"], ["610113-scjgj"])
    assert plan(with_matters, "食品生产经营者日常监督检查")["matter_ids"] == ["food-001"]
    assert plan(with_matters, "食用农产品联合抽检")["lead_ids"] == ["610113-scjgj"]  # 区物价局, read as today's


def test_a_corrected_plan_replaces_its_links(with_matters: Runner, tmp_path: Path) -> None:
    header = "序号,综合监管计划名称,监管部门,监管事项,监管对象,检查数量(比例、频次),检查起止时间\n"
    form = tmp_path / "计划.csv"
    form.write_text(
        header + "1,燃气检查,区城管局,燃气经营企业安全监督检查,燃气企业,每年1次,2024年全年\n,,区应急局,,,,\n",
        encoding="utf-8",
    )
    load_plans_form(with_matters, form, YANTA, TEST_ACTOR).raise_if_failed()
    form.write_text(header + "1,燃气检查,区城管局,燃气用户安全检查,燃气企业,每年2次,2024年全年\n", encoding="utf-8")
    assert rejected(load_plans_form(with_matters, form, YANTA, TEST_ACTOR)) == [(2, "监管事项", "燃气用户安全检查")]
    form.write_text(
        header + "1,燃气检查,区应急局,危险化学品经营企业安全监督检查,企业,每年2次,2024年全年\n", encoding="utf-8"
    )
    load_plans_form(with_matters, form, YANTA, TEST_ACTOR).raise_if_failed()
    corrected = plan(with_matters, "燃气检查")
    assert (corrected["lead_ids"], corrected["cooperating_ids"]) == (["610113-yjglj"], [])
    assert corrected["matter_ids"] == [matter_id(YANTA, "危险化学品经营企业安全监督检查")]
    assert corrected["frequency_per_year"] == 2.0
