"""Regions: lookup by GB/T 2260 code and Chinese name search."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from graphsvc.api.deps import AUTHENTICATED, RunnerDep
from graphsvc.catalogue import regions
from graphsvc.catalogue.regions import Region, RegionHits
from graphsvc.types import RegionCode

router = APIRouter(prefix="/regions", tags=["regions"], dependencies=AUTHENTICATED)


@router.get("", response_model=RegionHits)
def search_regions(
    runner: RunnerDep,
    q: Annotated[str, Query(min_length=1, max_length=50, description="中文名称,如 闵行 或 莘庄")],
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> RegionHits:
    """Regions whose name matches `q`, best first."""
    return regions.search_regions(runner, q, limit)


@router.get("/{code}", response_model=Region)
def get_region(
    runner: RunnerDep,
    code: Annotated[RegionCode, Path(description="GB/T 2260 代码,如 310112")],
) -> Region:
    """One region with its parent and children."""
    return regions.get_region(runner, code)
