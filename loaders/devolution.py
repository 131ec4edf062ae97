"""A province's published decision handing county departments' 行政处罚权 to 街道办事处/乡镇人民政府 (.xlsx or .csv).

行政处罚法第二十四条: "省、自治区、直辖市根据当地实际情况，可以决定将基层管理迫切需要的县级人民政府部门的行政处罚权
交由能够有效承接的乡镇人民政府、街道办事处行使，并定期组织评估。决定应当公布。" One row is one devolved power:

  决定机关, 决定名称, 文号, 公布日期, 施行日期, [停止执行日期], [公布来源], [序号], [区县], 原实施部门,
  事项编码 or 事项名称, 承接主体, [备注]

The decision's columns may be left blank under its first row (or merged in Excel): blank means "as above". The
checks follow the article: the 决定机关 is the people's government of a 省/自治区/直辖市, and the county lies in it;
the decision was published (公布日期); the 原实施部门 is a 县级人民政府部门; the matter exists (id, 事项编码 or exact
name); every 承接主体 is the 街道办事处 of a 街道 or the 人民政府 of a 乡/镇 of that county (several in one cell, or
各街道办事处 / 各乡镇人民政府 for all of them). A matter that is not a 行政处罚 (the article speaks of 行政处罚权 only),
a matter of another level, or a 原实施部门 that the catalogue does not make the lead in the county loads with a
warning. The office of a 街道/乡镇 is created on first mention (Department, kind 乡镇街道).

All rows or none (--partial keeps the good ones); with replace, a file that loads without an error is the full,
corrected list of each decision it names: that decision's powers it no longer lists are removed (the audit log keeps
their ids).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from graphsvc.cypher import query
from graphsvc.db import Reader, Runner
from graphsvc.errors import InvalidInput
from graphsvc.names import Names, clean
from graphsvc.responsibility import devolution
from graphsvc.responsibility.answer import MatterHeader, MatterResult
from graphsvc.responsibility.resolve import GET_MATTERS, resolve_matters
from loaders.forms.cells import parse_date
from loaders.forms.layout import FormError, _sheets, label
from loaders.rows import ListRow as Row
from loaders.rows import LoadReport, RowError, RowProblems

UPSERT = query("devolution/upsert_decisions")
GOVERNMENTS = query("devolution/list_province_governments")
BASIS_ARTICLE = query("devolution/get_basis_article")

COLUMNS: dict[str, tuple[str, ...]] = {
    "seq": ("序号",),
    "issuer": ("决定机关", "发文机关", "决定单位"),
    "title": ("决定名称", "文件名称", "决定标题"),
    "doc_no": ("文号", "发文字号", "决定文号"),
    "published_on": ("公布日期", "发布日期", "印发日期"),
    "effective_from": ("施行日期", "实施日期", "生效日期"),
    "effective_to": ("停止执行日期", "失效日期", "废止日期"),
    "published_in": ("公布来源", "发布载体", "公布载体"),
    "county": ("区县", "所属区县", "县(市、区)", "县市区"),
    "from": ("原实施部门", "原实施主体", "原行使部门", "县级部门"),
    "code": ("事项编码", "监管事项编码"),
    "matter": ("事项名称", "监管事项", "行政处罚事项", "下放事项", "职权名称"),
    "receivers": ("承接主体", "承接单位", "承接街道乡镇"),
    "note": ("备注",),
}
# Columns of the decision: blank under its first row means "as above" (Excel's merged cells read the same way).
DECISION_KEYS = (
    "issuer",
    "title",
    "doc_no",
    "published_on",
    "effective_from",
    "effective_to",
    "published_in",
    "county",
)
REQUIRED = ("issuer", "title", "published_on", "from", "receivers")
HEADERS_CN = {key: words[0] for key, words in COLUMNS.items()}
_SPLIT = re.compile(r"[、,，;；/\n]+")
_OFFICE_SUFFIX = re.compile(r"(?:办事处|人民政府|政府)$")
_ALL = re.compile(r"^(?:各|全部|所有|全区|全县|全市)")
_ALL_WORDS = {"乡镇", "街道", "乡镇街道", "街道乡镇", "镇", "乡", "镇街", "街镇"}
HEADER_SEARCH_ROWS = 30


class Issuer(BaseModel):
    id: str
    name: str
    short_name: str | None
    region_id: str
    region_level: str


@dataclass
class _Context(RowProblems):
    names = HEADERS_CN


def read_rows(path: Path) -> tuple[dict[str, str], list[Row]]:
    """The headers found and the rows under them, decision columns carried down; raises FormError."""
    wanted = {label(w): key for key, words in COLUMNS.items() for w in words}
    for grid in _sheets(path):
        for index, header in enumerate(grid[:HEADER_SEARCH_ROWS]):
            columns: dict[str, int] = {}
            headers: dict[str, str] = {}
            for j, cell in enumerate(header):
                key = wanted.get(label(cell))
                if key and key not in columns:
                    columns[key], headers[key] = j, cell.strip()
            if not ({"from", "receivers"} <= columns.keys() and ({"matter", "code"} & columns.keys())):
                continue
            missing = [HEADERS_CN[k] for k in REQUIRED if k not in columns]
            if missing:
                raise FormError(f"表头缺少这些列:{'、'.join(missing)}")
            rows: list[Row] = []
            above: dict[str, str] = {}
            for number, cells in enumerate(grid[index + 1 :], start=index + 2):
                values = {k: (cells[j].strip() if j < len(cells) else "") for k, j in columns.items()}
                if not any(values.values()):
                    continue
                if values.get("title") or values.get("issuer"):  # a new decision starts: nothing carries over
                    above = {}
                for key in DECISION_KEYS:
                    if key in columns:
                        values[key] = values[key] or above.get(key, "")
                above = {k: values[k] for k in DECISION_KEYS if k in values}
                rows.append(Row(number, values))
            return headers, rows
    raise FormError("未找到表头:表头应包含 原实施部门、承接主体 和 事项名称(或 事项编码)")


def decision_id(issuer_region: str, doc_no: str, title: str) -> str:
    """devolution-610000-<hash of the 文号, or of the title when the file gives none>."""
    key = clean(doc_no or title)
    return f"devolution-{issuer_region}-{hashlib.sha1(key.encode()).hexdigest()[:10]}"


def office_name(street_name: str) -> str | None:
    """The body of a 街道 or a 乡/镇 that 第二十四条 names; None for anything else (开发区, 工业区)."""
    if street_name.endswith("街道"):
        return street_name + "办事处"
    if street_name.endswith(("镇", "乡")):
        return street_name + "人民政府"
    return None


def load_devolution(
    runner: Runner,
    path: Path,
    actor: str,
    *,
    dry_run: bool = False,
    partial: bool = False,
    replace: bool = False,
) -> LoadReport:
    """Checks every row of a devolution decision's list and writes the good ones in one statement (all or nothing
    unless partial; nothing on a dry run); every rejected row and every warning is reported."""
    report = LoadReport()
    try:
        headers, rows = read_rows(path)
    except FormError as e:
        report.errors.append(RowError(path.name, 0, "", str(e), str(path)))
        return report
    context = _Context(path.name, headers)
    names = Names(runner)
    governments = [Issuer(**r) for r in runner.read(GOVERNMENTS)]
    decisions: dict[str, dict[str, Any]] = {}
    first_row: dict[str, Row] = {}
    seen: dict[str, int] = {}
    matter_ids: dict[int, tuple[str, str, str]] = {}  # row → (matter, county, from department)
    for row in rows:
        before = len(context.errors)
        decision = _decision(context, runner, names, governments, row)
        county, from_id = _from(context, names, row, decision)
        matter_id = _matter(context, names, row, county)
        offices = _receivers(context, names, row, county)
        if len(context.errors) > before or not (decision and county and from_id and matter_id and offices):
            continue
        known = decisions.setdefault(decision["id"], decision | {"powers": [], "offices": {}})
        if known is not decision and (clash := _clash(known, decision)):
            context.error(row, clash, f"与第{first_row[decision['id']].number}行所述同一决定不一致")
            continue
        first_row.setdefault(decision["id"], row)
        matter_ids[row.number] = (matter_id, county, from_id)
        for office in offices:
            power_id = f"{decision['id']}|{matter_id}|{from_id}|{office['id']}"
            if power_id in seen:
                context.error(row, "receivers", f"与第{seen[power_id]}行重复:同一决定、事项和承接主体", office["name"])
                continue
            seen[power_id] = row.number
            known["offices"][office["id"]] = office
            known["powers"].append(
                {
                    "id": power_id,
                    "matter_id": matter_id,
                    "from_id": from_id,
                    "to_id": office["id"],
                    "note": row.cells.get("note") or None,
                    "source": f"{path.name} 第{row.number}行",
                }
            )
    _check_catalogue(context, runner, rows, matter_ids)

    report.errors = sorted(context.errors, key=lambda e: e.row)
    bad = {e.row for e in report.errors}
    report.warnings = sorted((w for w in context.warnings if w.row not in bad), key=lambda e: e.row)
    for d in decisions.values():  # a row rejected late (a duplicate) takes its powers with it
        d["powers"] = [p for p in d["powers"] if int(p["source"].rsplit("第", 1)[1].rstrip("行")) not in bad]
    written = [d for d in decisions.values() if d["powers"]]
    powers = [p | {"decision_id": d["id"]} for d in written for p in d["powers"]]
    offices = list({o["id"]: o for d in written for o in d["offices"].values()}.values())
    report.planned = {"DevolutionDecision": len(written), "DevolvedPower": len(powers)}
    report.rows = (len(rows) - len(bad), len(rows))
    if replace and report.errors:
        report.errors.append(
            RowError(path.name, 0, "--replace", "有错误的文件不能替换已载入的清单:请改正后整份重新载入", "")
        )
    if dry_run or (report.errors and not partial) or not written:
        return report
    decision_rows = [{k: v for k, v in d.items() if k not in ("powers", "offices")} for d in written]
    result = runner.write(
        UPSERT, rows=decision_rows, offices=offices, powers=powers, replace=replace and not report.errors, actor=actor
    )
    report.written["DevolutionDecision"] = len(result)
    report.written["DevolvedPower"] = sum(r["powers"] for r in result)
    removed = sum(len(r["removed"]) for r in result)
    if removed:
        report.written["DevolvedPower removed (--replace)"] = removed
    return report


def _clash(known: dict[str, Any], decision: dict[str, Any]) -> str | None:
    """The first column where two rows of the same decision say different things."""
    return next(
        (k for k in ("title", "published_on", "effective_from", "effective_to") if known[k] != decision[k]), None
    )


def _date(context: _Context, row: Row, key: str) -> date | None:
    value = row.cells.get(key, "")
    if not value:
        return None
    try:
        return parse_date(value)
    except ValueError as e:
        context.error(row, key, str(e))
        return None


def _decision(
    context: _Context, runner: Runner, names: Names, governments: list[Issuer], row: Row
) -> dict[str, Any] | None:
    cells = row.cells
    for key in ("issuer", "title"):
        if not cells.get(key):
            context.error(row, key, "必填项为空")
    if not cells.get("published_on"):
        context.error(row, "published_on", "决定应当公布(行政处罚法第二十四条):请填写公布日期")
    issuer = _issuer(context, governments, row) if cells.get("issuer") else None
    published_on = _date(context, row, "published_on")
    effective_from = _date(context, row, "effective_from")
    effective_to = _date(context, row, "effective_to")
    if published_on and not effective_from and not cells.get("effective_from"):
        context.warn(row, "effective_from", "未填施行日期,按公布日期施行")
        effective_from = published_on
    if effective_from and effective_to and effective_to <= effective_from:
        context.error(row, "effective_to", "停止执行日期应晚于施行日期")
        return None
    if not (issuer and published_on and effective_from and cells.get("title")):
        return None
    found = runner.read(
        BASIS_ARTICLE, basis_id=devolution.BASIS_ID, number=devolution.ARTICLE_NUMBER, on=effective_from
    )
    if not found:
        context.error(
            row,
            "effective_from",
            f"施行日期 {effective_from} 时本系统所载《{devolution.LAW}》没有有效的{devolution.ARTICLE}"
            "(第二十四条自 2021 年 7 月 15 日起施行)",
        )
        return None
    doc_no = cells.get("doc_no") or ""
    if not doc_no:
        context.warn(row, "doc_no", "未填文号,以决定名称识别该决定")
    where = cells.get("published_in") or ""
    return {
        "id": decision_id(issuer.region_id, doc_no, cells["title"]),
        "title": cells["title"],
        "doc_no": doc_no or None,
        "issuer": cells["issuer"],
        "issuer_id": issuer.id,
        "issuer_region": issuer.region_id,
        "published_on": published_on,
        "effective_from": effective_from,
        "effective_to": effective_to,
        "article_id": found[0]["article_id"],
        "source": "、".join(x for x in (where, f"载入自 {context.file}") if x),
    }


def _issuer(context: _Context, governments: list[Issuer], row: Row) -> Issuer | None:
    """The province-level people's government the 决定机关 cell names (第二十四条: 省、自治区、直辖市)."""
    written = clean(row.cells["issuer"])
    matches = [g for g in governments if written in (g.id, clean(g.name))]
    if not matches:
        context.error(row, "issuer", "未找到该决定机关:应为省、自治区、直辖市人民政府的全称,如 陕西省人民政府")
        return None
    issuer = matches[0]
    if issuer.region_level != "省":
        context.error(
            row,
            "issuer",
            f"{issuer.name}不是省级人民政府:行政处罚法第二十四条只规定省、自治区、直辖市可以决定交由乡镇街道行使",
        )
        return None
    return issuer


