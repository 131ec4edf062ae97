"""A filled-in form as the user sees it: its header found by its labels, its rows grouped into items.

The forms of seed 003 give each item one 牵头单位 row followed by 配合单位 rows. People fill them
in many ways, all read here:
- 监管部门 spread over two columns, a role label (牵头单位/配合单位) then the name; or two
  sub-columns 牵头单位 | 配合单位 under a two-row header; or one column of names, the first of an
  item being the lead (also "牵头:区市场监管局", "区市场监管局(牵头)");
- the item's shared cells merged down its rows, or left blank on the 配合 rows, or repeated;
- blank spacer rows, a title above the header, notes (填表说明) below the table.
A new item starts at a 牵头 row, or where 序号 or the item's name changes. Row numbers are those
the spreadsheet shows: the header is rarely row 1.
"""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

import openpyxl

from loaders.department_names import clean
from loaders.rows import RowError

LEAD, COOPERATE = "牵头", "配合"
DEPARTMENT = "department"
SEQUENCE = "seq"
_ROLE = re.compile(r"(牵头|配合)(?:单位|部门)?")
_NOTES = re.compile(r"^(?:填表说明|(?:说明|备注|注)[:：])")
_FORM_DATE = re.compile(r"(?:填报|填表)?日期[:：]?\s*(\d{4})\s*[年./-]\s*(\d{1,2})\s*[月./-]\s*(\d{1,2})")
HEADER_SEARCH_ROWS = 30


class FormError(ValueError):
    """The file cannot be read as the form at all (wrong type, no header); the message is Chinese."""


@dataclass(frozen=True)
class Field:
    key: str
    labels: tuple[str, ...]  # header wordings, compared without spaces, width or bracketed notes
    required: bool = True


@dataclass
class Line:
    """One department on one row, with the row's own cells (blank where the row leaves them blank)."""

    row: int
    role: str | None
    departments: list[str]
    department_text: str  # the 监管部门 cells as written, for reports
    cells: dict[str, str]


@dataclass
class Item:
    lines: list[Line]

    @property
    def lead(self) -> Line:
        return self.lines[0]

    @property
    def cooperating(self) -> list[Line]:
        return self.lines[1:]

    def value(self, key: str) -> str:
        """A shared cell of the item, as its 牵头 row gives it."""
        return self.lead.cells.get(key, "")


@dataclass
class Form:
    file: str
    headers: dict[str, str]  # field key → the header as the file words it
    items: list[Item] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)
    date: date | None = None  # 填报日期 above the header, when the form gives one
    rejected: set[int] = field(default_factory=set)  # first rows of the items that do not load
    line_rows: set[int] = field(default_factory=set)  # every data row read

    def error(self, line: Line, key: str, reason: str, value: str | None = None) -> RowError:
        shown = line.department_text if key == DEPARTMENT else line.cells.get(key, "")
        return RowError(self.file, line.row, self.headers.get(key, key), reason, shown if value is None else value)

    def reject(self, item: Item, errors: list[RowError]) -> None:
        """Records an item that cannot load: its own errors, then each other row of it."""
        self.errors.extend(errors)
        self.rejected.add(item.lead.row)
        bad_rows = {e.row for e in errors}
        for line in item.lines:
            if line.row not in bad_rows:
                bad_rows.add(line.row)
                reason = f"所属的第{item.lead.row}行未能载入,本行随之未载入"
                self.errors.append(self.error(line, DEPARTMENT, reason))


def read_form(path: Path, fields: list[Field], identity: tuple[str, ...]) -> Form:
    """The form's items; rows that break the 牵头/配合 structure are in `errors`, not in `items`.

    identity: the fields whose change starts a new item (besides 序号), e.g. the matter's name.
    """
    for grid in _sheets(path):
        if found := _header(grid, fields):
            start, columns, headers, roles_by_column = found
            form = Form(path.name, headers, date=_form_date(grid[: start - 1]))
            lines = list(_lines(grid, start, columns, roles_by_column))
            form.line_rows = {line.row for line in lines}
            _group(form, lines, identity)
            return form
    wanted = "、".join(f.labels[0] for f in fields if f.required)
    raise FormError(f"未找到表头:表头应包含 {wanted}")


