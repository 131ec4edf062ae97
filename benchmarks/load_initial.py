"""The initial load through neo4j-admin (loaders/bulk_import.py) at county or province scale, then the latencies of
resolve, precheck and the clue chain on the store it wrote (issue 16, items 4–5).

    .venv/bin/python benchmarks/load_initial.py --scale county [--seed 1] [--files DIR] [--inputs 300] [--keep]
    .venv/bin/python benchmarks/load_initial.py --scale province --files /tmp/province   # 1M subjects, 2M tasks

Generates the scale (or takes a folder `graphsvc generate` wrote), then imports it into a fresh store of its own
Neo4j (.neo4j/bench-import/, bolt 27797, http 27584; the data directory deleted first, only inside that home): the
reference catalogue loaded through its loader, the entity files checked and written as import CSVs (the Python side,
per file: rows, seconds, rows/s), neo4j-admin database import full (the importer), the restart, the schema and the
empty lists the importer cannot store. Then answers the same kinds of question as benchmarks/service_calls.py
(resolve by matter at the service, precheck without its resolve cache, a clue's chain), inputs drawn from the files,
after a warm-up, and prints p50/p95. The load average is printed beside the figures (2-core shared machines).
Targets: county < 60 s; province < 10 min; province p95 ≤ 1.2 × county p95.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import county  # benchmarks/county.py, beside this script
from pydantic import SecretStr

from graphsvc.clues.referrals import chain_of
from graphsvc.clues.times import BEIJING
from graphsvc.config import ROOT, Neo4jSettings, ServiceSettings, Settings
from graphsvc.db import connected
from graphsvc.identity import Role, User
from graphsvc.inspections.frequency import load_table
from graphsvc.inspections.precheck import precheck
from graphsvc.local_neo4j import LocalNeo4j
from graphsvc.responsibility.resolve import ResolveRequest, resolve
from loaders.bulk_import import initial_import
from loaders.synthetic import AS_OF, generate

HOME = ROOT / ".neo4j" / "bench-import"
REFERENCE = ROOT / "data" / "reference"
ACTOR = "bench:load_initial"
MOMENT = datetime(AS_OF.year, AS_OF.month, AS_OF.day, tzinfo=BEIJING)
ADMIN = User(id="u_bench", name="bench", role=Role.admin, token_id="tok_bench")
WARM_UP = 30


def load_average() -> str:
    return "/".join(f"{x:.1f}" for x in os.getloadavg())


def settings(home: Path, bolt: int, http: int, heap: str, pagecache: str) -> Settings:
    return Settings(
        Neo4jSettings(uri=f"neo4j://127.0.0.1:{bolt}", password=SecretStr("graphsvc-bench-only")),
        ServiceSettings(
            neo4j_home=home, neo4j_http_port=http, neo4j_heap=heap, neo4j_pagecache=pagecache, neo4j_start_timeout=900
        ),
    )


def fresh_store(server: LocalNeo4j) -> None:
    """Stops the server and deletes its data directory, refusing anything outside the bench home."""
    server.stop()
    data = (server.home / "data").resolve()
    if not server.home.resolve().name.startswith(HOME.name) or not data.is_relative_to(HOME.parent.resolve()):
        raise SystemExit(f"refusing to delete {data}, outside {HOME}*")
    shutil.rmtree(data, ignore_errors=True)


def sample(path: Path, n: int, rng: random.Random) -> list[dict[str, str]]:
    """n rows of a file drawn uniformly (reservoir sampling: a province's tasks are not read into memory)."""
    chosen: list[dict[str, str]] = []
    with path.open(encoding="utf-8-sig", newline="") as f:
        for i, row in enumerate(csv.DictReader(f)):
            if i < n:
                chosen.append(row)
            elif (j := rng.randrange(i + 1)) < n:
                chosen[j] = row
    return chosen


def load(config: Settings, files: Path) -> None:
    fresh_store(LocalNeo4j(config))
    print(f"import {files} (load average {load_average()})", flush=True)
    started = time.perf_counter()
    report = initial_import(
        config,
        files,
        ACTOR,
        config.service.neo4j_home / "import" / "initial",
        progress=lambda what: print(f"  {time.perf_counter() - started:7.1f}s {what}", flush=True),
    )
    total = time.perf_counter() - started
    print(f"\nPython side (check the files, write the import CSVs), load average {load_average()}:")
    print(f"  {'file':<16} {'rows':>9} {'seconds':>8} {'rows/s':>9}")
    for name, figures in report.files.items():
        rate = figures.rows / figures.seconds if figures.seconds else 0
        print(f"  {name:<16} {figures.rows:>9} {figures.seconds:8.1f} {rate:9.0f}")
    python = report.seconds["files"]
    print(f"  {'all files':<16} {report.rows:>9} {python:8.1f} {report.rows / python:9.0f}")
    nodes, links = sum(report.nodes.values()), sum(report.relationships.values())
    importer = report.seconds["import"]
    print(
        f"importer (neo4j-admin database import full): {nodes} nodes + {links} relationships in {importer:.1f} s, "
        f"{(nodes + links) / importer:.0f} entities/s, {report.rows / importer:.0f} file rows/s"
    )
    stages = [line.strip() for line in report.importer_output.splitlines() if _is_stage(line)]
    print("  " + "\n  ".join(stages))
    steps = ("reference", "files", "stop", "import", "start", "schema", "empty_lists")
    print("steps: " + ", ".join(f"{k} {report.seconds[k]:.1f} s" for k in steps))
    print(f"total initial load: {total:.1f} s ({report.rows} rows); load average {load_average()}", flush=True)


def _is_stage(line: str) -> bool:
    """The importer's lines that say what a stage took (its progress dots aside)."""
    text = line.strip()
    return text.startswith(("(1/", "(2/", "(3/", "(4/", "IMPORT", "Peak memory")) or " in " in text and "ms" in text


def latencies(config: Settings, files: Path, inputs: int, seed: int) -> None:
    rng = random.Random(seed)
    tasks = sample(files / "tasks.csv", inputs + WARM_UP, rng)
    clues = sample(files / "clues.csv", inputs + WARM_UP, rng)
    counties = sorted({s["region_id"] for s in sample(files / "subjects.csv", 2000, rng)})
    with (REFERENCE / "matters.csv").open(encoding="utf-8-sig", newline="") as f:
        matters = sorted(m["id"] for m in csv.DictReader(f))
    table = load_table()
    samples: dict[str, list[float]] = {}
    with connected(config) as runner:
        runner.read_timeout = 120.0

        def timed(key: str, counted: bool, work: Callable[[], Any]) -> None:
            started = time.perf_counter()
            work()
            if counted:
                samples.setdefault(key, []).append((time.perf_counter() - started) * 1000)

        print(f"\nlatencies: {inputs} inputs after {WARM_UP} to warm up (load average {load_average()})", flush=True)
        for i, (task, clue) in enumerate(zip(tasks, clues, strict=True)):
            counted = i >= WARM_UP
            body = county.precheck_of(task, rng)
            request = ResolveRequest(matter_id=rng.choice(matters), region=rng.choice(counties), as_of=AS_OF)
            timed("resolve by matter", counted, lambda r=request: resolve(runner, r))
            timed("precheck", counted, lambda b=body: precheck(runner, b, ADMIN, table, None))
            timed("clue chain", counted, lambda c=clue["id"]: chain_of(runner, c, MOMENT))
    print(f"{'answer':<20} {'p50 ms':>8} {'p95 ms':>8}   (load average {load_average()})")
    for key, values in samples.items():
        q = statistics.quantiles(values, n=100)
        print(f"{key:<20} {q[49]:8.2f} {q[94]:8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="county")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--files", type=Path, help="a folder `graphsvc generate --scale …` wrote (else generated)")
    parser.add_argument("--inputs", type=int, default=300, help="latency inputs (0: none)")
    parser.add_argument("--bolt", type=int, default=27797)
    parser.add_argument("--http", type=int, default=27584)
    parser.add_argument("--heap", default="2g")
    parser.add_argument("--pagecache", default="2g")
    parser.add_argument("--keep", action="store_true", help="leave the server running and the store in place")
    parser.add_argument("--home", default=HOME.name, help=f"the server's home under .neo4j/, named {HOME.name}*")
    parser.add_argument("--no-load", action="store_true", help="only the latencies, on the store an earlier run left")
    args = parser.parse_args()
    if not args.home.startswith(HOME.name):
        raise SystemExit(f"--home must start with {HOME.name}")
    config = settings(HOME.parent / args.home, args.bolt, args.http, args.heap, args.pagecache)
    server = LocalNeo4j(config)
    with tempfile.TemporaryDirectory(prefix="graphsvc-bench-") as tmp:
        files = args.files
        if files is None:
            files = Path(tmp)
            started = time.perf_counter()
            counts = generate(args.scale, args.seed, files, REFERENCE)
            print(f"generated {args.scale} (seed {args.seed}) in {time.perf_counter() - started:.1f} s: {counts}")
        try:
            if args.no_load:
                server.start()
            else:
                load(config, files)
            if args.inputs:
                latencies(config, files, args.inputs, args.seed)
        finally:
            if not args.keep:
                server.stop()


if __name__ == "__main__":
    main()
