"""Full law texts (the Markdown of shared/laws/) into legal bases, versions and articles down to 款 and 项.

A file is `# title`, dated history lines (公布/通过/修订/修正/施行), `<!-- INFO END -->`, then 编/章/节
headings and articles 第X条 whose paragraphs are its 款, with 项 written (一)…. Parsing is pure and
collects every problem with its line; a file with any problem writes nothing. Loading a version next
to another of the same law recomputes their validity and links renumbered articles (RENUMBERED_AS).

Loading also reads the duties: the authorities each article names become NAMES_FUNCTION links (method
'text'; loaders/authorities.py), the phrases no function fits are reported; the earlier versions the history
lines name are written without text (text_known false); and each pair of neighbouring versions with text gets
an amendment report (graphsvc/amendments.py) for review.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from graphsvc.amendments import AmendmentReport
from graphsvc.config import ROOT
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import InvalidInput
from graphsvc.legal_ids import article_id, basis_id, parent_article_id, version_id
from graphsvc.responsibility import behaviour_search
from graphsvc.responsibility.impact import amendment_report
from graphsvc.writes import require, upsert
from loaders.authorities import Hit, Lexicon, find
from loaders.rows import LoadReport, RowError, read_csv
from loaders.table import write_batches

UPSERT_LEGAL_BASES = query("law/upsert_legal_bases")
UPSERT_BASIS_VERSIONS = upsert("BasisVersion")
UPSERT_ARTICLES = upsert("Article")
LINK_ARTICLE_PARENTS = query("law/link_article_parents")
SET_VERSION_VALIDITY = query("law/set_version_validity")
LIST_BASIS_VERSIONS = query("law/list_basis_versions")
LIST_VERSION_ARTICLES = query("law/list_version_articles")
LIST_RENUMBERINGS = query("law/list_renumberings")
DELETE_RENUMBERINGS = query("law/delete_renumberings")
LINK_RENUMBERINGS = query("law/link_renumberings")
UPSERT_HISTORY_VERSIONS = query("law/upsert_history_versions")
LIST_FUNCTIONS = query("law/list_functions")
LINK_ARTICLE_FUNCTIONS = query("law/link_article_functions")

INFO_END = "<!-- INFO END -->"
SIMILARITY_THRESHOLD = 0.6  # below this two articles are not taken for the same provision

# -- Chinese numerals ----------------------------------------------------------------------------

_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_NUM = "[〇零一二三四五六七八九两十百千]+"


def cn_number(text: str) -> int:
    """第一百零一条 → 101: the numerals of article, 款 and 项 numbers (below 10000)."""
    total, digit = 0, None
    for ch in text:
        if ch in _DIGITS:
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            total += (1 if digit is None else digit) * _UNITS[ch]
            digit = None
        else:
            raise ValueError(f"not a Chinese numeral: {text}")
    if not text:
        raise ValueError("empty numeral")
    return total + (digit or 0)


def cn_numeral(n: int) -> str:
    """101 → 一百零一, 10 → 十, 110 → 一百一十: as laws write their numbers."""
    if not 0 < n < 10000:
        raise ValueError(f"out of range: {n}")
    digits = "零一二三四五六七八九"
    if n < 20:
        return ("十" if n >= 10 else "") + (digits[n % 10] if n % 10 else "")
    out, zero = "", False
    for unit, value in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        d = n // value % 10
        if d:
            out += ("零" if zero else "") + digits[d] + unit
            zero = False
        elif out:
            zero = True
    return out


# -- the parsed text -----------------------------------------------------------------------------


@dataclass
class Clause:
    """A 款: a paragraph of an article, with its 项."""

    number: int
    text: str
    items: list[str] = field(default_factory=list)  # the 项, without their (一) marker
    lines: list[str] = field(default_factory=list)  # the 项 as written, for the 款's full text

    @property
    def full_text(self) -> str:
        return "\n".join([self.text, *self.lines])


@dataclass
class Article:
    number: int
    label: str  # as written: 第一百一十条
    chapter: str
    line: int
    clauses: list[Clause] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(c.full_text for c in self.clauses)


@dataclass(frozen=True)
class Event:
    on: date
    kind: str  # 公布 / 通过 / 修订 / 修正 / 施行
    text: str
    issuer: str | None


@dataclass
class LawText:
    file: str
    title: str
    events: list[Event]
    articles: list[Article]
    version_date: date
    effective_from: date
    warnings: list[str] = field(default_factory=list)

    @property
    def basis_id(self) -> str:
        return basis_id(self.title)

    @property
    def version_id(self) -> str:
        return version_id(self.basis_id, self.version_date)

    @property
    def issuer(self) -> str | None:
        return next((e.issuer for e in reversed(self.events) if e.issuer), None)

    @property
    def kind(self) -> str:
        return law_kind(self.title, self.issuer)


class MalformedLaw(InvalidInput):
    """A law text that cannot be loaded; `errors` point at its lines."""

    def __init__(self, errors: list[RowError]):
        first = errors[0]
        super().__init__(
            f"{first.file} 有 {len(errors)} 处格式错误,例如第 {first.row} 行:{first.reason}",
            [e.as_detail() for e in errors],
        )
        self.errors = errors


# -- parsing ---------------------------------------------------------------------------------------

_ARTICLE = re.compile(rf"第({_NUM})条(之{_NUM})?(?:\s+(.*)|$)")
_ITEM = re.compile(r"[(（]([一二三四五六七八九十]+)[)）]\s*(.*)")
_DIVISION = re.compile(rf"第({_NUM})([编章节])\s*(.*)")
_DATE = re.compile(r"(\d{4})年(\d{1,2})月(\d{1,2})日")
_FILE_DATE = re.compile(r"[(（](\d{4}-\d{2}-\d{2})[)）]")
_COMMENCEMENT = re.compile(r"自(\d{4})年(\d{1,2})月(\d{1,2})日起施行")
# Decision titles (《关于修改…的决定》) name other acts: their words are not this line's event.
_QUOTED = re.compile(r"《[^》]*》")
_EVENT_WORDS = {"修订": "修订", "修正": "修正", "公布": "公布", "发布": "公布", "通过": "通过", "施行": "施行"}
_NPC = re.compile(r"全国人民代表大会(常务委员会)?")
_LOCAL_CONGRESS = re.compile(rf"([\u4e00-\u9fff]+?)第{_NUM}届人民代表大会(常务委员会)?")
_LOCAL_TITLE = re.compile(r"[\u4e00-\u9fff]{2,4}?(省|自治区|市|自治州|盟)")  # 上海市…, 内蒙古自治区…
_LEVELS = "编章节"


def law_kind(title: str, issuer: str | None) -> str:
    """法律 / 行政法规 / 地方性法规 / 规章, from the body that made it, else from the title."""
    if issuer:
        if issuer.startswith("全国人民代表大会"):
            return "法律"
        if issuer == "国务院":
            return "行政法规"
        if "人民代表大会" in issuer:
            return "地方性法规"
        return "规章"
    if _LOCAL_TITLE.match(title) and not title.startswith(("中华人民共和国", "国务院")):
        return "地方性法规"
    return "法律" if title.endswith("法") and not title.endswith("办法") else "行政法规"


def _issuer(segment: str) -> str | None:
    if m := _NPC.search(segment):
        return m.group(0)
    if "国务院" in segment:
        return "国务院"
    if m := _LOCAL_CONGRESS.search(segment):
        return f"{m.group(1)}人民代表大会{m.group(2) or ''}"
    return None


def _events(line: str, number: int, problems: list[tuple[int, str, str]]) -> list[Event]:
    """The events of a history line; one line may carry two (…第一次修正根据2009年8月27日…第二次修正)."""
    dates = list(_DATE.finditer(line))
    events = []
    for m, nxt in zip(dates, [*dates[1:], None], strict=True):
        segment = line[m.start() : nxt.start() if nxt else len(line)].strip(" \u3000（）()").removesuffix("根据")
        rest = _QUOTED.sub("", segment[m.end() - m.start() :])
        kind = next((k for word, k in _EVENT_WORDS.items() if word in rest), None)
        try:
            on = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            problems.append((number, "日期无效", m.group(0)))
            continue
        if kind is None:
            problems.append((number, "无法识别的事件(应含 公布/通过/修订/修正/施行)", segment))
            continue
        events.append(Event(on, kind, segment.strip(), _issuer(segment[m.end() - m.start() :])))
    return events


def _file_date(file: str) -> date | None:
    m = _FILE_DATE.search(file)
    return date.fromisoformat(m.group(1)) if m else None


def _commencement(article: Article) -> date | None:
    """The date the last article says the text takes effect (本法自…起施行); 自公布之日 is the default."""
    m = _COMMENCEMENT.search(article.text)
    return date(int(m.group(1)), int(m.group(2)), int(m.group(3))) if m else None


def parse_law(text: str, file: str) -> LawText:
    """The law in a Markdown text; `file` names it in errors and may carry the version date, as in
    食品安全法(2021-04-29).md. Raises MalformedLaw listing every problem with its line."""
    problems: list[tuple[int, str, str]] = []  # (line, reason, value)
    lines = text.splitlines()
    title, title_line, events, body_start = "", 0, [], len(lines)
    for number, raw in enumerate(lines, 1):
        line = raw.strip()
        if not line:
            continue
        if line == INFO_END or line.startswith("##") or _ARTICLE.match(line):
            body_start = number if line == INFO_END else number - 1
            break
        if not title_line:
            title_line = number
            if line.startswith("# ") and line[2:].strip():
                title = line[2:].strip()
            else:
                problems.append((number, "缺少标题(第一行应为「# 名称」)", line))
        elif line.startswith("#"):
            continue  # a subtitle
        elif _DATE.match(line.lstrip("（(")):
            events += _events(line, number, problems)
        else:
            problems.append((number, "无法识别的行(标题与正文之间应为「YYYY年M月D日 事件」)", line))
    if not title_line:
        problems.append((1, "缺少标题(第一行应为「# 名称」)", ""))
    articles = _parse_body(lines, body_start, problems)
    if not articles:
        problems.append((len(lines) or 1, "没有条文(应有以「第一条」开头的段落)", ""))
    events.sort(key=lambda e: e.on)
    warnings: list[str] = []
    made = [e.on for e in events if e.kind != "施行"]
    from_history, from_file = max(made, default=None), _file_date(file)
    if not events:
        warnings.append("没有公布、修订等历史记录")
    if from_file and from_history and from_history > from_file:
        problems.append((title_line, f"文件名中的日期 {from_file} 早于历史记录中的 {from_history}", file))
    elif from_file and from_history and from_history != from_file:
        warnings.append(f"历史记录止于 {from_history},版本日期取自文件名 {from_file}")
    version_date = from_file or from_history
    commencement = _commencement(articles[-1]) if articles else None
    if version_date is None and commencement:
        version_date = commencement
        warnings.append(f"没有公布日期,版本日期取自施行条款 {commencement}")
    if version_date is None and articles:
        problems.append((title_line or 1, "缺少版本日期:没有公布/通过/修订/修正记录,文件名中也没有日期", file))
    if problems:
        raise MalformedLaw([RowError(file, n, "", reason, value[:60]) for n, reason, value in sorted(problems)])
    assert version_date is not None
    # The history's 施行 for this version, else the last article's (a later amendment keeps the
    # original commencement clause, so an earlier date there is not this version's).
    starts = [e.on for e in events if e.kind == "施行" and e.on >= version_date]
    if not starts and commencement and commencement >= version_date:
        starts = [commencement]
    return LawText(file, title, events, articles, version_date, min(starts, default=version_date), warnings)


def _parse_body(lines: list[str], start: int, problems: list[tuple[int, str, str]]) -> list[Article]:
    articles: list[Article] = []
    seen: dict[int, int] = {}
    headings = dict.fromkeys(_LEVELS, "")
    current: Article | None = None
    for number, raw in enumerate(lines[start:], start + 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            current = None
            division = _DIVISION.fullmatch(line.lstrip("#").strip())
            if not division:
                problems.append((number, "标题应为「第X编/章/节 名称」", line))
                continue
            level = division.group(2)
            name = re.sub(r"\s+", "", division.group(3))
            headings[level] = f"第{division.group(1)}{level}" + (f" {name}" if name else "")
            for lower in _LEVELS[_LEVELS.index(level) + 1 :]:
                headings[lower] = ""
            continue
        if m := _ARTICLE.match(line):
            current = None
            if m.group(2):
                problems.append((number, "暂不支持插入条文(第X条之一)", line))
                continue
            n = cn_number(m.group(1))
            expected = articles[-1].number + 1 if articles else 1
            if n in seen:
                problems.append((number, f"条号重复:第{m.group(1)}条已见于第 {seen[n]} 行", line))
            elif n != expected:
                problems.append((number, f"条号不连续:此处应为第{cn_numeral(expected)}条", line))
            chapter = " ".join(h for h in headings.values() if h)
            current = Article(n, f"第{m.group(1)}条", chapter, number)
            if n not in seen:  # out of sequence still counts, so the next number is checked against it
                articles.append(current)
            seen.setdefault(n, number)
            if m.group(3):
                current.clauses.append(Clause(1, m.group(3).strip()))
            continue
        if current is None:
            problems.append((number, "段落不属于任何条文(条文应以「第X条」开头)", line))
        elif item := _ITEM.fullmatch(line):
            if not current.clauses:
                problems.append((number, "项之前缺少款的正文", line))
                continue
            clause = current.clauses[-1]
            expected = len(clause.items) + 1
            if cn_number(item.group(1)) != expected:
                problems.append((number, f"项号不连续:此处应为({cn_numeral(expected)})", line))
            clause.items.append(item.group(2).strip())
            clause.lines.append(line)
        else:
            current.clauses.append(Clause(len(current.clauses) + 1, line))
    problems += [(a.line, "条文没有正文", a.label) for a in articles if not a.clauses]
    return articles


def read_law(path: Path) -> LawText:
    """The law in a Markdown file (UTF-8)."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as e:
        raise MalformedLaw([RowError(path.name, 1, "", "文件不是 UTF-8 编码", str(e)[:60])]) from None
    return parse_law(text, path.name)


