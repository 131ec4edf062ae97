"""The catalogue as a read model: what resolution reads about matters, regions, departments and functions, held in
process and answered without a round trip, as long as the catalogue's stamp has not changed.

Neo4j stays the source of truth: the model is built from two statements (the structure, cypher/catalogue/
get_catalogue; and, once per date asked, the region-independent facts of every matter, cypher/catalogue/
list_matter_facts), and `facts` answers exactly what cypher/responsibility/get_matter_facts answers for a
region, by walking the region tree in memory. What changes often (devolutions, subjects and their licences) is
still read from the database on every request.
"""

from __future__ import annotations

import pickle
import threading
from collections import OrderedDict, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from graphsvc.cypher import query
from graphsvc.db import Reader

CATALOGUE = query("catalogue/get_catalogue")
MATTER_FACTS = query("catalogue/list_matter_facts")
DATES_KEPT = 8  # dates whose matter facts stay in memory (today, and a few a user looks back to)


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    level: str | None
    parent_id: str | None


@dataclass(frozen=True)
class Performs:
    department: dict[str, Any]  # id, name, level
    function_id: str
    valid_from: date | None
    valid_to: date | None
    department_from: date | None
    department_to: date | None
    source: str | None

    def valid_on(self, day: date) -> bool:
        """The link and its department both in force on the day."""
        return _valid(self.valid_from, self.valid_to, day) and _valid(self.department_from, self.department_to, day)


@dataclass
class DatedFacts:
    """The region-independent facts of every matter on one date (rows as list_matter_facts returns them)."""

    assignments: dict[str, list[dict[str, Any]]]
    scopes: dict[str, list[dict[str, Any]]]
    bases: dict[str, list[dict[str, Any]]]
    carriers: dict[str, list[dict[str, Any]]]  # function id → its carriers on the date


