"""Liveness and readiness, open to all (probes carry no token)."""

from __future__ import annotations

from fastapi import APIRouter
from pydantic import BaseModel

from graphsvc.api.deps import RunnerDep
from graphsvc.health import database_version

router = APIRouter(tags=["health"])


class Health(BaseModel):
    status: str


class Ready(BaseModel):
    status: str
    neo4j: str


@router.get("/healthz", response_model=Health)
async def healthz() -> Health:
    """The process is alive."""
    return Health(status="ok")


@router.get("/readyz", response_model=Ready, responses={503: {"description": "图数据库不可用"}})
def readyz(runner: RunnerDep) -> Ready:
    """Neo4j answers: 200 with its version, else 503 with the reason. Recovers without a restart."""
    return Ready(status="ready", neo4j=database_version(runner))
