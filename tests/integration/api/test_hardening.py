"""Nothing lost, nothing forged: the audit log, bounds on what the API takes, error bodies, the access policy,
identity by stable id, server-stamped times and safe exports — through the real stack and database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from fastapi.testclient import TestClient

from graphsvc.db import Runner
from graphsvc.errors import Conflict
from graphsvc.identity import Role, authenticate, create_token, get_user, issue_token, set_role
from tests.conftest import TEST_ACTOR
from tests.support.auth import bearer
from tests.support.clue_world import DAY, SCJ, USCC, Y_SCJ, ZJJ, T, iso


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


def new_clue(api: TestClient, office: dict[str, str]) -> str:
    body = {
        "channel": "12345热线",
        "received_at": iso(DAY),
        "dispatched_at": iso(DAY + timedelta(hours=1)),
        "region": T,
        "description": "群众反映小寨路某餐馆销售过期食品",
    }
    response = api.post("/api/v1/clues", json=body, headers=office)
    assert response.status_code == 201, response.text
    return str(response.json()["clue"]["id"])


def me(api: TestClient, headers: dict[str, str]) -> str:
    return str(api.get("/api/v1/me", headers=headers).json()["id"])


# -- the audit log ---------------------------------------------------------------------------------------------


def test_every_write_is_recorded_with_before_and_after(
    api: TestClient, office: dict[str, str], scj: dict[str, str], analyst: dict[str, str]
) -> None:
    clue_id = new_clue(api, office)
    hop = f"{clue_id}-1"
    ack = api.post(
        f"/api/v1/clues/{clue_id}/referrals/{hop}/acknowledgement",
        json={"acknowledged_at": iso(DAY + timedelta(hours=2)), "backdate_reason": "纸质台账补录"},
        headers=scj,
    )
    assert ack.status_code == 201, ack.text
    log = api.get("/api/v1/audit-log", params={"object_id": hop}, headers=office)
    assert log.status_code == 200, log.text
    actions = [e["action"] for e in log.json()["events"]]
    assert actions == ["clue/acknowledge_referral", "clue/create_clue"]  # newest first
    event = log.json()["events"][0]
    assert event["actor"] == me(api, scj) and clue_id in event["object_ids"]
    assert event["before"] == {"acknowledged_at": None, "acknowledged_by": None}
    assert event["after"]["acknowledged_by"] == me(api, scj)
    assert event["after"]["acknowledged_backdate_reason"] == "纸质台账补录"
    recorded = datetime.fromisoformat(event["after"]["acknowledged_recorded_at"])
    assert abs(recorded - datetime.fromisoformat(event["at"])) < timedelta(seconds=5)  # the server's clock
    by_user = api.get("/api/v1/audit-log", params={"actor": me(api, scj)}, headers=office).json()
    assert {e["action"] for e in by_user["events"]} == {"clue/acknowledge_referral"}
    # a refused transition writes nothing and records nothing
    again = api.post(f"/api/v1/clues/{clue_id}/referrals/{hop}/acknowledgement", json={}, headers=scj)
    assert again.status_code == 409
    assert api.get("/api/v1/audit-log", params={"object_id": hop}, headers=office).json()["total"] == 2
    assert api.get("/api/v1/audit-log", headers=analyst).status_code == 403
    assert api.get("/api/v1/audit-log", headers=scj).status_code == 403


# -- bounds ----------------------------------------------------------------------------------------------------


def test_a_large_body_is_refused_before_authentication(api: TestClient) -> None:
    big = b"{" + b" " * (3 * 1024 * 1024) + b"}"
    response = api.post("/api/v1/clues", content=big, headers={"Content-Type": "application/json"})
    assert response.status_code == 413  # not 401: the body limit comes first
    assert (
        response.json()["error"]["code"] == "payload_too_large" and "请求体过大" in response.json()["error"]["message"]
    )

    def chunks() -> Iterator[bytes]:  # no Content-Length: counted while read
        for _ in range(40):
            yield b" " * 100_000

    streamed = api.post("/api/v1/clues", content=chunks(), headers={"Content-Type": "application/json"})
    assert streamed.status_code == 413


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/api/v1/referrals/anomalies", {"to": "0"}, "to"),
        ("/api/v1/referrals/anomalies", {"from": "0001-01-01"}, "from"),
        ("/api/v1/referrals/flows", {"to": "9999-12-31"}, "to"),
        ("/api/v1/referrals/anomalies", {"offset": str(2**63)}, "offset"),
        ("/api/v1/referrals/anomalies", {"offset": str(2**31)}, "offset"),
        ("/api/v1/matters/search", {"q": "食品", "offset": str(2**31 - 1)}, "offset"),
        ("/api/v1/audit-log", {"from": "10000"}, "from"),
        ("/api/v1/clues/C-x/chain", {"as_of": "9999-01-01T00:00:00"}, "as_of"),
    ],
)
def test_values_the_database_cannot_hold_are_422_in_chinese(
    api: TestClient, office: dict[str, str], path: str, params: dict[str, str], field: str
) -> None:
    response = api.get(path, params=params, headers=office)
    assert response.status_code == 422, response.text
    error = response.json()["error"]
    assert error["code"] == "invalid_input" and "请求参数有误" in error["message"]
    assert [d["field"] for d in error["details"]] == [field]


def test_precheck_windows_and_clue_times_out_of_range_are_422(
    api: TestClient, office: dict[str, str], scj: dict[str, str]
) -> None:
    window = {"start": "0001-01-01", "end": "9999-12-31"}
    body = {"department": SCJ, "subjects": [USCC], "matters": ["m-food"], "window": window}
    refused = api.post("/api/v1/inspections/precheck", json=body, headers=office)
    assert refused.status_code == 422
    assert {d["field"] for d in refused.json()["error"]["details"]} == {"window.start", "window.end"}
    clue = {"channel": "12345热线", "received_at": 0, "region": T, "description": "过期食品"}
    response = api.post("/api/v1/clues", json=clue, headers=office)
    assert response.status_code == 422 and response.json()["error"]["details"][0]["field"] == "received_at"
    clue_id = new_clue(api, office)
    closing = {"outcome": "办结", "closed_at": "0001-01-01T00:00:00"}
    late = api.post(f"/api/v1/clues/{clue_id}/referrals/{clue_id}-1/outcome", json=closing, headers=scj)
    assert late.status_code == 422


def test_error_bodies_carry_no_internals(api: TestClient, office: dict[str, str]) -> None:
    for response in (
        api.get("/api/v1/clues/C-nope/chain", headers=office),
        api.post("/api/v1/clues", json={"channel": "x"}, headers=office),
        api.get("/api/v1/referrals/anomalies", params={"offset": "-1"}, headers=office),
    ):
        text = response.text
        assert response.status_code in (404, 422)
        assert not re.search(r"Neo\.|cypher|MATCH|clue/|Traceback|neo4j", text), text
        assert set(response.json()) == {"error"} and {"code", "message"} <= set(response.json()["error"])


def test_the_openapi_document_states_the_error_answers(api: TestClient) -> None:
    spec = api.get("/openapi.json").json()
    assert "ErrorBody" in spec["components"]["schemas"]
    for path, operations in spec["paths"].items():
        if not path.startswith("/api/v1/"):
            continue
        for method, operation in operations.items():
            # Each operation states the failures it can answer (tests/test_contract.py checks which, per operation).
            codes = set(operation["responses"])
            assert {"401", "503"} <= codes, (method, path)
            for code in codes - {"200", "201", "204"}:
                ref = operation["responses"][code]["content"]["application/json"]["schema"]["$ref"]
                assert ref.endswith("/ErrorBody"), (method, path, code)


# -- the access policy -----------------------------------------------------------------------------------------


def test_roles_read_and_write_only_what_they_may(
    api: TestClient,
    runner: Runner,
    office: dict[str, str],
    scj: dict[str, str],
    zjj: dict[str, str],
    analyst: dict[str, str],
) -> None:
    dispute = {"kind": "职责交叉", "matter_id": "m-food", "region": T, "claimants": [{"department_id": SCJ}]}
    assert api.post("/api/v1/disputes", json=dispute, headers=analyst).status_code == 403
    others = dispute | {"claimants": [{"department_id": SCJ}, {"department_id": Y_SCJ}]}
    refused = api.post("/api/v1/disputes", json=others, headers=zjj)
    assert refused.status_code == 403 and refused.json()["error"]["details"][0]["field"] == "claimants"
    assert api.post("/api/v1/disputes", json=dispute, headers=scj).status_code == 201  # as a party, it may

    clue_id = new_clue(api, office)  # dispatched to 市场监管 (SCJ) only
    assert api.get(f"/api/v1/clues/{clue_id}/chain", headers=scj).status_code == 200
    assert api.get(f"/api/v1/clues/{clue_id}/chain", headers=zjj).status_code == 403
    assert api.get(f"/api/v1/clues/{clue_id}/chain", headers=analyst).status_code == 200
    for path in ("/api/v1/referrals/anomalies", "/api/v1/referrals/flows"):
        assert api.get(path, headers=zjj).status_code == 403
        assert api.get(path, headers=analyst).status_code == 200


# -- identity --------------------------------------------------------------------------------------------------


def test_a_token_never_changes_a_role_and_role_changes_are_recorded(
    api: TestClient, runner: Runner, office: dict[str, str]
) -> None:
    first = create_token(runner, "分析员-钱", Role.analyst, None, TEST_ACTOR)
    assert first.user_id.startswith("u_")
    with pytest.raises(Conflict):
        create_token(runner, "分析员-钱", Role.admin, None, TEST_ACTOR)  # the observed analyst → admin escalation
    assert get_user(runner, first.user_id).role is Role.analyst
    second = issue_token(runner, first.user_id, TEST_ACTOR)
    assert authenticate(runner, second.token).id == first.user_id
    changed = set_role(runner, first.user_id, Role.department, ZJJ, "cli:admin")
    assert changed["before"] == {"role": "analyst", "department_id": None}
    assert changed["after"] == {"role": "department", "department_id": ZJJ}
    assert authenticate(runner, first.token).department_id == ZJJ  # every token follows the user
    log = api.get("/api/v1/audit-log", params={"object_id": first.user_id}, headers=office).json()
    assert [(e["action"], e["actor"]) for e in log["events"]][0] == ("identity/set_user_role", "cli:admin")
    assert all("token_hash" not in e["what"] for e in log["events"])  # secrets never reach the log


# -- server-stamped times --------------------------------------------------------------------------------------


# -- exports ---------------------------------------------------------------------------------------------------


def test_the_audit_csv_opens_in_excel(api: TestClient, office: dict[str, str]) -> None:
    response = api.get("/api/v1/responsibility/audit", params={"region": T, "format": "csv"}, headers=office)
    assert response.status_code == 200 and response.content.startswith("\ufeff".encode())
