"""A bounded fuzz of every operation of the OpenAPI document (schemathesis), against the real stack and database.

Each operation gets FUZZ_EXAMPLES generated calls (valid and invalid values the schema allows: huge offsets,
year 1, empty strings, long lists …) as an admin. Every answer must be no server error, a status the document
states for the operation, and a body that matches the documented schema (errors: {"error": {...}}). The counts
are printed, so `pytest tests/test_fuzz.py -s` shows the run. Bounded to about a minute or two on two cores.
"""

from __future__ import annotations

import os
import time
from collections import Counter, defaultdict
from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from graphsvc.api.app import create_app
from graphsvc.config import Settings
from graphsvc.db import Runner

FUZZ_EXAMPLES = int(os.environ.get("GRAPHSVC_FUZZ_EXAMPLES", "12"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.fixture
def app(graph: Runner, settings: Settings) -> Iterator[FastAPI]:
    application = create_app(settings)
    application.state.runner = graph  # what the lifespan sets up; the ASGI transport calls without it
    yield application


def test_every_operation_survives_a_bounded_fuzz(app: FastAPI, auth: dict[str, str]) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 30
    statuses: Counter[int] = Counter()
    calls: Counter[str] = Counter()
    slowest: dict[str, float] = defaultdict(float)
    failures: list[str] = []

    def fuzz(operation: Any) -> None:
        @given(case=operation.as_strategy())
        @settings(
            max_examples=FUZZ_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any) -> None:
            started = time.monotonic()
            response = case.call(headers=auth, timeout=60)
            slowest[operation.label] = max(slowest[operation.label], time.monotonic() - started)
            statuses[response.status_code] += 1
            calls[operation.label] += 1
            try:
                case.validate_response(response, checks=CHECKS)
            except Exception as e:  # noqa: BLE001 - every failure is collected and reported below
                failures.append(f"{operation.label}: {response.status_code} {str(e).splitlines()[0][:300]}")

        run()

    for operation in operations:
        fuzz(operation)

    print(
        f"\nfuzz: {len(operations)} operations, {sum(calls.values())} calls, "
        f"statuses {dict(sorted(statuses.items()))}, {sum(n for s, n in statuses.items() if s >= 500)} server errors, "
        f"{len(failures)} failed checks; slowest calls: "
        + ", ".join(f"{k} {v:.1f}s" for k, v in sorted(slowest.items(), key=lambda kv: -kv[1])[:5])
    )
    assert not [s for s in statuses if s >= 500], failures[:20]
    assert not failures, "\n".join(failures[:30])
