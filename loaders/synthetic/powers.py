"""A generated 权责清单 and 监管事项目录清单 for a county, with the mistakes real lists have, for tests, the demo
and the load benchmark.

Built from the reference catalogue only, so every law and article cited exists (data/reference/articles.csv):
each catalogue matter whose lead function a department of the county performs becomes a 主项 of that department,
with 子项 by circumstance (情节较轻的, 逾期不改正的 …). Mistakes, by seed, at about the rates of published lists:
short names and pre-2018 names of departments (区卫健委, 区食药监局, 区消防救援大队), 事项类型 written loosely
(处罚, 其它行政权力), articles cited by their old numbers where the renumbering is known, whole laws without an
article and laws this graph does not hold, a blank 事项编码, and the few rows a loader must reject: a duplicate
事项编码, a blank 事项名称, a department that does not exist, an article a law does not have.
"""

from __future__ import annotations

import csv
import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import cn2an
import openpyxl
from openpyxl.styles import Alignment, Font

QZQD_HEADER = [
    "序号",
    "事项编码",
    "事项名称",
    "",
    "事项类型",
    "设定依据",
    "实施主体",
    "承办机构",
    "责任事项",
    "追责情形",
    "备注",
]
QZQD_SUB = ["", "", "主项", "子项", "", "", "", "", "", "", ""]
JGSX_HEADER = ["序号", "主项名称", "子项名称", "监管对象", "监管措施", "设定依据", "监管层级", "事项编码"]
TYPE_CODES = {"行政处罚": "CF", "行政检查": "JC", "行政强制": "QZ", "其他": "QT", "行政许可": "XK"}
LOOSE_TYPES = {
    "行政处罚": ["处罚", "行政处罚 "],
    "行政检查": ["检查", "行政监督检查"],
    "其他": ["其它行政权力", "其他权力"],
}
SUBS = {
    "行政处罚": [
        "情节轻微的",
        "一般情节的",
        "情节严重的",
        "逾期不改正的",
        "拒不改正的",
        "造成危害后果的",
        "首次违法且危害后果轻微的",
        "对单位的处罚",
        "对直接负责的主管人员和其他直接责任人员的处罚",
        "违法所得一万元以上的",
        "违法所得不足一万元的",
        "货值金额一万元以上的",
        "货值金额不足一万元的",
    ],
    "行政检查": ["日常监督检查", "专项检查", "双随机抽查", "投诉举报核查", "重点检查", "书面检查", "网络监测"],
    "行政强制": ["查封场所、设施或者财物", "扣押财物", "责令暂停相关活动"],
    "其他": ["受理", "审核", "办结", "备案"],
}
DUTIES = {
    "行政处罚": "1.立案责任;2.调查责任;3.审查责任;4.告知责任;5.决定责任;6.送达责任;7.执行责任;"
    "8.其他法律法规规章规定应履行的责任",
    "行政检查": "1.检查责任:制定检查计划,依法实施检查;2.处置责任:发现违法行为依法处理;"
    "3.信息公开责任:公开检查结果;4.其他责任",
    "行政强制": "1.催告责任;2.决定责任;3.执行责任;4.事后监管责任;5.其他责任",
    "其他": "1.受理责任;2.审查责任;3.决定责任;4.送达责任;5.事后监管责任",
}
ACCOUNTABILITY = (
    "因不履行或不正确履行行政职责,有下列情形的,行政机关及相关工作人员应承担相应责任:"
    "1.没有法律和事实依据实施的;2.违反法定程序实施的;3.玩忽职守、滥用职权的;4.其他违反法律法规规章规定的行为"
)
UNITS = {
    "scjgj": ["食品生产安全监管科", "食品经营安全监管科", "特种设备安全监察科", "药品医疗器械监管科", "执法大队"],
    "wjw": ["医政医管科", "卫生监督所", "公共卫生科"],
    "yjglj": ["安全生产监督管理科", "危险化学品监管科", "执法大队"],
    "zjj": ["建筑市场监管科", "质量安全监督站", "房屋安全管理科"],
    "cgj": ["燃气热力管理科", "执法大队", "市容环境卫生科"],
}
# Names offices wrote before the 2018-2019 reforms, or write for short (data/vocab/department_aliases.csv).
LOOSE_DEPARTMENTS = {
    "wjw": ["区卫健委", "区卫计局"],
    "scjgj": ["区食药监局", "区工商局", "区市场监督管理局"],
    "yjglj": ["区安监局", "区应急管理局"],
    "jyj": ["区教体局"],
    "cgj": ["区城管执法局"],
    "wlj": ["区文广局"],
}
# A real Shaanxi regulation the reference catalogue does not hold, cited as a whole the way lists do.
UNHELD_LAW = "《陕西省食品小作坊小餐饮及摊贩管理条例》"


