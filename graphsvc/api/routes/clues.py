"""Problem clues: intake, referral hops, the chain of one clue, and anomalies and flows across many."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated

from fastapi import APIRouter, Path, Query, Response

from graphsvc import access
from graphsvc.api.deps import RunnerDep, SettingsDep, UserDep
from graphsvc.api.params import Day, Limit, Moment, Offset, RegionCode
from graphsvc.api.responses import json_once
from graphsvc.clues import analytics, intake, referrals
from graphsvc.clues.analytics import FlagCode, SortKey
from graphsvc.clues.intake import ClueCreate
from graphsvc.clues.referrals import Acknowledgement, Closing, ReferralCreate, limits_of
from graphsvc.clues.views import Anomalies, ClueChain, Flows

router = APIRouter(tags=["clues"])

ClueId = Annotated[str, Path(max_length=60, description="线索编号,如 C-20250301-1a2b3c4d")]
ReferralId = Annotated[str, Path(max_length=80, description="移送(一跳)的编号")]
AsOf = Annotated[Moment | None, Query(description="计算等待时长的时刻,默认现在")]
AcknowledgeHours = Annotated[float | None, Query(gt=0, le=24 * 365, description="超过多少小时未签收算滞留,默认 72")]
ActDays = Annotated[float | None, Query(gt=0, le=3650, description="签收后超过多少天未处理算滞留,默认 15")]
From = Annotated[Day | None, Query(alias="from", description="开始日期 YYYY-MM-DD(含)")]
To = Annotated[Day | None, Query(alias="to", description="结束日期 YYYY-MM-DD(含)")]


@router.post("/clues", status_code=201, response_model=ClueChain)
def create_clue(runner: RunnerDep, user: UserDep, body: ClueCreate) -> ClueChain:
    """Register a clue. Its words are matched to supervision matters (full text) and resolution proposes the
    lead department in the region; the first hop, a 分办 to that department (or to the departments named in
    `to_department_ids`), keeps the proposal as evidence. The answer is the clue's chain."""
    return intake.create_clue(runner, body, user)


@router.get("/clues/{clue_id}/chain", response_model=ClueChain)
def get_clue_chain(
    runner: RunnerDep,
    user: UserDep,
    clue_id: ClueId,
    as_of: AsOf = None,
    ack_hours: AcknowledgeHours = None,
    act_days: ActDays = None,
) -> Response:
    """The chain of a clue: its hops in tree order (a 分办 fans out; each hop has its depth and parent), how long
    each department held it, the regions it crossed, who holds it now, and flags: LOOP (back to a department
    already visited), PING_PONG (A → B → A), CROSS_REGION, CROSS_PROVINCE, STALLED (not acknowledged within
    `ack_hours`, or not acted on within `act_days` after), UNRESOLVED."""
    return json_once(referrals.read_chain(runner, clue_id, user, as_of, limits_of(ack_hours, act_days)))


@router.post("/clues/{clue_id}/referrals", status_code=201, response_model=ClueChain)
def refer_clue(
    runner: RunnerDep, user: UserDep, settings: SettingsDep, clue_id: ClueId, body: ReferralCreate
) -> ClueChain:
    """Pass the clue on: 分办 (to one or several departments), 转办, 移送, 行刑衔接 (to 公安/检察), 跨区域移送 (to a
    department in another region) or 退回 (back to the department that sent it). Only a department that holds
    the clue refers it (department users only for their own department); times never run backwards; a hop to
    the sender itself, to an unknown department or on a closed clue is refused. The answer is the new chain."""
    return referrals.refer(runner, clue_id, body, user, _backdate(settings))


@router.post("/clues/{clue_id}/referrals/{referral_id}/acknowledgement", status_code=201, response_model=ClueChain)
def acknowledge_referral(
    runner: RunnerDep,
    user: UserDep,
    settings: SettingsDep,
    clue_id: ClueId,
    referral_id: ReferralId,
    body: Acknowledgement,
) -> ClueChain:
    """Record the receiving department's acknowledgement (签收) of a hop it holds, once."""
    return referrals.acknowledge(runner, clue_id, referral_id, body, user, _backdate(settings))


@router.post("/clues/{clue_id}/referrals/{referral_id}/outcome", status_code=201, response_model=ClueChain)
def close_referral(
    runner: RunnerDep, user: UserDep, settings: SettingsDep, clue_id: ClueId, referral_id: ReferralId, body: Closing
) -> ClueChain:
    """Close the receiver's branch with its outcome (立案/不予立案/移送司法/办结); when no branch is left open,
    the clue is 已办结."""
    return referrals.close(runner, clue_id, referral_id, body, user, _backdate(settings))


@router.get("/referrals/anomalies", response_model=Anomalies)
def list_referral_anomalies(
    runner: RunnerDep,
    user: UserDep,
    region: RegionCode = None,
    date_from: From = None,
    date_to: To = None,
    flag: Annotated[list[FlagCode], Query(description="只要带有这些标记的线索(可重复)")] = [],  # noqa: B006
    sort: Annotated[SortKey, Query(description="排序,前加 - 为降序")] = "-received_at",
    offset: Offset = 0,
    limit: Limit = 50,
    as_of: AsOf = None,
    ack_hours: AcknowledgeHours = None,
    act_days: ActDays = None,
) -> Anomalies:
    """Clues received in the window (`from`, `to`, by day) within the region that carry flags (with `flag`, all
    of those given), one page of them, with how many clues carry each flag. For admin, office and analysts."""
    access.may_run_analytics(user, "线索异常分析")
    return analytics.anomalies(
        runner, region, date_from, date_to, flag, sort, offset, limit, as_of, limits_of(ack_hours, act_days)
    )


@router.get("/referrals/flows", response_model=Flows)
def get_referral_flows(
    runner: RunnerDep,
    user: UserDep,
    region: RegionCode = None,
    date_from: From = None,
    date_to: To = None,
    as_of: AsOf = None,
) -> Flows:
    """Referrals sent in the window where the sender or the receiver lies in the region: the department-to-
    department matrix with counts and median hours to acknowledgement; the departments that bounce clues
    (pairs referring to each other, strongly connected components, three-department cycles); and the regions
    whose cross-region referrals wait longest for 签收. For admin, office and analysts."""
    access.may_run_analytics(user, "移送流向分析")
    return analytics.flows(runner, region, date_from, date_to, as_of)


def _backdate(settings: SettingsDep) -> timedelta:
    return timedelta(hours=settings.service.backdate_hours)
