"""CSV tables validated against column specs, row by row, then written in batches.

A loader declares each file as a `TableSpec`: its columns (type, required, enum values from
the model, the label whose ids a column must name) and the Cypher statement that writes a
batch of parsed rows (`UNWIND $rows AS row`). Bad cells become `RowError`s naming the file,
line, column, value and reason; good rows go on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any, Literal

from graphsvc.cypher import Query
from graphsvc.db import Runner
from graphsvc.errors import InvalidInput
from graphsvc.model import load_model
from graphsvc.writes import is_empty, label_of, missing, required_fields
from loaders.rows import LoadReport, RowError, read_csv, read_text, stream_csv

Kind = Literal["text", "enum", "date", "datetime", "int", "float", "bool", "list", "pattern"]

# How a user names what a reference column points at.
NOUNS = {
    "Region": "行政区划",
    "Department": "部门",
    "Function": "职能",
    "LegalBasis": "法律依据",
    "BasisVersion": "法律版本",
    "Article": "条款",
    "Domain": "监管领域",
    "SubjectType": "监管对象类型",
    "Matter": "监管事项",
    "Subject": "监管对象",
    "Inspector": "执法检查人员",
    "InspectionPlan": "检查计划",
    "Clue": "问题线索",
}

TRUE, FALSE = {"true", "1", "yes", "是", "y"}, {"false", "0", "no", "否", "n", ""}
LIST_SEPARATORS = re.compile(r"[|、;；]")


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind = "text"
    required: bool = False
    values: tuple[str, ...] = ()  # for enum
    ref: str | None = None  # the label (or table) whose ids this column must name
    pattern: str | None = None  # for kind "pattern"
    hint: str = ""  # what a valid value looks like, for the error message


def enum(name: str, label: str, prop: str, required: bool = False) -> Column:
    """A column whose values are the model's enum values for label.prop."""
    return Column(name, "enum", required, tuple(load_model().properties_of(label)[prop].values))


@dataclass
class TableSpec:
    file: str
    name: str  # what the rows are, for the report: a label, or a relationship type
    query: Query
    columns: list[Column]
    key: str | None = "id"  # unique within the file; None for link tables
    # Derives extra fields from a parsed row (e.g. a parent id); runs after validation.
    derive: Callable[[dict[str, Any]], dict[str, Any]] | None = None
    # A second statement over the same rows, run after every table is written (links to rows
    # that may come later in the same load, e.g. a region's parent).
    then: Query | None = None
    # Clean-ups run in the same transaction just before `query` / `then` (links a row no longer names): apart, so
    # that neither statement needs an Eager plan (a delete and a merge of the same type in one statement do).
    before: Query | None = None
    then_before: Query | None = None
    # A rule across columns: returns (column, reason) when the row breaks it.
    check: Callable[[dict[str, Any]], tuple[str, str] | None] | None = None
    # A file a catalogue may leave out (added after others were written): missing means no rows.
    optional: bool = False


@dataclass
class Known:
    """Ids seen so far in this load, by label, so later tables can check their references."""

    ids: dict[str, set[str]] = field(default_factory=dict)

    def add(self, label: str, ids: Iterable[str]) -> None:
        self.ids.setdefault(label, set()).update(ids)

    def has(self, label: str, value: str) -> bool:
        return value in self.ids.get(label, set())


def parse_table(spec: TableSpec, path: Path, known: Known, report: LoadReport) -> list[dict[str, Any]]:
    """The rows of a file that pass every check; the others are added to the report."""
    raws = list(_rows_or_missing_columns(spec, path, report))
    if spec.key and any(c.ref == spec.name for c in spec.columns):
        # References within the file (a region's parent) may point at a later row.
        known.add(spec.name, (raw.get(spec.key, "") for _, raw in raws))
    return list(_parse_rows(spec, path.name, raws, known, report))


