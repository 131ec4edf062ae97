"""User text as Lucene queries for the cjk full-text indexes, with no query syntax leaking in."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r'([+\-!(){}\[\]^"~*?:\\/]|&&|\|\|)')
_OPERATORS = re.compile(r"\b(AND|OR|NOT|TO)\b")


def terms(text: str) -> str:
    """Free text to match by its words (bigrams for Chinese), best matches first."""
    escaped = _SPECIAL.sub(r"\\\1", text.strip())
    return _OPERATORS.sub(lambda m: m.group(1).lower(), escaped) or '""'


def phrase(text: str) -> str:
    """Text to match as a whole, e.g. a place name inside a longer name."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_WORD = re.compile(r"[A-Za-z0-9]+")


def _terms(text: str) -> set[str]:
    """The units the cjk analyzer indexes: bigrams of Chinese runs (a lone character alone), Latin words."""
    found = {w.lower() for w in _WORD.findall(text)}
    for run in _CJK_RUN.findall(text):
        found |= {run[i : i + 2] for i in range(len(run) - 1)} if len(run) > 1 else {run}
    return found


def coverage(query: str, text: str) -> float:
    """The share of the query's terms that the text contains: how much of a description a match explains."""
    wanted = _terms(query)
    return len(wanted & _terms(text)) / len(wanted) if wanted else 0.0


def any_of(words: list[str], boosts: dict[str, float] | None = None) -> str:
    """Words already cut (graphsvc/segment.py) as a query that matches any of them, for a whitespace index,
    each with its boost (how much a match on it counts) when given."""
    escaped = []
    for w in words:
        if w.strip():
            term = _OPERATORS.sub(lambda m: m.group(1).lower(), _SPECIAL.sub(r"\\\1", w))
            boost = (boosts or {}).get(w)
            escaped.append(f"{term}^{boost:.3f}" if boost is not None and boost != 1 else term)
    return " ".join(escaped) or '""'
