"""The OpenAPI document as a contract, read from the app without a database: typed successes, documented error
shapes, stable operation ids, one Ref."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
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
