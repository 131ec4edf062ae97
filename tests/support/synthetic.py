"""The tiny synthetic world's files (loaders/synthetic/), generated once per session (a fixture of every test)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graphsvc.config import Settings
from loaders.synthetic import generate

SEED = 20250701


def rows(directory: Path, name: str) -> list[dict[str, str]]:
    with (directory / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="session")
def generated(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> tuple[Path, dict[str, int]]:
    """The folder of the tiny world (seed SEED) and the rows written per file."""
    out = tmp_path_factory.mktemp("tiny")
    return out, generate("tiny", SEED, out, settings.service.reference_dir)
