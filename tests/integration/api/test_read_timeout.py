"""An expensive read that outlasts GRAPHSVC_READ_TIMEOUT_SECONDS is ended by Neo4j (the transaction timeout the
Runner gives every read), and the API answers the documented 503 with a Chinese message and no internals."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.db import Runner
from graphsvc.identity import Role, authenticate, create_token, hash_token
from loaders.entities import load_folder
from loaders.synthetic import AS_OF, generate
from tests.conftest import TEST_ACTOR, make_settings

WINDOW = {"from": f"{AS_OF.year - 1}-01-01", "to": AS_OF.isoformat(), "as_of": AS_OF.isoformat()}
INTERNALS = ("neo4j", "Neo.", "Transaction", "cypher", "clue/", "statement", "Traceback")


def _ask(runner: Runner, token: str, timeout: float) -> tuple[int, dict[str, object]]:
    app = create_app(make_settings(read_timeout_seconds=timeout, auth_cache_seconds=60.0))
    with TestClient(app) as client:
        # The caller is known already (as after an earlier call), so the only read the request makes is the sweep.
        app.state.tokens.put(hash_token(token), authenticate(runner, token))
        response = client.get(
            "/api/v1/referrals/anomalies", params=WINDOW, headers={"Authorization": f"Bearer {token}"}
        )
    return response.status_code, response.json()


def test_an_expensive_read_past_the_timeout_answers_503_in_chinese(graph: Runner, tmp_path: Path) -> None:
    generate("tiny", 5, tmp_path, make_settings().service.reference_dir)
    load_folder(graph, tmp_path, TEST_ACTOR).raise_if_failed()
    token = create_token(graph, "超时测试编办", Role.office, None, TEST_ACTOR).token

    status, body = _ask(graph, token, 0.001)  # one millisecond: the sweep over a county's clues cannot finish
    assert status == 503, body
    error = body["error"]
    assert isinstance(error, dict)
    assert error["code"] == "database_unavailable", error
    assert "查询超时" in error["message"] and "缩小范围" in error["message"], error
    assert not any(word.lower() in str(body).lower() for word in INTERNALS), body

    status, body = _ask(graph, token, 120.0)  # the same question with room to answer: it was the timeout
    assert status == 200, body
    assert body["clues_analysed"] > 0
