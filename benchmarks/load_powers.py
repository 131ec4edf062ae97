"""Loading a generated 权责清单 (rows/s): the median of three loads of the same list into a graph holding the
reference catalogue, each load a full check of every row and a merge of every matter and assignment.

    NEO4J_URI=neo4j://127.0.0.1:27737 .venv/bin/python benchmarks/load_powers.py [--rows 3500] [--format xlsx]

Runs against the server NEO4J_URI names (its data is merged into, never wiped): start it with `graphsvc neo4j
start` and load the reference first (`graphsvc load reference`).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from graphsvc.config import Settings
from graphsvc.db import Runner, create_driver
from loaders.powers import load_powers, read_list
from loaders.synthetic.powers import generate_powers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=3500)
    parser.add_argument("--format", choices=["xlsx", "csv"], default="xlsx")
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    settings = Settings()
    out = Path(tempfile.mkdtemp(prefix="powers-"))
    generate_powers(settings.service.reference_dir, "610113", "西安市雁塔区", "县", out, rows=args.rows, seed=1)
    path = out / f"权责清单_610113.{args.format}"
    started = time.perf_counter()
    rows = len(read_list(path).rows)
    print(f"{path.name}: {rows} rows, read in {time.perf_counter() - started:.2f} s")
    driver = create_driver(settings)
    runner = Runner(driver, settings.neo4j.database)
    seconds, dry = [], []
    try:
        for _ in range(args.repeat):
            started = time.perf_counter()
            report = load_powers(runner, path, "610113", "benchmark:load_powers", dry_run=True, partial=True)
            dry.append(time.perf_counter() - started)
            started = time.perf_counter()
            report = load_powers(runner, path, "610113", "benchmark:load_powers", partial=True)
            seconds.append(time.perf_counter() - started)
    finally:
        driver.close()
    print(f"loaded: {report.summary(dry_run=False)}")
    print(f"dry run (read + check): median {statistics.median(dry):.2f} s, {rows / statistics.median(dry):,.0f} rows/s")
    print(
        f"load (read + check + write): median {statistics.median(seconds):.2f} s, "
        f"{rows / statistics.median(seconds):,.0f} rows/s over {args.repeat} runs"
    )


if __name__ == "__main__":
    main()
