"""The small vocabularies and dates of the two forms, read the way people fill them in.

Each parser takes a cell's text and returns the model's value, or raises ValueError with the
reason in Chinese.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date
from functools import cache

from graphsvc.vocab import Mapped, Vocabularies, VocabularyName, from_files

# Inside a longer cell (双随机抽查+现场核查), the word that decides when the cell as a whole maps to nothing.
CHECK_METHOD_WORDS = {"双随机": "双随机抽查", "非现场": "非现场检查", "现场": "现场检查", "重点": "重点检查"}
_PARTS = re.compile(r"[、,;/+和及与]")


@cache
def _shipped() -> Vocabularies:
    return from_files()


def text(value: str) -> str:
    """Half-width, spaces dropped: how names and vocabulary words are compared."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", value))


def parse_level(value: str, region_level: str | None = None, vocabularies: Vocabularies | None = None) -> str:
    """省/市/县 from 省级, 区县, 市级 …; of 市、县 the form's own level is meant. A level that does not exist
    is an error (层级 is a closed vocabulary; the office may add spellings)."""
    levels_vocab = (vocabularies or _shipped())[VocabularyName.level]
    whole = levels_vocab.lookup(text(value))
    if whole and whole.canonical:
        return whole.canonical
    words = [w for w in _PARTS.split(text(value)) if w]
    words = [p for w in words for p in (w if not levels_vocab.lookup(w) and set(w) <= set("省市县") else [w])]
    found = [levels_vocab.lookup(w) for w in words]
    if not words or any(f is None for f in found):
        raise ValueError("监管层级应为 省/市/县(或 省级/市级/县级/区县)")
    levels = {f.canonical for f in found if f and f.canonical}
    if len(levels) == 1:
        return levels.pop()
    if region_level in levels:
        return region_level
    raise ValueError("监管层级只能填一个,或包含本地区所在的层级")


def parse_category(value: str, vocabularies: Vocabularies | None = None) -> Mapped:
    """事项类别 (or a 权责清单's 事项类型) mapped: 处罚 → 行政处罚, 行政许可 → 行政许可; an unknown word comes back
    as written with canonical None (the caller warns)."""
    return (vocabularies or _shipped())[VocabularyName.category].map(text(value))


def parse_check_method(value: str, vocabularies: Vocabularies | None = None) -> Mapped:
    """检查方式 mapped: the cell as a whole, else its first part that maps (日常检查、书面检查 → 现场检查), else
    the first method word inside it (双随机 …); an unknown method comes back as written, canonical None."""
    methods = (vocabularies or _shipped())[VocabularyName.check_method]
    word = text(value)
    if (whole := methods.lookup(word)) is not None:
        return whole
    for part in _PARTS.split(word):
        if part and (found := methods.lookup(part)) is not None and found.canonical:
            return Mapped(word, found.canonical, found.note)
    plain = word.replace("非现场", "###")  # 现场 inside 非现场 is not 现场
    hits = [((plain if k == "现场" else word).find(k), m) for k, m in CHECK_METHOD_WORDS.items()]
    hits = [(at, m) for at, m in hits if at >= 0]
    return Mapped(word, min(hits)[1] if hits else None)


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
