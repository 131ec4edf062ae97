"""Reading clues from the graph, in the shapes the pure chain and flow analyses take."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel

from graphsvc.clues.chain import ClueFacts, Hop, Place
from graphsvc.clues.times import from_epoch, from_iso
from graphsvc.clues.views import ClueHeader
from graphsvc.cypher import query
from graphsvc.db import Reader, Runner
from graphsvc.errors import NotFound

CHAIN = query("clue/get_clue_chain")
PLACES = query("clue/list_places")
DEPARTMENT_PLACES = query("clue/list_department_places")
CLUE_HOPS = query("clue/list_clue_hops")
HEADERS = query("clue/list_clue_headers")
FACTS = query("clue/list_clue_facts")
CLUE_TIMES = ("received_at", "created_at")
HOP_TIMES = ("sent_at", "acknowledged_at", "closed_at", "created_at", "acknowledged_recorded_at", "closed_recorded_at")


class HopRow(BaseModel):
    """A hop as stored, with its times parsed (Beijing time) and the proposal intake kept on a first hop."""

    id: str
    kind: str
    parent_id: str | None
    from_id: str | None
    to_id: str
    sent_at: datetime
    reason: str | None
    acknowledged_at: datetime | None
    acknowledged_by: str | None
    acknowledged_recorded_at: datetime | None
    outcome: str | None
    closed_at: datetime | None
    closed_by: str | None
    closed_recorded_at: datetime | None
    sent_backdate_reason: str | None
    acknowledged_backdate_reason: str | None
    closed_backdate_reason: str | None
    created_at: datetime | None
    created_by: str | None
    proposed_matter_id: str | None
    proposed_department_id: str | None
    proposal_rule: str | None
    proposal_score: float | None
    proposal_basis: str | None
    proposal_flags: list[str] | None


class ClueHeaderRow(BaseModel):
    """A clue's line in a listing."""

    id: str
    title: str | None
    channel: str | None
    received_at: datetime
    status: str


@dataclass
class ClueRecord:
    """One clue as stored: the header and hop rows it is shown with, and the facts its chain is analysed from."""

    header: ClueHeader
    hops: dict[str, HopRow]
    places: dict[str, Place]
    facts: ClueFacts


@dataclass(frozen=True)
class Department:
    place: Place
    valid_from: date | None
    valid_to: date | None

    def exists_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day < self.valid_to)


def read_clue(runner: Runner, clue_id: str) -> ClueRecord:
    rows = runner.read(CHAIN, id=clue_id)
    if not rows:
        raise NotFound(f"未知的线索:{clue_id}", [{"field": "clue_id", "reason": "unknown clue"}])
    header = ClueHeader.model_validate(rows[0]["clue"] | {time: from_iso(rows[0]["clue"][time]) for time in CLUE_TIMES})
    hop_rows = [row | {time: from_iso(row[time]) for time in HOP_TIMES} for row in rows[0]["hops"]]
    places = {row["id"]: Place.from_row(row) for row in rows[0]["places"]}
    facts = ClueFacts(
        id=header.id,
        received_at=header.received_at,
        status=header.status,
        region=places[header.region.id],
        receiver_id=header.received_by.id if header.received_by else None,
        hops=tuple(Hop.from_row(row) for row in hop_rows),
    )
    return ClueRecord(header, {row["id"]: HopRow.model_validate(row) for row in hop_rows}, places, facts)


def read_places(runner: Runner) -> dict[str, Place]:
    """Every department and region of the graph, by id."""
    return {row["id"]: Place.from_row(row) for row in runner.read(PLACES)[0]["places"]}


def read_departments(runner: Runner, ids: list[str]) -> dict[str, Department]:
    """The departments among ids that the graph knows, by id."""
    rows = runner.read(DEPARTMENT_PLACES, ids=sorted(set(ids)))
    return {row["id"]: Department(Place.from_row(row), row["valid_from"], row["valid_to"]) for row in rows}


def read_chains(
    runner: Runner,
    places: dict[str, Place],
    region_id: str | None,
    received_from: datetime | None,
    received_to: datetime | None,
) -> list[ClueFacts]:
    """The clues received in a window within a region, each with the facts of its chain."""
    rows = runner.read(CLUE_HOPS, region_id=region_id, received_from=received_from, received_to=received_to)
    by_clue: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        by_clue.setdefault(row["clue_id"], []).append(row)
    chains = []
    for clue_id, clue_rows in by_clue.items():
        first = clue_rows[0]
        hops = tuple(
            Hop.from_row(row | {time: from_epoch(row[time]) for time in HOP_TIMES})
            for row in clue_rows
            if row["id"] is not None
        )
        received_at = from_epoch(first["received_at"])
        assert received_at is not None
        chains.append(
            ClueFacts(clue_id, received_at, first["status"], places[first["region_id"]], first["receiver_id"], hops)
        )
    return chains


def read_facts(reader: Reader, ids: list[str], places: dict[str, Place]) -> list[tuple[int, ClueFacts]]:
    """The named clues' chain facts at full precision, each with the chain_version they were read at."""
    found = []
    for row in reader.read(FACTS, ids=ids):
        received_at = from_iso(row["received_at"])
        assert received_at is not None  # a clue's required time
        facts = ClueFacts(
            id=row["id"],
            received_at=received_at,
            status=row["status"],
            region=places[row["region_id"]],
            receiver_id=row["receiver_id"],
            hops=tuple(Hop.from_row(hop | {time: from_iso(hop[time]) for time in HOP_TIMES}) for hop in row["hops"]),
        )
        found.append((row["version"], facts))
    return found


def read_headers(runner: Runner, ids: list[str]) -> dict[str, ClueHeaderRow]:
    """Title, channel, time and status of the named clues, by id."""
    return {row.id: row for row in runner.read_as(ClueHeaderRow, HEADERS, ids=ids)}