def _from(context: _Context, names: Names, row: Row, decision: dict[str, Any] | None) -> tuple[str | None, str | None]:
    """(county, department) of the 原实施部门: a 县级人民政府部门 (第二十四条) in a county of the issuing province."""
    cells = row.cells
    county = None
    if cells.get("county"):
        try:
            county = names.region(cells["county"], "county")
        except InvalidInput as e:
            context.error(row, "county", e.message)
            return None, None
        if names.regions[county]["level"] != "县":
            context.error(row, "county", "区县应为县级行政区划(县、区、县级市)")
            return None, None
    if not cells.get("from"):
        context.error(row, "from", "必填项为空")
        return None, None
    try:
        from_id = names.department(cells["from"], county, "from")
    except InvalidInput as e:
        context.error(row, "from", e.message)
        return None, None
    region = names.region_of_department(from_id)
    if region is None or names.regions[region]["level"] != "县":
        context.error(row, "from", "原实施部门应为县级人民政府部门(行政处罚法第二十四条只规定县级部门的行政处罚权)")
        return None, None
    if county and region != county:
        context.error(row, "from", f"原实施部门不属于{names.full_name(county)}")
        return None, None
    if decision and decision["issuer_region"] not in {r.id for r in names.chain(region)}:
        context.error(row, "from", f"原实施部门所在的{names.full_name(region)}不在决定机关的行政区域内")
        return None, None
    return region, from_id


