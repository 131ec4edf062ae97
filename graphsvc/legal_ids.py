"""Stable ids of legal texts, shared by every loader so that the same article merges into one node.

LegalBasis    食品安全法                      (the title without 中华人民共和国)
BasisVersion  食品安全法@2021-04-29           (the date of the version: its latest 公布/修正/修订)
Article       食品安全法@2021-04-29:87        (条), :87.1 (第一款), :87.1.3 (第一款第三项)
"""

from __future__ import annotations

from datetime import date

NATIONAL_PREFIX = "中华人民共和国"


def basis_id(title: str) -> str:
    title = title.strip()
    return title.removeprefix(NATIONAL_PREFIX) if title != NATIONAL_PREFIX else title


def version_id(basis: str, version_date: date | str) -> str:
    return f"{basis}@{version_date if isinstance(version_date, str) else version_date.isoformat()}"


def article_id(version: str, number: int, clause: int = 0, item: int = 0) -> str:
    if item and not clause:
        raise ValueError("a 项 is cited within a 款")
    parts = [str(number)] + ([str(clause)] if clause else []) + ([str(item)] if item else [])
    return f"{version}:{'.'.join(parts)}"


def parent_article_id(article: str) -> str | None:
    """The 条 of a 款, or the 款 of a 项; None for a whole article."""
    head, _, tail = article.rpartition(":")
    parts = tail.split(".")
    return f"{head}:{'.'.join(parts[:-1])}" if len(parts) > 1 else None
