"""Plan-wide merging: every planned task of a region and period merged into as few visits per subject as
the windows allow (graphsvc/inspections/merging.py), proposed as a MergePlan of joint inspections (拟定)
that the region accepts as a whole (已确认, tasks MERGED_INTO their visit).

A new proposal for a region replaces its older proposals still awaiting acceptance over a meeting period;
accepting twice changes nothing; a proposal whose tasks changed in the meantime is cancelled, not confirmed.

`propose` checks the request (validate), reads the region's tasks and the matters' checklist (gather), merges them
and counts what the merging saves with pure functions (decide: `plan`), stores the plan and answers it (shape).
"""

from __future__ import annotations

import json
import secrets
from collections import Counter, defaultdict
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime

from pydantic import BaseModel, Field, model_validator

from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import Conflict, InvalidInput, NotFound
from graphsvc.identity import User
from graphsvc.inspections import access
from graphsvc.inspections.merging import Merge, Task, Visit, lead_department, merge, primary_domain
from graphsvc.inspections.models import (
    Acceptance,
    ChecklistItem,
    DepartmentCounts,
    DomainCounts,
    DomainRef,
    JointView,
    LegalBasis,
    MergedTask,
    MergePlanParameters,
    MergePlanProposal,
    MergePlanView,
    MergeSummary,
    Span,
    Unplaceable,
    Window,
)
from graphsvc.regions import require_region
from graphsvc.types import LooseRef, RegionCode

DEPARTMENTS = query("inspection/get_draw_context")
TASKS = query("inspection/list_merge_tasks")
CHECKLIST = query("inspection/list_checklist_matters")
CREATE_PLAN = query("inspection/create_merge_plan")
CREATE_JOINTS = query("inspection/create_proposed_joints")
GET_PLAN = query("inspection/get_merge_plan")
LIST_JOINTS = query("inspection/list_merge_plan_joints")
PENDING_JOINTS = query("inspection/list_merge_plan_joint_ids")
ACCEPT_JOINTS = query("inspection/accept_joints")
SET_ACCEPTED = query("inspection/set_merge_plan_accepted")

BATCH = 5_000
OPTIMAL = "区间刺穿贪心(按窗口结束日排序,取最晚可用日):在窗口与停检日约束下,每个对象的入户次数最少"
HEURISTIC = (
    "启发式:在区间刺穿贪心的基础上,每次入户最多 {k} 个部门(最急的部门优先);"
    "结果满足窗口与部门数约束,但入户次数不保证最少"
)
LEAD_RULE = "牵头部门:联合检查中主导领域(事项最多的领域)事项最多的部门;其次事项总数最多;再按部门编号"


class MergePlanRequest(BaseModel):
    region: RegionCode = Field(description="行政区划代码:其下所有对象的任务参与合并")
    period: Window
    departments: list[str] = Field(default=[], max_length=500, description="只合并这些部门的任务;默认全部")
    max_departments_per_visit: int | None = Field(default=None, ge=1, le=50, description="每次入户最多几个部门")
    blackout_dates: list[date] = Field(default=[], max_length=400, description="不安排入户的日期")

    @model_validator(mode="after")
    def _distinct_blackout_dates(self) -> MergePlanRequest:
        self.blackout_dates = sorted(set(self.blackout_dates))
        return self


# -- the rows the statements return ---------------------------------------------------------------------------


class ChecklistMatter(BaseModel):
    id: str
    name: str | None
    domain_id: str | None
    domain_name: str | None
    bases: list[LegalBasis]


class PlanRow(BaseModel):
    id: str
    region_id: str
    period_start: date
    period_end: date
    status: str
    parameters: str  # JSON
    summary: str  # JSON
    optimal: bool
    created_at: datetime
    created_by: str
    accepted_at: datetime | None
    accepted_by: str | None
    joints: list[str]  # the status of each proposal


class StoredTask(BaseModel):
    id: str
    department_id: str
    window_start: date
    window_end: date
    matter_ids: list[str]


class StoredJoint(BaseModel):
    id: str
    status: str
    window_start: date
    window_end: date
    visit_on: date
    subject_id: str
    subject_name: str | None
    lead_id: str
    tasks: list[StoredTask]


class Status(BaseModel):
    status: str | None


class AcceptedRow(BaseModel):
    id: str
    status: str
    accepted_at: datetime | None
    accepted_by: str | None
    before: Status


class Created(BaseModel):
    superseded: list[str]


@dataclass
class Joint:
    """A joint inspection of a plan: the visit, its lead, and the tasks it merges."""

    id: str
    status: str
    subject_id: str
    visit_on: date
    window: Span
    lead_id: str
    department_ids: list[str]
    tasks: list[MergedTask]
    matter_ids: list[str]


