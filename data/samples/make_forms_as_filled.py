"""Writes three 附件1 forms of 雁塔区 filled the way three different offices fill them (run from the repository root:
`.venv/bin/python data/samples/make_forms_as_filled.py`). Every citation is a provision of data/reference/articles.csv
or of shared/laws; what each author meant is stated in tests/test_forms_as_filled.py.

- 教育局: one 监管部门 column, several departments in one cell with their roles in brackets, short names
  (区教体局, 区消防救援大队), open-vocabulary words (日常检查、联合检查, 学校安全), a 填报日期 and merged title (.xlsx);
- 应急管理局: 监管部门 split into 牵头单位 | 配合单位 under a two-row header, a pre-2018 name (区安监局), 网络监测,
  saved by Excel on Chinese Windows as GB18030 CSV;
- 卫生健康局: role label then name in two columns, "区卫健局（牵头）、区医保局（配合）" in one cell, pre-reform names
  (区卫计局, 区卫健委), articles of 医疗机构管理条例 cited by their 2016 numbers (.xlsx, the item's cells merged down).
"""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).resolve().parent
HEADER = ["序号", "监管领域", "监管部门", "监管事项", "设定依据", "监管对象", "事项类别", "检查方式", "监管层级"]

EDUCATION = [
    [
        "1",
        "食品安全",
        "区市场监管局（牵头）、区教育局、区卫健局",
        "学校食堂食品安全监督检查",
        "《中华人民共和国食品安全法》第一百一十条第一款第（一）项、第（二）项",
        "中小学校、幼儿园食堂",
        "行政检查",
        "日常检查、联合检查",
        "区县",
    ],
    [
        "2",
        "学校安全",
        "区教体局（牵头）、区消防救援大队（配合）",
        "校外培训机构消防安全检查",
        "《中华人民共和国消防法》第五十三条第一款",
        "校外培训机构",
        "检查",
        "联合检查",
        "区级",
    ],
    [
        "3",
        "燃气",
        "区城管局（牵头）、区教育局（配合）",
        "学校食堂燃气使用安全检查",
        "《城镇燃气管理条例》第五条第二款",
        "使用燃气的学校食堂",
        "行政检查",
        "现场检查",
        "县级",
    ],
]

_REST = ["监管事项", "设定依据", "监管对象", "事项类别", "检查方式", "监管层级"]
EMERGENCY_HEADER = [["序号", "监管领域", "监管部门", "", *_REST], ["序号", "监管领域", "牵头单位", "配合单位", *_REST]]
EMERGENCY = [
    [
        "1",
        "危险化学品",
        "区应急局",
        "区市场监管局、公安雁塔分局",
        "危险化学品经营企业安全检查",
        "《危险化学品安全管理条例》第六条第一款第（一）项",
        "危险化学品经营企业",
        "行政检查",
        "双随机、一公开",
        "县级",
    ],
    [
        "2",
        "安全生产",
        "区安监局",
        "区住建局",
        "建筑施工企业安全生产检查",
        "《中华人民共和国安全生产法》第十条第一款、第二款",
        "建筑施工企业",
        "行政检查",
        "联合检查",
        "区县",
    ],
    ["", "", "", "区城管局", "", "", "", "", "", ""],
    [
        "3",
        "燃气",
        "区城管局",
        "区市场监管局",
        "瓶装液化气经营企业安全检查",
        "《城镇燃气管理条例》第五条第二款",
        "瓶装燃气经营企业",
        "检查",
        "网络监测、现场检查",
        "县",
    ],
]

HEALTH = [
    # (序号, 监管领域, role, department, 监管事项, 设定依据, 监管对象, 事项类别, 检查方式, 监管层级)
    [
        "1",
        "医疗卫生",
        "",
        "区卫健局（牵头）、区医保局（配合）",
        "医疗机构执业登记事后监管",
        "《医疗机构管理条例》第十七条第一款",
        "医疗机构",
        "行政检查",
        "书面检查",
        "区县",
    ],
    [
        "2",
        "卫生健康",
        "牵头单位",
        "区卫计局",
        "无证行医查处",
        "《医疗机构管理条例》第四十四条",
        "未取得《医疗机构执业许可证》擅自执业的单位和个人",
        "行政处罚",
        "投诉举报核查",
        "县级",
    ],
    ["", "", "配合单位", "区市场监管局", "", "", "", "", "", ""],
    [
        "3",
        "医保基金",
        "牵头单位",
        "区医保局",
        "定点医药机构医保基金使用监督检查",
        "《医疗保障基金使用监督管理条例》第六条第二款、第二十七条第一款第（一）项",
        "定点医药机构",
        "行政检查",
        "双随机抽查",
        "县级",
    ],
    ["", "", "配合单位", "区卫健委", "", "", "", "", "", ""],
    ["", "", "配合单位", "区市场监管局", "", "", "", "", "", ""],
]


def education(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "附件1"
    sheet.append(["附件1  跨部门综合监管事项清单填报表"])
    sheet.merge_cells("A1:I1")
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    sheet.append(["填报单位:西安市雁塔区教育局", "", "", "", "", "", "填报日期:2026年3月10日"])
    sheet.append(HEADER)
    for row in EDUCATION:
        sheet.append(row)
    sheet.append([])
    sheet.append(["填表说明:监管部门可在同一格内填写多个部门,并在牵头单位后注明(牵头)。"])
    book.save(path)


def emergency(path: Path) -> None:
    with path.open("w", encoding="gb18030", newline="") as f:  # Excel's plain "CSV" on Chinese Windows
        writer = csv.writer(f)
        writer.writerow(["跨部门综合监管事项清单填报表(区应急管理局)"])
        writer.writerows(EMERGENCY_HEADER)
        writer.writerows(EMERGENCY)


def health(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "事项清单"
    sheet.append(["跨部门综合监管事项清单填报表"])
    sheet.append(["填报单位(盖章):西安市雁塔区卫生健康局"])
    sheet.append([*HEADER[:2], "监管部门", "", *HEADER[3:]])
    sheet.merge_cells("C3:D3")
    for row in HEALTH:
        sheet.append(row)
    # the item's shared cells merged down its 牵头 and 配合 rows, as offices do
    for first, last in ((5, 6), (7, 9)):
        for column in "ABEFGHIJ":
            sheet.merge_cells(f"{column}{first}:{column}{last}")
    book.save(path)


def main() -> None:
    education(HERE / "附件1_雁塔区教育局_一格多部门.xlsx")
    emergency(HERE / "附件1_雁塔区应急管理局_牵头配合分列.csv")
    health(HERE / "附件1_雁塔区卫生健康局_旧条号.xlsx")


if __name__ == "__main__":
    main()
