"""Round trips and time per answer at the service, for comparing two versions of the code on one store.

    .venv/bin/python benchmarks/service_calls.py [--inputs 300] [--bolt 27997 --http 27984]
    PYTHONPATH=/tmp/before .venv/bin/python benchmarks/service_calls.py ...   # an older tree (git archive) beside it

Needs the store benchmarks/postgres_side_by_side.py loads (.neo4j/bench-side, with its generated files and the clues
whose chains have 1, 6, 10 and 20 hops). Uses only what every version has (resolve, precheck, chain_of and the
Runner), so the same script measures before and after. Counts the statements each answer sends (reads inside one
`Runner.reading` transaction count one each) and prints p50/p95 in ms; precheck without its resolve cache.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import statistics
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import county  # benchmarks/county.py, beside this script
from pydantic import SecretStr

import graphsvc
from graphsvc import db
from graphsvc.clues.referrals import chain_of
from graphsvc.clues.times import BEIJING
from graphsvc.config import ROOT, Neo4jSettings, ServiceSettings, Settings
from graphsvc.identity import Role, User
from graphsvc.inspections.frequency import load_table
from graphsvc.inspections.precheck import precheck
from graphsvc.responsibility.resolve import ResolveRequest, resolve
from loaders.synthetic import AS_OF

HOME = ROOT / ".neo4j" / "bench-side"
FILES = HOME / "files"
REFERENCE = ROOT / "data" / "reference"
MOMENT = datetime(AS_OF.year, AS_OF.month, AS_OF.day, tzinfo=BEIJING)
ADMIN = User(id="u_bench", name="bench", role=Role.admin, token_id="tok_bench")
statements = 0


def counting(method: Callable[..., Any]) -> Callable[..., Any]:
    def run(self: Any, q: Any, *args: Any, **kwargs: Any) -> Any:
        global statements
        statements += 1
        return method(self, q, *args, **kwargs)

    return run


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inputs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--bolt", type=int, default=27997)
    parser.add_argument("--http", type=int, default=27984)
    args = parser.parse_args()
    print(f"code: {Path(graphsvc.__file__).parent.parent}; load average {os.getloadavg()[0]:.1f}")
    db.Runner._run = counting(db.Runner._run)  # type: ignore[method-assign]
    db._TransactionReader.read = counting(db._TransactionReader.read)  # type: ignore[method-assign]
    settings = Settings(
        Neo4jSettings(uri=f"neo4j://127.0.0.1:{args.bolt}", password=SecretStr("graphsvc-bench-only")),
        ServiceSettings(neo4j_home=HOME, neo4j_http_port=args.http),
    )
    runner = db.Runner(db.create_driver(settings), settings.neo4j.database, read_timeout=120.0)
    rng = random.Random(args.seed)
    clue_ids = [c["id"] for c in rows(FILES / "clues.csv")]
    tasks = rows(FILES / "tasks.csv")
    matters = sorted(m["id"] for m in rows(REFERENCE / "matters.csv"))
    counties = sorted({s["region_id"] for s in rows(FILES / "subjects.csv")})
    table = load_table()
    samples: dict[str, list[float]] = {}
    counts: dict[str, list[int]] = {}

    def timed(key: str, work: Callable[[], Any]) -> None:
        global statements
        statements = 0
        started = time.perf_counter()
        work()
        samples.setdefault(key, []).append((time.perf_counter() - started) * 1000)
        counts.setdefault(key, []).append(statements)

    for i in range(args.inputs):
        task = rng.choice(tasks)
        body = county.precheck_of(task, rng)
        request = ResolveRequest(matter_id=rng.choice(matters), region=rng.choice(counties), as_of=AS_OF)
        clue_id = rng.choice(clue_ids)
        timed("resolve by matter", lambda r=request: resolve(runner, r))
        timed("precheck", lambda b=body: precheck(runner, b, ADMIN, table, None))
        timed("clue chain", lambda c=clue_id: chain_of(runner, c, MOMENT))
        for length in (1, 6, 10, 20):
            if i < 60:
                timed(
                    f"chain of {length:>2} hops", lambda n=length, k=i % 30: chain_of(runner, f"long-{n}-{k}", MOMENT)
                )
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    print(f"{'answer':<20} {'statements':>10} {'p50 ms':>8} {'p95 ms':>8}")
    for key, values in samples.items():
        q = statistics.quantiles(values, n=100)
        print(f"{key:<20} {statistics.median(counts[key]):>10.0f} {q[49]:8.2f} {q[94]:8.2f}")
    runner.driver.close()


if __name__ == "__main__":
    main()
