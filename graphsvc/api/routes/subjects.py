"""Regulated subjects: the file of one subject (一户一档)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel

from graphsvc import uscc
from graphsvc.api.deps import RunnerDep, UserDep
from graphsvc.cypher import query
from graphsvc.types import Ref

DOSSIER = query("subject/get_subject_dossier")

router = APIRouter(prefix="/subjects", tags=["subjects"])


class Licence(BaseModel):
    id: str
    name: str | None
    licence_no: str | None
    kind: str | None
    status: str | None
    approval_mode: str | None
    valid_from: date | None
    valid_to: date | None
    issuer: Ref | None


class Inspection(BaseModel):
    id: str
    kind: str | None
    status: str | None
    window_start: date | None
    window_end: date | None
    done_on: date | None
    department: Ref
    matters: list[Ref]
    joint_inspection_id: str | None


class ClueSummary(BaseModel):
    id: str
    title: str | None
    channel: str | None
    received_at: datetime | None
    status: str | None
    received_by: Ref | None
    referral_hops: int


class SubjectDossier(BaseModel):
    id: str
    name: str
    kind: str | None
    industry_code: str | None
    address: str | None
    credit_grade: str | None
    risk_class: str | None
    tags: list[str] | None
    region: Ref | None
    subject_type: Ref | None
    licences: list[Licence]
    inspections: list[Inspection]
    clues: list[ClueSummary]


@router.get("/{code}", response_model=SubjectDossier)
def get_subject(
    runner: RunnerDep,
    user: UserDep,
    code: Annotated[str, Path(max_length=40, description="统一社会信用代码(18 位)")],
) -> SubjectDossier:
    """Identity, region, licences, inspections and clues of one subject; an invalid code is a 422 saying why."""
    canonical = uscc.require_valid(code)
    rows = runner.read(DOSSIER, id=canonical)
    if not rows:
        raise uscc.unknown_subject(canonical)
    return SubjectDossier.model_validate(rows[0])
