"""The hops of a clue: who passes it to whom, the acknowledgement (签收) and the closing of a branch, and the chain
they make. Only a department that holds the clue passes it on; nothing is ever deleted.

"各部门在工作中发现属于其他部门监管职责范围内的违法违规行为,要及时移送线索" (seed 000).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta
from functools import cache
from typing import Literal

from pydantic import BaseModel, Field

from graphsvc import access
from graphsvc.bounds import Moment
from graphsvc.clues import summary
from graphsvc.clues.chain import (
    CLOSED,
    DEFAULT_LIMITS,
    FLAGS,
    OUTCOMES,
    Chain,
    Holding,
    Limits,
    Place,
    analyse,
    crosses_region,
    hours,
)
from graphsvc.clues.store import ClueRecord, Department, HopRow, read_clue, read_departments
from graphsvc.clues.times import BEIJING, CLOCK_SKEW, beijing, now
from graphsvc.clues.views import ChainFlag, ClueChain, CrossedRegion, Held, Proposal
from graphsvc.clues.views import Holding as HoldingView
from graphsvc.clues.views import Hop as HopView
from graphsvc.clues.views import Limits as LimitsView
from graphsvc.clues.views import Place as PlaceView
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import Conflict, Forbidden, InvalidInput, NotFound
from graphsvc.identity import Role, User
from graphsvc.names import Names
from graphsvc.types import LooseRef, Ref

CREATE = query("clue/create_referrals")
ACKNOWLEDGE = query("clue/acknowledge_referral")
CLOSE = query("clue/close_referral")

BACKDATE_DOC = "补录理由:所填时间早于允许的补录时限(默认 72 小时)时必填;服务器记录的时间另行保存"
DEFAULT_BACKDATE = timedelta(hours=72)
ReferralKind = Literal["分办", "转办", "移送", "行刑衔接", "跨区域移送", "退回"]
Outcome = Literal["立案", "不予立案", "移送司法", "办结"]
# 行政执法与刑事司法衔接: cases go to the police or the procuratorate.
JUDICIAL_WORDS = ("公安", "检察")


class ReferralCreate(BaseModel):
    kind: ReferralKind = Field(description="分办(可同时交给多个部门)/ 转办 / 移送 / 行刑衔接 / 跨区域移送 / 退回")
    from_department_id: str | None = Field(
        default=None, max_length=100, description="发送部门(须当前持有线索);部门用户默认本部门"
    )
    to_department_ids: list[str] = Field(min_length=1, max_length=20, description="接收部门;只有分办可以有多个")
    sent_at: Moment | None = Field(default=None, description="发送时间,默认现在;不带时区时按北京时间")
    reason: str = Field(min_length=1, max_length=2000, description="移送理由")
    acknowledged_at: Moment | None = Field(default=None, description="已签收时填写签收时间")
    backdate_reason: str | None = Field(default=None, max_length=500, description=BACKDATE_DOC)


class Acknowledgement(BaseModel):
    acknowledged_at: Moment | None = Field(default=None, description="签收时间,默认现在")
    backdate_reason: str | None = Field(default=None, max_length=500, description=BACKDATE_DOC)


class Closing(BaseModel):
    outcome: Outcome = Field(description="立案 / 不予立案 / 移送司法 / 办结")
    closed_at: Moment | None = Field(default=None, description="办结时间,默认现在")
    backdate_reason: str | None = Field(default=None, max_length=500, description=BACKDATE_DOC)


def limits_of(acknowledge_hours: float | None, act_days: float | None) -> Limits:
    """Stall limits with the caller's overrides."""
    return Limits(
        acknowledge=timedelta(hours=acknowledge_hours) if acknowledge_hours else DEFAULT_LIMITS.acknowledge,
        act=timedelta(days=act_days) if act_days else DEFAULT_LIMITS.act,
    )


def chain_of(runner: Runner, clue_id: str, as_of: datetime | None = None, limits: Limits = DEFAULT_LIMITS) -> ClueChain:
    """The chain of a clue as the API shows it, with open waits measured up to as_of (default now)."""
    record = read_clue(runner, clue_id)
    moment = beijing(as_of) if as_of else now()
    return chain_view(record, analyse(record.facts, record.places, moment, limits), moment, limits)


