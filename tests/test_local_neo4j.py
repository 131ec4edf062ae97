"""The local server's life: status, idempotent start, stale PID files, stop, and /readyz meanwhile."""

from __future__ import annotations

import hashlib
import subprocess
import time
from pathlib import Path

from fastapi.testclient import TestClient

from graphsvc.config import Settings
from graphsvc.local_neo4j import LocalNeo4j
from tests.conftest import BOLT_PORT, HTTP_PORT, make_settings


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


def test_a_stale_pid_file_is_removed(tmp_path: Path) -> None:
    other = LocalNeo4j(make_settings(neo4j_home=tmp_path / "home"))
    other.pid_file.parent.mkdir(parents=True)
    dead = subprocess.Popen(["true"])
    dead.wait()
    other.pid_file.write_text(str(dead.pid))
    assert other.pid() is None
    assert not other.pid_file.exists()
    assert other.stop() == "未在运行"


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


def test_the_initial_password_never_goes_on_a_command_line(tmp_path: Path) -> None:
    """neo4j-admin reads the password from an @-file that is gone afterwards; the hash it stored is of exactly
    that password (quotes, spaces, backslashes and Chinese included), checked the way Neo4j checks it."""
    fresh = LocalNeo4j(make_settings(neo4j_home=tmp_path / "home"))
    fresh.password = 'pa"ss wo\\rd-测试'
    fresh.install()
    fresh.write_conf()
    fresh._set_initial_password()
    assert not list((tmp_path / "home" / "run").iterdir())  # the argument file is removed
    user, credential, _ = (tmp_path / "home" / "data" / "dbms" / "auth.ini").read_text().split(":", 2)
    algorithm, stored, salt, iterations = credential.split(",")
    assert (user, algorithm) == ("neo4j", "SHA-256")
    digest = hashlib.sha256(bytes.fromhex(salt) + fresh.password.encode()).digest()
    for _ in range(int(iterations) - 1):
        digest = hashlib.sha256(digest).digest()
    assert digest.hex() == stored
