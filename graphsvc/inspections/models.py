"""The inspections domain's answers as the API shows them, and the window every request of the domain takes.

The services build these and return them; the routes declare them as `response_model`, so a renamed field is a
type error in the service, not a silent change of the JSON.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from graphsvc.bounds import Day
from graphsvc.responsibility.answer import Flag
from graphsvc.types import DutyRole, LooseRef


class Span(BaseModel):
    start: date
    end: date


class Window(BaseModel):
    start: Day = Field(description="检查窗口开始日期")
    end: Day = Field(description="检查窗口结束日期(含)")

    @field_validator("end")
    @classmethod
    def _not_before_start(cls, end: date, info: ValidationInfo) -> date:
        start = info.data.get("start")
        if start and end < start:
            raise ValueError("结束日期早于开始日期")
        return end

    def meets(self, start: date, end: date) -> bool:
        return start <= self.end and end >= self.start

    def common(self, start: date, end: date) -> Span:
        return Span(start=max(self.start, start), end=min(self.end, end))

    def span(self) -> Span:
        return Span(start=self.start, end=self.end)


# -- the pre-scheduling check ---------------------------------------------------------------------------------


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
    flags: list[Flag]
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


# -- merge plans ----------------------------------------------------------------------------------------------


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


class MergePlanParameters(BaseModel):
    """The request a plan was proposed with, as stored with it."""

    region: str
    period: Span
    departments: list[str]
    max_departments_per_visit: int | None
    blackout_dates: list[date]


class MergePlanBase(BaseModel):
    id: str
    status: str
    region: str
    period: Span
    parameters: MergePlanParameters
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


# -- draws and plan tasks -------------------------------------------------------------------------------------


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


class DrawnVisit(BaseModel):
    """One subject a department visits with its team, as a draw decided it."""

    subject_id: str
    department_id: str
    inspector_ids: list[str]


class Replay(BaseModel):
    id: str
    seed: int
    identical: bool
    only_in_stored: list[DrawnVisit] = Field(description="只在原抽查中出现的（对象、部门、执法人员）组合")
    only_in_replay: list[DrawnVisit] = Field(description="只在重放中出现的（对象、部门、执法人员）组合")


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
