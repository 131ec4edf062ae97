"""The pre-scheduling check (排期前查重): before a department saves an inspection of some subjects for some
matters in a window, what the graph already knows about them.

Per subject: duplicates (the same matter checked or planned within the minimum interval the subject's credit
and risk allow, "避免对同一检查对象的同一监管事项重复抽查检查", seed 003), other departments' tasks whose windows meet
this one (candidates for a joint visit, seed 000), joint inspections to join, the recommended frequency, which
matters can be checked off-site, and whether this department is responsible for the matters there.

It sits in the save path of a scheduling screen, so it reads what it checks in one statement for the whole request
(department, matters, subjects with their tasks and joint inspections), then one batched resolution per region of
the subjects (all the matters in one statement, the regions side by side), each answer cached for a minute:
rulings and catalogue loads change responsibility rarely, and a scheduler saving a plan asks about the same
matters and places again and again.

`precheck` runs in four steps: the names of the request become ids and the caller's right is checked (validate),
the facts are read and typed (gather), each subject is judged against them by pure functions (decide), and the
answer is put together (shape).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, Field

from graphsvc.bounds import Day
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import InvalidInput
from graphsvc.identity import User
from graphsvc.inspections import access
from graphsvc.inspections.frequency import Frequency as FrequencyRow
from graphsvc.inspections.frequency import FrequencyTable
from graphsvc.inspections.models import (
    Duplicate,
    Frequency,
    Holder,
    Joinable,
    Offsite,
    Precheck,
    PrecheckMatter,
    PrecheckSubject,
    Responsibility,
    Span,
    SubjectCheck,
    TaskOverlap,
    Window,
)
from graphsvc.names import Names
from graphsvc.responsibility.answer import Duty, Flag, MatterHeader, MatterResult
from graphsvc.responsibility.resolve import resolve_in_region
from graphsvc.types import DutyRole, LooseRef, UsccOrName

__all__ = ["PrecheckRequest", "ResolveCache", "Window", "precheck"]

FACTS = query("inspection/get_precheck_facts")

WORKERS = 8
OFFSITE_RULE = "非现场监管能够实现监管目的的,不再开展现场检查"


class PrecheckRequest(BaseModel):
    department: str = Field(min_length=1, max_length=100, description="排期部门编号或名称,如 310112-scjgj")
    subjects: list[UsccOrName] = Field(min_length=1, max_length=500, description="监管对象的统一社会信用代码或名称")
    matters: list[str] = Field(min_length=1, max_length=50, description="监管事项编号、事项编码或名称")
    window: Window
    task_id: str | None = Field(default=None, max_length=200, description="修改已有任务时填其编号:不与自身查重")
    as_of: Day | None = Field(default=None, description="职责认定的日期,默认今天(窗口跨机构改革时可填窗口日期)")


# -- the rows the facts statement returns ---------------------------------------------------------------------


class MatterRow(BaseModel):
    requested: str
    position: int
    id: str | None
    name: str | None
    level: str | None
    offsite_ok: bool | None
    check_method: str | None
    domain_id: str | None
    domain_name: str | None


class TaskRow(BaseModel):
    id: str
    status: str
    kind: str | None
    window_start: date
    window_end: date
    done_on: date | None
    department_id: str
    department_name: str | None
    matter_ids: list[str]
    joint_ids: list[str]


class JointRow(BaseModel):
    id: str
    status: str
    window_start: date
    window_end: date
    visit_on: date | None
    lead_id: str | None
    lead_name: str | None
    merge_plan_id: str | None
    department_ids: list[str]
    matter_ids: list[str]


class SubjectRow(BaseModel):
    requested: str
    id: str | None
    name: str | None
    region_id: str | None
    credit_grade: str | None
    risk_class: str | None
    tasks: list[TaskRow]
    joints: list[JointRow]


class PrecheckFacts(BaseModel):
    department: LooseRef | None
    matters: list[MatterRow]
    subjects: list[SubjectRow]


@dataclass(frozen=True)
class Holders:
    """What the check needs of a matter's resolution in a region: who leads, who cooperates, the flags."""

    lead: list[Holder]
    cooperating: list[Holder]
    flags: list[Flag]


