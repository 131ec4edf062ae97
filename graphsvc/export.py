"""The one writer of every table the service hands out (CSV and xlsx): safe to open in Excel.

A cell that starts with =, +, -, @, a tab or a carriage return is a formula to a spreadsheet (an enterprise
named "=HYPERLINK(…)" would run in the 编办's Excel): such text gets a leading apostrophe, which Excel shows as
text (OWASP, "CSV injection"). CSVs carry a UTF-8 BOM so that Excel reads the Chinese.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def safe_cell(value: Any) -> Any:
    """The value as a spreadsheet should show it: text that would be a formula is quoted, None is empty."""
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _safe_rows(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> Iterable[list[Any]]:
    yield [safe_cell(h) for h in header]
    for row in rows:
        yield [safe_cell(v) for v in row]


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """A CSV document (BOM first, CRLF lines) with every cell neutralised."""
    out = io.StringIO()
    out.write(BOM)
    csv.writer(out).writerows(_safe_rows(header, rows))
    return out.getvalue()


def write_table(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """Writes a .csv (with BOM) or an .xlsx, by the file's suffix, with every cell neutralised."""
    if path.suffix.lower() == ".xlsx":
        import openpyxl  # only the xlsx path needs it

        book = openpyxl.Workbook()
        sheet = book.active
        assert sheet is not None
        for row in _safe_rows(header, rows):
            sheet.append(row)
        book.save(path)
        return
    path.write_text(csv_text(header, rows), encoding="utf-8", newline="")
