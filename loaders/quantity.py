"""检查数量(比例、频次) as plans write it: 按5%比例抽查，每年1次 · 全覆盖 · 每半年1次 · 不少于10% · 抽查20家."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import cn2an

_CN = r"[\d.一二两三四五六七八九十百]+"
_PERCENT = re.compile(r"(\d+(?:\.\d+)?)\s*%|百分之(" + _CN + ")")
_FULL = re.compile(r"全覆盖|全面检查|全部检查|逐一检查|全检")
# 每年1次, 每半年一次, 每季度至少1次, 每两年1次, 一年两次
_EVERY = re.compile(
    rf"(?:每|一)(?P<n>{_CN})?个?(?P<unit>半年|年度?|季度?|月|周)[^\d次一二两三四五六七八九十]{{0,6}}?(?P<count>{_CN})次"
)
# 1次/年, 2次/季度
_PER = re.compile(rf"(?P<count>{_CN})次\s*/\s*(?P<unit>半年|年度?|季度?|月|周)")
_HEADCOUNT = re.compile(r"\d+\s*(?:家|户|个|批次|批|件|所|处|台|座)")
PER_YEAR = {"年": 1, "年度": 1, "半年": 2, "季": 4, "季度": 4, "月": 12, "周": 52}
HINT = "应写比例(如 按5%比例抽查)、频次(如 每年1次)或 全覆盖"


@dataclass(frozen=True)
class Quantity:
    ratio: float | None  # share of subjects to check, 0..1
    frequency_per_year: float | None


def parse_quantity(text: str) -> Quantity:
    """Ratio and frequency of a 检查数量 cell; raises ValueError (in Chinese) when neither can be read."""
    source = unicodedata.normalize("NFKC", text).replace(" ", "")
    if not source:
        raise ValueError(f"检查数量为空,{HINT}")
    ratios = {_percent(m) for m in _PERCENT.finditer(source)}
    if _FULL.search(source):
        ratios.add(1.0)
    if len(ratios) > 1:
        raise ValueError("检查数量写了多个比例,每行只能有一个")
    ratio = ratios.pop() if ratios else None
    if ratio is not None and not 0 < ratio <= 1:
        raise ValueError("抽查比例应大于0%且不超过100%")
    frequencies = {_frequency(m) for m in [*_EVERY.finditer(source), *_PER.finditer(source)]}
    if len(frequencies) > 1:
        raise ValueError("检查数量写了多个频次,每行只能有一个")
    frequency = frequencies.pop() if frequencies else None
    if ratio is None and frequency is None and not _HEADCOUNT.search(source):
        raise ValueError(f"无法识别检查数量,{HINT}")
    return Quantity(ratio, frequency)


def _percent(m: re.Match[str]) -> float:
    return round((float(m.group(1)) if m.group(1) else _number(m.group(2))) / 100, 6)


def _frequency(m: re.Match[str]) -> float:
    every = _number(m.groupdict().get("n") or "1")
    return round(_number(m.group("count")) * PER_YEAR[m.group("unit")] / every, 6)


def _number(text: str) -> float:
    try:
        return float(text) if re.fullmatch(r"\d+(?:\.\d+)?", text) else float(cn2an.cn2an(text, "smart"))
    except ValueError:
        raise ValueError(f"无法识别的数字:{text}") from None
