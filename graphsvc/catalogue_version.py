"""Which write statements change the catalogue, read from their text once at start, and the stamp they change.

The Runner changes the catalogue's version in the transaction of every write statement classified here that
changed something, so no loader or route has to remember it. A statement counts when one of its write clauses
(CREATE, MERGE, SET, REMOVE, DELETE) writes a catalogue label, or a catalogue relationship type from a catalogue
node (a licence's FOR_MATTER is not the catalogue's; an assignment's is), or writes a variable the statement binds
to no label (it might be one: better a needless reload than a stale answer).
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
        "IN_REGION",  # a department's or an assignment's; a clue's, plan's or draw's is "(Clue)-IN_REGION" …
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
    """The labels and relationship types a statement's write clauses write ("?" for a variable bound to none).

    A relationship type written from a node of another label than the catalogue's is named with it,
    "(Licence)-FOR_MATTER", so that it is not taken for the catalogue's type.
    """
    clean = _LOCK.sub("", cypher_check._clean(text))
    bound = _bindings(clean)
    # a relationship variable may be bound again in each subquery, to another type
    rel_vars: dict[str, set[str]] = {}
    for var, rel_type, start in relationships(clean, bound):
        if var:
            rel_vars.setdefault(var, set()).add(_qualified(rel_type, start))
    found: set[str] = set()
    parts = _CLAUSE.split(clean)
    for keyword, body in zip(parts[1::2], parts[2::2], strict=True):
        word = re.sub(r"\s+", " ", keyword.upper())
        if not word.split()[-1].startswith(_WRITES) and word not in ("DETACH DELETE",):
            continue
        if word in ("CREATE", "MERGE"):
            found |= cypher_check.usage(body).labels - {"?"}
            found |= {_qualified(t, start) for _, t, start in relationships(body, bound)}
        elif word.endswith("DELETE"):
            found |= {w for v in _DELETED.findall(body) for w in rel_vars.get(v, {bound.get(v, "?")})}
        else:  # SET, REMOVE
            found |= {w for v in _TARGET.findall(body) for w in rel_vars.get(v, {bound.get(v, "?")})}
    return found


_NODE_HEAD = re.compile(r"\(\s*(\w*)\s*((?::\s*\w+\s*)*)")
_ARROW = re.compile(r"(<?)-\[\s*(\w*)\s*:\s*([A-Z][A-Z0-9_]*(?:\s*\|\s*[A-Z][A-Z0-9_]*)*)[^\]]*\]-(>?)\s*")


def starts(text: str) -> set[tuple[str, str]]:
    """(type, label of the start node or "?") of every relationship pattern of a statement, read or write."""
    clean = cypher_check._clean(text)
    return {(rel_type, start) for _, rel_type, start in relationships(clean, _bindings(clean))}


def relationships(text: str, bound: dict[str, str]) -> list[tuple[str, str, str]]:
    """(variable, type, label of the start node or "?") of each relationship pattern, by its arrow's direction."""
    found = []
    for arrow in _ARROW.finditer(text):
        left = _node_before(text, arrow.start(), bound)
        right = _NODE_HEAD.match(text, arrow.end())
        right_node = _label(right.group(1), right.group(2), bound) if right else "?"
        start = right_node if arrow.group(1) and not arrow.group(4) else left
        found += [(arrow.group(2), rel_type.strip(), start) for rel_type in arrow.group(3).split("|")]
    return found


def _node_before(text: str, end: int, bound: dict[str, str]) -> str:
    """The label of the node pattern that closes just before `end` ("?" when there is none or it has none)."""
    i = end - 1
    while i >= 0 and text[i].isspace():
        i -= 1
    if i < 0 or text[i] != ")":
        return "?"
    depth = 0
    for j in range(i, -1, -1):
        depth += {")": 1, "(": -1}.get(text[j], 0)
        if depth == 0:
            head = _NODE_HEAD.match(text, j)
            return _label(head.group(1), head.group(2), bound) if head else "?"
    return "?"


def _label(var: str, labels: str, bound: dict[str, str]) -> str:
    names = [n.strip() for n in labels.split(":") if n.strip()]
    return names[0] if names else bound.get(var, "?") if var else "?"


def _qualified(rel_type: str, start: str) -> str:
    return rel_type if start in LABELS or start == "?" else f"({start})-{rel_type}"


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
