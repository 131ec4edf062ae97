"""Can these inspections be merged: pre-scheduling check, plan-wide joint inspections, 双随机 draws, plan tasks."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response
from pydantic import BaseModel

from graphsvc.api.deps import RunnerDep, UserDep
from graphsvc.api.params import Offset
from graphsvc.inspections import draws, plan_tasks, plans
from graphsvc.inspections.frequency import FrequencyTable, load_table
from graphsvc.inspections.precheck import PrecheckRequest, ResolveCache, precheck
from graphsvc.types import DutyRole, LooseRef

router = APIRouter(prefix="/inspections", tags=["inspections"])


def get_table() -> FrequencyTable:
    return load_table()


def get_resolve_cache(request: Request) -> ResolveCache:
    # One per app: the answers of one database, kept for a minute.
    state = request.app.state
    if not hasattr(state, "resolve_cache"):
        state.resolve_cache = ResolveCache()
    return state.resolve_cache


TableDep = Annotated[FrequencyTable, Depends(get_table)]
CacheDep = Annotated[ResolveCache, Depends(get_resolve_cache)]
PlanId = Annotated[str, Path(max_length=200, description="合并检查方案编号")]
DrawId = Annotated[str, Path(max_length=200, description="抽查编号")]


class Span(BaseModel):
    start: date
    end: date


class TaskRef(BaseModel):
    task_id: str
    department: LooseRef
    status: str
    kind: str | None
    window: Span
    done_on: date | None
    matter_ids: list[str]
    joint_inspection_ids: list[str]


class Duplicate(TaskRef):
    shared_matter_ids: list[str]
    gap_days: int


class TaskOverlap(TaskRef):
    common_window: Span


class Joinable(BaseModel):
    id: str
    status: str
    window: Span
    common_window: Span
    visit_on: date | None
    lead: LooseRef | None
    department_ids: list[str]
    matter_ids: list[str]
    merge_plan_id: str | None


class Frequency(BaseModel):
    credit_grade: str
    risk_class: str
    ratio: float
    frequency_per_year: float
    min_interval_days: int
    note: str


class Offsite(BaseModel):
    matter: LooseRef
    offsite_ok: bool
    check_method: str | None


class Holder(LooseRef):
    rule: str


class Responsibility(BaseModel):
    matter: LooseRef
    role: DutyRole | None
    responsible: bool | None
    lead: list[Holder]
    cooperating: list[Holder]
    flags: list[dict[str, Any]]
    warning: str | None


class PrecheckSubject(LooseRef):
    region_id: str | None
    credit_grade: str | None
    risk_class: str | None


class SubjectCheck(BaseModel):
    subject: PrecheckSubject
    duplicates: list[Duplicate]
    overlaps: list[TaskOverlap]
    joinable: list[Joinable]
    frequency: Frequency
    offsite: list[Offsite]
    responsibility: list[Responsibility]
    warnings: list[str]


class PrecheckMatter(LooseRef):
    domain_id: str | None


class Precheck(BaseModel):
    department: LooseRef
    window: Span
    as_of: date
    matters: list[PrecheckMatter]
    results: list[SubjectCheck]


# -- merge plans ----------------------------------------------------------------------------------


class DepartmentCounts(BaseModel):
    tasks: int
    merged_tasks: int
    visits: int
    visits_saved: int


class DomainCounts(BaseModel):
    name: str | None
    tasks: int
    merged_tasks: int
    visits_saved: int


class MergeSummary(BaseModel):
    tasks: int
    subjects: int
    unplaceable: int
    visits_before: int
    visits_after: int
    visits_saved: int
    joint_inspections: int
    cross_department: int
    by_department: dict[str, DepartmentCounts]
    by_domain: dict[str, DomainCounts]


class LegalBasis(BaseModel):
    basis_id: str
    title: str | None
    article_id: str
    article: str | None
    version: str | None
    in_force: bool


class DomainRef(BaseModel):
    id: str | None
    name: str | None


class ChecklistItem(BaseModel):
    matter: LooseRef
    domain: DomainRef
    department_ids: list[str]
    legal_bases: list[LegalBasis]


class MergedTask(BaseModel):
    id: str
    department_id: str
    matter_ids: list[str]


class JointView(BaseModel):
    id: str
    status: str
    subject_id: str
    subject_name: str | None = None
    visit_on: date
    window: Span
    lead_department_id: str
    department_ids: list[str]
    cross_department: bool
    tasks: list[MergedTask]
    checklist: list[ChecklistItem]


class Unplaceable(BaseModel):
    task_id: str
    subject_id: str
    department_id: str


class MergePlanBase(BaseModel):
    id: str
    status: str
    region: str
    period: Span
    parameters: dict[str, Any]
    optimal: bool
    method: str
    lead_rule: str
    summary: MergeSummary
    joint_inspections: list[JointView]
    joint_inspections_total: int


class MergePlanProposal(MergePlanBase):
    superseded: list[str]
    unplaceable: list[Unplaceable]


class MergePlanView(MergePlanBase):
    created_at: datetime
    created_by: str
    accepted_at: datetime | None
    accepted_by: str | None
    joint_inspections_by_status: dict[str, int]
    offset: int


class Acceptance(BaseModel):
    id: str
    status: str
    already_accepted: bool
    accepted_at: datetime | None
    accepted_by: str | None
    confirmed: int
    cancelled_as_stale: int
    joint_inspections_by_status: dict[str, int]


# -- draws and plan tasks -----------------------------------------------------------------------------


class DrawnTask(BaseModel):
    task_id: str
    subject_id: str
    department_id: str
    matter_ids: list[str]
    inspector_ids: list[str]


class InspectorRef(LooseRef):
    cert_no: str | None


class PublishedTask(BaseModel):
    task_id: str
    subject_id: str
    subject_name: str | None
    department_id: str
    department_name: str | None
    matter_ids: list[str]
    inspectors: list[InspectorRef]
    status: str | None


class DrawBase(BaseModel):
    id: str
    seed: int
    parameters: dict[str, Any]
    region: str
    window: Span
    roster_size: int
    drawn_subjects: int
    created_at: datetime
    created_by: str
    department_ids: list[str]
    matter_ids: list[str]


class DrawCreated(DrawBase):
    tasks: list[DrawnTask]
    warnings: list[str]


class DrawPublished(DrawBase):
    tasks: list[PublishedTask]


class Replay(BaseModel):
    id: str
    seed: int
    identical: bool
    only_in_stored: list[list[Any]]
    only_in_replay: list[list[Any]]


class PlanTasks(BaseModel):
    plan_id: str
    name: str | None
    seed: int
    kind: str
    subject_type_ids: list[str]
    subject_types_from: Literal["targets", "subjects_text", "matters"]
    candidates: int
    subjects: int
    windows: list[Span]
    departments: dict[str, list[str]]
    tasks: int
    cancelled: int
    warnings: list[str]


@router.post("/precheck", response_model=Precheck)
def precheck_inspection(
    runner: RunnerDep, user: UserDep, table: TableDep, cache: CacheDep, request: PrecheckRequest
) -> dict[str, Any]:
    """Before saving an inspection of `subjects` for `matters` in `window`: per subject, the duplicates (the same
    matter done or planned within the minimum interval its credit and risk allow), other departments' tasks whose
    windows meet this one (with the common window), joint inspections to join, the recommended frequency, which
    matters can be checked off-site, and whether `department` is responsible for the matters there.
    Department users check for their own department only."""
    return precheck(runner, request, user, table, cache)


@router.post("/merge-plan", response_model=MergePlanProposal)
def propose_merge_plan(
    runner: RunnerDep,
    user: UserDep,
    request: plans.MergePlanRequest,
    preview: Annotated[int, Query(ge=0, le=5000, description="返回前几个联合检查")] = 100,
) -> dict[str, Any]:
    """Merges every planned task of `region` (and below) in `period` into as few visits per subject as the windows
    allow, and stores the proposal (拟定): joint inspections with subject, window, visit day, lead and participating
    departments and the 综合检查单 (matters with their legal bases), and a summary of visits before and after, by
    department and domain. Optimal with windows and blackout dates; a heuristic with `max_departments_per_visit`
    (`optimal` says which). A newer proposal replaces older unaccepted ones of the region and period."""
    return plans.propose(runner, request, user, preview)


@router.get("/merge-plan/{plan_id}", response_model=MergePlanView)
def get_merge_plan(
    runner: RunnerDep,
    user: UserDep,
    plan_id: PlanId,
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=5000)] = 100,
) -> dict[str, Any]:
    """A stored merge plan, its summary and a page of its joint inspections with their 综合检查单."""
    return plans.get_plan(runner, plan_id, offset, limit)


@router.post("/merge-plan/{plan_id}/accept", response_model=Acceptance)
def accept_merge_plan(runner: RunnerDep, user: UserDep, plan_id: PlanId) -> dict[str, Any]:
    """Accepts a merge plan: its joint inspections become 已确认 and their tasks MERGED_INTO them; a proposal whose
    tasks changed since is cancelled instead. Accepting twice changes nothing."""
    return plans.accept(runner, plan_id, user)


@router.post("/random-draw", response_model=DrawCreated)
def random_draw(runner: RunnerDep, user: UserDep, table: TableDep, request: draws.DrawRequest) -> dict[str, Any]:
    """双随机: draws subjects from the roster with the ratios by credit grade and risk class, and for each, from every
    participating department's qualified roster, `inspectors_per_subject` inspectors — never an inspector with a
    declared conflict, never two of the subject's previous team. Stores the draw with its seed (re-runnable) and
    creates its tasks (双随机, 计划). Department users draw for their own department only."""
    return draws.random_draw(runner, request, user, table)


@router.get(
    "/random-draw/{draw_id}",
    response_model=None,
    responses={200: {"model": DrawPublished, "content": {"text/csv": {"schema": {"type": "string"}}}}},
)
def get_random_draw(
    runner: RunnerDep,
    user: UserDep,
    draw_id: DrawId,
    format: Annotated[Literal["json", "csv"], Query(description="json 或 csv(公示)")] = "json",
) -> dict[str, Any] | Response:
    """A stored draw as published (一公开): seed, parameters, who drew it and when, every task with its inspectors."""
    draw = draws.get_draw(runner, draw_id)
    if format == "csv":
        return Response(
            draws.as_csv(draw),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{draw_id}.csv"'},
        )
    return draw


@router.post("/random-draw/{draw_id}/replay", response_model=Replay)
def replay_random_draw(runner: RunnerDep, user: UserDep, draw_id: DrawId) -> dict[str, Any]:
    """Re-runs a stored draw from its seed and parameters against the records as they stood when it was made,
    and says whether the result is the same (and if not, where it differs)."""
    return draws.replay(runner, draw_id)


@router.post("/plans/{plan_id}/tasks", response_model=PlanTasks)
def generate_plan_tasks(
    runner: RunnerDep,
    user: UserDep,
    plan_id: Annotated[str, Path(max_length=200, description="检查计划编号")],
    request: plan_tasks.PlanTasksRequest,
) -> dict[str, Any]:
    """Turns an inspection plan (附件2) into tasks on the subjects of its target types in its region: its ratio of
    them (deterministic for a seed), its frequency as windows in its period, one task per department and window
    for the matters the department holds. The tasks then take part in precheck and merge plans."""
    return plan_tasks.generate(runner, plan_id, request, user)
