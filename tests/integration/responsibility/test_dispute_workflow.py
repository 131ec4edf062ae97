"""Issue 11 through the API over the shipped reference data: text-only disputes ruled with an existing or a new
matter, withdrawal, the list of disputes, rulings that cannot rewrite the past, their articles in the evidence,
the people's government as common superior, designations by function and area, and vertical bodies."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.config import Settings
from graphsvc.db import Runner
from graphsvc.identity import Role, create_token
from loaders.reference import load_reference
from tests.conftest import TEST_ACTOR, wipe

YANTA, BEILIN, XIAN, JINSHAN, MINHANG = "610113", "610103", "610100", "310116", "310112"
SCJGJ, YJGLJ, ZJJ, CGJ = f"{YANTA}-scjgj", f"{YANTA}-yjglj", f"{YANTA}-zjj", f"{YANTA}-cgj"
NEW_FORMS_RULE = "安全生产法@2021-06-10:10.2"  # 新兴行业、领域: 业务相近的原则


@pytest.fixture(scope="module")
def api(runner: Runner, settings: Settings) -> Iterator[TestClient]:
    wipe(runner)
    load_reference(runner, settings.service.reference_dir, TEST_ACTOR).raise_if_failed()
    with TestClient(create_app(settings)) as client:
        yield client


def _headers(runner: Runner, name: str, role: Role, department: str | None = None) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_token(runner, name, role, department, TEST_ACTOR).token}"}


@pytest.fixture(scope="module")
def office(api: TestClient, runner: Runner) -> dict[str, str]:
    return _headers(runner, "雁塔区委编办-王", Role.office)


@pytest.fixture(scope="module")
def market(api: TestClient, runner: Runner) -> dict[str, str]:
    return _headers(runner, "雁塔区市场监管局-张", Role.department, SCJGJ)


@pytest.fixture(scope="module")
def emergency(api: TestClient, runner: Runner) -> dict[str, str]:
    return _headers(runner, "雁塔区应急局-赵", Role.department, YJGLJ)


def file(api: TestClient, headers: dict[str, str], **claim: object) -> dict:
    body = {
        "kind": "新业态",
        "text": "共享储能电站的消防和安全生产检查由谁负责",
        "region": YANTA,
        "claimants": [
            {"department_id": SCJGJ, "position": "不属于市场监管职责"},
            {"department_id": YJGLJ, "position": "应由行业主管部门负责"},
        ],
    } | claim
    response = api.post("/api/v1/disputes", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def resolve(api: TestClient, headers: dict[str, str], matter_id: str, region: str, as_of: str) -> dict:
    body = {"matter_id": matter_id, "region": region, "as_of": as_of}
    response = api.post("/api/v1/responsibility/resolve", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["results"][0]


def leads(result: dict) -> list[tuple[str, str, str]]:
    return sorted((d["department"]["id"], d["department"]["name"], d["rule"]) for d in result["lead"])


def test_a_text_only_dispute_is_ruled_with_a_new_matter(
    api: TestClient, office: dict[str, str], market: dict[str, str]
) -> None:
    dossier = file(api, market)
    assert dossier["matter"] is None and dossier["status"] == "待裁定"
    ruling = {
        "lead": [YJGLJ],
        "cooperating": [SCJGJ],
        "basis": [NEW_FORMS_RULE],
        "deciding_body": "编办会同司法局",
        "decided_on": "2026-03-01",
        "effective_from": "2026-03-15",
        "statement": "按照业务相近原则,由应急管理局牵头",
    }
    no_matter = api.post(f"/api/v1/disputes/{dossier['id']}/ruling", json=ruling, headers=office)
    assert no_matter.status_code == 422
    assert "尚未对应监管事项" in no_matter.json()["error"]["message"]
    new_matter = {"name": "对共享储能电站经营者的安全生产监督检查", "domain_id": "work-safety", "level": "县"}
    bad_domain = dict(ruling, new_matter=dict(new_matter, domain_id="储能"))
    response = api.post(f"/api/v1/disputes/{dossier['id']}/ruling", json=bad_domain, headers=office)
    assert response.status_code == 422 and response.json()["error"]["message"] == "未知的监管领域:储能"

    ruled = api.post(
        f"/api/v1/disputes/{dossier['id']}/ruling", json=dict(ruling, new_matter=new_matter), headers=office
    )
    assert ruled.status_code == 201, ruled.text
    body = ruled.json()
    matter = body["matter"]
    assert matter["name"] == "对共享储能电站经营者的安全生产监督检查" and matter["id"].startswith("xyt-")
    assert body["status"] == "已裁定"
    [result] = body["resolution"]["results"]
    assert leads(result) == [(YJGLJ, "西安市雁塔区应急管理局", "ruling")]
    assert [d["department"]["id"] for d in result["cooperating"]] == [SCJGJ]
    # The ruling's own legal basis is part of the evidence.
    [cited] = result["lead"][0]["evidence"]["ruling"]["basis"]
    assert (cited["article_id"], cited["article"], cited["title"]) == (
        NEW_FORMS_RULE,
        "第十条第二款",
        "中华人民共和国安全生产法",
    )
    # The new matter is in the catalogue: a later description of the behaviour finds it.
    found = api.get("/api/v1/matters/search", params={"q": "共享储能电站"}, headers=office).json()
    assert matter["id"] in [m["id"] for m in found["results"]]


def test_a_text_only_dispute_is_ruled_onto_an_existing_matter(
    api: TestClient, office: dict[str, str], market: dict[str, str]
) -> None:
    dossier = file(api, market, kind="职责交叉", text="饭店油烟扰民,超标排放谁来罚")
    ruling = {
        "lead": [CGJ],
        "matter_id": "cater-007",
        "basis": ["大气污染防治法@2018-10-26:118.1"],
        "deciding_body": "编办",
        "decided_on": "2026-01-10",
        "effective_from": "2026-01-10",
    }
    unknown = api.post(
        f"/api/v1/disputes/{dossier['id']}/ruling", json=dict(ruling, matter_id="cater-999"), headers=office
    )
    assert unknown.status_code == 422 and unknown.json()["error"]["message"] == "未知的监管事项:cater-999"
    ruled = api.post(f"/api/v1/disputes/{dossier['id']}/ruling", json=ruling, headers=office)
    assert ruled.status_code == 201, ruled.text
    assert ruled.json()["matter"]["id"] == "cater-007"
    assert leads(resolve(api, office, "cater-007", YANTA, "2026-02-01")) == [
        (CGJ, "西安市雁塔区城市管理和综合执法局", "ruling")
    ]
    # Once tied to a matter, a later ruling cannot move the dispute to another one.
    other = api.post(
        f"/api/v1/disputes/{dossier['id']}/ruling", json=dict(ruling, matter_id="food-001"), headers=office
    )
    assert other.status_code == 422 and "已对应监管事项 cater-007" in other.json()["error"]["message"]


def test_a_ruling_cannot_take_effect_before_it_was_decided_without_a_reason(
    api: TestClient, office: dict[str, str], market: dict[str, str]
) -> None:
    dossier = file(api, market, matter_id="food-001", text=None, kind="管辖争议")
    ruling = {
        "lead": [SCJGJ],
        "basis": ["食品安全法@2021-04-29:110.1.1"],
        "deciding_body": "编办",
        "decided_on": "2026-05-01",
        "effective_from": "2023-01-01",
    }
    backdated = api.post(f"/api/v1/disputes/{dossier['id']}/ruling", json=ruling, headers=office)
    assert backdated.status_code == 422
    assert backdated.json()["error"] == {
        "code": "invalid_input",
        "message": "生效日期 2023-01-01 早于作出日期 2026-05-01:追溯生效须在 retroactive_reason 中说明理由",
        "details": [{"field": "effective_from", "reason": "before decided_on without retroactive_reason"}],
    }
    assert api.get(f"/api/v1/disputes/{dossier['id']}", headers=office).json()["rulings"] == []  # nothing written
    reason = "确认2023年起的既有分工,各方无异议"
    ruled = api.post(
        f"/api/v1/disputes/{dossier['id']}/ruling", json=dict(ruling, retroactive_reason=reason), headers=office
    )
    assert ruled.status_code == 201, ruled.text
    [recorded] = ruled.json()["rulings"]
    assert (recorded["decided_on"], recorded["effective_from"], recorded["retroactive_reason"]) == (
        "2026-05-01",
        "2023-01-01",
        reason,
    )


def test_the_common_superior_is_the_peoples_government_with_its_office(
    api: TestClient, office: dict[str, str], market: dict[str, str]
) -> None:
    within = file(api, market, matter_id="food-001", text=None)["common_superior"]
    assert (within["region_id"], within["government"], within["office"]) == (
        YANTA,
        {"id": f"{YANTA}-gov", "name": "西安市雁塔区人民政府"},
        {"id": f"{YANTA}-bb", "name": "中共西安市雁塔区委机构编制委员会办公室"},
    )
    assert "行政处罚法第二十五条" in within["note"] and "编制管理条例第十条" in within["note"]
    claimants = [{"department_id": SCJGJ}, {"department_id": f"{BEILIN}-scjgj"}]
    across = file(api, office, matter_id="food-001", text=None, claimants=claimants)["common_superior"]
    assert (across["full_name"], across["government"]["name"], across["office"]["id"]) == (
        "陕西省西安市",
        "西安市人民政府",
        f"{XIAN}-bb",
    )


def test_a_dispute_is_withdrawn_by_its_filer_or_the_office(
    api: TestClient, office: dict[str, str], market: dict[str, str], emergency: dict[str, str]
) -> None:
    dossier = file(api, market, text="网约车平台车辆检查的牵头部门")
    url = f"/api/v1/disputes/{dossier['id']}/withdrawal"
    stranger = api.post(url, json={"reason": "我方不同意"}, headers=emergency)
    assert stranger.status_code == 403 and "登记该争议的用户" in stranger.json()["error"]["message"]
    withdrawn = api.post(url, json={"reason": "双方已协商一致"}, headers=market)
    assert withdrawn.status_code == 200, withdrawn.text
    body = withdrawn.json()
    filer = api.get("/api/v1/me", headers=market).json()["id"]
    assert (body["status"], body["withdrawn_by"], body["withdrawal_reason"]) == (
        "已撤回",
        filer,
        "双方已协商一致",
    )
    assert body["withdrawn_at"]
    again = api.post(url, json={}, headers=office)
    assert again.status_code == 409 and "只有待裁定的争议可以撤回" in again.json()["error"]["message"]
    ruling = {"lead": [SCJGJ], "matter_id": "food-001", "deciding_body": "编办", "effective_from": "2030-01-01"}
    late = api.post(f"/api/v1/disputes/{dossier['id']}/ruling", json=ruling, headers=office)
    assert late.status_code == 409 and "已撤回" in late.json()["error"]["message"]
    # The office may withdraw anyone's dispute.
    other = file(api, emergency, text="充电桩进小区的安全管理")
    assert api.post(f"/api/v1/disputes/{other['id']}/withdrawal", json={}, headers=office).status_code == 200
    assert api.post("/api/v1/disputes/D-19990101-000000/withdrawal", json={}, headers=office).status_code == 404


def test_disputes_are_listed_with_filters_paging_and_names(
    api: TestClient, office: dict[str, str], market: dict[str, str]
) -> None:
    claimants = [{"department_id": f"{BEILIN}-scjgj"}, {"department_id": f"{BEILIN}-cgj"}]
    beilin = file(api, office, region=BEILIN, claimants=claimants, text="碑林区夜市占道经营")
    everything = api.get("/api/v1/disputes", params={"limit": 500}, headers=office).json()
    assert everything["total"] == len(everything["items"]) >= 2
    first = next(d for d in everything["items"] if d["id"] == beilin["id"])
    assert first["region"] == {"id": BEILIN, "name": "碑林区"}
    assert first["claimants"] == [
        {"id": f"{BEILIN}-cgj", "name": "西安市碑林区城市管理和综合执法局"},
        {"id": f"{BEILIN}-scjgj", "name": "西安市碑林区市场监督管理局"},
    ]
    by_region = api.get("/api/v1/disputes", params={"region": BEILIN}, headers=office).json()
    assert [d["id"] for d in by_region["items"]] == [beilin["id"]]
    city = api.get("/api/v1/disputes", params={"region": XIAN}, headers=office).json()
    assert city["total"] == everything["total"]  # 西安市 holds both districts
    assert api.get("/api/v1/disputes", params={"region": JINSHAN}, headers=office).json()["total"] == 0
    party = api.get("/api/v1/disputes", params={"department_id": f"{BEILIN}-cgj"}, headers=office).json()
    assert [d["id"] for d in party["items"]] == [beilin["id"]]
    pending = api.get("/api/v1/disputes", params={"status": "待裁定"}, headers=office).json()
    assert pending["items"] and all(d["status"] == "待裁定" for d in pending["items"])
    page = api.get("/api/v1/disputes", params={"limit": 1, "offset": 1}, headers=office).json()
    assert (page["total"], page["offset"], page["limit"]) == (everything["total"], 1, 1)
    assert [d["id"] for d in page["items"]] == [everything["items"][1]["id"]]
    bad = api.get("/api/v1/disputes", params={"status": "吵架"}, headers=office)
    assert bad.status_code == 422


def test_a_city_designation_by_function_reaches_each_districts_own_bureau(
    api: TestClient, office: dict[str, str], market: dict[str, str]
) -> None:
    before = resolve(api, office, "cater-007", BEILIN, "2026-06-01")
    assert before["lead"] == [] and "GAP" in [f["code"] for f in before["flags"]]
    designation = {
        "matter_id": "cater-007",
        "region": XIAN,
        "issuer": "西安市人民政府",
        "lead_functions": ["urban-management"],
        "cooperating_functions": ["eco-environment"],
        "basis": ["大气污染防治法@2018-10-26:118.1"],
        "decided_on": "2026-06-10",
        "effective_from": "2026-07-01",
        "statement": "各区餐饮油烟由区城管局负责",
    }
    assert api.post("/api/v1/designations", json=designation, headers=market).status_code == 403
    unknown = api.post("/api/v1/designations", json=dict(designation, lead_functions=["油烟"]), headers=office)
    assert unknown.status_code == 422 and unknown.json()["error"]["message"] == "未知职能:油烟"
    made = api.post("/api/v1/designations", json=designation, headers=office)
    assert made.status_code == 201, made.text
    beilin = resolve(api, office, "cater-007", BEILIN, "2026-07-01")
    assert leads(beilin) == [(f"{BEILIN}-cgj", "西安市碑林区城市管理和综合执法局", "ruling")]
    assert [d["department"]["id"] for d in beilin["cooperating"]] == [f"{BEILIN}-sthj"]
    evidence = beilin["lead"][0]["evidence"]
    assert (evidence["ruling"]["kind"], evidence["ruling"]["issuer"]) == ("指定", "西安市人民政府")
    assert [a["article"] for a in evidence["ruling"]["basis"]] == ["第一百一十八条第一款"]
    assert evidence["assigned_function"]["id"] == "urban-management"
    # 雁塔区's own ruling (an earlier test) is closer than the city's designation and still decides there.
    assert leads(resolve(api, office, "cater-007", YANTA, "2026-07-01")) == [
        (CGJ, "西安市雁塔区城市管理和综合执法局", "ruling")
    ]
    assert leads(resolve(api, office, "cater-007", BEILIN, "2026-06-30")) == []  # not before its date


def test_vertical_bodies_are_found_where_they_serve(api: TestClient, office: dict[str, str]) -> None:
    jinshan = resolve(api, office, "wage-011", JINSHAN, "2026-01-01")
    assert leads(jinshan) == [("310000-nfra", "国家金融监督管理总局上海监管局", "locality_level")]
    assert "GAP" not in [f["code"] for f in jinshan["flags"]]
    assert leads(resolve(api, office, "fund-007", MINHANG, "2026-01-01")) == [
        ("310000-nfra", "国家金融监督管理总局上海监管局", "locality_level")
    ]
    food = resolve(api, office, "food-029", YANTA, "2026-01-01")
    assert ("610000-customs", "西安海关") in [
        (d["department"]["id"], d["department"]["name"]) for d in food["cooperating"]
    ]
    # No verified 派出机构 of the 金融监管总局 in 陕西 is listed: still a gap there, not a guess.
    assert "GAP" in [f["code"] for f in resolve(api, office, "wage-011", YANTA, "2026-01-01")["flags"]]
    body = api.get(f"/api/v1/departments/{YANTA}-tax", headers=office)
    assert body.status_code == 200 and body.json()["name"] == "国家税务总局西安市雁塔区税务局"


def test_a_local_regulations_matter_is_no_gap_elsewhere(api: TestClient, office: dict[str, str]) -> None:
    xian = resolve(api, office, "card-007", YANTA, "2026-01-01")
    assert xian["lead"] == [] and [f["code"] for f in xian["flags"]] == ["NOT_APPLICABLE"]
    assert "上海市" in xian["flags"][0]["message"]
    assert xian["matter"]["applies_in"]["in_scope"] is False
    minhang = resolve(api, office, "card-007", MINHANG, "2026-01-01")
    assert [d["department"]["name"] for d in minhang["lead"]] == ["上海市闵行区商务委员会"]
    assert minhang["matter"]["applies_in"]["regions"][0]["id"] == "310000"
    audit = api.get("/api/v1/responsibility/audit", params={"region": YANTA, "as_of": "2026-01-01"}, headers=office)
    assert audit.status_code == 200, audit.text
    assert not {"card-005", "card-006", "card-007", "card-008"} & {i["matter_id"] for i in audit.json()["issues"]}


def test_a_vertical_body_has_no_local_government_above_it(api: TestClient, office: dict[str, str]) -> None:
    claimants = [{"department_id": SCJGJ}, {"department_id": "610000-customs", "position": "进口冷链食品由海关负责"}]
    superior = file(api, office, matter_id="food-029", text=None, claimants=claimants)["common_superior"]
    assert (superior["government"], superior["office"]) == (None, None)
    assert "西安海关" in superior["note"] and "不由地方人民政府领导" in superior["note"]
