"""Duty disputes, the 编办's rulings and people's governments' designations."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query

from graphsvc import access
from graphsvc.api.deps import RunnerDep, UserDep
from graphsvc.api.params import RegionCode
from graphsvc.responsibility import disputes
from graphsvc.responsibility.disputes import (
    Designation,
    DesignationCreate,
    Dispute,
    DisputeCreate,
    DisputeFilter,
    DisputePage,
    Dossier,
    RulingCreate,
    Withdrawal,
)

# Dossiers leave out what resolve leaves unset (a matter's `explained`), as the dicts did: exclude_unset.
router = APIRouter(prefix="/disputes", tags=["disputes"])
designations = APIRouter(prefix="/designations", tags=["disputes"])

DisputeId = Annotated[str, Path(max_length=40, description="争议编号,如 D-20261122-a1b2c3")]


@router.post("", status_code=201, response_model=Dossier, response_model_exclude_unset=True)
def create_dispute(runner: RunnerDep, user: UserDep, body: DisputeCreate) -> Dossier:
    """Register a dispute; the answer is its dossier (resolution, procedure, common superior, precedents).
    Analysts cannot file disputes; a department files only disputes it is party to."""
    return disputes.create_dispute(runner, body, user)


@router.get("", response_model=DisputePage)
def list_disputes(
    runner: RunnerDep,
    user: UserDep,
    status: Annotated[Literal["待裁定", "已裁定", "已撤回"] | None, Query(description="状态")] = None,
    region: RegionCode = None,
    department_id: Annotated[str | None, Query(max_length=100, description="争议一方的部门编号")] = None,
    offset: Annotated[int, Query(ge=0, description="跳过的条数")] = 0,
    limit: Annotated[int, Query(ge=1, le=500, description="每页条数")] = 50,
) -> DisputePage:
    """Disputes, newest first, filtered by status, region (the region and those under it) and a party department;
    with the names of region, matter, parties next to their ids, and the latest ruling."""
    query = DisputeFilter(status=status, region=region, department_id=department_id, offset=offset, limit=limit)
    return disputes.list_disputes(runner, query)


@router.get("/{dispute_id}", response_model=Dossier, response_model_exclude_unset=True)
def get_dispute(runner: RunnerDep, user: UserDep, dispute_id: DisputeId) -> Dossier:
    """The dossier: the resolve result with its evidence, the procedural rule and its article, the parties'
    common superior (the people's government of the narrowest region holding them all, with its 编办), and
    rulings elsewhere ranked by closeness."""
    return disputes.dossier(runner, dispute_id)


@router.post("/{dispute_id}/ruling", status_code=201, response_model=Dossier, response_model_exclude_unset=True)
def rule_on_dispute(runner: RunnerDep, user: UserDep, dispute_id: DisputeId, body: RulingCreate) -> Dossier:
    """Record the ruling of the 编办 (with 司法局). It becomes assignments valid from its date in the dispute's
    region, so later resolve calls follow it; a later ruling supersedes it; nothing is deleted. A dispute filed by
    describing a behaviour names its matter here: an existing one (`matter_id`) or a new one (`new_matter`)."""
    access.may_rule(user)
    return disputes.rule(runner, dispute_id, body, actor=user.id)


@router.post("/{dispute_id}/withdrawal", response_model=Dispute)
def withdraw_dispute(runner: RunnerDep, user: UserDep, dispute_id: DisputeId, body: Withdrawal) -> Dispute:
    """Withdraw a dispute awaiting a ruling: by the user who filed it or by the office. It stays, as 已撤回."""
    return disputes.withdraw(runner, dispute_id, body, actor=user.id, may_withdraw_any=user.role in access.SUPERVISORS)


@designations.post("", status_code=201, response_model=Designation)
def designate(runner: RunnerDep, user: UserDep, body: DesignationCreate) -> Designation:
    """Record a people's government's designation (e.g. 西安市人民政府: 各区餐饮油烟由区城管局负责) for a matter in a
    region and every region under it. Name functions in `lead_functions` to reach each district's own department."""
    access.may_rule(user)
    return disputes.designate(runner, body, actor=user.id)
