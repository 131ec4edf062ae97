"""双随机、一公开: draw subjects from the roster and inspectors from the departments' qualified rosters,
store the draw with its seed, publish it, and replay it.

Ratios: a subject's ratio is the larger of the ratio given for its credit grade and the one for its risk
class (the more worrying dimension decides); without either, `ratios.default`, else the credit/risk table
(graphsvc/inspections/frequency.py). Each drawn subject gets one task per participating department, covering
the matters that department leads or cooperates on in the region (resolution); a matter none of them holds goes
to the first department, with a warning. Each task gets `inspectors_per_subject` inspectors of its department.

Replay: the stored seed and parameters (with the ratio of every stratum and the department of every matter as
the draw fixed them), the roster and rosters as they stood when the draw was made (records created before it),
and the teams of the draws before it, give the same draw — unless a subject's credit or risk, or a record,
changed since; the replay then lists the differences.

`random_draw` checks the request and names each department's matters (validate), reads the roster (gather), draws
the subjects (decide, graphsvc/inspections/draw_sampling.py), reads the inspectors' rosters and the drawn subjects'
history (gather), draws the teams (decide: `assign_teams`), stores the draw and answers it (shape).
"""

from __future__ import annotations

import json
import random
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, cast

from pydantic import BaseModel, Field

from graphsvc.bounds import Day
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import InvalidInput, NotFound
from graphsvc.export import csv_text
from graphsvc.identity import User
from graphsvc.inspections import access
from graphsvc.inspections.draw_sampling import Candidate, Drawn, draw_subjects, draw_team
from graphsvc.inspections.duties import split_matters
from graphsvc.inspections.frequency import CLASSES, GRADES, FrequencyTable
from graphsvc.inspections.models import DrawnTask, DrawnVisit, PublishedTask, Replay, Span, Window
from graphsvc.regions import require_region
from graphsvc.types import CreditGrade, Instant, RegionCode, RiskClass

CONTEXT = query("inspection/get_draw_context")
ROSTER = query("inspection/list_draw_roster")
INSPECTORS = query("inspection/list_draw_inspectors")
HISTORY = query("inspection/list_draw_history")
CREATE_DRAW = query("inspection/create_draw")
CREATE_TASKS = query("inspection/create_draw_tasks")
GET_DRAW = query("inspection/get_draw")
DRAW_TASKS = query("inspection/list_draw_tasks")

BATCH = 5_000
Ratio = Annotated[float, Field(ge=0, le=1)]


class RosterFilter(BaseModel):
    region: RegionCode = Field(description="行政区划代码:所在地在其下的对象入库")
    subject_types: list[str] = Field(default=[], max_length=100, description="监管对象类型编号,任一即可")
    industry: str | None = Field(default=None, pattern=r"^[A-T]\d{0,4}$", description="国民经济行业分类代码前缀")
    tags: list[str] = Field(default=[], max_length=20, description="须带有全部这些标签")


class Ratios(BaseModel):
    by_credit: dict[CreditGrade, Ratio] = {}
    by_risk: dict[RiskClass, Ratio] = {}
    default: Ratio | None = None


class DrawRequest(BaseModel):
    departments: list[str] = Field(min_length=1, max_length=20, description="参与抽查的部门;第一个为发起部门")
    matters: list[str] = Field(min_length=1, max_length=50, description="抽查事项")
    roster: RosterFilter
    ratios: Ratios = Ratios()
    inspectors_per_subject: int = Field(default=2, ge=2, le=10, description="每个对象每个部门的执法人员数,至少 2 人")
    window: Window
    seed: int | None = Field(default=None, ge=0, lt=2**53, description="随机种子;不填则随机生成并保存")
    qualification: str | None = Field(default="行政执法证", description="执法人员须持有的资格;null 不限")
    as_of: Day | None = Field(default=None, description="职责认定的日期,默认窗口开始日")


class DrawParameters(DrawRequest):
    """The request as stored with the draw, with what the draw fixed from the table and the catalogue."""

    stratum_ratios: dict[str, float] = Field(description="每个分层(信用等级|风险类别)的抽取比例")
    department_matters: dict[str, list[str]] = Field(description="每个部门检查的事项")


