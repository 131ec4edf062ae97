"""权责清单 (权力清单 + 责任清单) and the 互联网+监管 监管事项目录清单, as offices publish them (.xlsx or .csv).

Two layouts are recognised by their headers:
- 权责清单: 序号, 事项编码, 事项名称 (or 主项名称/子项名称), 事项类型, 设定依据, 实施主体, 承办机构, 责任事项,
  追责情形, 备注;
- 监管事项目录清单: 主项名称, 子项名称, 监管对象, 监管措施, 设定依据, 监管层级, 事项编码 (one department's list:
  its department is given with --department).
Each row is a Matter (a 子项 keeps its 主项 as parent_id; the 事项编码 is its code and part of its id), the
实施主体 an assignment in the region (牵头, others in the cell 配合), the cited articles BASED_ON links. Lists cite
several laws in one 设定依据 cell, often laws this graph does not hold or whole laws without an article: those
parts are kept as written with a warning; an article a known law does not have is an error. An article cited by
its number in an older version is read there (see loaders/forms/graph.py). Unknown 事项类型 words load as
written with a warning. The same all-or-nothing, dry-run and partial rules as the forms.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from graphsvc import vocab
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import InvalidInput
from graphsvc.names import DepartmentIndex, Names, UnknownDepartment
from graphsvc.vocab import VocabularyName
from loaders.citations import Citation, CitationError, parse_citations
from loaders.forms.cells import parse_category, parse_level, text
from loaders.forms.graph import Articles, department_index, region_chain, title_key
from loaders.forms.layout import COOPERATE, LEAD, FormError, _role_and_rest, _sheets, label
from loaders.rows import ListRow as Row
from loaders.rows import LoadReport, RowError, RowProblems
from loaders.table import write_batches

UPSERT_MATTERS = query("powers/upsert_power_matters")
UPSERT_ASSIGNMENTS = query("powers/upsert_power_assignments")
LIST_FUNCTION_PERFORMERS = query("powers/list_function_performers")

COLUMNS: dict[str, tuple[str, ...]] = {
    "seq": ("序号",),
    "code": ("事项编码", "编码", "事项代码", "基本编码", "监管事项编码", "权力编码", "职权编码"),
    "name": ("事项名称", "权力事项名称", "职权名称", "权责事项名称", "权力名称"),
    "main": ("主项名称", "主项", "监管事项主项名称", "主项事项名称", "事项名称主项"),
    "sub": ("子项名称", "子项", "监管事项子项名称", "子项事项名称", "事项名称子项"),
    "category": ("事项类型", "事项类别", "权力类型", "职权类别", "职权类型", "权力类别"),
    "basis": ("设定依据", "实施依据", "法律依据", "设定和实施依据"),
    "department": ("实施主体", "责任主体", "实施部门", "实施机关"),
    "unit": ("承办机构", "承办科室", "内设机构", "承办单位"),
    "duties": ("责任事项",),
    "accountability": ("追责情形", "追责情形及依据", "追责依据"),
    "note": ("备注",),
    "subjects": ("监管对象",),
    "measures": ("监管措施",),
    "level": ("监管层级", "行使层级", "层级"),
}
HEADERS_CN = {
    "seq": "序号",
    "code": "事项编码",
    "name": "事项名称",
    "main": "主项名称",
    "sub": "子项名称",
    "category": "事项类型",
    "basis": "设定依据",
    "department": "实施主体",
    "unit": "承办机构",
    "level": "监管层级",
}
_NOTES = re.compile(r"^(?:填表说明|(?:说明|备注|注)[:：])")
_SEPARATORS = re.compile(r"^[\s、,，;；。.:：和及与]+|[\s、,，;；。:：和及与]+$")
HEADER_SEARCH_ROWS = 30
BATCH = 1000


@dataclass
class PowerList:
    file: str
    layout: str  # 权责清单 or 监管事项目录清单
    headers: dict[str, str]  # key → the header as written
    rows: list[Row] = field(default_factory=list)


def read_list(path: Path) -> PowerList:
    """The list's rows under its header (found by its labels, on one or two rows); raises FormError."""
    for grid in _sheets(path):
        for index, row in enumerate(grid[:HEADER_SEARCH_ROWS]):
            below = grid[index + 1] if index + 1 < len(grid) else []
            columns, headers, two_rows = _columns(row, below)
            has_name = "name" in columns or "main" in columns
            if not (has_name and "basis" in columns):
                continue
            layout = "监管事项目录清单" if "measures" in columns or "category" not in columns else "权责清单"
            found = PowerList(path.name, layout, headers)
            start = index + (2 if two_rows else 1)
            for number, cells in enumerate(grid[start:], start=start + 1):
                filled = [c for c in cells if c.strip()]
                if not filled:
                    continue
                if _NOTES.match(unicodedata.normalize("NFKC", filled[0]).strip()):
                    break
                values = {k: (cells[j].strip() if j < len(cells) else "") for k, j in columns.items()}
                found.rows.append(Row(number, values))
            return found
    raise FormError("未找到表头:表头应包含 事项名称(或 主项名称)和 设定依据")


