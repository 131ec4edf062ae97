"""Which write statements change the catalogue, read from their text once at start, and the stamp they change.

The Runner changes the catalogue's version in the transaction of every write statement classified here that
changed something, so no loader or route has to remember it. A statement counts when one of its write clauses
(CREATE, MERGE, SET, REMOVE, DELETE) writes a catalogue label or relationship type, or writes a variable the
statement binds to no label (it might be one: better a needless reload than a stale answer).
"""

from __future__ import annotations

import re
from functools import cache

from graphsvc import cypher_check
from graphsvc.cypher import Query, load_all, query

BUMP = query("catalogue/bump_catalogue_version")

LABELS = frozenset(
    {"Region", "Department", "Function", "LegalBasis", "BasisVersion", "Article", "Domain", "Matter", "Assignment"}
    | {"Ruling"}  # a ruling creates assignments
)
TYPES = frozenset(
    {
        "PART_OF",
        "SUCCEEDED_BY",
        "PERFORMS",
        "HAS_VERSION",
        "HAS_ARTICLE",
        "IN_ARTICLE",
        "RENUMBERED_AS",
        "NAMES_FUNCTION",
        "AUTHORITY_FROM",
        "IN_DOMAIN",
        "APPLIES_IN",
        "FOR_MATTER",
        "BASED_ON",
        "ASSIGNED_TO",
        "CREATED",
    }
)
_CLAUSE = re.compile(
    r"\b(OPTIONAL\s+MATCH|MATCH|WITH|RETURN|UNWIND|CALL|WHERE|ORDER\s+BY|FOREACH|CREATE|MERGE|ON\s+CREATE\s+SET"
    r"|ON\s+MATCH\s+SET|SET|REMOVE|DETACH\s+DELETE|DELETE|UNION|LIMIT|SKIP)\b",
)
# Taking a node's write lock (`SET n._lock = true … REMOVE n._lock`) changes nothing.
_LOCK = re.compile(r"\b\w+\._lock\b(?:\s*=\s*true)?")
# Reviewed: the variables these write without a label are not the catalogue's (a referral's old clue, a user's old
# membership, a devolution's powers).
REVIEWED = frozenset({"entities/unlink_referrals", "identity/set_user_role", "devolution/delete_decision"})
_WRITES = ("CREATE", "MERGE", "SET", "REMOVE", "DELETE")
_TARGET = re.compile(r"(?<![\w.$])([a-z_]\w*)\s*(?:\.\w+\s*=|\+?=|:[A-Z])")
_DELETED = re.compile(r"(?<![\w.$])([a-z_]\w*)\b")


def written(text: str) -> set[str]:
    """The labels and relationship types a statement's write clauses write ("?" for a variable bound to none)."""
    clean = _LOCK.sub("", cypher_check._clean(text))
    bound = _bindings(clean)
    found: set[str] = set()
    parts = _CLAUSE.split(clean)
    for keyword, body in zip(parts[1::2], parts[2::2], strict=True):
        word = re.sub(r"\s+", " ", keyword.upper())
        if not word.split()[-1].startswith(_WRITES) and word not in ("DETACH DELETE",):
            continue
        if word in ("CREATE", "MERGE"):
            used = cypher_check.usage(body)
            found |= used.labels | used.types
        elif word.endswith("DELETE"):
            found |= {bound.get(v, "?") for v in _DELETED.findall(body)}
        else:  # SET, REMOVE
            found |= {bound.get(v, "?") for v in _TARGET.findall(body)}
    return found


def _bindings(text: str) -> dict[str, str]:
    bound: dict[str, str] = {}
    for m in cypher_check._LABELLED.finditer(text):
        var = m.group(1) or m.group(2) or ""
        names = [n for n in m.group(3).split(":") if n]
        if var and not all(n.isupper() for n in names):
            bound.setdefault(var, names[0])
    for m in cypher_check._REL.finditer(text):
        if m.group(1):
            bound.setdefault(m.group(1), m.group(2).split("|")[0].strip())
    return bound


def changes_catalogue(q: Query) -> bool:
    return q.name in catalogue_writes()


@cache
def catalogue_writes() -> frozenset[str]:
    """The names of the write statements that change the catalogue."""
    return frozenset(
        q.name
        for q in load_all().values()
        if q.mode == "write"
        and q.name != BUMP.name
        and written(q.text) & (LABELS | TYPES | ({"?"} if q.name not in REVIEWED else set()))
    )
