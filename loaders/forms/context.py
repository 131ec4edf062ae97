"""What loading either form shares: open the file for a region and a date, then write all or nothing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from graphsvc.cypher import Query
from graphsvc.db import Runner
from loaders.department_names import DepartmentIndex, Region, UnknownDepartment
from loaders.forms.graph import department_index, region_chain
from loaders.forms.layout import DEPARTMENT, Field, Form, FormError, Line, read_form
from loaders.rows import LoadReport, RowError
from loaders.table import write_batches


@dataclass
class FormContext:
    form: Form
    region: Region
    departments: DepartmentIndex
    as_of: date  # the date laws and departments are taken as of
    valid_from: date | None  # the form's own date (given, or 填报日期), for what it assigns

    def source(self, row: int) -> str:
        return f"{self.form.file} 第{row}行"

    def department(self, line: Line, name: str, errors: list[RowError]) -> str | None:
        """The id of the department a row names, or None with the error (and the closest names) added."""
        try:
            return self.departments.match(name).id
        except UnknownDepartment as e:
            errors.append(self.form.error(line, DEPARTMENT, str(e), name))
            return None


def open_form(
    runner: Runner,
    path: Path,
    region_id: str,
    fields: list[Field],
    identity: tuple[str, ...],
    as_of: date | None,
    report: LoadReport,
) -> FormContext | None:
    """The form read and its region's departments; None (with the reason in the report) when the file
    is not such a form or the region is unknown."""
    try:
        form = read_form(path, fields, identity)
    except FormError as e:
        report.errors.append(RowError(path.name, 0, "", str(e), str(path)))
        return None
    chain = region_chain(runner, region_id)
    if not chain:
        report.errors.append(RowError(path.name, 0, "--region", "未知的行政区划代码", region_id))
        return None
    day = as_of or form.date or date.today()
    return FormContext(form, chain[0], department_index(runner, chain, day), day, as_of or form.date)


def finish(
    runner: Runner,
    context: FormContext,
    report: LoadReport,
    actor: str,
    writes: list[tuple[str, Query, list[dict[str, Any]]]],
    *,
    dry_run: bool,
    partial: bool,
) -> LoadReport:
    """Reports every rejected row in sheet order; writes the good rows unless dry-run, or (without
    partial) when any row was rejected."""
    report.errors.extend(context.form.errors)
    report.errors.sort(key=lambda e: e.row)
    if dry_run or (report.errors and not partial):
        return report
    for name, statement, rows in writes:
        report.written[name] = report.written.get(name, 0) + write_batches(runner, statement, rows, actor)
    return report