def iter_table(spec: TableSpec, path: Path, known: Known, report: LoadReport) -> Iterator[dict[str, Any]]:
    """parse_table's rows one at a time, the file read as they are taken (an initial import of a province reads
    millions of rows; only the ids seen stay). For tables that name no row of their own file (entity files)."""
    if spec.key and any(c.ref == spec.name for c in spec.columns):
        raise ValueError(f"{spec.file} refers to its own rows: use parse_table")
    header, raws = _stream_or_missing_columns(spec, path, report)
    if header is not None:
        yield from _parse_rows(spec, path.name, raws, known, report)


def _parse_rows(
    spec: TableSpec, file: str, raws: Iterable[tuple[int, dict[str, str]]], known: Known, report: LoadReport
) -> Iterator[dict[str, Any]]:
    seen: set[str] = set()
    ids = known.ids.setdefault(spec.name, set()) if spec.key else set()
    written = label_of(spec.query)
    # What the model requires of the label, whatever the columns say: checked per row, named only when one lacks.
    required = tuple(name for name, _ in required_fields(written)) if written else ()
    columns, key, check, derive = spec.columns, spec.key, spec.check, spec.derive  # millions of rows: no lookups
    for number, raw in raws:
        parsed: dict[str, Any] = {}
        problems = []
        for column in columns:
            value = raw.get(column.name, "")
            try:
                parsed[column.name] = parse_cell(column, value, known)
            except ValueError as e:
                problems.append(RowError(file, number, column.name, str(e), value))
        if written and not problems and any(is_empty(parsed.get(name)) for name in required):
            problems += [RowError(file, number, m.field, f"「{m.zh}」{m.reason}") for m in missing(written, [parsed])]
        if check and not problems and (broken := check(parsed)):
            problems.append(RowError(file, number, broken[0], broken[1], str(parsed.get(broken[0]) or "")))
        if key and not problems:
            own = parsed[key]
            if own in seen:
                problems.append(RowError(file, number, key, f"重复的编号 {own}", own))
            seen.add(own)
        if problems:
            report.errors.extend(problems)
            continue
        if derive:
            parsed.update(derive(parsed))
        if key:  # later tables may name it (no column names a row of its own table: see parse_table)
            ids.add(parsed[key])
        yield parsed


def _stream_or_missing_columns(
    spec: TableSpec, path: Path, report: LoadReport
) -> tuple[list[str] | None, Iterator[tuple[int, dict[str, str]]]]:
    """As _rows_or_missing_columns, the file streamed; no header (None) when the file cannot be read."""
    if not path.exists():
        if not spec.optional:
            report.errors.append(RowError(path.name, 0, "", "文件不存在", str(path)))
        return None, iter(())
    try:
        header, rows = stream_csv(path)
    except InvalidInput as e:
        report.errors.append(RowError(path.name, 0, "", e.message, str(path)))
        return None, iter(())
    names = [h.strip() for h in header]
    missing_columns = [c.name for c in spec.columns if c.required and c.name not in names]
    if missing_columns:
        rows.close()
        report.errors.append(RowError(path.name, 1, ",".join(missing_columns), "表头缺少这些列", ",".join(names)))
        return None, iter(())
    return header, rows


def _rows_or_missing_columns(spec: TableSpec, path: Path, report: LoadReport) -> Iterator[tuple[int, dict[str, str]]]:
    if not path.exists():
        if not spec.optional:
            report.errors.append(RowError(path.name, 0, "", "文件不存在", str(path)))
        return
    try:
        text, _ = read_text(path)
    except InvalidInput as e:
        report.errors.append(RowError(path.name, 0, "", e.message, str(path)))
        return
    rows = read_csv(path, text)
    header = text.split("\n", 1)[0].strip().split(",")
    missing = [c.name for c in spec.columns if c.required and c.name not in {h.strip() for h in header}]
    if missing:
        report.errors.append(RowError(path.name, 1, ",".join(missing), "表头缺少这些列", ",".join(header)))
        return
    yield from rows


