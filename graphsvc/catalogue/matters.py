"""Matters of the catalogue: Chinese full-text search, and one matter with its bases and who carries it."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from graphsvc import fulltext
from graphsvc.cypher import query
from graphsvc.db import Reader
from graphsvc.errors import NotFound
from graphsvc.regions import require_region
from graphsvc.types import Ref

SEARCH = query("matter/search_matters")
GET = query("matter/get_matter")
ASSIGNMENTS = query("matter/list_matter_assignments")


class MatterHit(BaseModel):
    id: str
    name: str
    category: str | None
    level: str | None
    domain: str | None
    score: float


class MatterPage(BaseModel):
    total: int
    offset: int
    limit: int
    results: list[MatterHit]


class Basis(BaseModel):
    article_id: str
    article: str
    gist: str | None
    basis_id: str
    title: str
    kind: str | None
    version: str
    effective_from: date | None
    effective_to: date | None
    status: str | None


class Performer(BaseModel):
    id: str
    name: str
    level: str | None
    region_id: str
    region_name: str
    valid_from: date | None
    valid_to: date | None
    source: str | None


class AssignedDuty(BaseModel):
    assignment_id: str
    source: str | None
    function: Ref | None
    department: Ref | None
    performers: list[Performer]


class AssignedDutyRow(AssignedDuty):
    role: str  # 牵头 / 配合


class MatterFacts(BaseModel):
    id: str
    name: str
    category: str | None
    check_method: str | None
    level: str | None
    offsite_ok: bool | None
    subjects_text: str | None
    description: str | None
    source: str | None
    domain: Ref | None
    subject_types: list[Ref]
    bases: list[Basis]


class MatterDetail(MatterFacts):
    region_id: str | None
    as_of: date
    lead: list[AssignedDuty]
    cooperating: list[AssignedDuty]


def search_matters(reader: Reader, text: str, region: str | None, offset: int, limit: int) -> MatterPage:
    """Matters ranked by how well their name and description match `text`; with `region`, only those someone is
    responsible for there."""
    if region:
        require_region(reader, region)
    [page] = reader.read(SEARCH, query=fulltext.terms(text), region_id=region, offset=offset, limit=limit)
    hits = [MatterHit.model_validate(hit) for hit in page["results"]]
    return MatterPage(total=page["total"], offset=offset, limit=limit, results=hits)


def get_matter(reader: Reader, matter_id: str, region: str | None, as_of: date) -> MatterDetail:
    """The matter with its legal bases and its lead and cooperating functions; with `region`, the departments
    that perform them there on `as_of`."""
    rows = reader.read(GET, id=matter_id)
    if not rows:
        raise NotFound(f"未知的监管事项:{matter_id}", [{"field": "matter_id", "reason": "unknown matter"}])
    if region:
        require_region(reader, region)
    facts = MatterFacts.model_validate(rows[0])
    duties = [
        AssignedDutyRow.model_validate(row)
        for row in reader.read(ASSIGNMENTS, id=matter_id, region_id=region, as_of=as_of)
    ]
    return MatterDetail(
        **facts.model_dump(),
        region_id=region,
        as_of=as_of,
        lead=[AssignedDuty.model_validate(d.model_dump()) for d in duties if d.role == "牵头"],
        cooperating=[AssignedDuty.model_validate(d.model_dump()) for d in duties if d.role == "配合"],
    )
