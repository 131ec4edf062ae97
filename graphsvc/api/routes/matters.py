"""Matters of the catalogue: Chinese full-text search, and one matter with its bases and who carries it."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel

from graphsvc import fulltext
from graphsvc.api.deps import RunnerDep, UserDep
from graphsvc.api.params import AsOf, Offset, RegionCode
from graphsvc.cypher import query
from graphsvc.errors import NotFound
from graphsvc.regions import require_region
from graphsvc.types import Ref

SEARCH = query("matter/search_matters")
GET = query("matter/get_matter")
ASSIGNMENTS = query("matter/list_matter_assignments")

router = APIRouter(prefix="/matters", tags=["matters"])


class MatterHit(BaseModel):
    id: str
    name: str
    category: str | None
    level: str | None
    domain: str | None
    score: float


class MatterPage(BaseModel):
    total: int
    offset: int
    limit: int
    results: list[MatterHit]


class Basis(BaseModel):
    article_id: str
    article: str
    gist: str | None
    basis_id: str
    title: str
    kind: str | None
    version: str
    effective_from: date | None
    effective_to: date | None
    status: str | None


class Performer(BaseModel):
    id: str
    name: str
    level: str | None
    region_id: str
    region_name: str
    valid_from: date | None
    valid_to: date | None
    source: str | None


class AssignedDuty(BaseModel):
    assignment_id: str
    source: str | None
    function: Ref | None
    department: Ref | None
    performers: list[Performer]


class MatterDetail(BaseModel):
    id: str
    name: str
    category: str | None
    check_method: str | None
    level: str | None
    offsite_ok: bool | None
    subjects_text: str | None
    description: str | None
    source: str | None
    domain: Ref | None
    subject_types: list[Ref]
    bases: list[Basis]
    region_id: str | None
    as_of: date
    lead: list[AssignedDuty]
    cooperating: list[AssignedDuty]


@router.get("/search", response_model=MatterPage)
def search_matters(
    runner: RunnerDep,
    user: UserDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="关键词或行为描述,如 食品经营、瓶装液化气")],
    region: RegionCode = None,
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> MatterPage:
    """Matters ranked by how well their name and description match `q`; with `region`, only those someone
    is responsible for there."""
    if region:
        require_region(runner, region)
    [page] = runner.read(SEARCH, query=fulltext.terms(q), region_id=region, offset=offset, limit=limit)
    return MatterPage(total=page["total"], offset=offset, limit=limit, results=page["results"])


@router.get("/{matter_id}", response_model=MatterDetail)
def get_matter(
    runner: RunnerDep,
    user: UserDep,
    matter_id: Annotated[str, Path(max_length=200, description="事项编号")],
    region: RegionCode = None,
    as_of: AsOf = None,
) -> MatterDetail:
    """The matter with its legal bases and its lead and cooperating functions; with `region`, the departments
    that perform them there on `as_of` (default today)."""
    rows = runner.read(GET, id=matter_id)
    if not rows:
        raise NotFound(f"未知的监管事项:{matter_id}", [{"field": "matter_id", "reason": "unknown matter"}])
    if region:
        require_region(runner, region)
    day = as_of or date.today()
    duties: dict[str, list[Any]] = {"牵头": [], "配合": []}
    for row in runner.read(ASSIGNMENTS, id=matter_id, region_id=region, as_of=day):
        duties[row.pop("role")].append(row)
    return MatterDetail(**rows[0], region_id=region, as_of=day, lead=duties["牵头"], cooperating=duties["配合"])
