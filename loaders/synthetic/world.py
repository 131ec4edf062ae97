"""The reference catalogue as the generator sees it: regions, departments, and who does what where.

Read from data/reference/*.csv at generation time, so generated files name only what the reference
holds, whatever it holds: missing files count as empty, and departments that lead or cooperate on a
matter are found through the catalogue (assignments → functions → departments performing them in the
subject's county, else its city, else its province), falling back to the usual office of the trade.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from loaders.synthetic.words import Profile, profile_for


@dataclass(frozen=True)
class Region:
    id: str
    name: str
    level: str
    parent_id: str


@dataclass(frozen=True)
class Department:
    id: str
    name: str
    region_id: str

    @property
    def key(self) -> str:
        """The office kind: 610113-scjgj → scjgj."""
        return self.id.partition("-")[2]


@dataclass(frozen=True)
class Duty:
    """A department's part in checking subjects of one type in one county: its matters, lead or not."""

    department_id: str
    matter_ids: tuple[str, ...]
    lead: bool


def _rows(directory: Path, name: str) -> list[dict[str, str]]:
    path = directory / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [{k.strip(): (v or "").strip() for k, v in row.items() if k} for row in csv.DictReader(f)]


def _valid(row: dict[str, str], as_of: date) -> bool:
    start, end = row.get("valid_from", ""), row.get("valid_to", "")
    return (not start or date.fromisoformat(start) <= as_of) and (not end or as_of < date.fromisoformat(end))