# -- rows for the graph ----------------------------------------------------------------------------


def _source(path: Path) -> str:
    path = path.resolve()
    return path.relative_to(ROOT.parent).as_posix() if path.is_relative_to(ROOT.parent) else str(path)


def basis_row(law: LawText) -> dict[str, Any]:
    return {"id": law.basis_id, "title": law.title, "short_title": law.basis_id, "kind": law.kind, "issuer": law.issuer}


def version_row(law: LawText, source: str) -> dict[str, Any]:
    return {
        "id": law.version_id,
        "basis_id": law.basis_id,
        "version": law.version_date.isoformat(),
        "title": law.title,
        "events": [e.text for e in law.events],
        "promulgated_on": law.version_date,
        "effective_from": law.effective_from,
        "source": source,
        "text_known": True,
    }


def history_rows(law: LawText) -> list[dict[str, Any]]:
    """The earlier versions the history lines name (公布/通过/修订/修正 before this version), without text: each
    in force from its date (or the 施行 date listed before the next one) until the next takes effect."""
    made = sorted({e.on for e in law.events if e.kind != "施行" and e.on < law.version_date})
    rows = []
    for i, on in enumerate(made):
        after = made[i + 1] if i + 1 < len(made) else law.version_date
        starts = [e.on for e in law.events if e.kind == "施行" and on <= e.on < after]
        rows.append(
            {
                "id": version_id(law.basis_id, on),
                "basis_id": law.basis_id,
                "version": on.isoformat(),
                "title": law.title,
                "events": [e.text for e in law.events if e.on <= on],
                "promulgated_on": on,
                "effective_from": min(starts, default=on),
                "source": f"{law.file} 的历史记录(该版本文本未载入)",
            }
        )
    return rows


