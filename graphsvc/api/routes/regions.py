"""Regions: lookup by GB/T 2260 code and Chinese name search."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Path, Query
from pydantic import BaseModel

from graphsvc import fulltext
from graphsvc.api.deps import RunnerDep, UserDep
from graphsvc.cypher import query
from graphsvc.errors import NotFound
from graphsvc.types import RegionCode

GET_REGION = query("region/get_region")
SEARCH_REGIONS = query("region/search_regions")

router = APIRouter(prefix="/regions", tags=["regions"])


class RegionRef(BaseModel):
    id: str
    name: str
    level: str


class Region(RegionRef):
    parent_id: str | None
    parent_name: str | None
    children: list[RegionRef]
    updated_at: datetime
    updated_by: str


class RegionHit(RegionRef):
    parent_id: str | None
    parent_name: str | None
    score: float


class RegionHits(BaseModel):
    results: list[RegionHit]


@router.get("", response_model=RegionHits)
def search_regions(
    runner: RunnerDep,
    user: UserDep,
    q: Annotated[str, Query(min_length=1, max_length=50, description="中文名称,如 闵行 或 莘庄")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> RegionHits:
    """Regions whose name matches `q`, best first."""
    return RegionHits(results=runner.read_as(RegionHit, SEARCH_REGIONS, query=fulltext.phrase(q), limit=limit))


@router.get("/{code}", response_model=Region)
def get_region(
    runner: RunnerDep,
    user: UserDep,
    code: Annotated[RegionCode, Path(description="GB/T 2260 代码,如 310112")],
) -> Region:
    """One region with its parent and children."""
    rows = runner.read_as(Region, GET_REGION, id=code)
    if not rows:
        raise NotFound(f"未知的行政区划代码:{code}", [{"field": "code", "reason": "unknown region"}])
    return rows[0]
