"""Departments: what one performs and which matters it leads or supports."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel

from graphsvc.api.deps import RunnerDep, UserDep
from graphsvc.cypher import query
from graphsvc.errors import NotFound

GET = query("department/get_department")
DUTIES = query("department/get_department_duties")

router = APIRouter(prefix="/departments", tags=["departments"])


class PerformedFunction(BaseModel):
    id: str
    name: str
    valid_from: date | None
    valid_to: date | None
    source: str | None


class MatterDuty(BaseModel):
    id: str
    name: str
    role: str
    via: str  # "function": through a function it performs; "department": assigned to it by name


class Department(BaseModel):
    id: str
    name: str
    short_name: str | None
    level: str | None
    region_id: str
    region_name: str
    functions: list[PerformedFunction]
    matters: list[MatterDuty]


@router.get("/{department_id}", response_model=Department)
def get_department(
    runner: RunnerDep,
    user: UserDep,
    department_id: Annotated[str, Path(max_length=100, description="部门编号,如 610113-scjgj")],
) -> Department:
    """The department, the functions it performs (with validity) and the matters it leads or supports."""
    rows = runner.read(GET, id=department_id)
    if not rows:
        raise NotFound(f"未知部门:{department_id}", [{"field": "department_id", "reason": "unknown department"}])
    return Department(**rows[0], **runner.read(DUTIES, id=department_id)[0])
