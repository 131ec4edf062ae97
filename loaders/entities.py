"""Regulated subjects and the work done on them, from CSV: licences, inspector rosters, inspection
tasks, clues and their referral hops.

Each file is UTF-8 CSV with a header row (a BOM from Excel is fine). Lists are separated by `|`, `、`
or `;`; dates are YYYY-MM-DD; times YYYY-MM-DDTHH:MM[:SS][+08:00], Beijing time when no offset is given.
Ids must be stable: a second load of the same file merges onto the same nodes and changes no data.

| kind       | file (default)  | columns (* required)                                                        |
|------------|-----------------|-----------------------------------------------------------------------------|
| subjects   | subjects.csv    | id* (USCC, check character verified), name*, kind*, type_ids (SubjectType),  |
|            |                 | industry_code (GB/T 4754, e.g. H6210), address, region_id*, credit_grade,    |
|            |                 | risk_class, tags                                                            |
| licences   | licences.csv    | id*, licence_no*, name*, kind*, status*, approval_mode*, subject_id*,        |
|            |                 | issuer_id* (Department), matter_id, domain_id, valid_from, valid_to          |
| inspectors | inspectors.csv  | id*, name*, cert_no*, department_id*, qualifications, specialties           |
| conflicts  | conflicts.csv   | inspector_id*, subject_id*, reason*                                         |
| tasks      | tasks.csv       | id*, department_id*, subject_id*, matter_ids*, window_start*, window_end*,   |
|            |                 | kind*, status*, done_on, plan_id (InspectionPlan)                           |
| clues      | clues.csv       | id*, title*, description, channel*, received_at*, status*, region_id*,       |
|            |                 | subject_id, matter_id, receiver_id (Department that first received it)      |
| referrals  | referrals.csv   | id*, clue_id*, previous_id (the hop before), from_department_id*,            |
|            |                 | to_department_id*, kind*, sent_at*, reason, acknowledged_at, outcome        |

Enum columns take the model's values (graphsvc/model.yaml). Rules across columns: windows and validity
do not end before they start; 已完成 tasks carry done_on; 改为备案 goes with kind 备案; a hop is not sent
to its sender, is acknowledged after it is sent, and continues its previous hop (same clue, sent by the
department the previous hop went to, not earlier). References to departments, regions, matters, subject
types, domains, plans, subjects and clues are checked against the graph and the files loaded before.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, cast

from graphsvc import uscc
from graphsvc.captions import wrap
from graphsvc.clues import summary
from graphsvc.cypher import Query, query
from graphsvc.db import Runner
from graphsvc.errors import InvalidInput
from loaders.reference import REGION_CODE, SLUG
from loaders.rows import LoadReport, read_csv
from loaders.table import Column, Known, TableSpec, enum, load_tables, parse_table

BEIJING = timezone(timedelta(hours=8))  # China keeps one offset all year, so a fixed one is exact
INDUSTRY_CODE = r"[A-T]|[A-T]?\d{2,4}"  # GB/T 4754: a section letter, and/or a 2- to 4-digit class

Row = dict[str, Any]
Check = Callable[[Row], tuple[str, str] | None]


def _q(name: str) -> Query:
    return query(f"entities/{name}")


# The graph's ids of each label a column may name, read once per load.
LIST_IDS = {
    "Region": _q("list_region_ids"),
    "Department": _q("list_department_ids"),
    "Matter": _q("list_matter_ids"),
    "Domain": _q("list_domain_ids"),
    "SubjectType": _q("list_subject_type_ids"),
    "Subject": _q("list_subject_ids"),
    "Inspector": _q("list_inspector_ids"),
    "InspectionPlan": _q("list_inspection_plan_ids"),
    "Clue": _q("list_clue_ids"),
}
LIST_HOPS = _q("list_referral_hops")
DELETE_UNLISTED = _q("delete_unlisted_referrals")


def beijing(value: datetime | None) -> datetime | None:
    """A time without offset is Beijing time; Neo4j then stores a DateTime, comparable with the others."""
    return value.replace(tzinfo=BEIJING) if value and value.tzinfo is None else value


def _first(*checks: Check) -> Check:
    def check(row: Row) -> tuple[str, str] | None:
        for c in checks:
            if problem := c(row):
                return problem
        return None

    return check


def _not_before(start: str, end: str, reason: str) -> Check:
    def check(row: Row) -> tuple[str, str] | None:
        return (end, reason) if row[start] and row[end] and row[end] < row[start] else None

    return check


def _valid_uscc(row: Row) -> tuple[str, str] | None:
    return ("id", reason) if (reason := uscc.problem(row["id"])) else None


def _filing_is_filed(row: Row) -> tuple[str, str] | None:
    if (row["approval_mode"] == "改为备案") != (row["kind"] == "备案"):
        return "kind", "审批方式为「改为备案」的应为备案,备案的审批方式应为「改为备案」"
    return None


def _done_has_date(row: Row) -> tuple[str, str] | None:
    if row["status"] == "已完成" and not row["done_on"]:
        return "done_on", "状态为已完成的任务须填写完成日期"
    if row["done_on"] and row["done_on"] < row["window_start"]:
        return "done_on", "完成日期早于检查窗口开始"
    return None


def _hop_times(row: Row) -> Row:
    return {"sent_at": beijing(row["sent_at"]), "acknowledged_at": beijing(row["acknowledged_at"])}


@dataclass(frozen=True)
class Hop:
    clue_id: str
    to_department_id: str
    sent_at: datetime


class HopChain:
    """A referral continues the hop before it; the hops seen so far come from the graph and the rows above."""

    def __init__(self, hops: dict[str, Hop]):
        self.hops = hops

    def __call__(self, row: Row) -> tuple[str, str] | None:
        sent, acknowledged = beijing(row["sent_at"]), beijing(row["acknowledged_at"])
        if row["from_department_id"] == row["to_department_id"]:
            return "to_department_id", "接收部门与发送部门相同"
        if acknowledged and sent and acknowledged < sent:
            return "acknowledged_at", "签收时间早于发送时间"
        if previous_id := row["previous_id"]:
            previous = self.hops.get(previous_id) if previous_id != row["id"] else None
            if previous is None:
                return "previous_id", "未知的上一跳:须为图中已有的一跳,或本文件中写在本行之前的一跳"
            if previous.clue_id != row["clue_id"]:
                return "previous_id", f"上一跳属于另一条线索 {previous.clue_id}"
            if previous.to_department_id != row["from_department_id"]:
                return "from_department_id", f"上一跳已把线索交给 {previous.to_department_id},本跳应由它发出"
            if sent and sent < previous.sent_at:
                return "sent_at", "发送时间早于上一跳"
        self.hops[row["id"]] = Hop(row["clue_id"], row["to_department_id"], cast(datetime, sent))  # sent_at is required
        return None


SPECS: dict[str, TableSpec] = {
    "subjects": TableSpec(
        "subjects.csv",
        "Subject",
        _q("upsert_subjects"),
        [
            Column("id", required=True),
            Column("name", required=True),
            enum("kind", "Subject", "kind", required=True),
            Column("type_ids", "list", ref="SubjectType"),
            Column("industry_code", "pattern", pattern=INDUSTRY_CODE, hint="国民经济行业分类代码,如 H6210、6210 或 62"),
            Column("address"),
            Column("region_id", required=True, ref="Region"),
            enum("credit_grade", "Subject", "credit_grade"),
            enum("risk_class", "Subject", "risk_class"),
            Column("tags", "list"),
        ],
        check=_valid_uscc,
        derive=lambda row: {"caption": wrap(row["name"], 5)},
        before=_q("unlink_subjects"),
    ),
    "licences": TableSpec(
        "licences.csv",
        "Licence",
        _q("upsert_licences"),
        [
            Column("id", "pattern", True, pattern=SLUG, hint="字母、数字、-、_、. 组成"),
            Column("licence_no", required=True),
            Column("name", required=True),
            enum("kind", "Licence", "kind", required=True),
            enum("status", "Licence", "status", required=True),
            enum("approval_mode", "Licence", "approval_mode", required=True),
            Column("subject_id", required=True, ref="Subject"),
            Column("issuer_id", required=True, ref="Department"),
            Column("matter_id", ref="Matter"),
            Column("domain_id", ref="Domain"),
            Column("valid_from", "date"),
            Column("valid_to", "date"),
        ],
        check=_first(_not_before("valid_from", "valid_to", "有效期止早于有效期起"), _filing_is_filed),
        before=_q("unlink_licences"),
    ),
    "inspectors": TableSpec(
        "inspectors.csv",
        "Inspector",
        _q("upsert_inspectors"),
        [
            Column("id", "pattern", True, pattern=SLUG, hint="字母、数字、-、_、. 组成"),
            Column("name", required=True),
            Column("cert_no", required=True),
            Column("department_id", required=True, ref="Department"),
            Column("qualifications", "list"),
            Column("specialties", "list"),
        ],
        before=_q("unlink_inspectors"),
    ),
    "conflicts": TableSpec(
        "conflicts.csv",
        "CONFLICT_WITH",
        _q("link_inspector_conflicts"),
        [
            Column("inspector_id", required=True, ref="Inspector"),
            Column("subject_id", required=True, ref="Subject"),
            Column("reason", required=True),
        ],
        key=None,
    ),
    "tasks": TableSpec(
        "tasks.csv",
        "InspectionTask",
        _q("upsert_inspection_tasks"),
        [
            Column("id", "pattern", True, pattern=SLUG, hint="字母、数字、-、_、. 组成"),
            Column("department_id", required=True, ref="Department"),
            Column("subject_id", required=True, ref="Subject"),
            Column("matter_ids", "list", True, ref="Matter"),
            Column("window_start", "date", True),
            Column("window_end", "date", True),
            enum("kind", "InspectionTask", "kind", required=True),
            enum("status", "InspectionTask", "status", required=True),
            Column("done_on", "date"),
            Column("plan_id", ref="InspectionPlan"),
        ],
        check=_first(_not_before("window_start", "window_end", "检查窗口的结束日期早于开始日期"), _done_has_date),
        before=_q("unlink_inspection_tasks"),
    ),
    "clues": TableSpec(
        "clues.csv",
        "Clue",
        _q("upsert_clues"),
        [
            Column("id", "pattern", True, pattern=SLUG, hint="字母、数字、-、_、. 组成"),
            Column("title", required=True),
            Column("description"),
            enum("channel", "Clue", "channel", required=True),
            Column("received_at", "datetime", True),
            enum("status", "Clue", "status", required=True),
            Column("region_id", "pattern", True, pattern=REGION_CODE, ref="Region", hint="行政区划代码"),
            Column("subject_id", ref="Subject"),
            Column("matter_id", ref="Matter"),
            Column("receiver_id", ref="Department"),
        ],
        derive=lambda row: {"received_at": beijing(row["received_at"])},
        before=_q("unlink_clues"),
    ),
    "referrals": TableSpec(
        "referrals.csv",
        "Referral",
        _q("upsert_referrals"),
        [
            Column("id", "pattern", True, pattern=SLUG, hint="字母、数字、-、_、. 组成"),
            Column("clue_id", required=True, ref="Clue"),
            Column("previous_id"),
            Column("from_department_id", required=True, ref="Department"),
            Column("to_department_id", required=True, ref="Department"),
            enum("kind", "Referral", "kind", required=True),
            Column("sent_at", "datetime", True),
            Column("reason"),
            Column("acknowledged_at", "datetime"),
            Column("outcome"),
        ],
        derive=_hop_times,
        then=_q("link_referral_hops"),
        before=_q("unlink_referrals"),
        then_before=_q("unlink_referral_hops"),
    ),
}
KINDS = tuple(SPECS)  # also the order a folder loads in: every file names only what comes before it


def load_entities(
    runner: Runner,
    kind: str,
    path: Path,
    actor: str,
    *,
    partial: bool = False,
    dry_run: bool = False,
    batch_size: int = 10_000,
    progress: Callable[[int], None] | None = None,
    replace_hops: bool = False,
) -> LoadReport:
    """Loads one file of a kind (subjects, licences, inspectors, conflicts, tasks, clues, referrals).

    Without partial, the file loads in full or not at all; with it, good rows load and bad rows are
    reported. A dry run only validates. `progress(rows)` hears of every batch written. With replace_hops
    (referrals only), a file that loaded without a single error replaces the hops an earlier load wrote for
    the clues it names: those it no longer lists are removed, and the audit log records which.
    """
    if kind not in SPECS:
        raise InvalidInput(f"未知的数据类别 {kind},应为 {'/'.join(KINDS)} 之一")
    if replace_hops and kind != "referrals":
        raise InvalidInput("--replace 只用于移送记录(referrals):其他数据按编号合并,重新载入即更正。")
    spec = replace(SPECS[kind], file=path.name)
    advance = (lambda _name, n: progress(n)) if progress else None
    report = _load(runner, path.parent, [spec], actor, partial, dry_run, batch_size, advance)
    if replace_hops and not dry_run and not report.errors:
        rows = [row for _, row in read_csv(path)]
        [gone] = runner.write(
            DELETE_UNLISTED,
            clue_ids=sorted({row["clue_id"] for row in rows}),
            keep_ids=sorted({row["id"] for row in rows}),
            actor=actor,
        )
        report.written["Referral removed (--replace)"] = len(gone["removed"])
    _summarise(runner, [spec], dry_run)
    return report


def load_folder(
    runner: Runner,
    directory: Path,
    actor: str,
    *,
    partial: bool = False,
    dry_run: bool = False,
    batch_size: int = 10_000,
    progress: Callable[[str, int], None] | None = None,
) -> LoadReport:
    """Loads every entity file a folder holds (a generated set, say), in dependency order; without
    partial, all of them or nothing. `progress(label, rows)` hears of every batch written."""
    specs = [spec for spec in SPECS.values() if (directory / spec.file).exists()]
    if not specs:
        files = "、".join(spec.file for spec in SPECS.values())
        raise InvalidInput(f"{directory} 中没有可载入的文件(应有 {files} 之一)")
    report = _load(runner, directory, specs, actor, partial, dry_run, batch_size, progress)
    _summarise(runner, specs, dry_run)
    return report


def _summarise(runner: Runner, specs: list[TableSpec], dry_run: bool) -> None:
    """Chains a load changed get their summaries for the anomaly sweep again (graphsvc/clues/summary.py)."""
    if not dry_run and any(spec.name in ("Clue", "Referral") for spec in specs):
        summary.refresh_stale(runner)


def _load(
    runner: Runner,
    directory: Path,
    specs: list[TableSpec],
    actor: str,
    partial: bool,
    dry_run: bool,
    batch_size: int,
    progress: Callable[[str, int], None] | None,
) -> LoadReport:
    known = known_from_graph(runner, {c.ref for spec in specs for c in spec.columns if c.ref})
    specs = [_with_hop_chain(runner, spec) if spec.name == "Referral" else spec for spec in specs]
    if not dry_run:
        return load_tables(runner, directory, specs, actor, partial, known, batch_size, progress)
    report = LoadReport()
    for spec in specs:
        parse_table(spec, directory / spec.file, known, report)
    return report


def known_from_graph(runner: Runner, labels: set[str]) -> Known:
    """The ids of these labels already in the graph."""
    known = Known()
    for label in sorted(labels):
        known.add(label, runner.read(LIST_IDS[label])[0]["ids"])
    return known


def _with_hop_chain(runner: Runner, spec: TableSpec) -> TableSpec:
    hops = {h["id"]: Hop(h["clue_id"], h["to_department_id"], h["sent_at"]) for h in runner.read(LIST_HOPS)}
    return replace(spec, check=HopChain(hops))
