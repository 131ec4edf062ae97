"""Reading the user forms' free-text cells (seed 003): quantities, periods, levels, categories, check methods."""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.vocab import Mapped
from loaders.forms.cells import parse_category, parse_check_method, parse_level, parse_period
from loaders.quantity import Quantity, parse_quantity

# -- cells, pure ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "ratio", "frequency"),
    [
        ("按5%比例抽查，每年1次", 0.05, 1.0),
        ("按５％比例抽查,每年一次", 0.05, 1.0),
        ("全覆盖", 1.0, None),
        ("全覆盖，每半年1次", 1.0, 2.0),
        ("每半年1次", None, 2.0),
        ("每季度至少1次", None, 4.0),
        ("每两年1次", None, 0.5),
        ("一年两次", None, 2.0),
        ("2次/年", None, 2.0),
        ("不少于10%", 0.1, None),
        ("百分之三", 0.03, None),
        ("抽查20家", None, None),
    ],
)
def test_quantity(text: str, ratio: float | None, frequency: float | None) -> None:
    assert parse_quantity(text) == Quantity(ratio, frequency)


@pytest.mark.parametrize(
    ("text", "reason"),
    [("视情况而定", "无法识别检查数量"), ("120%", "不超过100%"), ("5%、10%", "多个比例"), ("", "检查数量为空")],
)
def test_quantity_that_cannot_be_read(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_quantity(text)


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2024年3月1日至2024年11月30日", date(2024, 3, 1), date(2024, 11, 30)),
        ("２０２４年３月１日至２０２４年１１月３０日", date(2024, 3, 1), date(2024, 11, 30)),
        ("2024-03-01至2024-11-30", date(2024, 3, 1), date(2024, 11, 30)),
        ("2024-03-01—2024-11-30", date(2024, 3, 1), date(2024, 11, 30)),
        ("2024.03-2024.06", date(2024, 3, 1), date(2024, 6, 30)),
        ("2024年4月至6月", date(2024, 4, 1), date(2024, 6, 30)),
        ("2024年2月-2月", date(2024, 2, 1), date(2024, 2, 29)),
        ("2024年全年", date(2024, 1, 1), date(2024, 12, 31)),
    ],
)
def test_period(text: str, start: date, end: date) -> None:
    assert parse_period(text) == (start, end)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("2024年上半年", "应写作 开始日期至结束日期"),
        ("2024年3月1日至", "应写作 开始日期至结束日期"),
        ("2024年6月1日至2024年3月1日", "结束日期早于开始日期"),
        ("2024年2月30日至2024年3月1日", "不存在"),
        ("2024年13月至12月", "月份不存在"),
        ("3月至6月", "缺少年份"),
    ],
)
def test_period_that_cannot_be_read(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_period(text)


def test_levels_categories_and_check_methods() -> None:
    assert [parse_level(x) for x in ("省", "省级", "市级", "县级", "区县", "区", "县(区)")] == list("省省市县县县县")
    assert parse_level("市、县", "县") == parse_level("省市县", "县") == "县"  # the form's own level among several
    for bad in ("乡镇", "街道", "国家级"):
        with pytest.raises(ValueError, match="监管层级应为"):
            parse_level(bad)
    assert [parse_category(x).canonical for x in ("行政检查", "处罚", " 行政强制 ", "其他")] == [
        "行政检查",
        "行政处罚",
        "行政强制",
        "其他",
    ]
    # open vocabularies: the 权责清单's 事项类型 are words of the vocabulary; an unknown word comes back as written
    assert parse_category("行政许可").canonical == "行政许可"
    assert parse_category("备案管理") == Mapped("备案管理", None)
    assert parse_check_method("双随机、一公开").canonical == "双随机抽查"
    assert parse_check_method("非现场监测、现场核查").canonical == "非现场检查"
    assert parse_check_method("现场检查、非现场检查").canonical == "现场检查"
    assert [parse_check_method(x).canonical for x in ("日常检查", "书面检查", "联合检查", "网络监测")] == [
        "现场检查",
        "非现场检查",
        "现场检查",
        "非现场检查",
    ]
    assert parse_check_method("信用评价") == Mapped("信用评价", None)


# -- 附件1 监管事项清单 ----------------------------------------------------------------------------


# -- 附件2 工作计划 --------------------------------------------------------------------------------
