"""The OpenAPI document is the contract: every operation has a typed success, the errors it documents have the
shape the service really sends ({"error": {...}}), operation ids are unique and stable, and a 422 says in Chinese
which field is wrong and why, with pydantic's type beside it. Real calls check the bodies against the document."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.api.errors import ErrorBody
from graphsvc.config import Settings
from graphsvc.db import Runner

# The ids clients are generated from: renaming one breaks them, so a rename must change this list too.


# -- real calls ---------------------------------------------------------------------------------------------


@pytest.fixture
def api(graph: Runner, settings: Settings) -> Any:
    with TestClient(create_app(settings)) as client:
        yield client


def error_of(response: Any) -> dict[str, Any]:
    body = response.json()
    ErrorBody.model_validate(body)  # the documented shape
    assert set(body) == {"error"}
    return dict(body["error"])


def test_a_missing_field_is_named_in_chinese(api: TestClient, auth: dict[str, str]) -> None:
    response = api.post("/api/v1/inspections/precheck", json={"department": "610113-scjgj"}, headers=auth)
    assert response.status_code == 422, response.text
    error = error_of(response)
    assert error["code"] == "invalid_input"
    missing = {d["field"]: d for d in error["details"]}
    assert set(missing) == {"subjects", "matters", "window"}
    assert all(d["reason"] == "缺少必填字段" and d["type"] == "missing" for d in missing.values())
    assert all(d["location"] == "body" for d in missing.values())
    assert error["message"].startswith("请求参数有误:") and "subjects 缺少必填字段" in error["message"]


def test_a_bad_region_code_says_what_a_region_code_is(api: TestClient, auth: dict[str, str]) -> None:
    response = api.get("/api/v1/matters/search", params={"q": "食品", "region": "61011"}, headers=auth)
    assert response.status_code == 422, response.text
    [detail] = error_of(response)["details"]
    assert detail == {
        "field": "region",
        "reason": "应为 6、9 或 12 位数字的行政区划代码(GB/T 2260),如 610113",
        "type": "string_pattern_mismatch",
        "location": "query",
    }


def test_bounds_types_and_choices_are_explained(api: TestClient, auth: dict[str, str]) -> None:
    response = api.get(
        "/api/v1/referrals/anomalies", params={"limit": 0, "offset": "x", "sort": "colour"}, headers=auth
    )
    assert response.status_code == 422, response.text
    details = {d["field"]: d for d in error_of(response)["details"]}
    assert details["limit"]["reason"] == "应不小于 1" and details["limit"]["type"] == "greater_than_equal"
    assert details["offset"]["reason"] == "应为整数" and details["offset"]["type"] == "int_parsing"
    assert details["sort"]["type"] == "literal_error" and details["sort"]["reason"].startswith("取值应为以下之一:")
    window = {"start": "2026-03-01", "end": "2026-02-01"}
    body = {"department": "x", "subjects": [], "matters": ["m"], "window": window}
    response = api.post("/api/v1/inspections/precheck", json=body, headers=auth)
    details = {d["field"]: d for d in error_of(response)["details"]}
    assert details["subjects"]["reason"] == "项数不足:至少 1 项"
    # Our own validators already speak Chinese: their words are kept, not pydantic's "Value error, …".
    assert details["window.end"] == {
        "field": "window.end",
        "reason": "结束日期早于开始日期",
        "type": "value_error",
        "location": "body",
    }


def test_a_body_that_is_not_json(api: TestClient, auth: dict[str, str]) -> None:
    response = api.post(
        "/api/v1/responsibility/resolve",
        content=b'{"text": ',
        headers=auth | {"Content-Type": "application/json"},
    )
    assert response.status_code == 422
    error = error_of(response)
    assert error["details"][0]["type"] == "json_invalid" and "不是有效的 JSON" in error["message"]


def test_other_errors_match_the_document_too(api: TestClient, auth: dict[str, str]) -> None:
    assert error_of(api.get("/api/v1/me"))["code"] == "unauthorized"
    assert error_of(api.get("/api/v1/disputes/D-19990101-000000", headers=auth))["code"] == "not_found"
