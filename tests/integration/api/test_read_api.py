"""The first read endpoints over the reference catalogue: matter search and detail, subjects, departments."""

from __future__ import annotations

from fastapi.testclient import TestClient


def _search(client: TestClient, auth: dict[str, str], **params: object) -> dict:
    response = client.get("/api/v1/matters/search", params=params, headers=auth)
    assert response.status_code == 200, response.text
    return response.json()


def test_matter_search_ranks_and_pages(client: TestClient, auth: dict[str, str]) -> None:
    page = _search(client, auth, q="食品生产经营者 监督检查")
    assert page["total"] >= len(page["results"]) >= 1
    assert "食品" in page["results"][0]["name"]
    scores = [hit["score"] for hit in page["results"]]
    assert scores == sorted(scores, reverse=True)
    if page["total"] > 1:
        second = _search(client, auth, q="食品生产经营者 监督检查", offset=1, limit=1)
        assert second["results"] == page["results"][1:2]
        assert second["total"] == page["total"]


def test_matter_search_in_a_region(client: TestClient, auth: dict[str, str]) -> None:
    everywhere = _search(client, auth, q="食品")
    in_minhang = _search(client, auth, q="食品", region="310112")
    assert 1 <= in_minhang["total"] <= everywhere["total"]
    unknown = client.get("/api/v1/matters/search", params={"q": "食品", "region": "999999"}, headers=auth)
    assert unknown.status_code == 422
    assert unknown.json()["error"]["message"] == "未知的行政区划代码:999999"


def test_matter_search_survives_query_syntax(client: TestClient, auth: dict[str, str]) -> None:
    for hostile in ["食品 AND (", '"', "*:*", "name:食品~2 OR \\", "') DETACH DELETE n //"]:
        response = client.get("/api/v1/matters/search", params={"q": hostile}, headers=auth)
        assert response.status_code == 200, hostile


def test_matter_detail_carries_bases_and_who_carries_it(client: TestClient, auth: dict[str, str]) -> None:
    matter_id = _search(client, auth, q="食品生产经营者 监督检查")["results"][0]["id"]
    detail = client.get(f"/api/v1/matters/{matter_id}", params={"region": "310112"}, headers=auth).json()
    assert detail["id"] == matter_id and detail["domain"]["name"]
    assert detail["bases"], "every matter rests on at least one article"
    for basis in detail["bases"]:
        assert basis["article"].startswith("第") and basis["version"] and basis["title"]
    assert detail["lead"], "every matter has a lead"
    lead = detail["lead"][0]
    assert lead["function"] or lead["department"]
    performers = [p for duty in detail["lead"] for p in duty["performers"]]
    assert performers, "闵行区 has a department that performs the lead function"
    assert {p["region_id"] for p in performers} <= {"310112", "310000"}

    without_region = client.get(f"/api/v1/matters/{matter_id}", headers=auth).json()
    assert all(duty["performers"] == [] for duty in without_region["lead"])


def test_matter_detail_errors(client: TestClient, auth: dict[str, str]) -> None:
    missing = client.get("/api/v1/matters/no-such-matter", headers=auth)
    assert missing.status_code == 404
    assert missing.json()["error"]["message"] == "未知的监管事项:no-such-matter"
    matter_id = _search(client, auth, q="食品")["results"][0]["id"]
    bad_date = client.get(f"/api/v1/matters/{matter_id}", params={"as_of": "2024-13-01"}, headers=auth)
    assert bad_date.status_code == 422
    assert bad_date.json()["error"]["details"][0]["field"] == "as_of"


def test_subject_codes_are_checked_before_lookup(client: TestClient, auth: dict[str, str]) -> None:
    wrong_check = client.get("/api/v1/subjects/91310000MA1FL4B24H", headers=auth)
    assert wrong_check.status_code == 422
    assert "校验位错误" in wrong_check.json()["error"]["message"]
    short = client.get("/api/v1/subjects/9131000", headers=auth)
    assert short.status_code == 422 and "18 位" in short.json()["error"]["message"]
    unknown = client.get("/api/v1/subjects/91310000MA1FL4B24G", headers=auth)
    assert unknown.status_code == 404
    assert unknown.json()["error"]["message"] == "未找到统一社会信用代码为 91310000MA1FL4B24G 的监管对象"


def test_department_duties(client: TestClient, auth: dict[str, str]) -> None:
    department = client.get("/api/v1/departments/310112-scjgj", headers=auth).json()
    assert department["name"] == "上海市闵行区市场监督管理局"
    assert department["region_id"] == "310112"
    assert department["functions"], "the district market regulator performs functions"
    assert any(m["role"] == "牵头" for m in department["matters"])
    assert client.get("/api/v1/departments/310112-nope", headers=auth).status_code == 404
