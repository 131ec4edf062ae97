"""统一社会信用代码 (USCC, GB 32100-2015): 18 characters whose last one is a check character."""

from __future__ import annotations

import re

from stdnum import exceptions as stdnum_errors
from stdnum.cn import uscc

from graphsvc.errors import InvalidInput, NotFound

# GB 32100-2015: eight digits, then ten of these 31 characters (no I, O, S, V, Z), the last a check character.
ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WELL_FORMED = re.compile(r"[0-9]{8}[0-9A-HJ-NP-RTUW-Y]{10}")
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
VALUE = {c: i for i, c in enumerate(ALPHABET)}


def problem(code: str) -> str | None:
    """Why a code as written is not a valid USCC, in Chinese; None when it is. Strict: no spaces, upper case."""
    # A well-formed code with its check character right is valid without stdnum's three passes of compact(): a
    # province's million subjects spent half their checking time there (benchmarks/load_initial.py).
    if (
        WELL_FORMED.fullmatch(code)
        and code[17] == ALPHABET[(31 - sum(VALUE[c] * w for c, w in zip(code[:17], WEIGHTS, strict=True))) % 31]
    ):
        return None
    if code != uscc.compact(code):
        return "统一社会信用代码应连写为大写字母与数字,不含空格或横线"
    try:
        uscc.validate(code)
    except stdnum_errors.InvalidLength:
        return f"统一社会信用代码应为 18 位,此处为 {len(code)} 位"
    except stdnum_errors.InvalidChecksum:
        return f"统一社会信用代码校验位错误:第 18 位应为 {uscc.calc_check_digit(code)},而非 {code[-1]}"
    except stdnum_errors.ValidationError:
        return "统一社会信用代码格式不符:前 8 位为数字,其后为数字或大写字母(不用 I、O、Z、S、V)"
    return None


def validate(value: str) -> str:
    """The code in its canonical form (spaces removed, upper case); ValueError with a Chinese reason if invalid."""
    canonical = uscc.compact(value)
    if reason := problem(canonical):
        raise ValueError(reason)
    return canonical


def require_valid(code: str) -> str:
    """The canonical code, or the caller's mistake as a 422 that says what is wrong."""
    try:
        return validate(code)
    except ValueError as e:
        raise InvalidInput(f"{e}:{code}", [{"field": "uscc", "reason": str(e)}]) from None


def unknown_subject(code: str) -> NotFound:
    return NotFound(f"未找到统一社会信用代码为 {code} 的监管对象", [{"field": "uscc", "reason": "unknown subject"}])
