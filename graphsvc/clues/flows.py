"""The referral network as pure functions over hops between departments: the department-to-department matrix
with acknowledgement times, the departments that bounce clues among themselves (strongly connected components
and short cycles, with networkx), and the regions whose cross-region referrals wait longest for 签收."""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import networkx as nx

from graphsvc.clues.chain import Place, crosses_region, hours

# Pairs are the 2-cycles; rounds are the 3-cycles (longer ones are rare and costly to enumerate).
CYCLES_SHOWN = 20
PAIRS_SHOWN = 50


@dataclass(frozen=True)
class Transfer:
    """One hop from one department to another."""

    kind: str
    from_id: str
    to_id: str
    sent_at: datetime
    acknowledged_at: datetime | None  # recorded, or implied by the receiver acting on it


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


def matrix(transfers: Iterable[Transfer]) -> list[dict[str, Any]]:
    """Referral counts per (sender, receiver), by kind, with the median hours to acknowledgement; busiest first."""
    pairs: dict[tuple[str, str], list[Transfer]] = defaultdict(list)
    for t in transfers:
        pairs[(t.from_id, t.to_id)].append(t)
    rows = []
    for (source, target), hops in pairs.items():
        waits = [hours(t.acknowledged_at - t.sent_at) for t in hops if t.acknowledged_at]
        rows.append(
            {
                "from_id": source,
                "to_id": target,
                "count": len(hops),
                "kinds": dict(sorted(Counter(t.kind for t in hops).items())),
                "acknowledged": len(waits),
                "median_acknowledge_hours": _median(waits),
            }
        )
    return sorted(rows, key=lambda r: (-r["count"], r["from_id"], r["to_id"]))


def network(transfers: Iterable[Transfer]) -> nx.DiGraph:
    """Departments as nodes, an edge per direction referrals took, weighted by their count."""
    graph = nx.DiGraph()
    for (source, target), count in Counter((t.from_id, t.to_id) for t in transfers).items():
        graph.add_edge(source, target, weight=count)
    return graph


def bouncing(graph: nx.DiGraph) -> dict[str, Any]:
    """Who sends clues back and forth: pairs referring to each other, the strongly connected components (sets
    of departments where a clue can come back to where it was), and the heaviest three-department rounds."""
    pairs = [
        {"a": a, "b": b, "a_to_b": graph[a][b]["weight"], "b_to_a": graph[b][a]["weight"]}
        for a, b in graph.edges
        if a < b and graph.has_edge(b, a)
    ]
    pairs.sort(key=lambda p: (-min(p["a_to_b"], p["b_to_a"]), -(p["a_to_b"] + p["b_to_a"]), p["a"], p["b"]))
    components = []
    for members in nx.strongly_connected_components(graph):
        if len(members) < 2:
            continue
        inside = graph.subgraph(members)
        components.append(
            {
                "department_ids": sorted(members),
                "referrals": sum(w for _, _, w in inside.edges(data="weight")),
            }
        )
    components.sort(key=lambda c: (-len(c["department_ids"]), -c["referrals"], c["department_ids"]))
    rounds = []
    for cycle in rounds_of_three(graph):
        weight = min(graph[a][b]["weight"] for a, b in zip(cycle, cycle[1:] + cycle[:1], strict=True))
        rounds.append({"department_ids": cycle, "weight": weight})
    rounds.sort(key=lambda r: (-r["weight"], r["department_ids"]))
    return {
        "pairs": pairs[:PAIRS_SHOWN],
        "pair_count": len(pairs),
        "components": components,
        "cycles": rounds[:CYCLES_SHOWN],
        "cycle_count": len(rounds),
    }


def rounds_of_three(graph: nx.DiGraph) -> list[list[str]]:
    """Every directed round A→B→C→A of three departments, read from its smallest id: for each department, its
    successors and theirs, closed by an edge back (networkx's simple_cycles with a length bound enumerated the
    1- and 2-cycles too, and took most of a county's flows)."""
    found = []
    for a in graph:
        for b in graph.successors(a):
            if b <= a:
                continue
            for c in graph.successors(b):
                if c > a and c != b and graph.has_edge(c, a):
                    found.append([a, b, c])
    return found


def slow_regions(transfers: Iterable[Transfer], places: Mapping[str, Place], as_of: datetime) -> list[dict[str, Any]]:
    """Per sending region, its cross-region referrals and how long they waited for 签收 (still-waiting ones up to
    as_of); the longest waits first."""
    waits: dict[str, list[float]] = defaultdict(list)
    acknowledged: dict[str, list[float]] = defaultdict(list)
    for t in transfers:
        source, target = places.get(t.from_id), places.get(t.to_id)
        if source is None or target is None or not crosses_region(source, target):
            continue
        wait = hours((t.acknowledged_at or as_of) - t.sent_at)
        waits[source.region_id].append(wait)
        if t.acknowledged_at:
            acknowledged[source.region_id].append(wait)
    rows = [
        {
            "region_id": region_id,
            "referrals": len(region_waits),
            "acknowledged": len(acknowledged[region_id]),
            "pending": len(region_waits) - len(acknowledged[region_id]),
            "median_acknowledge_hours": _median(acknowledged[region_id]),
            "median_wait_hours": _median(region_waits),
        }
        for region_id, region_waits in waits.items()
    ]
    return sorted(rows, key=lambda r: (-r["median_wait_hours"], r["region_id"]))
