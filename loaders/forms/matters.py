"""附件1 跨部门综合监管事项清单填报表: one Matter per item, assigned to the departments it names.

An item's shared cells (监管领域, 监管事项, 设定依据, 监管对象, 事项类别, 检查方式, 监管层级) are
those of its 牵头 row; a 配合 row adds a cooperating department. The matter's id comes from the
region and its name, so loading the same form again merges into the same nodes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from graphsvc.captions import matter_caption
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.responsibility import behaviour_search
from graphsvc.vocab import VocabularyName
from loaders.citations import Citation, CitationError, parse_citations
from loaders.forms.cells import parse_category, parse_check_method, parse_level, text
from loaders.forms.context import FormContext, finish, open_form
from loaders.forms.graph import Articles, Domains
from loaders.forms.layout import COOPERATE, DEPARTMENT, LEAD, SEQUENCE, Field, Item
from loaders.rows import LoadReport, RowError

UPSERT_MATTERS = query("forms/upsert_matters")
UPSERT_ASSIGNMENTS = query("forms/upsert_assignments")

FIELDS = [
    Field(SEQUENCE, ("序号",), required=False),
    Field("domain", ("监管领域",)),
    Field(DEPARTMENT, ("监管部门",)),
    Field("matter", ("监管事项", "监管事项名称")),
    Field("basis", ("设定依据",)),
    Field("subjects", ("监管对象",), required=False),
    Field("category", ("事项类别",)),
    Field("method", ("检查方式",)),
    Field("level", ("监管层级",)),
]


def matter_id(region_id: str, name: str) -> str:
    """form-610113-<hash of the name>: the same matter of the same region is the same node."""
    return f"form-{region_id}-{hashlib.sha1(text(name).encode()).hexdigest()[:10]}"


def load_matters_form(
    runner: Runner,
    path: Path,
    region: str,
    actor: str,
    *,
    dry_run: bool = False,
    partial: bool = False,
    as_of: date | None = None,
) -> LoadReport:
    """Loads a 附件1 form (.xlsx or .csv) for a region: every row checked, the good ones written
    (all or nothing unless partial; nothing on a dry run), every rejected row reported."""
    report = LoadReport()
    context = open_form(runner, path, region, FIELDS, ("matter",), as_of, report)
    if context is None:
        return report
    form = context.form
    cited = [c for item in form.items for c in _citations_or_none(item.value("basis"))]
    articles = Articles(runner, cited, context.as_of)
    domains = Domains(runner, context.vocabularies[VocabularyName.domain])
    matters: list[dict[str, Any]] = []
    assignments: list[dict[str, Any]] = []
    first_row: dict[str, int] = {}  # matter id → the row that gave it
    for item in form.items:
        errors: list[RowError] = []  # of the 牵头 row: any of them rejects the whole item
        row = _matter(context, item, domains, articles, errors)
        lead = context.department(item.lead, item.lead.departments[0], errors)
        if row and row["id"] in first_row:
            errors.append(form.error(item.lead, "matter", f"与第{first_row[row['id']]}行的监管事项重复"))
        if errors or row is None or lead is None:
            form.reject(item, errors)
            continue
        first_row[row["id"]] = item.lead.row
        matters.append(row)
        assignments.append(_assignment(context, row["id"], lead, item.lead.row, LEAD))
        held = {lead}
        for line in item.cooperating:
            for name in line.departments:
                department = context.department(line, name, form.errors)
                if department in held:
                    form.errors.append(form.error(line, DEPARTMENT, "同一事项中重复填写了该部门", name))
                elif department:
                    held.add(department)
                    assignments.append(_assignment(context, row["id"], department, line.row, COOPERATE))
    writes = [("Matter", UPSERT_MATTERS, matters), ("Assignment", UPSERT_ASSIGNMENTS, assignments)]
    report = finish(runner, context, report, actor, writes, dry_run=dry_run, partial=partial)
    if report.written.get("Matter"):
        behaviour_search.refresh(runner, actor, ids=[m["id"] for m in matters])
    return report


def _matter(
    context: FormContext, item: Item, domains: Domains, articles: Articles, errors: list[RowError]
) -> dict[str, Any] | None:
    """The Matter row of an item, or None when a shared cell is wrong (the errors say which)."""
    form, lead = context.form, item.lead
    before = len(errors)

    def warn(key: str, reason: str) -> None:
        context.warnings.append(form.error(lead, key, reason))

    def cell(key: str, parse: Callable[[str], Any], required: bool = True) -> Any:
        value = item.value(key)
        if not value.strip():
            if required:
                errors.append(form.error(lead, key, "必填项为空"))
            return None
        try:
            return parse(value)
        except ValueError as e:
            errors.append(form.error(lead, key, str(e)))
            return None

    name = cell("matter", text)
    domain_text = item.value("domain").strip()
    domain_id = domains.find(domain_text) if domain_text else None
    if not domain_text:
        errors.append(form.error(lead, "domain", "必填项为空"))
    elif domain_id is None:
        warn("domain", f"监管领域「{domain_text}」不在词表中,按原文记录{domains.near(domain_text)};可由编办添加映射")
    found = cell("basis", parse_citations) or []
    article_ids = []
    for citation in found:
        try:
            article_id, note = articles.resolve_with_note(citation)
            article_ids.append(article_id)
            if note:
                warn("basis", note)
        except ValueError as e:
            errors.append(form.error(lead, "basis", str(e)))
    category = cell("category", lambda v: parse_category(v, context.vocabularies))
    if category and category.canonical is None:
        warn("category", f"事项类别「{category.written}」不在词表中,按原文记录;可由编办添加映射")
    method = cell("method", lambda v: parse_check_method(v, context.vocabularies))
    if method and method.canonical is None:
        warn("method", f"检查方式「{method.written}」不在词表中,按原文记录;可由编办添加映射")
    row = {
        "id": matter_id(context.region.id, name or ""),
        "name": name,
        "caption": matter_caption(name) if name else None,
        "domain_id": domain_id,
        "domain_text": domain_text or None,
        "category": category.canonical if category else None,
        "category_text": item.value("category").strip() or None,
        "check_method": method.canonical if method else None,
        "check_method_text": item.value("method").strip() or None,
        "level": cell("level", lambda v: parse_level(v, context.region.level, context.vocabularies)),
        "subjects_text": cell("subjects", str.strip, required=False),
        "basis_text": item.value("basis").strip(),
        "article_ids": list(dict.fromkeys(article_ids)),
        "source": context.source(lead.row),
    }
    return row if len(errors) == before else None


def _citations_or_none(value: str) -> list[Citation]:
    try:
        return parse_citations(value)
    except CitationError:
        return []  # reported with its item


def _assignment(context: FormContext, matter: str, department: str, row: int, role: str) -> dict[str, Any]:
    return {
        "id": f"{matter}-{department}",
        "matter_id": matter,
        "department_id": department,
        "region_id": context.region.id,
        "role": role,
        "valid_from": context.valid_from,
        "source": context.source(row),
    }