def article_rows(law: LawText) -> list[dict[str, Any]]:
    """One row per 条, 款 and 项, parents before children."""
    rows = []

    def row(number: int, clause: int, item: int, label: str, chapter: str, text: str) -> None:
        node = article_id(law.version_id, number, clause, item)
        rows.append(
            {
                "id": node,
                "version_id": law.version_id,
                "number": number,
                "clause": clause,
                "item": item,
                "label": label,
                "chapter": chapter or None,
                "text": text,
                "parent_id": parent_article_id(node),
            }
        )

    for a in law.articles:
        row(a.number, 0, 0, a.label, a.chapter, a.text)
        for c in a.clauses:
            clause_label = f"{a.label}第{cn_numeral(c.number)}款"
            row(a.number, c.number, 0, clause_label, a.chapter, c.full_text)
            for i, item in enumerate(c.items, 1):
                row(a.number, c.number, i, f"{clause_label}第{cn_numeral(i)}项", a.chapter, item)
    return rows


# -- renumbering -----------------------------------------------------------------------------------

_NOISE = re.compile(r"[\s，。、；：？！“”‘’「」《》〈〉（）()\[\]<>,.;:?!\"'·—…-]")


def _normalise(text: str) -> str:
    return _NOISE.sub("", text)


@dataclass(frozen=True)
class Match:
    old: int
    new: int
    similarity: float


