"""Reading tabular files with row numbers, and the errors that point at a row and a column."""

from __future__ import annotations

import csv
import io
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


# Entity files beyond this size are refused with a message rather than read into memory.
MAX_FILE_BYTES = 1024 * 1024 * 1024
# What Chinese offices save CSVs as: UTF-8 (with Excel's BOM or without), and GBK/GB18030 from older Excel.
ENCODINGS = ("utf-8-sig", "gb18030")


def read_text(path: Path) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was in; a clear Chinese error (not a traceback) for a file too
    large, a binary file (a spreadsheet saved as .csv by name only, an image) or an unknown encoding."""
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InvalidInput(
            f"{path.name} 过大({size / 1024 / 1024:.0f} MB,上限 {MAX_FILE_BYTES // 1024 // 1024} MB):"
            "请拆分后分批载入。",
            [{"file": path.name, "reason": "file too large"}],
        )
    data = path.read_bytes()
    if b"\x00" in data[:65536] or data[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0"):
        raise InvalidInput(
            f"{path.name} 不是文本 CSV 文件(看起来是二进制文件或 Excel 工作簿):请在 Excel 中另存为「CSV UTF-8」。",
            [{"file": path.name, "reason": "binary file"}],
        )
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise InvalidInput(
        f"{path.name} 的编码无法识别:既不是 UTF-8 也不是 GB18030/GBK。请在 Excel 中另存为「CSV UTF-8」。",
        [{"file": path.name, "reason": "unknown encoding"}],
    )


def read_csv(path: Path, text: str | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each non-blank row, values stripped; UTF-8 (a BOM from Excel is tolerated) or
    GB18030/GBK."""
    if text is None:
        text, _ = read_text(path)
    reader = csv.DictReader(io.StringIO(text, newline=""))
    for row in reader:
        cleaned = {k.strip(): (v or "").strip() for k, v in row.items() if k}
        if any(cleaned.values()):
            yield reader.line_num, cleaned
