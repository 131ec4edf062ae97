"""Reading tabular files with row numbers, and the errors that point at a row and a column."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graphsvc.errors import InvalidInput

REPORT_COLUMNS = ("file", "row", "column", "value", "reason")
# What the person reading a report sees: Chinese headers; 结果 says whether the row loaded (warnings) or not.
REPORT_HEADERS = ("文件", "行", "列", "值", "原因", "结果")
REJECTED, LOADED_WITH_WARNING = "未载入", "已载入(提示)"


@dataclass
class RowError:
    file: str
    row: int  # the line in the file, as an editor or spreadsheet shows it: the header is 1
    column: str
    reason: str  # in Chinese: the user reads it
    value: str = ""

    def as_detail(self) -> dict[str, object]:
        return {name: getattr(self, name) for name in REPORT_COLUMNS}


@dataclass
class LoadReport:
    written: dict[str, int] = field(default_factory=dict)
    errors: list[RowError] = field(default_factory=list)
    warnings: list[RowError] = field(default_factory=list)  # rows that load, with something the user should know
    planned: dict[str, int] = field(default_factory=dict)  # what the good rows write (or would, on a dry run)
    items: tuple[int, int] | None = None  # (items that load, items in the file) for forms and lists
    rows: tuple[int, int] | None = None  # (rows that load, rows in the file)

    def summary(self, dry_run: bool) -> str:
        """One line in Chinese: what loads (or would) and what did not."""
        parts = []
        if self.items:
            parts.append(f"事项 {self.items[0]}/{self.items[1]} 项")
        if self.rows:
            parts.append(f"数据行 {self.rows[0]}/{self.rows[1]} 行")
        shown = self.planned if dry_run else self.written
        if shown:
            parts.append("、".join(f"{name} {n}" for name, n in shown.items()))
        head = "试运行(未写入):将载入 " if dry_run else ("已写入 " if self.written else "未写入任何数据")
        if not dry_run and not self.written:
            parts = [p for p in parts if not p.startswith(("事项", "数据行"))] or parts
        text = head + (",".join(parts) if (dry_run or self.written) else "")
        if self.errors:
            text += f";{len({(e.file, e.row) for e in self.errors})} 行有误"
        if self.warnings:
            text += f";{len(self.warnings)} 条提示"
        return text

    def raise_if_failed(self) -> None:
        if self.errors:
            first = self.errors[0]
            where = f"{first.file} 第 {first.row} 行" + (f"「{first.column}」" if first.column else "")
            raise InvalidInput(
                f"{len(self.errors)} 处数据有误,例如 {where}:{first.reason}",
                [e.as_detail() for e in self.errors],
            )

    def report_rows(self) -> list[list[object]]:
        """Rejected rows, then the warnings of rows that loaded, in sheet order, as the report shows them."""
        rows = [(e, REJECTED) for e in self.errors] + [(w, LOADED_WITH_WARNING) for w in self.warnings]
        rows.sort(key=lambda pair: (pair[0].file, pair[0].row))
        return [[*(_plain(getattr(e, c)) for c in REPORT_COLUMNS), outcome] for e, outcome in rows]

    def write_csv(self, path: Path) -> None:
        """The report as 文件,行,列,值,原因,结果 (UTF-8 with BOM, so Excel shows the Chinese)."""
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(REPORT_HEADERS)
            writer.writerows(self.report_rows())

    def write(self, path: Path) -> None:
        """The report as .xlsx (by the suffix) or CSV."""
        if path.suffix.lower() == ".xlsx":
            self.write_xlsx(path)
        else:
            self.write_csv(path)

    def write_xlsx(self, path: Path) -> None:
        """The report as an Excel sheet with the same headers; every cell is text, never a formula."""
        import openpyxl
        from openpyxl.styles import Font

        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        sheet.title = "载入报告"
        sheet.append(list(REPORT_HEADERS))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in self.report_rows():
            sheet.append(row)
        for column, width in zip("ABCDEF", (28, 6, 14, 30, 60, 12), strict=True):
            sheet.column_dimensions[column].width = width
        book.save(path)


def _plain(value: object) -> object:
    """A value Excel shows as text: a leading = + - @ would start a formula."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value


def read_csv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each non-blank row, values stripped; a BOM from Excel is tolerated."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        for row in reader:
            cleaned = {k.strip(): (v or "").strip() for k, v in row.items() if k}
            if any(cleaned.values()):
                yield reader.line_num, cleaned
