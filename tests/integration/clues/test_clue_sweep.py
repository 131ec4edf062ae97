"""The anomaly sweep reads the chain summaries kept on the clues: on a generated data set its answers equal those
of analysing every chain (graphsvc.clues.analytics.sweep_chains, the path the sweep took before), for windows,
regions, flags, orders, pages, moments and limits; loads and API writes keep the summaries current, and a
stale summary is never trusted."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.clues.analytics import anomalies, sweep_chains
from graphsvc.clues.chain import DEFAULT_LIMITS, Limits
from graphsvc.clues.referrals import chain_of
from graphsvc.clues.store import read_places
from graphsvc.clues.summary import STALE
from graphsvc.clues.times import BEIJING
from graphsvc.config import ROOT, Settings
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.identity import Role, create_token
from loaders.entities import load_folder
from loaders.reference import load_reference
from loaders.synthetic import AS_OF, generate
from tests.conftest import TEST_ACTOR, wipe

REFERENCE = ROOT / "data" / "reference"
MOMENT = datetime(AS_OF.year, AS_OF.month, AS_OF.day, tzinfo=BEIJING)
ACKNOWLEDGE = query("clue/acknowledge_referral")


@pytest.fixture(scope="module")
def generated(runner: Runner, tmp_path_factory: pytest.TempPathFactory) -> Runner:
    wipe(runner)
    load_reference(runner, REFERENCE, TEST_ACTOR).raise_if_failed()
    out = tmp_path_factory.mktemp("generated")
    generate("tiny", 11, out, REFERENCE)
    load_folder(runner, out, TEST_ACTOR).raise_if_failed()
    return runner


@pytest.fixture(scope="module")
def api(generated: Runner, settings: Settings) -> Iterator[TestClient]:
    token = create_token(generated, "线索管理员", Role.admin, None, TEST_ACTOR).token
    with TestClient(create_app(settings), headers={"Authorization": f"Bearer {token}"}) as client:
        yield client


def stale(runner: Runner) -> list[str]:
    ids: list[str] = runner.read(STALE)[0]["ids"]
    return ids


def both(runner: Runner, **asked: Any) -> tuple[dict[str, Any], dict[str, Any]]:
    """The sweep's answer, and the answer of analysing every chain, for the same question."""
    params: dict[str, Any] = {
        "region": None,
        "date_from": None,
        "date_to": None,
        "flags": [],
        "sort": "-received_at",
        "offset": 0,
        "limit": 50,
        "as_of": MOMENT,
        "limits": DEFAULT_LIMITS,
    } | asked
    fast = anomalies(runner, **params)
    places = read_places(runner)
    moment = params.pop("as_of")
    slow = sweep_chains(runner, places, moment=moment, **params)
    return fast, slow


def test_a_load_leaves_every_clue_summarised(generated: Runner) -> None:
    assert stale(generated) == []
    assert generated.read(query("entities/list_clue_ids"))[0]["ids"]


def test_the_sweep_answers_as_analysing_every_chain(generated: Runner) -> None:
    rng = random.Random(12)
    questions = list(
        itertools.product(
            [None, "310112", "610113", "150102"],
            [(None, None), (AS_OF - timedelta(days=120), AS_OF), (date(2025, 1, 1), date(2025, 3, 31))],
            [[], ["LOOP"], ["STALLED"], ["LOOP", "CROSS_PROVINCE"], ["STALLED", "UNRESOLVED"], ["PING_PONG"]],
            ["-received_at", "received_at", "hops", "-hops", "flags", "-flags"],
            [MOMENT, MOMENT - timedelta(days=200), MOMENT + timedelta(days=90, microseconds=7)],
            [DEFAULT_LIMITS, Limits(timedelta(hours=1), timedelta(days=1)), Limits(timedelta(hours=500))],
            [(0, 500), (3, 5), (40, 20)],
        )
    )
    flagged = 0
    for region, (start, end), flags, sort, as_of, limits, (offset, limit) in rng.sample(questions, 60):
        fast, slow = both(
            generated,
            region=region,
            date_from=start,
            date_to=end,
            flags=flags,
            sort=sort,
            as_of=as_of,
            limits=limits,
            offset=offset,
            limit=limit,
        )
        assert fast == slow, (region, start, end, flags, sort, as_of, limits, offset, limit)
        flagged += fast["total"]
    assert flagged > 0


