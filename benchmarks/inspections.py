"""Inspection figures at the county scale, as medians of N runs (these machines are noisy).

    .venv/bin/python benchmarks/inspections.py [--runs 3] [--seed 1] [--requests 300] [--reload]

One county (闵行区, with its 街镇) holds the generator's whole county scale: the reference is cut down to
上海市 and 闵行区 for the generator, so its ≈50k subjects and ≈100k tasks of 2025 all lie in one county, then
the subjects, inspectors, conflicts and tasks — every task as planned, the plan as it stood on 1 January —
load (untimed) into the full reference catalogue, in a Neo4j of
the benchmark's own under .neo4j/bench-insp/ (Bolt 27887, HTTP 27874). A loaded store is reused unless
--reload. The API runs as `graphsvc serve` on 127.0.0.1:27888 and is called over HTTP with keep-alive.

Prints (--only precheck|merge|draw for some; --accept to time an acceptance, which changes the store):
- precheck through the API, one subject and three matters: p50/p95/p99 over --requests calls (after warm-up),
  and the same service call without the resolution cache (every request resolves its matters afresh);
- merge-plan of the county for 2025 through the API: seconds, tasks, visits before and after, visits saved;
  then with max_departments_per_visit=2 and the 2025 public holidays as blackout dates; accept once;
- a 双随机 draw over the county's ≈50k-subject roster through the API (table ratios, 2 inspectors).
Targets: precheck p95 < 30 ms, merge-plan < 20 s, draw < 5 s.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import httpx
from pydantic import SecretStr

from graphsvc import schema
from graphsvc.config import ROOT, Neo4jSettings, ServiceSettings, Settings
from graphsvc.db import Runner, create_driver
from graphsvc.identity import Role, User, create_token
from graphsvc.inspections.frequency import load_table
from graphsvc.inspections.precheck import PrecheckRequest, precheck
from graphsvc.local_neo4j import LocalNeo4j
from loaders.entities import SPECS, load_entities
from loaders.reference import load_reference
from loaders.synthetic import generate

BENCH_HOME = ROOT / ".neo4j" / "bench-insp"
BOLT, HTTP, API = 27887, 27874, 27888
PASSWORD = "graphsvc-bench-only"
ACTOR = "bench:inspections"
COUNTY, CITY = "310112", "310000"
HOLIDAYS_2025 = [date(2025, 1, 1), *[date(2025, 1, 28) + timedelta(days=i) for i in range(8)]]
HOLIDAYS_2025 += [
    date(2025, 4, 4),
    date(2025, 4, 5),
    date(2025, 4, 6),
    *[date(2025, 5, 1) + timedelta(days=i) for i in range(5)],
]
HOLIDAYS_2025 += [
    date(2025, 5, 31),
    date(2025, 6, 1),
    date(2025, 6, 2),
    *[date(2025, 10, 1) + timedelta(days=i) for i in range(8)],
]


def bench_settings() -> Settings:
    return Settings(
        Neo4jSettings(uri=f"neo4j://127.0.0.1:{BOLT}", password=SecretStr(PASSWORD)),
        ServiceSettings(neo4j_home=BENCH_HOME, neo4j_http_port=HTTP, neo4j_heap="2g", neo4j_pagecache="1g"),
    )


def one_county_reference(source: Path, out: Path) -> Path:
    """The reference with only 上海市 and 闵行区 (and its 街镇) as regions: the generator then puts every subject
    there, and keeps only the departments of those regions."""
    out.mkdir(parents=True, exist_ok=True)
    for path in source.glob("*.csv"):
        shutil.copy(path, out / path.name)
    with (source / "regions.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    keep = [r for r in rows if r["id"] in (CITY, COUNTY) or r["parent_id"] == COUNTY]
    with (out / "regions.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, list(rows[0]))
        writer.writeheader()
        writer.writerows(keep)
    return out


def as_planned(path: Path) -> None:
    """Every task of the year as it stood in the plan on 1 January (计划, not yet done nor cancelled): the
    generator's "today" is 1 July, and a year's merge plan is made before the year starts."""
    with path.open(encoding="utf-8", newline="") as f:
        reader = csv.DictReader(f)
        columns, rows = list(reader.fieldnames or []), list(reader)
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, columns, lineterminator="\n")
        writer.writeheader()
        writer.writerows(row | {"status": "计划", "done_on": ""} for row in rows)


def load(settings: Settings, runner: Runner, seed: int) -> None:
    with tempfile.TemporaryDirectory(prefix="graphsvc-bench-insp-") as tmp:
        reference = one_county_reference(settings.service.reference_dir, Path(tmp) / "reference")
        started = time.perf_counter()
        counts = generate("county", seed, Path(tmp) / "data", reference)
        print(f"generated the county scale in one county in {time.perf_counter() - started:.0f} s: {counts}")
        as_planned(Path(tmp) / "data" / SPECS["tasks"].file)
        schema.apply(runner)
        load_reference(runner, settings.service.reference_dir, ACTOR).raise_if_failed()
        for kind in ("subjects", "inspectors", "conflicts", "tasks"):
            started = time.perf_counter()
            report = load_entities(runner, kind, Path(tmp) / "data" / SPECS[kind].file, ACTOR)
            report.raise_if_failed()
            print(f"  loaded {kind}: {sum(report.written.values())} rows in {time.perf_counter() - started:.0f} s")


def planned_tasks(runner: Runner) -> list[dict[str, Any]]:
    from graphsvc.cypher import query

    [packed] = runner.read(
        query("inspection/list_merge_tasks"),
        region_id=COUNTY,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        department_ids=[],
    )
    keys = ("id", "subject_id", "department_id", "window_start", "window_end", "matter_ids")
    return [dict(zip(keys, row, strict=True)) for row in packed["tasks"]]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def precheck_bodies(tasks: list[dict[str, Any]], n: int, rng: random.Random) -> list[dict[str, Any]]:
    """What a scheduling screen sends: a department's check of one subject for three of its own matters (those of
    the task picked first, then others the department checks), in a 30-day window somewhere in the year."""
    own: dict[str, set[str]] = {}
    for t in tasks:
        own.setdefault(t["department_id"], set()).update(t["matter_ids"])
    bodies = []
    for t in rng.sample(tasks, n):
        others = sorted(own[t["department_id"]] - set(t["matter_ids"]))
        chosen = [*t["matter_ids"], *rng.sample(others, min(3, len(others)))][:3]
        start = date(2025, 1, 1) + timedelta(days=rng.randint(0, 330))
        bodies.append(
            {
                "department": t["department_id"],
                "subjects": [t["subject_id"]],
                "matters": chosen,
                "window": {"start": start.isoformat(), "end": (start + timedelta(days=30)).isoformat()},
            }
        )
    return bodies


def serve(settings: Settings) -> subprocess.Popen:
    env = dict(
        os.environ,
        NEO4J_URI=settings.neo4j.uri,
        NEO4J_PASSWORD=PASSWORD,
        GRAPHSVC_PORT=str(API),
        GRAPHSVC_HOST="127.0.0.1",
        GRAPHSVC_MANAGE_NEO4J="false",
        GRAPHSVC_LOG_LEVEL="warning",
    )
    proc = subprocess.Popen(
        [str(Path(sys.executable).parent / "graphsvc"), "serve"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"http://127.0.0.1:{API}/readyz", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.3)
    os.killpg(proc.pid, signal.SIGTERM)
    raise RuntimeError("the API did not become ready")


def timed_post(client: httpx.Client, url: str, body: dict[str, Any]) -> tuple[float, dict[str, Any]]:
    started = time.perf_counter()
    response = client.post(url, json=body, timeout=600)
    seconds = time.perf_counter() - started
    response.raise_for_status()
    return seconds, response.json()


def measure_precheck(
    client: httpx.Client, runner: Runner, tasks: list[dict[str, Any]], rng: random.Random, args: argparse.Namespace
) -> None:
    for body in precheck_bodies(tasks, 30, rng):
        timed_post(client, "/precheck", body)
    p50s, p95s, p99s = [], [], []
    for _ in range(args.runs):
        times = [timed_post(client, "/precheck", b)[0] * 1000 for b in precheck_bodies(tasks, args.requests, rng)]
        p50s.append(percentile(times, 50))
        p95s.append(percentile(times, 95))
        p99s.append(percentile(times, 99))
    print(
        f"precheck via API, 1 subject × 3 matters, {args.requests} requests × {args.runs} runs (ms): "
        f"p50 {statistics.median(p50s):.1f}  p95 {statistics.median(p95s):.1f}  p99 {statistics.median(p99s):.1f}"
        f"   p95 runs {', '.join(f'{x:.1f}' for x in p95s)}"
    )
    admin = User(id="bench", name="bench", role=Role.admin, token_id="bench")
    table = load_table()
    cold = []
    for body in precheck_bodies(tasks, 100, rng):
        started = time.perf_counter()
        precheck(runner, PrecheckRequest.model_validate(body), admin, table, None)
        cold.append((time.perf_counter() - started) * 1000)
    print(
        f"precheck service without the resolution cache, 100 calls (ms): p50 {percentile(cold, 50):.1f}  "
        f"p95 {percentile(cold, 95):.1f}"
    )


def measure_merge(client: httpx.Client, args: argparse.Namespace) -> None:
    year = {"region": COUNTY, "period": {"start": "2025-01-01", "end": "2025-12-31"}}
    runs = [timed_post(client, "/merge-plan?preview=0", year) for _ in range(args.runs)]
    s = runs[-1][1]["summary"]
    print(
        f"merge-plan, county × 2025 via API (s): median {statistics.median(r[0] for r in runs):.1f}  "
        f"runs {', '.join(f'{r[0]:.1f}' for r in runs)}"
    )
    print(
        f"  tasks {s['tasks']} on {s['subjects']} subjects; visits {s['visits_before']} → {s['visits_after']}, "
        f"saved {s['visits_saved']} ({s['visits_saved'] / max(s['visits_before'], 1):.1%}); "
        f"{s['joint_inspections']} joint inspections, {s['cross_department']} across departments"
    )
    top = sorted(s["by_department"].items(), key=lambda kv: -kv[1]["visits_saved"])[:5]
    print("  saved by department (top 5): " + ", ".join(f"{d} {c['visits_saved']}/{c['tasks']}" for d, c in top))
    domains = sorted(s["by_domain"].items(), key=lambda kv: -kv[1]["visits_saved"])[:5]
    print("  saved by domain (top 5): " + ", ".join(f"{c['name'] or d} {c['visits_saved']}" for d, c in domains))
    limited_body = year | {"max_departments_per_visit": 2, "blackout_dates": [d.isoformat() for d in HOLIDAYS_2025]}
    seconds, limited = timed_post(client, "/merge-plan?preview=0", limited_body)
    ls = limited["summary"]
    print(
        f"merge-plan with ≤2 departments a visit and {len(HOLIDAYS_2025)} holidays blacked out: {seconds:.1f} s, "
        f"visits {ls['visits_before']} → {ls['visits_after']}, saved {ls['visits_saved']}, "
        f"unplaceable {ls['unplaceable']} (optimal: {limited['optimal']})"
    )
    if args.accept:  # merges the year's tasks for good: later runs see only what is left (use --reload)
        seconds, plan = timed_post(client, "/merge-plan?preview=0", year)
        seconds_accept, accepted = timed_post(client, f"/merge-plan/{plan['id']}/accept", {})
        again, _ = timed_post(client, f"/merge-plan/{plan['id']}/accept", {})
        print(
            f"accept of the full-year plan: {seconds_accept:.1f} s, {accepted['confirmed']} joint inspections "
            f"confirmed; accepting again: {again:.2f} s"
        )


def measure_draw(client: httpx.Client, tasks: list[dict[str, Any]], args: argparse.Namespace) -> None:
    department = f"{COUNTY}-scjgj"
    matters = sorted({m for t in tasks if t["department_id"] == department for m in t["matter_ids"]})[:2]
    draw_times, draw = [], {}
    for run in range(args.runs):
        body = {
            "departments": [department],
            "matters": matters,
            "roster": {"region": COUNTY},
            "inspectors_per_subject": 2,
            "window": {"start": "2025-09-01", "end": "2025-10-31"},
            "seed": args.seed + run,
            "qualification": None,
        }
        seconds, draw = timed_post(client, "/random-draw", body)
        draw_times.append(seconds)
    print(
        f"random-draw over the county roster via API (s): median {statistics.median(draw_times):.1f}  "
        f"runs {', '.join(f'{x:.1f}' for x in draw_times)}; roster {draw['roster_size']}, "
        f"drawn {draw['drawn_subjects']}, tasks {len(draw['tasks'])}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--reload", action="store_true")
    parser.add_argument("--accept", action="store_true", help="also accept a full-year plan (changes the store)")
    parser.add_argument("--only", choices=["precheck", "merge", "draw"], action="append", help="only these parts")
    args = parser.parse_args()
    settings = bench_settings()
    server = LocalNeo4j(settings)
    if args.reload:
        server.stop()
        shutil.rmtree(BENCH_HOME / "data", ignore_errors=True)
    server.start()
    driver = create_driver(settings)
    runner = Runner(driver, settings.neo4j.database)
    tasks = planned_tasks(runner)
    if not tasks:
        load(settings, runner, args.seed)
        tasks = planned_tasks(runner)
    print(f"county {COUNTY}: {len(tasks)} planned tasks of 2025 on {len({t['subject_id'] for t in tasks})} subjects")
    token = create_token(runner, "bench-admin", Role.admin, None, ACTOR).token
    api = serve(settings)
    try:
        client = httpx.Client(
            base_url=f"http://127.0.0.1:{API}/api/v1/inspections", headers={"Authorization": f"Bearer {token}"}
        )
        parts = set(args.only or ["precheck", "merge", "draw"])
        # The machine is shared: the load average says how much of a figure is other people's work.
        if "precheck" in parts:
            print(f"[load average {os.getloadavg()[0]:.1f}]")
            measure_precheck(client, runner, tasks, random.Random(args.seed), args)
        if "merge" in parts:
            print(f"[load average {os.getloadavg()[0]:.1f}]")
            measure_merge(client, args)
        if "draw" in parts:
            print(f"[load average {os.getloadavg()[0]:.1f}]")
            measure_draw(client, tasks, args)
        print(f"[load average {os.getloadavg()[0]:.1f}]")
    finally:
        os.killpg(api.pid, signal.SIGTERM)
        api.wait()
        driver.close()


if __name__ == "__main__":
    main()
