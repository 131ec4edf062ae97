"""Clue intake: a problem clue (问题线索) arrives by a channel, is classified to matters by its words, and is
dispatched (分办) to the department resolution proposes, or to those the caller names, with the proposal kept
on the first hop as evidence.

"建立健全问题线索分办、转办和查处工作机制" (seed 000).
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from graphsvc import uscc
from graphsvc.bounds import Moment
from graphsvc.clues.referrals import after_write
from graphsvc.clues.store import read_departments
from graphsvc.clues.times import CLOCK_SKEW, beijing, now
from graphsvc.clues.views import ClueChain
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import Forbidden, InvalidInput
from graphsvc.identity import Role, User
from graphsvc.names import Names
from graphsvc.regions import require_region
from graphsvc.responsibility.answer import Duty, MatterResult
from graphsvc.responsibility.resolve import ResolveRequest, resolve

CREATE = query("clue/create_clue")
GET_SUBJECT = query("clue/get_subject")
GET_MATTER = query("responsibility/get_matter_header")

Channel = Literal["12345热线", "投诉举报平台", "行业协会", "新闻媒体", "上级交办", "非现场监管/预警", "部门移送"]
MATTERS_KEPT = 3  # a clue is linked to its best matter and to at most two more that match well
CLASSIFIED_TEXT = 500  # resolution reads this much of the clue's words


class ClueCreate(BaseModel):
    channel: Channel = Field(description="来源渠道")
    received_at: Moment = Field(description="受理时间;不带时区时按北京时间")
    region: str = Field(min_length=2, max_length=60, description="问题发生地的行政区划代码或名称")
    uscc: str | None = Field(default=None, max_length=40, description="被反映对象的统一社会信用代码(可选)")
    title: str | None = Field(default=None, max_length=200, description="标题,默认取描述的开头")
    description: str = Field(min_length=1, max_length=5000, description="问题描述")
    matter_id: str | None = Field(default=None, max_length=200, description="已知的监管事项;不填则按描述全文检索")
    receiver_id: str | None = Field(default=None, max_length=100, description="受理部门;部门用户默认本部门")
    to_department_ids: list[str] | None = Field(
        default=None, min_length=1, max_length=20, description="指定承办部门;不填则分办给建议的牵头部门"
    )
    dispatched_at: Moment | None = Field(default=None, description="分办时间,默认现在")
    reason: str | None = Field(default=None, max_length=2000, description="分办理由")


@dataclass(frozen=True)
class Intake:
    """A checked request: ids for names, the receiving department, the times on the server's clock."""

    body: ClueCreate
    receiver_id: str | None
    subject_id: str | None
    received_at: datetime
    dispatched_at: datetime
    title: str


@dataclass(frozen=True)
class Dispatch:
    """What intake decided: the matters the clue is linked to and its first hops."""

    matters: list[dict[str, Any]]
    hops: list[dict[str, Any]]


def create_clue(runner: Runner, body: ClueCreate, user: User) -> ClueChain:
    """Records the clue and its first hops; the answer is its chain, the proposal on the first hop.

    validate (`_checked`: names, roles, times, what the graph must hold) → gather (resolution proposes the lead
    department) → decide (`dispatch`, pure) → store, and the chain as the answer."""
    intake = _checked(runner, body, user, now())
    clue_id = f"C-{intake.received_at:%Y%m%d}-{secrets.token_hex(4)}"
    decided = dispatch(clue_id, intake, _propose(runner, intake))
    body = intake.body
    runner.write(
        CREATE,
        id=clue_id,
        title=intake.title,
        description=body.description,
        channel=body.channel,
        received_at=intake.received_at,
        status="办理中",
        region_id=body.region,
        subject_id=intake.subject_id,
        receiver_id=intake.receiver_id,
        matters=decided.matters,
        hops=decided.hops,
        actor=user.id,
    )
    return after_write(runner, clue_id)


def _checked(runner: Runner, body: ClueCreate, user: User, moment: datetime) -> Intake:
    """Who may register, names made ids, times in order, and the region, subject, matter and departments known."""
    if user.role is Role.analyst:
        raise Forbidden("分析人员(analyst)只能查看线索,不能登记。")
    names = Names(runner)
    region = str(names.region_param(body.region))
    given = {
        "region": region,
        "uscc": names.subject_param(body.uscc),
        "matter_id": names.matter_param(body.matter_id, region),
        "receiver_id": names.department_param(body.receiver_id, region, "receiver_id"),
        "to_department_ids": names.departments_param(body.to_department_ids, region, "to_department_ids")
        if body.to_department_ids
        else body.to_department_ids,
    }
    body = body.model_copy(update=given)
    receiver_id = body.receiver_id or (user.department_id if user.role is Role.department else None)
    if user.role is Role.department and receiver_id != user.department_id:
        raise Forbidden("部门用户只能以本部门为受理部门登记线索。")
    received_at, dispatched_at = intake_times(body, moment)
    require_region(runner, body.region)
    subject_id = _subject(runner, body.uscc) if body.uscc else None
    if body.matter_id and not runner.read(GET_MATTER, id=body.matter_id):
        raise _invalid("matter_id", f"未知的监管事项:{body.matter_id}", "unknown matter")
    named = body.to_department_ids or []
    if len(set(named)) != len(named):
        raise _invalid("to_department_ids", "承办部门重复", "duplicate")
    departments = read_departments(runner, [*named, *([receiver_id] if receiver_id else [])])
    if receiver_id and receiver_id not in departments:
        raise _invalid("receiver_id", f"未知部门:{receiver_id}", "unknown department")
    for department_id in named:
        if department_id not in departments:
            raise _invalid("to_department_ids", f"未知部门:{department_id}", "unknown department")
        if not departments[department_id].exists_on(dispatched_at.date()):
            name = departments[department_id].place.name
            raise _invalid("to_department_ids", f"{name} 在分办日不存在(已撤销或尚未设立)", "abolished")
    title = (body.title or body.description[:40]).strip()
    return Intake(body, receiver_id, subject_id, received_at, dispatched_at, title)


