"""Clue intake, chains, anomalies and flows at the county scale (≈30k clues with their hops), through the API.

    .venv/bin/python benchmarks/clues.py [--chains 1000] [--intakes 30] [--runs 5] [--seed 7] [--reuse]
                                         [--bolt 27987 --http 27974]

Starts its own Neo4j (.neo4j/bench-clues, Bolt 27987, HTTP 27974 unless given), loads the reference catalogue and
a generated county (loaders.synthetic), serves the API with uvicorn in a process of its own on a free local port, then:
- POST /clues (classification and resolution included) for a few clues, each closed again: median ms;
- GET /clues/{id}/chain for random clues: p50/p95/p99 in ms (target p95 < 15 ms), and the direct service call
  beside it for the API's share;
- GET /referrals/anomalies over the data set's year, everywhere and in its busiest county (target < 1 s: the sweep
  reads the chain summaries kept on the clues, graphsvc/clues/summary.py);
- the same sweeps called directly, side by side: from the summaries, and by analysing every chain (the way the
  sweep went before the summaries, still its fallback), with a check that both give the same answer;
- GET /referrals/flows over the same year (target < 10 s).
Medians of --runs; the machine's load average is printed with them (these machines are shared).
`--reuse` keeps a store loaded by an earlier run (summaries missing from it are computed first, and timed).
"""

from __future__ import annotations

import argparse
import os
import random
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, datetime

import county  # benchmarks/county.py, beside this script
import httpx
import networkx as nx
from fastapi import FastAPI

from graphsvc.api.app import create_app
from graphsvc.clues import flows
from graphsvc.clues.analytics import FLOWS, anomalies, sweep_chains, window
from graphsvc.clues.chain import DEFAULT_LIMITS
from graphsvc.clues.flows import Transfer
from graphsvc.clues.referrals import chain_of
from graphsvc.clues.store import read_places
from graphsvc.clues.summary import refresh_stale
from graphsvc.clues.times import BEIJING
from graphsvc.config import ROOT, Settings
from graphsvc.cypher import query
from graphsvc.db import Runner, create_driver
from graphsvc.identity import Role, create_token
from graphsvc.local_neo4j import LocalNeo4j
from loaders.synthetic import AS_OF

HOME = ROOT / ".neo4j" / "bench-clues"
ACTOR = "bench:clues"
COUNT = query("admin/count_nodes_by_label")
CLUE_IDS = query("entities/list_clue_ids")
YEAR_FROM, YEAR_TO = date(AS_OF.year - 1, AS_OF.month, AS_OF.day), AS_OF  # the year of clues before "today"
MOMENT = f"{AS_OF.isoformat()}T00:00:00+08:00"
AS_OF_MOMENT = datetime(AS_OF.year, AS_OF.month, AS_OF.day, tzinfo=BEIJING)


# The server's ports; --bolt/--http change them (the API process reads them from the environment).
PORTS = ("GRAPHSVC_BENCH_BOLT", "GRAPHSVC_BENCH_HTTP")


def bench_settings() -> Settings:
    return county.bench_settings(HOME, int(os.environ.get(PORTS[0], 27987)), int(os.environ.get(PORTS[1], 27974)))


def load_county(runner: Runner, seed: int) -> None:
    county.load_county(runner, HOME, seed, ACTOR)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def percentiles(samples: list[float]) -> str:
    q = statistics.quantiles(samples, n=100)
    return f"p50 {q[49]:6.1f}  p95 {q[94]:6.1f}  p99 {q[98]:6.1f}"


def timed(work: Callable[[], httpx.Response]) -> tuple[float, httpx.Response]:
    started = time.perf_counter()
    response = work()
    return time.perf_counter() - started, response


def bench_app() -> FastAPI:
    """The API over the benchmark's store, for uvicorn --factory."""
    return create_app(bench_settings())


