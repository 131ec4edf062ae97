"""The small vocabularies and dates of the two forms, read the way people fill them in.

Each parser takes a cell's text and returns the model's value, or raises ValueError with the
reason in Chinese.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date

LEVELS = {"省": "省", "省级": "省", "市": "市", "市级": "市", "县": "县", "县级": "县", "区": "县", "区级": "县"}
LEVELS |= {"区县": "县", "县区": "县", "县(区)": "县", "区(县)": "县", "县(市、区)": "县", "区县级": "县"}
CATEGORIES = ("行政检查", "行政处罚", "行政强制", "其他")
CHECK_METHODS = {"双随机": "双随机抽查", "非现场": "非现场检查", "现场": "现场检查", "重点": "重点检查", "其他": "其他"}


def text(value: str) -> str:
    """Half-width, spaces dropped: how names and vocabulary words are compared."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))


def parse_level(value: str, region_level: str | None = None) -> str:
    """省/市/县 from 省级, 区县, 市级 …; of 市、县 the form's own level is meant."""
    words = [w for w in re.split(r"[、,;/和及]", text(value)) if w]
    words = [p for w in words for p in (w if w not in LEVELS and set(w) <= set("省市县") else [w])]  # 省市县
    if not words or any(w not in LEVELS for w in words):
        raise ValueError("监管层级应为 省/市/县(或 省级/市级/县级/区县)")
    levels = {LEVELS[w] for w in words}
    if len(levels) == 1:
        return levels.pop()
    if region_level in levels:
        return region_level
    raise ValueError("监管层级只能填一个,或包含本地区所在的层级")


def parse_category(value: str) -> str:
    """行政检查/行政处罚/行政强制/其他; 检查, 处罚, 强制 alone are understood."""
    word = text(value)
    for category in CATEGORIES:
        if word in (category, category.removeprefix("行政")):
            return category
    raise ValueError(f"事项类别应为 {'/'.join(CATEGORIES)} 之一")


def parse_check_method(value: str) -> str:
    """The first method the cell names: 双随机、一公开 → 双随机抽查, 现场 → 现场检查 …"""
    word = text(value)
    plain = word.replace("非现场", "###")  # 现场 inside 非现场 is not 现场
    found = [((plain if key == "现场" else word).find(key), method) for key, method in CHECK_METHODS.items()]
    found = [(at, method) for at, method in found if at >= 0]
    if not found:
        raise ValueError("检查方式应为 现场检查/非现场检查/双随机抽查/重点检查/其他")
    return min(found)[1]


_DAY = re.compile(r"(\d{4})[年./-](\d{1,2})(?:[月./-](?:(\d{1,2})[日号]?)?)?|(\d{1,2})月(?:(\d{1,2})[日号]?)?")
_WHOLE_YEAR = re.compile(r"^(\d{4})年?(?:全年|年度|度|整年)$")


def parse_period(value: str) -> tuple[date, date]:
    """Start and end of 检查起止时间: 2024年3月1日至2024年11月30日, 2024.03-2024.06, 2024年4月至6月, 2024年全年.

    A month without a day starts on its first and ends on its last day; an end without a year
    takes the start's year.
    """
    source = text(value)
    if m := _WHOLE_YEAR.match(source):
        year = int(m.group(1))
        return date(year, 1, 1), date(year, 12, 31)
    parts = re.split(r"至|到|~|—+|–|－|-(?=\d{4}|\d{1,2}月)", source)
    if len(parts) != 2 or not all(parts):
        raise ValueError("检查起止时间应写作 开始日期至结束日期,如 2024年3月1日至2024年11月30日")
    start = _date(parts[0], None, first=True)
    end = _date(parts[1], start.year, first=False)
    if end < start:
        raise ValueError("结束日期早于开始日期")
    return start, end


def parse_date(value: str) -> date:
    """One date: 2024年3月1日, 2024-03-01, 2024.3.1."""
    return _date(text(value), None, first=True)


def _date(part: str, year: int | None, first: bool) -> date:
    m = _DAY.fullmatch(part)
    if not m:
        raise ValueError(f"无法识别日期「{part}」,应写作 2024年3月1日 或 2024-03-01")
    if m.group(1):
        year, month, day = int(m.group(1)), int(m.group(2)), m.group(3)
    elif year is not None:
        month, day = int(m.group(4)), m.group(5)
    else:
        raise ValueError(f"日期「{part}」缺少年份")
    if not 1 <= month <= 12:
        raise ValueError(f"日期「{part}」的月份不存在")
    last = calendar.monthrange(year, month)[1]
    number = int(day) if day else (1 if first else last)
    if not 1 <= number <= last:
        raise ValueError(f"日期「{part}」不存在")
    return date(year, month, number)