def match_articles(old: dict[int, str], new: dict[int, str], threshold: float = SIMILARITY_THRESHOLD) -> list[Match]:
    """Pairs old and new articles one to one by text similarity (difflib ratio on the text without
    spaces and punctuation), best pairs first; ties go to the nearer number."""
    olds = {n: _normalise(t) for n, t in old.items() if t}
    candidates = []
    matcher = difflib.SequenceMatcher(autojunk=False)
    for n, text in new.items():
        if not text:
            continue
        matcher.set_seq2(_normalise(text))
        for o, old_text in olds.items():
            matcher.set_seq1(old_text)
            if matcher.real_quick_ratio() >= threshold and matcher.quick_ratio() >= threshold:
                score = matcher.ratio()
                if score >= threshold:
                    candidates.append((-round(score, 4), abs(o - n), o, n))
    matches, used_old, used_new = [], set(), set()
    for score, _, o, n in sorted(candidates):
        if o not in used_old and n not in used_new:
            matches.append(Match(o, n, -score))
            used_old.add(o)
            used_new.add(n)
    return sorted(matches, key=lambda m: m.old)


def read_mapping(path: Path) -> list[tuple[int, int, int]]:
    """(line, old number, new number) from a CSV old_number,new_number (12 or 第十二条)."""
    rows, errors, seen = [], [], set()
    for line, raw in read_csv(path):
        pair = []
        for column in ("old_number", "new_number"):
            value = raw.get(column, "")
            try:
                pair.append(_article_number(value))
            except ValueError:
                errors.append(RowError(path.name, line, column, "应为条号,如 12 或 第十二条", value))
        if len(pair) == 2:
            if (pair[0], pair[1]) in seen:
                errors.append(RowError(path.name, line, "old_number", "重复的对应关系", raw.get("old_number", "")))
            seen.add((pair[0], pair[1]))
            rows.append((line, pair[0], pair[1]))
    if not rows and not errors:
        errors.append(RowError(path.name, 1, "old_number", "没有对应关系(表头应为 old_number,new_number)", ""))
    if errors:
        raise MalformedLaw(errors)
    return rows


