"""A devolution decision's list (行政处罚法第二十四条): load time, and what looking below the county costs resolution.

    NEO4J_URI=neo4j://127.0.0.1:27747 .venv/bin/python benchmarks/devolution.py [--repeat 5]

Writes a SYNTHETIC decision (基准测试用（虚构）, no real decision) devolving every 行政处罚 matter of 雁塔区 to
each of its 街道 (各街道办事处), into the server NEO4J_URI names, and removes it at the end (the offices stay).
Use a scratch server holding the reference catalogue (`graphsvc load reference`). Prints medians: the list's check
and load, and resolve_matters over all 行政处罚 matters for a street with and without the decision in the graph.
"""

from __future__ import annotations

import argparse
import csv
import statistics
import tempfile
import time
from datetime import date
from pathlib import Path

from graphsvc.config import Settings
from graphsvc.cypher import query
from graphsvc.db import Reader, Runner, create_driver
from graphsvc.responsibility.answer import MatterHeader, MatterResult
from graphsvc.responsibility.resolve import read_matter_headers, resolve_matters
from loaders.devolution import load_devolution

MATTERS = query("entities/list_matter_ids")
DELETE = query("devolution/delete_decision")
DECISIONS = query("devolution/list_decisions")
HEADER = ["决定机关", "决定名称", "文号", "公布日期", "施行日期", "区县", "原实施部门", "事项编码", "承接主体"]
DECISION = [
    "陕西省人民政府",
    "基准测试用赋权决定（虚构，不是真实文件）",
    "基准〔0000〕1号",
    "2022-01-10",
    "2022-03-01",
    "雁塔区",
]
ACTOR = "benchmark:devolution"


def _resolve(runner: Runner, matters: list[MatterHeader], region: str) -> float:
    def work(tx: Reader) -> list[MatterResult]:
        return resolve_matters(tx, matters, region, date(2024, 6, 1))

    started = time.perf_counter()
    runner.reading(work)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    settings = Settings()
    driver = create_driver(settings)
    runner = Runner(driver, settings.neo4j.database, read_timeout=600)
    try:
        ids = runner.read(MATTERS)[0]["ids"]
        matters = [m for m in read_matter_headers(runner, ids) if m.category == "行政处罚" and m.level == "县"]
        before = [_resolve(runner, matters, "610113001") for _ in range(args.repeat)]
        path = Path(tempfile.mkdtemp(prefix="devolution-")) / "基准测试_赋权决定.csv"
        with path.open("w", encoding="utf-8-sig", newline="") as f:
            w = csv.writer(f)
            w.writerow(HEADER)
            for i, m in enumerate(matters):
                w.writerow([*(DECISION if i == 0 else [""] * len(DECISION)), "区城管局", m["id"], "各街道办事处"])
        checks, loads = [], []
        for _ in range(args.repeat):
            started = time.perf_counter()
            report = load_devolution(runner, path, ACTOR, dry_run=True, partial=True)
            checks.append(time.perf_counter() - started)
            started = time.perf_counter()
            report = load_devolution(runner, path, ACTOR, partial=True)
            loads.append(time.perf_counter() - started)
        after = [_resolve(runner, matters, "610113001") for _ in range(args.repeat)]
        county = [_resolve(runner, matters, "610113") for _ in range(args.repeat)]
        for decision in {r["id"] for r in runner.read(DECISIONS, title=DECISION[1])}:
            runner.write(DELETE, id=decision, actor=ACTOR)
    finally:
        driver.close()
    powers = report.written.get("DevolvedPower", 0)
    print(f"list: {len(matters)} rows, {powers} devolved powers ({report.summary(dry_run=False)})")
    print(f"check (dry run): median {statistics.median(checks):.2f} s; load: median {statistics.median(loads):.2f} s")
    print(
        f"resolve {len(matters)} matters in 小寨路街道, no decision: median {statistics.median(before) * 1000:.0f} ms"
    )
    print(f"  with every matter devolved there: median {statistics.median(after) * 1000:.0f} ms")
    print(f"  asked for 雁塔区 (every street listed): median {statistics.median(county) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
