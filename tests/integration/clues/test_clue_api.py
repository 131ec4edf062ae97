"""Clues through the API over a small catalogue: intake with classification and proposal, referral hops with
acknowledgement and closing, every rejection of a hop, roles, and the Browser query."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from graphsvc.clues.times import BEIJING
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.identity import Role
from tests.support.auth import bearer
from tests.support.clue_world import (
    BACKDATED,
    C_SCJ,
    CGJ,
    DAY,
    GAJ,
    GSJ,
    M_SCJ,
    SCJ,
    USCC,
    Y_SCJ,
    ZJJ,
    T,
    iso,
)


@pytest.fixture(scope="module")
def api(clue_api: TestClient) -> TestClient:
    return clue_api


@pytest.fixture(scope="module")
def office(api: TestClient, runner: Runner) -> dict[str, str]:
    return bearer(runner, "12345热线-受理员", Role.office)


@pytest.fixture(scope="module")
def scj(api: TestClient, runner: Runner) -> dict[str, str]:
    return bearer(runner, "雁塔市场监管-张", Role.department, SCJ)


@pytest.fixture(scope="module")
def zjj(api: TestClient, runner: Runner) -> dict[str, str]:
    return bearer(runner, "雁塔住建-李", Role.department, ZJJ)


@pytest.fixture(scope="module")
def analyst(api: TestClient, runner: Runner) -> dict[str, str]:
    return bearer(runner, "分析员-赵", Role.analyst)


def intake(api: TestClient, headers: dict[str, str], **body: object) -> dict:
    payload = {
        "channel": "12345热线",
        "received_at": iso(DAY),
        "dispatched_at": iso(DAY + timedelta(hours=1)),
        "region": T,
        "description": "群众反映小寨路某餐馆销售过期食品",
        **body,
    }
    response = api.post("/api/v1/clues", json=payload, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


def refer(api: TestClient, headers: dict[str, str], clue_id: str, **body: object):  # type: ignore[no-untyped-def]
    payload = {"reason": "依职责移送", "backdate_reason": BACKDATED, **body}
    return api.post(f"/api/v1/clues/{clue_id}/referrals", json=payload, headers=headers)


def rejected(response, status: int, field: str) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert [d["field"] for d in error.get("details", [])] == [field], error
    return str(error["message"])


def test_intake_classifies_the_clue_and_dispatches_it_to_the_proposed_lead(
    api: TestClient, office: dict[str, str]
) -> None:
    chain = intake(api, office, uscc=USCC)
    clue = chain["clue"]
    office_id = api.get("/api/v1/me", headers=office).json()["id"]
    assert clue["status"] == "办理中" and clue["created_by"] == office_id
    assert clue["subject"] == {"id": USCC, "name": "老王家常菜馆"} and clue["region"]["id"] == T
    assert clue["matters"][0]["id"] == "m-food" and clue["matters"][0]["score"] > 0
    [hop] = chain["hops"]
    assert (hop["kind"], hop["from"], hop["to"]["id"], hop["depth"]) == ("分办", None, SCJ, 0)
    assert hop["created_by"] == office_id and hop["reason"] == "按职责分办"
    proposal = hop["proposal"]
    assert (proposal["matter_id"], proposal["department_id"], proposal["rule"]) == ("m-food", SCJ, "locality_level")
    assert proposal["basis"] == "《食品安全法》第110条"
    assert [h["department"]["id"] for h in chain["current_holders"]] == [SCJ]


def test_intake_to_named_departments_fans_out_and_keeps_the_proposal(api: TestClient, office: dict[str, str]) -> None:
    chain = intake(api, office, to_department_ids=[ZJJ, CGJ], matter_id="m-food")
    assert sorted(h["to"]["id"] for h in chain["hops"]) == [CGJ, ZJJ]
    assert {h["depth"] for h in chain["hops"]} == {0}
    assert {h["proposal"]["department_id"] for h in chain["hops"]} == {SCJ}  # what resolution would have said
    assert {h["reason"] for h in chain["hops"]} == {"按指定部门分办"}
    assert {h["department"]["id"] for h in chain["current_holders"]} == {ZJJ, CGJ}


def test_intake_by_a_department_is_received_by_that_department(
    api: TestClient, zjj: dict[str, str], analyst: dict[str, str]
) -> None:
    chain = intake(api, zjj, channel="部门移送", description="巡查发现某餐馆使用过期食品原料")
    assert chain["clue"]["received_by"]["id"] == ZJJ and chain["hops"][0]["to"]["id"] == SCJ
    body = {"channel": "12345热线", "received_at": iso(DAY), "region": T, "description": "过期食品"}
    assert api.post("/api/v1/clues", json=body | {"receiver_id": SCJ}, headers=zjj).status_code == 403
    assert api.post("/api/v1/clues", json=body, headers=analyst).status_code == 403


def test_intake_rejections_name_the_field(api: TestClient, office: dict[str, str]) -> None:
    base = {"channel": "12345热线", "received_at": iso(DAY), "region": T, "description": "某餐馆销售过期食品"}

    def post(**change: object):  # type: ignore[no-untyped-def]
        return api.post("/api/v1/clues", json=base | change, headers=office)

    rejected(post(region="610199"), 422, "region")
    assert "校验位" in rejected(post(uscc=USCC[:-1] + "0"), 422, "uscc")
    rejected(post(uscc="91610113MA6TK5C81U"), 422, "uscc")  # valid code, unknown subject
    rejected(post(matter_id="m-none"), 422, "matter_id")
    rejected(post(receiver_id="610113-none"), 422, "receiver_id")
    rejected(post(to_department_ids=["610113-none"]), 422, "to_department_ids")
    assert "不存在" in rejected(post(to_department_ids=[GSJ]), 422, "to_department_ids")
    rejected(post(to_department_ids=[ZJJ, ZJJ]), 422, "to_department_ids")
    rejected(post(received_at=iso(datetime.now(BEIJING) + timedelta(days=2))), 422, "received_at")
    rejected(post(dispatched_at=iso(DAY - timedelta(hours=1))), 422, "dispatched_at")
    assert "未找到" in rejected(post(matter_id="m-gap"), 422, "to_department_ids")  # a gap: nobody to propose
    assert post(channel="媒体").status_code == 422  # an older value loaded data may carry, not an intake channel


def test_a_clue_travels_bounces_goes_to_the_police_and_closes(
    api: TestClient, office: dict[str, str], scj: dict[str, str], zjj: dict[str, str]
) -> None:
    clue_id = intake(api, office)["clue"]["id"]
    first = f"{clue_id}-1"
    ack = api.post(
        f"/api/v1/clues/{clue_id}/referrals/{first}/acknowledgement",
        json={"acknowledged_at": iso(DAY + timedelta(hours=2)), "backdate_reason": BACKDATED},
        headers=scj,
    )
    assert ack.status_code == 201, ack.text
    assert ack.json()["hops"][0]["acknowledged_by"] == api.get("/api/v1/me", headers=scj).json()["id"]
    sent = refer(
        api,
        scj,
        clue_id,
        kind="移送",
        to_department_ids=[ZJJ],
        sent_at=iso(DAY + timedelta(hours=5)),
        acknowledged_at=iso(DAY + timedelta(hours=6)),
    )
    assert sent.status_code == 201, sent.text
    back = refer(api, zjj, clue_id, kind="退回", to_department_ids=[SCJ], sent_at=iso(DAY + timedelta(hours=8)))
    assert back.status_code == 201, back.text
    chain = back.json()
    assert chain["clue"]["status"] == "已退回"
    assert [(h["kind"], h["depth"]) for h in chain["hops"]] == [("分办", 0), ("移送", 1), ("退回", 2)]
    flags = {f["code"]: f["hop_ids"] for f in chain["flags"]}
    assert flags["PING_PONG"] == [f"{clue_id}-3"] and flags["LOOP"] == [f"{clue_id}-3"]
    police = refer(api, scj, clue_id, kind="行刑衔接", to_department_ids=[GAJ], reason="涉嫌生产销售伪劣产品罪")
    assert police.status_code == 201, police.text
    closed = api.post(
        f"/api/v1/clues/{clue_id}/referrals/{clue_id}-4/outcome", json={"outcome": "立案"}, headers=office
    )
    assert closed.status_code == 201, closed.text
    chain = closed.json()
    assert chain["clue"]["status"] == "已办结" and chain["current_holders"] == []
    assert "UNRESOLVED" not in {f["code"] for f in chain["flags"]}
    last = chain["hops"][-1]
    office_id = api.get("/api/v1/me", headers=office).json()["id"]
    assert (last["outcome"], last["closed_by"], last["from"]["id"]) == ("立案", office_id, SCJ)
    assert [h["department"]["id"] for h in chain["held"]] == [SCJ, ZJJ, GAJ]
    assert chain["held"][1]["hours"] == pytest.approx(3.0)  # 住建 held it from 14:00 to 17:00
    again = refer(api, office, clue_id, kind="转办", from_department_id=GAJ, to_department_ids=[SCJ])
    assert "已办结" in rejected(again, 409, "clue_id")


def test_every_referral_rejection(
    api: TestClient,
    runner: Runner,
    office: dict[str, str],
    scj: dict[str, str],
    zjj: dict[str, str],
    analyst: dict[str, str],
) -> None:
    clue_id = intake(api, office, to_department_ids=[SCJ, CGJ])["clue"]["id"]
    hops = {h["to"]["id"]: h["id"] for h in intake_chain(api, office, clue_id)["hops"]}
    later = iso(DAY + timedelta(hours=3))

    assert refer(api, office, "C-nope", kind="转办", from_department_id=SCJ, to_department_ids=[ZJJ]).status_code == 404
    assert refer(api, analyst, clue_id, kind="转办", from_department_id=SCJ, to_department_ids=[ZJJ]).status_code == 403
    assert refer(api, zjj, clue_id, kind="转办", from_department_id=SCJ, to_department_ids=[CGJ]).status_code == 403
    rejected(refer(api, office, clue_id, kind="转办", to_department_ids=[ZJJ]), 422, "from_department_id")
    rejected(refer(api, zjj, clue_id, kind="转办", to_department_ids=[SCJ]), 409, "from_department_id")  # not held
    rejected(
        refer(api, office, clue_id, kind="转办", from_department_id="x-none", to_department_ids=[ZJJ]),
        422,
        "from_department_id",
    )
    rejected(refer(api, scj, clue_id, kind="转办", to_department_ids=["610113-none"]), 422, "to_department_ids")
    assert "相同" in rejected(refer(api, scj, clue_id, kind="转办", to_department_ids=[SCJ]), 422, "to_department_ids")
    rejected(refer(api, scj, clue_id, kind="转办", to_department_ids=[CGJ]), 409, "to_department_ids")  # holds it
    rejected(refer(api, scj, clue_id, kind="转办", to_department_ids=[ZJJ, GAJ]), 422, "to_department_ids")
    rejected(refer(api, scj, clue_id, kind="分办", to_department_ids=[ZJJ, ZJJ]), 422, "to_department_ids")
    rejected(refer(api, scj, clue_id, kind="转办", to_department_ids=[GSJ]), 422, "to_department_ids")  # abolished
    rejected(refer(api, scj, clue_id, kind="行刑衔接", to_department_ids=[ZJJ]), 422, "to_department_ids")
    rejected(refer(api, scj, clue_id, kind="跨区域移送", to_department_ids=[ZJJ]), 422, "to_department_ids")
    rejected(refer(api, scj, clue_id, kind="跨区域移送", to_department_ids=[C_SCJ]), 422, "to_department_ids")
    rejected(refer(api, scj, clue_id, kind="退回", to_department_ids=[ZJJ]), 422, "kind")  # dispatched at intake
    rejected(refer(api, scj, clue_id, kind="转办", to_department_ids=[ZJJ], sent_at=iso(DAY)), 422, "sent_at")
    future = iso(datetime.now(BEIJING) + timedelta(days=1))
    rejected(refer(api, scj, clue_id, kind="转办", to_department_ids=[ZJJ], sent_at=future), 422, "sent_at")
    unexplained = refer(api, scj, clue_id, kind="转办", to_department_ids=[ZJJ], sent_at=later, backdate_reason=None)
    assert "backdate_reason" in rejected(unexplained, 422, "sent_at")  # 2025 is further back than 72 hours
    rejected(
        refer(api, scj, clue_id, kind="转办", to_department_ids=[ZJJ], sent_at=later, acknowledged_at=iso(DAY)),
        422,
        "acknowledged_at",
    )
    assert (
        api.post(
            "/api/v1/clues/x/referrals", json={"kind": "转交", "to_department_ids": [ZJJ], "reason": "x"}, headers=scj
        ).status_code
        == 422
    )

    # A fan-out and a return to the sender are fine; after them the rules hold per branch.
    fanned = refer(api, scj, clue_id, kind="分办", to_department_ids=[ZJJ, Y_SCJ], sent_at=later)
    assert fanned.status_code == 201, fanned.text
    assert rejected(refer(api, scj, clue_id, kind="转办", to_department_ids=[M_SCJ]), 409, "from_department_id")
    rejected(refer(api, zjj, clue_id, kind="退回", to_department_ids=[GAJ]), 422, "to_department_ids")
    acknowledged = api.post(
        f"/api/v1/clues/{clue_id}/referrals/{hops[CGJ]}/acknowledgement",
        json={"acknowledged_at": iso(DAY + timedelta(hours=4)), "backdate_reason": BACKDATED},
        headers=office,
    )
    assert acknowledged.status_code == 201
    twice = api.post(f"/api/v1/clues/{clue_id}/referrals/{hops[CGJ]}/acknowledgement", json={}, headers=office)
    rejected(twice, 409, "referral_id")
    early = iso(DAY + timedelta(hours=3, minutes=30))  # after the sending, before its acknowledgement
    rejected(
        refer(api, office, clue_id, kind="转办", from_department_id=CGJ, to_department_ids=[GAJ], sent_at=early),
        422,
        "sent_at",
    )
    passed_on = api.post(
        f"/api/v1/clues/{clue_id}/referrals/{hops[SCJ]}/outcome", json={"outcome": "办结"}, headers=scj
    )
    rejected(passed_on, 409, "referral_id")
    other = api.post(f"/api/v1/clues/{clue_id}/referrals/{hops[CGJ]}/outcome", json={"outcome": "办结"}, headers=zjj)
    assert other.status_code == 403
    bad = api.post(f"/api/v1/clues/{clue_id}/referrals/{hops[CGJ]}/outcome", json={"outcome": "退回"}, headers=office)
    assert bad.status_code == 422
    unknown = api.post(f"/api/v1/clues/{clue_id}/referrals/nope/outcome", json={"outcome": "办结"}, headers=office)
    rejected(unknown, 404, "referral_id")

    # Nothing was deleted, nothing half-written: the intake's two hops and the fan-out's two, no more.
    chain = intake_chain(api, office, clue_id)
    assert len(chain["hops"]) == 4
    assert {h["department"]["id"] for h in chain["current_holders"]} == {CGJ, ZJJ, Y_SCJ}
    assert api.delete(f"/api/v1/clues/{clue_id}/referrals", headers=office).status_code == 405


def intake_chain(api: TestClient, headers: dict[str, str], clue_id: str) -> dict:
    response = api.get(f"/api/v1/clues/{clue_id}/chain", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_chain_reports_stalls_with_the_callers_limits(
    api: TestClient, office: dict[str, str], analyst: dict[str, str]
) -> None:
    clue_id = intake(api, office)["clue"]["id"]
    soon = iso(DAY + timedelta(hours=20))
    calm = api.get(f"/api/v1/clues/{clue_id}/chain", params={"as_of": soon}, headers=analyst).json()
    assert {f["code"] for f in calm["flags"]} == {"UNRESOLVED"}
    strict = api.get(f"/api/v1/clues/{clue_id}/chain", params={"as_of": soon, "ack_hours": 12}, headers=analyst)
    stalled = {f["code"]: f for f in strict.json()["flags"]}["STALLED"]
    assert stalled["hop_ids"] == [f"{clue_id}-1"] and stalled["department_ids"] == [SCJ]
    assert strict.json()["hops"][0]["acknowledge_hours"] == pytest.approx(19.0)
    assert api.get("/api/v1/clues/C-none/chain", headers=analyst).status_code == 404


def test_the_browser_query_draws_the_chain(api: TestClient, runner: Runner, office: dict[str, str]) -> None:
    clue_id = intake(api, office, to_department_ids=[ZJJ, CGJ], matter_id="m-food")["clue"]["id"]
    [row] = runner.read(query("browser/clue_chain"), clue_id=clue_id)
    drawn = str(row)
    assert row["clue"]["id"] == clue_id and row["region"]["id"] == T
    assert f"{clue_id}-1" in drawn and f"{clue_id}-2" in drawn and ZJJ in drawn and CGJ in drawn
