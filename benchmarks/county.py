"""What the benchmarks share: a Neo4j of their own, and a fresh store holding the generated county."""

from __future__ import annotations

import random
import tempfile
from datetime import date, timedelta
from pathlib import Path

from pydantic import SecretStr

from graphsvc import schema
from graphsvc.config import ROOT, Neo4jSettings, ServiceSettings, Settings
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.inspections.precheck import PrecheckRequest
from loaders.entities import load_folder
from loaders.reference import load_reference
from loaders.synthetic import AS_OF, generate

DATA_DIRECTORY = query("admin/data_directory")
DELETE_EVERYTHING = query("admin/delete_everything")
REFERENCE = ROOT / "data" / "reference"


def bench_settings(home: Path, bolt_port: int, http_port: int) -> Settings:
    """A server of the benchmark's own, sized for a county store."""
    return Settings(
        Neo4jSettings(uri=f"neo4j://127.0.0.1:{bolt_port}", password=SecretStr("graphsvc-bench-only")),
        ServiceSettings(neo4j_home=home, neo4j_http_port=http_port, neo4j_heap="2g", neo4j_pagecache="1g"),
    )


def load_county(runner: Runner, home: Path, seed: int, actor: str) -> None:
    """Wipes the store (only if its data lives under `home`) and loads the reference and a generated county."""
    data = Path(runner.read(DATA_DIRECTORY)[0]["data_directory"]).resolve()
    if not data.is_relative_to(home.resolve()):
        raise SystemExit(f"refusing to wipe {data}")
    runner.write(DELETE_EVERYTHING)
    schema.apply(runner)
    load_reference(runner, REFERENCE, actor).raise_if_failed()
    with tempfile.TemporaryDirectory() as out:
        generate("county", seed, Path(out), REFERENCE)
        load_folder(runner, Path(out), actor).raise_if_failed()


def precheck_of(task: dict[str, str], rng: random.Random) -> PrecheckRequest:
    """A pre-scheduling check like one a department would send before the task (a row of tasks.csv): its department,
    subject and matters, in a two-week window within a month of the task's."""
    start = date.fromisoformat(task["window_start"]) + timedelta(days=rng.randrange(-30, 30))
    return PrecheckRequest.model_validate(
        {
            "department": task["department_id"],
            "subjects": [task["subject_id"]],
            "matters": [m for m in task["matter_ids"].replace("|", ";").split(";") if m],
            "window": {"start": start, "end": start + timedelta(days=14)},
            "as_of": AS_OF,
        }
    )
