"""An independent reference for clue chains and referral flows, in plain Python and networkx, read straight from
the CSV files the loaders take (regions.csv and departments.csv of a reference folder; clues.csv and
referrals.csv of an entity folder). It shares no code with graphsvc.clues: the tests hold the two side by side.

The rules it encodes, from the issue: a hop's receiver holds the clue from the sending until it passes the
clue on or closes its branch (an outcome of 立案/不予立案/移送司法/办结, or the clue 已办结; a close with no time
known ends at the acknowledgement, else at the sending); the departments that sent the first hops held it
from receipt (with no hops, the receiving department does). STALLED: acknowledged (or, failing that, acted
on) later than the acknowledge limit after the sending, or acted on later than the act limit after the
acknowledgement, open waits counting up to as_of. LOOP: a hop to a department that held the clue before (an
earlier hop's receiver, or a first holder). PING_PONG: A → B → A. CROSS_REGION: neither region within the
other. CROSS_PROVINCE: different top regions. UNRESOLVED: someone still holds it, or nobody ever did and it
is not 已办结.
"""

from __future__ import annotations

import csv
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

import networkx as nx
import pytest

CLOSING = {"立案", "不予立案", "移送司法", "办结"}


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _time(text: str) -> datetime | None:
    return datetime.fromisoformat(text) if text else None


@dataclass
class World:
    regions: nx.DiGraph  # child → parent
    department_region: dict[str, str]
    clues: dict[str, dict[str, str]]
    hops: dict[str, list[dict[str, str]]]  # by clue

    @classmethod
    def read(cls, reference_dir: Path, data_dir: Path) -> World:
        regions = nx.DiGraph()
        for row in _rows(reference_dir / "regions.csv"):
            regions.add_node(row["id"])
            if row["parent_id"]:
                regions.add_edge(row["id"], row["parent_id"])
        departments = {row["id"]: row["region_id"] for row in _rows(reference_dir / "departments.csv")}
        clues = {row["id"]: row for row in _rows(data_dir / "clues.csv")}
        hops: dict[str, list[dict[str, str]]] = defaultdict(list)
        for row in _rows(data_dir / "referrals.csv"):
            hops[row["clue_id"]].append(row)
        return cls(regions, departments, clues, hops)

    def within(self, region: str) -> set[str]:
        """The region and every region above it."""
        return {region} | nx.descendants(self.regions, region)

    def province(self, region: str) -> str:
        return next(r for r in self.within(region) if self.regions.out_degree(r) == 0)


@dataclass
class Expected:
    order: list[tuple[str, int]] = field(default_factory=list)  # (hop, depth)
    held: dict[str, float] = field(default_factory=dict)
    regions: list[str] = field(default_factory=list)
    current: set[tuple[str, str | None]] = field(default_factory=set)  # (department, hop)
    flags: dict[str, tuple[set[str], set[str]]] = field(default_factory=dict)  # code → (hops, departments)


