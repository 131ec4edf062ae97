"""Configuration follows the Neo4j conventions and refuses what cannot work."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from typer.testing import CliRunner

from graphsvc.cli import app
from graphsvc.config import LOCAL_DEV_PASSWORD, Neo4jSettings, ServiceSettings


def test_neo4j_variables_and_the_service_prefix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "neo4j+s://abc123.databases.neo4j.io")
    monkeypatch.setenv("NEO4J_USERNAME", "graphsvc")
    monkeypatch.setenv("NEO4J_PASSWORD", "s3cret")
    monkeypatch.setenv("NEO4J_DATABASE", "supervision")
    monkeypatch.setenv("GRAPHSVC_PORT", "9000")
    monkeypatch.setenv("GRAPHSVC_MANAGE_NEO4J", "false")
    db, svc = Neo4jSettings(), ServiceSettings()
    assert (db.uri, db.username, db.password.get_secret_value(), db.database) == (
        "neo4j+s://abc123.databases.neo4j.io",
        "graphsvc",
        "s3cret",
        "supervision",
    )
    assert (svc.port, svc.manage_neo4j) == (9000, False)
    assert "s3cret" not in repr(db)


def test_the_local_default_password_is_only_a_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_PASSWORD", raising=False)
    assert Neo4jSettings(_env_file=None).password.get_secret_value() == LOCAL_DEV_PASSWORD  # type: ignore[call-arg]


def test_a_uri_of_another_protocol_is_refused() -> None:
    with pytest.raises(ValidationError, match="NEO4J_URI must start with"):
        Neo4jSettings(uri="http://127.0.0.1:7474")
    result = CliRunner().invoke(app, ["neo4j", "status"], env={"NEO4J_URI": "http://127.0.0.1:7474"})
    assert result.exit_code == 2
    assert "配置有误" in result.output and "NEO4J_URI" in result.output
