"""Department names as forms write them, matched within the form's region (pure: no database)."""

from __future__ import annotations

import csv

import pytest

from graphsvc.config import ROOT
from loaders.department_names import Department, DepartmentIndex, Region, UnknownDepartment

FIXTURE = ROOT / "tests" / "fixtures" / "forms" / "reference" / "departments.csv"
YANTA = [Region("610113", "雁塔区", "县"), Region("610100", "西安市", "市"), Region("610000", "陕西省", "省")]
MINHANG = [Region("310112", "闵行区", "县"), Region("310000", "上海市", "省")]


def index(chain: list[Region]) -> DepartmentIndex:
    with FIXTURE.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return DepartmentIndex(
        chain, [Department(r["id"], r["name"], r["short_name"] or None, r["region_id"]) for r in rows]
    )


@pytest.mark.parametrize(
    ("written", "department_id"),
    [
        ("区市场监管局", "610113-scjgj"),
        ("雁塔区市场监督管理局", "610113-scjgj"),
        ("西安市雁塔区市场监督管理局", "610113-scjgj"),
        ("区　市场监管局 ", "610113-scjgj"),  # an ideographic space and a stray one
        ("区住建局", "610113-zjj"),
        ("住房和城乡建设局", "610113-zjj"),
        ("公安雁塔分局", "610113-gaj"),
        ("区公安分局", "610113-gaj"),
        ("生态环境雁塔分局", "610113-sthj"),
        ("区委编办", "610113-bb"),
        ("区人社局", "610113-rsj"),
        ("区卫健局", "610113-wjw"),
        ("卫生健康局", "610113-wjw"),
        ("区城管局", "610113-cgj"),
        ("区应急管理局", "610113-yjglj"),
        ("区发展改革委", "610113-fgw"),
        ("区文旅局", "610113-wlj"),
        ("区农水局", "610113-nyj"),
        ("区行政审批局", "610113-xzspj"),
        # a level word or the name of a parent region points above the district
        ("市市场监管局", "610100-scjgj"),
        ("西安市市场监督管理局", "610100-scjgj"),
        ("省市场监管局", "610000-scjgj"),
        ("市住建局", "610100-zjj"),
    ],
)
def test_yanta_names(written: str, department_id: str) -> None:
    assert index(YANTA).match(written).id == department_id


@pytest.mark.parametrize(
    ("written", "department_id"),
    [
        ("区市场监管局", "310112-scjgj"),
        ("区住建局", "310112-zjj"),  # 闵行区 gives the 住建 duties to its 建设和管理委员会
        ("区建管委", "310112-zjj"),
        ("闵行区城管局", "310112-cgj"),
        ("区公安分局", "310112-gaj"),
        ("市应急局", "310000-yjglj"),  # 上海市 is a 直辖市, at 省 level
    ],
)
def test_minhang_names(written: str, department_id: str) -> None:
    assert index(MINHANG).match(written).id == department_id


def test_a_name_outside_the_region_is_unknown() -> None:
    with pytest.raises(UnknownDepartment):
        index(MINHANG).match("公安雁塔分局")
    with pytest.raises(UnknownDepartment):
        index(YANTA).match("闵行区建管委")


def test_an_unknown_name_suggests_the_three_closest() -> None:
    with pytest.raises(UnknownDepartment) as caught:
        index(YANTA).match("区市场监督局")
    assert len(caught.value.suggestions) == 3
    assert caught.value.suggestions[0] == "西安市雁塔区市场监督管理局"
    assert str(caught.value).startswith("未找到部门「区市场监督局」,最接近的是:西安市雁塔区市场监督管理局、")


def test_keys_compare_what_offices_shorten() -> None:
    yanta = index(YANTA)
    assert yanta.key("西安市雁塔区住房和城乡建设局") == yanta.key("区住建局") == "住建局"
    assert yanta.key("西安市雁塔区市场监督管理局") == yanta.key("区市场监管局") == "市场监管局"
    assert yanta.key("中共西安市雁塔区委机构编制委员会办公室") == yanta.key("区委编办") == "编办"
