"""The synthetic generator (loaders/synthetic/): deterministic, valid codes, and a set that loads whole."""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date, datetime, time, timedelta
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
from loaders.synthetic import AS_OF, generate
from tests.conftest import TEST_ACTOR, wipe
from tests.test_entities import facts, gb32100_check

SEED = 20250701
CHAINS = query("entities/list_referral_chains")


def rows(directory: Path, name: str) -> list[dict[str, str]]:
    with (directory / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> tuple[Path, dict[str, int]]:
    out = tmp_path_factory.mktemp("tiny")
    return out, generate("tiny", SEED, out, settings.service.reference_dir)


@pytest.fixture(scope="module")
def loaded(runner: Runner, settings: Settings, generated: tuple[Path, dict[str, int]]) -> LoadReport:
    """The tiny set loaded, all or nothing, onto the reference graph (once for this module)."""
    wipe(runner)
    load_reference(runner, settings.service.reference_dir, TEST_ACTOR).raise_if_failed()
    return load_folder(runner, generated[0], TEST_ACTOR)


def test_the_same_seed_writes_the_same_bytes(
    generated: tuple[Path, dict[str, int]], settings: Settings, tmp_path: Path
) -> None:
    first, counts = generated
    assert generate("tiny", SEED, tmp_path / "again", settings.service.reference_dir) == counts
    for name in counts:
        assert (tmp_path / "again" / name).read_bytes() == (first / name).read_bytes(), name
    generate("tiny", SEED + 1, tmp_path / "other", settings.service.reference_dir)
    assert (tmp_path / "other" / "subjects.csv").read_bytes() != (first / "subjects.csv").read_bytes()


def test_sizes_follow_the_scale(generated: tuple[Path, dict[str, int]]) -> None:
    _, counts = generated
    assert counts["subjects.csv"] == 300 and counts["tasks.csv"] == 600 and counts["clues.csv"] == 240
    assert counts["licences.csv"] > 0 and counts["inspectors.csv"] > 0 and counts["referrals.csv"] > 240


def gb11714_check(body: str) -> str:
    """GB 11714-1997 organisation code check character, written out from the standard."""
    total = sum(w * int(c, 36) for w, c in zip((3, 7, 9, 10, 5, 8, 4, 2), body, strict=True))
    return {10: "X", 11: "0"}.get(11 - total % 11, str(11 - total % 11))


def test_subjects_carry_valid_codes_of_their_county(generated: tuple[Path, dict[str, int]], settings: Settings) -> None:
    regions = {r["id"]: r for r in rows(settings.service.reference_dir, "regions.csv")}
    for s in rows(generated[0], "subjects.csv"):
        code, region = s["id"], regions[s["region_id"]]
        county = region if region["level"] == "县" else regions[region["parent_id"]]
        assert code[-1] == gb32100_check(code[:17]), code
        assert code[16] == gb11714_check(code[8:16]), code
        assert code[2:8] == county["id"] and code[:2] == {"企业": "91", "个体工商户": "92"}.get(s["kind"], code[:2])
        assert region["name"] in s["address"] and s["name"]


def test_the_generated_set_loads_with_zero_rejected_rows(
    loaded: LoadReport, generated: tuple[Path, dict[str, int]]
) -> None:
    assert loaded.errors == []
    assert loaded.written == {SPECS[kind].name: n for kind in SPECS if (n := generated[1][SPECS[kind].file])}


def test_plans_overlap_across_departments(generated: tuple[Path, dict[str, int]]) -> None:
    by_subject: dict[str, list[dict[str, str]]] = defaultdict(list)
    for task in rows(generated[0], "tasks.csv"):
        by_subject[task["subject_id"]].append(task)
    overlaps = [
        (a["id"], b["id"])
        for tasks in by_subject.values()
        for a in tasks
        for b in tasks
        if a["department_id"] < b["department_id"]
        and a["window_start"] <= b["window_end"]
        and b["window_start"] <= a["window_end"]
    ]
    assert len(overlaps) >= 10


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
    before = facts(runner)
    assert load_folder(runner, generated[0], TEST_ACTOR).errors == []
    assert facts(runner) == before


def test_the_demo_lives_at_its_reference_date(settings: Settings, tmp_path: Path) -> None:
    """Tasks from the year before to the year after the reference date, clues in the year before it; the same
    bytes for the same seed and date, other dates for another date."""
    today = date(2031, 5, 20)
    counts = generate("tiny", SEED, tmp_path / "a", settings.service.reference_dir, today)
    assert generate("tiny", SEED, tmp_path / "b", settings.service.reference_dir, today) == counts
    for name in counts:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    tasks = rows(tmp_path / "a", "tasks.csv")
    starts = [date.fromisoformat(t["window_start"]) for t in tasks]
    assert {d.year for d in starts} == {2030, 2031, 2032}
    assert all(t["status"] == "计划" for t, d in zip(tasks, starts, strict=True) if d > today)
    assert all(t["status"] != "计划" for t in tasks if date.fromisoformat(t["window_end"]) < today)
    assert any(date.fromisoformat(t["window_start"]) <= today <= date.fromisoformat(t["window_end"]) for t in tasks)
    received = [datetime.fromisoformat(c["received_at"]).date() for c in rows(tmp_path / "a", "clues.csv")]
    assert all(today - timedelta(days=366) <= d <= today for d in received)
    generate("tiny", SEED, tmp_path / "c", settings.service.reference_dir, date(2031, 5, 21))
    assert (tmp_path / "c" / "tasks.csv").read_bytes() != (tmp_path / "a" / "tasks.csv").read_bytes()
