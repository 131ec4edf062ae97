"""The tests' own Neo4j (its home and ports, per GRAPHSVC_TEST_SLOT) and wiping it between worlds."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from graphsvc.config import ROOT
from graphsvc.cypher import query
from graphsvc.db import Runner

# Several test runs can share a machine (e.g. parallel work trees): each slot has its own home and ports.
SLOT = int(os.environ.get("GRAPHSVC_TEST_SLOT", "0"))
TEST_HOME = ROOT / ".neo4j" / (f"test{SLOT}" if SLOT else "test")
BOLT_PORT, HTTP_PORT = 17687 + 10 * SLOT, 17474 + 10 * SLOT
DATA_DIRECTORY = query("admin/data_directory")
DELETE_EVERYTHING = query("admin/delete_everything")
ENTITY_FACTS = query("entities/list_entity_facts")
# Counters every write to a clue's chain raises (a reload included, so that its summary is redone).
WRITE_COUNTERS = {"chain_version", "summary_version"}


def wipe(runner: Runner) -> None:
    data = Path(runner.read(DATA_DIRECTORY)[0]["data_directory"]).resolve()
    if not data.is_relative_to(TEST_HOME.resolve()):
        raise RuntimeError(f"refusing to wipe a database whose data lives in {data}, outside {TEST_HOME}")
    runner.write(DELETE_EVERYTHING)


def entity_facts(runner: Runner) -> list[dict[str, Any]]:
    """What the graph holds of the loaded entities, without the write stamps and the counters of writes (a clue's
    chain_version goes up with every write to its chain, a reload included, so that its summary is redone)."""
    rows = runner.read(ENTITY_FACTS)
    for row in rows:
        row["properties"] = {
            k: v
            for k, v in row["properties"].items()
            if not k.startswith(("updated_", "created_")) and k not in WRITE_COUNTERS
        }
    return rows