@dataclass
class CatalogueModel:
    version: tuple[str, ...]
    regions: dict[str, Region]
    matters: dict[str, list[dict[str, Any]]]  # matter id → its header rows (responsibility/get_matter_header)
    # region id → the departments seated there with each PERFORMS link they have
    seated: dict[str, list[Performs]]
    _dates: OrderedDict[date, DatedFacts] = field(default_factory=OrderedDict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @classmethod
    def load(cls, reader: Reader, version: tuple[str, ...]) -> CatalogueModel | None:
        """The model of the catalogue as the reader sees it; None where the graph is not a tree the model can walk
        (a region with two parents, a department in two regions): then the statements answer."""
        [row] = reader.read(CATALOGUE)
        if any(len(r["parent_ids"]) > 1 for r in row["regions"]) or any(
            len(d["region_ids"]) > 1 for d in row["departments"]
        ):
            return None
        regions = {
            r["id"]: Region(r["id"], r["name"], r["level"], r["parent_ids"][0] if r["parent_ids"] else None)
            for r in row["regions"]
        }
        departments = {d["id"]: d for d in row["departments"]}
        seated: dict[str, list[Performs]] = defaultdict(list)
        for p in row["performs"]:
            d = departments[p["department_id"]]
            if not d["region_ids"]:
                continue  # a department in no region performs nowhere a region is asked about
            seated[d["region_ids"][0]].append(
                Performs(
                    {"id": d["id"], "name": d["name"], "level": d["level"]},
                    p["function_id"],
                    p["valid_from"],
                    p["valid_to"],
                    d["valid_from"],
                    d["valid_to"],
                    p["source"],
                )
            )
        matters: dict[str, list[dict[str, Any]]] = defaultdict(list)
        for m in row["matters"]:
            matters[m["id"]].append(m)
        return cls(version, regions, dict(matters), dict(seated))

    # -- what resolution asks -------------------------------------------------------------------------------------

    def has_region(self, region_id: str) -> bool:
        return region_id in self.regions

    def matter_header(self, matter_id: str) -> list[dict[str, Any]]:
        """responsibility/get_matter_header's rows (a copy: callers add to them)."""
        return [dict(m) for m in self.matters.get(matter_id, [])]

    def lineage(self, region_id: str) -> list[str]:
        """The region and those it lies in, itself first (PART_OF*0..)."""
        chain: list[str] = []
        current: str | None = region_id
        while current is not None and current in self.regions and current not in chain:
            chain.append(current)
            current = self.regions[current].parent_id
        return chain

    def facts(
        self, reader: Reader, matter_ids: list[str], region_id: str, as_of: date, levels: list[str | None], pattern: str
    ) -> dict[str, Any]:
        """What responsibility/get_matter_facts returns for these parameters, in the same shape and order, fresh
        dicts the caller may change."""
        dated = self._dated(reader, as_of, pattern)
        depth = {rid: i for i, rid in enumerate(self.lineage(region_id))} if region_id in self.regions else {}
        assignments = []
        for matter_id in matter_ids:
            for row in dated.assignments.get(matter_id, []):
                scope = row["scope_id"]
                if scope is not None and scope not in depth:
                    continue
                assignments.append(
                    {k: v for k, v in row.items() if k != "scope_id"} | {"scope_depth": depth.get(scope)}
                )
        assignments.sort(key=lambda a: (a["matter_id"], a["assignment"]["id"]))
        scopes = [
            {"matter_id": matter_id, "regions": regions, "in_scope": any(r["id"] in depth for r in regions)}
            for matter_id in sorted(matter_ids)
            for regions in [row["regions"] for row in dated.scopes.get(matter_id, [])]
        ]
        bases = [row for matter_id in sorted(matter_ids) for row in dated.bases.get(matter_id, [])]
        function_ids = [a["function"]["id"] for a in assignments if a["function"] is not None]
        for b in bases:
            if b["in_force"]:
                function_ids += [fn["function_id"] for fn in b["named"]]
                function_ids += [fn["function_id"] for src in b["authority"] for fn in src["named"]]
        carriers = [
            {"function_id": f, "carriers": dated.carriers[f]} for f in sorted(set(function_ids)) if f in dated.carriers
        ]
        carrier_ids = {c["id"] for row in carriers for c in row["carriers"]}
        performers = self._performers(region_id, as_of, levels, carrier_ids) if region_id in self.regions else []
        read = {
            "assignments": assignments,
            "scopes": scopes,
            "bases": bases,
            "carriers": carriers,
            "performers": performers,
        }
        copied: dict[str, Any] = pickle.loads(pickle.dumps(read))  # nothing the caller does may reach the model
        return copied

    def _performers(
        self, region_id: str, as_of: date, levels: list[str | None], carrier_ids: set[str]
    ) -> list[dict[str, Any]]:
        """The departments performing the carriers on the date at each level, nearest first (see get_matter_facts)."""
        rows = []
        asked = self.lineage(region_id)
        for level in levels:
            targets = [r for r in asked if level is not None and self.regions[r].level == level] or [region_id]
            found: list[dict[str, Any]] = []
            seats = [(distance, seat) for target in targets for distance, seat in enumerate(self.lineage(target))]
            for distance, seat_id in seats:
                seat = self.regions[seat_id]
                for p in self.seated.get(seat_id, []):
                    if p.function_id not in carrier_ids or not p.valid_on(as_of):
                        continue
                    found.append(
                        {
                            "level": level,
                            "function_id": p.function_id,
                            "department": p.department,
                            "region": {"id": seat.id, "name": seat.name, "level": seat.level},
                            "performs": {"valid_from": p.valid_from, "valid_to": p.valid_to, "source": p.source},
                            "distance": distance,
                        }
                    )
            found.sort(key=lambda r: (r["function_id"], r["distance"], r["department"]["id"]))
            rows += found
        return rows

    def holds_date(self, as_of: date) -> bool:
        """Whether the facts on this date are held (then facts() reads nothing)."""
        with self._lock:
            return as_of in self._dates

    def _dated(self, reader: Reader, as_of: date, pattern: str) -> DatedFacts:
        with self._lock:
            if as_of in self._dates:
                self._dates.move_to_end(as_of)
                return self._dates[as_of]
        [row] = reader.read(MATTER_FACTS, as_of=as_of, open_pattern=pattern)
        dated = DatedFacts(_by_matter(row["assignments"]), _by_matter(row["scopes"]), _by_matter(row["bases"]), {})
        dated.carriers = {c["function_id"]: c["carriers"] for c in row["carriers"]}
        with self._lock:
            self._dates[as_of] = dated
            while len(self._dates) > DATES_KEPT:
                self._dates.popitem(last=False)
        return dated


def _by_matter(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    grouped: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        grouped[row["matter_id"]].append(row)
    return dict(grouped)


def _valid(start: date | None, end: date | None, on: date) -> bool:
    return (start is None or start <= on) and (end is None or on < end)
