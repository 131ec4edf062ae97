"""What the API adds on top of the service: two API processes over the same store, side by side, interleaved.

    .venv/bin/python benchmarks/thin_api.py [--requests 300] [--bolt 27997 --http 27984]

Needs the store benchmarks/postgres_side_by_side.py loads (.neo4j/bench-side, the same ports); starts its server
when it is down (and leaves it running, as that script does).
`plain`: every request looks its token up in Neo4j (GRAPHSVC_AUTH_CACHE_SECONDS=0), uvicorn on asyncio and h11.
`thin`: tokens kept for 5 s (the default), uvicorn on uvloop and httptools (the defaults once installed).
Both serialise answers once: FastAPI ≥ 0.130 validates the returned value against the response model and writes the
JSON from pydantic-core directly (an ORJSONResponse class would turn that fast path off; it measured slower).
`thin, lean client`: the thin API again, through a keep-alive `http.client` connection instead of httpx. httpx
spends ≈ 0.6 ms of its own on a request (on this 2-core machine the client shares the cores with the server), which is
not what the API adds; both clients are kept so that the figures compare with earlier runs.
Prints p50/p95 in ms of /healthz, /api/v1/me, a clue chain, a resolve by matter and a precheck through each API, and
the direct service calls beside them (API ÷ service, target ≤ 1.3).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode

import county  # benchmarks/county.py, beside this script
import httpx
from fastapi import FastAPI
from postgres_side_by_side import FILES, HOME, MOMENT, REFERENCE, free_port, rows, split

from graphsvc.api.app import create_app
from graphsvc.clues.referrals import chain_of
from graphsvc.config import ROOT
from graphsvc.db import Runner, create_driver
from graphsvc.identity import Role, User, create_token
from graphsvc.inspections.frequency import load_table
from graphsvc.inspections.precheck import PrecheckRequest, ResolveCache, precheck
from graphsvc.local_neo4j import LocalNeo4j
from graphsvc.responsibility.resolve import ResolveRequest, resolve
from loaders.synthetic import AS_OF

ACTOR = "bench:thin-api"


def settings_from_env() -> Any:
    return county.bench_settings(HOME, int(os.environ["BENCH_BOLT"]), int(os.environ["BENCH_HTTP"]))


def bench_app() -> FastAPI:
    """The API over the benchmark's store, for uvicorn --factory (the cache seconds from the environment)."""
    return create_app(settings_from_env())


def serve(port: int, env: dict[str, str], extra: list[str]) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "uvicorn", "thin_api:bench_app", "--factory", "--port", str(port), *extra]
    server = subprocess.Popen([*command, "--log-level", "warning"], cwd=ROOT / "benchmarks", env=os.environ | env)
    for _ in range(1200):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the API did not start")


class LeanClient:
    """One keep-alive HTTP/1.1 connection from the standard library: a request costs the API's work and little more."""

    def __init__(self, port: int, token: str):
        self.connection = http.client.HTTPConnection("127.0.0.1", port)
        self.headers = {"Authorization": f"Bearer {token}"}

    def get(self, path: str, params: dict[str, str] | None = None) -> tuple[int, bytes]:
        query = "?" + urlencode(params) if params else ""
        return self._send("GET", path + query, None)

    def post(self, path: str, json: dict[str, Any]) -> tuple[int, bytes]:
        return self._send("POST", path, json)

    def _send(self, method: str, path: str, body: dict[str, Any] | None) -> tuple[int, bytes]:
        headers = self.headers | ({"Content-Type": "application/json"} if body is not None else {})
        self.connection.request(method, path, json.dumps(body) if body is not None else None, headers)
        response = self.connection.getresponse()
        return response.status, response.read()