class ResolveCache:
    """Resolution answers by (matter, region, date), kept for `ttl` seconds."""

    def __init__(self, ttl: float = 60.0):
        self.ttl = ttl
        self._entries: dict[tuple[str, str, date], tuple[float, Holders]] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str, date]) -> Holders | None:
        with self._lock:
            hit = self._entries.get(key)
        return hit[1] if hit and time.monotonic() - hit[0] < self.ttl else None

    def put(self, key: tuple[str, str, date], value: Holders) -> None:
        with self._lock:
            if len(self._entries) > 10_000:
                self._entries.clear()
            self._entries[key] = (time.monotonic(), value)


def precheck(
    runner: Runner,
    request: PrecheckRequest,
    user: User,
    table: FrequencyTable,
    cache: ResolveCache | None = None,
) -> Precheck:
    """The check for every subject of the request (see the module docstring)."""
    request = _named(runner, request, user)
    access.for_departments(user, [request.department], "排期查重")
    facts = _facts(runner, request, table)
    department, matters, subjects = _known(request, facts)
    as_of = request.as_of or date.today()
    regions = {s.region_id for s in subjects if s.region_id}
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        duties = _duties(pool, runner, matters, regions, as_of, cache)
    results = decide(request, matters, subjects, duties, table)
    return Precheck(
        department=department,
        window=request.window.span(),
        as_of=as_of,
        matters=[PrecheckMatter(id=m.id or m.requested, name=m.name, domain_id=m.domain_id) for m in matters],
        results=results,
    )


# -- validate and gather ----------------------------------------------------------------------------------------


def _named(runner: Runner, request: PrecheckRequest, user: User) -> PrecheckRequest:
    """The request with names replaced by ids: a department user's names are read in its region."""
    resolver = Names(runner, request.as_of)
    # the region is the context of names only: ids (ASCII) need none, and then no read for it
    named_in_words = not all(text.isascii() for text in [request.department, *request.matters])
    home = resolver.region_of_department(user.department_id) if named_in_words else None
    department = str(resolver.department_param(request.department, home, "department"))
    region = (resolver.region_of_department(department) or home) if named_in_words else None
    named = {
        "department": department,
        "matters": [resolver.matter_param(m, region, f"matters.{i}") for i, m in enumerate(request.matters)],
        "subjects": [resolver.subject_param(s, f"subjects.{i}") for i, s in enumerate(request.subjects)],
    }
    return request.model_copy(update=named)


def _facts(runner: Runner, request: PrecheckRequest, table: FrequencyTable) -> PrecheckFacts:
    """Department, matters and subjects with their tasks and joint inspections, in one statement."""
    window = request.window
    reach = table.longest_interval_days
    [facts] = runner.read_as(
        PrecheckFacts,
        FACTS,
        department_id=request.department,
        matter_ids=request.matters,
        subject_ids=request.subjects,
        horizon_start=window.start - timedelta(days=reach),
        horizon_end=window.end + timedelta(days=reach),
        window_start=window.start,
        window_end=window.end,
    )
    return facts


def _known(request: PrecheckRequest, facts: PrecheckFacts) -> tuple[LooseRef, list[MatterRow], list[SubjectRow]]:
    """422 for a department, matter or subject the graph does not hold; the matters in request order."""
    if facts.department is None:
        raise InvalidInput(f"未知部门:{request.department}", [{"field": "department", "reason": "unknown department"}])
    matters = sorted(facts.matters, key=lambda m: m.position)
    unknown = [m for m in matters if m.id is None]
    if unknown:
        raise InvalidInput(
            f"未知的监管事项:{'、'.join(m.requested for m in unknown)}",
            [{"field": f"matters.{m.position}", "reason": "unknown matter"} for m in unknown],
        )
    missing = [i for i, s in enumerate(facts.subjects) if s.id is None]
    if missing:
        codes = "、".join(facts.subjects[i].requested for i in missing)
        raise InvalidInput(
            f"未找到这些统一社会信用代码的监管对象:{codes}",
            [{"field": f"subjects.{i}", "reason": "unknown subject"} for i in missing],
        )
    return facts.department, matters, facts.subjects