def _columns(row: list[str], below: list[str]) -> tuple[dict[str, int], dict[str, str], bool]:
    """Columns by key; a two-row header (事项名称 over 主项 | 子项) takes the second row's words where it has them."""
    wanted = {label(w): key for key, words in COLUMNS.items() for w in words}
    below_labels = [label(c) for c in below]
    two_rows = any(wanted.get(b) in ("main", "sub") for b in below_labels)
    columns: dict[str, int] = {}
    headers: dict[str, str] = {}
    for j, cell in enumerate(row):
        words = [below_labels[j]] if two_rows and j < len(below_labels) and below_labels[j] else []
        for word in [*words, label(cell)]:
            key = wanted.get(word)
            if key and key not in columns:
                columns[key] = j
                headers[key] = word
                break
    return columns, headers, two_rows


def power_id(region_id: str, code: str, name: str) -> str:
    """power-610113-<事项编码>, or a hash of the name when the list gives no code."""
    if code:
        return (
            f"power-{region_id}-{re.sub(r'[^0-9A-Za-z_.-]', '', code) or hashlib.sha1(code.encode()).hexdigest()[:10]}"
        )
    return f"power-{region_id}-{hashlib.sha1(text(name).encode()).hexdigest()[:10]}"


@dataclass
class _Context(RowProblems):
    names = HEADERS_CN
    region_id: str
    region_level: str
    departments: DepartmentIndex


def load_powers(
    runner: Runner,
    path: Path,
    region: str,
    actor: str,
    *,
    department: str | None = None,
    dry_run: bool = False,
    partial: bool = False,
    as_of: date | None = None,
    progress: Callable[[int], None] | None = None,
) -> LoadReport:
    """Loads a 权责清单 or 监管事项目录清单 for a region (code or name); department (id or name) is the 实施主体 of
    rows that name none. Every row checked; the good ones written (all or nothing unless partial; nothing on a
    dry run); every rejected row and every warning reported."""
    report = LoadReport()
    names = Names(runner, as_of)
    try:
        region_id = names.region(region, "--region")
    except InvalidInput as e:  # said in the report, like a form's unknown region
        report.errors.append(RowError(path.name, 0, "--region", e.message, region))
        return report
    try:
        found = read_list(path)
    except FormError as e:
        report.errors.append(RowError(path.name, 0, "", str(e), str(path)))
        return report
    day = as_of or date.today()
    chain = region_chain(runner, region_id)
    words = vocab.load(runner)
    index = department_index(runner, chain, day, words[VocabularyName.department])
    context = _Context(found.file, found.headers, region_id, chain[0].level, index)
    default_department = None
    if department:
        try:
            default_department = index.match(department).id
        except UnknownDepartment as e:
            report.errors.append(RowError(path.name, 0, "--department", str(e), department))
            return report

    cited = [c for r in found.rows for part in _basis_parts(r.cells.get("basis", "")) for c in _quiet(part)]
    articles = Articles(runner, cited, day)
    matters: list[dict[str, Any]] = []
    assignments: list[dict[str, Any]] = []
    first_row: dict[str, int] = {}
    main_ids: dict[str, str] = {}  # 主项 name → its matter id, for the parent_id of its 子项
    main_name = ""
    for row in found.rows:
        cells = row.cells
        if cells.get("main"):
            main_name = cells["main"]
        elif cells.get("sub") and main_name:
            cells["main"] = main_name  # a 主项 merged down, or left blank under its first row
        before = len(context.errors)
        matter = _matter(context, row, articles, words, found.layout)
        if matter and matter["parent_id"]:
            matter["parent_id"] = main_ids.get(cells["main"], matter["parent_id"])
        elif matter:
            main_ids[matter["name"]] = matter["id"]
        holders = _holders(context, row, default_department)
        if matter and matter["id"] in first_row:
            what = "事项编码" if matter["code"] else "事项名称"
            context.error(row, "code" if matter["code"] else "name", f"{what}与第{first_row[matter['id']]}行重复")
        if len(context.errors) > before or matter is None or not holders:
            continue
        first_row[matter["id"]] = row.number
        matters.append(matter)
        for department_id, role, unit in holders:
            assignments.append(
                {
                    "id": f"{matter['id']}-{department_id}",
                    "matter_id": matter["id"],
                    "department_id": department_id,
                    "region_id": region_id,
                    "role": role,
                    "unit": unit,
                    "valid_from": as_of,
                    "source": matter["source"],
                }
            )
    _check_functions(runner, context, found, matters, assignments, day)

    report.errors = sorted(context.errors, key=lambda e: e.row)
    bad = {e.row for e in report.errors}
    report.warnings = sorted((w for w in context.warnings if w.row not in bad), key=lambda e: e.row)
    report.planned = {"Matter": len(matters), "Assignment": len(assignments)}
    report.items = (len(matters), len(found.rows))
    report.rows = (len(found.rows) - len(bad), len(found.rows))
    if dry_run or (report.errors and not partial):
        return report
    report.written["Matter"] = write_batches(runner, UPSERT_MATTERS, matters, actor, BATCH, progress)
    report.written["Assignment"] = write_batches(runner, UPSERT_ASSIGNMENTS, assignments, actor, BATCH)
    return report


