"""The inspection world (tests/support/inspection_data.py), fresh per test, behind the API."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.config import Settings
from graphsvc.db import Runner
from tests.support.inspection_data import load_world


@pytest.fixture
def world(runner: Runner, tmp_path: Path) -> Runner:
    return load_world(runner, tmp_path)


@pytest.fixture
def api(world: Runner, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c
