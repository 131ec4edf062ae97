"""On a generated data set (loaders.synthetic, whose chains loop, bounce, stall and cross provinces), every
clue's chain through the API, the anomaly counts and the referral flows agree with the networkx reference."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.clues.chain import DEFAULT_LIMITS
from graphsvc.config import ROOT, Settings
from graphsvc.db import Runner
from graphsvc.identity import Role, create_token
from loaders.entities import load_folder
from loaders.reference import load_reference
from loaders.synthetic import AS_OF, generate
from tests.conftest import TEST_ACTOR, wipe
from tests.support import clue_reference
from tests.support.clue_reference import World, assert_same, observed

REFERENCE = ROOT / "data" / "reference"
MOMENT = f"{AS_OF.isoformat()}T00:00:00+08:00"  # the data set's today, so open waits do not grow with the calendar


@pytest.fixture(scope="module")
def generated(runner: Runner, tmp_path_factory: pytest.TempPathFactory) -> World:
    wipe(runner)
    load_reference(runner, REFERENCE, TEST_ACTOR).raise_if_failed()
    out = tmp_path_factory.mktemp("generated")
    generate("tiny", 11, out, REFERENCE)
    load_folder(runner, out, TEST_ACTOR).raise_if_failed()
    return World.read(REFERENCE, out)


@pytest.fixture(scope="module")
def api(generated: World, runner: Runner, settings: Settings) -> Iterator[TestClient]:
    token = create_token(runner, "线索分析员", Role.analyst, None, TEST_ACTOR).token
    with TestClient(create_app(settings), headers={"Authorization": f"Bearer {token}"}) as client:
        yield client


def reference_chains(world: World) -> dict[str, clue_reference.Expected]:
    moment = clue_reference._time(MOMENT)
    assert moment is not None
    return {
        clue_id: clue_reference.chain(world, clue_id, moment, DEFAULT_LIMITS.acknowledge, DEFAULT_LIMITS.act)
        for clue_id in world.clues
    }


def test_every_chain_agrees_with_the_reference(api: TestClient, generated: World) -> None:
    expected = reference_chains(generated)
    shapes = Counter()
    for clue_id, want in expected.items():
        response = api.get(f"/api/v1/clues/{clue_id}/chain", params={"as_of": MOMENT})
        assert response.status_code == 200, response.text
        assert_same(observed(response.json()), want)
        shapes.update(list(want.flags))
    # The generator makes every shape the issue names, so every flag is exercised here.
    assert set(shapes) == {"LOOP", "PING_PONG", "CROSS_REGION", "CROSS_PROVINCE", "STALLED", "UNRESOLVED"}


def test_anomalies_count_and_page_the_flagged_clues(api: TestClient, generated: World) -> None:
    expected = reference_chains(generated)
    flagged = {clue_id for clue_id, want in expected.items() if want.flags}
    counts = Counter(code for want in expected.values() for code in want.flags)
    response = api.get("/api/v1/referrals/anomalies", params={"as_of": MOMENT, "limit": 500})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["clues_analysed"] == len(expected)
    assert body["total"] == len(flagged) and {r["clue"]["id"] for r in body["results"]} == flagged
    assert {code: n for code, n in body["flag_counts"].items() if n} == dict(counts)

    both = {c for c, want in expected.items() if {"LOOP", "CROSS_PROVINCE"} <= set(want.flags)}
    pages, offset = [], 0
    while True:
        params = {"as_of": MOMENT, "flag": ["LOOP", "CROSS_PROVINCE"], "sort": "-hops", "offset": offset, "limit": 3}
        page = api.get("/api/v1/referrals/anomalies", params=params).json()
        pages += page["results"]
        offset += 3
        if offset >= page["total"]:
            break
    assert [r["clue"]["id"] for r in pages] != [] and {r["clue"]["id"] for r in pages} == both
    assert [r["hops"] for r in pages] == sorted((r["hops"] for r in pages), reverse=True)

    region = "310112"  # 闵行区: only the clues received there or in its 街镇
    local = api.get("/api/v1/referrals/anomalies", params={"as_of": MOMENT, "region": region, "limit": 500}).json()
    assert local["clues_analysed"] == sum(
        1 for clue in generated.clues.values() if region in generated.within(clue["region_id"])
    )
    assert all(r["clue"]["region"]["id"].startswith(region) for r in local["results"])


def test_flows_agree_with_the_reference_network(api: TestClient, generated: World) -> None:
    response = api.get("/api/v1/referrals/flows", params={"as_of": MOMENT})
    assert response.status_code == 200, response.text
    body = response.json()
    got = {(r["from"]["id"], r["to"]["id"]): (r["count"], r["median_acknowledge_hours"]) for r in body["matrix"]}
    want = clue_reference.referral_matrix(generated)
    assert got.keys() == want.keys()
    for pair, (count, median) in want.items():
        assert got[pair][0] == count
        assert got[pair][1] == pytest.approx(median), pair
    assert body["referrals"] == sum(len(rows) for rows in generated.hops.values())

    pairs, components = clue_reference.bouncing_departments(generated)
    bouncing = body["bouncing"]
    assert bouncing["pair_count"] == len(pairs) > 0
    assert {frozenset((p["a"]["id"], p["b"]["id"])) for p in bouncing["pairs"]} <= pairs
    assert {frozenset(d["id"] for d in c["departments"]) for c in bouncing["components"]} == components
    assert bouncing["cycle_count"] == clue_reference.three_cycles(generated)
    assert body["slow_regions"] and all(r["referrals"] >= r["acknowledged"] for r in body["slow_regions"])


def test_window_and_region_narrow_the_flows(api: TestClient, generated: World) -> None:
    params = {"as_of": MOMENT, "region": "310112", "from": "2025-01-01", "to": "2025-03-31"}
    body = api.get("/api/v1/referrals/flows", params=params).json()
    inside = {d for d, region in generated.department_region.items() if "310112" in generated.within(region)}
    expected = sum(
        1
        for rows in generated.hops.values()
        for row in rows
        if "2025-01-01" <= row["sent_at"][:10] <= "2025-03-31"
        and (row["from_department_id"] in inside or row["to_department_id"] in inside)
    )
    assert body["referrals"] == expected > 0
    backwards = api.get("/api/v1/referrals/flows", params={"from": "2025-03-01", "to": "2025-01-01"})
    assert backwards.status_code == 422 and backwards.json()["error"]["details"][0]["field"] == "to"