def intake_times(body: ClueCreate, moment: datetime) -> tuple[datetime, datetime]:
    """Received and dispatched, in Beijing time: never in the future, never dispatched before received."""
    received_at = beijing(body.received_at)
    if received_at > moment + CLOCK_SKEW:
        raise _invalid("received_at", "受理时间不能晚于现在", "in the future")
    dispatched_at = beijing(body.dispatched_at) if body.dispatched_at else max(moment, received_at)
    if dispatched_at < received_at:
        raise _invalid("dispatched_at", "分办时间早于受理时间", "not monotonic")
    if dispatched_at > moment + CLOCK_SKEW:
        raise _invalid("dispatched_at", "分办时间不能晚于现在", "in the future")
    return received_at, dispatched_at


def _propose(runner: Runner, intake: Intake) -> list[MatterResult]:
    """Resolution's answer for the clue: by its matter when named, else by its words, in its region on its day."""
    body = intake.body
    resolution = resolve(
        runner,
        ResolveRequest(
            matter_id=body.matter_id,
            text=None if body.matter_id else f"{intake.title} {body.description}"[:CLASSIFIED_TEXT],
            uscc=intake.subject_id,
            region=body.region,
            as_of=intake.received_at.date(),
        ),
    )
    return resolution.results


def dispatch(clue_id: str, intake: Intake, results: list[MatterResult]) -> Dispatch:
    """Pure: the departments the clue goes to (those named, else the lead the best-resolved matter proposes) with
    the proposal kept on each first hop, and the matters the clue is linked to; 422 when no department is found."""
    body = intake.body
    named = body.to_department_ids or []
    proposal = next((r for r in results if _leads(r)), results[0] if results else None)
    targets = named or list(dict.fromkeys(d.department.id for d in _leads(proposal)))
    if not targets:
        matter = f"事项「{proposal.matter.name}」" if proposal else "描述未能对应到监管事项"
        raise _invalid(
            "to_department_ids", f"{matter},未找到该地区的牵头部门:请指定承办部门 to_department_ids", "no proposal"
        )
    return Dispatch(
        matters=_matters(results, body.matter_id),
        hops=[
            _first_hop(f"{clue_id}-{n}", target, intake.dispatched_at, body.reason, proposal, named)
            for n, target in enumerate(targets, start=1)
        ],
    )


def _subject(runner: Runner, code: str) -> str:
    canonical = uscc.require_valid(code)
    if not runner.read(GET_SUBJECT, id=canonical):
        raise _invalid("uscc", f"未找到统一社会信用代码为 {canonical} 的监管对象", "unknown subject")
    return canonical


def _leads(result: MatterResult | None) -> list[Duty]:
    """The lead departments of a resolve result, or of its suggestion when the words matched only weakly."""
    if result is None:
        return []
    return list(result.lead or (result.suggestion.lead if result.suggestion else []))


def _matters(results: list[MatterResult], named_matter: str | None) -> list[dict[str, Any]]:
    kept = [
        r.matter
        for i, r in enumerate(results)
        if named_matter or i == 0 or all(f.code != "WEAK_MATCH" for f in r.flags)
    ][:MATTERS_KEPT]
    return [{"id": m.id, "score": m.score, "rank": rank} for rank, m in enumerate(kept, start=1)]


def _first_hop(
    hop_id: str,
    target: str,
    sent_at: datetime,
    reason: str | None,
    proposal: MatterResult | None,
    named: list[str],
) -> dict[str, Any]:
    leads = _leads(proposal)
    duty = next((d for d in leads if d.department.id == target), leads[0] if leads else None)
    return {
        "id": hop_id,
        "to_id": target,
        "sent_at": sent_at,
        "reason": reason or ("按指定部门分办" if named else "按职责分办"),
        "proposed_matter_id": proposal.matter.id if proposal else None,
        "proposed_department_id": duty.department.id if duty else None,
        "proposal_rule": duty.rule if duty else None,
        "proposal_score": proposal.matter.score if proposal else None,
        "proposal_basis": _basis(duty) if duty else None,
        "proposal_flags": [f.code for f in proposal.flags] if proposal else [],
    }


def _basis(duty: Duty) -> str | None:
    """The articles in force the proposal rests on, as 《title》article."""
    bases = duty.evidence.bases
    cited = dict.fromkeys(f"《{b.title}》{b.article}" for b in bases if b.in_force)
    return "、".join(cited) or None


def _invalid(field: str, message: str, reason: str) -> InvalidInput:
    return InvalidInput(message, [{"field": field, "reason": reason}])
