"""Forms uploaded from the console (附件1 监管事项清单, 附件2 工作计划), checked and loaded by the same loaders as
`graphsvc load matters|plans`: a dry run reports every rejected row; a load writes all or nothing (or the good
rows with `partial`)."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path, PurePath
from typing import Literal

from pydantic import BaseModel

from graphsvc.db import Runner
from graphsvc.errors import InvalidInput
from graphsvc.regions import require_region
from loaders.forms import load_matters_form, load_plans_form

FormKind = Literal["matters", "plans"]
LOADERS = {"matters": load_matters_form, "plans": load_plans_form}
FORM_NAMES = {"matters": "附件1 监管事项清单", "plans": "附件2 工作计划"}
SUFFIXES = (".xlsx", ".csv")
MAX_BYTES = 10 * 1024 * 1024


class RowProblem(BaseModel):
    file: str
    row: int
    column: str
    value: str
    reason: str


class ImportReport(BaseModel):
    form: FormKind
    form_name: str
    file: str
    region: str
    dry_run: bool
    partial: bool
    written: dict[str, int]
    errors: list[RowProblem]


def import_form(
    runner: Runner,
    form: FormKind,
    filename: str,
    content: bytes,
    region: str,
    actor: str,
    *,
    dry_run: bool,
    partial: bool = False,
    as_of: date | None = None,
) -> ImportReport:
    """Checks (and unless `dry_run`, loads) one uploaded form; the report names each rejected row and why."""
    name = PurePath(filename or "").name
    if not name.lower().endswith(SUFFIXES):
        raise InvalidInput(
            f"只接受 .xlsx 或 .csv 文件,收到的是「{name or '(无文件名)'}」。", [{"field": "file", "reason": "type"}]
        )
    if not content:
        raise InvalidInput(f"文件「{name}」是空的。", [{"field": "file", "reason": "empty"}])
    if len(content) > MAX_BYTES:
        raise InvalidInput(f"文件「{name}」超过 10 MB。", [{"field": "file", "reason": "too large"}])
    require_region(runner, region)
    # The loaders read a path; the original name is kept so the report names the file the user chose.
    with tempfile.TemporaryDirectory(prefix="graphsvc-upload-") as folder:
        path = Path(folder) / name
        path.write_bytes(content)
        report = LOADERS[form](runner, path, region, actor, dry_run=dry_run, partial=partial, as_of=as_of)
    return ImportReport(
        form=form,
        form_name=FORM_NAMES[form],
        file=name,
        region=region,
        dry_run=dry_run,
        partial=partial,
        written=report.written,
        errors=[RowProblem.model_validate(e.as_detail()) for e in report.errors],
    )
