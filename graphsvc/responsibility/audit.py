"""The 编办's worklist for a region on a date: gaps, conflicts, overlaps (the law gives the act to several
departments or to 有关部门 / 指定的部门: the 编办 proposes, the government decides, 编制条例第十条), stale
bases, unperformed functions and departments with duties but no inspectors, with counts by domain and level."""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Literal

from pydantic import BaseModel

from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import NotFound
from graphsvc.export import csv_text
from graphsvc.regions import require_region
from graphsvc.responsibility.answer import FlagCode, MatterHeader, MatterResult
from graphsvc.responsibility.resolve import resolve_matters

MATTERS = query("audit/list_matters")
UNPERFORMED = query("audit/list_functions_without_performer")
NO_INSPECTORS = query("audit/list_departments_without_inspectors")

IssueKind = Literal["GAP", "CONFLICT", "OVERLAP", "STALE_BASIS"]
ISSUE_FLAGS: dict[FlagCode, IssueKind] = {
    "GAP": "GAP",
    "CONFLICT": "CONFLICT",
    "OVERLAP": "OVERLAP",
    "STALE_BASIS": "STALE_BASIS",
}


class CatalogueMatter(MatterHeader):
    """A matter of the catalogue the audit checks (audit/list_matters), with its domain's name."""

    domain: str | None


class Issue(BaseModel):
    kind: IssueKind
    matter_id: str
    matter: str
    domain: str | None
    level: str | None
    detail: str
    lead: list[str]
    candidates: list[str]


class UnperformedFunction(BaseModel):
    id: str
    name: str
    matters: list[str]


class DepartmentWithoutInspectors(BaseModel):
    id: str
    name: str
    duties: int


class IssueCount(BaseModel):
    kind: str
    domain: str | None
    level: str | None
    count: int


class AuditReport(BaseModel):
    """The 编办's worklist for a region on a date."""

    region: str
    as_of: date
    matters_checked: int
    issues: list[Issue]
    functions_without_performer: list[UnperformedFunction]
    departments_without_inspectors: list[DepartmentWithoutInspectors]
    counts: list[IssueCount]


def audit(runner: Runner, region: str, as_of: date | None = None) -> AuditReport:
    """Resolves every matter of the catalogue in the region, with the same rules as resolve, and lists what the
    编办 must look at."""
    as_of = as_of or date.today()
    require_region(runner, region, error=NotFound)
    matters = [CatalogueMatter.model_validate(row) for row in runner.read(MATTERS, region_id=region)]
    issues = [
        issue
        for matter, result in zip(matters, resolve_matters(runner, matters, region, as_of), strict=True)
        for issue in _issues(matter, result)
    ]
    by = Counter((i.kind, i.domain, i.level) for i in issues)
    return AuditReport(
        region=region,
        as_of=as_of,
        matters_checked=len(matters),
        issues=issues,
        functions_without_performer=runner.read_as(UnperformedFunction, UNPERFORMED, region_id=region, as_of=as_of),
        departments_without_inspectors=runner.read_as(
            DepartmentWithoutInspectors, NO_INSPECTORS, region_id=region, as_of=as_of
        ),
        counts=[IssueCount(kind=k, domain=d, level=lv, count=n) for (k, d, lv), n in sorted(by.items(), key=str)],
    )


def _issues(matter: CatalogueMatter, result: MatterResult) -> list[Issue]:
    """The flags of one matter's resolution that the 编办 must look at, as worklist items."""
    return [
        Issue(
            kind=kind,
            matter_id=matter.id,
            matter=matter.name,
            domain=matter.domain,
            level=matter.level,
            detail=flag.message,
            lead=[d.department.name for d in result.lead],
            candidates=_candidates(result) if kind == "OVERLAP" else [],
        )
        for flag in result.flags
        if (kind := ISSUE_FLAGS.get(flag.code))
    ]


def _candidates(result: MatterResult) -> list[str]:
    """An overlap's candidates as the worklist shows them: department (or the function no one performs here)."""
    candidates = result.overlap.candidates if result.overlap else []
    return [
        (c.department.name if c.department else "") or (f"({c.function.name})" if c.function else "")
        for c in candidates
        if c.department or c.function
    ]


def as_csv(report: AuditReport) -> str:
    """One row per item of the worklist, for the 编办's spreadsheet (graphsvc.export: BOM, no formulas)."""
    rows: list[list[str | int | None]] = []
    for i in report.issues:
        detail = i.detail + (f" 候选:{'、'.join(i.candidates)}" if i.candidates else "")
        rows.append([i.kind, i.matter_id, i.matter, i.domain, i.level, detail])
    for f in report.functions_without_performer:
        rows.append(["FUNCTION_WITHOUT_PERFORMER", f.id, f.name, "", "", "、".join(f.matters)])
    for d in report.departments_without_inspectors:
        rows.append(["DEPARTMENT_WITHOUT_INSPECTORS", d.id, d.name, "", "", f"{d.duties} 项职责"])
    return csv_text(["kind", "id", "name", "domain", "level", "detail"], rows)