def after_write(runner: Runner, clue_id: str) -> ClueChain:
    """The chain after a write to it, whose summary for the anomaly sweep is brought up to date first."""
    summary.refresh(runner, [clue_id])
    return chain_of(runner, clue_id)


def read_chain(
    runner: Runner, clue_id: str, user: User, as_of: datetime | None = None, limits: Limits = DEFAULT_LIMITS
) -> ClueChain:
    """The chain of a clue for a reader: a department user reads only the clues its department took part in."""
    department = access.clue_reader(user)
    if department is not None:
        record = read_clue(runner, clue_id)
        involved = {record.facts.receiver_id} | {h.to_id for h in record.facts.hops}
        involved |= {h.from_id for h in record.facts.hops}
        if department not in involved:
            raise Forbidden(
                "部门用户只能查看本部门受理、承办或移送过的线索。",
                [{"field": "clue_id", "reason": "not the user's department's clue"}],
            )
    return chain_of(runner, clue_id, as_of, limits)


def refer(
    runner: Runner, clue_id: str, body: ReferralCreate, user: User, backdate: timedelta = DEFAULT_BACKDATE
) -> ClueChain:
    """Passes the clue on from a department that holds it; the answer is the chain after the hop."""
    _may_write(user)
    names = Names(runner)
    home = names.region_of_department(user.department_id)
    source = names.department_param(body.from_department_id, home, "from_department_id")
    region = names.region_of_department(source) or home
    targets = names.departments_param(body.to_department_ids, region, "to_department_ids")
    body = body.model_copy(update={"from_department_id": source, "to_department_ids": targets})
    moment = now()
    record = read_clue(runner, clue_id)
    chain = analyse(record.facts, record.places, moment)
    source_id = body.from_department_id or user.department_id
    if not source_id:
        raise _invalid("from_department_id", "需要发送部门 from_department_id", "required")
    if user.role is Role.department and source_id != user.department_id:
        raise Forbidden("部门用户只能以本部门名义移送本部门持有的线索。")
    _open(record, chain)
    departments = read_departments(runner, [source_id, *body.to_department_ids])
    if source_id not in departments:
        raise _invalid("from_department_id", f"未知部门:{source_id}", "unknown department")
    holding = next((h for h in chain.current if h.department_id == source_id), None)
    if holding is None:
        holders = "、".join(_name(record, h.department_id) for h in chain.current)
        raise Conflict(
            f"{departments[source_id].place.name} 当前不持有该线索,只有当前持有部门({holders})可以移送。",
            [{"field": "from_department_id", "reason": "not a current holder"}],
        )
    sent_at = beijing(body.sent_at) if body.sent_at else moment
    acknowledged_at = beijing(body.acknowledged_at) if body.acknowledged_at else None
    _check_targets(record, chain, body, holding, departments, source_id, sent_at)
    _check_times(holding, sent_at, acknowledged_at, moment)
    _recent_or_explained(sent_at, moment, backdate, body.backdate_reason, "sent_at")
    if acknowledged_at:
        _recent_or_explained(acknowledged_at, moment, backdate, body.backdate_reason, "acknowledged_at")
    rows = runner.write(
        CREATE,
        clue_id=clue_id,
        parent_id=holding.hop_id,
        from_id=source_id,
        kind=body.kind,
        hops=[
            {"n": n, "to_id": target, "sent_at": sent_at, "reason": body.reason, "acknowledged_at": acknowledged_at}
            for n, target in enumerate(body.to_department_ids, start=1)
        ],
        status="已退回" if body.kind == "退回" else "办理中",
        backdate_reason=body.backdate_reason,
        actor=user.id,
    )
    if not rows:
        raise Conflict("线索刚刚被移送或办结,请刷新后重试。", [{"field": "clue_id", "reason": "changed meanwhile"}])
    return after_write(runner, clue_id)


