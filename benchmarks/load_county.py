"""Load figures for the entity loaders at county scale, as medians of N runs (these machines are noisy).

    .venv/bin/python benchmarks/load_county.py [--runs 3] [--scale county] [--seed 1]

Generates the county scale once (≈50k subjects, 100k tasks, 30k clues and their licences, inspectors
and referral hops), then loads it N times, each time into a fresh store: its own Neo4j under
.neo4j/bench-load/ on ports 27697/27484, the data directory deleted between runs (only inside that home),
the schema applied and the reference catalogue loaded, untimed. Each file is loaded the way
`graphsvc load <kind> FILE` loads it (all or nothing, reference ids read from the graph first).
Prints rows per second for each entity type, the total wall time of the entity loads, and the store size.
Target: the county scale loads in under 5 minutes on a 2-core machine.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from pydantic import SecretStr

from graphsvc import schema
from graphsvc.config import ROOT, Neo4jSettings, ServiceSettings, Settings
from graphsvc.db import Runner, create_driver
from graphsvc.local_neo4j import LocalNeo4j
from loaders.entities import KINDS, SPECS, load_entities
from loaders.reference import load_reference
from loaders.synthetic import generate

BENCH_HOME = ROOT / ".neo4j" / "bench-load"
ACTOR = "bench:load_county"


def bench_settings() -> Settings:
    return Settings(
        Neo4jSettings(uri="neo4j://127.0.0.1:27697", password=SecretStr("graphsvc-bench-only")),
        ServiceSettings(neo4j_home=BENCH_HOME, neo4j_http_port=27484),
    )


def fresh_store(server: LocalNeo4j) -> None:
    """Stops the server and deletes its data directory, refusing anything outside the bench home."""
    server.stop()
    data = (server.home / "data").resolve()
    if not data.is_relative_to(BENCH_HOME.resolve()):
        raise RuntimeError(f"refusing to delete {data}, outside {BENCH_HOME}")
    shutil.rmtree(data, ignore_errors=True)


def size_of(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def load_once(settings: Settings, files: Path) -> tuple[dict[str, float], float, tuple[int, int]]:
    """Rows per second by entity type, total seconds, and the bytes of the store and of the whole data
    directory (transaction logs are preallocated, so that one is mostly log) after one load into a fresh store."""
    server = LocalNeo4j(settings)
    fresh_store(server)
    server.start()
    driver = create_driver(settings)
    try:
        runner = Runner(driver, settings.neo4j.database)
        schema.apply(runner)
        load_reference(runner, settings.service.reference_dir, ACTOR).raise_if_failed()
        rates, total = {}, 0.0
        for kind in KINDS:
            started = time.perf_counter()
            report = load_entities(runner, kind, files / SPECS[kind].file, ACTOR)
            seconds = time.perf_counter() - started
            report.raise_if_failed()
            rows = sum(report.written.values())
            rates[kind], total = rows / seconds, total + seconds
            print(f"  {kind:<10} {rows:>7} rows  {seconds:6.1f} s  {rows / seconds:8.0f} rows/s", flush=True)
    finally:
        driver.close()
    server.stop()  # a clean shutdown checkpoints, so the size is the store's, not a growing log's
    data = server.home / "data"
    return rates, total, (size_of(data / "databases" / settings.neo4j.database), size_of(data))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--scale", default="county")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    settings = bench_settings()
    with tempfile.TemporaryDirectory(prefix="graphsvc-bench-") as tmp:
        started = time.perf_counter()
        counts = generate(args.scale, args.seed, Path(tmp), settings.service.reference_dir)
        print(f"generated {args.scale} (seed {args.seed}) in {time.perf_counter() - started:.1f} s: {counts}")
        runs = []
        for i in range(1, args.runs + 1):
            print(f"run {i}/{args.runs}", flush=True)
            runs.append(load_once(settings, Path(tmp)))
    print(f"\nmedians of {args.runs} runs, {args.scale} scale:")
    for kind in KINDS:
        rates = [r[0][kind] for r in runs]
        print(f"  {kind:<10} {statistics.median(rates):8.0f} rows/s   runs {', '.join(f'{x:.0f}' for x in rates)}")
    totals = [r[1] for r in runs]
    print(f"  total wall time  {statistics.median(totals):6.1f} s   runs {', '.join(f'{x:.1f}' for x in totals)}")
    stores, data = (statistics.median(r[2][i] for r in runs) / 2**20 for i in (0, 1))
    print(f"  store size       {stores:6.0f} MiB (databases/neo4j; {data:.0f} MiB with logs and the system database)")
    shutil.rmtree(BENCH_HOME, ignore_errors=True)


if __name__ == "__main__":
    main()
