"""The catalogue audit over the sample catalogue: the 编办's worklist, as JSON and CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.config import Settings
from graphsvc.db import Runner
from graphsvc.identity import Role, create_token
from tests.conftest import TEST_ACTOR
from tests.support.catalogue import X, Y, load_sample


@pytest.fixture(scope="module")
def api(runner: Runner, settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    load_sample(runner, tmp_path_factory.mktemp("catalogue"))
    token = create_token(runner, "编办-审计", Role.office, None, TEST_ACTOR).token
    with TestClient(create_app(settings), headers={"Authorization": f"Bearer {token}"}) as client:
        yield client


def issues(report: dict) -> set[tuple[str, str]]:
    return {(i["kind"], i["matter_id"]) for i in report["issues"]}


def test_the_worklist_of_a_district(api: TestClient) -> None:
    report = api.get("/api/v1/responsibility/audit", params={"region": X, "as_of": "2024-06-01"}).json()
    assert report["matters_checked"] == 8
    assert issues(report) == {("CONFLICT", "m-conflict"), ("STALE_BASIS", "m-stale")}
    assert report["functions_without_performer"] == []
    assert {d["id"] for d in report["departments_without_inspectors"]} == {f"{X}-scjgj", f"{X}-zjj"}
    assert {(c["kind"], c["count"]) for c in report["counts"]} == {("CONFLICT", 1), ("STALE_BASIS", 1)}


def test_gaps_and_unperformed_functions_elsewhere(api: TestClient) -> None:
    report = api.get("/api/v1/responsibility/audit", params={"region": Y, "as_of": "2024-06-01"}).json()
    gaps = {m for kind, m in issues(report) if kind == "GAP"}
    assert gaps == {"m-food", "m-old", "m-local", "m-conflict", "m-stale"}
    unperformed = {f["id"]: f["matters"] for f in report["functions_without_performer"]}
    assert set(unperformed) == {"f-food", "f-old-ic"}
    assert sorted(unperformed["f-food"]) == ["m-conflict", "m-food", "m-local", "m-stale"]


def test_the_worklist_as_csv(api: TestClient) -> None:
    response = api.get("/api/v1/responsibility/audit", params={"region": X, "as_of": "2024-06-01", "format": "csv"})
    assert response.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.text.lstrip("\ufeff"))))
    assert {(r["kind"], r["id"]) for r in rows} >= {
        ("CONFLICT", "m-conflict"),
        ("STALE_BASIS", "m-stale"),
        ("DEPARTMENT_WITHOUT_INSPECTORS", f"{X}-zjj"),
    }
    assert api.get("/api/v1/responsibility/audit", params={"region": "999999"}).status_code == 404
