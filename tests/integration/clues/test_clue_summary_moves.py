"""A reference reload that moves a department to another region (or renames it) refreshes the chain summaries of
the clues whose chains it touches: CROSS_REGION and CROSS_PROVINCE follow where departments lie, and the sweep,
which reads the summaries, keeps answering as analysing every chain does."""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from datetime import datetime
from pathlib import Path

import pytest

from graphsvc.clues.analytics import anomalies, sweep_chains
from graphsvc.clues.chain import DEFAULT_LIMITS
from graphsvc.clues.store import read_places
from graphsvc.clues.summary import STALE
from graphsvc.clues.times import BEIJING
from graphsvc.clues.views import Anomalies
from graphsvc.config import ROOT
from graphsvc.cypher import query
from graphsvc.db import Runner
from loaders.entities import load_folder
from loaders.reference import load_reference
from loaders.synthetic import AS_OF, generate
from tests.conftest import TEST_ACTOR, wipe

REFERENCE = ROOT / "data" / "reference"
MOMENT = datetime(AS_OF.year, AS_OF.month, AS_OF.day, tzinfo=BEIJING)
SUMMARIES = query("clue/list_clue_summaries")
DEPARTMENT_PLACES = query("clue/list_department_places")


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _sweeps(runner: Runner) -> tuple[Anomalies, Anomalies]:
    asked = {"region": None, "date_from": None, "date_to": None, "flags": [], "sort": "-received_at"}
    paging = {"offset": 0, "limit": 100, "limits": DEFAULT_LIMITS}
    fast = anomalies(runner, as_of=MOMENT, **asked, **paging)  # type: ignore[arg-type]
    slow = sweep_chains(runner, read_places(runner), moment=MOMENT, **asked, **paging)  # type: ignore[arg-type]
    return fast, slow


@pytest.mark.parametrize("rename", [False, True])
def test_a_department_moved_by_a_reference_reload_refreshes_the_summaries(
    runner: Runner, tmp_path: Path, rename: bool
) -> None:
    # Behaviour, not speed: on a shared machine the first sweep's planning alone may take many seconds.
    runner = Runner(runner.driver, runner.database, read_timeout=300.0)
    wipe(runner)
    load_reference(runner, REFERENCE, TEST_ACTOR).raise_if_failed()
    generate("tiny", 11, tmp_path / "world", REFERENCE)
    load_folder(runner, tmp_path / "world", TEST_ACTOR).raise_if_failed()
    # The department most hops go to, moved to a county of another province (闵行区 ↔ 雁塔区).
    received = Counter(r["to_department_id"] for r in _rows(tmp_path / "world" / "referrals.csv"))
    departments = _rows(REFERENCE / "departments.csv")
    provinces = {"3": "310112", "6": "610113"}
    moved = next(
        d for d, _ in received.most_common() if any(r["id"] == d and r["region_id"][0] in "36" for r in departments)
    )
    fast_before, slow_before = _sweeps(runner)
    assert fast_before == slow_before
    summaries_before = {r["id"]: r for r in runner.read(SUMMARIES)}

    reference = tmp_path / "reference"
    shutil.copytree(REFERENCE, reference)
    for row in departments:
        if row["id"] == moved:
            row["region_id"] = destination = provinces["6" if row["region_id"].startswith("3") else "3"]
            row["name"] = row["name"] + "(迁址)" if rename else row["name"]
    with (reference / "departments.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(departments[0]))
        writer.writeheader()
        writer.writerows(departments)
    load_reference(runner, reference, TEST_ACTOR).raise_if_failed()

    # Moved, not copied: the department sits in its new region only (it used to keep the old one as well).
    assert [row["region_id"] for row in runner.read(DEPARTMENT_PLACES, ids=[moved])] == [destination]
    assert runner.read(STALE)[0]["ids"] == []  # every summary current again, none left for the fallback
    fast, slow = _sweeps(runner)
    assert fast == slow
    # The move changed flags the summaries carry (not a vacuous check), and only for clues that touch it. Which
    # clues cross a province, not how many: a move can make as many chains cross as it stops crossing.
    summaries = runner.read(SUMMARIES)
    crossing_before = {i for i, r in summaries_before.items() if "CROSS_PROVINCE" in r["flags"]}
    assert {r["id"] for r in summaries if "CROSS_PROVINCE" in r["flags"]} != crossing_before
    changed = [r["id"] for r in summaries if r["flags"] != summaries_before[r["id"]]["flags"]]
    assert changed
    touching = {r["clue_id"] for r in _rows(tmp_path / "world" / "referrals.csv") if moved in r.values()}
    assert set(changed) <= touching