def label(text: str) -> str:
    """A header cell as compared: half-width, no spaces, no bracketed note (检查数量(比例、频次) → 检查数量)."""
    return re.sub(r"\(.*?\)", "", re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)))


def _role(text: str) -> str | None:
    m = _ROLE.fullmatch(clean(text))
    return m.group(1) if m else None


def _sheets(path: Path) -> Iterator[list[list[str]]]:
    suffix = path.suffix.lower()
    if not path.exists():
        raise FormError("文件不存在")
    if suffix == ".csv":
        yield _csv_grid(path)
    elif suffix in (".xlsx", ".xlsm"):
        yield from _xlsx_grids(path)
    else:
        raise FormError("只能读取 .xlsx 或 .csv 文件")


def _csv_grid(path: Path) -> list[list[str]]:
    raw = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):  # Excel on Chinese Windows saves CSV as GB18030 (GBK)
        try:
            content = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise FormError("无法识别文件编码,请另存为 UTF-8 的 CSV")
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(content, newline=""))]


def _xlsx_grids(path: Path) -> Iterator[list[list[str]]]:
    try:
        book = openpyxl.load_workbook(path, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a damaged or mislabelled file
        raise FormError(f"无法打开 Excel 文件:{e}") from None
    for sheet in book.worksheets:
        rows = sheet.iter_rows(min_row=1, min_col=1, max_row=sheet.max_row, max_col=sheet.max_column)
        grid = [[_cell_text(cell) for cell in row] for row in rows]
        for merged in sheet.merged_cells.ranges:  # every cell of a merged range shows its top-left value
            value = grid[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row - 1, merged.max_row):
                for c in range(merged.min_col - 1, merged.max_col):
                    grid[r][c] = value
        yield grid


def _cell_text(cell: object) -> str:
    value = getattr(cell, "value", None)
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        if "%" in str(getattr(cell, "number_format", "")):
            return f"{value * 100:g}%"
        if value.is_integer():
            return str(int(value))
    return str(value).strip()


def _header(
    grid: list[list[str]], fields: list[Field]
) -> tuple[int, dict[str, list[int]], dict[str, str], dict[int, str]] | None:
    """(index of the first data row, columns by field, headers by field, roles of 监管部门 sub-columns)."""
    for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
        labels = [label(c) for c in row]
        columns: dict[str, list[int]] = {}
        for f in fields:
            wanted = {label(x) for x in f.labels}
            at = next((j for j, text in enumerate(labels) if text in wanted), None)
            if at is not None:
                columns[f.key] = [at]
        if not all(f.key in columns for f in fields if f.required):
            continue
        # 监管部门 may span the columns after it (merged, or blank in a CSV): role label, then name.
        taken = {c for cols in columns.values() for c in cols}
        first = columns[DEPARTMENT][0]
        for j in range(first + 1, len(labels)):
            if j in taken or labels[j] not in ("", labels[first]):
                break
            columns[DEPARTMENT].append(j)
        headers = {key: re.sub(r"\s+", "", row[cols[0]]) for key, cols in columns.items()}
        start, roles = index + 1, {}
        if index + 1 < len(grid) and (sub := _sub_header(grid[index + 1], row, columns[DEPARTMENT])) is not None:
            start, roles = index + 2, sub
        return start, columns, headers, roles
    return None


def _sub_header(row: list[str], header: list[str], department_columns: list[int]) -> dict[int, str] | None:
    """The second row of a two-row header: 牵头单位 | 配合单位 under 监管部门, the rest repeating the first row."""
    roles = {j: r for j in department_columns if j < len(row) and (r := _role(row[j]))}
    if set(roles.values()) != {LEAD, COOPERATE}:
        return None
    others = [j for j, text in enumerate(row) if text and j not in roles]
    if any(j >= len(header) or label(row[j]) != label(header[j]) for j in others):
        return None
    return roles


def _form_date(above: list[list[str]]) -> date | None:
    for row in above:
        for text in row:
            if m := _FORM_DATE.search(unicodedata.normalize("NFKC", text)):
                try:
                    return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
                except ValueError:
                    return None
    return None


def _lines(
    grid: list[list[str]], start: int, columns: dict[str, list[int]], roles_by_column: dict[int, str]
) -> Iterator[Line]:
    department_columns = columns[DEPARTMENT]
    for index in range(start, len(grid)):
        row = grid[index]
        filled = [text for text in row if text]
        if not filled:
            continue  # spacer row
        if _NOTES.match(unicodedata.normalize("NFKC", filled[0])):
            return  # 填表说明 below the table
        cells = {key: _at(row, cols[0]) for key, cols in columns.items() if key != DEPARTMENT}
        written = list(dict.fromkeys(_at(row, j) for j in department_columns if _at(row, j)))
        text = " ".join(written)
        if not any(cells.values()) and all(_role(w) for w in written):
            continue  # a template row that carries only its role label
        if roles_by_column:
            found = False
            for j, column_role in roles_by_column.items():
                if _at(row, j):
                    found = True
                    yield Line(index + 1, column_role, _names(_at(row, j)), text, cells)
            if not found:
                yield Line(index + 1, None, [], text, cells)
            continue
        role: str | None = None
        names: list[str] = []
        for written_text in written:
            given, rest = _role_and_rest(written_text)
            role = given or role
            names += _names(rest)
        marked = [_role_and_rest(name) for name in names]
        if len(names) > 1 and any(r for r, _ in marked):
            # "区市场监管局(牵头)、区教育局、区卫健局": each name carries its role; an unmarked one cooperates
            # once another in the cell leads.
            leads = [n for r, n in marked if r == LEAD]
            others = [n for r, n in marked if r != LEAD]
            if leads:
                yield Line(index + 1, LEAD, leads, text, cells)
            if others:
                yield Line(index + 1, COOPERATE if leads or role != LEAD else LEAD, others, text, cells)
            continue
        yield Line(index + 1, role, names, text, cells)


def _at(row: list[str], column: int) -> str:
    return row[column].strip() if column < len(row) else ""


def _role_and_rest(text: str) -> tuple[str | None, str]:
    """牵头单位 / 牵头:区市场监管局 / 区市场监管局(牵头) / 区市场监管局."""
    t = unicodedata.normalize("NFKC", text).strip()
    if m := re.fullmatch(r"(牵头|配合)(?:单位|部门)?\s*:?\s*(.*)", t, re.DOTALL):
        return m.group(1), m.group(2)
    if m := re.fullmatch(r"([^、,;/\n]*?)\s*\((牵头|配合)(?:单位|部门)?\)", t, re.DOTALL):
        return m.group(2), m.group(1)
    return None, text


def _names(text: str) -> list[str]:
    """Several departments may share a cell: 区住建局、区应急局."""
    return [name.strip() for name in re.split(r"[、,，;；/\n]+", text) if clean(name)]


def _group(form: Form, lines: list[Line], identity: tuple[str, ...]) -> None:
    items: list[Item] = []
    keys = (SEQUENCE, *identity)
    current: dict[str, str] = {}
    for line in lines:
        own = {key: clean(line.cells.get(key, "")) for key in keys}
        changed = any(own[key] and own[key] != current.get(key) for key in keys)
        if line.role == LEAD or not items or changed:
            items.append(Item([line]))
            current = own
            line.role = line.role or LEAD
        else:
            items[-1].lines.append(line)
            line.role = line.role or COOPERATE
    seen_lead = False
    for item in items:
        lead = item.lead
        if lead.role != LEAD:
            reason = "该事项缺少牵头单位行(每项先填一行牵头单位,再填配合单位)"
            if not seen_lead:
                reason = "配合单位行出现在任何牵头单位行之前"
            form.reject(item, [form.error(lead, DEPARTMENT, reason)])
            continue
        seen_lead = True
        if len(lead.departments) != 1:
            reason = (
                "牵头单位为空"
                if not lead.departments
                else "牵头单位只能填一个(同一格填写多个部门时,请在牵头单位后注明「(牵头)」)"
            )
            form.reject(item, [form.error(lead, DEPARTMENT, reason)])
            continue
        good = [lead]
        for line in item.cooperating:
            if not line.departments:
                form.errors.append(form.error(line, DEPARTMENT, "配合单位为空"))
            else:
                good.append(line)
        form.items.append(Item(good))
