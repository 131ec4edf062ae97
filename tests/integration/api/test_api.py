"""The API through the real stack: lifespan, identity, error shape, regions."""

from __future__ import annotations

from fastapi.testclient import TestClient

from graphsvc.db import Runner
from graphsvc.identity import Role, create_token, revoke_token


def test_probes_and_docs_are_open(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz")
    assert ready.status_code == 200
    assert ready.json()["neo4j"].startswith("Neo4j Kernel 5.26")
    assert client.get("/docs").status_code == 200
    assert "/api/v1/regions/{code}" in client.get("/openapi.json").json()["paths"]


def test_a_missing_token_is_401_with_a_clear_message(client: TestClient) -> None:
    response = client.get("/api/v1/me")
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    message = "缺少访问令牌:请在请求头中提供 Authorization: Bearer <令牌>。"
    assert response.json() == {"error": {"code": "unauthorized", "message": message}}


def test_an_unknown_token_is_401(client: TestClient) -> None:
    response = client.get("/api/v1/me", headers={"Authorization": "Bearer gs_not-a-real-token"})
    assert response.status_code == 401
    assert response.json()["error"]["message"] == "访问令牌无效或已被吊销。"


def test_a_token_maps_to_its_user_and_department(client: TestClient, graph: Runner) -> None:
    new = create_token(graph, "闵行区市场监管局-张三", Role.department, "310112-scjgj", "test:pytest")
    me = client.get("/api/v1/me", headers={"Authorization": f"Bearer {new.token}"}).json()
    assert me == {
        "id": new.user_id,
        "name": "闵行区市场监管局-张三",
        "role": "department",
        "token_id": new.token_id,
        "department_id": "310112-scjgj",
        "department_name": "上海市闵行区市场监督管理局",
    }


def test_a_revoked_token_stops_working(client: TestClient, graph: Runner) -> None:
    new = create_token(graph, "分析员", Role.analyst, None, "test:pytest")
    headers = {"Authorization": f"Bearer {new.token}"}
    assert client.get("/api/v1/me", headers=headers).status_code == 200
    revoked = revoke_token(graph, new.token_id, "test:revoker")
    assert revoked["user_id"] == new.user_id and new.user_id.startswith("u_")
    assert client.get("/api/v1/me", headers=headers).status_code == 401


def test_region_lookup_and_errors(client: TestClient, auth: dict[str, str]) -> None:
    region = client.get("/api/v1/regions/152500", headers=auth).json()
    assert (region["name"], region["parent_name"]) == ("锡林郭勒盟", "内蒙古自治区")
    assert [c["name"] for c in region["children"]] == ["锡林浩特市"]
    assert region["updated_by"] == "test:pytest"  # every write records its actor

    missing = client.get("/api/v1/regions/999999", headers=auth)
    assert missing.status_code == 404
    assert missing.json()["error"] == {
        "code": "not_found",
        "message": "未知的行政区划代码:999999",
        "details": [{"field": "code", "reason": "unknown region"}],
    }

    malformed = client.get("/api/v1/regions/31011", headers=auth)
    assert malformed.status_code == 422
    assert malformed.json()["error"]["details"][0]["field"] == "code"


def test_region_search_in_chinese_and_hostile_input(client: TestClient, auth: dict[str, str]) -> None:
    hits = client.get("/api/v1/regions", params={"q": "雁塔"}, headers=auth).json()["results"]
    assert [h["name"] for h in hits] == ["雁塔区", "大雁塔街道"]  # the district first: the closer match
    for hostile in ['") OR *:*', "\\", '闵行" OR name:*', "' MATCH (n) DETACH DELETE n //"]:
        response = client.get("/api/v1/regions", params={"q": hostile}, headers=auth)
        assert response.status_code == 200, hostile
        assert response.json()["results"] == []
    assert client.get("/api/v1/regions/310000", headers=auth).status_code == 200  # nothing was deleted


def test_unknown_paths_use_the_error_shape(client: TestClient) -> None:
    response = client.get("/api/v1/nowhere")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"
