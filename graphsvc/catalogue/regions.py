"""Regions as the catalogue shows them: one by GB/T 2260 code, search by Chinese name, the whole tree for pickers.
(graphsvc/regions.py checks region codes given as input; every domain uses it.)"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from graphsvc import fulltext
from graphsvc.cypher import query
from graphsvc.db import Reader
from graphsvc.errors import NotFound
from graphsvc.types import Ref

GET = query("region/get_region")
SEARCH = query("region/search_regions")
ALL = query("console/list_regions")


class RegionRef(BaseModel):
    id: str
    name: str
    level: str


class Region(RegionRef):
    parent_id: str | None
    parent_name: str | None
    children: list[RegionRef]
    updated_at: datetime
    updated_by: str


class RegionHit(RegionRef):
    parent_id: str | None
    parent_name: str | None
    score: float


class RegionHits(BaseModel):
    results: list[RegionHit]


class RegionNode(Ref):
    level: str | None
    children: list[RegionNode] = []


class RegionTree(BaseModel):
    roots: list[RegionNode]


class RegionRow(Ref):
    level: str | None
    parent_id: str | None


def get_region(reader: Reader, code: str, field: str = "code") -> Region:
    """One region with its parent and children; an unknown code is a 404 naming `field`."""
    rows = reader.read(GET, id=code)
    if not rows:
        raise NotFound(f"未知的行政区划代码:{code}", [{"field": field, "reason": "unknown region"}])
    return Region.model_validate(rows[0])


def search_regions(reader: Reader, text: str, limit: int) -> RegionHits:
    """Regions whose name matches `text`, best first."""
    rows = reader.read(SEARCH, query=fulltext.phrase(text), limit=limit)
    return RegionHits(results=[RegionHit.model_validate(row) for row in rows])


def region_tree(reader: Reader) -> RegionTree:
    """Every region in the graph as a tree (省 → 市 → 县 → 乡)."""
    rows = [RegionRow.model_validate(row) for row in reader.read(ALL)]
    nodes = {row.id: RegionNode(id=row.id, name=row.name, level=row.level) for row in rows}
    roots: list[RegionNode] = []
    for row in rows:
        parent = nodes.get(row.parent_id) if row.parent_id else None
        (parent.children if parent else roots).append(nodes[row.id])
    return RegionTree(roots=roots)
