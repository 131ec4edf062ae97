"""The answers about clues as the API shows them: one clue's chain, the anomalies and the flows across many.

The services build these from the chain analysis (graphsvc.clues.chain, pure) and return them typed, so the
route declares them and a renamed field is a type error, not a silent change of the JSON.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from graphsvc.types import Instant, LooseRef, Ref

FlagCode = Literal["LOOP", "PING_PONG", "CROSS_REGION", "CROSS_PROVINCE", "STALLED", "UNRESOLVED"]
Stall = Literal["acknowledge", "act"]


class Place(LooseRef):
    """A department with its region; name and region are null for an id the graph no longer holds."""

    region: LooseRef | None


class ClueMatter(Ref):
    score: float | None


class ClueHeader(BaseModel):
    id: str
    title: str | None
    description: str | None
    channel: str | None
    received_at: Instant
    status: str
    created_at: Instant | None
    created_by: str | None
    region: Ref
    subject: LooseRef | None
    received_by: LooseRef | None
    matters: list[ClueMatter]


class Proposal(BaseModel):
    """What resolution proposed when the clue was registered, kept on the first hop as evidence."""

    matter_id: str | None
    department_id: str | None
    rule: str | None
    score: float | None
    basis: str | None
    flags: list[str]


class Hop(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    id: str
    kind: str
    depth: int
    parent_id: str | None
    children: list[str]
    from_: Place | None = Field(alias="from")
    to: Place | None
    sent_at: Instant
    reason: str | None
    acknowledged_at: Instant | None
    acknowledged_by: str | None
    acknowledged_recorded_at: Instant | None
    acknowledge_hours: float
    outcome: str | None
    closed_at: Instant | None
    closed_by: str | None
    closed_recorded_at: Instant | None
    backdate_reasons: dict[str, str]
    created_at: Instant | None
    created_by: str | None
    held_hours: float
    current: bool
    stalled: Stall | None
    proposal: Proposal | None


class Holding(BaseModel):
    department: Place | None
    hop_id: str | None  # null: held from the clue's receipt, before the first hops
    since: Instant
    acknowledged_at: Instant | None
    until: Instant | None
    hours: float
    closed: bool
    stalled: Stall | None


class Held(BaseModel):
    department: Place | None
    hours: float


class CrossedRegion(Ref):
    province: Ref


class ChainFlag(BaseModel):
    code: FlagCode
    message: str
    hop_ids: list[str]
    department_ids: list[str]


class Limits(BaseModel):
    acknowledge_hours: float
    act_days: float


class ClueChain(BaseModel):
    """A clue's hops in tree order, who held it how long, the regions it crossed, its holders now and its flags."""

    clue: ClueHeader
    as_of: Instant
    limits: Limits
    hops: list[Hop]
    holdings: list[Holding]
    held: list[Held]
    regions: list[CrossedRegion]
    current_holders: list[Holding]
    flags: list[ChainFlag]


# -- across many clues ----------------------------------------------------------------------------------------


class ClueLine(BaseModel):
    id: str
    title: str | None
    channel: str | None
    received_at: Instant
    status: str
    region: LooseRef


class LongestHold(BaseModel):
    department: Place
    hours: float


class Anomaly(BaseModel):
    clue: ClueLine
    flags: list[FlagCode]
    hops: int
    current_holders: list[Place]
    longest_hold: LongestHold | None


class Anomalies(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    region: str | None
    from_: date | None = Field(alias="from")
    to: date | None
    as_of: Instant
    clues_analysed: int
    flag_counts: dict[FlagCode, int]
    total: int
    offset: int
    limit: int
    results: list[Anomaly]


class FlowCell(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    from_: Place = Field(alias="from")
    to: Place
    count: int
    kinds: dict[str, int]
    acknowledged: int
    median_acknowledge_hours: float | None


class BouncingPair(BaseModel):
    a: Place
    b: Place
    a_to_b: int
    b_to_a: int


class Component(BaseModel):
    departments: list[Place]
    referrals: int


class Cycle(BaseModel):
    departments: list[Place]
    weight: int


class Bouncing(BaseModel):
    pairs: list[BouncingPair]
    pair_count: int
    components: list[Component]
    cycles: list[Cycle]
    cycle_count: int


class SlowRegion(BaseModel):
    region: LooseRef
    referrals: int
    acknowledged: int
    pending: int
    median_acknowledge_hours: float | None
    median_wait_hours: float


class Flows(BaseModel):
    model_config = ConfigDict(populate_by_name=True)

    region: str | None
    from_: date | None = Field(alias="from")
    to: date | None
    as_of: Instant
    referrals: int
    matrix: list[FlowCell]
    bouncing: Bouncing
    slow_regions: list[SlowRegion]