def _article_number(value: str) -> int:
    value = value.strip()
    if value.isdigit():
        return int(value)
    if m := re.fullmatch(rf"第?({_NUM})条?", value):
        return cn_number(m.group(1))
    raise ValueError(value)


# -- loading ---------------------------------------------------------------------------------------


@dataclass
class LawFileResult:
    file: str
    basis: str
    version: str
    effective_from: date
    articles: int  # 条
    clauses: int  # 款
    items: int  # 项
    status: str = ""
    renumbered: int = 0  # RENUMBERED_AS links to or from this version written by the load
    warnings: list[str] = field(default_factory=list)
    history_versions: list[str] = field(default_factory=list)  # earlier versions written without text
    duties: int = 0  # NAMES_FUNCTION links read from the text
    unplaced: list[str] = field(default_factory=list)  # authority phrases no function fits, with an article
    amendments: list[AmendmentReport] = field(default_factory=list)

    def __str__(self) -> str:
        head = (
            f"{self.file}: {self.version} {self.status} 施行 {self.effective_from},"
            f" {self.articles} 条 {self.clauses} 款 {self.items} 项, 改号链接 {self.renumbered}, 职责链接 {self.duties}"
        )
        lines = [head, *(f"  注意:{w}" for w in self.warnings)]
        if self.history_versions:
            lines.append(f"  历史版本(文本未载入):{'、'.join(self.history_versions)}")
        if self.unplaced:
            shown = "；".join(self.unplaced[:12]) + (f" 等 {len(self.unplaced)} 处" if len(self.unplaced) > 12 else "")
            lines.append(f"  未能对应到职能的机关表述:{shown}")
        for a in self.amendments:
            counts = a.counts()
            other = a.old_version if a.new_version == self.version.rpartition("@")[2] else a.new_version
            lines.append(
                f"  与 {other} 版对照:未变 {counts['matched']}、改号 {counts['renumbered']}、修改 {counts['changed']}、"
                f"删除 {counts['deleted']}、新增 {counts['added']}、待确认 {counts['unmatched']}"
            )
        return "\n".join(lines)


