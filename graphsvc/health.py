"""Readiness: the database answers, and which server it is."""

from __future__ import annotations

import time

from pydantic import BaseModel

from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import DatabaseUnavailable

SERVER_COMPONENTS = query("admin/server_components")


class ServerComponent(BaseModel):
    name: str
    version: str
    edition: str


def database_version(runner: Runner) -> str:
    """E.g. "Neo4j Kernel 5.26.30 community". One try, no retries: a probe must answer quickly, also when Neo4j
    is down."""
    row = ServerComponent.model_validate(runner.ping(SERVER_COMPONENTS)[0])
    return f"{row.name} {row.version} {row.edition}"


def wait_until_ready(runner: Runner, seconds: float) -> None:
    """Waits until the database answers a query (after a start, Bolt answers before the database is online)."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            runner.ping(SERVER_COMPONENTS)
            return
        except DatabaseUnavailable:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)
