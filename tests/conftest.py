"""A Neo4j instance of the tests' own (its own home and ports), started once per session.

The settings are built here, not read from the environment, so a developer's NEO4J_URI can
never point the tests at the database the run command serves; and every wipe first asks the
server for its data directory and refuses unless it lies in the test home.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pydantic import SecretStr

from graphsvc.api.app import create_app
from graphsvc.config import ROOT, Neo4jSettings, ServiceSettings, Settings
from graphsvc.cypher import query
from graphsvc.db import Runner, create_driver
from graphsvc.identity import Role, create_token
from graphsvc.local_neo4j import LocalNeo4j
from loaders.reference import load_reference

# Several test runs can share a machine (e.g. parallel work trees): each slot has its own home and ports.
SLOT = int(os.environ.get("GRAPHSVC_TEST_SLOT", "0"))
TEST_HOME = ROOT / ".neo4j" / (f"test{SLOT}" if SLOT else "test")
BOLT_PORT, HTTP_PORT = 17687 + 10 * SLOT, 17474 + 10 * SLOT
DATA_DIRECTORY = query("admin/data_directory")
DELETE_EVERYTHING = query("admin/delete_everything")
TEST_ACTOR = "test:pytest"


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
    r = Runner(driver, settings.neo4j.database)
    from graphsvc import schema

    schema.apply(r)
    yield r
    driver.close()


def wipe(runner: Runner) -> None:
    data = Path(runner.read(DATA_DIRECTORY)[0]["data_directory"]).resolve()
    if not data.is_relative_to(TEST_HOME.resolve()):
        raise RuntimeError(f"refusing to wipe a database whose data lives in {data}, outside {TEST_HOME}")
    runner.write(DELETE_EVERYTHING)


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
