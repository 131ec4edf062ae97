"""Region codes as input: every service checks them the same way."""

from __future__ import annotations

from graphsvc.cypher import query
from graphsvc.db import Reader
from graphsvc.errors import GraphsvcError, InvalidInput

REGION_EXISTS = query("region/region_exists")


def require_region(reader: Reader, code: str, field: str = "region", error: type[GraphsvcError] = InvalidInput) -> None:
    """A code that names no region is the caller's mistake: said in Chinese, naming the field."""
    if not reader.read(REGION_EXISTS, id=code):
        raise unknown_region(code, field, error)


def unknown_region(code: str, field: str = "region", error: type[GraphsvcError] = InvalidInput) -> GraphsvcError:
    return error(f"未知的行政区划代码:{code}", [{"field": field, "reason": "unknown region"}])
