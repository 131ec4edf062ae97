"""The referral chain of one clue as a pure function of its facts: the tree of hops (分办 fans out), how long
each department held the clue, the regions it crossed, who holds it now, and the flags supervisors look for.

Holding: a hop's receiver holds the clue from the hop's sending until it passes the clue on (its next hops)
or closes its branch (an outcome); the department that sent the first hops held it from the clue's receipt.
A clue whose status is 已办结 is closed on every branch, also when loaded data carries no outcome.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

OUTCOMES = ("立案", "不予立案", "移送司法", "办结")
CLOSED = "已办结"
FLAGS = {
    "LOOP": "线索回到了已经办理过的部门",
    "PING_PONG": "线索在两个部门之间来回推送(甲→乙→甲)",
    "CROSS_REGION": "线索移送到了另一地区的部门",
    "CROSS_PROVINCE": "线索移送到了另一省份的部门",
    "STALLED": "有部门超时未签收,或签收后超时未处理",
    "UNRESOLVED": "线索尚未办结",
}


@dataclass(frozen=True)
class Place:
    """A department (or a clue's region) with the regions it lies in, its own first, the province last."""

    id: str
    name: str
    region_id: str
    region_name: str
    lineage: tuple[str, ...]
    province_id: str
    province_name: str

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Place:
        return cls(
            id=row["id"],
            name=row["name"],
            region_id=row["region_id"],
            region_name=row["region_name"],
            lineage=tuple(row["lineage"]),
            province_id=row["province_id"],
            province_name=row["province_name"],
        )


def crosses_region(source: Place, target: Place) -> bool:
    """Another jurisdiction: neither region lies within the other (a district and its city do not cross)."""
    return source.region_id not in target.lineage and target.region_id not in source.lineage


@dataclass(frozen=True)
class Hop:
    id: str
    kind: str
    to_id: str
    sent_at: datetime
    from_id: str | None = None  # None: dispatched at intake, by no department
    parent_id: str | None = None
    acknowledged_at: datetime | None = None
    closed_at: datetime | None = None
    outcome: str | None = None
    # When the server recorded the sending, the acknowledgement and the closing (None for loaded history):
    # a caller may state its own times within bounds, but a stall is measured on both.
    recorded_at: datetime | None = None
    acknowledged_recorded_at: datetime | None = None
    closed_recorded_at: datetime | None = None

    @classmethod
    def from_row(cls, row: Mapping[str, Any]) -> Hop:
        return cls(
            id=row["id"],
            kind=row["kind"],
            to_id=row["to_id"],
            sent_at=row["sent_at"],
            from_id=row.get("from_id"),
            parent_id=row.get("parent_id"),
            acknowledged_at=row.get("acknowledged_at"),
            closed_at=row.get("closed_at"),
            outcome=row.get("outcome"),
            recorded_at=row.get("created_at"),
            acknowledged_recorded_at=row.get("acknowledged_recorded_at"),
            closed_recorded_at=row.get("closed_recorded_at"),
        )


@dataclass(frozen=True)
class ClueFacts:
    id: str
    received_at: datetime
    status: str
    region: Place
    receiver_id: str | None
    hops: tuple[Hop, ...]


@dataclass(frozen=True)
class Limits:
    """How long a receiver may take to acknowledge (签收) a hop, and then to act on it."""

    acknowledge: timedelta = timedelta(hours=72)
    act: timedelta = timedelta(days=15)


DEFAULT_LIMITS = Limits()


@dataclass
class Holding:
    department_id: str
    hop_id: str | None  # None: held from the clue's receipt, before the first hops
    start: datetime
    acknowledged_at: datetime | None  # recorded, or implied by acting on the clue
    end: datetime | None  # None: holds it still
    closed: bool
    stalled: str | None = None  # "acknowledge" or "act"
    recorded: Holding | None = None  # the same holding on the server's clock, when it recorded every step

    @property
    def current(self) -> bool:
        return self.end is None


@dataclass
class Flag:
    code: str
    hop_ids: list[str] = field(default_factory=list)
    department_ids: list[str] = field(default_factory=list)


@dataclass
class Chain:
    order: list[str]  # hop ids in tree order: each hop before the hops that continue it, siblings by time
    depth: dict[str, int]
    children: dict[str, list[str]]
    holdings: list[Holding]
    held_hours: dict[str, float]  # by department, in the order they first held the clue
    regions: list[str]  # the regions of the holding departments, in the order the clue reached them
    flags: list[Flag]

    @property
    def current(self) -> list[Holding]:
        return [h for h in self.holdings if h.current]

    @property
    def flag_codes(self) -> list[str]:
        return [f.code for f in self.flags]


def hours(delta: timedelta) -> float:
    return max(delta.total_seconds(), 0.0) / 3600


def analyse(clue: ClueFacts, places: Mapping[str, Place], as_of: datetime, limits: Limits = DEFAULT_LIMITS) -> Chain:
    """The chain of one clue, with open waits measured up to `as_of`."""
    hops = {h.id: h for h in clue.hops}
    children: dict[str, list[str]] = defaultdict(list)
    roots = []
    for hop in sorted(clue.hops, key=lambda h: (h.sent_at, h.id)):
        if hop.parent_id in hops and hop.parent_id != hop.id:
            children[hop.parent_id].append(hop.id)
        else:
            roots.append(hop.id)
    order, depth, parents = _tree_order(roots, children)
    holdings = _holdings(clue, hops, [hops[r] for r in roots], order, children)
    for holding in holdings:
        holding.stalled = _stall(holding, as_of, limits)
    held: dict[str, float] = {}
    for holding in sorted(holdings, key=lambda h: h.start):
        held[holding.department_id] = held.get(holding.department_id, 0.0) + hours(
            (holding.end or as_of) - holding.start
        )
    regions = list(dict.fromkeys(places[d].region_id for d in held if d in places))
    flags = _flags(clue, hops, order, parents, holdings, places)
    return Chain(order, depth, dict(children), holdings, held, regions, flags)


def _tree_order(
    roots: list[str], children: Mapping[str, list[str]]
) -> tuple[list[str], dict[str, int], dict[str, str]]:
    order: list[str] = []
    depth: dict[str, int] = {}
    parents: dict[str, str] = {}
    stack = [(root, 0) for root in reversed(roots)]
    while stack:
        hop_id, level = stack.pop()
        if hop_id in depth:  # a malformed cycle of NEXT_HOP: visit each hop once
            continue
        order.append(hop_id)
        depth[hop_id] = level
        for child in reversed(children.get(hop_id, [])):
            parents.setdefault(child, hop_id)
            stack.append((child, level + 1))
    return order, depth, parents


def _holdings(
    clue: ClueFacts, hops: Mapping[str, Hop], roots: list[Hop], order: list[str], children: Mapping[str, list[str]]
) -> list[Holding]:
    closed_clue = clue.status == CLOSED
    holdings: list[Holding] = []
    if not hops and clue.receiver_id:
        # Closed on receipt, or not passed on yet.
        until = clue.received_at if closed_clue else None
        holdings.append(Holding(clue.receiver_id, None, clue.received_at, clue.received_at, until, closed_clue))
    first_sent: dict[str, datetime] = {}
    for root in roots:
        if root.from_id and root.from_id not in first_sent:
            first_sent[root.from_id] = min(r.sent_at for r in roots if r.from_id == root.from_id)
    for department_id, sent in first_sent.items():
        holdings.append(Holding(department_id, None, clue.received_at, clue.received_at, sent, False))
    for hop_id in order:
        hop = hops[hop_id]
        next_hops = [hops[k] for k in children.get(hop_id, [])]
        closed = not next_hops and (closed_clue or hop.closed_at is not None or hop.outcome in OUTCOMES)
        if next_hops:
            end: datetime | None = min(k.sent_at for k in next_hops)
        elif closed:  # loaded data may close a branch without saying when: the last time known
            end = hop.closed_at or hop.acknowledged_at or hop.sent_at
        else:
            end = None
        holding = Holding(hop.to_id, hop.id, hop.sent_at, hop.acknowledged_at or end, end, closed)
        holding.recorded = _recorded(hop, next_hops, closed)
        holdings.append(holding)
    return holdings


def _recorded(hop: Hop, next_hops: list[Hop], closed: bool) -> Holding | None:
    """The holding on the server's clock; None when a step lacks its recorded time (loaded history)."""
    if hop.recorded_at is None:
        return None
    end: datetime | None = None
    if next_hops:
        if any(k.recorded_at is None for k in next_hops):
            return None
        end = min(k.recorded_at for k in next_hops if k.recorded_at)
    elif closed:
        if hop.closed_recorded_at is None:
            return None
        end = hop.closed_recorded_at
    acknowledged = hop.acknowledged_recorded_at or end
    if hop.acknowledged_at is not None and hop.acknowledged_recorded_at is None:
        return None
    return Holding(hop.to_id, hop.id, hop.recorded_at, acknowledged, end, closed)


def _stall(holding: Holding, as_of: datetime, limits: Limits) -> str | None:
    """Stalled by the times the callers stated, or by the times the server recorded: back-dating cannot hide it."""
    return _stall_by(holding, as_of, limits) or (
        _stall_by(holding.recorded, as_of, limits) if holding.recorded else None
    )


def _stall_by(holding: Holding, as_of: datetime, limits: Limits) -> str | None:
    if (holding.acknowledged_at or as_of) - holding.start > limits.acknowledge:
        return "acknowledge"
    if holding.acknowledged_at and (holding.end or as_of) - holding.acknowledged_at > limits.act:
        return "act"
    return None


def _flags(
    clue: ClueFacts,
    hops: Mapping[str, Hop],
    order: list[str],
    parents: Mapping[str, str],
    holdings: list[Holding],
    places: Mapping[str, Place],
) -> list[Flag]:
    found: dict[str, Flag] = {code: Flag(code) for code in FLAGS}
    first_holders = {h.department_id for h in holdings if h.hop_id is None}
    # A hop loops when its department held the clue before: first, on an earlier hop, or up its own branch.
    first_reached: dict[str, datetime] = {}
    for hop in hops.values():
        if hop.to_id not in first_reached or hop.sent_at < first_reached[hop.to_id]:
            first_reached[hop.to_id] = hop.sent_at
    for hop_id in order:
        hop = hops[hop_id]
        if hop.to_id in first_holders or first_reached[hop.to_id] < hop.sent_at or _up_the_branch(hop, hops, parents):
            found["LOOP"].hop_ids.append(hop_id)
        parent = hops[parents[hop_id]] if hop_id in parents else None
        if parent and parent.from_id == hop.to_id:
            found["PING_PONG"].hop_ids.append(hop_id)
        source = places.get(hop.from_id) if hop.from_id else clue.region
        target = places.get(hop.to_id)
        if source and target and crosses_region(source, target):
            found["CROSS_REGION"].hop_ids.append(hop_id)
        if source and target and source.province_id != target.province_id:
            found["CROSS_PROVINCE"].hop_ids.append(hop_id)
    for holding in holdings:
        if holding.stalled:
            _note(found["STALLED"], holding)
    for holding in holdings:
        if holding.current:
            _note(found["UNRESOLVED"], holding)
    never_held = not holdings and clue.status != CLOSED  # not even dispatched yet
    return [f for f in found.values() if f.hop_ids or f.department_ids or (f.code == "UNRESOLVED" and never_held)]


def _up_the_branch(hop: Hop, hops: Mapping[str, Hop], parents: Mapping[str, str]) -> bool:
    """Whether a hop this one continues, however far up, went to the same department."""
    step = parents.get(hop.id)
    for _ in range(len(hops)):  # parents form a forest; the bound only guards against a malformed one
        if step is None:
            return False
        if hops[step].to_id == hop.to_id:
            return True
        step = parents.get(step)
    return False


def _note(flag: Flag, holding: Holding) -> None:
    if holding.hop_id:
        flag.hop_ids.append(holding.hop_id)
    if holding.department_id not in flag.department_ids:
        flag.department_ids.append(holding.department_id)
