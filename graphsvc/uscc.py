"""统一社会信用代码 (USCC, GB 32100-2015): 18 characters whose last one is a check character."""

from __future__ import annotations

from stdnum.cn import uscc
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError

from graphsvc.errors import InvalidInput, NotFound


def validate(value: str) -> str:
    """The code in its canonical form (no spaces, upper case); ValueError with a Chinese reason if invalid."""
    try:
        return str(uscc.validate(value))
    except InvalidLength:
        raise ValueError("统一社会信用代码应为 18 位") from None
    except InvalidChecksum:
        raise ValueError("统一社会信用代码校验位错误(第 18 位与前 17 位不符)") from None
    except (InvalidFormat, ValidationError):
        raise ValueError("统一社会信用代码含有不允许的字符(不使用 I、O、Z、S、V)") from None


def require_valid(code: str) -> str:
    """The canonical code, or the caller's mistake as a 422 that says what is wrong."""
    try:
        return validate(code)
    except ValueError as e:
        raise InvalidInput(f"{e}:{code}", [{"field": "uscc", "reason": str(e)}]) from None


def unknown_subject(code: str) -> NotFound:
    return NotFound(f"未找到统一社会信用代码为 {code} 的监管对象", [{"field": "uscc", "reason": "unknown subject"}])