def serve_api(port: int) -> subprocess.Popen[bytes]:
    """The API in a process of its own, as deployed: the client's work does not share its interpreter."""
    command = [sys.executable, "-m", "uvicorn", "benchmarks.clues:bench_app", "--factory", "--port", str(port)]
    # The server imports this module, which imports county.py beside it: the folder goes on its path.
    path = os.pathsep.join(filter(None, [str(ROOT / "benchmarks"), os.environ.get("PYTHONPATH")]))
    server = subprocess.Popen([*command, "--log-level", "warning"], cwd=ROOT, env=os.environ | {"PYTHONPATH": path})
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                return server
        except httpx.HTTPError:
            time.sleep(0.1)
    server.kill()
    raise SystemExit("the API did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chains", type=int, default=1000)
    parser.add_argument("--intakes", type=int, default=30)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--bolt", type=int, default=27987)
    parser.add_argument("--http", type=int, default=27974)
    args = parser.parse_args()
    os.environ[PORTS[0]], os.environ[PORTS[1]] = str(args.bolt), str(args.http)
    settings = bench_settings()
    LocalNeo4j(settings).start()
    driver = create_driver(settings)
    runner = Runner(driver, settings.neo4j.database, read_timeout=600.0)
    if not args.reuse or not runner.read(CLUE_IDS)[0]["ids"]:
        started = time.perf_counter()
        load_county(runner, args.seed)
        print(f"loaded the county scale in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    summarised = refresh_stale(runner)
    print(f"summarised {summarised} clues whose chain summary was missing in {time.perf_counter() - started:.1f} s")
    counts = {r["label"]: r["count"] for r in runner.read(COUNT)}
    print("store:", ", ".join(f"{k} {v}" for k, v in sorted(counts.items()) if k in ("Clue", "Referral", "Department")))
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start")

    rng = random.Random(args.seed)
    clue_ids = rng.sample(sorted(runner.read(CLUE_IDS)[0]["ids"]), args.chains)
    office = {"Authorization": f"Bearer {create_token(runner, 'bench-office', Role.office, None, ACTOR).token}"}
    port = free_port()
    server = serve_api(port)
    try:
        with httpx.Client(base_url=f"http://127.0.0.1:{port}/api/v1", headers=office, timeout=120) as http:
            if args.intakes:  # --intakes 0 --chains 0: only the analyses
                intake_ms(http, args.intakes, rng)
            if clue_ids:
                chain_ms(http, runner, clue_ids)
            window = {"from": YEAR_FROM.isoformat(), "to": YEAR_TO.isoformat(), "as_of": MOMENT}
            analyses(http, window, args.runs)
            side_by_side(runner, args.runs)
    finally:
        server.terminate()
        server.wait()
        driver.close()


def intake_ms(http: httpx.Client, count: int, rng: random.Random) -> None:
    """Clues registered through the API (classification and resolution included), each closed again."""
    problems = ["销售过期食品", "液化气钢瓶违规存放", "无证经营餐饮", "油烟扰民", "消防通道被占用", "拖欠农民工工资"]
    samples = []
    for n in range(count):
        body = {
            "channel": "12345热线",
            "received_at": f"{AS_OF.isoformat()}T08:{n % 60:02d}:00+08:00",
            "region": rng.choice(["310112", "310116", "610113", "150102"]),
            "description": f"群众反映某经营场所{rng.choice(problems)},请核查。",
        }
        seconds, response = timed(lambda b=body: http.post("/clues", json=b))
        if response.status_code == 422:  # no lead found for these words there: the caller would name one
            continue
        assert response.status_code == 201, response.text
        samples.append(seconds * 1000)
        first = response.json()["hops"][0]["id"]
        closed = http.post(
            f"/clues/{response.json()['clue']['id']}/referrals/{first}/outcome", json={"outcome": "办结"}
        )
        assert closed.status_code == 201, closed.text
    print(f"intake of {len(samples)} clues through the API, ms: median {statistics.median(samples[1:]):.0f}")


def chain_ms(http: httpx.Client, runner: Runner, clue_ids: list[str]) -> None:
    as_of = datetime(AS_OF.year, AS_OF.month, AS_OF.day, tzinfo=BEIJING)
    for clue_id in clue_ids[:50]:  # warm both paths: plans, pools, the server's JIT
        chain_of(runner, clue_id, as_of)
        http.get(f"/clues/{clue_id}/chain", params={"as_of": MOMENT})
    api_ms, direct_ms = [], []
    for clue_id in clue_ids:
        started = time.perf_counter()
        chain_of(runner, clue_id, as_of)
        direct_ms.append((time.perf_counter() - started) * 1000)
        seconds, response = timed(lambda c=clue_id: http.get(f"/clues/{c}/chain", params={"as_of": MOMENT}))
        assert response.status_code == 200, response.text
        api_ms.append(seconds * 1000)
    print(f"chain of {len(clue_ids)} random clues (target API p95 < 15 ms):")
    print(f"  API (HTTP)      ms: {percentiles(api_ms)}")
    print(f"  direct (driver) ms: {percentiles(direct_ms)}")
    print(f"  API / direct: median {statistics.median(api_ms) / statistics.median(direct_ms):.2f}x")


def analyses(http: httpx.Client, window: dict[str, str], runs: int) -> None:
    everywhere = http.get("/referrals/anomalies", params=window | {"limit": 1}).json()
    in_county = {
        code: http.get("/referrals/anomalies", params=window | {"region": code, "limit": 1}).json()["clues_analysed"]
        for code in ("310112", "310116", "610113", "610103", "150102", "150502", "152502", "140902")
    }
    county = max(in_county, key=in_county.__getitem__)
    figures = [
        (f"anomalies, a year everywhere ({everywhere['clues_analysed']} clues)", "/referrals/anomalies", {}),
        (f"anomalies, a year in {county} ({in_county[county]} clues)", "/referrals/anomalies", {"region": county}),
        ("anomalies, a year, flag=LOOP sorted by hops", "/referrals/anomalies", {"flag": "LOOP", "sort": "-hops"}),
        ("flows, a year everywhere", "/referrals/flows", {}),
        (f"flows, a year in {county}", "/referrals/flows", {"region": county}),
    ]
    for title, path, extra in figures:
        seconds = []
        for _ in range(runs):
            took, response = timed(lambda p=path, e=extra: http.get(p, params=window | e))
            assert response.status_code == 200, response.text
            seconds.append(took)
        shown = ", ".join(f"{s:.2f}" for s in seconds)
        target = "1 s" if path.endswith("anomalies") else "10 s"
        print(
            f"{title} (target < {target}): median {statistics.median(seconds):.2f} s  runs {shown}"
            f"  (load average {os.getloadavg()[0]:.1f})",
            flush=True,
        )
    slow = http.get("/referrals/flows", params=window).json()["slow_regions"]
    print(f"  flagged {everywhere['total']} of {everywhere['clues_analysed']}: {everywhere['flag_counts']}")
    print(f"  slowest cross-region senders: {[(r['region']['name'], r['median_wait_hours']) for r in slow[:3]]}")
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


def side_by_side(runner: Runner, runs: int) -> None:
    """The sweep called in-process: from the summaries and by analysing every chain, on the same data and load."""
    moment = datetime(AS_OF.year, AS_OF.month, AS_OF.day, tzinfo=BEIJING)
    asked = {"date_from": YEAR_FROM, "date_to": YEAR_TO, "offset": 0, "limit": 50, "limits": DEFAULT_LIMITS}
    for title, extra in (
        ("everywhere", {"region": None, "flags": [], "sort": "-received_at"}),
        ("flag=LOOP by hops", {"region": None, "flags": ["LOOP"], "sort": "-hops"}),
    ):
        fast, slow = [], []
        for _ in range(runs):
            started = time.perf_counter()
            summarised = anomalies(runner, as_of=moment, **asked, **extra)  # type: ignore[arg-type]
            fast.append(time.perf_counter() - started)
            started = time.perf_counter()
            analysed = sweep_chains(runner, read_places(runner), moment=moment, **asked, **extra)  # type: ignore[arg-type]
            slow.append(time.perf_counter() - started)
        same = "same answer" if summarised == analysed else "DIFFERENT ANSWERS"
        print(
            f"anomalies {title}, direct: from summaries median {statistics.median(fast):.2f} s, "
            f"analysing every chain median {statistics.median(slow):.2f} s ({same}; "
            f"load average {os.getloadavg()[0]:.1f})",
            flush=True,
        )
    rounds(runner)


def rounds(runner: Runner) -> None:
    """The flows' three-department rounds of the year's referral network: the direct enumeration the service uses
    beside networkx's simple_cycles (what flows used before), timed, with a check that both find the same."""
    start, end = window(YEAR_FROM, YEAR_TO)
    rows = runner.read(FLOWS, region_id=None, sent_from=start, sent_to=end)
    graph = flows.network(Transfer(r["kind"], r["from_id"], r["to_id"], AS_OF_MOMENT, None) for r in rows)
    started = time.perf_counter()
    direct = sorted(flows.rounds_of_three(graph))
    took_direct = time.perf_counter() - started
    started = time.perf_counter()
    enumerated = []
    for cycle in nx.simple_cycles(graph, length_bound=3):
        if len(cycle) == 3:
            first = cycle.index(min(cycle))
            enumerated.append(cycle[first:] + cycle[:first])
    took_networkx = time.perf_counter() - started
    same = "same rounds" if direct == sorted(enumerated) else "DIFFERENT ROUNDS"
    print(
        f"flows' rounds of {graph.number_of_nodes()} departments, {graph.number_of_edges()} edges: direct "
        f"{took_direct:.2f} s, networkx simple_cycles {took_networkx:.2f} s ({len(direct)} rounds, {same}; "
        f"load average {os.getloadavg()[0]:.1f})",
        flush=True,
    )


if __name__ == "__main__":
    main()
