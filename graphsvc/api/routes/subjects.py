"""Regulated subjects: the file of one subject (一户一档)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from graphsvc.api.deps import AUTHENTICATED, RunnerDep
from graphsvc.catalogue import subjects
from graphsvc.catalogue.subjects import SubjectDossier

router = APIRouter(prefix="/subjects", tags=["subjects"], dependencies=AUTHENTICATED)


@router.get("/{code}", response_model=SubjectDossier)
def get_subject(
    runner: RunnerDep,
    code: Annotated[str, Path(max_length=40, description="统一社会信用代码(18 位)")],
) -> SubjectDossier:
    """Identity, region, licences, inspections and clues of one subject; an invalid code is a 422 saying why."""
    return subjects.get_subject(runner, code)
