"""The pre-scheduling check (排期前查重): before a department saves an inspection of some subjects for some
matters in a window, what the graph already knows about them.

Per subject: duplicates (the same matter checked or planned within the minimum interval the subject's credit
and risk allow, "避免对同一检查对象的同一监管事项重复抽查检查", seed 003), other departments' tasks whose windows meet
this one (candidates for a joint visit, seed 000), joint inspections to join, the recommended frequency, which
matters can be checked off-site, and whether this department is responsible for the matters there.

It sits in the save path of a scheduling screen, so it reads what it checks in one statement for the whole request
(department, matters, subjects with their tasks and joint inspections), then one batched resolution per region of
the subjects (all the matters in one statement, the regions side by side), each answer cached for a minute:
rulings and catalogue loads change responsibility rarely, and a scheduler saving a plan asks about the same
matters and places again and again.
"""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta
from typing import Any

from pydantic import BaseModel, Field, ValidationInfo, field_validator

from graphsvc.bounds import Day
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import InvalidInput
from graphsvc.identity import User
from graphsvc.inspections import access
from graphsvc.inspections.frequency import FrequencyTable
from graphsvc.names import Names
from graphsvc.responsibility.answer import Duty, MatterHeader, MatterResult
from graphsvc.responsibility.resolve import resolve_matters
from graphsvc.types import UsccOrName

FACTS = query("inspection/get_precheck_facts")

WORKERS = 8
OFFSITE_RULE = "非现场监管能够实现监管目的的,不再开展现场检查"


class Window(BaseModel):
    start: Day = Field(description="检查窗口开始日期")
    end: Day = Field(description="检查窗口结束日期(含)")

    @field_validator("end")
    @classmethod
    def _not_before_start(cls, end: date, info: ValidationInfo) -> date:
        start = info.data.get("start")
        if start and end < start:
            raise ValueError("结束日期早于开始日期")
        return end

    def meets(self, start: date, end: date) -> bool:
        return start <= self.end and end >= self.start

    def common(self, start: date, end: date) -> dict[str, date]:
        return {"start": max(self.start, start), "end": min(self.end, end)}


class PrecheckRequest(BaseModel):
    department: str = Field(min_length=1, max_length=100, description="排期部门编号或名称,如 310112-scjgj")
    subjects: list[UsccOrName] = Field(min_length=1, max_length=500, description="监管对象的统一社会信用代码或名称")
    matters: list[str] = Field(min_length=1, max_length=50, description="监管事项编号、事项编码或名称")
    window: Window
    task_id: str | None = Field(default=None, max_length=200, description="修改已有任务时填其编号:不与自身查重")
    as_of: Day | None = Field(default=None, description="职责认定的日期,默认今天(窗口跨机构改革时可填窗口日期)")


class ResolveCache:
    """Resolution answers by (matter, region, date), kept for `ttl` seconds."""

    def __init__(self, ttl: float = 60.0):
        self.ttl = ttl
        self._entries: dict[tuple[str, str, date], tuple[float, MatterResult]] = {}
        self._lock = threading.Lock()

    def get(self, key: tuple[str, str, date]) -> MatterResult | None:
        with self._lock:
            hit = self._entries.get(key)
        return hit[1] if hit and time.monotonic() - hit[0] < self.ttl else None

    def put(self, key: tuple[str, str, date], value: MatterResult) -> None:
        with self._lock:
            if len(self._entries) > 10_000:
                self._entries.clear()
            self._entries[key] = (time.monotonic(), value)


