"""The list of duty disputes, for the console's 争议与裁定 page."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from fastapi import APIRouter, Query
from pydantic import BaseModel

from graphsvc.api.deps import RunnerDep, UserDep
from graphsvc.api.params import RegionCode
from graphsvc.cypher import query

LIST = query("console/list_disputes")

router = APIRouter(prefix="/disputes", tags=["disputes"])


class Ref(BaseModel):
    id: str
    name: str


class DisputeItem(BaseModel):
    id: str
    kind: str
    status: str
    text: str | None
    matter: Ref | None
    region: Ref
    claimants: list[Ref]
    created_at: datetime | None


class DisputePage(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[DisputeItem]


@router.get("", response_model=DisputePage)
def list_disputes(
    runner: RunnerDep,
    user: UserDep,
    status: Annotated[Literal["待裁定", "已裁定", "已撤回"] | None, Query(description="状态")] = None,
    region: RegionCode = None,
    department: Annotated[str | None, Query(max_length=100, description="争议一方的部门编号")] = None,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> DisputePage:
    """Disputes, newest first, with their matter, region and parties named."""
    [page] = runner.read(
        LIST, status=status, region_id=region, department_id=department or None, offset=offset, limit=limit
    )
    return DisputePage(total=page["total"], offset=offset, limit=limit, items=page["items"])
