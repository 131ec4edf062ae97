"""Who is responsible: lead and cooperating departments for a matter, behaviour or subject, with evidence."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel

from graphsvc.api.deps import RunnerDep, UserDep
from graphsvc.api.params import AsOf
from graphsvc.responsibility import audit
from graphsvc.responsibility.resolve import ResolveRequest, resolve

router = APIRouter(prefix="/responsibility", tags=["responsibility"])

Rule = Literal["ruling", "licence", "assignment", "locality_level", "legal_text"]
FlagCode = Literal["GAP", "CONFLICT", "STALE_BASIS", "WEAK_MATCH", "SUGGESTION", "NOT_APPLICABLE"]


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
    level: str | None
    applies_in: MatterScope | None = None  # None: applies everywhere
    score: float | None  # full-text score, when matched from text: ranks within one query
    coverage: float | None  # share of the description's words the matter explains (0..1)


class Suggestion(BaseModel):
    note: str
    lead: list[Duty]
    cooperating: list[Duty]


class MatterResult(BaseModel):
    matter: MatterRef
    lead: list[Duty]
    cooperating: list[Duty]
    flags: list[Flag]
    suggestion: Suggestion | None = None


class SubjectRef(Ref):
    region_id: str | None


class Resolution(BaseModel):
    region: str
    as_of: date
    subject: SubjectRef | None
    results: list[MatterResult]


@router.post("/resolve", response_model=Resolution)
def resolve_responsibility(runner: RunnerDep, user: UserDep, request: ResolveRequest) -> Resolution:
    """Lead and cooperating departments for a matter (`matter_id`), a behaviour (`text`, matched by full-text)
    or a subject (`uscc`), in `region` (default: the subject's) on `as_of` (default today). Each holder carries
    the rule that decided (ruling > licence > assignment > locality_level > legal_text) and its evidence:
    department → function performed → matter → article → legal basis and version, or the ruling or licence."""
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