def acknowledge(
    runner: Runner,
    clue_id: str,
    referral_id: str,
    body: Acknowledgement,
    user: User,
    backdate: timedelta = DEFAULT_BACKDATE,
) -> ClueChain:
    """Records the receiver's acknowledgement (签收) of a hop it holds."""
    _may_write(user)
    moment = now()
    record = read_clue(runner, clue_id)
    holding = _holding_of(record, analyse(record.facts, record.places, moment), referral_id, user)
    if record.hops[referral_id].acknowledged_at is not None:
        raise Conflict("该跳已经签收。", [{"field": "referral_id", "reason": "already acknowledged"}])
    at = beijing(body.acknowledged_at) if body.acknowledged_at else moment
    _not_before(at, holding.start, "acknowledged_at", "签收时间早于发送时间")
    _not_future(at, moment, "acknowledged_at")
    _recent_or_explained(at, moment, backdate, body.backdate_reason, "acknowledged_at")
    written = runner.write(
        ACKNOWLEDGE,
        clue_id=clue_id,
        id=referral_id,
        acknowledged_at=at,
        backdate_reason=body.backdate_reason,
        actor=user.id,
    )
    if not written:
        raise Conflict("该跳刚刚被签收,请刷新后重试。", [{"field": "referral_id", "reason": "changed meanwhile"}])
    return after_write(runner, clue_id)


def close(
    runner: Runner, clue_id: str, referral_id: str, body: Closing, user: User, backdate: timedelta = DEFAULT_BACKDATE
) -> ClueChain:
    """Closes the receiver's branch with an outcome; the clue is 已办结 when no branch is left open."""
    _may_write(user)
    moment = now()
    record = read_clue(runner, clue_id)
    holding = _holding_of(record, analyse(record.facts, record.places, moment), referral_id, user)
    at = beijing(body.closed_at) if body.closed_at else moment
    _not_before(at, holding.start, "closed_at", "办结时间早于发送时间")
    if holding.acknowledged_at:
        _not_before(at, holding.acknowledged_at, "closed_at", "办结时间早于签收时间")
    _not_future(at, moment, "closed_at")
    _recent_or_explained(at, moment, backdate, body.backdate_reason, "closed_at")
    rows = runner.write(
        CLOSE,
        clue_id=clue_id,
        id=referral_id,
        outcome=body.outcome,
        closed_at=at,
        backdate_reason=body.backdate_reason,
        outcomes=list(OUTCOMES),
        actor=user.id,
    )
    if not rows:
        raise Conflict("该跳刚刚被移送或办结,请刷新后重试。", [{"field": "referral_id", "reason": "changed meanwhile"}])
    return after_write(runner, clue_id)


# -- the chain as the API shows it ----------------------------------------------------------------


def chain_view(record: ClueRecord, chain: Chain, as_of: datetime, limits: Limits) -> ClueChain:
    """The chain as the API shows it: hops in tree order with how long each was held, holdings, regions, flags."""
    holding_of = {h.hop_id: h for h in chain.holdings if h.hop_id}
    # a long chain names the same few departments dozens of times: each view is built once
    department: Callable[[str | None], PlaceView | None] = cache(
        lambda department_id: _department(record, department_id)
    )
    hops = []
    for hop_id in chain.order:
        row = record.hops[hop_id]
        holding = holding_of[hop_id]
        reasons = {
            "sent": row.sent_backdate_reason,
            "acknowledged": row.acknowledged_backdate_reason,
            "closed": row.closed_backdate_reason,
        }
        hops.append(
            HopView(
                id=hop_id,
                kind=row.kind,
                depth=chain.depth[hop_id],
                parent_id=row.parent_id,
                children=chain.children.get(hop_id, []),
                from_=department(row.from_id),  # type: ignore[call-arg]  # populated by name
                to=department(row.to_id),
                sent_at=row.sent_at,
                reason=row.reason,
                acknowledged_at=row.acknowledged_at,
                acknowledged_by=row.acknowledged_by,
                acknowledged_recorded_at=row.acknowledged_recorded_at,
                acknowledge_hours=hours((holding.acknowledged_at or as_of) - holding.start),
                outcome=row.outcome,
                closed_at=row.closed_at,
                closed_by=row.closed_by,
                closed_recorded_at=row.closed_recorded_at,
                backdate_reasons={step: reason for step, reason in reasons.items() if reason},
                created_at=row.created_at,
                created_by=row.created_by,
                held_hours=hours((holding.end or as_of) - holding.start),
                current=holding.current,
                stalled=holding.stalled,  # type: ignore[arg-type]  # chain._stall answers "acknowledge" or "act"
                proposal=_proposal(row),
            )
        )
    holdings = [_holding_view(department, h, as_of) for h in chain.holdings]
    return ClueChain(
        clue=record.header,
        as_of=as_of,
        limits=LimitsView(acknowledge_hours=hours(limits.acknowledge), act_days=limits.act.total_seconds() / 86400),
        hops=hops,
        holdings=holdings,
        held=[Held(department=department(d), hours=hours_) for d, hours_ in chain.held_hours.items()],
        regions=[_region(record, r) for r in chain.regions],
        current_holders=[view for view, h in zip(holdings, chain.holdings, strict=True) if h.current],
        flags=[
            ChainFlag(
                code=f.code,  # type: ignore[arg-type]  # the codes chain.FLAGS declares, which FlagCode lists
                message=FLAGS[f.code],
                hop_ids=f.hop_ids,
                department_ids=f.department_ids,
            )
            for f in chain.flags
        ],
    )