def _duties(
    pool: ThreadPoolExecutor,
    runner: Runner,
    matters: list[MatterRow],
    regions: set[str],
    as_of: date,
    cache: ResolveCache | None,
) -> dict[tuple[str, str], Holders]:
    """Each matter resolved in each region: the matters a region still needs in one batched resolution (one
    statement from the held catalogue, else one read transaction), the regions side by side."""

    def region_duties(region: str) -> dict[str, Holders]:
        found = {m.id: cache.get((m.id, region, as_of)) if cache else None for m in matters if m.id}
        missing = [
            MatterHeader(id=m.id, name=m.name or "", level=m.level) for m in matters if m.id and found[m.id] is None
        ]
        if missing:
            fresh = resolve_in_region(runner, missing, region, as_of)
            for header, answer in zip(missing, fresh, strict=True):
                holders = holders_of(answer)
                found[header.id] = holders
                if cache:
                    cache.put((header.id, region, as_of), holders)
        return {matter_id: holders for matter_id, holders in found.items() if holders is not None}

    futures = {region: pool.submit(region_duties, region) for region in sorted(regions)}
    return {(m, region): holders for region, f in futures.items() for m, holders in f.result().items()}


def holders_of(answer: MatterResult) -> Holders:
    """The one place the check reads a resolution answer (graphsvc.responsibility.resolve.resolve_matters)."""

    def holder(duty: Duty) -> Holder:
        return Holder(id=duty.department.id, name=duty.department.name, rule=duty.rule)

    return Holders(
        lead=[holder(d) for d in answer.lead],
        cooperating=[holder(d) for d in answer.cooperating],
        flags=list(answer.flags),
    )


# -- decide: pure, no database ----------------------------------------------------------------------------------


def decide(
    request: PrecheckRequest,
    matters: Sequence[MatterRow],
    subjects: Sequence[SubjectRow],
    duties: dict[tuple[str, str], Holders],
    table: FrequencyTable,
) -> list[SubjectCheck]:
    """The check of each subject, in request order; a subject named twice is answered once."""
    offsite = [Offsite(matter=_ref(m), offsite_ok=bool(m.offsite_ok), check_method=m.check_method) for m in matters]
    requested = {m.id for m in matters if m.id}
    results = []
    seen: set[str] = set()
    for subject in subjects:
        if subject.id is None or subject.id in seen:
            continue
        seen.add(subject.id)
        frequency = table.lookup(subject.credit_grade, subject.risk_class)
        duplicates, overlaps = clashes(
            subject.tasks, request.window, requested, frequency.min_interval_days, request.department, request.task_id
        )
        joinable = joinable_inspections(subject.joints, request.window)
        responsibility = [
            responsibility_of(request.department, m, duties.get((m.id or "", subject.region_id or ""))) for m in matters
        ]
        results.append(
            SubjectCheck(
                subject=PrecheckSubject(
                    id=subject.id,
                    name=subject.name,
                    region_id=subject.region_id,
                    credit_grade=subject.credit_grade,
                    risk_class=subject.risk_class,
                ),
                duplicates=duplicates,
                overlaps=overlaps,
                joinable=joinable,
                frequency=_frequency(frequency),
                offsite=offsite,
                responsibility=responsibility,
                warnings=warnings_of(responsibility, duplicates, overlaps, joinable, frequency, offsite),
            )
        )
    return results


def occupied(task: TaskRow) -> tuple[date, date]:
    """The days a task occupies: the day it was done, else its window."""
    if task.status == "已完成" and task.done_on:
        return task.done_on, task.done_on
    return task.window_start, task.window_end


def clashes(
    tasks: Sequence[TaskRow],
    window: Window,
    requested: set[str],
    interval: int,
    department: str,
    task_id: str | None,
) -> tuple[list[Duplicate], list[TaskOverlap]]:
    """Duplicates (a requested matter done or planned within `interval` days of the window) and other departments'
    planned tasks whose windows meet it, in window order; the task being edited (`task_id`) is left out."""
    duplicates, overlaps = [], []
    for task in sorted(tasks, key=lambda t: (t.window_start, t.id)):
        if task.id == task_id:
            continue
        start, end = occupied(task)
        shared = sorted(requested & set(task.matter_ids))
        gap = max(0, (window.start - end).days, (start - window.end).days)
        if shared and gap < interval:
            duplicates.append(Duplicate(**_task(task), shared_matter_ids=shared, gap_days=gap))
        if task.department_id != department and task.status == "计划" and window.meets(start, end):
            overlaps.append(TaskOverlap(**_task(task), common_window=window.common(start, end)))
    return duplicates, overlaps


