"""Writes the sample forms of seed 003 for 西安市雁塔区 (610113), filled in, as .xlsx and .csv.

    .venv/bin/python data/samples/make_samples.py

附件1 (监管事项清单) in the seed's own layout: 监管部门 spans two columns, a role label
(牵头单位/配合单位) and the department; an item's shared cells are merged down its rows in the
.xlsx and left blank on its 配合 rows in the .csv. 附件2 (工作计划) uses a two-row header with
牵头单位 | 配合单位 under 监管部门. Both have a title and 填报日期 above the header, and the
spacer rows, full-width characters and stray spaces of hand-filled forms. The *_errors forms carry
the typical mistakes, one per item, next to good items; README.md lists them with their rows.

Load 附件1 before 附件2: the plans cover matters the first form creates.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).parent
LEAD, COOP = "牵头单位", "配合单位"
FOOD = "《中华人民共和国食品安全法》"


@dataclass
class Form:
    name: str
    title: str
    filed: str  # the line above the header
    header: list[list[str]]  # one or two rows; "" under a merged header cell
    header_merges: list[str]
    items: list[list[list[str]]]  # rows of each item; [] is a spacer row
    shared: list[int]  # columns an item's rows share: merged in .xlsx, blank after the first row in .csv
    notes: list[str]
    widths: list[int]


MATTERS_HEADER = [
    ["序号", "监管领域", "监管部门", "", "监管事项", "设定依据", "监管对象", "事项类别", "检查方式", "监管层级"]
]
MATTERS_NOTES = [
    "填表说明：1.监管领域可依据《国民经济行业分类》中的行业大类填写也可结合监管实际填写；",
    "2.监管事项应简要描述具体的检查内容；",
    "3.设定依据为法律法规的具体条文；",
    "4.监管层级是指省市县。",
]
MATTERS_SHARED = [0, 1, 4, 5, 6, 7, 8, 9]


def matter(seq: str, domain: str, name: str, basis: str, subjects: str, category: str, method: str, level: str):
    """An item's rows: the first carries the shared cells, the others only their department."""

    def rows(*departments: tuple[str, str]) -> list[list[str]]:
        first, *rest = departments
        head = [seq, domain, first[0], first[1], name, basis, subjects, category, method, level]
        return [head] + [["", "", role, department, "", "", "", "", "", ""] for role, department in rest]

    return rows


MATTERS_GOOD = Form(
    "附件1_监管事项清单_雁塔区",
    "跨部门综合监管事项清单填报表",
    "填报单位：西安市雁塔区市场监督管理局（盖章）　　　　填报日期：2024年3月15日",
    MATTERS_HEADER,
    ["C4:D4"],
    [
        matter(
            "１",
            "食品",
            "学校食堂食品安全监督检查",
            f"{FOOD}第五十七条、第一百一十条",
            "学校、托幼机构食堂",
            "行政检查",
            "双随机、一公开",
            "县级",
        )((LEAD, "区市场监管局"), (COOP, "区教育局")),
        [],
        matter(
            "２",
            "燃气",
            "燃气经营企业安全监督检查",
            "《城镇燃气管理条例》第五条第二款、第二十二条第二款",
            "燃气经营企业",
            "行政检查",
            "现场检查",
            "区县",
        )((LEAD, "区城管局"), (COOP, "区市场监管局"), (COOP, "区应急局")),
        matter(
            "３",
            "危险化学品",
            "危险化学品经营企业安全监督检查",
            "《危险化学品安全管理条例》第六条第（一）项、第（二）项，第七条",
            "危险化学品经营企业",
            "行政检查",
            "现场检查",
            "县",
        )((LEAD, "区应急局"), (COOP, "公安雁塔分局"), (COOP, "区市场监管局")),
        matter(
            "４",
            "食品",
            "食用农产品市场销售质量安全监督检查",
            "《中华人民共和国农产品质量安全法》第六十条",
            "农产品批发市场、农贸市场",
            "行政检查",
            "双随机抽查",
            "县级 ",
        )((LEAD, "雁塔区市场监督管理局"), (COOP, "区农水局")),
        [],
        matter(
            "５",
            "食品",
            "食品生产经营者抽样检验",
            "《食品安全法》第八十七条；《食品安全法》第一百一十条第（一）至（三）项",
            "食品生产经营者",
            "行政检查",
            "双随机",
            "县",
        )((LEAD, "区　市场监管局 "), (COOP, "区卫健局")),
    ],
    MATTERS_SHARED,
    MATTERS_NOTES,
    [6, 10, 10, 16, 28, 44, 22, 10, 14, 8],
)

