"""The 权责清单 and 监管事项目录清单 loader, on lists generated from the reference catalogue with the mistakes real
lists have (loaders/synthetic/powers.py), against the shipped reference data."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphsvc.config import ROOT
from graphsvc.cypher import query
from graphsvc.db import Runner
from loaders.powers import load_powers, power_id, read_list
from loaders.synthetic.powers import generate_powers
from tests.conftest import TEST_ACTOR

REFERENCE = ROOT / "data" / "reference"
YANTA = "610113"
GET_MATTER = query("forms/get_matter")
COUNT = query("forms/count_graph")


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("powers")
    generate_powers(REFERENCE, YANTA, "西安市雁塔区", "县", out, rows=700, seed=7)
    return out


def test_a_generated_list_loads_its_good_rows_and_reports_the_rest(graph: Runner, lists: Path) -> None:
    path = lists / "权责清单_610113.xlsx"
    before = graph.read(COUNT)[0]
    strict = load_powers(graph, path, YANTA, TEST_ACTOR)
    assert strict.written == {} and graph.read(COUNT)[0] == before  # without --partial: nothing

    report = load_powers(graph, path, "雁塔区", TEST_ACTOR, partial=True)  # the region by name
    reasons = [e.reason for e in report.errors]
    assert len(report.errors) == 4, reasons
    assert any(r.startswith("事项编码与第") and r.endswith("行重复") for r in reasons)
    assert "事项名称为空" in reasons
    assert any(r.startswith("未找到部门「区招商服务局」") for r in reasons)
    assert "《中华人民共和国食品安全法》第二百零一条:2021-04-29 版中没有该条款" in reasons
    total = len(read_list(path).rows)
    assert report.items == (total - 4, total) and report.written["Matter"] == total - 4
    assert report.written["Assignment"] >= total - 4

    warned = " ".join(w.reason for w in report.warnings)
    assert "理解" in warned  # 区卫健委, 区食药监局 … read as today's departments
    assert "未收录于本系统,按原文记录" in warned  # 陕西省食品小作坊小餐饮及摊贩管理条例
    assert "未写明具体条款,按原文记录" in warned  # 《中华人民共和国行政处罚法》 as a whole

    # a 子项 keeps its 主项 and its 事项编码
    first = read_list(path).rows
    sub = next(r for r in first if r.cells.get("sub") and r.cells.get("code"))
    [row] = graph.read(GET_MATTER, matter_id=power_id(YANTA, sub.cells["code"], sub.cells["sub"]))
    assert row["code"] == sub.cells["code"] and row["parent_id"] and row["parent_id"].startswith("power-610113-")
    assert row["assignments"] and row["article_ids"]

    loaded = graph.read(COUNT)[0]
    again = load_powers(graph, path, YANTA, TEST_ACTOR, partial=True)
    assert again.written == report.written and graph.read(COUNT)[0] == loaded  # loading twice changes nothing


def test_a_catalogue_of_one_department_takes_its_department(graph: Runner, lists: Path) -> None:
    path = lists / "监管事项目录清单_610113.csv"
    without = load_powers(graph, path, YANTA, TEST_ACTOR, dry_run=True)
    assert without.errors and without.errors[0].reason.startswith("实施主体为空")
    report = load_powers(graph, path, YANTA, TEST_ACTOR, department="区市场监管局", dry_run=True, partial=True)
    assert not any(e.reason.startswith("实施主体为空") for e in report.errors)
    assert report.planned["Matter"] > 0 and report.written == {}


def test_a_file_that_is_no_list_or_a_region_that_does_not_exist(graph: Runner, tmp_path: Path) -> None:
    other = tmp_path / "其他.csv"
    other.write_text("名称,地址\n某公司,某路\n", encoding="utf-8")
    [error] = load_powers(graph, other, YANTA, TEST_ACTOR).errors
    assert error.reason.startswith("未找到表头")
    [error] = load_powers(graph, other, "火星区", TEST_ACTOR).errors
    assert error.column == "--region" and error.reason.startswith("未知的行政区划「火星区」")


def test_a_list_that_disagrees_with_the_law_is_flagged(graph: Runner, tmp_path: Path) -> None:
    """食品安全法 第一百一十条 names the 食品安全监督管理部门; a list giving the power to 区文旅局 loads, with a
    warning for the 编办; 区工商局 under a pre-2018 wording of the law is no disagreement."""
    path = tmp_path / "权责清单.csv"
    path.write_text(
        "序号,事项编码,事项名称,事项类型,设定依据,实施主体,承办机构,责任事项,追责情形,备注\n"
        "1,JC0001,对食品生产经营者的监督检查,行政检查,《中华人民共和国食品安全法》第一百一十条第一款第(二)项,区文旅局,执法大队,,,\n"
        "2,JC0002,对食品经营者的监督检查,检查,《食品安全法》第一百一十条第一款第(一)项,区市场监管局（牵头）、区卫健局,,,,\n",
        encoding="utf-8",
    )
    report = load_powers(graph, path, YANTA, TEST_ACTOR)
    assert report.errors == [] and report.written == {"Matter": 2, "Assignment": 3}
    [disagreement] = [w for w in report.warnings if "不由该实施主体履行" in w.reason]
    assert disagreement.row == 2 and disagreement.value == "区文旅局"
    assert "食品安全监督管理部门" in disagreement.reason
    [row] = graph.read(GET_MATTER, matter_id=power_id(YANTA, "JC0002", "对食品经营者的监督检查"))
    assert {a["department_id"]: a["role"] for a in row["assignments"]} == {"610113-scjgj": "牵头", "610113-wjw": "配合"}
    assert row["code"] == "JC0002" and row["category"] == "行政检查"
