"""Departments: one with what it performs and the matters it leads or supports; search by name for pickers."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from graphsvc import fulltext
from graphsvc.cypher import query
from graphsvc.db import Reader
from graphsvc.errors import InvalidInput, NotFound
from graphsvc.regions import require_region
from graphsvc.types import Ref

GET = query("department/get_department")
DUTIES = query("department/get_department_duties")
SEARCH = query("console/search_departments")
IN_REGION = query("console/list_region_departments")


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


class DepartmentHit(Ref):
    short_name: str | None
    level: str | None
    region_id: str
    region_name: str
    valid_to: date | None
    score: float


class DepartmentHits(BaseModel):
    results: list[DepartmentHit]


def get_department(reader: Reader, department_id: str) -> Department:
    """The department, the functions it performs (with validity) and the matters it leads or supports."""
    rows = reader.read(GET, id=department_id)
    if not rows:
        raise NotFound(f"未知部门:{department_id}", [{"field": "department_id", "reason": "unknown department"}])
    return Department.model_validate({**rows[0], **reader.read(DUTIES, id=department_id)[0]})


def search_departments(reader: Reader, text: str | None, region: str | None, limit: int) -> DepartmentHits:
    """Departments whose name matches `text` (within `region` and the regions below it), or, without a text, the
    departments sitting in `region`."""
    if region:
        require_region(reader, region)
    if text and text.strip():
        rows = reader.read(SEARCH, query=fulltext.terms(text), region_id=region, limit=limit)
    elif region:
        rows = reader.read(IN_REGION, region_id=region, limit=limit)
    else:
        raise InvalidInput("请提供部门名称(q)或行政区划(region)。", [{"field": "q", "reason": "required"}])
    return DepartmentHits(results=[DepartmentHit.model_validate(row) for row in rows])