MATTERS_ERRORS = Form(
    "附件1_监管事项清单_雁塔区_有误",
    "跨部门综合监管事项清单填报表",
    "填报单位：西安市雁塔区市场监督管理局（盖章）　　　　填报日期：2024年3月15日",
    MATTERS_HEADER,
    ["C4:D4"],
    [
        # row 5: a 配合 row above its 牵头 row
        matter("1", "食品", "学校食堂食品安全监督检查", f"{FOOD}第五十七条", "学校食堂", "行政检查", "现场检查", "县")(
            (COOP, "区教育局")
        ),
        # rows 6-7: good, but its 配合 department does not exist in 雁塔区
        matter("1", "食品", "学校食堂食品安全监督检查", f"{FOOD}第五十七条", "学校食堂", "行政检查", "现场检查", "县")(
            (LEAD, "区市场监管局"), (COOP, "区消防大队")
        ),
        # rows 8-9: 监管层级 乡镇
        matter(
            "2",
            "燃气",
            "燃气经营企业安全监督检查",
            "《城镇燃气管理条例》第五条第二款",
            "燃气经营企业",
            "行政检查",
            "现场检查",
            "乡镇",
        )((LEAD, "区城管局"), (COOP, "区市场监管局")),
        # row 10: 事项类别 行政许可
        matter(
            "3",
            "危险化学品",
            "危险化学品经营许可",
            "《危险化学品安全管理条例》第六条第（一）项",
            "危险化学品经营企业",
            "行政许可",
            "现场检查",
            "县",
        )(
            (LEAD, "区应急局"),
        ),
        # row 11: a law that does not exist (食品安全管理法)
        matter(
            "4",
            "食品",
            "网络餐饮服务食品安全监督检查",
            "《食品安全管理法》第一百一十条",
            "网络餐饮服务提供者",
            "行政检查",
            "非现场检查",
            "县",
        )(
            (LEAD, "区市场监管局"),
        ),
        # row 12: an article the law does not have (食品安全法 has 154)
        matter(
            "5",
            "食品",
            "食品销售者监督抽检",
            f"{FOOD}第一百六十条",
            "食品销售者",
            "行政检查",
            "双随机抽查",
            "县",
        )(
            (LEAD, "区市场监管局"),
        ),
        # rows 13-14: no 牵头 row
        matter(
            "6",
            "燃气",
            "瓶装液化石油气充装站安全检查",
            "《城镇燃气管理条例》第五条第二款",
            "液化石油气充装站",
            "行政检查",
            "现场检查",
            "县",
        )((COOP, "区市场监管局"), (COOP, "区应急局")),
        # row 15: 监管事项 left empty
        matter("7", "食品", "", f"{FOOD}第八十七条", "食品生产经营者", "行政检查", "双随机抽查", "县")(
            (LEAD, "区市场监管局"),
        ),
        # row 16: a domain the catalogue does not have
        matter(
            "8",
            "食品安全领域",
            "餐饮服务食品安全监督检查",
            f"{FOOD}第一百一十条",
            "餐饮服务提供者",
            "行政检查",
            "现场检查",
            "县",
        )(
            (LEAD, "区市场监管局"),
        ),
        # rows 17-18: good
        matter(
            "9",
            "燃气",
            "燃气用户安全检查",
            "《城镇燃气管理条例》第五条第二款",
            "燃气用户",
            "行政检查",
            "现场检查",
            "县",
        )((LEAD, "区城管局"), (COOP, "区住建局")),
        # row 19: 同上 is no citation
        matter(
            "10",
            "燃气",
            "燃气燃烧器具安装维修监督检查",
            "同上",
            "燃气燃烧器具安装维修企业",
            "行政检查",
            "现场检查",
            "县",
        )(
            (LEAD, "区城管局"),
        ),
    ],
    MATTERS_SHARED,
    MATTERS_NOTES,
    [6, 12, 10, 16, 28, 44, 22, 10, 14, 8],
)

