"""`resolve` for the tests written against the shape of the answer: the service returns the typed `Resolution`
(graphsvc/responsibility/answer.py); these tests read it as the API body's structure, the fields the service set,
with Python values (dates stay dates)."""

from __future__ import annotations

from typing import Any

from graphsvc.db import Runner
from graphsvc.responsibility import resolve as service
from graphsvc.responsibility.resolve import ResolveRequest

__all__ = ["ResolveRequest", "resolve"]


def resolve(runner: Runner, request: ResolveRequest) -> dict[str, Any]:
    return service.resolve(runner, request).model_dump(exclude_unset=True)
