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

REF = "#/components/schemas/"
ERRORS = {"401", "403", "404", "409", "413", "422", "503"}
# The ids clients are generated from: renaming one breaks them, so a rename must change this list too.
OPERATION_IDS = {
    ("get", "/healthz"): "healthz",
    ("get", "/readyz"): "readyz",
    ("get", "/api/v1/me"): "whoami",
    ("post", "/api/v1/responsibility/resolve"): "resolve_responsibility",
    ("get", "/api/v1/responsibility/audit"): "audit_catalogue",
    ("post", "/api/v1/disputes"): "create_dispute",
    ("get", "/api/v1/disputes/{dispute_id}"): "get_dispute",
    ("post", "/api/v1/disputes/{dispute_id}/ruling"): "rule_on_dispute",
    ("post", "/api/v1/designations"): "designate",
    ("get", "/api/v1/legal-bases/{basis_id}/impact"): "basis_impact",
    ("post", "/api/v1/clues"): "create_clue",
    ("get", "/api/v1/clues/{clue_id}/chain"): "get_clue_chain",
    ("post", "/api/v1/clues/{clue_id}/referrals"): "refer_clue",
    ("get", "/api/v1/referrals/anomalies"): "list_referral_anomalies",
    ("get", "/api/v1/referrals/flows"): "get_referral_flows",
    ("post", "/api/v1/inspections/precheck"): "precheck_inspection",
    ("get", "/api/v1/matters/search"): "search_matters",
    ("get", "/api/v1/subjects/{code}"): "get_subject",
}


@pytest.fixture(scope="module")
def document() -> dict[str, Any]:
    return create_app().openapi()


def operations(document: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [(method, path, op) for path, ops in document["paths"].items() for method, op in ops.items()]


def typed(body: dict[str, Any]) -> bool:
    """A success body with a shape: a named model, a list of them, or bytes/text declared as such (CSV, docx)."""
    schema = body.get("schema", {})
    if schema.get("$ref") or schema.get("items") or schema.get("anyOf"):
        return True
    return schema.get("type") == "string"


def test_every_operation_has_a_typed_success(document: dict[str, Any]) -> None:
    untyped = []
    for method, path, op in operations(document):
        successes = {code: r for code, r in op["responses"].items() if code.startswith("2")}
        assert successes, f"{method} {path} documents no success"
        for code, response in successes.items():
            if code == "204":
                continue
            content = response.get("content", {})
            if not content or not all(typed(body) for body in content.values()):
                untyped.append(f"{method.upper()} {path} {code}")
    assert untyped == []
    # An untyped dict answer shows up as a free object named "Response …": none is left.
    assert not [name for name in document["components"]["schemas"] if name.startswith("Response_")]


def test_documented_errors_have_the_shape_the_service_sends(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    assert "HTTPValidationError" not in schemas and "ValidationError" not in schemas
    assert schemas["ErrorBody"]["required"] == ["error"]
    for method, path, op in operations(document):
        for code, response in op["responses"].items():
            if code[0] in "45":
                assert code in ERRORS, f"{method} {path}: undocumented kind of error {code}"
                schema = response["content"]["application/json"]["schema"]
                assert schema == {"$ref": REF + "ErrorBody"}, f"{method} {path} {code}"
                assert response["description"], f"{method} {path} {code} says nothing"


def test_errors_are_documented_where_they_can_happen(document: dict[str, Any]) -> None:
    for method, path, op in operations(document):
        codes = set(op["responses"])
        api = path.startswith("/api/v1/")
        if api and path != "/api/v1/session":
            assert {"401", "403"} <= codes, f"{method} {path}: authentication"
        if api or path == "/readyz":
            assert "503" in codes, f"{method} {path}: the database may be down"
        if op.get("parameters") or op.get("requestBody"):
            assert {"404", "422"} <= codes, f"{method} {path}: parameters"
        if op.get("requestBody"):
            assert "413" in codes, f"{method} {path}: body limit"
        if method in ("put", "patch", "delete") or (method == "post" and op["operationId"] not in READ_ONLY):
            assert "409" in codes, f"{method} {path}: a write may conflict"
    assert set(document["paths"]["/healthz"]["get"]["responses"]) == {"200"}  # liveness answers always


READ_ONLY = {"resolve_responsibility", "precheck_inspection", "opinion_document", "replay_random_draw", "sign_in"}


def test_operation_ids_are_unique_and_stable(document: dict[str, Any]) -> None:
    ids = [op["operationId"] for _, _, op in operations(document)]
    assert len(ids) == len(set(ids)) >= 50
    found = {(method, path): op["operationId"] for method, path, op in operations(document)}
    assert {key: found.get(key) for key in OPERATION_IDS} == OPERATION_IDS
    # Names, not paths: an id never carries the method or a path fragment FastAPI would append.
    assert all("_api_v1_" not in i and not i.endswith(("_get", "_post")) for i in ids)


def test_one_ref_for_the_whole_document(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    # Four modules once had their own `Ref`; FastAPI then named each by its module path. One name, one shape.
    assert not [name for name in schemas if "__" in name]
    assert schemas["Ref"]["required"] == ["id", "name"]


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
