"""The 编办's worklist as an Excel workbook: a title block (region, date, totals), Chinese headers, no formulas."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from graphsvc.documents.words import AUDIT_KINDS
from graphsvc.responsibility.audit import AuditReport

HEADERS = ["序号", "问题类型", "编号", "名称", "领域", "层级", "牵头部门", "说明"]
WIDTHS = [6, 14, 26, 40, 10, 6, 30, 60]


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def worklist_rows(report: AuditReport) -> list[list[str]]:
    rows: list[list[str | None]] = []
    for i in report.issues:
        lead = "、".join(i.lead)
        rows.append([AUDIT_KINDS[i.kind], i.matter_id, i.matter, i.domain, i.level, lead, i.detail])
    for f in report.functions_without_performer:
        matters = "涉及事项:" + "、".join(f.matters)
        rows.append([AUDIT_KINDS["FUNCTION_WITHOUT_PERFORMER"], f.id, f.name, "", "", "", matters])
    for d in report.departments_without_inspectors:
        duties = f"承担 {d.duties} 项职责"
        rows.append([AUDIT_KINDS["DEPARTMENT_WITHOUT_INSPECTORS"], d.id, d.name, "", "", "", duties])
    return [[_text(v) for v in row] for row in rows]


def worklist_xlsx(report: AuditReport, region_name: str, now: datetime) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "工作清单"
    rows = worklist_rows(report)
    kinds: dict[str, int] = {}
    for row in rows:
        kinds[row[0]] = kinds.get(row[0], 0) + 1
    ws.append([f"{region_name}监管职责工作清单"])
    ws["A1"].font = Font(size=16, bold=True)
    ws.append([f"行政区划:{region_name}({report.region})", "", "", f"认定日期:{report.as_of}"])
    by_kind = ";".join(f"{k} {n}" for k, n in kinds.items())
    ws.append([f"检查事项 {report.matters_checked} 项,待处理 {len(rows)} 项:{by_kind}"])
    ws.append([f"导出时间:{now:%Y-%m-%d %H:%M}"])
    ws.append([])
    ws.append(HEADERS)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for n, row in enumerate(rows, start=1):
        ws.append([n, *row])
        for cell in ws[ws.max_row]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a name that starts with = stays text, never a formula
    for col, width in zip("ABCDEFGH", WIDTHS, strict=True):
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=7):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    ws.freeze_panes = "A7"
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