@dataclass
class LawLoadReport(LoadReport):
    files: list[LawFileResult] = field(default_factory=list)

    def lines(self) -> list[str]:
        """One entry per loaded file, then the rejected lines."""
        return [str(f) for f in self.files] + [f"{e.file} 第 {e.row} 行:{e.reason} {e.value}" for e in self.errors]


def law_files(path: Path) -> list[Path]:
    """The file itself, or the Markdown files of a folder except its README."""
    if path.is_dir():
        return sorted(p for p in path.glob("*.md") if p.name.lower() != "readme.md")
    return [path]


def load_law_path(
    runner: Runner, path: Path, actor: str, mapping: Path | None = None, today: date | None = None
) -> LawLoadReport:
    """Loads a law text or a folder of them. Good files are written (idempotently), malformed ones are
    reported with their lines and write nothing. `mapping` (CSV old_number,new_number), for a single
    file, ties its articles to those of the neighbouring version as reviewed renumberings."""
    report = LawLoadReport()
    files = law_files(path)
    if not files or not all(f.is_file() for f in files):
        report.errors.append(RowError(path.name, 0, "", "没有可读的法规文本(.md)", str(path)))
        return report
    if mapping and len(files) != 1:
        report.errors.append(RowError(mapping.name, 0, "", "改号对照表只能与单个法规文件一起使用", str(path)))
        return report
    laws: dict[str, tuple[LawText, Path]] = {}
    for file in files:
        try:
            law = read_law(file)
        except MalformedLaw as e:
            report.errors.extend(e.errors)
            continue
        if law.version_id in laws:
            other = laws[law.version_id][0].file
            report.errors.append(RowError(file.name, 1, "", f"与 {other} 是同一版本 {law.version_id}", law.title))
            continue
        laws[law.version_id] = (law, file)
    plan: _MappingPlan | None = None
    if mapping and laws:
        try:
            plan = _plan_mapping(runner, next(iter(laws.values()))[0], mapping)
        except MalformedLaw as e:
            report.errors.extend(e.errors)
            return report
    if laws:
        _write(runner, [(law, _source(file)) for law, file in laws.values()], actor, today or date.today(), report)
        _duties(runner, [law for law, _ in laws.values()], actor, report)
        _renumber(runner, [law for law, _ in laws.values()], actor, plan, report)
        _check_leftovers(runner, [law for law, _ in laws.values()], report)
        behaviour_search.refresh(runner, actor)  # matters are searched by the text of the articles they cite
    return report


def _write(runner: Runner, laws: list[tuple[LawText, str]], actor: str, today: date, report: LawLoadReport) -> None:
    articles = [row for law, _ in laws for row in article_rows(law)]
    versions = [version_row(law, source) for law, source in laws]
    require("BasisVersion", versions)  # before anything is written: nothing half-written stays behind
    require("Article", articles)
    bases = {law.basis_id: basis_row(law) for law, _ in sorted(laws, key=lambda pair: pair[0].version_date)}
    report.written["LegalBasis"] = write_batches(runner, UPSERT_LEGAL_BASES, list(bases.values()), actor)
    report.written["BasisVersion"] = write_batches(runner, UPSERT_BASIS_VERSIONS, versions, actor)
    loaded = {law.version_id for law, _ in laws}
    history = {r["id"]: r for law, _ in laws for r in history_rows(law) if r["id"] not in loaded}
    stubs = {
        r["id"]
        for r in runner.write(UPSERT_HISTORY_VERSIONS, rows=list(history.values()), actor=actor)
        if r["text_known"] is False
    }
    report.written["Article"] = write_batches(runner, UPSERT_ARTICLES, articles, actor, batch_size=2000)
    write_batches(runner, LINK_ARTICLE_PARENTS, [r for r in articles if r["parent_id"]], actor, batch_size=2000)
    validity = runner.write(SET_VERSION_VALIDITY, basis_ids=sorted(bases), today=today, actor=actor)
    status = {r["id"]: r["status"] for r in validity}
    for law, _ in laws:
        clauses = [c for a in law.articles for c in a.clauses]
        report.files.append(
            LawFileResult(
                law.file,
                law.basis_id,
                law.version_id,
                law.effective_from,
                articles=len(law.articles),
                clauses=len(clauses),
                items=sum(len(c.items) for c in clauses),
                status=status.get(law.version_id, ""),
                warnings=list(law.warnings),
                history_versions=[r["version"] for r in history_rows(law) if r["id"] in stubs],
            )
        )


