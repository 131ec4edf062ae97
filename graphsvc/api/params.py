"""Query parameters shared by routes, with their validation."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query

from graphsvc.bounds import MAX_LIMIT, MAX_OFFSET, Day, Moment
from graphsvc.types import REGION_PATTERN
from graphsvc.types import RegionCode as Region

# An optional region filter in the query string (the code's pattern comes with graphsvc.types.RegionCode).
RegionCode = Annotated[Region | None, Query(description="GB/T 2260 行政区划代码,如 310112(闵行区)")]

Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description=f"跳过的条数,0–{MAX_OFFSET}")]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"每页条数,1–{MAX_LIMIT}")]
AsOf = Annotated[Day | None, Query(description="查询日期 YYYY-MM-DD,默认今天")]

__all__ = ["REGION_PATTERN", "AsOf", "Day", "Limit", "Moment", "Offset", "RegionCode"]