@dataclass
class Plan:
    """What merging decided for a region's tasks: the visits, the joint inspections among them, the counts."""

    merge: Merge
    joints: list[Joint]
    summary: MergeSummary


def propose(runner: Runner, request: MergePlanRequest, user: User, preview: int = 100) -> MergePlanProposal:
    """Computes and stores a merge plan; returns its summary and the first `preview` joint inspections."""
    _validate(runner, request, user)
    tasks = _tasks(runner, request)
    matters = _checklist(runner, sorted({m for t in tasks for m in t.matter_ids}), request.period.start)
    decided = plan(tasks, request.blackout_dates, request.max_departments_per_visit, matters)

    period = request.period
    plan_id = f"merge-{request.region}-{period.start:%Y%m%d}-{secrets.token_hex(4)}"
    for n, joint in enumerate(decided.joints, start=1):
        joint.id = f"{plan_id}-{n:06d}"
    parameters = MergePlanParameters.model_validate(request.model_dump())
    [created] = runner.write(
        CREATE_PLAN,
        id=plan_id,
        region_id=request.region,
        period_start=period.start,
        period_end=period.end,
        parameters=_json(request),
        summary=_json(decided.summary),
        optimal=decided.merge.optimal,
        department_ids=request.departments,
        actor=user.id,
    )
    superseded = Created.model_validate(created).superseded
    for batch in _batches(decided.joints):
        runner.write(CREATE_JOINTS, plan_id=plan_id, rows=[_row(j) for j in batch], actor=user.id)
    return MergePlanProposal(
        id=plan_id,
        status="拟定",
        region=request.region,
        period=period.span(),
        parameters=parameters,
        optimal=decided.merge.optimal,
        method=_method(decided.merge.optimal, request.max_departments_per_visit),
        lead_rule=LEAD_RULE,
        superseded=superseded,
        summary=decided.summary,
        unplaceable=[
            Unplaceable(task_id=t.id, subject_id=t.subject_id, department_id=t.department_id)
            for t in decided.merge.unplaceable
        ],
        joint_inspections=[_view(j, matters) for j in decided.joints[:preview]],
        joint_inspections_total=len(decided.joints),
    )


def _validate(runner: Runner, request: MergePlanRequest, user: User) -> None:
    """Who may propose, and 422 for an unknown region or department."""
    access.can_write(user, "提出合并检查方案")
    require_region(runner, request.region)
    if request.departments:
        [known] = runner.read(DEPARTMENTS, department_ids=request.departments, matter_ids=[])
        unknown = [
            {"field": f"departments.{d['position']}", "reason": "unknown department"}
            for d in known["departments"]
            if d["id"] is None
        ]
        if unknown:
            raise InvalidInput("合并范围中有未知的部门", unknown)


def _tasks(runner: Runner, request: MergePlanRequest) -> list[Task]:
    """The planned tasks of the region and period, their windows cut to the period (the visit must fall in it)."""
    period = request.period
    [packed] = runner.read(
        TASKS,
        region_id=request.region,
        period_start=period.start,
        period_end=period.end,
        department_ids=request.departments,
    )
    return [
        Task(
            str(task_id),
            str(subject_id),
            str(department_id),
            max(date.fromisoformat(start), period.start),
            min(date.fromisoformat(end), period.end),
            tuple(sorted(matter_ids)),
        )
        for task_id, subject_id, department_id, start, end, matter_ids in packed["tasks"]
    ]


def _checklist(runner: Runner, matter_ids: list[str], as_of: date) -> dict[str, ChecklistMatter]:
    return {m.id: m for m in runner.read_as(ChecklistMatter, CHECKLIST, matter_ids=matter_ids, as_of=as_of)}


def plan(
    tasks: Sequence[Task],
    blackout_dates: Sequence[date],
    max_departments: int | None,
    matters: Mapping[str, ChecklistMatter],
) -> Plan:
    """Pure: the visits for the tasks, a joint inspection (still without its id) for each visit of several tasks,
    and the counts of what the merging saves."""
    result = merge(tasks, blackout_dates, max_departments)
    domain_of = {m: info.domain_id for m, info in matters.items()}
    leads = [lead_department(v, domain_of) for v in result.visits]
    joints = [_joint(v, lead) for v, lead in zip(result.visits, leads, strict=True) if len(v.tasks) > 1]
    return Plan(result, joints, summarize(tasks, result, domain_of, matters, leads))


