"""Who is responsible: lead and cooperating departments for a matter, behaviour or subject, with evidence."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel

from graphsvc.api.deps import RunnerDep, UserDep
from graphsvc.api.params import AsOf
from graphsvc.responsibility import audit
from graphsvc.responsibility.devolution import Devolution
from graphsvc.responsibility.resolve import ResolveRequest, resolve

router = APIRouter(prefix="/responsibility", tags=["responsibility"])

Rule = Literal["ruling", "licence", "assignment", "locality_level", "legal_text", "devolution"]
FlagCode = Literal[
    "GAP",
    "CONFLICT",
    "STALE_BASIS",
    "WEAK_MATCH",
    "SUGGESTION",
    "NOT_APPLICABLE",
    "OVERLAP",
    "NO_MATCH",
    "DEVOLVED",
    "DEVOLUTION_POSSIBLE",
]


class Ref(BaseModel):
    id: str
    name: str


class DepartmentRef(Ref):
    region: Ref | None


class Duty(BaseModel):
    department: DepartmentRef
    function: Ref | None
    rule: Rule
    evidence: dict[str, Any]


class Flag(BaseModel):
    code: FlagCode
    message: str


class ScopeRegion(Ref):
    source: str | None = None


class MatterScope(BaseModel):
    """Where a matter resting on a local regulation applies, and whether the asked region is one of those places."""

    regions: list[ScopeRegion]
    in_scope: bool


class MatterRef(Ref):
    level: str | None = None
    applies_in: MatterScope | None = None  # None: applies everywhere
    score: float | None = None  # rank when matched from text (explained weight + relative full-text score)
    coverage: float | None = None  # share of the description's weight the matter explains (0..1)
    explained: list[str] | None = None  # the words of the description the matter explains


class Suggestion(BaseModel):
    note: str
    lead: list[Duty]
    cooperating: list[Duty]


class OverlapArticle(BaseModel):
    article_id: str
    article: str
    wording: str


class OverlapCandidate(BaseModel):
    department: DepartmentRef | None  # None: the law names a function no department performs here
    function: Ref | None
    catalogue_role: str | None  # 牵头 / 配合 in the catalogue, when it lists this one
    article: str | None
    matter: Ref | None = None  # for 候选分歧: the matter this candidate leads


class TieBreak(BaseModel):
    key: str  # designation / first_to_file / closest_business / establishment_office
    law: str
    article: str
    text: str  # the article as the law says it (empty for a local designation)
    how: str


class Overlap(BaseModel):
    message: str
    articles: list[OverlapArticle]
    candidates: list[OverlapCandidate]
    tie_breaks: list[TieBreak]


class MatterResult(BaseModel):
    matter: MatterRef
    lead: list[Duty]
    cooperating: list[Duty]
    flags: list[Flag]
    suggestion: Suggestion | None = None
    overlap: Overlap | None = None
    # 街道/乡镇 that took the matter's 行政处罚权 by a province's decision (行政处罚法第二十四条), else null
    devolution: Devolution | None = None


class CandidateLead(BaseModel):
    department: DepartmentRef
    function: Ref | None


class BehaviourCandidate(BaseModel):
    matter: MatterRef
    lead: list[CandidateLead]


class NoMatch(BaseModel):
    message: str
    nearest_domains: list[str]
    usual_departments: list[dict[str, Any]]
    procedure: list[str]


class Behaviour(BaseModel):
    text: str  # the part of the description this answer is about
    outcome: Literal["firm", "overlap", "suggestion", "no_match"]
    rule: str  # 候选一致 / 首选领先 / 法定交叉 / 候选分歧 / 匹配不足 / 无匹配 (graphsvc/responsibility/rules.py)
    reason: str
    matter: MatterRef | None
    lead: list[Duty]
    cooperating: list[Duty]
    flags: list[Flag]
    candidates: list[BehaviourCandidate]
    overlap: Overlap | None = None
    suggestion: Suggestion | None = None
    no_match: NoMatch | None = None


class SubjectRef(Ref):
    region_id: str | None


class Resolution(BaseModel):
    region: str
    as_of: date
    subject: SubjectRef | None
    # by description: one answer per behaviour it names, with how sure it is; otherwise null
    behaviours: list[Behaviour] | None = None
    # by description: the clauses none of the behaviours explains (for the clerk to read), otherwise null
    unexplained: list[str] | None = None
    results: list[MatterResult]


@router.post("/resolve", response_model=Resolution)
def resolve_responsibility(runner: RunnerDep, user: UserDep, request: ResolveRequest) -> Resolution:
    """Lead and cooperating departments for a matter (`matter_id`), a behaviour (`text`) or a subject (`uscc`),
    in `region` (default: the subject's) on `as_of` (default today). Each holder carries the rule that decided
    (ruling > licence > assignment > locality_level > legal_text; in a 街道/乡镇 that took the power by a
    province's decision, devolution) and its evidence: department → function
    performed → matter → article → legal basis and version, or the ruling or licence. Where the law gives the
    act to several departments or to 有关部门 / 指定的部门, the result is flagged OVERLAP with every candidate and
    the tie-breaks that apply. A description gets `behaviours`: one answer per behaviour it names, with the rule
    that decided how sure it is (firm, overlap, suggestion, no_match) and a one-line reason in Chinese."""
    return Resolution.model_validate(resolve(runner, request))


@router.get("/audit", response_model=None, responses={200: {"content": {"text/csv": {}}}})
def audit_catalogue(
    runner: RunnerDep,
    user: UserDep,
    region: Annotated[str, Query(pattern=r"^\d{6}(\d{3}(\d{3})?)?$", description="行政区划代码")],
    as_of: AsOf = None,
    format: Annotated[Literal["json", "csv"], Query(description="json 或 csv(编办工作清单)")] = "json",
) -> dict[str, Any] | Response:
    """The 编办's worklist: every gap, conflict and matter without a basis in force, functions nobody performs,
    departments with duties but no inspectors, and counts by domain and level."""
    report = audit.audit(runner, region, as_of)
    if format == "csv":
        return Response(
            audit.as_csv(report),
            media_type="text/csv; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="audit-{region}.csv"'},
        )
    return report
