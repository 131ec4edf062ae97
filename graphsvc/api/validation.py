"""Request validation errors in Chinese: each names its field and gives the reason a clerk can act on, with
pydantic's English error type kept beside it for programs (`type`), and where the field was (`location`)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from graphsvc.types import REGION_PATTERN

# pydantic's error types (https://docs.pydantic.dev/latest/errors/validation_errors/) → the reason in Chinese.
REASONS: dict[str, str] = {
    "missing": "缺少必填字段",
    "extra_forbidden": "不接受该字段",
    "string_type": "应为文本",
    "string_pattern_mismatch": "格式不对",
    "string_too_short": "过短:至少 {min_length} 个字符",
    "string_too_long": "过长:最多 {max_length} 个字符",
    "string_unicode": "应为有效的 UTF-8 文本",
    "too_short": "项数不足:至少 {min_length} 项",
    "too_long": "项数过多:最多 {max_length} 项",
    "int_type": "应为整数",
    "int_parsing": "应为整数",
    "int_from_float": "应为整数,不能带小数",
    "int_parsing_size": "数值过大",
    "float_type": "应为数字",
    "float_parsing": "应为数字",
    "finite_number": "应为有限的数字",
    "bool_type": "应为 true 或 false",
    "bool_parsing": "应为 true 或 false",
    "greater_than": "应大于 {gt}",
    "greater_than_equal": "应不小于 {ge}",
    "less_than": "应小于 {lt}",
    "less_than_equal": "应不大于 {le}",
    "multiple_of": "应为 {multiple_of} 的倍数",
    "literal_error": "取值应为以下之一:{expected}",
    "enum": "取值应为以下之一:{expected}",
    "date_type": "应为日期(YYYY-MM-DD)",
    "date_parsing": "应为日期(YYYY-MM-DD)",
    "date_from_datetime_parsing": "应为日期(YYYY-MM-DD)",
    "date_from_datetime_inexact": "应为日期(YYYY-MM-DD),不含时刻",
    "datetime_type": "应为时间(ISO 8601,如 2025-03-01T09:30:00+08:00)",
    "datetime_parsing": "应为时间(ISO 8601,如 2025-03-01T09:30:00+08:00)",
    "datetime_from_date_parsing": "应为时间(ISO 8601,如 2025-03-01T09:30:00+08:00)",
    "datetime_object_invalid": "时间无效",
    "time_parsing": "应为时刻(HH:MM:SS)",
    "list_type": "应为列表",
    "tuple_type": "应为列表",
    "set_type": "应为列表",
    "dict_type": "应为对象(JSON object)",
    "model_type": "应为对象(JSON object)",
    "model_attributes_type": "应为对象(JSON object)",
    "json_invalid": "不是有效的 JSON",
    "json_type": "应为 JSON",
    "union_tag_invalid": "类型标记不对",
    "none_required": "应为空",
    "uuid_parsing": "应为 UUID",
}
# Patterns with a name people know, instead of the regular expression.
PATTERNS = {REGION_PATTERN: "应为 6、9 或 12 位数字的行政区划代码(GB/T 2260),如 610113"}
LOCATIONS = ("body", "query", "path", "header", "cookie")


def field_of(loc: Sequence[int | str]) -> str:
    """("body", "window", "end") → "window.end": the user knows the field, not where FastAPI found it; validator
    tags pydantic adds for a branch of a union (`function-after[...]`, `str`) are left out."""
    parts = [str(p) for p in loc[1:] if not (isinstance(p, str) and ("[" in p or p in ("str", "int", "none")))]
    if loc and loc[0] not in LOCATIONS:
        parts.insert(0, str(loc[0]))
    return ".".join(parts)


def reason_of(error: Mapping[str, Any]) -> str:
    """The reason in Chinese; our own validators already raise Chinese messages, which are kept as written."""
    kind = error.get("type", "")
    ctx = error.get("ctx") or {}
    if kind in ("value_error", "assertion_error"):
        cause = ctx.get("error")
        return str(cause) if cause is not None else str(error.get("msg", ""))
    if kind == "string_pattern_mismatch" and ctx.get("pattern") in PATTERNS:
        return PATTERNS[ctx["pattern"]]
    template = REASONS.get(kind)
    if template is None:
        return f"取值不符合要求({error.get('msg', kind)})"
    try:
        reason = template.format(**ctx)
    except (KeyError, IndexError):
        reason = template
    if kind == "string_pattern_mismatch" and "pattern" in ctx:
        reason += f"(应匹配 {ctx['pattern']})"
    return reason


def details_of(errors: Sequence[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """One detail per error: field, Chinese reason, pydantic's type and the location (body, query, path)."""
    details = []
    for error in errors:
        loc = tuple(error.get("loc", ()))
        where = str(loc[0]) if loc and loc[0] in LOCATIONS else None
        field = "" if error.get("type") == "json_invalid" else field_of(loc)
        details.append({"field": field, "reason": reason_of(error), "type": error.get("type"), "location": where})
    return details


def message_of(details: Sequence[Mapping[str, Any]]) -> str:
    """ "请求参数有误:window.end 缺少必填字段;q 过短:至少 1 个字符" — every problem at once, fields first."""
    parts = [f"{d['field'] or '请求体'} {d['reason']}" for d in details]
    return "请求参数有误:" + (";".join(parts) or "请求")
