"""Writes from the model: the per-label upserts generated from `writes:` in model.yaml, and the rows they accept.

`graphsvc schema export` renders cypher/generated/upsert_<label>.cypher from the model (`render`); loaders run them
by label (`upsert`). A row missing a required property is refused before anything is written, with the row, the
field's Chinese name and the reason (`missing`, `require`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from graphsvc.cypher import CypherFileError, Query, load_all, query
from graphsvc.errors import InvalidInput
from graphsvc.model import GraphModel, _snake, load_model

FOLDER = "generated"


def file_name(label: str) -> str:
    return f"upsert_{_snake(label)}.cypher"


def upsert(label: str) -> Query:
    """The generated upsert of a label; raises at once when the model does not write the label."""
    if label not in load_model().writes:
        raise KeyError(f"model.yaml has no writes.{label}")
    name = f"{FOLDER}/{file_name(label).removesuffix('.cypher')}"
    if name not in load_all():
        raise CypherFileError(f"no cypher/{name}.cypher: run `python -m graphsvc.schema` (graphsvc schema export)")
    return query(name)


def label_of(q: Query) -> str | None:
    """The label a statement is the generated upsert of, or None for any other statement."""
    if not q.name.startswith(f"{FOLDER}/upsert_"):
        return None
    return next((label for label in load_model().writes if upsert(label).name == q.name), None)


def render(model: GraphModel) -> dict[str, str]:
    """The text of each generated upsert, by file name."""
    files = {}
    for label, spec in model.writes.items():
        policies = sorted({w.merge for p, w in spec.properties.items() if p != "id"})
        header = (
            f"// Writes {label} nodes from rows, merged on id; merge policies used: {', '.join(policies)}.\n"
            f"// Generated from graphsvc/model.yaml (writes.{label}) by `graphsvc schema export`: edit the model.\n"
            "// mode: write\n"
            "// params: rows, actor\n"
            "// returns: id\n"
        )
        files[file_name(label)] = header + model.upsert_statement(label) + "\n"
    return files


@dataclass(frozen=True)
class MissingField:
    row: int  # 1 for the first row given
    field: str
    zh: str
    reason: str

    def as_detail(self) -> dict[str, object]:
        return {"row": self.row, "field": self.field, "field_zh": self.zh, "reason": self.reason}


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list)) and not value)


@cache
def required_fields(label: str) -> tuple[tuple[str, str], ...]:
    """The fields a row written as `label` must fill (its required properties and its parent link's), with their
    Chinese names."""
    spec = load_model().writes[label]
    needed = [(p, spec.properties[p].zh) for p in spec.required]
    if spec.link is not None:
        needed.append((spec.link.by, spec.link.zh))
    return tuple(needed)


def missing(label: str, rows: Sequence[dict[str, Any]]) -> list[MissingField]:
    """Every required property (and the parent link's field) a row leaves out or empty."""
    needed = required_fields(label)
    return [
        MissingField(number, field, zh, "缺少该字段" if field not in row else "必填项为空")
        for number, row in enumerate(rows, 1)
        for field, zh in needed
        if is_empty(row.get(field))
    ]


def require(label: str, rows: Sequence[dict[str, Any]], source: str = "") -> None:
    """Refuses the rows (writing nothing) when any misses a required property: InvalidInput naming each."""
    problems = missing(label, rows)
    if problems:
        first = problems[0]
        where = f"{source} " if source else ""
        raise InvalidInput(
            f"{len(problems)} 处必填字段缺失,例如 {where}第 {first.row} 行「{first.zh}」({first.field}):{first.reason}",
            [p.as_detail() for p in problems],
        )
