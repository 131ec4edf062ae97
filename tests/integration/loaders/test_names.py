"""The one name resolver (graphsvc/names.py) against the shipped reference data, and the API parameters that use
it: ids pass through, names people write are resolved, ambiguity is a 422 listing the candidates."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import InvalidInput
from graphsvc.identity import Role, create_token
from graphsvc.names import Names
from loaders.forms import load_matters_form
from loaders.forms.matters import matter_id
from tests.conftest import TEST_ACTOR

GET_MATTER = query("forms/get_matter")


@pytest.mark.parametrize(
    ("written", "region", "department_id"),
    [
        ("区卫健委", "610113", "610113-wjw"),  # 委/局: 雁塔区 has a 卫生健康局
        ("区卫健委", "310112", "310112-wjw"),  # 闵行区's is a 卫生健康委员会
        ("区卫计局", "610113", "610113-wjw"),  # before the 2018-2019 reform
        ("区教体局", "610113", "610113-jyj"),
        ("区食药监局", "610113", "610113-scjgj"),
        ("区工商局", "310112", "310112-scjgj"),
        ("区安监局", "610113", "610113-yjglj"),
        ("区发改局", "610113", "610113-fgw"),  # 发展和改革委员会
        ("区消防救援大队", "610113", "610100-xfjy"),  # 雁塔区 lists no 大队: the city's 支队
        ("区消防救援大队", "140902", "140902-xfjy"),  # 忻府区 has its own
        ("公安雁塔分局", "610113", "610113-gaj"),
        ("区城管局", "610113", "610113-cgj"),
        ("610113-cgj", "610113", "610113-cgj"),
    ],
)
def test_departments_as_people_write_them(graph: Runner, written: str, region: str, department_id: str) -> None:
    assert Names(graph).department(written, region) == department_id


def test_departments_without_a_region(graph: Runner) -> None:
    names = Names(graph)
    assert names.department("雁塔区城管局") == "610113-cgj"
    assert names.department("西安市市场监督管理局") == "610100-scjgj"
    assert names.department("上海市闵行区卫健委") == "310112-wjw"
    with pytest.raises(InvalidInput) as ambiguous:
        names.department("区城管局")
    [detail] = ambiguous.value.details
    assert detail["reason"] == "ambiguous department"
    ids = {c["id"] for c in detail["candidates"]}
    assert {"610113-cgj", "310112-cgj"} <= ids and all(not i.startswith(("610100", "610000")) for i in ids)
    with pytest.raises(InvalidInput, match="未知部门「区招商服务局」"):
        names.department("区招商服务局")


def test_regions_by_code_or_name(graph: Runner) -> None:
    names = Names(graph)
    assert [names.region(x) for x in ("610113", "雁塔区", "雁塔", "西安市雁塔区", "陕西省西安市雁塔区")] == [
        "610113"
    ] * 5
    assert names.region("锡林郭勒盟") == "152500"
    with pytest.raises(InvalidInput, match="未知的行政区划代码:999999"):
        names.region("999999")
    with pytest.raises(InvalidInput, match="未知的行政区划「火星区」"):
        names.region("火星区")


def test_matters_by_id_name_or_code(graph: Runner) -> None:
    names = Names(graph)
    assert names.matter("food-001") == names.matter("对食品生产经营者的监督检查") == "food-001"
    with pytest.raises(InvalidInput, match="未知的监管事项「食品经营者检查」,最接近的是:") as unknown:
        names.matter("食品经营者检查")
    assert unknown.value.details[0]["field"] == "matter"


@pytest.fixture
def office(graph: Runner) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_token(graph, '雁塔区委编办-王', Role.office, None, TEST_ACTOR).token}"}


def test_api_parameters_take_names(client: TestClient, office: dict[str, str]) -> None:
    claim = {
        "kind": "职责交叉",
        "text": "小区内餐饮油烟扰民",
        "region": "雁塔区",
        "claimants": [{"department_id": "区城管局"}, {"department_id": "生态环境雁塔分局"}],
    }
    created = client.post("/api/v1/disputes", json=claim, headers=office)
    assert created.status_code == 201, created.text
    assert {c["id"] for c in created.json()["claimants"]} == {"610113-cgj", "610113-sthj"}
    unknown = client.post(
        "/api/v1/disputes", json=dict(claim, claimants=[{"department_id": "区城建局"}]), headers=office
    )
    assert unknown.status_code == 422
    assert unknown.json()["error"]["message"].startswith("未找到部门「区城建局」,最接近的是:")
    assert unknown.json()["error"]["details"] == [{"field": "claimants.0", "reason": "unknown department"}]

    resolved = client.post(
        "/api/v1/responsibility/resolve",
        json={"matter_id": "对食品生产经营者的监督检查", "region": "西安市雁塔区"},
        headers=office,
    )
    assert resolved.status_code == 200, resolved.text
    assert resolved.json()["region"] == "610113" and resolved.json()["results"][0]["matter"]["id"] == "food-001"

    ambiguous = client.post(
        "/api/v1/inspections/precheck",
        json={
            "department": "区市场监管局",
            "subjects": ["91310116MAQCL9LE20"],
            "matters": ["food-001"],
            "window": {"start": "2026-12-01", "end": "2026-12-31"},
        },
        headers=office,
    )
    assert ambiguous.status_code == 422
    error = ambiguous.json()["error"]
    assert error["message"].startswith("「区市场监管局」可指多个部门") and error["details"][0]["candidates"]


def test_the_office_adds_a_mapping_that_the_next_load_uses(
    client: TestClient, graph: Runner, office: dict[str, str], tmp_path: Path
) -> None:
    form = tmp_path / "表.csv"
    form.write_text(
        "序号,监管领域,监管部门,监管事项,设定依据,监管对象,事项类别,检查方式,监管层级\n"
        "1,燃气,区城管局,燃气安全巡查,《城镇燃气管理条例》第五条第二款,燃气企业,检查,日常巡检,县\n",
        encoding="utf-8",
    )
    before = load_matters_form(graph, form, "610113", TEST_ACTOR)
    assert [w.reason for w in before.warnings] == ["检查方式「日常巡检」不在词表中,按原文记录;可由编办添加映射"]

    department = create_token(graph, "城管局-李", Role.department, "610113-cgj", TEST_ACTOR).token
    mapping = {"written": "日常巡检", "canonical": "现场检查", "note": "到场巡查"}
    refused = client.post(
        "/api/v1/vocabularies/检查方式", json=mapping, headers={"Authorization": f"Bearer {department}"}
    )
    assert refused.status_code == 403
    bad = client.post("/api/v1/vocabularies/check_method", json=dict(mapping, canonical="巡查"), headers=office)
    assert bad.status_code == 422 and bad.json()["error"]["details"][0]["field"] == "canonical"
    added = client.post("/api/v1/vocabularies/检查方式", json=mapping, headers=office)
    me = client.get("/api/v1/me", headers=office).json()
    assert added.status_code == 201 and added.json()["source"] == me["id"]
    listed = client.get("/api/v1/vocabularies/check_method", headers=office).json()
    assert {"written": "日常巡检", "canonical": "现场检查"}.items() <= next(
        e for e in listed["entries"] if e["written"] == "日常巡检"
    ).items()

    after = load_matters_form(graph, form, "610113", TEST_ACTOR)
    assert after.warnings == [] and after.errors == []
    [row] = graph.read(GET_MATTER, matter_id=matter_id("610113", "燃气安全巡查"))
    assert (row["check_method"], row["check_method_text"]) == ("现场检查", "日常巡检")
