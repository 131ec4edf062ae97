"""Plans become tasks: an InspectionPlan (附件2 form row, loaders/forms/) turned into InspectionTasks on the
subjects of its target types in its region, so they take part in precheck and merge plans.

- Subjects: located in the plan's region or below, of a type the plan TARGETS (when it names none, a type its
  监管对象 text names, else a type its matters apply to); `ratio` of them (all for 1 or none given), drawn with
  random.Random(seed) from the id order, so the same seed gives the same subjects.
- Windows: `frequency_per_year` checks a year become round(frequency × period / 365) (at least one) equal
  slices of the plan's period, one task per slice.
- Departments: the lead and each cooperating department get a task per subject and slice for the plan's
  matters they lead or cooperate on in the region (graphsvc/inspections/duties.py); windows shared across
  departments make them candidates for joint visits.
- Kind: 双随机 when the plan checks a share of the subjects, 专项 when it checks them all.

Task ids derive from plan, subject, department and slice, so generating again with the same seed changes
nothing; with another seed, the planned tasks no longer drawn are cancelled (已取消), never deleted.
"""

from __future__ import annotations

import math
import random
import secrets
from datetime import date, timedelta
from typing import Any, Literal

from pydantic import BaseModel, Field

from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import InvalidInput, NotFound
from graphsvc.identity import User
from graphsvc.inspections import access
from graphsvc.inspections.duties import split_matters
from graphsvc.inspections.models import PlanTasks, Span

SCOPE = query("inspection/get_plan_scope")
SUBJECTS = query("inspection/list_plan_subjects")
UPSERT = query("inspection/upsert_plan_tasks")
CANCEL_STALE = query("inspection/cancel_stale_plan_tasks")

BATCH = 5_000


class PlanTasksRequest(BaseModel):
    seed: int | None = Field(
        default=None, ge=0, lt=2**53, description="抽取对象的随机种子;不填则随机生成并记录在计划上"
    )


class PlanMatter(BaseModel):
    id: str
    name: str | None
    level: str | None


class PlanScope(BaseModel):
    """An inspection plan as the statement reads it: what generating its tasks needs."""

    id: str
    name: str | None
    ratio: float | None
    frequency_per_year: float | None
    start: date | None
    end: date | None
    region_id: str | None
    lead_ids: list[str]
    cooperating_ids: list[str]
    matters: list[PlanMatter]
    type_ids: list[str]
    types_from: Literal["targets", "subjects_text", "matters"]


def slices(start: date, end: date, per_year: float | None) -> list[tuple[date, date]]:
    """The period cut into equal windows, one per check the frequency asks for (at least one)."""
    days = (end - start).days + 1
    n = max(1, round((per_year or 0) * days / 365))
    n = min(n, days)
    bounds = [start + timedelta(days=math.floor(i * days / n)) for i in range(n + 1)]
    return [(bounds[i], bounds[i + 1] - timedelta(days=1)) for i in range(n)]


def sample(ids: list[str], ratio: float | None, seed: int) -> list[str]:
    """ceil(ratio × n) of the ids (all for no ratio), drawn with random.Random(seed); in id order."""
    ordered = sorted(ids)
    if ratio is None or ratio >= 1:
        return ordered
    k = min(len(ordered), math.ceil(round(max(ratio, 0) * len(ordered), 9)))
    return sorted(random.Random(seed).sample(ordered, k))


def generate(runner: Runner, plan_id: str, request: PlanTasksRequest, user: User) -> PlanTasks:
    """Writes (or rewrites) the plan's tasks; returns what was made and the warnings."""
    rows = runner.read_as(PlanScope, SCOPE, id=plan_id)
    if not rows:
        raise NotFound(f"未知的检查计划:{plan_id}", [{"field": "plan_id", "reason": "unknown plan"}])
    plan = rows[0]
    access.can_write(user, "由计划生成检查任务", plan.lead_ids)
    problems = []
    if not plan.region_id:
        problems.append({"field": "region", "reason": "计划没有所属行政区划"})
    if not plan.start or not plan.end:
        problems.append({"field": "period", "reason": "计划没有检查起止时间"})
    if not plan.lead_ids:
        problems.append({"field": "lead", "reason": "计划没有牵头部门"})
    if not plan.matters:
        problems.append({"field": "matters", "reason": "计划没有监管事项"})
    if problems or plan.region_id is None or plan.start is None or plan.end is None:
        raise InvalidInput(f"计划 {plan_id} 缺少生成任务所需的信息", problems)
    seed = request.seed if request.seed is not None else secrets.randbelow(2**53)
    departments = plan.lead_ids[:1] + [d for d in plan.cooperating_ids if d not in plan.lead_ids[:1]]
    headers = [m.model_dump() for m in plan.matters]
    checks, warnings = split_matters(runner, headers, departments, plan.region_id, plan.start)
    if not plan.type_ids:
        warnings.append("计划未关联监管对象类型,监管对象栏也未写明已知类型,其事项也未关联对象类型:没有可检查的对象")
    elif plan.types_from == "subjects_text":
        warnings.append("计划未关联监管对象类型(TARGETS):按其监管对象栏写明的类型选取对象")
    elif plan.types_from == "matters":
        warnings.append("计划未关联监管对象类型(TARGETS):按其事项适用的对象类型选取对象")
    candidates: list[str] = [r["id"] for r in runner.read(SUBJECTS, region_id=plan.region_id, type_ids=plan.type_ids)]
    chosen = sample(candidates, plan.ratio, seed)
    windows = slices(plan.start, plan.end, plan.frequency_per_year)
    kind = "双随机" if plan.ratio is not None and plan.ratio < 1 else "专项"
    tasks: list[dict[str, Any]] = [
        {
            "id": f"{plan_id}-{subject}-{department}-{n}",
            "subject_id": subject,
            "department_id": department,
            "matter_ids": matter_ids,
            "window_start": start,
            "window_end": end,
            "kind": kind,
        }
        for subject in chosen
        for department, matter_ids in checks.items()
        for n, (start, end) in enumerate(windows, start=1)
    ]
    for begin in range(0, len(tasks), BATCH):
        runner.write(UPSERT, plan_id=plan_id, rows=tasks[begin : begin + BATCH], actor=user.id)
    cancelled = runner.write(CANCEL_STALE, plan_id=plan_id, keep_ids=[t["id"] for t in tasks], seed=seed, actor=user.id)
    return PlanTasks(
        plan_id=plan_id,
        name=plan.name,
        seed=seed,
        kind=kind,
        subject_type_ids=plan.type_ids,
        subject_types_from=plan.types_from,
        candidates=len(candidates),
        subjects=len(chosen),
        windows=[Span(start=s, end=e) for s, e in windows],
        departments=dict(checks),
        tasks=len(tasks),
        cancelled=cancelled[0]["cancelled"],
        warnings=warnings,
    )
