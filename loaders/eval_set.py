"""Checks of the labelled evaluation set (data/eval/descriptions.csv) and the thesaurus (data/reference/synonyms.csv).

Both files are written by hand; nothing here needs a database. The checks hold them to the reference catalogue
(data/reference/) and to the full law texts (shared/laws/, parsed by loaders/law_text.py):
- every function, department and domain id is known; styles and expectations come from their vocabularies;
- each expected department performs the expected function in that region or in a region above it (a 省- or 市-level
  matter, or a county without such a department: 雁塔区's fire duties go to 西安市消防救援支队); a cell is empty only
  where nobody in the region chain performs the function, or where the row's note says the rule does not apply there;
- every article id names an article (条, 款 or 项) of a law text or of data/reference/articles.csv, and its citation
  names the same law and article;
- every statutory term of the thesaurus occurs in a law text or in the catalogue (matters, functions, subject types).

Run `python -m loaders.eval_set [LAWS_DIR]` to print the problems (exit code 1 when there are any).
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from pathlib import Path

from pydantic import BaseModel

from loaders.law_text import cn_numeral, law_files, read_law

EVAL_COLUMNS = [
    "id",
    "text",
    "style",
    "domain",
    "expect",
    "functions",
    "dept_610113",
    "dept_310112",
    "article_id",
    "citation",
    "note",
]
SYNONYM_COLUMNS = ["term", "statutory_term", "domain", "note"]
STYLES = ("hotline", "inspection", "clerk")
EXPECTS = ("firm", "overlap", "no_match")
REGIONS = ("610113", "310112")
MIN_ROWS = 250
ALL_DOMAINS = "all"  # a thesaurus entry that is not tied to one domain
# Roles the law leaves to a case-by-case or local decision: a behaviour given to one of them is an overlap, not firm.
OPEN_FUNCTIONS = frozenset({"designated-supervisor", "sector-authority"})
NOT_APPLICABLE = "不适用"  # a note saying so allows an empty department cell (a local rule of another region)
_ID = re.compile(r"E\d{3,}")
_ARTICLE_ID = re.compile(r"(?P<version>[^:]+):(?P<number>\d+)(?:\.(?P<clause>\d+)(?:\.(?P<item>\d+))?)?")


class Problem(BaseModel):
    file: str
    row: int  # line of the CSV file (the header is line 1)
    field: str
    reason: str

    def __str__(self) -> str:
        return f"{self.file} 第 {self.row} 行 {self.field}: {self.reason}"


class EvalRow(BaseModel):
    id: str
    text: str
    style: str
    domain: str
    expect: str
    functions: str
    dept_610113: str
    dept_310112: str
    article_id: str
    citation: str
    note: str

    def behaviours(self) -> list[list[str]]:
        """The expected functions: one list of overlap candidates per behaviour."""
        return [b.split("|") for b in self.functions.split(";")] if self.functions else []

    def departments(self, region: str) -> list[list[str]]:
        cell = getattr(self, f"dept_{region}")
        return [[d for d in b.split("|") if d] for b in cell.split(";")] if cell or self.functions else []


class SynonymRow(BaseModel):
    term: str
    statutory_term: str
    domain: str
    note: str


@dataclass(frozen=True)
class Catalogue:
    """What the checks compare against: the reference ids, who performs what, and the articles that exist."""

    domains: frozenset[str]
    functions: frozenset[str]
    departments: dict[str, str]  # id → region id
    parents: dict[str, str]  # region id → parent region id ('' at the top)
    performs: frozenset[tuple[str, str]]  # (department id, function id)
    articles: dict[str, str]  # article id → citation label (第X条第Y款第(Z)项)
    law_words: str = dataclass_field(repr=False)  # every law text and catalogue text, for the thesaurus

    def chain(self, region: str) -> list[str]:
        out = []
        while region:
            out.append(region)
            region = self.parents.get(region, "")
        return out

    def performers(self, function: str, region: str) -> list[str]:
        """The departments performing a function in the region or the regions above it, nearest first."""
        chain = self.chain(region)
        found = [
            (chain.index(r), d) for d, r in self.departments.items() if r in chain and (d, function) in self.performs
        ]
        return [d for _, d in sorted(found)]


def _read(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _label(number: int, clause: int | None, item: int | None) -> str:
    label = f"第{cn_numeral(number)}条"
    if clause:
        label += f"第{cn_numeral(clause)}款"
    if item:
        label += f"第({cn_numeral(item)})项"
    return label


def load_catalogue(reference: Path, laws: Path) -> Catalogue:
    """The reference catalogue and the parsed law texts (every 条, 款 and 项 of every version)."""
    rows = {name: _read(reference / f"{name}.csv")[1] for name in ("domains", "functions", "departments", "regions")}
    performs = frozenset(
        (r["department_id"], r["function_id"]) for r in _read(reference / "department_functions.csv")[1]
    )
    articles: dict[str, str] = {}
    texts: list[str] = []
    for path in law_files(laws):
        law = read_law(path)
        texts.append("\n".join(a.text for a in law.articles))
        for a in law.articles:
            articles[f"{law.version_id}:{a.number}"] = _label(a.number, None, None)
            for c in a.clauses:
                articles[f"{law.version_id}:{a.number}.{c.number}"] = _label(a.number, c.number, None)
                for i in range(1, len(c.items) + 1):
                    articles[f"{law.version_id}:{a.number}.{c.number}.{i}"] = _label(a.number, c.number, i)
    for r in _read(reference / "articles.csv")[1]:
        articles.setdefault(r["id"], _label(int(r["number"]), int(r["clause"] or 0), int(r["item"] or 0)))
    for name, columns in {
        "matters": ("name", "description", "subjects_text"),
        "functions": ("name", "aliases", "description"),
        "subject_types": ("name",),
        "domains": ("name",),
    }.items():
        texts += [r[c] or "" for r in _read(reference / f"{name}.csv")[1] for c in columns]
    return Catalogue(
        domains=frozenset(r["id"] for r in rows["domains"]),
        functions=frozenset(r["id"] for r in rows["functions"]),
        departments={r["id"]: r["region_id"] for r in rows["departments"]},
        parents={r["id"]: r["parent_id"] for r in rows["regions"]},
        performs=performs,
        articles=articles,
        law_words="\n".join(texts),
    )


def check_eval(path: Path, cat: Catalogue, min_rows: int = MIN_ROWS) -> list[Problem]:
    header, raw = _read(path)
    name = path.name
    if header != EVAL_COLUMNS:
        return [Problem(file=name, row=1, field="表头", reason=f"应为 {','.join(EVAL_COLUMNS)}")]
    problems: list[Problem] = []
    seen: set[str] = set()
    for line, r in enumerate(raw, 2):
        row = EvalRow(**{k: (r.get(k) or "").strip() for k in EVAL_COLUMNS})
        problems += [Problem(file=name, row=line, field=f, reason=why) for f, why in _check_row(row, cat, seen)]
        seen.add(row.id)
    if len(raw) < min_rows:
        reason = f"只有 {len(raw)} 行,至少 {min_rows}"
        problems.append(Problem(file=name, row=len(raw) + 1, field="行数", reason=reason))
    return problems


def _check_row(row: EvalRow, cat: Catalogue, seen: set[str]) -> list[tuple[str, str]]:
    """(field, reason) for each problem of one row."""
    bad: list[tuple[str, str]] = []
    if not _ID.fullmatch(row.id) or row.id in seen:
        bad.append(("id", f"编号 {row.id!r} 格式错误或重复"))
    if not row.text:
        bad.append(("text", "描述为空"))
    if row.style not in STYLES:
        bad.append(("style", f"{row.style!r} 不在 {STYLES} 之中"))
    if row.expect not in EXPECTS:
        bad.append(("expect", f"{row.expect!r} 不在 {EXPECTS} 之中"))
    if not row.note:
        bad.append(("note", "应写明依据或理由"))
    if row.expect == "no_match":
        columns = ("domain", "functions", "dept_610113", "dept_310112", "article_id", "citation")
        return bad + [(c, "no_match 行此栏应为空") for c in columns if getattr(row, c)]
    if row.domain not in cat.domains:
        bad.append(("domain", f"未知的监管领域 {row.domain!r}"))
    behaviours = row.behaviours()
    if not behaviours:
        return bad + [("functions", "firm/overlap 行应有预期职能")]
    bad += [("functions", f"未知的职能 {f!r}") for c in behaviours for f in c if f not in cat.functions]
    undecided = any(len(c) > 1 or OPEN_FUNCTIONS & set(c) for c in behaviours)
    if row.expect == "firm" and any(len(c) > 1 for c in behaviours):
        bad.append(("functions", "firm 行的每个行为只能有一个职能(多个候选用 overlap)"))
    if row.expect == "overlap" and not undecided:
        bad.append(("functions", "overlap 行应有以 | 分隔的候选职能,或由政府确定/行业主管的职能"))
    for region in REGIONS:
        bad += _check_departments(row, region, behaviours, cat)
    article_ids = row.article_id.split(";") if row.article_id else []
    citations = row.citation.split(";") if row.citation else []
    if len(article_ids) != len(behaviours):
        bad.append(("article_id", f"应有 {len(behaviours)} 个条文(每个行为一个,以 ; 分隔),实有 {len(article_ids)} 个"))
    if len(citations) != len(article_ids):
        bad.append(("citation", "引用条数与 article_id 不一致"))
    for aid, citation in zip(article_ids, citations, strict=False):
        label = cat.articles.get(aid)
        if label is None:
            bad.append(("article_id", f"{aid} 在 shared/laws 的法律文本和 articles.csv 中都不存在"))
            continue
        m = _ARTICLE_ID.fullmatch(aid)
        basis = m.group("version").split("@")[0] if m else ""
        if citation != f"{basis} {label}":
            bad.append(("citation", f"{citation!r} 与条文 {aid} 不符(应为 {basis} {label})"))
    return bad


def _check_departments(row: EvalRow, region: str, behaviours: list[list[str]], cat: Catalogue) -> list[tuple[str, str]]:
    field = f"dept_{region}"
    cells = row.departments(region)
    if len(cells) != len(behaviours):
        return [(field, f"应有 {len(behaviours)} 段(以 ; 分隔)")]
    bad: list[tuple[str, str]] = []
    chain = cat.chain(region)
    for candidates, departments in zip(behaviours, cells, strict=True):
        for d in departments:
            if d not in cat.departments:
                bad.append((field, f"未知的部门 {d!r}"))
            elif cat.departments[d] not in chain:
                bad.append((field, f"{d} 不在 {region} 及其上级区划"))
            elif not any((d, f) in cat.performs for f in candidates):
                bad.append((field, f"{d} 不履行 {'|'.join(candidates)} 中任何职能"))
        for f in candidates:
            performers = cat.performers(f, region) if f in cat.functions else []
            if performers and not set(performers) & set(departments) and NOT_APPLICABLE not in row.note:
                bad.append((field, f"{f} 在本区划链由 {performers[0]} 履行,却未列出"))
    return bad


def check_synonyms(path: Path, cat: Catalogue) -> list[Problem]:
    header, raw = _read(path)
    name = path.name
    if header != SYNONYM_COLUMNS:
        return [Problem(file=name, row=1, field="表头", reason=f"应为 {','.join(SYNONYM_COLUMNS)}")]
    problems: list[Problem] = []
    seen: set[tuple[str, str]] = set()
    for line, r in enumerate(raw, 2):
        row = SynonymRow(**{k: (r.get(k) or "").strip() for k in SYNONYM_COLUMNS})
        for column in SYNONYM_COLUMNS:
            if not getattr(row, column):
                problems.append(Problem(file=name, row=line, field=column, reason="不能为空"))
        if row.domain and row.domain != ALL_DOMAINS and row.domain not in cat.domains:
            problems.append(Problem(file=name, row=line, field="domain", reason=f"未知的监管领域 {row.domain!r}"))
        if row.statutory_term and row.statutory_term not in cat.law_words:
            problems.append(
                Problem(
                    file=name, row=line, field="statutory_term", reason=f"{row.statutory_term!r} 不见于法律文本和目录"
                )
            )
        if row.term and row.term == row.statutory_term:
            problems.append(Problem(file=name, row=line, field="term", reason="俗称与法定用语相同"))
        if (row.term, row.statutory_term) in seen:
            problems.append(Problem(file=name, row=line, field="term", reason="重复的词条"))
        seen.add((row.term, row.statutory_term))
    return problems


def counts(path: Path) -> dict[str, Counter[str]]:
    """Rows by style, domain and expectation, for the README."""
    _, raw = _read(path)
    return {k: Counter(r[k] or "(none)" for r in raw) for k in ("style", "domain", "expect")}


def main(argv: list[str]) -> int:
    from graphsvc.config import ROOT, ServiceSettings

    laws = Path(argv[0]) if argv else ServiceSettings().laws_dir
    cat = load_catalogue(ROOT / "data" / "reference", laws)
    problems = check_eval(ROOT / "data" / "eval" / "descriptions.csv", cat)
    problems += check_synonyms(ROOT / "data" / "reference" / "synonyms.csv", cat)
    for p in problems:
        print(p)
    for key, counter in counts(ROOT / "data" / "eval" / "descriptions.csv").items():
        print(key, dict(counter.most_common()))
    print(f"{len(problems)} 个问题")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
