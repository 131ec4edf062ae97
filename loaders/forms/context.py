"""What loading either form shares: open the file for a region and a date, then write all or nothing."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from graphsvc import vocab
from graphsvc.cypher import Query
from graphsvc.db import Runner
from graphsvc.vocab import Vocabularies, VocabularyName
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
    vocabularies: Vocabularies

    def source(self, row: int) -> str:
        return f"{self.form.file} 第{row}行"

    warnings: list[RowError] = field(default_factory=list)

    def department(self, line: Line, name: str, errors: list[RowError]) -> str | None:
        """The id of the department a row names, or None with the error (and the closest names) added; a name
        read through the 部门简称 vocabulary (a former name, 委/局, 大队) loads with a warning saying how."""
        try:
            found = self.departments.resolve(name)
        except UnknownDepartment as e:
            errors.append(self.form.error(line, DEPARTMENT, str(e), name))
            return None
        if found.note:
            self.warnings.append(self.form.error(line, DEPARTMENT, found.note, name))
        return found.department.id


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
    words = vocab.load(runner)
    departments = department_index(runner, chain, day, words[VocabularyName.department])
    return FormContext(form, chain[0], departments, day, as_of or form.date, words)


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
    bad_rows = {e.row for e in report.errors}
    report.warnings.extend(w for w in context.warnings if w.row not in bad_rows)
    report.warnings.sort(key=lambda e: e.row)
    report.planned = {name: len(rows) for name, _, rows in writes}
    form = context.form
    leads = {item.lead.row for item in form.items} | form.rejected
    report.items = (len(leads - form.rejected), len(leads))
    report.rows = (len(form.line_rows - bad_rows), len(form.line_rows))
    if dry_run or (report.errors and not partial):
        return report
    for name, statement, rows in writes:
        report.written[name] = report.written.get(name, 0) + write_batches(runner, statement, rows, actor)
    return report