def test_api_writes_keep_the_summaries_current(api: TestClient, generated: Runner) -> None:
    page = api.get(
        "/api/v1/referrals/anomalies", params={"flag": "UNRESOLVED", "limit": 500, "as_of": MOMENT.isoformat()}
    ).json()
    places = read_places(generated)
    # A clue held by one department that has a neighbour in its region to pass it on to.
    for result in page["results"]:
        holders = result["current_holders"]
        if len(holders) != 1 or holders[0]["region"] is None:
            continue
        holder = holders[0]
        others = [
            p.id
            for p in places.values()
            if p.region_id == holder["region"]["id"] and p.id not in (holder["id"], p.region_id)
        ]
        if others:
            break
    else:
        pytest.fail("no clue to pass on")
    clue_id = result["clue"]["id"]
    before = both(generated, flags=["UNRESOLVED"], limit=500)[0]

    passed = api.post(
        f"/api/v1/clues/{clue_id}/referrals",
        json={
            "kind": "转办",
            "from_department_id": holder["id"],
            "to_department_ids": [others[0]],
            "reason": "职责调整",
        },
    )
    assert passed.status_code == 201, passed.text
    hop = passed.json()["hops"][-1]["id"]
    assert stale(generated) == []
    after_pass = both(generated, flags=["UNRESOLVED"], limit=500)
    assert after_pass[0] == after_pass[1]
    row = next(r for r in after_pass[0]["results"] if r["clue"]["id"] == clue_id)
    assert row["hops"] == result["hops"] + 1 and row["current_holders"][0]["id"] == others[0]

    assert api.post(f"/api/v1/clues/{clue_id}/referrals/{hop}/acknowledgement", json={}).status_code == 201
    closed = api.post(f"/api/v1/clues/{clue_id}/referrals/{hop}/outcome", json={"outcome": "办结"})
    assert closed.status_code == 201, closed.text
    assert stale(generated) == []
    fast, slow = both(generated, flags=["UNRESOLVED"], limit=500)
    assert fast == slow
    # Closed on its only open branch: no longer unresolved.
    assert clue_id not in {r["clue"]["id"] for r in fast["results"]}
    assert fast["total"] == before["total"] - 1


def test_a_stale_summary_is_not_trusted(generated: Runner) -> None:
    """A chain written without its summary refreshed (a failed refresh, a write outside the service) is read
    from the chain itself: the answer shows the write."""
    rows = generated.read(query("clue/list_clue_hops"), region_id=None, received_from=None, received_to=None)
    # An open hop unacknowledged for longer than the limit, its clue's only stall (the act limit out of reach).
    limits = Limits(timedelta(hours=72), timedelta(days=10_000))
    target = None
    for row in rows:
        if not row["id"] or row["acknowledged_at"] is not None or row["closed_at"] is not None:
            continue
        if MOMENT.timestamp() - row["sent_at"] < 4 * 86400:
            continue
        chain = chain_of(generated, row["clue_id"], MOMENT, limits)
        stalls = [f for f in chain["flags"] if f["code"] == "STALLED"]
        if stalls and stalls[0]["hop_ids"] == [row["id"]]:
            target = row
            break
    assert target is not None, "no clue stalled by one unacknowledged hop"
    fast_before, _ = both(generated, flags=["STALLED"], limit=500, limits=limits)
    assert target["clue_id"] in {r["clue"]["id"] for r in fast_before["results"]}
    written = generated.write(
        ACKNOWLEDGE,
        clue_id=target["clue_id"],
        id=target["id"],
        acknowledged_at=datetime.fromtimestamp(target["sent_at"] + 60, BEIJING),
        backdate_reason="测试",
        actor="u_test",
    )
    assert written
    assert stale(generated) == [target["clue_id"]]
    fast, slow = both(generated, flags=["STALLED"], limit=500, limits=limits)
    assert fast == slow
    assert target["clue_id"] not in {r["clue"]["id"] for r in fast["results"]}
    assert fast["flag_counts"]["STALLED"] == fast_before["flag_counts"]["STALLED"] - 1
