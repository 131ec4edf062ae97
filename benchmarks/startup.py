"""Start-up figures for the foundation, as medians of N runs (these machines are noisy).

    .venv/bin/python benchmarks/startup.py [--runs 3] [--skip-tests]

Prints: Neo4j cold start to Bolt-ready (first start of a fresh home, and a restart of an existing
one), the run command (`make run`, Neo4j stopped, venv and jars cached) until /readyz is 200, and
the test command (`make test`). Uses its own Neo4j home and ports for the first figure; the other
two use the ports the README's commands use, so stop anything on 7687/7474/8000 and 17687/17474 first.
"""

from __future__ import annotations

import argparse
import os
import shutil
import signal
import statistics
import subprocess
import time
import urllib.request
from collections.abc import Callable

from pydantic import SecretStr

from graphsvc.config import ROOT, Neo4jSettings, ServiceSettings, Settings
from graphsvc.local_neo4j import LocalNeo4j

BENCH_HOME = ROOT / ".neo4j" / "bench"


def bench_server() -> LocalNeo4j:
    return LocalNeo4j(
        Settings(
            Neo4jSettings(uri="neo4j://127.0.0.1:27687", password=SecretStr("graphsvc-bench-only")),
            ServiceSettings(neo4j_home=BENCH_HOME, neo4j_http_port=27474),
        )
    )


def timed(work: Callable[[], object]) -> float:
    started = time.perf_counter()
    work()
    return time.perf_counter() - started


def cold_start_fresh_home() -> float:
    shutil.rmtree(BENCH_HOME, ignore_errors=True)
    server = bench_server()
    seconds = timed(server.start)
    server.stop()
    return seconds


def cold_start_existing_home() -> float:
    server = bench_server()
    server.start()
    server.stop()
    seconds = timed(server.start)
    server.stop()
    return seconds


def run_command_until_ready() -> float:
    started = time.perf_counter()
    proc = subprocess.Popen(
        ["make", "run"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        while True:
            try:
                with urllib.request.urlopen("http://127.0.0.1:8000/readyz", timeout=2) as r:
                    if r.status == 200:
                        return time.perf_counter() - started
            except OSError:
                pass
            if proc.poll() is not None:
                raise RuntimeError("make run exited before /readyz answered")
            time.sleep(0.2)
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait()
        LocalNeo4j(Settings()).stop()


def test_command() -> float:
    return timed(lambda: subprocess.run(["make", "test"], cwd=ROOT, check=True, capture_output=True))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-tests", action="store_true")
    args = parser.parse_args()
    LocalNeo4j(Settings()).install()
    figures = [
        ("Neo4j cold start to Bolt-ready, fresh home (s)", cold_start_fresh_home),
        ("Neo4j cold start to Bolt-ready, existing home (s)", cold_start_existing_home),
        ("run command to /readyz 200, warm cache (s)", run_command_until_ready),
    ]
    if not args.skip_tests:
        figures.append(("test command (s)", test_command))
    for title, measure in figures:
        runs = [measure() for _ in range(args.runs)]
        print(f"{title}: median {statistics.median(runs):.1f}  runs {', '.join(f'{r:.1f}' for r in runs)}", flush=True)
    shutil.rmtree(BENCH_HOME, ignore_errors=True)


if __name__ == "__main__":
    main()
