"""Query parameters shared by routes, with their validation."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Query

REGION_PATTERN = r"^\d{6}(\d{3}(\d{3})?)?$"

RegionCode = Annotated[
    str | None, Query(pattern=REGION_PATTERN, description="GB/T 2260 行政区划代码,如 310112(闵行区)")
]
AsOf = Annotated[date | None, Query(description="查询日期 YYYY-MM-DD,默认今天")]