def _holding_view(
    department: Callable[[str | None], PlaceView | None], holding: Holding, as_of: datetime
) -> HoldingView:
    return HoldingView(
        department=department(holding.department_id),
        hop_id=holding.hop_id,
        since=holding.start,
        acknowledged_at=holding.acknowledged_at,
        until=holding.end,
        hours=hours((holding.end or as_of) - holding.start),
        closed=holding.closed,
        stalled=holding.stalled,  # type: ignore[arg-type]  # "acknowledge" or "act"
    )


def _department(record: ClueRecord, department_id: str | None) -> PlaceView | None:
    if department_id is None:
        return None
    place = record.places.get(department_id)
    if place is None:
        return PlaceView(id=department_id, name=None, region=None)
    return PlaceView(id=place.id, name=place.name, region=LooseRef(id=place.region_id, name=place.region_name))


def _region(record: ClueRecord, region_id: str) -> CrossedRegion:
    place = next(p for p in record.places.values() if p.region_id == region_id)
    return CrossedRegion(
        id=region_id, name=place.region_name, province=Ref(id=place.province_id, name=place.province_name)
    )


def _proposal(row: HopRow) -> Proposal | None:
    if row.proposal_rule is None and row.proposed_matter_id is None:
        return None
    return Proposal(
        matter_id=row.proposed_matter_id,
        department_id=row.proposed_department_id,
        rule=row.proposal_rule,
        score=row.proposal_score,
        basis=row.proposal_basis,
        flags=row.proposal_flags or [],
    )


def _name(record: ClueRecord, department_id: str) -> str:
    place = record.places.get(department_id)
    return place.name if place else department_id


# -- the rules a hop must keep ----------------------------------------------------------------------


def _may_write(user: User) -> None:
    access.may_write(user, "登记、移送或办结线索")


def _open(record: ClueRecord, chain: Chain) -> None:
    if chain.current:
        return
    if record.facts.status == CLOSED or "UNRESOLVED" not in chain.flag_codes:
        raise Conflict("线索已办结,不能再移送。", [{"field": "clue_id", "reason": "clue closed"}])
    raise Conflict("线索当前没有持有部门,无法移送。", [{"field": "clue_id", "reason": "no holder"}])


def _holding_of(record: ClueRecord, chain: Chain, referral_id: str, user: User) -> Holding:
    """The open holding a hop gave its receiver; the receiver's users (or office, admin) act on it."""
    if referral_id not in record.hops:
        raise NotFound(
            f"线索 {record.facts.id} 没有这一跳:{referral_id}", [{"field": "referral_id", "reason": "unknown hop"}]
        )
    receiver = record.hops[referral_id].to_id
    if user.role is Role.department and receiver != user.department_id:
        raise Forbidden("部门用户只能签收、办结交给本部门的线索。")
    _open(record, chain)
    holding = next((h for h in chain.current if h.hop_id == referral_id), None)
    if holding is None:
        raise Conflict(
            "该跳已经移送给其他部门或已办结,不能再签收或办结。", [{"field": "referral_id", "reason": "not held"}]
        )
    return holding


