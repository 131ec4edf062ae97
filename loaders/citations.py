"""设定依据 as users write it: law titles and the articles they cite, down to 款 and 项.

    《中华人民共和国食品安全法》第八十七条、第一百一十条第（一）至（三）项；《城镇燃气管理条例》第五条第二款

gives one `Citation` per provision. A title carries over to the articles that follow it, an
article to its 款, a 款 to its 项. A 项 cited without a 款 lies in the first 款: by drafting
convention an article is cited as 条 + 项 only when its items sit in its one (first) 款.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import cn2an

NUMBER = r"[零〇一二三四五六七八九十百千两\d]+"
_TOKEN = re.compile(
    rf"""
    《(?P<title>[^《》]+)》
  | 第(?P<article>{NUMBER})条(?P<suffix>之{NUMBER})?
  | 第(?P<clause>{NUMBER})款
  | (?P<items>第?\({NUMBER}\)(?:(?:至|到|-|~|、|,|和|及)?\({NUMBER}\))*项?)
  | 第(?P<item>{NUMBER})项
  | (?P<sep>[\s、,;:。.和及与或]|以及|的规定|规定|的|等|依据|根据|依照|按照)
  | (?P<bare>[\u4e00-\u9fff]+?(?:法|条例|规定|办法|细则|规则|决定))(?=第)
    """,
    re.VERBOSE,
)
# "1." or "(2)" before a title numbers a list; it is no 项.
_LIST_MARKER = re.compile(r"(?:\d+[.、)]|\(\d+\)|[一二三四五六七八九十]+、)\s*(?=《)")
_KINDS = ("title", "article", "clause", "items", "item", "sep", "bare")
EXAMPLE = "如《中华人民共和国食品安全法》第八十七条第一款"


class CitationError(ValueError):
    """A 设定依据 that cannot be read; the message says why, in Chinese."""


@dataclass(frozen=True)
class Citation:
    title: str  # as written, without 《》
    number: int  # 条
    clause: int = 0  # 款, 0 for the whole article
    item: int = 0  # 项, 0 for none
    text: str = ""  # the citation as written (normalised width), e.g. 《食品安全法》第一百一十条第(一)项

    @property
    def label(self) -> str:
        """The provision in the usual wording, e.g. 第一百一十条第一款第(三)项."""
        parts = [f"第{_cn(self.number)}条"]
        if self.clause:
            parts.append(f"第{_cn(self.clause)}款")
        if self.item:
            parts.append(f"第({_cn(self.item)})项")
        return "".join(parts)

    def __str__(self) -> str:
        return f"《{self.title}》{self.label}"


def normalise(text: str) -> str:
    """Full-width letters, digits and brackets to half-width (NFKC keeps 《》 and 、)."""
    return unicodedata.normalize("NFKC", text).strip()


def parse_citations(text: str) -> list[Citation]:
    """Every provision the text cites; raises CitationError when it cites none or is malformed."""
    source = _LIST_MARKER.sub(" ", normalise(text))
    if not source:
        raise CitationError("设定依据为空")
    found: list[Citation] = []
    title: str | None = None
    article: tuple[int, int] | None = None  # (条, start of its text)
    clause = 0
    title_used = True
    position = 0
    while position < len(source):
        m = _TOKEN.match(source, position)
        if not m:
            raise CitationError(f"无法识别「{source[position:]}」,设定依据应写明法律法规名称和具体条款,{EXAMPLE}")
        position = m.end()
        kind = next(k for k in _KINDS if m.group(k) is not None)
        if kind in ("title", "bare"):
            if not title_used:
                raise CitationError(f"《{title}》未写明具体条款")
            title = m.group(kind).strip()
            article, clause, title_used = None, 0, False
        elif kind == "article":
            if title is None:
                raise CitationError(f"{m.group(0)}之前未写明法律法规名称,{EXAMPLE}")
            if m.group("suffix"):
                raise CitationError(f"暂不支持「条之X」形式的条文:{m.group(0)}")
            article, clause, title_used = (_number(m.group("article")), m.start()), 0, True
            found.append(Citation(title, article[0], text=_quote(title, source, m.start(), m.end())))
        elif kind == "clause":
            if article is None or title is None:
                raise CitationError(f"{m.group(0)}之前未写明条")
            clause = _number(m.group("clause"))
            _replace_whole(found, title, article[0])
            found.append(Citation(title, article[0], clause, text=_quote(title, source, article[1], m.end())))
        elif kind in ("items", "item"):
            if article is None or title is None:
                raise CitationError(f"{m.group(0)}之前未写明条")
            clause_of_items = clause or 1
            _replace_whole(found, title, article[0], clause)
            quote = _quote(title, source, article[1], m.end())
            for item in _items(m.group(kind)) if kind == "items" else [_number(m.group("item"))]:
                found.append(Citation(title, article[0], clause_of_items, item, quote))
    if not title_used:
        raise CitationError(f"《{title}》未写明具体条款")
    if not found:
        raise CitationError(f"未写明法律法规的具体条款,{EXAMPLE}")
    unique = {(c.title, c.number, c.clause, c.item): c for c in reversed(found)}
    return list(reversed(unique.values()))


def _replace_whole(found: list[Citation], title: str, number: int, clause: int = 0) -> None:
    """A 款 or 项 refines the citation of its whole 条 (or 款) just before it."""
    if found and (found[-1].title, found[-1].number, found[-1].clause, found[-1].item) == (title, number, clause, 0):
        found.pop()


def _items(group: str) -> list[int]:
    """(一)至(三) → 1, 2, 3; (四)(五) and (一)、(三) list each one."""
    numbers = [_number(n) for n in re.findall(rf"\(({NUMBER})\)", group)]
    joins = re.findall(r"\)\s*(至|到|-|~)?\s*\(", group)
    result = [numbers[0]]
    for join, number in zip(joins, numbers[1:], strict=True):
        if join:
            if number <= result[-1]:
                raise CitationError(f"项的范围有误:{group}")
            result.extend(range(result[-1] + 1, number + 1))
        else:
            result.append(number)
    return result


def _number(text: str) -> int:
    try:
        value = int(text) if text.isdigit() else int(cn2an.cn2an(text, "smart"))
    except ValueError:
        raise CitationError(f"无法识别的序号:{text}") from None
    if value <= 0:
        raise CitationError(f"条款序号应大于零:{text}")
    return value


def _cn(number: int) -> str:
    return str(cn2an.an2cn(number))


def _quote(title: str, source: str, start: int, end: int) -> str:
    return f"《{title}》{source[start:end]}"
