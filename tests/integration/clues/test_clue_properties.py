"""Property test: random referral trees (fan-outs, returns, ties, unacknowledged and closed branches, hops across
regions and provinces), loaded through the real entity loader, give the same chain through Neo4j and
graphsvc.clues as the plain networkx reference in tests/support/clue_reference.py."""

from __future__ import annotations

import csv
import itertools
import tempfile
from datetime import datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphsvc.clues.chain import Limits
from graphsvc.clues.referrals import chain_of
from graphsvc.clues.times import BEIJING
from graphsvc.db import Runner
from loaders.entities import SPECS, load_folder
from loaders.reference import load_reference
from tests.conftest import TEST_ACTOR, wipe
from tests.support import clue_reference
from tests.support.catalogue import Catalogue
from tests.support.clue_reference import World, assert_same, observed

BASE = datetime(2025, 1, 1, 9, 0, tzinfo=BEIJING)
AS_OF = BASE + timedelta(days=120)
DEPARTMENTS = ["610113-scjgj", "610113-zjj", "610113-gaj", "610103-scjgj", "610100-scjgj", "310112-scjgj"]
CLUE_REGIONS = ["610113", "610113001", "610103", "310112"]
STATUSES = ["待分办", "办理中", "已办结", "已退回"]
OUTCOMES = ["", "立案", "办结", "不予立案", "移送司法", "转办", "退回", "立案查处"]  # closing and older values
numbers = itertools.count(1)


def world_catalogue() -> Catalogue:
    c = Catalogue()
    c.region("610000", "陕西省", "省").region("610100", "西安市", "市", "610000")
    c.region("610113", "雁塔区", "县", "610100").region("610103", "碑林区", "县", "610100")
    c.region("610113001", "小寨路街道", "乡", "610113")
    c.region("310000", "上海市", "省").region("310112", "闵行区", "县", "310000")
    for department_id in DEPARTMENTS:
        region = department_id.split("-")[0]
        level = {"610100": "市"}.get(region, "县")
        c.department(department_id, f"部门{department_id}", level, region)
    return c


@pytest.fixture(scope="module")
def world(runner: Runner, tmp_path_factory: pytest.TempPathFactory) -> Path:
    wipe(runner)
    directory = world_catalogue().write(tmp_path_factory.mktemp("clue-world"))
    load_reference(runner, directory, TEST_ACTOR, partial=False).raise_if_failed()
    return directory


def _time(value: datetime | None) -> str:
    return value.isoformat() if value else ""


@st.composite
def clue_files(draw: st.DrawFn) -> tuple[list[dict], list[dict]]:
    """A few clues, each with a random tree of hops that the entity loader accepts."""
    clues, hops = [], []
    for _ in range(draw(st.integers(1, 3))):
        clue_id = f"pc-{next(numbers):06d}"
        received = BASE + timedelta(hours=draw(st.integers(0, 1500)))
        clues.append(
            {
                "id": clue_id,
                "title": "随机线索",
                "channel": "12345热线",
                "received_at": _time(received),
                "status": draw(st.sampled_from(STATUSES)),
                "region_id": draw(st.sampled_from(CLUE_REGIONS)),
                "receiver_id": draw(st.sampled_from(["", *DEPARTMENTS])),
            }
        )
        first = draw(st.sampled_from(DEPARTMENTS))
        made: list[tuple[str, str, datetime]] = []  # (hop id, receiver, sent)
        for k in range(draw(st.integers(0, 7))):
            parent = draw(st.sampled_from([None, *made])) if made else None
            if parent is None:
                source = first if draw(st.integers(0, 4)) else draw(st.sampled_from(DEPARTMENTS))
                since = received
            else:
                _, source, since = parent
            target = draw(st.sampled_from([d for d in DEPARTMENTS if d != source]))
            sent = since + timedelta(hours=draw(st.sampled_from([0, 1, 30, 100, 400, 900])))
            acknowledged = (
                sent + timedelta(hours=draw(st.sampled_from([0, 2, 50, 200, 800]))) if draw(st.booleans()) else None
            )
            hop_id = f"{clue_id}-{k + 1}"
            hops.append(
                {
                    "id": hop_id,
                    "clue_id": clue_id,
                    "previous_id": parent[0] if parent else "",
                    "from_department_id": source,
                    "to_department_id": target,
                    "kind": draw(st.sampled_from(["分办", "转办", "移送", "退回"])),
                    "sent_at": _time(sent),
                    "reason": "随机",
                    "acknowledged_at": _time(acknowledged),
                    "outcome": draw(st.sampled_from(OUTCOMES)),
                }
            )
            made.append((hop_id, target, sent))
    return clues, hops


def write(directory: Path, kind: str, rows: list[dict]) -> None:
    columns = [c.name for c in SPECS[kind].columns]
    with (directory / SPECS[kind].file).open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns)
        writer.writeheader()
        writer.writerows(rows)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(files=clue_files(), acknowledge_hours=st.sampled_from([24, 72, 500]), act_days=st.sampled_from([3, 15]))
def test_chains_agree_with_the_reference(
    runner: Runner, world: Path, files: tuple[list[dict], list[dict]], acknowledge_hours: int, act_days: int
) -> None:
    clues, hops = files
    limits = Limits(timedelta(hours=acknowledge_hours), timedelta(days=act_days))
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        write(directory, "clues", clues)
        write(directory, "referrals", hops)
        load_folder(runner, directory, TEST_ACTOR).raise_if_failed()
        reference = World.read(world, directory)
    for clue in clues:
        expected = clue_reference.chain(reference, clue["id"], AS_OF, limits.acknowledge, limits.act)
        assert_same(observed(chain_of(runner, clue["id"], AS_OF, limits)), expected)
