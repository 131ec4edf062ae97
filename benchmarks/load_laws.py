"""Loading every shared law text, as medians of N runs (these machines are noisy).

    GRAPHSVC_LAWS_DIR=/path/to/shared/laws .venv/bin/python benchmarks/load_laws.py [--runs 3]

Starts its own Neo4j (.neo4j/bench-laws, Bolt 28287, HTTP 28274). Each run wipes that store (only if its data
lives in that home), applies the schema and loads the reference catalogue untimed, then times
`load_law_path` over the folder: parsing, articles (条/款/项), history versions, the duties read from the texts,
renumbering and the amendment reports. Prints the median seconds and the rows written.
Target: under 30 s on a 2-core machine that nothing else is using.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

import county  # benchmarks/county.py, beside this script

from graphsvc import schema
from graphsvc.config import ROOT
from graphsvc.cypher import query
from graphsvc.db import Runner, create_driver
from graphsvc.local_neo4j import LocalNeo4j
from loaders.law_text import load_law_path
from loaders.reference import load_reference

HOME = ROOT / ".neo4j" / "bench-laws"
ACTOR = "bench:load_laws"
DATA_DIRECTORY = query("admin/data_directory")
DELETE_EVERYTHING = query("admin/delete_everything")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    laws = Path(os.environ.get("GRAPHSVC_LAWS_DIR") or ROOT.parent / "shared" / "laws")
    settings = county.bench_settings(HOME, 28287, 28274)
    server = LocalNeo4j(settings)
    server.start()
    driver = create_driver(settings)
    runner = Runner(driver, settings.neo4j.database)
    seconds, written = [], {}
    try:
        for _ in range(args.runs):
            data = Path(runner.read(DATA_DIRECTORY)[0]["data_directory"]).resolve()
            if not data.is_relative_to(HOME.resolve()):
                raise SystemExit(f"refusing to wipe {data}")
            runner.write(DELETE_EVERYTHING)
            schema.apply(runner)
            load_reference(runner, ROOT / "data" / "reference", ACTOR).raise_if_failed()
            started = time.perf_counter()
            report = load_law_path(runner, laws, ACTOR)
            seconds.append(time.perf_counter() - started)
            report.raise_if_failed()
            written = report.written
    finally:
        driver.close()
        server.stop()
    print(f"laws from {laws}: median {statistics.median(seconds):.1f} s over {len(seconds)} runs")
    print("written:", ", ".join(f"{k} {v}" for k, v in written.items()))


if __name__ == "__main__":
    main()
