"""Regulated subjects: the file of one subject (一户一档), and search by name, address or 统一社会信用代码."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel

from graphsvc import fulltext, uscc
from graphsvc.cypher import query
from graphsvc.db import Reader
from graphsvc.types import Ref

DOSSIER = query("subject/get_subject_dossier")
SEARCH = query("console/search_subjects")


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


class SubjectHit(Ref):
    kind: str | None
    address: str | None
    region_id: str | None
    region_name: str | None
    score: float


class SubjectHits(BaseModel):
    results: list[SubjectHit]


def get_subject(reader: Reader, code: str) -> SubjectDossier:
    """Identity, region, licences, inspections and clues of one subject; an invalid code is a 422 saying why."""
    canonical = uscc.require_valid(code)
    rows = reader.read(DOSSIER, id=canonical)
    if not rows:
        raise uscc.unknown_subject(canonical)
    return SubjectDossier.model_validate(rows[0])


def search_subjects(reader: Reader, text: str, limit: int) -> SubjectHits:
    """Subjects whose name or address matches `text`; a valid 统一社会信用代码 finds its subject first."""
    code = text.strip().upper()
    exact = code if uscc.problem(code) is None else ""
    rows = reader.read(SEARCH, query=fulltext.terms(text), uscc=exact, limit=limit)
    return SubjectHits(results=[SubjectHit.model_validate(row) for row in rows])