def chain(world: World, clue_id: str, as_of: datetime, acknowledge: timedelta, act: timedelta) -> Expected:
    clue = world.clues[clue_id]
    received = _time(clue["received_at"])
    assert received is not None
    closed_clue = clue["status"] == "已办结"
    rows = {row["id"]: row for row in world.hops.get(clue_id, [])}
    sent = {h: _time(row["sent_at"]) for h, row in rows.items()}
    tree = nx.DiGraph()
    tree.add_node("*")
    for hop_id, row in rows.items():
        parent = row["previous_id"] if row["previous_id"] in rows else "*"
        tree.add_edge(parent, hop_id)
    key = {h: (sent[h], h) for h in rows}
    order = [
        h
        for h in nx.dfs_preorder_nodes(tree, "*", sort_neighbors=lambda ns: sorted(ns, key=key.__getitem__))
        if h != "*"
    ]
    depth = nx.shortest_path_length(tree, "*")
    expected = Expected(order=[(h, depth[h] - 1) for h in order])

    # (department, hop, start, acknowledged, end, sequence): the sequence breaks ties of start, first holders
    # first (by the first hop each sent), then hops in tree order.
    holdings: list[tuple[str, str | None, datetime, datetime | None, datetime | None, tuple[int, int]]] = []
    roots = list(tree.successors("*"))
    if not rows and clue["receiver_id"]:
        holdings.append((clue["receiver_id"], None, received, received, received if closed_clue else None, (0, 0)))
    first_from = {rows[r]["from_department_id"] for r in roots}
    firsts = {d: min(key[r] for r in roots if rows[r]["from_department_id"] == d) for d in first_from}
    for rank, department in enumerate(sorted(first_from, key=firsts.__getitem__)):
        holdings.append((department, None, received, received, firsts[department][0], (0, rank)))
    for number, hop_id in enumerate(order):
        sequence = (1, number)
        row = rows[hop_id]
        following = [sent[k] for k in tree.successors(hop_id)]
        acknowledged = _time(row["acknowledged_at"])
        if following:
            end: datetime | None = min(following)
        elif closed_clue or row["outcome"] in CLOSING:
            end = acknowledged or sent[hop_id]
        else:
            end = None
        holdings.append((row["to_department_id"], hop_id, sent[hop_id], acknowledged or end, end, sequence))

    def hours(delta: timedelta) -> float:
        return max(0.0, delta.total_seconds() / 3600)

    stalled: list[tuple[str, str | None]] = []
    for department, hop_id, start, acknowledged, end, _ in holdings:
        if (acknowledged or as_of) - start > acknowledge or (acknowledged and (end or as_of) - acknowledged > act):
            stalled.append((department, hop_id))
    first_start: dict[str, tuple[datetime, tuple[int, int]]] = {}
    for department, _, start, _, end, sequence in holdings:
        expected.held[department] = expected.held.get(department, 0.0) + hours((end or as_of) - start)
        first_start[department] = min(first_start.get(department, (start, sequence)), (start, sequence))
    by_region: dict[str, tuple[datetime, tuple[int, int]]] = {}
    for department, first in first_start.items():
        region = world.department_region[department]
        by_region[region] = min(by_region.get(region, first), first)
    expected.regions = sorted(by_region, key=by_region.__getitem__)
    expected.current = {(d, h) for d, h, _, _, end, _ in holdings if end is None}

    flags: dict[str, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for hop_id in order:
        row = rows[hop_id]
        earlier = {
            rows[g]["to_department_id"] for g in rows if g in nx.ancestors(tree, hop_id) or sent[g] < sent[hop_id]
        }
        if row["to_department_id"] in earlier | first_from:
            flags["LOOP"][0].add(hop_id)
        parent = next(tree.predecessors(hop_id))
        if parent != "*" and rows[parent]["from_department_id"] == row["to_department_id"]:
            flags["PING_PONG"][0].add(hop_id)
        source = world.department_region[row["from_department_id"]]
        target = world.department_region[row["to_department_id"]]
        if source not in world.within(target) and target not in world.within(source):
            flags["CROSS_REGION"][0].add(hop_id)
        if world.province(source) != world.province(target):
            flags["CROSS_PROVINCE"][0].add(hop_id)
    for code, found in (("STALLED", stalled), ("UNRESOLVED", sorted(expected.current, key=str))):
        for department, hop_id in found:
            flags[code][1].add(department)
            if hop_id:
                flags[code][0].add(hop_id)
    if not holdings and not closed_clue:
        flags["UNRESOLVED"] = (set(), set())
    expected.flags = dict(flags)
    return expected


def observed(view: dict) -> Expected:
    """The API's chain in the reference's terms."""
    return Expected(
        order=[(h["id"], h["depth"]) for h in view["hops"]],
        held={h["department"]["id"]: h["hours"] for h in view["held"]},
        regions=[r["id"] for r in view["regions"]],
        current={(h["department"]["id"], h["hop_id"]) for h in view["current_holders"]},
        flags={f["code"]: (set(f["hop_ids"]), set(f["department_ids"])) for f in view["flags"]},
    )


def assert_same(got: Expected, expected: Expected) -> None:
    assert got.order == expected.order
    assert got.held == pytest.approx(expected.held)
    assert got.regions == expected.regions
    assert got.current == expected.current
    assert got.flags == expected.flags


def referral_matrix(world: World) -> dict[tuple[str, str], tuple[int, float | None]]:
    """(sender, receiver) → (hops, median hours from sending to acknowledgement, or to acting when none)."""
    waits: dict[tuple[str, str], list[float]] = defaultdict(list)
    counts: dict[tuple[str, str], int] = defaultdict(int)
    for rows in world.hops.values():
        following: dict[str, list[datetime]] = defaultdict(list)
        for row in rows:
            if row["previous_id"]:
                following[row["previous_id"]].append(_time(row["sent_at"]))  # type: ignore[arg-type]
        for row in rows:
            pair = (row["from_department_id"], row["to_department_id"])
            counts[pair] += 1
            sent = _time(row["sent_at"])
            assert sent is not None
            acknowledged = _time(row["acknowledged_at"]) or min(following.get(row["id"], []), default=None)
            if acknowledged:
                waits[pair].append((acknowledged - sent).total_seconds() / 3600)
    return {pair: (n, statistics.median(waits[pair]) if waits[pair] else None) for pair, n in counts.items()}


def bouncing_departments(world: World) -> tuple[set[frozenset[str]], set[frozenset[str]]]:
    """The pairs that refer clues to each other, and the sets of departments a clue can circle within (the
    strongly connected components of two or more)."""
    graph = nx.DiGraph()
    for rows in world.hops.values():
        graph.add_edges_from((row["from_department_id"], row["to_department_id"]) for row in rows)
    pairs = {frozenset((a, b)) for a, b in graph.edges if graph.has_edge(b, a)}
    components = {frozenset(c) for c in nx.kosaraju_strongly_connected_components(graph) if len(c) > 1}
    return pairs, components


def three_cycles(world: World) -> int:
    """Directed rounds A → B → C → A among distinct departments, each counted once, by brute force."""
    edges = {(row["from_department_id"], row["to_department_id"]) for rows in world.hops.values() for row in rows}
    out: dict[str, set[str]] = defaultdict(set)
    for a, b in edges:
        out[a].add(b)
    # Count each round from its smallest department, so rotations are not counted again.
    return sum(
        1 for a in out for b in out[a] for c in out.get(b, ()) if a < b and a < c and b != c and a in out.get(c, ())
    )
