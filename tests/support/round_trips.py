"""A Runner that lists what it sends to the server: each statement by name, each read transaction as one entry
(its statements are the transaction's reader's, not listed), so that a test can hold an answer to its round trips."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from graphsvc.cypher import Query
from graphsvc.db import Reader, Runner

T = TypeVar("T")
READ_TRANSACTION = "read transaction"


class CountingRunner(Runner):
    def __init__(self, runner: Runner):
        super().__init__(runner.driver, runner.database, runner.read_timeout, runner.retry_seconds)
        self.sent: list[str] = []

    def _run(self, q: Query, mode: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        self.sent.append(q.name)
        return super()._run(q, mode, params)

    def reading(self, work: Callable[[Reader], T]) -> T:
        self.sent.append(READ_TRANSACTION)
        return super().reading(work)
