"""The append-only record of writes, for admins and the 编办."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from graphsvc import access, audit_log
from graphsvc.api.deps import RunnerDep, UserDep
from graphsvc.api.params import Limit, Moment, Offset
from graphsvc.audit_log import AuditPage

router = APIRouter(tags=["audit-log"])


@router.get("/audit-log", response_model=AuditPage)
def list_audit_log(
    runner: RunnerDep,
    user: UserDep,
    object_id: Annotated[str | None, Query(max_length=200, description="对象编号:线索、移送、方案、争议……")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="操作人(用户编号)")] = None,
    action: Annotated[str | None, Query(max_length=100, description="写入语句,如 clue/close_referral")] = None,
    at_from: Annotated[Moment | None, Query(alias="from", description="服务器时间,起(含)")] = None,
    at_to: Annotated[Moment | None, Query(alias="to", description="服务器时间,止(不含)")] = None,
    offset: Offset = 0,
    limit: Limit = 50,
) -> AuditPage:
    """Every write the service made, newest first: who, when (server time), which statement, on which objects,
    before → after. Filter by object, by actor, by statement or by a window. Events are never changed or
    deleted. For admin and office users."""
    access.may_read_audit_log(user)
    return audit_log.list_events(
        runner,
        object_id,
        actor,
        action,
        at_from,
        at_to,
        offset,
        limit,
    )