PLANS_HEADER = [
    ["序号", "综合监管\n\n计划名称", "监管部门", "", "监管事项", "监管对象", "检查数量（比例、频次）", "检查起止时间"],
    ["", "", "牵头单位", "配合单位", "", "", "", ""],
]
PLANS_MERGES = ["A4:A5", "B4:B5", "C4:D4", "E4:E5", "F4:F5", "G4:G5", "H4:H5"]
PLANS_SHARED = [0, 1, 4, 5, 6, 7]


def plan(seq: str, name: str, matters: str, subjects: str, quantity: str, period: str):
    def rows(lead: str, *cooperating: str) -> list[list[str]]:
        first = [seq, name, lead, cooperating[0] if cooperating else "", matters, subjects, quantity, period]
        return [first] + [["", "", "", c, "", "", "", ""] for c in cooperating[1:]]

    return rows


PLANS_GOOD = Form(
    "附件2_工作计划_雁塔区",
    "跨部门综合监管工作计划填报表",
    "填报单位：西安市雁塔区市场监督管理局（盖章）　　　　填报日期：2024年3月20日",
    PLANS_HEADER,
    PLANS_MERGES,
    [
        plan(
            "1",
            "2024年度学校食堂食品安全联合抽查",
            "学校食堂食品安全监督检查",
            "全区中小学、幼儿园食堂",
            "按5%比例抽查，每年1次",
            "2024年4月1日至2024年10月31日",
        )("区市场监管局", "区教育局", "区卫健局"),
        plan(
            "2",
            "2024年度燃气安全联合检查",
            "燃气经营企业安全监督检查",
            "辖区燃气经营企业",
            "全覆盖，每半年1次",
            "2024.04-2024.12",
        )("区城管局", "区市场监管局、区应急局"),
        [],
        plan(
            "3",
            "危险化学品经营企业专项检查",
            "危险化学品经营企业安全监督检查",
            "危险化学品经营企业",
            "不少于１０％",
            "2024年5月至9月",
        )("区应急局", "公安雁塔分局"),
        plan(
            "4",
            "食品生产经营者日常监督检查",
            "对食品生产经营者的监督检查\n食品生产经营者抽样检验",
            "食品生产经营者",
            "按3%比例抽查，每季度1次",
            "2024-03-01至2024-12-31",
        )("区市场监管局"),
    ],
    PLANS_SHARED,
    [],
    [6, 30, 14, 22, 32, 22, 22, 30],
)