@dataclass(frozen=True)
class _MappingPlan:
    old_version: str
    new_version: str
    pairs: list[tuple[int, int]]


def _neighbours(chain: list[str], version: str) -> tuple[str | None, str | None]:
    """The versions just before and after `version` in a law's chain (ordered by date)."""
    ordered = sorted({*chain, version}, key=lambda v: v.rpartition("@")[2])
    i = ordered.index(version)
    return (ordered[i - 1] if i > 0 else None), (ordered[i + 1] if i + 1 < len(ordered) else None)


def _with_text(row: dict[str, Any]) -> bool:
    """A version whose articles are in the graph: the ones renumbering and amendment reports compare."""
    return row["text_known"] is not False and row["articles"] > 0


def _plan_mapping(runner: Runner, law: LawText, path: Path) -> _MappingPlan:
    """Checks a mapping against the loaded text and its neighbour in the graph, before anything is written."""
    rows = read_mapping(path)
    chain = [r["id"] for r in runner.read(LIST_BASIS_VERSIONS, basis_ids=[law.basis_id]) if _with_text(r)]
    before, after = _neighbours(chain, law.version_id)
    if before is None and after is None:
        raise MalformedLaw([RowError(path.name, 1, "", f"图中没有 {law.basis_id} 的其他版本,无从对照", "")])
    other = before or str(after)
    numbers = {
        law.version_id: {a.number for a in law.articles},
        other: {r["number"] for r in runner.read(LIST_VERSION_ARTICLES, version_ids=[other]) if not r["clause"]},
    }
    old, new = (other, law.version_id) if before else (law.version_id, other)
    errors = [
        RowError(path.name, line, column, f"{version} 没有第{cn_numeral(number)}条", str(number))
        for line, o, n in rows
        for column, number, version in (("old_number", o, old), ("new_number", n, new))
        if number not in numbers[version]
    ]
    if errors:
        raise MalformedLaw(errors)
    return _MappingPlan(old, new, [(o, n) for _, o, n in rows])


def _renumber(
    runner: Runner, laws: list[LawText], actor: str, plan: _MappingPlan | None, report: LawLoadReport
) -> None:
    """Links each loaded version's articles with those of the versions just before and after it."""
    chains: dict[str, list[str]] = {}
    texts = {law.version_id for law in laws}
    for r in runner.read(LIST_BASIS_VERSIONS, basis_ids=sorted({law.basis_id for law in laws})):
        if r["text_known"]:
            texts.add(r["id"])
        if _with_text(r) or r["id"] in {law.version_id for law in laws}:
            chains.setdefault(r["basis_id"], []).append(r["id"])
    pairs: set[tuple[str, str]] = set()
    for law in laws:
        before, after = _neighbours(chains[law.basis_id], law.version_id)
        if before:
            pairs.add((before, law.version_id))
        if after:
            pairs.add((law.version_id, after))
        if before and after:  # a version loaded between two others: they are no longer neighbours
            runner.write(DELETE_RENUMBERINGS, from_version=before, to_version=after, keep_reviewed=True)
    report.written["RENUMBERED_AS"] = 0
    for old, new in sorted(pairs):
        mapped = plan.pairs if plan and (plan.old_version, plan.new_version) == (old, new) else []
        written = _renumber_pair(runner, old, new, mapped, actor)
        report.written["RENUMBERED_AS"] += written
        # Only between two full texts: a catalogue version holds gists, not the words to compare.
        amendment = amendment_report(runner, old.rpartition("@")[0], old, new) if {old, new} <= texts else None
        for f in report.files:
            f.renumbered += written if f.version in (old, new) else 0
            if amendment and f.version in (old, new):
                f.amendments.append(amendment)


