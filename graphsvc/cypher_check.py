"""Checks that a Cypher statement speaks only the vocabulary the model declares.

Not a parser: it leans on the project's conventions (labels PascalCase, relationship types
UPPER_SNAKE, a space after the colon of a map key) and reads labels, types and property
accesses with a few patterns. Where a variable is bound to a label in the statement,
`var.prop` is checked against that label; otherwise against every declared property.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from graphsvc.model import GraphModel

_COMMENT = re.compile(r"//[^\n]*")
_STRING = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"|`[^`]*`")
# `(n:Label`, `n:Label:Other`, `WHERE n:Label`; a map key is followed by a space, so it never matches.
_LABELLED = re.compile(r"(?:\((\w*)|\b(\w+))((?::[A-Za-z]\w*)+)")
_REL = re.compile(r"\[\s*(\w*)\s*:\s*([A-Z][A-Z0-9_]*(?:\s*\|\s*[A-Z][A-Z0-9_]*)*)")
_ACCESS = re.compile(r"(?<![\w$.])([a-z_]\w*)\.([a-z_]\w*)\b(?!\s*\()")
_PROJECTION = re.compile(r"\b(\w+)\s*\{([^{}]*)\}")
_MAP_KEY = re.compile(r"[{,]\s*([a-z_]\w*)\s*:\s")

# Namespaces of functions and procedures, and the accessors of temporal values.
_NOT_ENTITIES = {"db", "dbms", "apoc", "gds", "date", "datetime", "duration", "point", "localdatetime", "time"}
_TEMPORAL = {"year", "month", "day", "hour", "minute", "second", "epochMillis", "epochSeconds", "week", "quarter"}


@dataclass(frozen=True)
class Usage:
    labels: set[str]
    types: set[str]
    properties: set[tuple[str, str]]  # (label, type or "*" for unbound, property)


def _clean(text: str) -> str:
    return _STRING.sub("''", _COMMENT.sub("", text))


def usage(text: str) -> Usage:
    """Labels, relationship types and properties a statement mentions."""
    text = _clean(text)
    labels: set[str] = set()
    types: set[str] = set()
    bound: dict[str, str] = {}
    for m in _LABELLED.finditer(text):
        var = m.group(1) or m.group(2) or ""
        names = [n for n in m.group(3).split(":") if n]
        if all(n.isupper() for n in names):
            continue  # a relationship type, read below
        labels.update(names)
        if var:
            bound[var] = names[0]
    for m in _REL.finditer(text):
        rel_types = [t.strip() for t in m.group(2).split("|")]
        types.update(rel_types)
        if m.group(1):
            bound[m.group(1)] = rel_types[0]
    # `UNWIND $rows AS row`: row is a map of input values, its keys are not properties.
    maps = set(re.findall(r"\bUNWIND\s+\$\w+\s+AS\s+(\w+)", text, re.IGNORECASE))
    properties: set[tuple[str, str]] = set()
    for m in _ACCESS.finditer(text):
        var, prop = m.groups()
        if var in _NOT_ENTITIES or var in maps or prop in _TEMPORAL:
            continue
        properties.add((bound.get(var, "*"), prop))
    for m in _PROJECTION.finditer(text):
        owner = bound.get(m.group(1), "*")
        for key in re.findall(r"(?:^|,)\s*\.(\w+)", m.group(2)):
            properties.add((owner, key))
    # Property maps in patterns: `(n:Label {id: $id})`.
    for m in re.finditer(r"\((\w*)\s*(?::\w+)+\s*(\{[^{}]*\})", text):
        owner = bound.get(m.group(1), "*") if m.group(1) else re.findall(r":(\w+)", m.group(0))[0]
        for key in _MAP_KEY.findall(m.group(2)):
            properties.add((owner, key))
    return Usage(labels, types, properties)


def undeclared(model: GraphModel, text: str) -> list[str]:
    """What the statement uses that the model does not declare, as readable lines."""
    found = usage(text)
    problems = [f"label {x}" for x in sorted(found.labels - set(model.labels))]
    problems += [f"relationship {x}" for x in sorted(found.types - set(model.relationships))]
    every = model.all_property_names
    for owner, prop in sorted(found.properties):
        if owner in model.labels:
            ok = prop in model.properties_of(owner)
        elif owner in model.relationships:
            ok = prop in model.properties_of_relationship(owner)
        else:
            ok = prop in every
        if not ok:
            problems.append(f"property {owner}.{prop}")
    return problems