def _matter(
    context: _Context, row: Row, articles: Articles, words: vocab.Vocabularies, layout: str
) -> dict[str, Any] | None:
    cells = row.cells
    main = text(cells.get("main", "") or cells.get("name", ""))
    sub = text(cells.get("sub", ""))
    name = sub or main
    if not name:
        context.error(row, "name" if "name" in context.headers else "main", "事项名称为空")
        return None
    code = re.sub(r"\s+", "", unicodedata.normalize("NFKC", cells.get("code", "")))
    if "code" in context.headers and not code:
        context.warn(row, "code", "事项编码为空,以事项名称识别该事项")
    category = None
    if layout == "权责清单":
        written = cells.get("category", "").strip()
        if not written:
            context.error(row, "category", "事项类型为空")
        else:
            category = parse_category(written, words)
            if category.canonical is None:
                context.warn(row, "category", f"事项类型「{written}」不在词表中,按原文记录;可由编办添加映射")
    level = context.region_level if context.region_level in ("省", "市", "县") else None
    if cells.get("level", "").strip():
        try:
            level = parse_level(cells["level"], context.region_level, words)
        except ValueError as e:
            context.error(row, "level", str(e))
            return None
    article_ids = _articles(context, row, articles)
    if article_ids is None:
        return None
    matter_id = power_id(context.region_id, code, name)
    parent_id = power_id(context.region_id, "", main) if sub and main and sub != main else None
    return {
        "id": matter_id,
        "code": code or None,
        "name": name,
        "parent_id": parent_id,
        "category": category.canonical if category else ("行政检查" if layout == "监管事项目录清单" else None),
        "category_text": cells.get("category", "").strip() or None,
        "level": level,
        "subjects_text": cells.get("subjects", "").strip() or None,
        "basis_text": cells.get("basis", "").strip(),
        "duties_text": cells.get("duties", "").strip() or None,
        "accountability_text": cells.get("accountability", "").strip() or None,
        "measures_text": cells.get("measures", "").strip() or None,
        "note": cells.get("note", "").strip() or None,
        "article_ids": article_ids,
        "source": f"{context.file} 第{row.number}行",
    }


def _basis_parts(value: str) -> list[str]:
    """One part per law: 《A》第五条;《B》第十条 → two parts. Text before the first 《 joins it."""
    source = unicodedata.normalize("NFKC", value).strip()
    if "《" not in source:
        return [source] if source else []
    parts = re.split(r"(?=《)", source)
    if parts and "《" not in parts[0]:
        parts = [parts[0] + parts[1], *parts[2:]] if len(parts) > 1 else parts
    return [p for p in (_SEPARATORS.sub("", p) for p in parts) if p]


@lru_cache(maxsize=8192)
def _citations(part: str) -> tuple[Citation, ...]:
    """parse_citations, once per distinct text: a list repeats the same 设定依据 on every 子项."""
    return tuple(parse_citations(part))


