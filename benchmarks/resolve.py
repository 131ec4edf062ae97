"""Resolve latency at the county scale, through the API and through direct calls, side by side.

    .venv/bin/python benchmarks/resolve.py [--queries 1000] [--seed 7] [--reuse] [--bolt 28087 --http 28074 --api 28000]

Starts its own Neo4j (.neo4j/bench-resolve, Bolt 28087, HTTP 28074), loads the reference catalogue and a
generated county, then runs the same mixed queries (by matter, by behaviour text, by subject) twice: as
HTTP requests to the API served by uvicorn on 127.0.0.1:28000, and as direct calls of the resolver over the
driver (--bolt, --http, --api: other ports, for a run beside another). Prints p50/p95/p99 in milliseconds, the
API/direct ratio and the load average. `--reuse` keeps the loaded store.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import threading
import time
from datetime import date

import county  # benchmarks/county.py, beside this script
import httpx
import uvicorn

from graphsvc.api.app import create_app
from graphsvc.config import ROOT, Settings
from graphsvc.cypher import query
from graphsvc.db import Runner, create_driver
from graphsvc.identity import Role, create_token
from graphsvc.local_neo4j import LocalNeo4j
from graphsvc.responsibility.resolve import ResolveRequest, resolve

HOME = ROOT / ".neo4j" / "bench-resolve"
API_PORT = 28000
ACTOR = "bench:resolve"
COUNT = query("admin/count_nodes_by_label")
SAMPLE = query("audit/list_matters")
SUBJECTS = query("entities/list_subject_ids")


def bench_settings(bolt: int = 28087, http: int = 28074) -> Settings:
    return county.bench_settings(HOME, bolt, http)


def load_county(runner: Runner, seed: int) -> None:
    county.load_county(runner, HOME, seed, ACTOR)


def mixed_queries(runner: Runner, n: int, seed: int) -> list[ResolveRequest]:
    rng = random.Random(seed)
    matters = runner.read(SAMPLE)
    subjects = sorted(runner.read(SUBJECTS)[0]["ids"])
    regions = ["310112", "310116", "610113", "150102", "152502", "140902"]
    requests = []
    for i in range(n):
        kind = i % 3
        if kind == 0:
            m = rng.choice(matters)
            requests.append(ResolveRequest(matter_id=m["id"], region=rng.choice(regions)))
        elif kind == 1:
            name = rng.choice(matters)["name"].removeprefix("对").replace("的监督检查", "").replace("的行政处罚", "")
            requests.append(ResolveRequest(text=name, region=rng.choice(regions)))
        else:
            requests.append(ResolveRequest(uscc=rng.choice(subjects)))
    return requests


def percentiles(samples: list[float]) -> str:
    q = statistics.quantiles(samples, n=100)
    return f"p50 {q[49]:6.1f}  p95 {q[94]:6.1f}  p99 {q[98]:6.1f}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--queries", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--bolt", type=int, default=28087)
    parser.add_argument("--http", type=int, default=28074)
    parser.add_argument("--api", type=int, default=API_PORT)
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")
    settings = bench_settings(args.bolt, args.http)
    server = LocalNeo4j(settings)
    server.start()
    driver = create_driver(settings)
    runner = Runner(driver, settings.neo4j.database)
    if not args.reuse or not runner.read(SUBJECTS)[0]["ids"]:
        started = time.perf_counter()
        load_county(runner, args.seed)
        print(f"loaded county scale in {time.perf_counter() - started:.0f} s")
    counts = {r["label"]: r["count"] for r in runner.read(COUNT)}
    print("store:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
    requests = mixed_queries(runner, args.queries, args.seed)

    token = create_token(runner, "bench", Role.admin, None, ACTOR).token
    api = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=args.api, log_level="warning"))
    threading.Thread(target=api.run, daemon=True).start()
    while not api.started:
        time.sleep(0.05)

    direct_ms, api_ms = [], []
    with httpx.Client(base_url=f"http://127.0.0.1:{args.api}", headers={"Authorization": f"Bearer {token}"}) as http:
        for request in requests[:50]:  # warm both paths: plans, pools, JIT of the server
            resolve(runner, request)
            http.post("/api/v1/responsibility/resolve", json=request.model_dump(mode="json", exclude_none=True))
        for request in requests:
            t0 = time.perf_counter()
            resolve(runner, request)
            direct_ms.append((time.perf_counter() - t0) * 1000)
            t0 = time.perf_counter()
            response = http.post(
                "/api/v1/responsibility/resolve", json=request.model_dump(mode="json", exclude_none=True)
            )
            api_ms.append((time.perf_counter() - t0) * 1000)
            assert response.status_code == 200, response.text
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    print(f"{len(requests)} mixed resolve queries (by matter / text / subject), as of {date.today()}:")
    print(f"  direct (driver) ms: {percentiles(direct_ms)}")
    print(f"  API (HTTP)      ms: {percentiles(api_ms)}")
    ratio = statistics.median(api_ms) / statistics.median(direct_ms)
    p95 = statistics.quantiles(api_ms, n=100)[94] / statistics.quantiles(direct_ms, n=100)[94]
    print(f"  API / direct: median {ratio:.2f}x, p95 {p95:.2f}x")
    api.should_exit = True
    driver.close()


if __name__ == "__main__":
    main()
