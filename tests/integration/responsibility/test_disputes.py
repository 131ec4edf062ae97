"""Disputes and rulings through the API, over the sample catalogue: dossier, procedure, rulings over time."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.config import Settings
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.identity import Role, create_token
from tests.conftest import TEST_ACTOR
from tests.support.catalogue import LAW_NEW, X, Y, load_sample

SCJGJ, ZJJ, CGJ = f"{X}-scjgj", f"{X}-zjj", f"{Y}-cgj"


@pytest.fixture(scope="module")
def api(runner: Runner, settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    load_sample(runner, tmp_path_factory.mktemp("catalogue"))
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture(scope="module")
def office(api: TestClient, runner: Runner) -> dict[str, str]:
    token = create_token(runner, "雁塔区委编办-王", Role.office, None, TEST_ACTOR).token
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture(scope="module")
def department(api: TestClient, runner: Runner) -> dict[str, str]:
    token = create_token(runner, "住建局-李", Role.department, ZJJ, TEST_ACTOR).token
    return {"Authorization": f"Bearer {token}"}


def resolve(api: TestClient, headers: dict[str, str], as_of: str, region: str = X) -> dict:
    body = {"matter_id": "m-conflict", "region": region, "as_of": as_of}
    response = api.post("/api/v1/responsibility/resolve", json=body, headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["results"][0]


def lead_of(result: dict) -> list[tuple[str, str]]:
    return sorted((d["department"]["id"], d["rule"]) for d in result["lead"])


def test_a_dispute_is_settled_by_rulings_that_later_rulings_supersede(
    api: TestClient, office: dict[str, str], department: dict[str, str], runner: Runner
) -> None:
    claim = {
        "kind": "职责交叉",
        "matter_id": "m-conflict",
        "region": X,
        "statement": "燃气餐饮场所的检查由谁牵头",
        "claimants": [
            {"department_id": SCJGJ, "position": "应由住建牵头"},
            {"department_id": ZJJ, "position": "应由市场监管牵头"},
        ],
    }
    created = api.post("/api/v1/disputes", json=claim, headers=department)
    assert created.status_code == 201, created.text
    dossier = created.json()
    dispute_id = dossier["id"]
    assert (
        dossier["status"] == "待裁定"
        and dossier["created_by"] == api.get("/api/v1/me", headers=department).json()["id"]
    )
    assert [f["code"] for f in dossier["resolution"]["results"][0]["flags"]] == ["CONFLICT"]
    assert dossier["procedure"]["article"] == "第十条"
    assert dossier["common_superior"]["region_id"] == X
    assert dossier["common_superior"]["full_name"] == "陕西省西安市雁塔区"
    assert dossier["precedents"] == []

    ruling = {
        "lead": [ZJJ],
        "cooperating": [SCJGJ],
        "basis": [f"{LAW_NEW}:1"],
        "deciding_body": "编办会同司法局",
        "decided_on": "2024-06-20",
        "effective_from": "2024-07-01",
        "statement": "燃气安全为主,住建牵头",
    }
    forbidden = api.post(f"/api/v1/disputes/{dispute_id}/ruling", json=ruling, headers=department)
    assert forbidden.status_code == 403
    ruled = api.post(f"/api/v1/disputes/{dispute_id}/ruling", json=ruling, headers=office)
    assert ruled.status_code == 201, ruled.text
    assert ruled.json()["status"] == "已裁定"
    assert [r["created_by"] for r in ruled.json()["rulings"]] == [api.get("/api/v1/me", headers=office).json()["id"]]

    before, after = resolve(api, office, "2024-06-30"), resolve(api, office, "2024-07-01")
    assert [f["code"] for f in before["flags"]] == ["CONFLICT"]
    assert lead_of(after) == [(ZJJ, "ruling")]
    assert [(d["department"]["id"], d["rule"]) for d in after["cooperating"]] == [(SCJGJ, "ruling")]
    assert after["flags"] == []
    assert after["lead"][0]["evidence"]["ruling"]["deciding_body"] == "编办会同司法局"
    elsewhere = resolve(api, office, "2024-07-01", region=Y)
    assert lead_of(elsewhere) != [(ZJJ, "ruling")]  # a ruling for 雁塔区 does not decide 碑林区

    later = dict(
        ruling,
        lead=[SCJGJ],
        cooperating=[ZJJ],
        decided_on="2024-12-20",
        effective_from="2025-01-01",
        statement="改由市场监管牵头",
    )
    assert api.post(f"/api/v1/disputes/{dispute_id}/ruling", json=later, headers=office).status_code == 201
    assert lead_of(resolve(api, office, "2025-02-01")) == [(SCJGJ, "ruling")]
    assert lead_of(resolve(api, office, "2024-08-01")) == [(ZJJ, "ruling")]  # history stays
    rulings = api.get(f"/api/v1/disputes/{dispute_id}", headers=office).json()["rulings"]
    assert [r["effective_from"] for r in rulings] == ["2025-01-01", "2024-07-01"]

    # The same matter disputed in another district finds this ruling as its closest precedent.
    other = dict(claim, region=Y, claimants=[{"department_id": CGJ, "position": "非本部门职责"}])
    precedents = api.post("/api/v1/disputes", json=other, headers=office).json()["precedents"]
    assert precedents and precedents[0]["closeness"] == 3 and precedents[0]["region"]["id"] == X


def test_the_common_superior_of_two_districts_is_their_city(runner: Runner, api: TestClient) -> None:
    [row] = runner.read(query("dispute/find_common_superior"), department_ids=[SCJGJ, CGJ])
    assert (row["region_id"], row["full_name"]) == ("610100", "陕西省西安市")


def test_bad_dispute_input_names_the_field(api: TestClient, office: dict[str, str]) -> None:
    claim = {"kind": "管辖争议", "matter_id": "m-food", "region": X, "claimants": [{"department_id": "610113-nope"}]}
    response = api.post("/api/v1/disputes", json=claim, headers=office)
    assert response.status_code == 422
    assert response.json()["error"] == {
        "code": "invalid_input",
        "message": "未知部门:610113-nope",
        "details": [{"field": "claimants", "reason": "unknown department"}],
    }
    bad_kind = api.post("/api/v1/disputes", json=dict(claim, kind="吵架"), headers=office)
    assert bad_kind.status_code == 422 and bad_kind.json()["error"]["details"][0]["field"] == "kind"
    assert api.get("/api/v1/disputes/D-19990101-000000", headers=office).status_code == 404
    good = dict(claim, claimants=[{"department_id": SCJGJ}])
    dispute_id = api.post("/api/v1/disputes", json=good, headers=office).json()["id"]
    ruling = {
        "lead": [SCJGJ],
        "basis": ["法甲@2021-01-01:99"],
        "deciding_body": "编办",
        "decided_on": "2024-01-01",
        "effective_from": "2024-01-01",
    }
    unknown_article = api.post(f"/api/v1/disputes/{dispute_id}/ruling", json=ruling, headers=office)
    assert unknown_article.status_code == 422
    assert unknown_article.json()["error"]["message"] == "未知的条款:法甲@2021-01-01:99"