def joinable_inspections(joints: Sequence[JointRow], window: Window) -> list[Joinable]:
    """The joint inspections on the subject (the statement reads those whose window meets this one)."""
    return [
        Joinable(
            id=j.id,
            status=j.status,
            window=Span(start=j.window_start, end=j.window_end),
            common_window=window.common(j.window_start, j.window_end),
            visit_on=j.visit_on,
            lead=LooseRef(id=j.lead_id, name=j.lead_name) if j.lead_id else None,
            department_ids=j.department_ids,
            matter_ids=j.matter_ids,
            merge_plan_id=j.merge_plan_id,
        )
        for j in sorted(joints, key=lambda j: (j.window_start, j.id))
    ]


def responsibility_of(department: str, matter: MatterRow, holders: Holders | None) -> Responsibility:
    """Whether `department` leads or cooperates on the matter where the subject is; a warning when neither."""
    if holders is None:  # a subject with no region: nothing to resolve against
        return Responsibility(
            matter=_ref(matter),
            role=None,
            responsible=None,
            lead=[],
            cooperating=[],
            flags=[],
            warning=f"监管对象没有所在地,无法认定「{matter.name}」的职责",
        )
    role: DutyRole | None = (
        "牵头"
        if any(h.id == department for h in holders.lead)
        else "配合"
        if any(h.id == department for h in holders.cooperating)
        else None
    )
    warning = None
    if role is None:
        names = "、".join(str(h.name) for h in holders.lead) or "(目录未明确)"
        warning = f"本部门不是「{matter.name}」在该地的牵头或配合部门(牵头:{names}),请核实职责"
    return Responsibility(
        matter=_ref(matter),
        role=role,
        responsible=role is not None,
        lead=holders.lead,
        cooperating=holders.cooperating,
        flags=holders.flags,
        warning=warning,
    )


def warnings_of(
    responsibility: Sequence[Responsibility],
    duplicates: Sequence[Duplicate],
    overlaps: Sequence[TaskOverlap],
    joinable: Sequence[Joinable],
    frequency: FrequencyRow,
    offsite: Sequence[Offsite],
) -> list[str]:
    """The subject's warnings in Chinese: responsibility first, then duplicates, joint visits, off-site checks."""
    warnings = [r.warning for r in responsibility if r.warning]
    if duplicates:
        warnings.append(
            f"与 {len(duplicates)} 项已完成或已计划的检查重复(同一事项最短间隔 {frequency.min_interval_days} 天):"
            "避免重复检查"
        )
    if overlaps or joinable:
        warnings.append("其他部门同期检查该对象:原则上应实行跨部门联合检查(进一次门、查多项事)")
    if offsite and all(o.offsite_ok for o in offsite):
        warnings.append(f"所有事项均可非现场检查:{OFFSITE_RULE}")
    return warnings


def _task(task: TaskRow) -> dict[str, Any]:
    return {
        "task_id": task.id,
        "department": LooseRef(id=task.department_id, name=task.department_name),
        "status": task.status,
        "kind": task.kind,
        "window": Span(start=task.window_start, end=task.window_end),
        "done_on": task.done_on,
        "matter_ids": task.matter_ids,
        "joint_inspection_ids": task.joint_ids,
    }


def _ref(matter: MatterRow) -> LooseRef:
    return LooseRef(id=matter.id or matter.requested, name=matter.name)


def _frequency(row: FrequencyRow) -> Frequency:
    return Frequency(
        credit_grade=row.credit_grade,
        risk_class=row.risk_class,
        ratio=row.ratio,
        frequency_per_year=row.frequency_per_year,
        min_interval_days=row.min_interval_days,
        note=row.note,
    )
