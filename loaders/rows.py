"""Reading tabular files with row numbers, and the errors that point at a row and a column."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from graphsvc.errors import InvalidInput
from graphsvc.export import write_table

REPORT_COLUMNS = ("file", "row", "column", "value", "reason")


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

    def raise_if_failed(self) -> None:
        if self.errors:
            first = self.errors[0]
            where = f"{first.file} 第 {first.row} 行" + (f"「{first.column}」" if first.column else "")
            raise InvalidInput(
                f"{len(self.errors)} 处数据有误,例如 {where}:{first.reason}",
                [e.as_detail() for e in self.errors],
            )

    def write_csv(self, path: Path) -> None:
        """The rejected rows as file,row,column,value,reason: .csv (with BOM) or .xlsx, cells never formulas (a
        rejected value is whatever the file held, "=cmd|…" included)."""
        write_table(path, REPORT_COLUMNS, ([getattr(e, c) for c in REPORT_COLUMNS] for e in self.errors))


def read_csv(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each non-blank row, values stripped; a BOM from Excel is tolerated."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        reader = csv.DictReader(f)
        for row in reader:
            cleaned = {k.strip(): (v or "").strip() for k, v in row.items() if k}
            if any(cleaned.values()):
                yield reader.line_num, cleaned