def _quiet(part: str) -> list[Citation]:
    try:
        return list(_citations(part))
    except CitationError:
        return []


def _articles(context: _Context, row: Row, articles: Articles) -> list[str] | None:
    """The articles the 设定依据 cites; None (with the error) when a known law lacks a cited article."""
    value = row.cells.get("basis", "")
    parts = _basis_parts(value)
    if not parts:
        context.error(row, "basis", "设定依据为空")
        return None
    found: list[str] = []
    for part in parts:
        try:
            citations = _citations(part)
        except CitationError as e:
            title = re.search(r"《([^《》]+)》", part)
            known = title and title_key(title.group(1)) in articles.bases
            what = f"《{title.group(1)}》" if title else f"「{part}」"
            if known:
                context.warn(row, "basis", f"{what}{'未写明具体条款' if '未写明' in str(e) else str(e)},按原文记录")
            else:
                context.warn(row, "basis", f"{what}未收录于本系统,按原文记录")
            continue
        for citation in citations:
            if title_key(citation.title) not in articles.bases:
                context.warn(row, "basis", f"《{citation.title}》未收录于本系统,按原文记录", part)
                break
            try:
                article_id, note = articles.resolve_with_note(citation)
            except ValueError as e:
                context.error(row, "basis", str(e), part)
                return None
            found.append(article_id)
            if note:
                context.warn(row, "basis", note, part)
    return list(dict.fromkeys(found))


def _holders(context: _Context, row: Row, default: str | None) -> list[tuple[str, str, str | None]]:
    """(department id, 牵头/配合, 承办机构) of the 实施主体 cell; the first (or the one marked 牵头) leads."""
    written = row.cells.get("department", "").strip()
    unit = row.cells.get("unit", "").strip() or None
    if not written:
        if default:
            return [(default, LEAD, unit)]
        context.error(row, "department", "实施主体为空(一个部门的清单可用 --department 指定)")
        return []
    parts = [p for p in re.split(r"[、,，;；/\n]+", written) if p.strip()]
    marked = [_role_and_rest(p) for p in parts]
    if not any(r == LEAD for r, _ in marked):
        marked = [(LEAD if i == 0 else (r or COOPERATE), n) for i, (r, n) in enumerate(marked)]
        if len(marked) > 1 and all(r is None for r, _ in (_role_and_rest(p) for p in parts)):
            context.warn(
                row, "department", f"实施主体有 {len(parts)} 个部门且未注明牵头,按第一个为牵头、其余为配合载入"
            )
    holders: list[tuple[str, str, str | None]] = []
    for role, name in marked:
        try:
            match = context.departments.resolve(name)
        except UnknownDepartment as e:
            context.error(row, "department", str(e), name)
            return []
        if match.note:
            context.warn(row, "department", match.note, name)
        if match.department.id not in {h[0] for h in holders}:
            holders.append((match.department.id, role or COOPERATE, unit))
    if sum(1 for h in holders if h[1] == LEAD) > 1:
        context.error(row, "department", "实施主体中只能有一个牵头部门")
        return []
    return holders


def _check_functions(
    runner: Runner,
    context: _Context,
    found: PowerList,
    matters: list[dict[str, Any]],
    assignments: list[dict[str, Any]],
    day: date,
) -> None:
    """A warning where the cited articles name an authority (a function) that the lead 实施主体 does not perform:
    the list and the law disagree, something the 编办 should see."""
    article_ids = sorted({a for m in matters for a in m["article_ids"]})
    leads = {a["matter_id"]: a["department_id"] for a in assignments if a["role"] == LEAD}
    if not article_ids or not leads:
        return
    rows = runner.read(
        LIST_FUNCTION_PERFORMERS, article_ids=article_ids, department_ids=sorted(set(leads.values())), as_of=day
    )
    named: dict[str, list[dict[str, Any]]] = {}
    for r in rows:
        named.setdefault(r["article_id"], []).append(r)
    by_number = {r.number: r for r in found.rows}
    for m in matters:
        functions = [f for a in m["article_ids"] for f in named.get(a, [])]
        lead = leads.get(m["id"])
        if functions and lead and not any(lead in f["performers"] for f in functions):
            row = by_number[int(m["source"].rsplit("第", 1)[1].rstrip("行"))]
            names = "、".join(dict.fromkeys(f["function_name"] for f in functions))
            context.warn(
                row, "department", f"设定依据所称「{names}」不由该实施主体履行,请核对", row.cells.get("department")
            )
