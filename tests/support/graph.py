"""The tests' own Neo4j (its home and ports, per GRAPHSVC_TEST_SLOT) and wiping it between worlds."""

from __future__ import annotations

import os
from pathlib import Path

from graphsvc.config import ROOT
from graphsvc.cypher import query
from graphsvc.db import Runner

# Several test runs can share a machine (e.g. parallel work trees): each slot has its own home and ports.
SLOT = int(os.environ.get("GRAPHSVC_TEST_SLOT", "0"))
TEST_HOME = ROOT / ".neo4j" / (f"test{SLOT}" if SLOT else "test")
BOLT_PORT, HTTP_PORT = 17687 + 10 * SLOT, 17474 + 10 * SLOT
DATA_DIRECTORY = query("admin/data_directory")
DELETE_EVERYTHING = query("admin/delete_everything")


def wipe(runner: Runner) -> None:
    data = Path(runner.read(DATA_DIRECTORY)[0]["data_directory"]).resolve()
    if not data.is_relative_to(TEST_HOME.resolve()):
        raise RuntimeError(f"refusing to wipe a database whose data lives in {data}, outside {TEST_HOME}")
    runner.write(DELETE_EVERYTHING)
