"""Matters of the catalogue: Chinese full-text search, and one matter with its bases and who carries it."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path, Query

from graphsvc.api.deps import AUTHENTICATED, RunnerDep
from graphsvc.api.params import AsOf, Offset, RegionCode
from graphsvc.catalogue import matters
from graphsvc.catalogue.matters import MatterDetail, MatterPage

router = APIRouter(prefix="/matters", tags=["matters"], dependencies=AUTHENTICATED)


@router.get("/search", response_model=MatterPage)
def search_matters(
    runner: RunnerDep,
    q: Annotated[str, Query(min_length=1, max_length=200, description="关键词或行为描述,如 食品经营、瓶装液化气")],
    region: RegionCode = None,
    offset: Offset = 0,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
) -> MatterPage:
    """Matters ranked by how well their name and description match `q`; with `region`, only those someone
    is responsible for there."""
    return matters.search_matters(runner, q, region, offset, limit)


@router.get("/{matter_id}", response_model=MatterDetail)
def get_matter(
    runner: RunnerDep,
    matter_id: Annotated[str, Path(max_length=200, description="事项编号")],
    region: RegionCode = None,
    as_of: AsOf = None,
) -> MatterDetail:
    """The matter with its legal bases and its lead and cooperating functions; with `region`, the departments
    that perform them there on `as_of` (default today)."""
    return matters.get_matter(runner, matter_id, region, as_of or date.today())