def _matter(context: _Context, names: Names, row: Row, county: str | None) -> str | None:
    written = row.cells.get("code") or row.cells.get("matter") or ""
    key = "code" if row.cells.get("code") else "matter"
    if not written:
        context.error(row, "matter" if "matter" in context.headers else "code", "事项为空:请填写事项名称或事项编码")
        return None
    try:
        return names.matter(written, county, key)
    except InvalidInput as e:
        context.error(row, key, e.message)
        return None


def _receivers(context: _Context, names: Names, row: Row, county: str | None) -> list[dict[str, str]]:
    """The offices of the 街道/乡镇 of the county the 承接主体 cell names; each must be one 第二十四条 names."""
    written = row.cells.get("receivers", "")
    if not written or not county:
        if not written:
            context.error(row, "receivers", "必填项为空")
        return []
    streets = {code: r for code, r in names.regions.items() if r["parent_id"] == county and r["level"] == "乡"}
    county_name = names.regions[county]["name"]
    found: dict[str, dict[str, str]] = {}
    for part in (clean(p) for p in _SPLIT.split(written) if p.strip()):
        base = _OFFICE_SUFFIX.sub("", _ALL.sub("", part))
        if _ALL.match(part) or base in _ALL_WORDS:  # 各街道办事处 / 各乡镇人民政府 / 全部乡镇、街道
            towns, subdistricts = "乡" in base or "镇" in base, "街道" in base
            chosen = [
                c
                for c, r in streets.items()
                if (subdistricts and r["name"].endswith("街道")) or (towns and r["name"].endswith(("乡", "镇")))
            ]
            if not chosen:
                context.error(row, "receivers", f"{county_name}没有可承接的{base}", part)
                return []
        else:
            chosen = [c for c, r in streets.items() if base in (c, r["name"]) or (base + "街道") == r["name"]]
            if not chosen:
                near = [r["name"] for r in streets.values() if base[:2] and base[:2] in r["name"]][:3]
                hint = f",最接近的是:{'、'.join(near)}" if near else ""
                context.error(row, "receivers", f"「{part}」不是{county_name}的街道或乡镇{hint}", part)
                return []
        for code in chosen:
            name = office_name(streets[code]["name"])
            if name is None:
                context.error(
                    row,
                    "receivers",
                    f"{streets[code]['name']}不是乡镇或街道:行政处罚法第二十四条只规定交由乡镇人民政府、街道办事处行使",
                    part,
                )
                return []
            if part.endswith(("办事处", "人民政府", "政府")) and len(chosen) == 1 and part != name:
                context.warn(row, "receivers", f"「{part}」按{name}理解", part)
            found[code] = {
                "id": f"{code}-office",
                "name": name,
                "caption": f"{county_name} {name}",
                "region_id": code,
            }
    return list(found.values())


