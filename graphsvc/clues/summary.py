"""What the anomaly sweep needs of a clue's chain, kept on the clue so that the sweep is one indexed statement.

The flags LOOP, PING_PONG, CROSS_REGION, CROSS_PROVINCE and UNRESOLVED do not depend on the moment of asking;
STALLED does, but each holding is stalled either for good (a late acknowledgement, a long completed handling)
or from a moment on (an open wait passing its limit), on either clock. So a few extremes answer STALLED for any
as_of and any limits: `stalled_at` is the same rule as `chain._stall`, folded over all holdings.

The summary is derived data: every statement that changes a chain bumps the clue's `chain_version` in its own
transaction, and a summary counts only while its `summary_version` equals it; otherwise the sweep analyses the
chains themselves (graphsvc.clues.analytics), so a summary never makes an answer wrong, only a sweep slower.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel

from graphsvc.clues.chain import DEFAULT_LIMITS, Chain, ClueFacts, Holding, Limits, Place, analyse
from graphsvc.clues.store import read_facts, read_places
from graphsvc.clues.times import BEIJING
from graphsvc.cypher import query
from graphsvc.db import Runner

WRITE = query("clue/set_chain_summaries")
STALE = query("clue/list_stale_summaries")
FORGET_OF_PLACES = query("clue/forget_summaries_of_places")
BATCH = 500
MICROSECOND = timedelta(microseconds=1)
# Any moment serves to analyse the time-independent parts; STALLED is taken from the extremes instead.
_ANY_MOMENT = datetime(2000, 1, 1, tzinfo=BEIJING)
TIMELESS_FLAGS = ("LOOP", "PING_PONG", "CROSS_REGION", "CROSS_PROVINCE", "UNRESOLVED")


class ChainSummary(BaseModel):
    """A clue's chain folded for the sweep (times in microseconds where they are spans)."""

    hops: int
    flags: list[str]  # the flags of TIMELESS_FLAGS it carries, in the order of chain.FLAGS
    ack_wait_us: int | None  # the longest wait from a holding's start to its acknowledgement
    act_us: int | None  # the longest time from an acknowledgement to the end of a finished holding
    unacked_since: datetime | None  # the earliest start of a holding still waiting for its acknowledgement
    acked_since: datetime | None  # the earliest acknowledgement of a holding still open

    def stalled_at(self, as_of: datetime, limits: Limits = DEFAULT_LIMITS) -> bool:
        """STALLED as chain.analyse finds it at as_of with these limits."""
        acknowledge, act = limits.acknowledge // MICROSECOND, limits.act // MICROSECOND
        return (
            (self.ack_wait_us is not None and self.ack_wait_us > acknowledge)
            or (self.act_us is not None and self.act_us > act)
            or (self.unacked_since is not None and as_of - self.unacked_since > limits.acknowledge)
            or (self.acked_since is not None and as_of - self.acked_since > limits.act)
        )

    def flags_at(self, as_of: datetime, limits: Limits = DEFAULT_LIMITS) -> list[str]:
        stalled = ["STALLED"] if self.stalled_at(as_of, limits) else []
        before = [f for f in self.flags if f != "UNRESOLVED"]
        return before + stalled + (["UNRESOLVED"] if "UNRESOLVED" in self.flags else [])


def summarise(facts: ClueFacts, places: Mapping[str, Place]) -> ChainSummary:
    """The summary of one clue's chain (a pure function of the facts chain.analyse takes)."""
    chain: Chain = analyse(facts, places, _ANY_MOMENT)
    ack_wait: timedelta | None = None
    act: timedelta | None = None
    unacked: datetime | None = None
    acked: datetime | None = None
    both: list[Holding] = [h for holding in chain.holdings for h in (holding, holding.recorded) if h is not None]
    for h in both:
        if h.acknowledged_at is None:  # then it is open too: a holding's acknowledgement defaults to its end
            unacked = h.start if unacked is None else min(unacked, h.start)
            continue
        wait = h.acknowledged_at - h.start
        ack_wait = wait if ack_wait is None else max(ack_wait, wait)
        if h.end is None:
            acked = h.acknowledged_at if acked is None else min(acked, h.acknowledged_at)
        else:
            span = h.end - h.acknowledged_at
            act = span if act is None else max(act, span)
    return ChainSummary(
        hops=len(chain.order),
        flags=[code for code in chain.flag_codes if code in TIMELESS_FLAGS],
        ack_wait_us=None if ack_wait is None else ack_wait // MICROSECOND,
        act_us=None if act is None else act // MICROSECOND,
        unacked_since=unacked,
        acked_since=acked,
    )


def refresh(runner: Runner, clue_ids: list[str], places: Mapping[str, Place] | None = None) -> int:
    """Recomputes the summaries of these clues from the graph; a summary is written only if its chain did not
    change since it was read. Returns how many were written."""
    if not clue_ids:
        return 0
    known = dict(places) if places is not None else read_places(runner)
    written = 0
    for start in range(0, len(clue_ids), BATCH):
        rows: list[dict[str, Any]] = []
        for version, facts in read_facts(runner, clue_ids[start : start + BATCH], known):
            rows.append({"id": facts.id, "version": version, **summarise(facts, known).model_dump()})
        written += runner.write(WRITE, rows=rows)[0]["written"] if rows else 0
    return written


def refresh_stale(runner: Runner) -> int:
    """Recomputes every summary that is missing or older than its chain (after loads); returns how many."""
    stale: list[str] = runner.read(STALE)[0]["ids"]
    return refresh(runner, stale)


def refresh_moved(runner: Runner, before: Mapping[str, Place]) -> int:
    """After a reference load: the summaries of the clues whose chains touch a department or region that moved
    (another region, another parent, another name) since `before` was read are recomputed; returns how many."""
    after = read_places(runner)
    moved = sorted(place_id for place_id, place in after.items() if place_id in before and before[place_id] != place)
    if not moved:
        return 0
    clue_ids: list[str] = runner.write(FORGET_OF_PLACES, ids=moved)[0]["ids"]
    return refresh(runner, sorted(clue_ids), after)
