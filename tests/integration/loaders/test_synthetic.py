"""The synthetic generator (loaders/synthetic/): deterministic, valid codes, and a set that loads whole."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, time, timedelta
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from graphsvc.config import Settings
from graphsvc.cypher import query
from graphsvc.db import Runner
from loaders.entities import BEIJING, SPECS, load_folder
from loaders.reference import load_reference
from loaders.rows import LoadReport
from loaders.synthetic import AS_OF
from tests.conftest import TEST_ACTOR, wipe
from tests.support.graph import entity_facts
from tests.support.synthetic import rows

CHAINS = query("entities/list_referral_chains")


@pytest.fixture(scope="module")
def loaded(runner: Runner, settings: Settings, generated: tuple[Path, dict[str, int]]) -> LoadReport:
    """The tiny set loaded, all or nothing, onto the reference graph (once for this module)."""
    wipe(runner)
    load_reference(runner, settings.service.reference_dir, TEST_ACTOR).raise_if_failed()
    return load_folder(runner, generated[0], TEST_ACTOR)


def test_the_generated_set_loads_with_zero_rejected_rows(
    loaded: LoadReport, generated: tuple[Path, dict[str, int]]
) -> None:
    assert loaded.errors == []
    assert loaded.written == {SPECS[kind].name: n for kind in SPECS if (n := generated[1][SPECS[kind].file])}


def shapes(hops: list[dict[str, Any]], province: dict[str, str]) -> dict[str, set[str]]:
    """Clues whose chains loop (A→B→C→A), bounce (A→B→A→B), stall, or cross a province, by networkx."""
    by_clue: dict[str, nx.DiGraph] = defaultdict(nx.DiGraph)
    for hop in hops:
        by_clue[hop["clue_id"]].add_node(hop["id"], **hop)
        if hop["previous_id"]:
            by_clue[hop["clue_id"]].add_edge(hop["previous_id"], hop["id"])
    found: dict[str, set[str]] = {"loop": set(), "ping_pong": set(), "stall": set(), "cross_province": set()}
    stalled_before = datetime.combine(AS_OF - timedelta(days=60), time(), BEIJING)
    for clue, chain in by_clue.items():
        order = [chain.nodes[h] for h in nx.topological_sort(chain)]
        visits = [order[0]["from_department_id"]] + [h["to_department_id"] for h in order]
        departments = nx.DiGraph(list(zip(visits, visits[1:], strict=False)))
        if any(len(cycle) >= 3 for cycle in nx.simple_cycles(departments)):
            found["loop"].add(clue)
        if any(visits[i : i + 2] == visits[i + 2 : i + 4] for i in range(len(visits) - 3)):
            found["ping_pong"].add(clue)
        if any(not h["acknowledged_at"] and _when(h["sent_at"]) < stalled_before for h in order):
            found["stall"].add(clue)
        if any(province[h["from_department_id"]] != province[h["to_department_id"]] for h in order):
            found["cross_province"].add(clue)
    return found


def _when(value: str | datetime) -> datetime:
    return value if isinstance(value, datetime) else datetime.fromisoformat(value)


def test_chains_loop_bounce_stall_and_cross_provinces(
    loaded: LoadReport, runner: Runner, generated: tuple[Path, dict[str, int]], settings: Settings
) -> None:
    # From the files, with provinces worked out from the reference CSVs ...
    regions = {r["id"]: r["parent_id"] for r in rows(settings.service.reference_dir, "regions.csv")}

    def top(region: str) -> str:
        return top(regions[region]) if regions.get(region) else region

    province = {d["id"]: top(d["region_id"]) for d in rows(settings.service.reference_dir, "departments.csv")}
    in_files = shapes(rows(generated[0], "referrals.csv"), province)
    assert all(len(clues) >= 3 for clues in in_files.values()), {k: len(v) for k, v in in_files.items()}
    # ... and from the graph, with provinces found by walking PART_OF: the same chains, the same shapes.
    in_graph = runner.read(CHAINS)
    graph_province = {h["from_department_id"]: h["from_province"] for h in in_graph}
    graph_province |= {h["to_department_id"]: h["to_province"] for h in in_graph}
    assert shapes([{**h, "previous_id": h["previous_id"] or ""} for h in in_graph], graph_province) == in_files


def test_reloading_the_generated_set_changes_nothing(
    loaded: LoadReport, runner: Runner, generated: tuple[Path, dict[str, int]]
) -> None:
    before = entity_facts(runner)
    assert load_folder(runner, generated[0], TEST_ACTOR).errors == []
    assert entity_facts(runner) == before
