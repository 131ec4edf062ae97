"""The local server's life: status, idempotent start, stale PID files, stop, and /readyz meanwhile."""

from __future__ import annotations

import time

from fastapi.testclient import TestClient

from graphsvc.config import Settings
from graphsvc.local_neo4j import LocalNeo4j
from tests.conftest import BOLT_PORT, HTTP_PORT


def test_status_of_the_running_server(server: LocalNeo4j) -> None:
    status = server.status()
    assert status.running and status.pid
    assert status.bolt == f"neo4j://127.0.0.1:{BOLT_PORT}"
    assert status.http == f"http://127.0.0.1:{HTTP_PORT}/browser/"


def test_start_again_is_a_no_op(server: LocalNeo4j) -> None:
    pid = server.pid()
    assert server.start().startswith("已在运行")
    assert server.pid() == pid


def test_conf_puts_everything_under_the_home(server: LocalNeo4j) -> None:
    conf = (server.home / "conf" / "neo4j.conf").read_text()
    assert f"server.directories.data={server.home / 'data'}" in conf
    assert f"server.bolt.listen_address=127.0.0.1:{BOLT_PORT}" in conf
    assert "dbms.usage_report.enabled=false" in conf


def test_the_browser_is_served(server: LocalNeo4j) -> None:
    import urllib.request

    with urllib.request.urlopen(f"http://127.0.0.1:{HTTP_PORT}/browser/", timeout=10) as page:
        assert page.status == 200
        assert b"Neo4j Browser" in page.read()


def _wait_for(client: TestClient, status: int, seconds: float = 30) -> int:
    deadline = time.monotonic() + seconds
    code = client.get("/readyz").status_code
    while code != status and time.monotonic() < deadline:
        time.sleep(0.5)
        code = client.get("/readyz").status_code
    return code


def test_stop_then_readyz_then_start_recovers(server: LocalNeo4j, client: TestClient, settings: Settings) -> None:
    assert client.get("/readyz").status_code == 200
    try:
        assert server.stop() == "已停止"
        assert not server.status().running
        down = client.get("/readyz")
        assert down.status_code == 503
        assert down.json()["error"]["code"] == "database_unavailable"
        assert "图数据库" in down.json()["error"]["message"]
        assert client.get("/healthz").status_code == 200
    finally:
        server.start()
    # The same app, no restart: readiness comes back by itself.
    assert _wait_for(client, 200) == 200
