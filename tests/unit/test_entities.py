"""The USCC check (GB 32100-2015) the entity loaders rely on, against the standard written out."""

from __future__ import annotations

import re
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from stdnum.cn import uscc as stdnum_uscc

from graphsvc.uscc import problem as uscc_problem
from loaders.table import Column, Known, parse_cell
from tests.support.codes import gb32100_check


@given(
    st.text("0123456789", min_size=8, max_size=8),
    st.text("0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=9, max_size=9),
    st.sampled_from("0123456789ABCDEFGHJKLMNPQRTUWXY"),
)
def test_uscc_check_character_agrees_with_the_standard(head: str, body: str, last: str) -> None:
    code = head + body + last
    problem = uscc_problem(code)
    if last == gb32100_check(head + body):
        assert problem is None
    else:
        assert problem == f"统一社会信用代码校验位错误:第 18 位应为 {gb32100_check(head + body)},而非 {last}"


def test_uscc_format_problems_are_named() -> None:
    assert uscc_problem("91310112MA1FL8B33W") is None
    assert "不含空格" in (uscc_problem("91310112 MA1FL8B33W") or "")
    assert "不含空格" in (uscc_problem("91310112ma1fl8b33w") or "")
    assert "不用 I、O、Z、S、V" in (uscc_problem("91310112MA1FL8BI3W") or "")
    assert "此处为 19 位" in (uscc_problem("91310112MA1FL8B33WX") or "")


@given(st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXYIOSVZ ab-", min_size=16, max_size=20))
@settings(max_examples=3000)
def test_the_uscc_fast_path_agrees_with_stdnum(code: str) -> None:
    # graphsvc.uscc.problem accepts well-formed codes without stdnum; it must accept exactly what stdnum accepts.
    assert (uscc_problem(code) is None) == (stdnum_uscc.is_valid(code) and stdnum_uscc.compact(code) == code)


@given(
    st.text(alphabet="0123456789", min_size=8, max_size=8),
    st.text(alphabet="0123456789ABCDEFGHJKLMNPQRTUWXY", min_size=9, max_size=9),
)
def test_a_code_with_its_check_character_is_valid_and_with_another_is_not(head: str, tail: str) -> None:
    check = stdnum_uscc.calc_check_digit(head + tail + "0")
    assert uscc_problem(head + tail + check) is None
    wrong = "0" if check != "0" else "1"
    assert uscc_problem(head + tail + wrong) == f"统一社会信用代码校验位错误:第 18 位应为 {check},而非 {wrong}"


@pytest.mark.parametrize(
    ("written", "reason"),
    [
        ("2026-02-30", "没有这一天(月份或日期超出范围)"),
        ("2025-13-01", "没有这一天(月份或日期超出范围)"),
        ("2026/3/1", "日期应写作 YYYY-MM-DD"),
        ("3月1日", "日期应写作 YYYY-MM-DD"),
        ("２０２６-０３-０１", "日期应写作 YYYY-MM-DD"),
    ],
)
def test_a_date_that_is_no_day_is_told_apart_from_one_written_wrong(written: str, reason: str) -> None:
    with pytest.raises(ValueError, match=re.escape(reason)):
        parse_cell(Column("window_start", "date"), written, Known())
    assert parse_cell(Column("window_start", "date"), "2024-02-29", Known()) == date(2024, 2, 29)