def get_plan(runner: Runner, plan_id: str, offset: int = 0, limit: int = 100) -> MergePlanView:
    """A stored merge plan and a page of its joint inspections with their 综合检查单."""
    stored = _stored(runner, plan_id)
    page = runner.read_as(StoredJoint, LIST_JOINTS, id=plan_id, skip=offset, limit=limit)
    matters = _checklist(runner, sorted({m for j in page for t in j.tasks for m in t.matter_ids}), stored.period_start)
    parameters = MergePlanParameters.model_validate_json(stored.parameters)
    joints = []
    for j in page:
        tasks = [
            Task(t.id, j.subject_id, t.department_id, t.window_start, t.window_end, tuple(t.matter_ids))
            for t in j.tasks
        ]
        joint = _joint(Visit(j.subject_id, j.visit_on, tasks), j.lead_id)
        joint.id, joint.status, joint.window = j.id, j.status, Span(start=j.window_start, end=j.window_end)
        joints.append(_view(joint, matters).model_copy(update={"subject_name": j.subject_name}))
    return MergePlanView(
        id=stored.id,
        status=stored.status,
        region=stored.region_id,
        period=Span(start=stored.period_start, end=stored.period_end),
        parameters=parameters,
        optimal=stored.optimal,
        method=_method(stored.optimal, parameters.max_departments_per_visit),
        lead_rule=LEAD_RULE,
        summary=MergeSummary.model_validate_json(stored.summary),
        created_at=stored.created_at,
        created_by=stored.created_by,
        accepted_at=stored.accepted_at,
        accepted_by=stored.accepted_by,
        joint_inspections_by_status=dict(Counter(stored.joints)),
        joint_inspections=joints,
        joint_inspections_total=len(stored.joints),
        offset=offset,
    )


def accept(runner: Runner, plan_id: str, user: User) -> Acceptance:
    """Confirms every proposal of the plan and links its tasks; a second call changes nothing."""
    access.can_write(user, "确认合并检查方案")
    if _stored(runner, plan_id).status == "已取代":
        raise Conflict(f"合并检查方案 {plan_id} 已被更新的方案取代,不能确认", [{"field": "id", "reason": "superseded"}])
    # The status changes first, under the region's lock: a newer proposal replacing the plan meanwhile wins or loses
    # as a whole. Joints still 拟定 under an accepted plan (an acceptance cut short) are confirmed by the next call.
    accepted = AcceptedRow.model_validate(runner.write(SET_ACCEPTED, id=plan_id, actor=user.id)[0])
    if accepted.status == "已取代":
        raise Conflict(f"合并检查方案 {plan_id} 已被更新的方案取代,不能确认", [{"field": "id", "reason": "superseded"}])
    confirmed = cancelled = 0
    pending: list[str] = runner.read(PENDING_JOINTS, id=plan_id)[0]["ids"]
    for start in range(0, len(pending), BATCH):
        for r in runner.write(ACCEPT_JOINTS, plan_id=plan_id, ids=pending[start : start + BATCH], actor=user.id):
            confirmed += r["status"] == "已确认"
            cancelled += r["status"] == "已取消"
    return Acceptance(
        id=plan_id,
        status=accepted.status,
        already_accepted=accepted.before.status == "已接受",
        accepted_at=accepted.accepted_at,
        accepted_by=accepted.accepted_by,
        confirmed=confirmed,
        cancelled_as_stale=cancelled,
        joint_inspections_by_status=dict(Counter(_stored(runner, plan_id).joints)),
    )


def _stored(runner: Runner, plan_id: str) -> PlanRow:
    rows = runner.read_as(PlanRow, GET_PLAN, id=plan_id)
    if not rows:
        raise NotFound(f"未知的合并检查方案:{plan_id}", [{"field": "id", "reason": "unknown merge plan"}])
    return rows[0]


def _json(model: BaseModel) -> str:
    # Stored as the plans before typed models were: json.dumps of the JSON-mode dump.
    return json.dumps(model.model_dump(mode="json"), ensure_ascii=False)


def _method(optimal: bool, max_departments: int | None) -> str:
    return OPTIMAL if optimal else HEURISTIC.format(k=max_departments)