def _check_targets(
    record: ClueRecord,
    chain: Chain,
    body: ReferralCreate,
    holding: Holding,
    departments: dict[str, Department],
    source_id: str,
    sent_at: datetime,
) -> None:
    targets = body.to_department_ids
    if len(targets) > 1 and body.kind != "分办":
        raise _invalid("to_department_ids", f"{body.kind}只能交给一个部门;只有分办可以同时交给多个部门", "one target")
    if len(set(targets)) != len(targets):
        raise _invalid("to_department_ids", "接收部门重复", "duplicate")
    source = departments[source_id].place
    holders = {h.department_id for h in chain.current}
    for target_id in targets:
        if target_id not in departments:
            raise _invalid("to_department_ids", f"未知部门:{target_id}", "unknown department")
        target = departments[target_id]
        if target_id == source_id:
            raise _invalid("to_department_ids", "接收部门与发送部门相同", "same department")
        if target_id in holders:
            raise Conflict(
                f"{target.place.name} 已持有该线索(另一分支),不能重复交给它。",
                [{"field": "to_department_ids", "reason": "already a holder"}],
            )
        if not target.exists_on(sent_at.date()):
            raise _invalid("to_department_ids", f"{target.place.name} 在发送日不存在(已撤销或尚未设立)", "abolished")
        _check_kind(record, body.kind, holding, source, target.place)


def _check_kind(record: ClueRecord, kind: str, holding: Holding, source: Place, target: Place) -> None:
    if kind == "退回":
        # Back to the department that sent the hop; a hop dispatched at intake goes back to the receiving one.
        returned_to = None
        if holding.hop_id:
            returned_to = record.hops[holding.hop_id].from_id or record.facts.receiver_id
        if returned_to is None:
            raise _invalid("kind", "该线索没有可退回的部门:请转办给有管辖权的部门", "nothing to return to")
        if target.id != returned_to:
            name = _name(record, returned_to)
            raise _invalid("to_department_ids", f"退回只能退给交来线索的部门 {name}", "return to sender")
    if kind == "行刑衔接" and not any(word in target.name for word in JUDICIAL_WORDS):
        raise _invalid("to_department_ids", f"行刑衔接应移送公安机关或检察机关,而非 {target.name}", "not judicial")
    if kind == "跨区域移送" and not crosses_region(source, target):
        raise _invalid(
            "to_department_ids",
            f"跨区域移送的接收部门应在另一地区:{target.name} 与发送部门在同一地区或上下级地区",
            "same region",
        )


def _check_times(holding: Holding, sent_at: datetime, acknowledged_at: datetime | None, moment: datetime) -> None:
    _not_future(sent_at, moment, "sent_at")
    _not_before(sent_at, holding.start, "sent_at", "发送时间早于本部门收到线索的时间")
    if holding.acknowledged_at:
        _not_before(sent_at, holding.acknowledged_at, "sent_at", "发送时间早于本部门签收的时间")
    if acknowledged_at:
        _not_before(acknowledged_at, sent_at, "acknowledged_at", "签收时间早于发送时间")
        _not_future(acknowledged_at, moment, "acknowledged_at")


def _not_before(value: datetime, floor: datetime, field: str, message: str) -> None:
    if value < floor:
        shown = f"{value.astimezone(BEIJING):%Y-%m-%d %H:%M} 早于 {floor.astimezone(BEIJING):%Y-%m-%d %H:%M}"
        raise _invalid(field, f"{message}({shown})", "not monotonic")


def _not_future(value: datetime, moment: datetime, field: str) -> None:
    if value > moment + CLOCK_SKEW:
        raise _invalid(field, f"时间不能晚于现在({value.astimezone(BEIJING):%Y-%m-%d %H:%M})", "in the future")


def _recent_or_explained(value: datetime, moment: datetime, window: timedelta, reason: str | None, field: str) -> None:
    """A time further back than the window is a back-dated record: allowed only with its reason, which is kept."""
    if value < moment - window and not (reason and reason.strip()):
        hours_back = int(window.total_seconds() // 3600)
        raise _invalid(
            field,
            f"{field} 早于 {hours_back} 小时之前({value.astimezone(BEIJING):%Y-%m-%d %H:%M}):"
            "补录须在 backdate_reason 中说明理由",
            "backdated without reason",
        )


def _invalid(field: str, message: str, reason: str) -> InvalidInput:
    return InvalidInput(message, [{"field": field, "reason": reason}])