def p(samples: list[float], q: int) -> float:
    return statistics.quantiles(samples, n=100)[q - 1]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--bolt", type=int, default=27997)
    parser.add_argument("--http", type=int, default=27984)
    args = parser.parse_args()
    os.environ |= {"BENCH_BOLT": str(args.bolt), "BENCH_HTTP": str(args.http)}
    settings = settings_from_env()
    LocalNeo4j(settings).start()  # idempotent: a server already up is left as it is
    runner = Runner(create_driver(settings), settings.neo4j.database, read_timeout=120.0)
    token = create_token(runner, "bench-thin-api", Role.admin, None, ACTOR)
    user = User(id=token.user_id, name="bench-thin-api", role=Role.admin, token_id=token.token_id)
    rng = random.Random(args.seed)
    clue_ids = [c["id"] for c in rows(FILES / "clues.csv")]
    tasks = list(rows(FILES / "tasks.csv"))
    matters = sorted(m["id"] for m in rows(REFERENCE / "matters.csv"))
    counties = sorted({s["region_id"] for s in rows(FILES / "subjects.csv")})
    table = load_table()
    servers = {
        "plain": (free_port(), {"GRAPHSVC_AUTH_CACHE_SECONDS": "0"}, ["--loop", "asyncio", "--http", "h11"]),
        "thin": (free_port(), {}, ["--loop", "uvloop", "--http", "httptools"]),
    }
    processes = [serve(port, env, extra) for port, env, extra in servers.values()]
    clients: dict[str, httpx.Client | LeanClient] = {
        name: httpx.Client(base_url=f"http://127.0.0.1:{port}", headers={"Authorization": f"Bearer {token.token}"})
        for name, (port, _, _) in servers.items()
    } | {"lean": LeanClient(servers["thin"][0], token.token)}
    samples: dict[str, list[float]] = {}
    cache = ResolveCache()  # as the API: one cache per process, warm after the first requests

    def timed(key: str, work: Callable[[], Any]) -> None:
        started = time.perf_counter()
        result = work()
        samples.setdefault(key, []).append((time.perf_counter() - started) * 1000)
        if isinstance(result, httpx.Response):
            assert result.status_code == 200, (key, result.status_code, result.text[:300])
        if isinstance(result, tuple):
            assert result[0] == 200, (key, result[0], result[1][:300])

    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start", flush=True)
    try:
        for i in range(args.requests):
            clue_id, task = rng.choice(clue_ids), rng.choice(tasks)
            matter, region = rng.choice(matters), rng.choice(counties)
            start = AS_OF + timedelta(days=rng.randrange(-60, 60))
            precheck_body = {
                "department": task["department_id"],
                "subjects": [task["subject_id"]],
                "matters": split(task["matter_ids"]),
                "window": {"start": start.isoformat(), "end": (start + timedelta(days=14)).isoformat()},
                "as_of": AS_OF.isoformat(),
            }
            resolve_body = {"matter_id": matter, "region": region, "as_of": AS_OF.isoformat()}
            order = list(clients.items()) if i % 2 == 0 else list(reversed(clients.items()))
            for name, http in order:
                timed(f"{name} /healthz", lambda h=http: h.get("/healthz"))
                timed(f"{name} /me", lambda h=http: h.get("/api/v1/me"))
                timed(
                    f"{name} chain",
                    lambda h=http, c=clue_id: h.get(f"/api/v1/clues/{c}/chain", params={"as_of": MOMENT.isoformat()}),
                )
                timed(
                    f"{name} resolve", lambda h=http, b=resolve_body: h.post("/api/v1/responsibility/resolve", json=b)
                )
                timed(
                    f"{name} precheck", lambda h=http, b=precheck_body: h.post("/api/v1/inspections/precheck", json=b)
                )
            timed("service chain", lambda c=clue_id: chain_of(runner, c, MOMENT))
            timed("service resolve", lambda b=resolve_body: resolve(runner, ResolveRequest.model_validate(b)))
            timed(
                "service precheck",
                lambda b=precheck_body: precheck(runner, PrecheckRequest.model_validate(b), user, table, cache),
            )
    finally:
        for process in processes:
            process.terminate()
            process.wait()
        runner.driver.close()
    print(f"load average {os.getloadavg()[0]:.1f} at the end\n")
    heads = ("plain p50/p95", "thin p50/p95", "thin, lean client", "service p50/p95")
    print(f"{'endpoint':<10} " + " ".join(f"{h:>17}" for h in heads) + "  thin ÷ service p50: httpx, lean")
    for what in ("/healthz", "/me", "chain", "resolve", "precheck"):
        plain, thin, lean = samples[f"plain {what}"], samples[f"thin {what}"], samples[f"lean {what}"]
        service = samples.get(f"service {what}")
        cells = [f"{p(s, 50):7.2f}/{p(s, 95):7.2f}" for s in (plain, thin, lean)]
        cells.append(f"{p(service, 50):7.2f}/{p(service, 95):7.2f}" if service else f"{'–':>15}")
        ratios = f"{p(thin, 50) / p(service, 50):6.2f}, {p(lean, 50) / p(service, 50):4.2f}" if service else ""
        print(f"{what:<10} " + " ".join(f"{c:>17}" for c in cells) + f"  {ratios}")


if __name__ == "__main__":
    main()
