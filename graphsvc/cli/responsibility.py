"""`graphsvc resolve` (谁来管) and `graphsvc audit` (编办工作清单)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table

from graphsvc.cli.common import out, reported, runner, settings
from graphsvc.cypher import query
from graphsvc.errors import InvalidInput
from graphsvc.names import Names
from graphsvc.responsibility import audit
from graphsvc.responsibility.answer import Duty, Resolution
from graphsvc.responsibility.audit_sheet import write_audit
from graphsvc.responsibility.resolve import ResolveRequest, resolve

FIND_MATTERS = query("names/find_matters")

RULES_CN = {
    "ruling": "编办裁定",
    "licence": "谁审批、谁监管",
    "assignment": "明确分工",
    "locality_level": "属地与层级(履行法定职能的部门)",
    "legal_text": "法律条文所称部门",
    "devolution": "交由街道乡镇行使(行政处罚法第二十四条)",
}


def resolve_cmd(
    text: Annotated[str, typer.Argument(help="事项编号、事项编码、事项名称、统一社会信用代码、企业名称或行为描述")],
    region: Annotated[str | None, typer.Option(help="行政区划代码或名称,如 610113 或 雁塔区;企业默认其所在地")] = None,
    as_of: Annotated[datetime | None, typer.Option("--as-of", formats=["%Y-%m-%d"], help="查询日期,默认今天")] = None,
) -> None:
    """谁来管:某事项、行为或企业在某地某日由哪个部门牵头、哪些部门配合,依据哪一条法律。"""
    with reported(), runner(settings()) as r:
        names = Names(r, as_of.date() if as_of else None)
        code = names.region_param(region, "--region")
        written = text.strip()
        request: dict[str, Any] = {"region": code, "as_of": as_of.date() if as_of else None}
        if r.read(FIND_MATTERS, text=written):  # a matter's id, 事项编码 or exact name
            request["matter_id"] = names.matter(written, code)
        elif written.isascii() and len(written) == 18:
            request["uscc"] = written
        else:
            try:
                request["uscc"] = names.subject(written)  # a subject's exact name
            except InvalidInput:
                request["text"] = written  # a behaviour, matched by full text
        answer = resolve(r, ResolveRequest(**request))
        _print_resolution(answer, names)


def _print_resolution(answer: Resolution, names: Names) -> None:
    where = names.full_name(answer.region) or answer.region
    out.print(f"[bold]{where}[/bold]({answer.region}),截至 {answer.as_of}", highlight=False)
    if answer.subject:
        out.print(f"监管对象:{answer.subject.name}({answer.subject.id})", highlight=False)
    if not answer.results:
        out.print("未找到对应的监管事项")
    for result in answer.results:
        m = result.matter
        score = f",匹配度 {m.coverage:.0%}" if m.coverage is not None else ""
        out.print(f"\n[bold]{m.name}[/bold]({m.id},{m.level or '-'}级{score})", highlight=False)
        table = Table()
        for column in ("角色", "部门", "判定规则", "依据"):
            table.add_column(column, overflow="fold")
        for role, duties in (("牵头", result.lead), ("配合", result.cooperating)):
            for duty in duties:
                table.add_row(role, duty.department.name, RULES_CN.get(duty.rule, duty.rule), _basis(duty))
        if table.row_count:
            out.print(table)
        for flag in result.flags:
            out.print(f"[yellow]{flag.code}[/yellow] {flag.message}", highlight=False)
        if result.suggestion:
            lead = "、".join(d.department.name for d in result.suggestion.lead)
            out.print(f"建议:{result.suggestion.note} 牵头:{lead or '-'}", highlight=False)


def _basis(duty: Duty) -> str:
    evidence = duty.evidence
    if evidence.ruling:
        ruling = evidence.ruling
        return f"裁定 {ruling.id} {ruling.effective_from or ''}".strip()
    labels = []
    for b in evidence.bases:
        title = b.title or b.basis_id or ""
        version = b.version or ""
        # The article's label is `article` (the dict version looked for `label` and never printed it).
        labels.append(f"《{title}》{b.article or ''}" + (f"({version})" if version else ""))
    if evidence.decision:  # devolved: the matter's articles, then 第二十四条 and the province's decision
        decision = evidence.decision
        if evidence.devolution_article:
            labels.append(f"《{evidence.devolution_article.law}》{evidence.devolution_article.article}")
        labels.append(f"《{decision.title}》" + (f"({decision.doc_no})" if decision.doc_no else ""))
    return "\n".join(dict.fromkeys(labels)) or "-"


def audit_cmd(
    region: Annotated[str, typer.Option(help="行政区划代码或名称")],
    out_file: Annotated[Path, typer.Option("--out", help="输出的 Excel 文件(.xlsx)")],
    as_of: Annotated[datetime | None, typer.Option("--as-of", formats=["%Y-%m-%d"], help="审计日期,默认今天")] = None,
) -> None:
    """编办工作清单:监管空白、多头牵头、依据失效、无人履行的职能、无执法人员的部门,写入 Excel。"""
    with reported(), runner(settings()) as r:
        names = Names(r)
        code = str(names.region_param(region, "--region"))
        with out.status("正在审计"):
            result = audit.audit(r, code, as_of.date() if as_of else None)
        write_audit(result, names.full_name(code), out_file)
        out.print(
            f"{names.full_name(code)}:检查事项 {result.matters_checked} 项,问题 {len(result.issues)} 项,"
            f"无人履行的职能 {len(result.functions_without_performer)} 项,"
            f"无执法人员的部门 {len(result.departments_without_inspectors)} 个",
            highlight=False,
        )
        out.print(f"[green]✓[/green] 已写入 {out_file}", highlight=False)
