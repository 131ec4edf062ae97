"""The reference catalogue shipped in data/reference/: regions and departments (more to come)."""

from __future__ import annotations

import re
from pathlib import Path

from graphsvc.cypher import query
from graphsvc.db import Runner
from loaders.rows import LoadReport, RowError, read_csv

UPSERT_REGIONS = query("region/upsert_regions")
UPSERT_DEPARTMENTS = query("department/upsert_departments")

LEVELS = ("省", "市", "县", "乡")
# GB/T 2260 county-level codes have 6 digits; 乡镇/街道 and 开发区 extend them to 9 or 12.
REGION_CODE = re.compile(r"\d{6}(\d{3}(\d{3})?)?")


def load_reference(runner: Runner, directory: Path, actor: str) -> LoadReport:
    """Validates every row, writes the good ones, and reports the others by file, row and field."""
    report = LoadReport()
    regions = _region_rows(directory / "regions.csv", report)
    report.written["Region"] = runner.write(UPSERT_REGIONS, rows=regions, actor=actor)[0]["written"]
    known_regions = {r["id"] for r in regions}
    departments = _department_rows(directory / "departments.csv", known_regions, report)
    report.written["Department"] = len(runner.write(UPSERT_DEPARTMENTS, rows=departments, actor=actor))
    return report


def _region_rows(path: Path, report: LoadReport) -> list[dict]:
    rows, seen = [], set()
    for number, row in read_csv(path):

        def bad(field: str, reason: str, number: int = number) -> None:
            report.errors.append(RowError(path.name, number, field, reason))

        if not REGION_CODE.fullmatch(row.get("id", "")):
            bad("id", f"行政区划代码应为 6、9 或 12 位数字,实为 {row.get('id')!r}")
        elif row["id"] in seen:
            bad("id", f"重复的行政区划代码 {row['id']}")
        elif not row.get("name"):
            bad("name", "名称为空")
        elif row.get("level") not in LEVELS:
            bad("level", f"层级应为 {'/'.join(LEVELS)} 之一,实为 {row.get('level')!r}")
        elif row.get("parent_id") and row["parent_id"] not in seen:
            bad("parent_id", f"上级区划 {row['parent_id']} 不在此前的行中(上级须先于下级列出)")
        else:
            seen.add(row["id"])
            rows.append(
                {"id": row["id"], "name": row["name"], "level": row["level"], "parent_id": row.get("parent_id") or None}
            )
    return rows


def _department_rows(path: Path, regions: set[str], report: LoadReport) -> list[dict]:
    rows, seen = [], set()
    for number, row in read_csv(path):

        def bad(field: str, reason: str, number: int = number) -> None:
            report.errors.append(RowError(path.name, number, field, reason))

        if not row.get("id"):
            bad("id", "部门编号为空")
        elif row["id"] in seen:
            bad("id", f"重复的部门编号 {row['id']}")
        elif not row.get("name"):
            bad("name", "部门名称为空")
        elif row.get("level") not in LEVELS:
            bad("level", f"层级应为 {'/'.join(LEVELS)} 之一,实为 {row.get('level')!r}")
        elif row.get("region_id") not in regions:
            bad("region_id", f"未知的行政区划 {row.get('region_id')!r}")
        else:
            seen.add(row["id"])
            rows.append({k: row.get(k) or None for k in ("id", "name", "short_name", "level", "region_id")})
    return rows
