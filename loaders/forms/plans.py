"""附件2 跨部门综合监管工作计划填报表: one InspectionPlan per item, led by its 牵头 department.

The plan's name, 监管对象, 检查数量 and 检查起止时间 are those of its 牵头 row; each row may name
matters (监管事项), and the plan covers all of them: matters of the graph, the catalogue's or those
a 附件1 form of the same region loaded.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date
from pathlib import Path
from typing import Any

from graphsvc.cypher import query
from graphsvc.db import Runner
from loaders.forms.cells import parse_period, text
from loaders.forms.context import FormContext, finish, open_form
from loaders.forms.graph import Matters
from loaders.forms.layout import DEPARTMENT, SEQUENCE, Field, Item, Line
from loaders.quantity import parse_quantity
from loaders.rows import LoadReport, RowError

UPSERT_PLANS = query("forms/upsert_plans")

FIELDS = [
    Field(SEQUENCE, ("序号",), required=False),
    Field("plan", ("综合监管计划名称", "计划名称")),
    Field(DEPARTMENT, ("监管部门",)),
    Field("matter", ("监管事项",)),
    Field("subjects", ("监管对象",), required=False),
    Field("quantity", ("检查数量(比例、频次)",)),  # compared without the bracketed note
    Field("period", ("检查起止时间", "起止时间", "检查时间")),
]
_NUMBERING = re.compile(r"^(?:\d+[.、)]|\(\d+\))")


def plan_id(region_id: str, name: str) -> str:
    """plan-610113-<hash of the name>: the same plan of the same region is the same node."""
    return f"plan-{region_id}-{hashlib.sha1(text(name).encode()).hexdigest()[:10]}"


def load_plans_form(
    runner: Runner,
    path: Path,
    region: str,
    actor: str,
    *,
    dry_run: bool = False,
    partial: bool = False,
    as_of: date | None = None,
) -> LoadReport:
    """Loads a 附件2 form (.xlsx or .csv) for a region: every row checked, the good ones written
    (all or nothing unless partial; nothing on a dry run), every rejected row reported."""
    report = LoadReport()
    context = open_form(runner, path, region, FIELDS, ("plan",), as_of, report)
    if context is None:
        return report
    form = context.form
    matters = Matters(runner, region)
    plans: list[dict[str, Any]] = []
    first_row: dict[str, int] = {}  # plan id → the row that gave it
    for item in form.items:
        errors: list[RowError] = []  # of the 牵头 row: any of them rejects the whole plan
        row = _plan(context, item, errors)
        lead = context.department(item.lead, item.lead.departments[0], errors)
        covered = _matters(context, item.lead, matters, errors)
        if not item.value("matter").strip():
            errors.append(form.error(item.lead, "matter", "必填项为空"))
        if row and row["id"] in first_row:
            errors.append(form.error(item.lead, "plan", f"与第{first_row[row['id']]}行的计划重复"))
        if errors or row is None or lead is None:
            form.reject(item, errors)
            continue
        first_row[row["id"]] = item.lead.row
        cooperating: list[str] = []
        for line in item.cooperating:  # each name on a 配合 row loads or is reported on its own
            for name in line.departments:
                department = context.department(line, name, form.errors)
                if department in (lead, *cooperating):
                    form.errors.append(form.error(line, DEPARTMENT, "同一计划中重复填写了该部门", name))
                elif department:
                    cooperating.append(department)
            # a merged 监管事项 repeats the lead's: no harm, the list has no duplicates
            covered += [m for m in _matters(context, line, matters, form.errors) if m not in covered]
        plans.append(row | {"lead_id": lead, "cooperating_ids": cooperating, "matter_ids": covered})
    writes = [("InspectionPlan", UPSERT_PLANS, plans)]
    return finish(runner, context, report, actor, writes, dry_run=dry_run, partial=partial)


def _plan(context: FormContext, item: Item, errors: list[RowError]) -> dict[str, Any] | None:
    """The plan's own cells, parsed; None when one is wrong (the errors say which)."""
    form, lead = context.form, item.lead
    before = len(errors)
    name = text(item.value("plan"))
    if not name:
        errors.append(form.error(lead, "plan", "必填项为空"))
    quantity = item.value("quantity").strip()
    ratio = frequency = start = end = None
    try:
        parsed = parse_quantity(quantity)
        ratio, frequency = parsed.ratio, parsed.frequency_per_year
    except ValueError as e:
        errors.append(form.error(lead, "quantity", str(e)))
    try:
        start, end = parse_period(item.value("period"))
    except ValueError as e:
        errors.append(form.error(lead, "period", str(e)))
    if len(errors) > before:
        return None
    return {
        "id": plan_id(context.region.id, name),
        "name": name,
        "quantity": quantity,
        "ratio": ratio,
        "frequency_per_year": frequency,
        "start": start,
        "end": end,
        "subjects_text": item.value("subjects").strip() or None,
        "source": context.source(lead.row),
        "region_id": context.region.id,
    }


def _matters(context: FormContext, line: Line, matters: Matters, errors: list[RowError]) -> list[str]:
    """The matters a row's 监管事项 cell names: one per line or ；-separated part; a part that is no
    known matter is tried as a 、-separated list before it counts as unknown."""
    found: list[str] = []
    for part in re.split(r"[\n;；]+", line.cells.get("matter", "")):
        part = _NUMBERING.sub("", text(part))
        if not part:
            continue
        try:
            found.append(matters.match(part))
            continue
        except ValueError as whole:
            problem = whole
        pieces = [p for p in part.split("、") if p]
        try:
            if len(pieces) < 2:
                raise problem
            found += [matters.match(p) for p in pieces]
        except ValueError:
            errors.append(context.form.error(line, "matter", str(problem), part))
    return list(dict.fromkeys(found))
