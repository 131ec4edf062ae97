"""Who is responsible: lead and cooperating departments for a matter, behaviour or subject, with evidence."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response

from graphsvc.api.deps import RunnerDep, UserDep
from graphsvc.api.params import AsOf
from graphsvc.api.responses import json_once
from graphsvc.responsibility import audit
from graphsvc.responsibility.answer import Resolution
from graphsvc.responsibility.resolve import ResolveRequest, resolve
from graphsvc.types import RegionCode

router = APIRouter(prefix="/responsibility", tags=["responsibility"])


@router.post("/resolve", response_model=Resolution)
def resolve_responsibility(runner: RunnerDep, user: UserDep, request: ResolveRequest) -> Response:
    """Lead and cooperating departments for a matter (`matter_id`), a behaviour (`text`) or a subject (`uscc`),
    in `region` (default: the subject's) on `as_of` (default today). Each holder carries the rule that decided
    (ruling > licence > assignment > locality_level > legal_text; in a 街道/乡镇 that took the power by a
    province's decision, devolution) and its evidence: department → function
    performed → matter → article → legal basis and version, or the ruling or licence. Where the law gives the
    act to several departments or to 有关部门 / 指定的部门, the result is flagged OVERLAP with every candidate and
    the tie-breaks that apply. A description gets `behaviours`: one answer per behaviour it names, with the rule
    that decided how sure it is (firm, overlap, suggestion, no_match) and a one-line reason in Chinese."""
    return json_once(resolve(runner, request))


@router.get(
    "/audit",
    response_model=None,
    responses={
        200: {"model": audit.AuditReport, "content": {"text/csv": {"schema": {"type": "string"}}}},
        404: {"description": "未知的行政区划代码"},
    },
)
def audit_catalogue(
    runner: RunnerDep,
    user: UserDep,
    region: Annotated[RegionCode, Query(description="行政区划代码")],
    as_of: AsOf = None,
    format: Annotated[Literal["json", "csv"], Query(description="json 或 csv(编办工作清单)")] = "json",
) -> audit.AuditReport | Response:
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
