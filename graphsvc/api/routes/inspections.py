"""Can these inspections be merged: pre-scheduling check, plan-wide joint inspections, 双随机 draws, plan tasks."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Path, Query, Request, Response

from graphsvc.api.deps import RunnerDep, UserDep
from graphsvc.api.params import Offset
from graphsvc.inspections import merge_plans, plan_tasks, random_draws
from graphsvc.inspections.frequency import FrequencyTable, load_table
from graphsvc.inspections.models import Acceptance, MergePlanProposal, MergePlanView, PlanTasks, Precheck, Replay
from graphsvc.inspections.precheck import PrecheckRequest, ResolveCache, precheck
from graphsvc.inspections.random_draws import DrawCreated, DrawPublished

router = APIRouter(prefix="/inspections", tags=["inspections"])


async def get_table() -> FrequencyTable:
    return load_table()


async def get_resolve_cache(request: Request) -> ResolveCache:
    # One per app: the answers of one database, kept for a minute.
    state = request.app.state
    if not hasattr(state, "resolve_cache"):
        state.resolve_cache = ResolveCache()
    cache: ResolveCache = state.resolve_cache
    return cache


TableDep = Annotated[FrequencyTable, Depends(get_table)]
CacheDep = Annotated[ResolveCache, Depends(get_resolve_cache)]
PlanId = Annotated[str, Path(max_length=200, description="合并检查方案编号")]
DrawId = Annotated[str, Path(max_length=200, description="抽查编号")]


@router.post("/precheck", response_model=Precheck)
def precheck_inspection(
    runner: RunnerDep, user: UserDep, table: TableDep, cache: CacheDep, request: PrecheckRequest
) -> Precheck:
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
    request: merge_plans.MergePlanRequest,
    preview: Annotated[int, Query(ge=0, le=5000, description="返回前几个联合检查")] = 100,
) -> MergePlanProposal:
    """Merges every planned task of `region` (and below) in `period` into as few visits per subject as the windows
    allow, and stores the proposal (拟定): joint inspections with subject, window, visit day, lead and participating
    departments and the 综合检查单 (matters with their legal bases), and a summary of visits before and after, by
    department and domain. Optimal with windows and blackout dates; a heuristic with `max_departments_per_visit`
    (`optimal` says which). A newer proposal replaces older unaccepted ones of the region and period."""
    return merge_plans.propose(runner, request, user, preview)


@router.get("/merge-plan/{plan_id}", response_model=MergePlanView)
def get_merge_plan(
    runner: RunnerDep,
    user: UserDep,
    plan_id: PlanId,
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=5000)] = 100,
) -> MergePlanView:
    """A stored merge plan, its summary and a page of its joint inspections with their 综合检查单."""
    return merge_plans.get_plan(runner, plan_id, offset, limit)


@router.post("/merge-plan/{plan_id}/accept", response_model=Acceptance)
def accept_merge_plan(runner: RunnerDep, user: UserDep, plan_id: PlanId) -> Acceptance:
    """Accepts a merge plan: its joint inspections become 已确认 and their tasks MERGED_INTO them; a proposal whose
    tasks changed since is cancelled instead. Accepting twice changes nothing."""
    return merge_plans.accept(runner, plan_id, user)


@router.post("/random-draw", response_model=DrawCreated)
def random_draw(runner: RunnerDep, user: UserDep, table: TableDep, request: random_draws.DrawRequest) -> DrawCreated:
    """双随机: draws subjects from the roster with the ratios by credit grade and risk class, and for each, from every
    participating department's qualified roster, `inspectors_per_subject` inspectors — never an inspector with a
    declared conflict, never two of the subject's previous team. Stores the draw with its seed (re-runnable) and
    creates its tasks (双随机, 计划). Department users draw for their own department only."""
    return random_draws.random_draw(runner, request, user, table)


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
) -> DrawPublished | Response:
    """A stored draw as published (一公开): seed, parameters, who drew it and when, every task with its inspectors."""
    draw = random_draws.get_draw(runner, draw_id)
    if format == "csv":
        return Response(
            random_draws.as_csv(draw),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="{draw_id}.csv"'},
        )
    return draw


@router.post("/random-draw/{draw_id}/replay", response_model=Replay)
def replay_random_draw(runner: RunnerDep, user: UserDep, draw_id: DrawId) -> Replay:
    """Re-runs a stored draw from its seed and parameters against the records as they stood when it was made,
    and says whether the result is the same (and if not, where it differs)."""
    return random_draws.replay(runner, draw_id)


@router.post("/plans/{plan_id}/tasks", response_model=PlanTasks)
def generate_plan_tasks(
    runner: RunnerDep,
    user: UserDep,
    plan_id: Annotated[str, Path(max_length=200, description="检查计划编号")],
    request: plan_tasks.PlanTasksRequest,
) -> PlanTasks:
    """Turns an inspection plan (附件2) into tasks on the subjects of its target types in its region: its ratio of
    them (deterministic for a seed), its frequency as windows in its period, one task per department and window
    for the matters the department holds. The tasks then take part in precheck and merge plans."""
    return plan_tasks.generate(runner, plan_id, request, user)
