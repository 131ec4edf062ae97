"""立改废释: what a new version of a legal basis changes for the catalogue, the assignments and the rulings."""

from __future__ import annotations

from datetime import date
from typing import Any

from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import NotFound

BASIS = query("legal_basis/get_legal_basis")
IMPACT = query("legal_basis/list_basis_impact")


def impact(runner: Runner, basis_id: str, as_of: date | None = None) -> dict[str, Any]:
    """As of the date: the version in force and everything resting on earlier versions, renumbered or vanished.
    Resolution follows the same renumbering links, so answers change from the new version's date, not before."""
    as_of = as_of or date.today()
    rows = runner.read(BASIS, id=basis_id)
    if not rows:
        raise NotFound(f"未知的法律依据:{basis_id}", [{"field": "basis_id", "reason": "unknown legal basis"}])
    items = runner.read(IMPACT, basis_id=basis_id, as_of=as_of)
    in_force = next((v for v in rows[0]["versions"] if _holds(v, as_of)), None)
    return rows[0] | {
        "as_of": as_of,
        "version_in_force": in_force,
        "renumbered": [_item(i) for i in items if i["change"] == "renumbered"],
        "vanished": [_item(i) for i in items if i["change"] == "vanished"],
    }


def _holds(version: dict[str, Any], day: date) -> bool:
    start, end = version["effective_from"], version["effective_to"]
    return (start is None or start <= day) and (end is None or day < end)


def _item(row: dict[str, Any]) -> dict[str, Any]:
    keys = ("kind", "id", "name", "cited_id", "cited", "cited_version", "now_id", "now")
    return {k: row[k] for k in keys}
