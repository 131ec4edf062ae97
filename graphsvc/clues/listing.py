"""The clue list the console pages through: newest first, filtered, with the region, the receiving department and
the subject named."""

from __future__ import annotations

from datetime import date, datetime

from pydantic import BaseModel

from graphsvc import fulltext
from graphsvc.cypher import query
from graphsvc.db import Reader
from graphsvc.regions import require_region
from graphsvc.types import Ref

LIST_CLUES = query("console/list_clues")


class ClueFilter(BaseModel):
    region: str | None = None
    status: str | None = None
    channel: str | None = None
    text: str | None = None
    date_from: date | None = None
    date_to: date | None = None


class ClueItem(BaseModel):
    id: str
    title: str | None
    channel: str | None
    received_at: datetime | None
    status: str | None
    region: Ref
    received_by: Ref | None
    subject: Ref | None
    hops: int


class CluePage(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[ClueItem]


def list_clues(reader: Reader, where: ClueFilter, offset: int, limit: int) -> CluePage:
    """One page of the clues `where` selects."""
    if where.region:
        require_region(reader, where.region)
    [page] = reader.read(
        LIST_CLUES,
        region_id=where.region,
        status=where.status or None,
        channel=where.channel or None,
        query=fulltext.terms(where.text) if where.text and where.text.strip() else None,
        date_from=where.date_from,
        date_to=where.date_to,
        offset=offset,
        limit=limit,
    )
    items = [ClueItem.model_validate(item) for item in page["items"]]
    return CluePage(total=page["total"], offset=offset, limit=limit, items=items)