PLANS_ERRORS = Form(
    "附件2_工作计划_雁塔区_有误",
    "跨部门综合监管工作计划填报表",
    "填报单位：西安市雁塔区市场监督管理局（盖章）　　　　填报日期：2024年3月20日",
    PLANS_HEADER,
    PLANS_MERGES,
    [
        # row 6: 检查起止时间 without dates
        plan(
            "1",
            "2024年上半年学校食堂检查",
            "学校食堂食品安全监督检查",
            "学校食堂",
            "按5%比例抽查，每年1次",
            "2024年上半年",
        )("区市场监管局", "区教育局"),
        # row 7: ends before it starts
        plan(
            "2",
            "燃气安全专项检查",
            "燃气经营企业安全监督检查",
            "燃气经营企业",
            "全覆盖",
            "2024年9月1日至2024年3月31日",
        )("区城管局", "区应急局"),
        # row 8: 检查数量 says neither ratio nor frequency
        plan(
            "3",
            "危险化学品安全检查",
            "危险化学品经营企业安全监督检查",
            "危险化学品经营企业",
            "视情况确定",
            "2024年5月至9月",
        )("区应急局", "公安雁塔分局"),
        # row 9: a matter no form or catalogue has
        plan("4", "网吧消防安全检查", "网吧消防安全检查", "网吧", "每年1次", "2024年全年")("区文旅局"),
        # row 10: a lead department 雁塔区 does not have
        plan(
            "5",
            "食用农产品联合抽检",
            "食用农产品市场销售质量安全监督检查",
            "农贸市场",
            "按2%比例抽查",
            "2024年6月至8月",
        )("区物价局", "区农水局"),
        # row 11: good, but one of its 配合 departments does not exist
        plan(
            "6",
            "2024年度燃气安全联合检查",
            "燃气经营企业安全监督检查",
            "辖区燃气经营企业",
            "全覆盖，每半年1次",
            "2024.04-2024.12",
        )("区城管局", "区市场监管局、区消防大队"),
        # row 12: good
        plan(
            "7",
            "食品生产经营者日常监督检查",
            "对食品生产经营者的监督检查",
            "食品生产经营者",
            "按3%比例抽查，每季度1次",
            "2024-03-01至2024-12-31",
        )("区市场监管局"),
    ],
    PLANS_SHARED,
    [],
    [6, 30, 14, 22, 32, 22, 22, 30],
)


def grid(form: Form) -> tuple[list[list[str]], list[str]]:
    """The sheet's rows and the .xlsx merges (header, and each item's shared cells down its rows)."""
    width = len(form.header[0])
    rows: list[list[str]] = [["附件1" if "事项" in form.title else "附件2"], [form.title], [form.filed], *form.header]
    merges = [f"A2:{chr(64 + width)}2", f"A3:{chr(64 + width)}3", *form.header_merges]
    for item in form.items:
        if not item:
            rows.append([])
            continue
        first = len(rows) + 1
        rows += item
        if len(item) > 1:
            merges += [f"{chr(65 + c)}{first}:{chr(65 + c)}{first + len(item) - 1}" for c in form.shared]
    rows += [[]] + [[note] for note in form.notes]
    return rows, merges


def write_xlsx(form: Form, path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = form.title[:31]
    rows, merges = grid(form)
    for r, row in enumerate(rows, 1):
        for c, value in enumerate(row, 1):
            if value:
                sheet.cell(r, c, value).alignment = Alignment(wrap_text=True, vertical="center")
    for merged in merges:
        sheet.merge_cells(merged)
    sheet["A2"].font = Font(bold=True, size=14)
    for c, width in enumerate(form.widths):
        sheet.column_dimensions[chr(65 + c)].width = width
    book.save(path)


def write_csv(form: Form, path: Path, encoding: str) -> None:
    rows, _ = grid(form)
    width = len(form.header[0])
    with path.open("w", encoding=encoding, newline="") as f:
        csv.writer(f).writerows(row + [""] * (width - len(row)) for row in rows)


def main() -> None:
    for form in (MATTERS_GOOD, MATTERS_ERRORS):
        write_xlsx(form, HERE / f"{form.name}.xlsx")
        write_csv(form, HERE / f"{form.name}.csv", "utf-8-sig")  # Excel's "CSV UTF-8"
    for form in (PLANS_GOOD, PLANS_ERRORS):
        write_xlsx(form, HERE / f"{form.name}.xlsx")
        write_csv(form, HERE / f"{form.name}.csv", "gb18030")  # Excel's plain "CSV" on Chinese Windows


if __name__ == "__main__":
    main()