class DrawBase(BaseModel):
    id: str
    seed: int
    parameters: DrawParameters
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
    created_at: Instant  # the JSON of this answer has always written the time as isoformat
    tasks: list[PublishedTask]


class MatterRow(BaseModel):
    requested: str
    position: int
    id: str | None
    name: str | None
    level: str | None


class DepartmentRow(BaseModel):
    requested: str
    position: int
    id: str | None
    name: str | None


class DrawContext(BaseModel):
    departments: list[DepartmentRow]
    matters: list[MatterRow]


class StoredDraw(BaseModel):
    id: str
    seed: int
    parameters: str  # JSON
    region_id: str
    window_start: date
    window_end: date
    roster_size: int
    created_at: datetime
    created_by: str
    department_ids: list[str]
    matter_ids: list[str]


@dataclass(frozen=True)
class Assigned:
    """One drawn subject's task for one department, with its team."""

    subject_id: str
    department_id: str
    matter_ids: list[str]
    inspector_ids: list[str]


@dataclass(frozen=True)
class Short:
    """A department whose roster cannot give a drawn subject a team."""

    subject_id: str
    department_id: str


@dataclass(frozen=True)
class Outcome:
    roster_size: int
    tasks: list[Assigned]


def random_draw(runner: Runner, request: DrawRequest, user: User, table: FrequencyTable) -> DrawCreated:
    """Draws, stores the draw and its tasks, and returns it as published."""
    departments = list(dict.fromkeys(request.departments))
    access.can_write(user, "发起双随机抽查", departments)
    if request.seed is None:
        request = request.model_copy(update={"seed": secrets.randbelow(2**53)})
    seed = int(request.seed or 0)
    matters, checks, warnings = _context(runner, request, departments)
    strata = stratum_ratios(request.ratios, table)
    outcome = _compute(runner, request, checks, strata, before=None)
    draw_id = f"draw-{request.roster.region}-{datetime.now():%Y%m%d%H%M%S}-{secrets.token_hex(3)}"
    parameters = DrawParameters.model_validate(
        request.model_dump() | {"stratum_ratios": strata, "department_matters": checks}
    )
    created = runner.write(
        CREATE_DRAW,
        id=draw_id,
        region_id=request.roster.region,
        seed=seed,
        parameters=json.dumps(parameters.model_dump(mode="json"), ensure_ascii=False),
        window_start=request.window.start,
        window_end=request.window.end,
        roster_size=outcome.roster_size,
        department_ids=departments,
        matter_ids=[m.id for m in matters],
        inspector_ids=sorted({i for task in outcome.tasks for i in task.inspector_ids}),
        actor=user.id,
    )[0]
    tasks = [
        DrawnTask(
            task_id=f"{draw_id}-{n:05d}",
            subject_id=t.subject_id,
            department_id=t.department_id,
            matter_ids=t.matter_ids,
            inspector_ids=t.inspector_ids,
        )
        for n, t in enumerate(outcome.tasks, start=1)
    ]
    seen: set[str] = set()
    rows = []
    for task in tasks:
        rows.append(
            {
                "subject_id": task.subject_id,
                "department_id": task.department_id,
                "matter_ids": task.matter_ids,
                "inspector_ids": task.inspector_ids,
                "id": task.task_id,
                "first": task.subject_id not in seen,
            }
        )
        seen.add(task.subject_id)
    for start in range(0, len(rows), BATCH):
        runner.write(CREATE_TASKS, draw_id=draw_id, rows=rows[start : start + BATCH], actor=user.id)
    # The answer is built from what was written: a large draw is read back, with names, by get_draw (or as CSV).
    return DrawCreated(
        id=draw_id,
        seed=seed,
        parameters=parameters,
        region=request.roster.region,
        window=request.window.span(),
        roster_size=outcome.roster_size,
        drawn_subjects=len(seen),
        created_at=created["created_at"],
        created_by=user.id,
        department_ids=sorted(departments),
        matter_ids=sorted(m.id for m in matters if m.id),
        tasks=tasks,
        warnings=warnings,
    )


