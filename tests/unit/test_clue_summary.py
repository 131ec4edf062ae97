"""The chain summary the anomaly sweep reads gives the flags the chain analysis gives, for any moment of asking
and any stall limits: random hop trees (fan-outs, returns, acknowledged or not, closed or not, with and without
the server's recorded times, some of them back-dated), checked against graphsvc.clues.chain.analyse."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from graphsvc.clues.chain import OUTCOMES, ClueFacts, Hop, Limits, Place, analyse
from graphsvc.clues.summary import summarise
from graphsvc.clues.times import BEIJING

BASE = datetime(2025, 1, 1, 9, 0, tzinfo=BEIJING)
PLACES = {
    p.id: p
    for p in (
        Place("r-a", "雁塔区", "r-a", "雁塔区", ("r-a", "r-city", "r-prov"), "r-prov", "陕西省"),
        Place("r-b", "碑林区", "r-b", "碑林区", ("r-b", "r-city", "r-prov"), "r-prov", "陕西省"),
        Place("r-c", "闵行区", "r-c", "闵行区", ("r-c", "r-sh"), "r-sh", "上海市"),
        Place("d-a1", "雁塔区市场监管局", "r-a", "雁塔区", ("r-a", "r-city", "r-prov"), "r-prov", "陕西省"),
        Place("d-a2", "雁塔区城管局", "r-a", "雁塔区", ("r-a", "r-city", "r-prov"), "r-prov", "陕西省"),
        Place("d-b1", "碑林区市场监管局", "r-b", "碑林区", ("r-b", "r-city", "r-prov"), "r-prov", "陕西省"),
        Place("d-c1", "闵行区市场监管局", "r-c", "闵行区", ("r-c", "r-sh"), "r-sh", "上海市"),
    )
}
DEPARTMENTS = ["d-a1", "d-a2", "d-b1", "d-c1"]
minutes = st.integers(0, 60 * 24 * 40)


def _later(draw: st.DrawFn, start: datetime) -> datetime:
    return start + timedelta(minutes=draw(minutes), microseconds=draw(st.integers(0, 999_999)))


@st.composite
def clues(draw: st.DrawFn) -> ClueFacts:
    """One clue with a random tree of hops, times as a caller states them and, for some, as the server recorded."""
    received = BASE + timedelta(minutes=draw(minutes))
    hops: list[Hop] = []
    for n in range(draw(st.integers(0, 7))):
        parent = draw(st.sampled_from([None, *hops])) if hops else None
        sent = _later(draw, parent.sent_at if parent else received)
        recorded = draw(st.booleans())
        acknowledged = _later(draw, sent) if draw(st.booleans()) else None
        closed = _later(draw, acknowledged or sent) if draw(st.booleans()) else None
        hops.append(
            Hop(
                id=f"h{n}",
                kind="转办",
                to_id=draw(st.sampled_from(DEPARTMENTS)),
                sent_at=sent,
                from_id=parent.to_id if parent else draw(st.sampled_from([None, *DEPARTMENTS])),
                parent_id=parent.id if parent else None,
                acknowledged_at=acknowledged,
                closed_at=closed,
                outcome=draw(st.sampled_from([None, *OUTCOMES])) if closed or draw(st.booleans()) else None,
                recorded_at=_later(draw, sent) if recorded else None,
                acknowledged_recorded_at=_later(draw, acknowledged) if recorded and acknowledged else None,
                closed_recorded_at=_later(draw, closed) if recorded and closed else None,
            )
        )
    return ClueFacts(
        id="c1",
        received_at=received,
        status=draw(st.sampled_from(["待分办", "办理中", "已办结", "已退回"])),
        region=PLACES[draw(st.sampled_from(["r-a", "r-b", "r-c"]))],
        receiver_id=draw(st.sampled_from([None, *DEPARTMENTS])),
        hops=tuple(hops),
    )


limits = st.builds(
    Limits,
    acknowledge=st.timedeltas(timedelta(minutes=1), timedelta(days=20)),
    act=st.timedeltas(timedelta(minutes=1), timedelta(days=60)),
)


@settings(max_examples=400, deadline=None)
@given(clue=clues(), moments=st.lists(st.integers(-60 * 24 * 10, 60 * 24 * 120), min_size=1, max_size=5), limit=limits)
def test_the_summary_flags_a_clue_as_its_chain_does(clue: ClueFacts, moments: list[int], limit: Limits) -> None:
    summary = summarise(clue, PLACES)
    chain = analyse(clue, PLACES, BASE, limit)
    assert summary.hops == len(chain.order)
    for offset in moments:
        as_of = BASE + timedelta(minutes=offset)
        assert summary.flags_at(as_of, limit) == analyse(clue, PLACES, as_of, limit).flag_codes


def test_a_stall_is_found_exactly_at_its_limit() -> None:
    """A hop unacknowledged for exactly the limit is not stalled; a microsecond later it is."""
    hop = Hop(id="h1", kind="转办", to_id="d-a1", sent_at=BASE, from_id="d-a2")
    clue = ClueFacts("c1", BASE, "办理中", PLACES["r-a"], "d-a2", (hop,))
    summary, limit = summarise(clue, PLACES), Limits()
    at_limit = BASE + limit.acknowledge
    assert not summary.stalled_at(at_limit, limit)
    assert summary.stalled_at(at_limit + timedelta(microseconds=1), limit)
    assert summary.flags_at(at_limit + timedelta(microseconds=1), limit) == ["STALLED", "UNRESOLVED"]