def _renumber_pair(runner: Runner, old: str, new: str, mapped: list[tuple[int, int]], actor: str) -> int:
    # A mapping replaces every link between the two versions; otherwise links a person reviewed stay.
    runner.write(DELETE_RENUMBERINGS, from_version=old, to_version=new, keep_reviewed=not mapped)
    kept = runner.read(LIST_RENUMBERINGS, from_version=old, to_version=new)
    old_texts, new_texts = _texts(runner, old), _texts(runner, new)
    taken_old = {r["from_number"] for r in kept} | {o for o, _ in mapped}
    taken_new = {r["to_number"] for r in kept} | {n for _, n in mapped}
    matches = match_articles(
        {n: t for n, t in old_texts.items() if n not in taken_old},
        {n: t for n, t in new_texts.items() if n not in taken_new},
    )
    rows = [_link(old, new, o, n, "mapping", None, True) for o, n in mapped]
    rows += [_link(old, new, m.old, m.new, "similarity", m.similarity, False) for m in matches]
    return write_batches(runner, LINK_RENUMBERINGS, rows, actor)


def _link(old: str, new: str, o: int, n: int, method: str, similarity: float | None, reviewed: bool) -> dict[str, Any]:
    return {
        "from_article_id": article_id(old, o),
        "to_article_id": article_id(new, n),
        "method": method,
        "similarity": similarity,
        "reviewed": reviewed,
    }


def _texts(runner: Runner, version: str) -> dict[int, str]:
    rows = runner.read(LIST_VERSION_ARTICLES, version_ids=[version])
    return {r["number"]: r["text"] or "" for r in rows if not r["clause"]}


def duty_rows(law: LawText, lexicon: Lexicon) -> tuple[list[dict[str, Any]], list[str]]:
    """NAMES_FUNCTION rows for every 条, 款 and 项 of the text, and the phrases no function fits (with the article).
    A 项 that names nobody takes the authority its 款 names before the list (…主管部门有权采取下列措施:); a 条 names
    every authority its 款 name, a government only when it names no department."""
    rows: dict[tuple[str, str], dict[str, Any]] = {}
    unplaced: dict[str, str] = {}

    def add(node: str, hits: list[Hit]) -> None:
        for h in hits:
            rows.setdefault(
                (node, h.function_id),
                {"article_id": node, "function_id": h.function_id, "wording": h.wording, "level": h.level},
            )

    for a in law.articles:
        whole: list[Hit] = []
        for c in a.clauses:
            hits, missed = find(c.full_text, lexicon)
            for u in missed:
                unplaced.setdefault(u.phrase, f"{a.label}")
            add(article_id(law.version_id, a.number, c.number), hits)
            whole += hits
            lead_in = find(c.text, lexicon)[0] if c.items else []
            for i, item in enumerate(c.items, 1):
                add(article_id(law.version_id, a.number, c.number, i), find(item, lexicon)[0] or lead_in)
        departments = [h for h in whole if not h.function_id.endswith("-government")]
        add(article_id(law.version_id, a.number), departments or whole)
    return list(rows.values()), [f"{phrase}({label})" for phrase, label in unplaced.items()]


def _duties(runner: Runner, laws: list[LawText], actor: str, report: LawLoadReport) -> None:
    """Reads the authorities of every article and links them to functions; a reviewed link wins over them."""
    lexicon = Lexicon((r["id"], r["name"], r["aliases"]) for r in runner.read(LIST_FUNCTIONS))
    total = 0
    for law in laws:
        rows, unplaced = duty_rows(law, lexicon)
        written = write_batches(runner, LINK_ARTICLE_FUNCTIONS, rows, actor, batch_size=2000)
        total += written
        for f in report.files:
            if f.version == law.version_id:
                f.duties, f.unplaced = written, unplaced
    report.written["NAMES_FUNCTION"] = total


def _check_leftovers(runner: Runner, laws: Iterable[LawText], report: LawLoadReport) -> None:
    """Articles the graph holds for a loaded version (from the reference catalogue) that the text lacks."""
    loaded = {r["id"] for law in laws for r in article_rows(law)}
    extra: dict[str, list[str]] = {}
    for r in runner.read(LIST_VERSION_ARTICLES, version_ids=[f.version for f in report.files]):
        if r["id"] not in loaded:
            extra.setdefault(r["version_id"], []).append(r["id"])
    for f in report.files:
        if f.version in extra:
            f.warnings.append(f"图中有文本里没有的条款:{', '.join(extra[f.version][:5])}")