def _check_catalogue(
    context: _Context, runner: Runner, rows: list[Row], matter_ids: dict[int, tuple[str, str, str]]
) -> None:
    """Warnings where the list and the catalogue disagree: a matter that is no 行政处罚 (第二十四条 speaks of 行政处罚权
    only) or not a county matter, and a 原实施部门 that is not the matter's lead in the county."""
    by_number = {r.number: r for r in rows}
    pairs = sorted({(m, county) for m, county, _ in matter_ids.values()})
    if not pairs:
        return
    headers = {h["id"]: h for h in runner.read(GET_MATTERS, ids=sorted({m for m, _ in pairs}))}
    leads: dict[tuple[str, str], set[str]] = {}
    for county in sorted({c for _, c in pairs}):
        wanted = [headers[m] for m, c in pairs if c == county]
        for header, result in zip(wanted, _resolved(runner, wanted, county), strict=True):
            leads[(header["id"], county)] = {d.department.id for d in result.lead}
    for number, (matter_id, county, from_id) in matter_ids.items():
        row, header = by_number[number], headers[matter_id]
        key = "code" if row.cells.get("code") else "matter"
        if header["category"] != devolution.PENALTY:
            context.warn(
                row,
                key,
                f"该事项类别为「{header['category'] or '未填'}」:行政处罚法第二十四条只规定行政处罚权的交由行使,"
                "请核对决定所列依据",
            )
        if header["level"] not in (None, "县"):
            context.warn(row, key, f"该事项的监管层级为{header['level']}级,不是县级部门的事项,请核对")
        if leads.get((matter_id, county)) and from_id not in leads[(matter_id, county)]:
            context.warn(row, "from", "按事项目录,该事项在本区县不由原实施部门牵头,请核对")


def _resolved(runner: Runner, matters: list[dict[str, Any]], county: str) -> list[MatterResult]:
    def work(tx: Reader) -> list[MatterResult]:
        return resolve_matters(tx, [MatterHeader.model_validate(m) for m in matters], county, date.today())

    return runner.reading(work)
