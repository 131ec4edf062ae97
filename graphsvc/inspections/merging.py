"""Which planned tasks can share one visit: pure functions, no I/O.

Two tasks can be merged only when they are on the same subject and their windows share a date (a task's
visit must fall inside its window). For one subject, choosing the visit dates so that every task's window
holds its visit and the visits are as few as possible is *interval stabbing*:

- **Windows only — optimal.** Take the unvisited task whose window ends first and visit on its last day;
  every unvisited task whose window holds that day joins the visit. Exchange argument: any solution visits
  that task on some day p ≤ its end; every other unvisited task stabbed by p ends no earlier (the first task
  ends first) and starts no later than p, so moving p to the end stabs them all too.
- **Blackout dates — still optimal.** Visit on the *latest allowed* day of the first-ending task's window.
  Same argument: an unvisited task stabbed by an allowed p in that window ends at or after the window's end,
  so it also holds any later allowed day of the window. A task whose window is all blackout is unplaceable.
- **max_departments_per_visit — a heuristic.** A visit may hold the tasks of at most k departments. Days are
  chosen as above; the departments are taken most urgent first (the department of the first-ending task,
  then the others by their earliest window end). The visits are always feasible (inside every window, never
  above k departments), but their number is not always minimal (the problem with the limit is a kind of
  bin packing): with k = 2 and days A[3,3], A'[4,5], B[2,4], B'[4,6], C[3,4] (A, A' of one department, B, B' of
  another) it visits {A, B} on 3, {C, A'} on 4, {B'} on 6, where {A, C} on 3 and {A', B, B'} on 4 suffice
  (tests/unit/test_merging.py pins the case). Random search finds no worse case with four tasks or fewer.

tests/unit/test_merging.py checks the first two against brute force (every partition into groups with a common
allowed day) on small random cases.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class Task:
    id: str
    subject_id: str
    department_id: str
    start: date
    end: date
    matter_ids: tuple[str, ...] = ()


@dataclass
class Visit:
    """One entry into the subject's premises: the tasks carried out together on one day."""

    subject_id: str
    on: date
    tasks: list[Task]

    @property
    def departments(self) -> list[str]:
        return sorted({t.department_id for t in self.tasks})

    @property
    def window(self) -> tuple[date, date]:
        """The days every merged task allows (never empty: it holds `on`)."""
        return max(t.start for t in self.tasks), min(t.end for t in self.tasks)

    @property
    def matter_ids(self) -> list[str]:
        return sorted({m for t in self.tasks for m in t.matter_ids})


@dataclass
class Merge:
    visits: list[Visit] = field(default_factory=list)
    unplaceable: list[Task] = field(default_factory=list)  # windows with no allowed day
    optimal: bool = True  # false once a per-visit department limit applied


def latest_allowed(start: date, end: date, blackout: frozenset[date]) -> date | None:
    """The last day of [start, end] that is not a blackout date."""
    day = end
    while day >= start:
        if day not in blackout:
            return day
        day -= timedelta(days=1)
    return None


def merge_subject(
    tasks: Iterable[Task], blackout: frozenset[date] = frozenset(), max_departments: int | None = None
) -> Merge:
    """The visits for one subject's tasks (see the module docstring for what is optimal)."""
    pending = sorted(tasks, key=lambda t: (t.end, t.start, t.id))
    result = Merge(optimal=max_departments is None)
    while pending:
        first = pending[0]
        day = latest_allowed(first.start, first.end, blackout)
        if day is None:
            result.unplaceable.append(pending.pop(0))
            continue
        here = [t for t in pending if t.start <= day <= t.end]
        if max_departments is not None:
            chosen = _urgent_departments(here, first.department_id, max_departments)
            here = [t for t in here if t.department_id in chosen]
        taken = {t.id for t in here}
        pending = [t for t in pending if t.id not in taken]
        result.visits.append(Visit(first.subject_id, day, here))
    return result


def _urgent_departments(tasks: list[Task], first: str, limit: int) -> set[str]:
    earliest: dict[str, tuple[date, str]] = {}
    for t in tasks:
        earliest[t.department_id] = min(earliest.get(t.department_id, (t.end, t.id)), (t.end, t.id))
    others = sorted((d for d in earliest if d != first), key=lambda d: (earliest[d], d))
    return {first, *others[: max(limit - 1, 0)]}


def merge(tasks: Iterable[Task], blackout: Iterable[date] = (), max_departments: int | None = None) -> Merge:
    """Visits for every subject's tasks, subjects in id order."""
    by_subject: dict[str, list[Task]] = defaultdict(list)
    for t in tasks:
        by_subject[t.subject_id].append(t)
    days = frozenset(blackout)
    result = Merge(optimal=max_departments is None)
    for subject in sorted(by_subject):
        part = merge_subject(by_subject[subject], days, max_departments)
        result.visits += part.visits
        result.unplaceable += part.unplaceable
    return result


def lead_department(visit: Visit, domain_of: Mapping[str, str | None]) -> str:
    """The department that leads a joint visit: the one checking most matters of the visit's dominant domain
    (the domain most of the merged matters belong to), then most matters overall, then the smaller id.
    The lead of a domain is, in the catalogue, the department whose matters those are, so this names it
    without a resolution per visit."""
    if len(visit.tasks) == 1:
        return visit.tasks[0].department_id
    matters_by_department: dict[str, set[str]] = defaultdict(set)
    for t in visit.tasks:
        matters_by_department[t.department_id].update(t.matter_ids)
    domains = Counter(domain_of.get(m) or "" for m in visit.matter_ids)
    dominant = min(domains, key=lambda d: (-domains[d], d)) if domains else ""

    def weight(department: str) -> tuple[int, int, str]:
        mine = matters_by_department[department]
        in_domain = sum(1 for m in mine if (domain_of.get(m) or "") == dominant)
        return (-in_domain, -len(mine), department)

    return min(matters_by_department, key=weight)


def primary_domain(task: Task, domain_of: Mapping[str, str | None]) -> str:
    """The domain most of a task's matters belong to (ties: the smaller id; '' when none is known)."""
    if len(task.matter_ids) == 1:
        return domain_of.get(task.matter_ids[0]) or ""
    domains = Counter(domain_of.get(m) or "" for m in task.matter_ids)
    return min(domains, key=lambda d: (-domains[d], d)) if domains else ""
