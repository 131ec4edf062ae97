"""The pure chain and flow analyses on small hand-built clues and networks."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from graphsvc.clues import flows
from graphsvc.clues.chain import DEFAULT_LIMITS, ClueFacts, Hop, Limits, Place, analyse
from graphsvc.clues.times import BEIJING

T0 = datetime(2025, 3, 1, 9, 0, tzinfo=BEIJING)


def place(department: str, region: str, lineage: tuple[str, ...]) -> Place:
    return Place(department, department, region, region, (region, *lineage), lineage[-1] if lineage else region, "")


PLACES = {
    "X-scj": place("X-scj", "610113", ("610100", "610000")),
    "X-zjj": place("X-zjj", "610113", ("610100", "610000")),
    "X-gaj": place("X-gaj", "610113", ("610100", "610000")),
    "C-scj": place("C-scj", "610100", ("610000",)),
    "Y-scj": place("Y-scj", "610103", ("610100", "610000")),
    "M-scj": place("M-scj", "310112", ("310000",)),
}
REGION = place("610113001", "610113001", ("610113", "610100", "610000"))


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def clue(*hops: Hop, status: str = "办理中", receiver: str | None = None) -> ClueFacts:
    return ClueFacts("c1", T0, status, REGION, receiver, hops)


def codes(facts: ClueFacts, as_of: datetime | None = None, limits: Limits = DEFAULT_LIMITS) -> dict[str, list[str]]:
    return {f.code: f.hop_ids for f in analyse(facts, PLACES, as_of or at(48), limits).flags}


def test_a_fan_out_is_a_tree_and_each_branch_is_held_until_passed_on_or_closed() -> None:
    facts = clue(
        Hop("h1", "分办", "X-scj", at(1), acknowledged_at=at(2)),  # dispatched at intake: no sender
        Hop("h2", "分办", "X-zjj", at(1), acknowledged_at=at(3)),
        Hop("h3", "移送", "C-scj", at(10), from_id="X-scj", parent_id="h1", acknowledged_at=at(11)),
        Hop("h4", "转办", "X-gaj", at(5), from_id="X-zjj", parent_id="h2", closed_at=at(20), outcome="立案"),
    )
    chain = analyse(facts, PLACES, at(30))
    assert chain.order == ["h1", "h3", "h2", "h4"]
    assert [chain.depth[h] for h in chain.order] == [0, 1, 0, 1]
    assert chain.children == {"h1": ["h3"], "h2": ["h4"]}
    assert chain.held_hours == {"X-scj": 9.0, "X-zjj": 4.0, "X-gaj": 15.0, "C-scj": 20.0}
    assert [(h.department_id, h.hop_id) for h in chain.current] == [("C-scj", "h3")]
    assert chain.flag_codes == ["UNRESOLVED"]  # a district to its city crosses no region
    assert chain.regions == ["610113", "610100"]


def test_a_return_to_the_sender_is_a_ping_pong_and_a_loop() -> None:
    facts = clue(
        Hop("h1", "转办", "X-zjj", at(1), from_id="X-scj", acknowledged_at=at(2)),
        Hop("h2", "退回", "X-scj", at(3), from_id="X-zjj", parent_id="h1", acknowledged_at=at(4)),
        Hop("h3", "转办", "X-gaj", at(5), from_id="X-scj", parent_id="h2", acknowledged_at=at(6)),
        Hop("h4", "转办", "X-zjj", at(7), from_id="X-gaj", parent_id="h3", acknowledged_at=at(8)),
    )
    found = codes(facts)
    assert found["PING_PONG"] == ["h2"]  # h4 returns to 住建 too, but from a third department
    assert found["LOOP"] == ["h2", "h4"]


def test_stalls_count_unacknowledged_and_idle_holdings() -> None:
    limits = Limits(acknowledge=timedelta(hours=24), act=timedelta(days=2))
    late = clue(Hop("h1", "分办", "X-scj", at(1), from_id="X-zjj", acknowledged_at=at(30)))
    assert codes(late, at(31), limits)["STALLED"] == ["h1"]  # acknowledged, but a day and more late
    waiting = clue(Hop("h1", "分办", "X-scj", at(1), from_id="X-zjj"))
    assert "STALLED" not in codes(waiting, at(20), limits)
    assert codes(waiting, at(26), limits)["STALLED"] == ["h1"]
    idle = clue(Hop("h1", "分办", "X-scj", at(1), from_id="X-zjj", acknowledged_at=at(2)))
    assert "STALLED" not in codes(idle, at(40), limits)
    assert codes(idle, at(51), limits)["STALLED"] == ["h1"]
    received_only = clue(receiver="X-scj")  # received, never passed on, never closed
    chain = analyse(received_only, PLACES, at(24 * 20), limits)
    assert [(f.code, f.department_ids) for f in chain.flags] == [("STALLED", ["X-scj"]), ("UNRESOLVED", ["X-scj"])]


def test_regions_and_provinces_crossed() -> None:
    facts = clue(
        Hop("h1", "跨区域移送", "Y-scj", at(1), from_id="X-scj", acknowledged_at=at(2)),
        Hop("h2", "跨区域移送", "M-scj", at(3), from_id="Y-scj", parent_id="h1", acknowledged_at=at(4)),
        Hop("h3", "转办", "C-scj", at(5), from_id="M-scj", parent_id="h2", closed_at=at(6), outcome="办结"),
        status="已办结",
    )
    found = codes(facts)
    assert found == {"CROSS_REGION": ["h1", "h2", "h3"], "CROSS_PROVINCE": ["h2", "h3"]}


def test_a_closed_clue_has_no_holder_and_an_undispatched_one_is_unresolved() -> None:
    closed = clue(Hop("h1", "分办", "X-scj", at(1), from_id="X-zjj", acknowledged_at=at(2)), status="已办结")
    assert analyse(closed, PLACES, at(5)).current == []
    assert codes(closed) == {}
    assert codes(clue(status="待分办")) == {"UNRESOLVED": []}
    assert codes(clue(status="已办结")) == {}


def transfer(source: str, target: str, sent: float, acknowledged: float | None = None) -> flows.Transfer:
    return flows.Transfer("转办", source, target, at(sent), at(acknowledged) if acknowledged is not None else None)


def test_flows_find_the_bouncing_departments_and_the_slowest_region() -> None:
    transfers = [
        transfer("X-scj", "X-zjj", 0, 2),
        transfer("X-scj", "X-zjj", 0, 4),
        transfer("X-zjj", "X-scj", 0, 10),
        transfer("C-scj", "Y-scj", 0, 1),
        transfer("Y-scj", "M-scj", 0),  # still waiting for 签收
        transfer("M-scj", "C-scj", 0, 30),
        transfer("M-scj", "X-gaj", 0, 5),
    ]
    rows = {(r["from_id"], r["to_id"]): r for r in flows.matrix(transfers)}
    assert rows[("X-scj", "X-zjj")]["count"] == 2 and rows[("X-scj", "X-zjj")]["median_acknowledge_hours"] == 3.0
    assert rows[("Y-scj", "M-scj")]["median_acknowledge_hours"] is None
    bouncing = flows.bouncing(flows.network(transfers))
    assert [(p["a"], p["b"], p["a_to_b"], p["b_to_a"]) for p in bouncing["pairs"]] == [("X-scj", "X-zjj", 2, 1)]
    assert [c["department_ids"] for c in bouncing["components"]] == [["C-scj", "M-scj", "Y-scj"], ["X-scj", "X-zjj"]]
    assert bouncing["cycles"] == [{"department_ids": ["C-scj", "Y-scj", "M-scj"], "weight": 1}]
    slow = flows.slow_regions(transfers, PLACES, at(100))
    assert [(r["region_id"], r["pending"], r["median_wait_hours"]) for r in slow] == [
        ("610103", 1, 100.0),
        ("310112", 0, 17.5),
    ]


DEPARTMENTS = sorted(PLACES)


@st.composite
def branching_clues(draw: st.DrawFn) -> ClueFacts:
    """Clues whose hops continue earlier hops or start at intake, to a few departments, at a few (tied) times."""
    hops: list[Hop] = []
    for n in range(draw(st.integers(1, 12))):
        parent = draw(st.sampled_from([None, *hops])) if hops else None
        hops.append(
            Hop(
                f"h{n}",
                "移送",
                draw(st.sampled_from(DEPARTMENTS)),
                at(draw(st.integers(0, 5))),
                from_id=parent.to_id if parent else draw(st.sampled_from([None, *DEPARTMENTS])),
                parent_id=parent.id if parent else None,
            )
        )
    return clue(*hops, receiver=draw(st.sampled_from([None, *DEPARTMENTS])))


@given(branching_clues())
def test_a_loop_is_a_hop_to_a_department_that_held_the_clue_before_it(facts: ClueFacts) -> None:
    # The rule as written: its department held the clue from receipt, was sent it on an earlier hop, or was sent it
    # by a hop this one continues, however far up the branch.
    chain = analyse(facts, PLACES, at(48))
    by_id = {h.id: h for h in facts.hops}
    first_holders = {h.department_id for h in chain.holdings if h.hop_id is None}

    def branch(hop: Hop) -> list[Hop]:
        up = []
        while hop.parent_id in by_id:
            hop = by_id[hop.parent_id]
            up.append(hop)
        return up

    expected = [
        hop_id
        for hop_id in chain.order
        if (hop := by_id[hop_id]).to_id in first_holders
        or any(other.to_id == hop.to_id and other.sent_at < hop.sent_at for other in facts.hops)
        or any(other.to_id == hop.to_id for other in branch(hop))
    ]
    assert next((f.hop_ids for f in chain.flags if f.code == "LOOP"), []) == expected
