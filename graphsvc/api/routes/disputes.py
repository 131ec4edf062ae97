"""Duty disputes and the 编办's rulings."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from graphsvc import access
from graphsvc.api.deps import RunnerDep, UserDep
from graphsvc.responsibility import disputes
from graphsvc.responsibility.disputes import DisputeCreate, RulingCreate

router = APIRouter(prefix="/disputes", tags=["disputes"])

DisputeId = Annotated[str, Path(max_length=40, description="争议编号,如 D-20261122-a1b2c3")]


@router.post("", status_code=201)
def create_dispute(runner: RunnerDep, user: UserDep, body: DisputeCreate) -> dict[str, Any]:
    """Register a dispute; the answer is its dossier (resolution, procedure, common superior, precedents).
    Analysts cannot file disputes; a department files only disputes it is party to."""
    access.may_file_dispute(user, [c.department_id for c in body.claimants])
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
    access.may_rule(user)
    return disputes.rule(runner, dispute_id, body, actor=user.id)