def parse_cell(column: Column, value: str, known: Known) -> Any:
    """One cell as its typed value; raises ValueError with a Chinese reason."""
    value = value.strip()
    if not value:
        if column.required:
            raise ValueError("必填项为空")
        return [] if column.kind == "list" else (False if column.kind == "bool" else None)
    match column.kind:
        case "text":
            result: Any = value
        case "enum":
            if value not in column.values:
                raise ValueError(f"应为 {'/'.join(column.values)} 之一")
            result = value
        case "pattern":
            if not re.fullmatch(column.pattern or "", value):
                raise ValueError(f"格式不符{(':' + column.hint) if column.hint else ''}")
            result = value
        case "date":
            try:
                result = date.fromisoformat(value)
            except ValueError:
                # 2026-02-30 is written right but names no day: saying "write it as YYYY-MM-DD" would mislead.
                written_right = re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", value)  # ASCII: ２０２６ is written wrong
                raise ValueError(
                    "没有这一天(月份或日期超出范围)" if written_right else "日期应写作 YYYY-MM-DD"
                ) from None
        case "datetime":
            try:
                result = datetime.fromisoformat(value)
            except ValueError:
                raise ValueError("时间应写作 YYYY-MM-DDTHH:MM[:SS][+08:00]") from None
        case "int":
            if not re.fullmatch(r"-?\d+", value):
                raise ValueError("应为整数")
            result = int(value)
        case "float":
            try:
                result = float(value)
            except ValueError:
                raise ValueError("应为数字") from None
        case "bool":
            if value.lower() not in TRUE | FALSE:
                raise ValueError("应为 是/否 或 true/false")
            result = value.lower() in TRUE
        case "list":
            result = [v.strip() for v in LIST_SEPARATORS.split(value) if v.strip()]
    if column.ref:  # a list column with a ref names several ids (a task's matters): each must be known
        for item in result if column.kind == "list" else (value,):
            if not known.has(column.ref, item):
                which = f" {item}" if item != value else ""
                raise ValueError(f"未知的{NOUNS.get(column.ref, column.ref)}编号{which}")
    return result


def write_batches(
    runner: Runner,
    query: Query,
    rows: list[dict[str, Any]],
    actor: str,
    batch_size: int = 5000,
    progress: Callable[[int], None] | None = None,
    before: Query | None = None,
) -> int:
    """Writes rows with `UNWIND $rows`, one transaction per batch (with `before`, its clean-up, in the same one);
    returns the rows written. Datetimes go as ISO text with their offset, which the statements read with
    `datetime(row.x)`: the driver packs a datetime through its own temporal classes, ≈ 0.1 ms each, and a county's
    clues and referrals carry hundreds of thousands of them (a third of the load's time)."""
    written = 0
    for start in range(0, len(rows), batch_size):
        batch = [_times_as_text(row) for row in rows[start : start + batch_size]]
        if before is None:
            runner.write(query, rows=batch, actor=actor)
        else:
            runner.write_all([(before, {"rows": batch, "actor": actor}), (query, {"rows": batch, "actor": actor})])
        written += len(batch)
        if progress:
            progress(len(batch))
    return written


def _times_as_text(row: dict[str, Any]) -> dict[str, Any]:
    if not any(isinstance(v, datetime) for v in row.values()):
        return row
    return {k: v.isoformat() if isinstance(v, datetime) else v for k, v in row.items()}


def load_tables(
    runner: Runner,
    directory: Path,
    specs: list[TableSpec],
    actor: str,
    partial: bool = True,
    known: Known | None = None,
    batch_size: int = 5000,
    progress: Callable[[str, int], None] | None = None,
) -> LoadReport:
    """Parses every table in order, then writes them in order: all rows that passed, or (not partial)
    nothing at all when any row failed. `progress(name, rows)` hears of every batch written."""
    report = LoadReport()
    known = known or Known()
    parsed = [(spec, parse_table(spec, directory / spec.file, known, report)) for spec in specs]
    if report.errors and not partial:
        return report
    for spec, rows in parsed:
        advance = (lambda n, name=spec.name: progress(name, n)) if progress else None
        written = write_batches(runner, spec.query, rows, actor, batch_size, advance, spec.before)
        report.written[spec.name] = report.written.get(spec.name, 0) + written
    for spec, rows in parsed:
        if spec.then:
            write_batches(runner, spec.then, rows, actor, batch_size, before=spec.then_before)
    return report
