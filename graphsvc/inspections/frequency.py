"""The credit/risk table: sampling ratio and checks per year for a subject's credit grade and risk class.

The default table is data/inspections/frequency.csv (its README says where the figures come from);
`GRAPHSVC_FREQUENCY_TABLE` names another CSV with the same columns. The minimum interval between two
checks of the same matter on the same subject follows from the frequency: floor(365 / per year) days.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from pydantic_settings import BaseSettings, SettingsConfigDict

from graphsvc.config import resource
from graphsvc.errors import InvalidInput

DEFAULT_TABLE = resource("data/inspections/frequency.csv")
GRADES = ("A", "B", "C", "D")
CLASSES = ("低", "一般", "较高", "高")
ANY = "*"


class FrequencySettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GRAPHSVC_", env_file=".env", extra="ignore")

    frequency_table: Path = DEFAULT_TABLE


@dataclass(frozen=True)
class Frequency:
    credit_grade: str
    risk_class: str
    ratio: float
    frequency_per_year: float
    note: str = ""

    @property
    def min_interval_days(self) -> int:
        return math.floor(365 / self.frequency_per_year)

    def as_dict(self) -> dict[str, object]:
        return {
            "credit_grade": self.credit_grade,
            "risk_class": self.risk_class,
            "ratio": self.ratio,
            "frequency_per_year": self.frequency_per_year,
            "min_interval_days": self.min_interval_days,
            "note": self.note,
        }


@dataclass(frozen=True)
class FrequencyTable:
    rows: dict[tuple[str, str], Frequency]
    source: str

    def lookup(self, credit_grade: str | None, risk_class: str | None) -> Frequency:
        """Exact row, then grade with any class, class with any grade, then the `*,*` row."""
        grade, risk = credit_grade or ANY, risk_class or ANY
        for key in ((grade, risk), (grade, ANY), (ANY, risk), (ANY, ANY)):
            if key in self.rows:
                return self.rows[key]
        raise AssertionError("a loaded table always has the *,* row")

    @property
    def longest_interval_days(self) -> int:
        return max(f.min_interval_days for f in self.rows.values())


def parse_table(path: Path) -> FrequencyTable:
    """Reads and checks a table; InvalidInput names the row and the field that is wrong."""
    rows: dict[tuple[str, str], Frequency] = {}
    problems: list[dict[str, object]] = []
    with path.open(encoding="utf-8-sig", newline="") as f:
        for number, raw in enumerate(csv.DictReader(f), start=2):
            row = {k.strip(): (v or "").strip() for k, v in raw.items() if k}
            grade, risk = row.get("credit_grade", ""), row.get("risk_class", "")
            if grade not in (*GRADES, ANY):
                problems.append({"row": number, "field": "credit_grade", "reason": f"应为 A–D 或 *,而非 {grade!r}"})
                continue
            if risk not in (*CLASSES, ANY):
                problems.append(
                    {"row": number, "field": "risk_class", "reason": f"应为 低/一般/较高/高 或 *,而非 {risk!r}"}
                )
                continue
            try:
                ratio, per_year = float(row.get("ratio", "")), float(row.get("frequency_per_year", ""))
            except ValueError:
                problems.append({"row": number, "field": "ratio", "reason": "ratio 与 frequency_per_year 须为数字"})
                continue
            if not 0 <= ratio <= 1 or per_year <= 0:
                problems.append({"row": number, "field": "ratio", "reason": "ratio 在 0 与 1 之间,每年次数大于 0"})
                continue
            if (grade, risk) in rows:
                problems.append({"row": number, "field": "credit_grade", "reason": "重复的信用等级与风险类别"})
                continue
            rows[(grade, risk)] = Frequency(grade, risk, ratio, per_year, row.get("note", ""))
    if (ANY, ANY) not in rows:
        problems.append({"row": 0, "field": "credit_grade", "reason": "缺少 *,* 行(信用、风险均未评定时的默认值)"})
    if problems:
        raise InvalidInput(f"检查频次表 {path} 有误", problems)
    return FrequencyTable(rows, str(path))


@cache
def load_table(path: Path | None = None) -> FrequencyTable:
    """The table at path, or the configured one; read once per path."""
    return parse_table(path or FrequencySettings().frequency_table)
