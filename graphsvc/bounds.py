"""Values the database (and date arithmetic) can hold, for every boundary: pages, dates, times.

Neo4j's SKIP and LIMIT take 64-bit integers, but no page lies past MAX_OFFSET and an offset near 2^63 overflows
skip + limit; years outside 1900–2100 are typing mistakes here (year 1 or 9999 overflows a window's arithmetic),
and an integer is never taken for a date (pydantic would read 0 as 1970-01-01).
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Any, TypeVar

from pydantic import AfterValidator, BeforeValidator

MAX_OFFSET = 1_000_000
MAX_LIMIT = 500
MIN_YEAR, MAX_YEAR = 1900, 2100
D = TypeVar("D", date, datetime)


def _not_a_number(value: Any) -> Any:
    if isinstance(value, (int, float)) or (isinstance(value, str) and re.fullmatch(r"\s*[+-]?\d+(\.\d*)?\s*", value)):
        raise ValueError("须为日期(YYYY-MM-DD)或时间(ISO 8601),不能是数字")
    return value


def _plausible_year(value: D) -> D:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise ValueError(f"年份须在 {MIN_YEAR}–{MAX_YEAR} 之间")
    return value


def plausible(value: Any) -> bool:
    """Whether a date or time lies in the years the service accepts (anything else passes)."""
    return not isinstance(value, date) or MIN_YEAR <= value.year <= MAX_YEAR


# Dates and times as the API takes them, in query parameters and bodies alike.
Day = Annotated[date, BeforeValidator(_not_a_number), AfterValidator(_plausible_year)]
Moment = Annotated[datetime, BeforeValidator(_not_a_number), AfterValidator(_plausible_year)]
