"""Look-ups by name for the console's pickers, and the lists it pages through: departments, subjects, the
region tree and clues. Every id comes with its name."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query

from graphsvc.api.deps import AUTHENTICATED, RunnerDep
from graphsvc.api.params import RegionCode
from graphsvc.catalogue import departments, regions, subjects
from graphsvc.catalogue.departments import DepartmentHits
from graphsvc.catalogue.regions import RegionTree
from graphsvc.catalogue.subjects import SubjectHits
from graphsvc.clues import listing
from graphsvc.clues.listing import ClueFilter, CluePage

router = APIRouter(tags=["look-ups"], dependencies=AUTHENTICATED)

Limit = Annotated[int, Query(ge=1, le=200)]


@router.get("/departments", response_model=DepartmentHits)
def search_departments(
    runner: RunnerDep,
    q: Annotated[str | None, Query(max_length=50, description="部门名称或简称,如 市场监管、应急")] = None,
    region: RegionCode = None,
    limit: Limit = 50,
) -> DepartmentHits:
    """Departments whose name matches `q` (within `region` and the regions below it), or, without `q`, the
    departments sitting in `region`."""
    return departments.search_departments(runner, q, region, limit)


@router.get("/region-tree", response_model=RegionTree)
def region_tree(runner: RunnerDep) -> RegionTree:
    """Every region in the graph as a tree (省 → 市 → 县 → 乡), for pickers."""
    return regions.region_tree(runner)


@router.get("/subjects", response_model=SubjectHits)
def search_subjects(
    runner: RunnerDep,
    q: Annotated[str, Query(min_length=1, max_length=60, description="企业名称、地址或统一社会信用代码")],
    limit: Limit = 20,
) -> SubjectHits:
    """Subjects whose name or address matches `q`; a valid 统一社会信用代码 finds its subject first."""
    return subjects.search_subjects(runner, q, limit)


@router.get("/clues", response_model=CluePage)
def list_clues(
    runner: RunnerDep,
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
    where = ClueFilter(region=region, status=status, channel=channel, text=q, date_from=date_from, date_to=date_to)
    return listing.list_clues(runner, where, offset, limit)