@dataclass
class World:
    regions: dict[str, Region]
    departments: dict[str, Department]  # those in office on the as-of date
    matters: dict[str, dict[str, str]]
    domains: dict[str, dict[str, str]]
    subject_types: dict[str, dict[str, str]]
    performers: dict[str, list[str]]  # function → departments performing it
    assignments: dict[str, list[dict[str, str]]]  # matter → its lead/cooperating assignments
    type_matters: dict[str, list[str]]  # subject type → matters that apply to it
    _duties: dict[tuple[tuple[str, ...], str], list[Duty]] = field(default_factory=dict)

    @classmethod
    def read(cls, directory: Path, as_of: date) -> World:
        regions = {
            r["id"]: Region(r["id"], r["name"], r["level"], r["parent_id"]) for r in _rows(directory, "regions.csv")
        }
        departments = {
            d["id"]: Department(d["id"], d["name"], d["region_id"])
            for d in _rows(directory, "departments.csv")
            if _valid(d, as_of) and d["region_id"] in regions
        }
        performers: dict[str, list[str]] = defaultdict(list)
        for p in _rows(directory, "department_functions.csv"):
            if p["department_id"] in departments and _valid(p, as_of):
                performers[p["function_id"]].append(p["department_id"])
        assignments: dict[str, list[dict[str, str]]] = defaultdict(list)
        for a in _rows(directory, "assignments.csv"):
            if _valid(a, as_of):
                assignments[a["matter_id"]].append(a)
        matters = {m["id"]: m for m in _rows(directory, "matters.csv")}
        subject_types = {t["id"]: t for t in _rows(directory, "subject_types.csv")}
        type_matters: dict[str, list[str]] = defaultdict(list)
        for link in _rows(directory, "matter_subject_types.csv"):
            if link["matter_id"] in matters and link["subject_type_id"] in subject_types:
                type_matters[link["subject_type_id"]].append(link["matter_id"])
        for type_id, kind in subject_types.items():
            # Without explicit links, a type is checked for the matters of its domain.
            if not type_matters[type_id]:
                type_matters[type_id] = [m for m, row in matters.items() if row["domain_id"] == kind["domain_id"]]
        return cls(
            regions,
            departments,
            matters,
            {d["id"]: d for d in _rows(directory, "domains.csv")},
            subject_types,
            {f: sorted(set(ds)) for f, ds in sorted(performers.items())},
            dict(sorted(assignments.items())),
            {t: sorted(set(ms)) for t, ms in sorted(type_matters.items())},
        )

    # -- regions ----------------------------------------------------------------------------------

    @cached_property
    def counties(self) -> list[str]:
        """County-level regions, where subjects are registered."""
        return sorted(r.id for r in self.regions.values() if r.level == "县")

    @cached_property
    def townships(self) -> dict[str, list[str]]:
        below: dict[str, list[str]] = defaultdict(list)
        for r in self.regions.values():
            if r.level == "乡":
                below[r.parent_id].append(r.id)
        return {county: sorted(ids) for county, ids in below.items()}

    def chain(self, region_id: str) -> list[str]:
        """The region and the regions above it, nearest first."""
        chain = []
        while region_id in self.regions and region_id not in chain:
            chain.append(region_id)
            region_id = self.regions[region_id].parent_id
        return chain

    def province(self, region_id: str) -> str:
        return self.chain(region_id)[-1] if region_id in self.regions else region_id

    def place_names(self, region_id: str) -> list[str]:
        return [self.regions[r].name for r in reversed(self.chain(region_id))]

    # -- departments ------------------------------------------------------------------------------

    @cached_property
    def by_region(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for d in sorted(self.departments):
            found[self.departments[d].region_id].append(d)
        return found

    def nearest(self, county: str, keys: tuple[str, ...]) -> list[str]:
        """The departments of these kinds in the nearest region that has any: the county's before its city's."""
        for region in self.chain(county):
            found = [f"{region}-{key}" for key in keys if f"{region}-{key}" in self.departments]
            if found:
                return found
        return []

    def around(self, county: str) -> list[str]:
        """Every department of the county, its city and its province, nearest first."""
        return [d for region in self.chain(county) for d in self.by_region.get(region, [])]

    @cached_property
    def by_province(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = defaultdict(list)
        for d in sorted(self.departments):
            found[self.province(self.departments[d].region_id)].append(d)
        return found

    @cached_property
    def cross_cutting_types(self) -> list[str]:
        """Roles most businesses also play (燃气用户, 特种设备使用单位, 用人单位 …): a second type for a subject."""
        words = ("用户", "使用单位", "用人单位", "生产经营单位", "等单位", "人员密集")
        return sorted(t for t, row in self.subject_types.items() if any(w in row["name"] for w in words))

    # -- who checks what --------------------------------------------------------------------------

    @cached_property
    def profiles(self) -> dict[str, Profile]:
        """The trade profile of each subject type, from its name and its domain's."""
        return {
            type_id: profile_for(kind["name"], self.domains.get(kind["domain_id"], {}).get("name", ""))
            for type_id, kind in self.subject_types.items()
        }

    def profile(self, type_id: str) -> Profile:
        return self.profiles[type_id]

    def responsible(self, matter_id: str, county: str) -> tuple[list[str], list[str]]:
        """The leads and cooperators the catalogue names for a matter in a county's chain of regions."""
        chain = self.chain(county)
        roles: dict[str, list[str]] = {"牵头": [], "配合": []}
        for a in self.assignments.get(matter_id, []):
            if a.get("region_id") and a["region_id"] not in chain:
                continue
            if a.get("department_id") in self.departments:
                if self.departments[a["department_id"]].region_id in chain:
                    roles[a["role"]].append(a["department_id"])
            elif performers := self.performers.get(a.get("function_id", ""), []):
                # The performer nearest the county: a county office before the city's.
                for region in chain:
                    here = [d for d in performers if self.departments[d].region_id == region]
                    if here:
                        roles[a["role"]].extend(here)
                        break
        leads = sorted(set(roles["牵头"]))
        return leads, sorted(set(roles["配合"]) - set(leads))

    def duties(self, type_ids: tuple[str, ...], county: str) -> list[Duty]:
        """Who checks subjects of these types in this county, and for which matters (cached)."""
        key = (type_ids, county)
        if key not in self._duties:
            work: dict[str, list[str]] = defaultdict(list)
            leading: set[str] = set()
            for type_id in type_ids:
                self._find_duties(type_id, county, work, leading)
            self._duties[key] = [Duty(d, tuple(dict.fromkeys(ms)), d in leading) for d, ms in sorted(work.items())]
        return self._duties[key]

    def _find_duties(self, type_id: str, county: str, work: dict[str, list[str]], leading: set[str]) -> None:
        matters = self.type_matters.get(type_id, [])
        checks = [m for m in matters if self.matters[m].get("category") == "行政检查"] or matters
        profile = self.profile(type_id)
        for matter in checks:
            leads, helpers = self.responsible(matter, county)
            if not leads:
                # The catalogue names nobody here: the usual office of the trade, else 市场监管, leads.
                fallback = (
                    self.nearest(county, profile.leads) or self.nearest(county, ("scjgj",)) or self.around(county)
                )
                leads = fallback[:1]
                helpers = helpers or [d for d in self.nearest(county, profile.helpers) if d not in leads]
            leading.update(leads)
            for department in leads + helpers:
                work[department].append(matter)
