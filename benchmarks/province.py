"""Province scale: the initial import's time and resolve / precheck / chain latencies at province against county.

    .venv/bin/python benchmarks/province.py [--inputs 200] [--bolt 27749 --http 27536] [--heap 4g --pagecache 3g]
        [--county DIR] [--province DIR]     # folders written by `graphsvc generate` (generated here when missing)

For each scale, in a fresh store of its own (`.neo4j/bench-province/`, deleted at the end): the schema and the
reference catalogue, then the generated files through the initial import (loaders/bulk_import.py: neo4j-admin
import full, the server restarted, the schema applied; timed end to end and by step), then `--inputs` random
questions at the service: resolve by matter in a county of the data, precheck of a task's department, subject and
matters, and a clue's chain. Prints p50/p95 in ms per scale and the ratio province p95 ÷ county p95 (target ≤ 1.2),
and the load average beside them (the machine is shared). Targets: province initial load < 10 min.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import statistics
import time
from collections.abc import Callable
from datetime import date, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import SecretStr

from graphsvc import schema
from graphsvc.clues.referrals import chain_of
from graphsvc.clues.times import BEIJING
from graphsvc.config import ROOT, Neo4jSettings, ServiceSettings, Settings
from graphsvc.cypher import query
from graphsvc.db import Runner, create_driver
from graphsvc.errors import DatabaseUnavailable
from graphsvc.identity import Role, User
from graphsvc.inspections.frequency import load_table
from graphsvc.inspections.precheck import PrecheckRequest, precheck
from graphsvc.local_neo4j import LocalNeo4j
from graphsvc.responsibility.resolve import ResolveRequest, resolve
from loaders.bulk_import import finish, initial_import
from loaders.reference import load_reference
from loaders.synthetic import generate

HOME = ROOT / ".neo4j" / "bench-province"
REFERENCE = ROOT / "data" / "reference"
ACTOR = "bench:province"
SERVER_COMPONENTS = query("admin/server_components")
ADMIN = User(id="u_bench", name="bench", role=Role.admin, token_id="tok_bench")
AS_OF = date(2026, 11, 26)
MOMENT = datetime(AS_OF.year, AS_OF.month, AS_OF.day, tzinfo=BEIJING)


def rows(path: Path, limit: int = 200_000) -> list[dict[str, str]]:
    """The first rows of a generated file (a province's are millions; a sample serves to draw inputs)."""
    with path.open(encoding="utf-8-sig", newline="") as f:
        return [row for _, row in zip(range(limit), csv.DictReader(f), strict=False)]


def fresh(settings: Settings) -> LocalNeo4j:
    server = LocalNeo4j(settings)
    server.stop()
    data = (HOME / "data").resolve()
    if not data.is_relative_to(HOME.resolve()):
        raise SystemExit(f"refusing to delete {data}")
    shutil.rmtree(data, ignore_errors=True)
    server.start()
    return server


def load(settings: Settings, files: Path) -> dict[str, float]:
    """A fresh store, the reference, then the files through the initial import; seconds by step."""
    server = fresh(settings)
    with create_driver(settings) as driver:
        runner = Runner(driver, settings.neo4j.database, read_timeout=3600.0)
        schema.apply(runner)
        load_reference(runner, REFERENCE, ACTOR).raise_if_failed()
        started = time.perf_counter()
        report = initial_import(runner, server, files, ACTOR, REFERENCE, HOME / "import" / "initial", print)
    with create_driver(settings) as driver:
        runner = Runner(driver, settings.neo4j.database, read_timeout=3600.0)
        for _ in range(300):  # the restarted server answers after a while
            try:
                runner.read(SERVER_COMPONENTS)
                break
            except DatabaseUnavailable:
                time.sleep(2)
        finish(runner, report, files, ACTOR)
    total = time.perf_counter() - started
    print(f"  {report.rows:,} rows imported in {total:.0f} s ({report.rows / total:,.0f} rows/s): {report.seconds}")
    return {"total": total, "rows": report.rows, **report.seconds}


def latencies(settings: Settings, files: Path, inputs: int, seed: int) -> dict[str, list[float]]:
    rng = random.Random(seed)
    clue_ids = [c["id"] for c in rows(files / "clues.csv")]
    tasks = rows(files / "tasks.csv")
    matters = sorted(m["id"] for m in rows(REFERENCE / "matters.csv"))
    counties = sorted({s["region_id"] for s in rows(files / "subjects.csv", 20_000)})
    table = load_table()
    samples: dict[str, list[float]] = {}
    with create_driver(settings) as driver:
        runner = Runner(driver, settings.neo4j.database, read_timeout=120.0)

        def timed(key: str, work: Callable[[], Any]) -> None:
            started = time.perf_counter()
            work()
            samples.setdefault(key, []).append((time.perf_counter() - started) * 1000)

        for _ in range(inputs):
            task = rng.choice(tasks)
            start = date.fromisoformat(task["window_start"]) + timedelta(days=rng.randrange(-30, 30))
            body = PrecheckRequest.model_validate(
                {
                    "department": task["department_id"],
                    "subjects": [task["subject_id"]],
                    "matters": [m for m in task["matter_ids"].replace("|", ";").split(";") if m],
                    "window": {"start": start, "end": start + timedelta(days=14)},
                    "as_of": AS_OF,
                }
            )
            request = ResolveRequest(matter_id=rng.choice(matters), region=rng.choice(counties), as_of=AS_OF)
            clue_id = rng.choice(clue_ids)
            timed("resolve by matter", partial(resolve, runner, request))
            timed("precheck", partial(precheck, runner, body, ADMIN, table, None))
            timed("clue chain", partial(chain_of, runner, clue_id, MOMENT))
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inputs", type=int, default=200)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--bolt", type=int, default=27749)
    parser.add_argument("--http", type=int, default=27536)
    parser.add_argument("--heap", default="4g")
    parser.add_argument("--pagecache", default="3g")
    parser.add_argument("--county", type=Path, default=HOME.parent / "gen" / "county")
    parser.add_argument("--province", type=Path, default=HOME.parent / "gen" / "province")
    args = parser.parse_args()
    settings = Settings(
        Neo4jSettings(uri=f"neo4j://127.0.0.1:{args.bolt}", password=SecretStr("graphsvc-bench-only")),
        ServiceSettings(
            neo4j_home=HOME,
            neo4j_http_port=args.http,
            neo4j_heap=args.heap,
            neo4j_pagecache=args.pagecache,
            neo4j_start_timeout=1800.0,
        ),
    )
    results: dict[str, dict[str, list[float]]] = {}
    loads: dict[str, dict[str, float]] = {}
    for scale, files in (("county", args.county), ("province", args.province)):
        if not (files / "referrals.csv").exists():
            print(f"generating {scale} into {files} …", flush=True)
            generate(scale, 1, files, REFERENCE, AS_OF)
        print(f"{scale}: initial import of {files} (load average {os.getloadavg()[0]:.1f})", flush=True)
        loads[scale] = load(settings, files)
        results[scale] = latencies(settings, files, args.inputs, args.seed)
        print(f"  measured {args.inputs} inputs (load average {os.getloadavg()[0]:.1f})", flush=True)
    LocalNeo4j(settings).stop()
    shutil.rmtree(HOME, ignore_errors=True)
    for scale, figures in loads.items():
        print(f"{scale:<9} initial load {figures['total']:6.0f} s, {figures['rows'] / figures['total']:9,.0f} rows/s")
    print(f"{'answer':<18} {'county p50/p95 ms':>18} {'province p50/p95 ms':>20} {'p95 ratio':>9}")
    for key in results["county"]:
        county = statistics.quantiles(results["county"][key], n=100)
        province = statistics.quantiles(results["province"][key], n=100)
        print(
            f"{key:<18} {county[49]:8.1f} / {county[94]:6.1f}  {province[49]:9.1f} / {province[94]:6.1f}"
            f"  {province[94] / county[94]:8.2f}"
        )


if __name__ == "__main__":
    main()
