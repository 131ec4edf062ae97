"""Reading tabular files with row numbers, and the errors that point at a row and a column."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Generator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar

from graphsvc.errors import InvalidInput
from graphsvc.export import write_table

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
        return [[*(getattr(e, c) for c in REPORT_COLUMNS), outcome] for e, outcome in rows]

    def write(self, path: Path) -> None:
        """The report as 文件,行,列,值,原因,结果: .xlsx by the suffix, else CSV with BOM; cells never formulas (a
        rejected value is whatever the file held, "=cmd|…" included)."""
        write_table(path, REPORT_HEADERS, self.report_rows())


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
    _refuse_binary(path, data[:65536])
    for encoding in ENCODINGS:
        try:
            return data.decode(encoding), encoding
        except UnicodeDecodeError:
            continue
    raise _unknown_encoding(path)


def _refuse_binary(path: Path, head: bytes) -> None:
    if b"\x00" in head or head[:4] in (b"PK\x03\x04", b"\xd0\xcf\x11\xe0"):
        raise InvalidInput(
            f"{path.name} 不是文本 CSV 文件(看起来是二进制文件或 Excel 工作簿):请在 Excel 中另存为「CSV UTF-8」。",
            [{"file": path.name, "reason": "binary file"}],
        )


def _unknown_encoding(path: Path) -> InvalidInput:
    return InvalidInput(
        f"{path.name} 的编码无法识别:既不是 UTF-8 也不是 GB18030/GBK。请在 Excel 中另存为「CSV UTF-8」。",
        [{"file": path.name, "reason": "unknown encoding"}],
    )


def stream_csv(path: Path) -> tuple[list[str], Generator[tuple[int, dict[str, str]]]]:
    """The header and the rows of a CSV file as `read_csv` gives them, read as they are used rather than held: an
    initial import reads a province's millions of rows. The same errors as `read_text` for a binary file or an
    unknown encoding (no size limit: nothing is held); the encoding is found by decoding the file once in chunks."""
    with path.open("rb") as raw:
        _refuse_binary(path, raw.read(65536))
    encoding = next((e for e in ENCODINGS if _decodes(path, e)), None)
    if encoding is None:
        raise _unknown_encoding(path)
    f = path.open(encoding=encoding, newline="")
    reader = csv.reader(f)
    header = next(reader, [])

    def rows() -> Generator[tuple[int, dict[str, str]]]:
        with f:
            yield from _cleaned(reader, header)

    return header, rows()


def _cleaned(reader: Iterator[list[str]], header: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row by column name) for each row with a value, names and values stripped; a column without a
    name is left out, as are cells beyond the header, and a short row's missing cells are empty: as csv.DictReader
    gives them, which costs a fifth more of a province's millions of rows."""
    names = [(at, name.strip()) for at, name in enumerate(header) if name.strip()]
    for cells in reader:
        width = len(cells)
        cleaned = {name: cells[at].strip() if at < width else "" for at, name in names}
        if any(cleaned.values()):
            yield reader.line_num, cleaned  # type: ignore[attr-defined]


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as f:
            while chunk := f.read(1 << 22):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def read_csv(path: Path, text: str | None = None) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number, row) for each non-blank row, values stripped; UTF-8 (a BOM from Excel is tolerated) or
    GB18030/GBK."""
    if text is None:
        text, _ = read_text(path)
    reader = csv.reader(io.StringIO(text, newline=""))
    yield from _cleaned(reader, next(reader, []))


@dataclass
class ListRow:
    """A row of an office's list as read: its line in the file and its cells by column key."""

    number: int  # as the spreadsheet shows it
    cells: dict[str, str]


@dataclass
class RowProblems:
    """The errors and warnings on a list's rows, each naming the file, the row and the column as the file heads it
    (else by the column's Chinese name in `names`, which each list sets)."""

    names: ClassVar[dict[str, str]] = {}
    file: str
    headers: dict[str, str]
    errors: list[RowError] = field(default_factory=list, kw_only=True)
    warnings: list[RowError] = field(default_factory=list, kw_only=True)

    def error(self, row: ListRow, key: str, reason: str, value: str | None = None) -> None:
        self.errors.append(self._entry(row, key, reason, value))

    def warn(self, row: ListRow, key: str, reason: str, value: str | None = None) -> None:
        self.warnings.append(self._entry(row, key, reason, value))

    def _entry(self, row: ListRow, key: str, reason: str, value: str | None) -> RowError:
        header = self.headers.get(key) or self.names.get(key, key)
        return RowError(self.file, row.number, header, reason, row.cells.get(key, "") if value is None else value)
