"""What an API request pays to read the graph from the event loop: the blocking driver through FastAPI's thread pool
(a thread hop, as every route that reads the graph runs), the same call inline (which would block the loop), and
the driver's asyncio API awaited on the loop (no hop), interleaved, on uvloop as the API serves.

    .venv/bin/python benchmarks/thread_hop.py [--calls 1500] [--bolt 27997 --http 27984]

Needs the store benchmarks/postgres_side_by_side.py loads (.neo4j/bench-side, the same ports; started when down).
The statement is a no-op (`RETURN 1`): what is measured is the hop and the driver, not the query.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Awaitable, Callable
from typing import Any

import county  # benchmarks/county.py, beside this script
import neo4j
import uvloop
from fastapi.concurrency import run_in_threadpool
from postgres_side_by_side import HOME

from graphsvc.local_neo4j import LocalNeo4j

NO_OP = "RETURN 1 AS one"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=1500)
    parser.add_argument("--bolt", type=int, default=27997)
    parser.add_argument("--http", type=int, default=27984)
    args = parser.parse_args()
    settings = county.bench_settings(HOME, args.bolt, args.http)
    LocalNeo4j(settings).start()  # idempotent: a server already up is left as it is
    uri, auth = settings.neo4j.uri, (settings.neo4j.username, settings.neo4j.password.get_secret_value())
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start", flush=True)
    uvloop.run(measure(uri, auth, args.calls))
    print(f"load average {os.getloadavg()[0]:.1f} at the end")


async def measure(uri: str, auth: tuple[str, str], calls: int) -> None:
    blocking = neo4j.GraphDatabase.driver(uri, auth=auth)
    awaited = neo4j.AsyncGraphDatabase.driver(uri, auth=auth)

    def read() -> list[Any]:
        with blocking.session(database="neo4j", default_access_mode=neo4j.READ_ACCESS) as session:
            return list(session.run(NO_OP))

    async def read_async() -> list[Any]:
        async with awaited.session(database="neo4j", default_access_mode=neo4j.READ_ACCESS) as session:
            return [record async for record in await session.run(NO_OP)]

    async def inline() -> list[Any]:
        return read()

    ways: dict[str, Callable[[], Awaitable[Any]]] = {
        "blocking driver, through the thread pool (the API)": lambda: run_in_threadpool(read),
        "blocking driver, inline on the loop": inline,
        "asyncio driver, awaited on the loop": read_async,
    }
    samples: dict[str, list[float]] = {name: [] for name in ways}
    warm = calls // 5
    for i in range(warm + calls):
        for name, way in list(ways.items())[i % 3 :] + list(ways.items())[: i % 3]:
            started = time.perf_counter()
            await way()
            if i >= warm:
                samples[name].append((time.perf_counter() - started) * 1000)
    for name, values in samples.items():
        print(f"{name:<52} p50 {statistics.median(values):6.3f} ms")
    blocking.close()
    await awaited.close()


if __name__ == "__main__":
    main()
