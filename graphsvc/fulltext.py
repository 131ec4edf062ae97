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