def precheck(
    runner: Runner,
    request: PrecheckRequest,
    user: User,
    table: FrequencyTable,
    cache: ResolveCache | None = None,
) -> dict[str, Any]:
    """The check for every subject of the request (see the module docstring)."""
    resolver = Names(runner, request.as_of)
    home = resolver.region_of_department(user.department_id)  # a department user's names are read in its region
    department = str(resolver.department_param(request.department, home, "department"))
    region = resolver.region_of_department(department) or home
    named = {
        "department": department,
        "matters": [resolver.matter_param(m, region, f"matters.{i}") for i, m in enumerate(request.matters)],
        "subjects": [resolver.subject_param(s, f"subjects.{i}") for i, s in enumerate(request.subjects)],
    }
    request = request.model_copy(update=named)
    access.for_departments(user, [request.department], "排期查重")
    window = request.window
    reach = table.longest_interval_days
    [facts] = runner.read(
        FACTS,
        department_id=request.department,
        matter_ids=request.matters,
        subject_ids=request.subjects,
        horizon_start=window.start - timedelta(days=reach),
        horizon_end=window.end + timedelta(days=reach),
        window_start=window.start,
        window_end=window.end,
    )
    context, rows = facts, facts["subjects"]
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        department = context["department"]
        if department is None:
            raise InvalidInput(
                f"未知部门:{request.department}", [{"field": "department", "reason": "unknown department"}]
            )
        matters = sorted(context["matters"], key=lambda m: m["position"])
        unknown = [
            {"field": f"matters.{m['position']}", "reason": "unknown matter"} for m in matters if m["id"] is None
        ]
        if unknown:
            names = "、".join(m["requested"] for m in matters if m["id"] is None)
            raise InvalidInput(f"未知的监管事项:{names}", unknown)
        requested = {m["id"] for m in matters}
        missing = [
            {"field": f"subjects.{i}", "reason": "unknown subject"} for i, r in enumerate(rows) if r["id"] is None
        ]
        if missing:
            codes = "、".join(r["requested"] for r in rows if r["id"] is None)
            raise InvalidInput(f"未找到这些统一社会信用代码的监管对象:{codes}", missing)
        as_of = request.as_of or date.today()
        regions = {r["region_id"] for r in rows if r["region_id"]}
        duties = _duties(pool, runner, matters, regions, as_of, cache)
    offsite = [
        {"matter": _ref(m), "offsite_ok": bool(m["offsite_ok"]), "check_method": m["check_method"]} for m in matters
    ]
    results = []
    seen: set[str] = set()
    for row in rows:
        if row["id"] in seen:  # the same subject twice in a request is answered once
            continue
        seen.add(row["id"])
        frequency = table.lookup(row["credit_grade"], row["risk_class"])
        interval = frequency.min_interval_days
        duplicates, overlaps = [], []
        for task in sorted(row["tasks"], key=lambda t: (t["window_start"], t["id"])):
            if task["id"] == request.task_id:
                continue
            start, end = _when(task)
            shared = sorted(requested & set(task["matter_ids"]))
            gap = max(0, (window.start - end).days, (start - window.end).days)
            if shared and gap < interval:
                duplicates.append(_task(task) | {"shared_matter_ids": shared, "gap_days": gap})
            if task["department_id"] != request.department and task["status"] == "计划" and window.meets(start, end):
                overlaps.append(_task(task) | {"common_window": window.common(start, end)})
        joinable = [
            {
                "id": j["id"],
                "status": j["status"],
                "window": {"start": j["window_start"], "end": j["window_end"]},
                "common_window": window.common(j["window_start"], j["window_end"]),
                "visit_on": j["visit_on"],
                "lead": {"id": j["lead_id"], "name": j["lead_name"]} if j["lead_id"] else None,
                "department_ids": j["department_ids"],
                "matter_ids": j["matter_ids"],
                "merge_plan_id": j["merge_plan_id"],
            }
            for j in sorted(row["joints"], key=lambda j: (j["window_start"], j["id"]))
        ]
        responsibility = [
            _responsibility(request.department, m, duties.get((m["id"], row["region_id"]))) for m in matters
        ]
        warnings = [r["warning"] for r in responsibility if r["warning"]]
        if duplicates:
            warnings.append(
                f"与 {len(duplicates)} 项已完成或已计划的检查重复(同一事项最短间隔 {interval} 天):避免重复检查"
            )
        if overlaps or joinable:
            warnings.append("其他部门同期检查该对象:原则上应实行跨部门联合检查(进一次门、查多项事)")
        if offsite and all(o["offsite_ok"] for o in offsite):
            warnings.append(f"所有事项均可非现场检查:{OFFSITE_RULE}")
        results.append(
            {
                "subject": {
                    "id": row["id"],
                    "name": row["name"],
                    "region_id": row["region_id"],
                    "credit_grade": row["credit_grade"],
                    "risk_class": row["risk_class"],
                },
                "duplicates": duplicates,
                "overlaps": overlaps,
                "joinable": joinable,
                "frequency": frequency.as_dict(),
                "offsite": offsite,
                "responsibility": responsibility,
                "warnings": warnings,
            }
        )
    return {
        "department": department,
        "window": {"start": window.start, "end": window.end},
        "as_of": as_of,
        "matters": [_ref(m) | {"domain_id": m["domain_id"]} for m in matters],
        "results": results,
    }


