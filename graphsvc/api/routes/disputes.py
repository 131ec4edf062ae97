"""Duty disputes and the 编办's rulings."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from graphsvc.api.deps import RunnerDep, UserDep
from graphsvc.errors import Forbidden
from graphsvc.identity import Role
from graphsvc.responsibility import disputes
from graphsvc.responsibility.disputes import DisputeCreate, RulingCreate

router = APIRouter(prefix="/disputes", tags=["disputes"])

DisputeId = Annotated[str, Path(max_length=40, description="争议编号,如 D-20261122-a1b2c3")]


@router.post("", status_code=201)
def create_dispute(runner: RunnerDep, user: UserDep, body: DisputeCreate) -> dict[str, Any]:
    """Register a dispute; the answer is its dossier (resolution, procedure, common superior, precedents)."""
    return disputes.create_dispute(runner, body, actor=user.id)


@router.get("/{dispute_id}")
def get_dispute(runner: RunnerDep, user: UserDep, dispute_id: DisputeId) -> dict[str, Any]:
    """The dossier: the resolve result with its evidence, the procedural rule and its article, the parties'
    common superior computed from the region hierarchy, and rulings elsewhere ranked by closeness."""
    return disputes.dossier(runner, dispute_id)


@router.post("/{dispute_id}/ruling", status_code=201)
def rule_on_dispute(runner: RunnerDep, user: UserDep, dispute_id: DisputeId, body: RulingCreate) -> dict[str, Any]:
    """Record the ruling of the 编办 (with 司法局). It becomes assignments valid from its date in the dispute's
    region, so later resolve calls follow it; a later ruling supersedes it; nothing is deleted."""
    if user.role not in (Role.office, Role.admin):
        raise Forbidden("只有编办、司法局(office 角色)可以作出裁定。")
    return disputes.rule(runner, dispute_id, body, actor=user.id)