def summarize(
    tasks: Sequence[Task],
    result: Merge,
    domain_of: Mapping[str, str | None],
    matters: Mapping[str, ChecklistMatter],
    leads: list[str],
) -> MergeSummary:
    """Tasks, visits before and after, visits saved — overall, by department and by domain.

    A visit of n tasks saves n - 1 entries. By department and domain, the saving is counted for the tasks that
    ride along: the visit's first task of its lead department is the host, every other task is one entry saved
    for its department and its domain (the domain most of its matters belong to), so the parts add up to the total.
    """
    placed = sum(len(v.tasks) for v in result.visits)
    by_department: dict[str, Counter[str]] = defaultdict(Counter)
    by_domain: dict[str, Counter[str]] = defaultdict(Counter)
    domain = {t.id: primary_domain(t, domain_of) for t in tasks}
    for t in tasks:
        by_department[t.department_id]["tasks"] += 1
        by_domain[domain[t.id]]["tasks"] += 1
    for v, lead in zip(result.visits, leads, strict=True):
        if len(v.tasks) == 1:
            by_department[lead]["visits"] += 1
            continue
        host = min((t for t in v.tasks if t.department_id == lead), key=lambda t: t.id)
        for t in v.tasks:
            by_department[t.department_id]["merged_tasks"] += 1
            by_domain[domain[t.id]]["merged_tasks"] += 1
            if t is not host:
                by_department[t.department_id]["visits_saved"] += 1
                by_domain[domain[t.id]]["visits_saved"] += 1
        for department in v.departments:
            by_department[department]["visits"] += 1
    joint = [v for v in result.visits if len(v.tasks) > 1]
    return MergeSummary(
        tasks=len(tasks),
        subjects=len({t.subject_id for t in tasks}),
        unplaceable=len(result.unplaceable),
        visits_before=placed,
        visits_after=len(result.visits),
        visits_saved=placed - len(result.visits),
        joint_inspections=len(joint),
        cross_department=sum(1 for v in joint if len(v.departments) > 1),
        by_department={
            d: DepartmentCounts(
                tasks=c["tasks"], merged_tasks=c["merged_tasks"], visits=c["visits"], visits_saved=c["visits_saved"]
            )
            for d, c in sorted(by_department.items())
        },
        by_domain={
            d: DomainCounts(
                name=_domain_name(d, matters),
                tasks=c["tasks"],
                merged_tasks=c["merged_tasks"],
                visits_saved=c["visits_saved"],
            )
            for d, c in sorted(by_domain.items())
        },
    )


def _domain_name(domain_id: str, matters: Mapping[str, ChecklistMatter]) -> str | None:
    return next((m.domain_name for m in matters.values() if m.domain_id == domain_id), None)


def _joint(visit: Visit, lead: str) -> Joint:
    start, end = visit.window
    return Joint(
        id="",
        status="拟定",
        subject_id=visit.subject_id,
        visit_on=visit.on,
        window=Span(start=start, end=end),
        lead_id=lead,
        department_ids=visit.departments,
        tasks=[
            MergedTask(id=t.id, department_id=t.department_id, matter_ids=list(t.matter_ids))
            for t in sorted(visit.tasks, key=lambda t: t.id)
        ],
        matter_ids=visit.matter_ids,
    )


def _row(joint: Joint) -> dict[str, object]:
    """A joint inspection as the statement writing proposals takes it."""
    return {
        "id": joint.id,
        "subject_id": joint.subject_id,
        "window_start": joint.window.start,
        "window_end": joint.window.end,
        "visit_on": joint.visit_on,
        "lead_id": joint.lead_id,
        "cooperating_ids": [d for d in joint.department_ids if d != joint.lead_id],
        "matter_ids": joint.matter_ids,
        "task_ids": [t.id for t in joint.tasks],
    }


def _view(joint: Joint, matters: Mapping[str, ChecklistMatter]) -> JointView:
    """A joint inspection as the API shows it, with its 综合检查单: each matter, who checks it, on what basis."""
    checkers: dict[str, set[str]] = defaultdict(set)
    for t in joint.tasks:
        for m in t.matter_ids:
            checkers[m].add(t.department_id)
    checklist = []
    for m in sorted(checkers):
        info = matters.get(m)
        bases = info.bases if info else []
        in_force = [b for b in bases if b.in_force]
        checklist.append(
            ChecklistItem(
                matter=LooseRef(id=m, name=info.name if info else None),
                domain=DomainRef(id=info.domain_id if info else None, name=info.domain_name if info else None),
                department_ids=sorted(checkers[m]),
                legal_bases=in_force or bases,
            )
        )
    return JointView(
        id=joint.id,
        status=joint.status,
        subject_id=joint.subject_id,
        visit_on=joint.visit_on,
        window=joint.window,
        lead_department_id=joint.lead_id,
        department_ids=joint.department_ids,
        cross_department=len(joint.department_ids) > 1,
        tasks=joint.tasks,
        checklist=checklist,
    )


def _batches(items: list[Joint]) -> Iterator[list[Joint]]:
    for start in range(0, len(items), BATCH):
        yield items[start : start + BATCH]
