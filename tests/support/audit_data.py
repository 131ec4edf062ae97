"""The 编办's worklist (graphsvc/responsibility/audit.py) as the structure of its JSON body, for the tests that
read it by keys; `as_csv` takes that structure back."""

from __future__ import annotations

from datetime import date
from typing import Any

from graphsvc.db import Runner
from graphsvc.responsibility import audit as service


def audit(runner: Runner, region: str, as_of: date | None = None) -> dict[str, Any]:
    return service.audit(runner, region, as_of).model_dump(exclude_unset=True)


def as_csv(report: dict[str, Any]) -> str:
    return service.as_csv(service.AuditReport.model_validate(report))
