"""The 职责认定意见: a resolution written out as a document the clerk can file (.docx)."""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Pt

from graphsvc.documents.articles import ArticleText
from graphsvc.documents.words import FLAGS, RULES
from graphsvc.responsibility.answer import Duty, Resolution

FONT = "SimSun"  # 宋体, present on every office PC; Word substitutes where it is missing


def _styled(doc: Any) -> None:
    style = doc.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(12)
    # East Asian text takes its font from eastAsia, not from the Latin name.
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


def _holders(duties: list[Duty]) -> str:
    names = []
    for d in duties:
        region = d.department.region.name if d.department.region else None
        names.append(d.department.name + (f"({region})" if region else ""))
    return "、".join(dict.fromkeys(names)) or "(无)"


def opinion_docx(
    resolution: Resolution,
    question: str,
    region_name: str,
    articles: dict[str, ArticleText],
    author: str,
    now: datetime,
) -> bytes:
    """One section per matter: who leads, who cooperates, the deciding rule, the flags and the cited law quoted."""
    doc = Document()
    _styled(doc)
    title = doc.add_heading("职责认定意见", level=0)
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph(f"查询事项:{question}")
    doc.add_paragraph(f"行政区划:{region_name}({resolution.region})    认定日期:{resolution.as_of}")
    if resolution.subject:
        s = resolution.subject
        doc.add_paragraph(f"监管对象:{s.name}(统一社会信用代码 {s.id})")
    if not resolution.results:
        doc.add_paragraph("未找到与描述相符的监管事项,无法认定职责;请换用事项名称或更具体的行为描述。")
    for n, result in enumerate(resolution.results, start=1):
        matter = result.matter
        doc.add_heading(f"{n}. {matter.name}", level=1)
        doc.add_paragraph(f"牵头部门:{_holders(result.lead)}")
        doc.add_paragraph(f"配合部门:{_holders(result.cooperating)}")
        rules = dict.fromkeys(d.rule for d in result.lead)
        for rule in rules:
            doc.add_paragraph(f"认定规则:{RULES.get(rule, rule)}")
        for flag in result.flags:
            doc.add_paragraph(f"提示 — {FLAGS.get(flag.code, flag.code)}。{flag.message}")
        duties = result.lead + result.cooperating
        cited = list(dict.fromkeys(b.article_id for d in duties for b in d.evidence.bases))
        if cited:
            doc.add_paragraph("依据:")
        for article_id in cited:
            a = articles.get(article_id)
            if a is None:
                continue
            head = f"《{a.title}》({a.version or '版本不详'}){a.label or ''}"
            doc.add_paragraph(head, style="List Bullet")
            quote = doc.add_paragraph(a.text or a.gist or "(条文原文未载入)")
            quote.paragraph_format.left_indent = Pt(24)
            for run in quote.runs:
                run.font.size = Pt(10.5)
        if result.suggestion:
            doc.add_paragraph(f"参考:{result.suggestion.note}")
    doc.add_paragraph("")
    sign = doc.add_paragraph(f"经办:{author}    生成时间:{now:%Y-%m-%d %H:%M}")
    sign.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph("本意见依据图谱中载明的法律条文和职责分工生成;存在争议的,可依程序申请编办协调裁定。")
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
