"""Departments: what one performs and which matters it leads or supports."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from graphsvc.api.deps import AUTHENTICATED, RunnerDep
from graphsvc.catalogue import departments
from graphsvc.catalogue.departments import Department

router = APIRouter(prefix="/departments", tags=["departments"], dependencies=AUTHENTICATED)


@router.get("/{department_id}", response_model=Department)
def get_department(
    runner: RunnerDep,
    department_id: Annotated[str, Path(max_length=100, description="部门编号,如 610113-scjgj")],
) -> Department:
    """The department, the functions it performs (with validity) and the matters it leads or supports."""
    return departments.get_department(runner, department_id)
