"""A Neo4j instance of the tests' own (its own home and ports), started once per session.

The settings are built here, not read from the environment, so a developer's NEO4J_URI can
never point the tests at the database the run command serves; and every wipe first asks the
server for its data directory and refuses unless it lies in the test home.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from graphsvc.api.app import create_app
from graphsvc.config import Neo4jSettings, ServiceSettings, Settings
from graphsvc.db import Runner, create_driver
from graphsvc.identity import Role, create_token
from graphsvc.local_neo4j import LocalNeo4j
from loaders.reference import load_reference
from tests.support.auth import TEST_ACTOR
from tests.support.clue_world import load_clue_world
from tests.support.graph import BOLT_PORT, HTTP_PORT, TEST_HOME, wipe

# Fixtures kept beside the world they build, offered to every test module.
pytest_plugins = ["tests.support.synthetic"]


def make_settings(**service: object) -> Settings:
    return Settings(
        Neo4jSettings(
            uri=f"neo4j://127.0.0.1:{BOLT_PORT}",
            username="neo4j",
            password=SecretStr("graphsvc-test-only"),
            database="neo4j",
        ),
        ServiceSettings(
            **{  # type: ignore[arg-type]
                "neo4j_home": TEST_HOME,
                "neo4j_http_port": HTTP_PORT,
                "neo4j_heap": "768m",
                "neo4j_pagecache": "256m",
                "db_retry_seconds": 2.0,
                # Behaviour, not speed, is tested here: on a shared, loaded machine a read may take long.
                "read_timeout_seconds": 120.0,
                **service,
            }
        ),
    )


@pytest.fixture(scope="session")
def settings() -> Settings:
    return make_settings()


@pytest.fixture(scope="session")
def server(settings: Settings) -> Iterator[LocalNeo4j]:
    server = LocalNeo4j(settings)
    was_running = server.pid() is not None
    server.start()
    yield server
    # Leave a server we found running; stop the one we started unless asked to keep it for the next run.
    if not was_running and not os.environ.get("GRAPHSVC_KEEP_TEST_NEO4J"):
        server.stop()


@pytest.fixture(scope="session")
def runner(server: LocalNeo4j, settings: Settings) -> Iterator[Runner]:
    driver = create_driver(settings)
    # The settings' read timeout (generous here), not the service default: a loaded machine is slow, not wrong.
    service = settings.service
    r = Runner(driver, settings.neo4j.database, service.read_timeout_seconds, service.db_retry_seconds)
    from graphsvc import schema

    schema.apply(r)
    yield r
    driver.close()


@pytest.fixture
def graph(runner: Runner, settings: Settings) -> Runner:
    """A clean graph holding the shipped reference data, loaded through the real loader."""
    wipe(runner)
    load_reference(runner, settings.service.reference_dir, TEST_ACTOR).raise_if_failed()
    return runner


@pytest.fixture
def client(graph: Runner, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture
def admin_token(graph: Runner) -> str:
    return create_token(graph, "测试管理员", Role.admin, None, TEST_ACTOR).token


@pytest.fixture
def auth(admin_token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {admin_token}"}


@pytest.fixture
def env(settings: Settings, graph: Runner) -> dict[str, str]:
    """The environment that points the CLI (typer's CliRunner) at the test server, over the `graph` world."""
    return {
        "NEO4J_URI": settings.neo4j.uri,
        "NEO4J_PASSWORD": settings.neo4j.password.get_secret_value(),
        "GRAPHSVC_NEO4J_HOME": str(settings.service.neo4j_home),
        "GRAPHSVC_NEO4J_HTTP_PORT": str(settings.service.neo4j_http_port),
    }


@pytest.fixture(scope="module")
def clue_api(runner: Runner, settings: Settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """The clue world (tests/support/clue_world.py), loaded once for the module, behind the API."""
    wipe(runner)
    load_clue_world(runner, tmp_path_factory)
    with TestClient(create_app(settings)) as client:
        yield client