@dataclass
class Base:
    matter_id: str
    name: str
    category: str
    subjects: str
    department_id: str
    department_short: str
    citations: list[str]  # one per cited article, as written
    old_citations: list[str]  # the same with an old number where the renumbering is known, else empty


def _read(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _bases(reference: Path, region_id: str) -> list[Base]:
    departments = {r["id"]: r for r in _read(reference / "departments.csv") if r["region_id"] == region_id}
    performers: dict[str, list[str]] = defaultdict(list)
    for r in _read(reference / "department_functions.csv"):
        if r["department_id"] in departments and not r["valid_to"]:
            performers[r["function_id"]].append(r["department_id"])
    leads = {r["matter_id"]: r["function_id"] for r in _read(reference / "assignments.csv") if r["role"] == "牵头"}
    titles = {r["id"]: r["title"] for r in _read(reference / "legal_bases.csv")}
    versions = {r["id"]: r for r in _read(reference / "basis_versions.csv")}
    articles = {r["id"]: r for r in _read(reference / "articles.csv")}
    earlier = {r["to_article_id"]: r["from_article_id"] for r in _read(reference / "renumberings.csv")}
    cited: dict[str, list[str]] = defaultdict(list)
    for r in _read(reference / "matter_articles.csv"):
        cited[r["matter_id"]].append(r["article_id"])

    def quote(article_id: str) -> str:
        a = articles[article_id]
        return f"《{titles[versions[a['version_id']]['basis_id']]}》{a['label']}"

    found = []
    for m in _read(reference / "matters.csv"):
        holders = performers.get(leads.get(m["id"], ""), [])
        ids = [a for a in cited[m["id"]] if a in articles and not versions[articles[a]["version_id"]]["effective_to"]]
        if not holders or not ids:
            continue
        department = departments[sorted(holders)[0]]
        old = [quote(earlier[a]) if a in earlier else "" for a in ids]
        found.append(
            Base(
                m["id"],
                m["name"],
                m["category"],
                m["subjects_text"],
                department["id"],
                department["short_name"] or department["name"],
                [quote(a) for a in ids],
                old if any(old) else [],
            )
        )
    return found


@dataclass
class PowerRow:
    seq: str
    code: str
    main: str
    sub: str
    category: str
    basis: str
    department: str
    unit: str
    duties: str
    accountability: str
    note: str
    subjects: str
    main_row: bool


def generate_rows(reference: Path, region_id: str, rows: int, seed: int, mistakes: bool = True) -> list[PowerRow]:
    """About `rows` rows of a 权责清单 for the region, the same for the same (reference, region, rows, seed)."""
    rng = random.Random(seed)
    bases = _bases(reference, region_id)
    if not bases:
        raise ValueError(f"参考数据中没有 {region_id} 的部门承担的监管事项")
    per_matter, extra = divmod(rows, len(bases))
    result: list[PowerRow] = []
    numbers: dict[str, int] = defaultdict(int)
    for index, base in enumerate(bases):
        subs = SUBS.get(base.category, SUBS["其他"])
        wanted = min(per_matter + (1 if index < extra else 0) - 1, len(subs) * 2)
        options = [s for s in subs] + [f"{s}(个人)" for s in subs]
        chosen = sorted(rng.sample(options, wanted), key=options.index) if wanted > 0 else []
        key = base.department_id.split("-", 1)[1]
        numbers[key] += 1
        department_number = sorted({b.department_id for b in bases}).index(base.department_id) + 1
        main_code = f"{TYPE_CODES.get(base.category, 'QT')}{region_id}{department_number:02d}{numbers[key]:04d}"
        unit_names = UNITS.get(key, ["执法大队", "综合科", "法规科"])
        basis = "、".join(base.citations)
        for n, sub in enumerate(["", *chosen]):
            result.append(
                PowerRow(
                    seq=str(index + 1) if not sub else f"{index + 1}-{n}",
                    code=f"{main_code}{n:03d}",
                    main=base.name,
                    sub=f"{base.name}({sub})" if sub else "",
                    category=base.category,
                    basis=basis,
                    department=base.department_short,
                    unit=rng.choice(unit_names),
                    duties=DUTIES.get(base.category, DUTIES["其他"]),
                    accountability=ACCOUNTABILITY,
                    note="",
                    subjects=base.subjects,
                    main_row=not sub,
                )
            )
    if mistakes:
        _spoil(rng, result, bases)
    return result


def _spoil(rng: random.Random, rows: list[PowerRow], bases: list[Base]) -> None:
    """The mistakes of hand-kept lists; each kind on a few rows, the rejected kinds on one or two."""
    by_main = {b.name: b for b in bases}
    for row in rows:
        draw = rng.random()
        key = next((k for k, names in LOOSE_DEPARTMENTS.items() if by_main[row.main].department_id.endswith(k)), None)
        if draw < 0.06 and key:
            row.department = rng.choice(LOOSE_DEPARTMENTS[key])
        elif draw < 0.09 and row.category in LOOSE_TYPES:
            row.category = rng.choice(LOOSE_TYPES[row.category])
        elif draw < 0.11 and by_main[row.main].old_citations:
            base = by_main[row.main]
            row.basis = "、".join(o or c for o, c in zip(base.old_citations, base.citations, strict=True))
            row.note = "依据条款按原条例序号填写"
        elif draw < 0.14 and row.category == "行政处罚":
            row.basis += ";《中华人民共和国行政处罚法》"
        elif draw < 0.16 and row.basis.startswith("《中华人民共和国食品安全法》"):
            row.basis += f";{UNHELD_LAW}"
        elif draw < 0.17:
            row.code = ""
        elif draw < 0.18:
            row.basis = row.basis.replace("《中华人民共和国", "《")  # short titles
    # the rows a loader must reject, with their reasons in the report
    targets = rng.sample(range(1, len(rows)), 4)
    rows[targets[0]].code = rows[targets[0] - 1].code or "CF0000000000"  # duplicate 事项编码
    rows[targets[1]].sub, rows[targets[1]].main = "", ""  # blank 事项名称
    rows[targets[2]].department = "区招商服务局"  # no such department in the county
    number = cn2an.an2cn(201)
    rows[targets[3]].basis = f"《中华人民共和国食品安全法》第{number}条"  # the law has 154 articles


def write_qzqd(rows: list[PowerRow], region_name: str, path: Path) -> None:
    """The 权责清单 layout: a title, a two-row header (事项名称 over 主项 | 子项); .xlsx merges the 主项 down."""
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow([f"{region_name}权责清单"])
            w.writerow(QZQD_HEADER)
            w.writerow(QZQD_SUB)
            for r in rows:
                w.writerow(_qzqd_cells(r, merged_main=not r.main_row))
            w.writerow(["填表说明:事项编码按省级统一编码规则填写。"])
        return
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "权责清单"
    sheet.append([f"{region_name}权责清单"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(QZQD_HEADER))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(QZQD_HEADER)
    sheet.append(QZQD_SUB)
    sheet.merge_cells("C2:D2")
    for column in (1, 2, 5, 6, 7, 8, 9, 10, 11):
        sheet.merge_cells(start_row=2, start_column=column, end_row=3, end_column=column)
    first = 4
    start = first
    for i, r in enumerate(rows):
        sheet.append(_qzqd_cells(r, merged_main=False))
        last = i + 1 == len(rows) or rows[i + 1].main_row or rows[i + 1].main != r.main
        if last:
            end = first + i
            if end > start and all(rows[j - first].main == r.main and r.main for j in range(start, end + 1)):
                sheet.merge_cells(start_row=start, start_column=3, end_row=end, end_column=3)
            start = end + 1
    book.save(path)


def _qzqd_cells(r: PowerRow, merged_main: bool) -> list[str]:
    main = "" if merged_main else r.main
    return [r.seq, r.code, main, r.sub, r.category, r.basis, r.department, r.unit, r.duties, r.accountability, r.note]


def write_jgsx(rows: list[PowerRow], region_level: str, path: Path) -> None:
    """The 互联网+监管 监管事项目录清单 of one department: its 行政检查 rows, 主项 and 子项, as CSV or .xlsx."""
    table = [JGSX_HEADER]
    for n, r in enumerate((r for r in rows if r.category in ("行政检查", "检查")), start=1):
        measure = r.sub.rsplit("(", 1)[-1].rstrip(")") if r.sub else "现场检查"
        levels = {"县": "县级", "市": "市级、县级", "省": "省级、市级、县级"}.get(region_level, "县级")
        table.append([str(n), r.main, r.sub, r.subjects, measure, r.basis, levels, r.code])
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            csv.writer(f).writerows(table)
        return
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "监管事项目录清单"
    for line in table:
        sheet.append(line)
    book.save(path)


def generate_powers(
    reference: Path, region_id: str, region_name: str, region_level: str, out: Path, rows: int = 3500, seed: int = 1
) -> dict[str, int]:
    """Writes 权责清单_<region>.xlsx and .csv and 监管事项目录清单_<region>.csv under out; returns rows per file."""
    out.mkdir(parents=True, exist_ok=True)
    generated = generate_rows(reference, region_id, rows, seed)
    files: dict[str, Callable[[Path], None]] = {
        f"权责清单_{region_id}.xlsx": lambda p: write_qzqd(generated, region_name, p),
        f"权责清单_{region_id}.csv": lambda p: write_qzqd(generated, region_name, p),
        f"监管事项目录清单_{region_id}.csv": lambda p: write_jgsx(generated, region_level, p),
    }
    for name, write in files.items():
        write(out / name)
    checks = sum(1 for r in generated if r.category in ("行政检查", "检查"))
    return {name: (checks if name.startswith("监管") else len(generated)) for name in files}
