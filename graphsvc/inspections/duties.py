"""Which of some departments checks which of some matters in a region: the catalogue's lead and cooperating
departments (one batched resolution of all the matters), the first department for a matter none of them holds."""

from __future__ import annotations

from datetime import date
from typing import Any

from graphsvc.db import Runner
from graphsvc.responsibility.answer import MatterHeader
from graphsvc.responsibility.resolve import resolve_in_region


def split_matters(
    runner: Runner, matters: list[dict[str, Any]], departments: list[str], region: str, as_of: date
) -> tuple[dict[str, list[str]], list[str]]:
    """department → the matters it checks (departments with none are left out), and warnings in Chinese.
    `matters` are {id, name, level}; `departments` in order, the first one organising."""
    by_department: dict[str, list[str]] = {d: [] for d in departments}
    warnings = []
    headers = [MatterHeader(id=m["id"], name=m["name"], level=m["level"]) for m in matters]
    resolved = resolve_in_region(runner, headers, region, as_of)
    for m, duty in zip(matters, resolved, strict=True):
        holders = {d.department.id for d in duty.lead + duty.cooperating}
        checkers = [d for d in departments if d in holders]
        if not checkers:
            checkers = departments[:1]
            warnings.append(f"参与部门都不是「{m['name']}」在该地的牵头或配合部门:由 {departments[0]} 检查,请核实职责")
        for d in checkers:
            by_department[d].append(m["id"])
    for d, mine in by_department.items():
        if not mine:
            warnings.append(f"{d} 对所列事项在该地均无职责:不为其生成任务")
    return {d: mine for d, mine in by_department.items() if mine}, warnings
