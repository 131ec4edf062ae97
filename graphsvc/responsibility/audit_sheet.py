"""The 编办's worklist as an Excel workbook people read: a title block, Chinese headers, text cells only."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from graphsvc.responsibility.audit import AuditReport

KINDS = {"GAP": "监管空白", "CONFLICT": "多头牵头", "STALE_BASIS": "依据失效"}


def _text(value: object) -> object:
    """Never a formula: a leading = + - @ is kept as text."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def _table(sheet: Worksheet, title: str, subtitle: str, headers: list[str], rows: list[list[object]]) -> None:
    sheet.append([title])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([subtitle])
    sheet.append([])
    sheet.append(headers)
    for cell in sheet[4]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_text(v) for v in row])
    if rows:
        sheet.freeze_panes = "A5"
    for i, header in enumerate(headers):
        letter = openpyxl.utils.get_column_letter(i + 1)
        sheet.column_dimensions[letter].width = 40 if header in ("事项名称", "说明", "涉及事项") else 16
    for row in sheet.iter_rows(min_row=5):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def write_audit(report: AuditReport, region_name: str, path: Path) -> None:
    """Sheets: 问题清单, 无人履行的职能, 无执法人员的部门, 统计; each under a title naming the region and the date."""
    book = openpyxl.Workbook()
    subtitle = (
        f"行政区划:{region_name}({report.region});截至 {report.as_of};检查事项 {report.matters_checked} 项;"
        f"生成于 {datetime.now():%Y-%m-%d %H:%M}"
    )
    issues = book.active
    assert issues is not None
    issues.title = "问题清单"
    _table(
        issues,
        f"{region_name}跨部门综合监管职责审计",
        subtitle,
        ["类型", "事项编号", "事项名称", "监管领域", "层级", "牵头部门", "说明"],
        [
            [
                KINDS.get(i.kind, i.kind),
                i.matter_id,
                i.matter,
                i.domain,
                i.level,
                "、".join(i.lead),
                i.detail,
            ]
            for i in report.issues
        ],
    )
    _table(
        book.create_sheet("无人履行的职能"),
        "法律所称职能在本地无履行部门",
        subtitle,
        ["职能编号", "职能", "涉及事项"],
        [[f.id, f.name, "、".join(f.matters)] for f in report.functions_without_performer],
    )
    _table(
        book.create_sheet("无执法人员的部门"),
        "有监管职责但无执法检查人员的部门",
        subtitle,
        ["部门编号", "部门", "职责数"],
        [[d.id, d.name, d.duties] for d in report.departments_without_inspectors],
    )
    _table(
        book.create_sheet("统计"),
        "按类型、领域和层级统计",
        subtitle,
        ["类型", "监管领域", "层级", "数量"],
        [[KINDS.get(c.kind, c.kind), c.domain, c.level, c.count] for c in report.counts],
    )
    book.save(path)