def _when(task: dict[str, Any]) -> tuple[date, date]:
    """The days a task occupies: the day it was done, else its window."""
    if task["status"] == "已完成" and task["done_on"]:
        return task["done_on"], task["done_on"]
    return task["window_start"], task["window_end"]


def _task(task: dict[str, Any]) -> dict[str, Any]:
    return {
        "task_id": task["id"],
        "department": {"id": task["department_id"], "name": task["department_name"]},
        "status": task["status"],
        "kind": task["kind"],
        "window": {"start": task["window_start"], "end": task["window_end"]},
        "done_on": task["done_on"],
        "matter_ids": task["matter_ids"],
        "joint_inspection_ids": task["joint_ids"],
    }


def _ref(matter: dict[str, Any]) -> dict[str, Any]:
    return {"id": matter["id"], "name": matter["name"]}


def _duties(
    pool: ThreadPoolExecutor,
    runner: Runner,
    matters: list[dict[str, Any]],
    regions: set[str],
    as_of: date,
    cache: ResolveCache | None,
) -> dict[tuple[str, str], MatterResult]:
    """Each matter resolved in each region: the matters a region still needs in one batched resolution (one read
    transaction), the regions side by side."""

    def region_duties(region: str) -> dict[str, MatterResult]:
        found = {m["id"]: cache.get((m["id"], region, as_of)) if cache else None for m in matters}
        missing = [
            MatterHeader(id=m["id"], name=m["name"], level=m["level"]) for m in matters if found[m["id"]] is None
        ]
        if missing:
            fresh = runner.reading(lambda tx: resolve_matters(tx, missing, region, as_of))
            for m, result in zip(missing, fresh, strict=True):
                found[m.id] = result
                if cache:
                    cache.put((m.id, region, as_of), result)
        return {matter_id: result for matter_id, result in found.items() if result is not None}

    futures = {region: pool.submit(region_duties, region) for region in sorted(regions)}
    return {(m, region): result for region, f in futures.items() for m, result in f.result().items()}


def _responsibility(department: str, matter: dict[str, Any], duty: MatterResult | None) -> dict[str, Any]:
    if duty is None:  # a subject with no region: nothing to resolve against
        return {
            "matter": _ref(matter),
            "role": None,
            "responsible": None,
            "lead": [],
            "cooperating": [],
            "flags": [],
            "warning": f"监管对象没有所在地,无法认定「{matter['name']}」的职责",
        }
    lead = [d.department.id for d in duty.lead]
    cooperating = [d.department.id for d in duty.cooperating]
    role = "牵头" if department in lead else "配合" if department in cooperating else None
    warning = None
    if role is None:
        holders = "、".join(d.department.name for d in duty.lead) or "(目录未明确)"
        warning = f"本部门不是「{matter['name']}」在该地的牵头或配合部门(牵头:{holders}),请核实职责"
    return {
        "matter": _ref(matter),
        "role": role,
        "responsible": role is not None,
        "lead": [_holder(d) for d in duty.lead],
        "cooperating": [_holder(d) for d in duty.cooperating],
        "flags": [f.model_dump() for f in duty.flags],
        "warning": warning,
    }


def _holder(duty: Duty) -> dict[str, Any]:
    return {"id": duty.department.id, "name": duty.department.name, "rule": duty.rule}
