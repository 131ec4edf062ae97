"""Look-ups by name for the console's pickers, and the lists it pages through: departments, subjects, the
region tree and clues. Every id comes with its name."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Query
from pydantic import BaseModel

from graphsvc import fulltext, uscc
from graphsvc.api.deps import RunnerDep, UserDep
from graphsvc.api.params import RegionCode
from graphsvc.cypher import query
from graphsvc.errors import InvalidInput
from graphsvc.regions import require_region
from graphsvc.types import Ref

SEARCH_DEPARTMENTS = query("console/search_departments")
REGION_DEPARTMENTS = query("console/list_region_departments")
LIST_REGIONS = query("console/list_regions")
SEARCH_SUBJECTS = query("console/search_subjects")
LIST_CLUES = query("console/list_clues")

router = APIRouter(tags=["look-ups"])


class DepartmentHit(Ref):
    short_name: str | None
    level: str | None
    region_id: str
    region_name: str
    valid_to: date | None
    score: float


class DepartmentHits(BaseModel):
    results: list[DepartmentHit]


class RegionNode(Ref):
    level: str | None
    children: list[RegionNode] = []


class RegionTree(BaseModel):
    roots: list[RegionNode]


class SubjectHit(Ref):
    kind: str | None
    address: str | None
    region_id: str | None
    region_name: str | None
    score: float


class SubjectHits(BaseModel):
    results: list[SubjectHit]


class ClueItem(BaseModel):
    id: str
    title: str | None
    channel: str | None
    received_at: datetime | None
    status: str | None
    region: Ref
    received_by: Ref | None
    subject: Ref | None
    hops: int


class CluePage(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[ClueItem]


Limit = Annotated[int, Query(ge=1, le=200)]


@router.get("/departments", response_model=DepartmentHits)
def search_departments(
    runner: RunnerDep,
    user: UserDep,
    q: Annotated[str | None, Query(max_length=50, description="部门名称或简称,如 市场监管、应急")] = None,
    region: RegionCode = None,
    limit: Limit = 50,
) -> DepartmentHits:
    """Departments whose name matches `q` (within `region` and the regions below it), or, without `q`, the
    departments sitting in `region`."""
    if region:
        require_region(runner, region)
    if q and q.strip():
        hits = runner.read_as(DepartmentHit, SEARCH_DEPARTMENTS, query=fulltext.terms(q), region_id=region, limit=limit)
    elif region:
        hits = runner.read_as(DepartmentHit, REGION_DEPARTMENTS, region_id=region, limit=limit)
    else:
        raise InvalidInput("请提供部门名称(q)或行政区划(region)。", [{"field": "q", "reason": "required"}])
    return DepartmentHits(results=hits)


@router.get("/region-tree", response_model=RegionTree)
def region_tree(runner: RunnerDep, user: UserDep) -> RegionTree:
    """Every region in the graph as a tree (省 → 市 → 县 → 乡), for pickers."""
    rows = runner.read(LIST_REGIONS)
    nodes = {row["id"]: RegionNode(id=row["id"], name=row["name"], level=row["level"]) for row in rows}
    roots: list[RegionNode] = []
    for row in rows:
        parent = nodes.get(row["parent_id"]) if row["parent_id"] else None
        (parent.children if parent else roots).append(nodes[row["id"]])
    return RegionTree(roots=roots)


@router.get("/subjects", response_model=SubjectHits)
def search_subjects(
    runner: RunnerDep,
    user: UserDep,
    q: Annotated[str, Query(min_length=1, max_length=60, description="企业名称、地址或统一社会信用代码")],
    limit: Limit = 20,
) -> SubjectHits:
    """Subjects whose name or address matches `q`; a valid 统一社会信用代码 finds its subject first."""
    code = q.strip().upper()
    exact = code if uscc.problem(code) is None else ""
    return SubjectHits(
        results=runner.read_as(SubjectHit, SEARCH_SUBJECTS, query=fulltext.terms(q), uscc=exact, limit=limit)
    )


@router.get("/clues", response_model=CluePage)
def list_clues(
    runner: RunnerDep,
    user: UserDep,
    region: RegionCode = None,
    status: Annotated[str | None, Query(max_length=10, description="待分办 / 办理中 / 已办结 / 已退回")] = None,
    channel: Annotated[str | None, Query(max_length=20, description="来源渠道,如 12345热线")] = None,
    q: Annotated[str | None, Query(max_length=100, description="标题或内容中的词")] = None,
    date_from: Annotated[date | None, Query(alias="from", description="收到日期起(含)")] = None,
    date_to: Annotated[date | None, Query(alias="to", description="收到日期止(含)")] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Limit = 20,
) -> CluePage:
    """One page of clues, newest first, with the region, the receiving department and the subject named."""
    if region:
        require_region(runner, region)
    words = fulltext.terms(q) if q and q.strip() else None
    [page] = runner.read(
        LIST_CLUES,
        region_id=region,
        status=status or None,
        channel=channel or None,
        query=words,
        date_from=date_from,
        date_to=date_to,
        offset=offset,
        limit=limit,
    )
    return CluePage(total=page["total"], offset=offset, limit=limit, items=page["items"])