def get_draw(runner: Runner, draw_id: str) -> DrawPublished:
    """The published draw (一公开): seed, parameters, who and when, and every task with its inspectors."""
    rows = runner.read_as(StoredDraw, GET_DRAW, id=draw_id)
    if not rows:
        raise NotFound(f"未知的抽查:{draw_id}", [{"field": "id", "reason": "unknown draw"}])
    draw = rows[0]
    tasks = runner.read_as(PublishedTask, DRAW_TASKS, id=draw_id)
    return DrawPublished(
        id=draw.id,
        seed=draw.seed,
        parameters=DrawParameters.model_validate_json(draw.parameters),
        region=draw.region_id,
        window=Span(start=draw.window_start, end=draw.window_end),
        roster_size=draw.roster_size,
        drawn_subjects=len({t.subject_id for t in tasks}),
        created_at=draw.created_at,
        created_by=draw.created_by,
        department_ids=draw.department_ids,
        matter_ids=draw.matter_ids,
        tasks=tasks,
    )


def as_csv(draw: DrawPublished) -> str:
    """The draw as a CSV for publication, one row per task (graphsvc.export: BOM, no formulas)."""
    return csv_text(
        [
            "抽查编号",
            "随机种子",
            "任务编号",
            "统一社会信用代码",
            "监管对象",
            "检查部门",
            "检查事项",
            "执法人员",
            "执法证号",
            "检查开始",
            "检查结束",
        ],
        (
            [
                draw.id,
                draw.seed,
                t.task_id,
                t.subject_id,
                t.subject_name,
                t.department_name,
                "、".join(t.matter_ids),
                "、".join(str(i.name) for i in t.inspectors),
                "、".join(i.cert_no or "" for i in t.inspectors),
                draw.window.start,
                draw.window.end,
            ]
            for t in draw.tasks
        ),
    )


def replay(runner: Runner, draw_id: str) -> Replay:
    """Re-runs a stored draw from its seed and parameters against the records as they stood then."""
    stored = get_draw(runner, draw_id)
    # What the draw decided from the table and the catalogue at the time is stored with it, and replayed as is.
    parameters = stored.parameters
    outcome = _compute(
        runner, parameters, parameters.department_matters, parameters.stratum_ratios, before=stored.created_at
    )
    again = sorted((t.subject_id, t.department_id, tuple(sorted(t.inspector_ids))) for t in outcome.tasks)
    before = sorted((t.subject_id, t.department_id, tuple(sorted(i.id for i in t.inspectors))) for t in stored.tasks)
    return Replay(
        id=draw_id,
        seed=stored.seed,
        identical=again == before,
        only_in_stored=[_visit(v) for v in sorted(set(before) - set(again))],
        only_in_replay=[_visit(v) for v in sorted(set(again) - set(before))],
    )


def _visit(visit: tuple[str, str, tuple[str, ...]]) -> DrawnVisit:
    subject_id, department_id, team = visit
    return DrawnVisit(subject_id=subject_id, department_id=department_id, inspector_ids=list(team))


def stratum_ratios(ratios: Ratios, table: FrequencyTable) -> dict[str, float]:
    """The ratio of every stratum `grade|class` (`*` for unknown), fixed at draw time and stored with the draw."""
    # Keyed by the literal grades and classes; looked up here with "*" too, which none of them is.
    by_credit = cast(Mapping[str, float], ratios.by_credit)
    by_risk = cast(Mapping[str, float], ratios.by_risk)
    found = {}
    for grade in (*GRADES, "*"):
        for risk in (*CLASSES, "*"):
            given = [r for r in (by_credit.get(grade), by_risk.get(risk)) if r is not None]
            if given:
                ratio = max(given)
            elif ratios.default is not None:
                ratio = ratios.default
            else:
                ratio = table.lookup(None if grade == "*" else grade, None if risk == "*" else risk).ratio
            found[f"{grade}|{risk}"] = ratio
    return found


def _context(
    runner: Runner, request: DrawRequest, departments: list[str]
) -> tuple[list[MatterRow], dict[str, list[str]], list[str]]:
    """The matters and which department checks which (resolution in the region); 422 for unknown ids."""
    require_region(runner, request.roster.region, "roster.region")
    [context] = runner.read_as(DrawContext, CONTEXT, department_ids=departments, matter_ids=request.matters)
    problems = [
        {"field": f"departments.{d.position}", "reason": "unknown department"}
        for d in context.departments
        if d.id is None
    ]
    problems += [
        {"field": f"matters.{m.position}", "reason": "unknown matter"} for m in context.matters if m.id is None
    ]
    if problems:
        raise InvalidInput("抽查请求中有未知的部门或事项", problems)
    matters = list({m.id: m for m in sorted(context.matters, key=lambda m: m.position)}.values())
    as_of = request.as_of or request.window.start
    headers = [{"id": m.id, "name": m.name, "level": m.level} for m in matters]
    checks, warnings = split_matters(runner, headers, departments, request.roster.region, as_of)
    return matters, checks, warnings


def _compute(
    runner: Runner,
    request: DrawRequest,
    checks: dict[str, list[str]],
    strata: dict[str, float],
    before: datetime | None,
) -> Outcome:
    """The draw: subjects from the roster, then a team per subject and department (the same random sequence)."""
    roster_filter = request.roster
    # Compared as epoch milliseconds: Neo4j orders a stored datetime() and a UTC parameter apart otherwise.
    before_ms = round(before.timestamp() * 1000) if before else None
    [packed] = runner.read(
        ROSTER,
        region_id=roster_filter.region,
        type_ids=roster_filter.subject_types,
        industry_prefix=roster_filter.industry,
        tags=roster_filter.tags,
        created_before_ms=before_ms,
    )
    roster = [Candidate(*row) for row in packed["subjects"]]
    rng = random.Random(request.seed)
    drawn = draw_subjects(rng, roster, lambda grade, risk: strata[f"{grade}|{risk}"])
    rosters: dict[str, list[str]] = {
        r["department_id"]: r["inspector_ids"]
        for r in runner.read(
            INSPECTORS, department_ids=list(checks), qualification=request.qualification, created_before_ms=before_ms
        )
    }
    [found] = runner.read(HISTORY, subject_ids=[d.subject.id for d in drawn], before_ms=before_ms)
    history = {subject: (set(team), set(conflicts)) for subject, team, conflicts in found["history"]}
    tasks, short = assign_teams(rng, drawn, checks, rosters, history, request.inspectors_per_subject)
    if short:
        worst = short[0]
        raise InvalidInput(
            f"{worst.department_id} 的执法人员名录不足以为 {len(short)} 个对象"
            f"各抽取 {request.inspectors_per_subject} 人(已排除利益冲突和上次抽查的同组人员)",
            [
                {
                    "field": "departments",
                    "subject": s.subject_id,
                    "department": s.department_id,
                    "reason": "roster too small",
                }
                for s in short[:20]
            ],
        )
    return Outcome(len(roster), tasks)


def assign_teams(
    rng: random.Random,
    drawn: Sequence[Drawn],
    checks: Mapping[str, list[str]],
    rosters: Mapping[str, Sequence[str]],
    history: Mapping[str, tuple[set[str], set[str]]],
    size: int,
) -> tuple[list[Assigned], list[Short]]:
    """Pure: for each drawn subject (in order) and each department (in `checks` order), a team of `size` from the
    department's roster, none in conflict with the subject, at most one of its previous team; the pairs with no
    such team come back apart."""
    members = {d: frozenset(ids) for d, ids in rosters.items()}
    tasks, short = [], []
    for d in drawn:
        previous, conflicts = history.get(d.subject.id, (set(), set()))
        for department, matter_ids in checks.items():
            team = draw_team(
                rng, rosters.get(department, []), members.get(department, frozenset()), size, previous, conflicts
            )
            if team is None:
                short.append(Short(d.subject.id, department))
                continue
            tasks.append(Assigned(d.subject.id, department, matter_ids, team))
    return tasks, short
