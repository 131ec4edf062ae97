"""Duty disputes before the 编办 and the rulings that settle them; rulings become assignments and precedents."""

from __future__ import annotations

import secrets
from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator

from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import Conflict, InvalidInput, NotFound
from graphsvc.names import Names
from graphsvc.regions import require_region
from graphsvc.responsibility.resolve import ResolveRequest, resolve

CREATE = query("dispute/create_dispute")
GET = query("dispute/get_dispute")
COMMON_SUPERIOR = query("dispute/find_common_superior")
PRECEDENTS = query("dispute/find_precedents")
CREATE_RULING = query("dispute/create_ruling")
GET_MATTER = query("responsibility/get_matter_header")
GET_DEPARTMENT = query("department/get_department")
GET_ARTICLE = query("dispute/get_article")

DisputeKind = Literal["职责交叉", "管辖争议", "新业态", "非法集资"]

# The procedure each kind of dispute follows, with the article that sets it (texts checked against
# shared/laws: 编制管理条例 2007, 行政处罚法 2021, 安全生产法 2021, 防范和处置非法集资条例 2021).
PROCEDURES: dict[str, dict[str, str]] = {
    "职责交叉": {
        "basis": "地方各级人民政府机构设置和编制管理条例",
        "article": "第十条",
        "rule": "职责相同或者相近的,原则上由一个行政机构承担;对职责划分有异议的,先主动协商,协商一致的报本级机构编制"
        "管理机关备案;协商不一致的,由机构编制管理机关提出协调意见,报本级人民政府决定。",
    },
    "管辖争议": {
        "basis": "中华人民共和国行政处罚法",
        "article": "第二十五条",
        "rule": "两个以上行政机关都有管辖权的,由最先立案的行政机关管辖;对管辖发生争议的,应当协商解决,协商不成的,报请"
        "共同的上一级行政机关指定管辖,也可以直接由共同的上一级行政机关指定管辖。",
    },
    "新业态": {
        "basis": "中华人民共和国安全生产法",
        "article": "第十条第二款",
        "rule": "对新兴行业、领域的安全生产监督管理职责不明确的,由县级以上地方各级人民政府按照业务相近的原则"
        "确定监督管理部门。",
    },
    "非法集资": {
        "basis": "防范和处置非法集资条例",
        "article": "第二十条第二款",
        "rule": "处置非法集资牵头部门对组织调查认定职责存在争议的,由其共同的上级处置非法集资牵头部门确定;跨省、自治区、"
        "直辖市的,由联席会议确定。",
    },
}


class Claimant(BaseModel):
    department_id: str = Field(max_length=100, description="部门编号或名称,如 610113-cgj 或 区城管局")
    position: str = Field(default="", max_length=2000, description="该部门的主张")


class DisputeCreate(BaseModel):
    kind: DisputeKind = Field(description="职责交叉 / 管辖争议 / 新业态 / 非法集资")
    matter_id: str | None = Field(default=None, max_length=200)
    text: str | None = Field(default=None, max_length=2000, description="争议的行为或事项描述")
    region: str = Field(min_length=2, max_length=60, description="行政区划代码或名称")
    claimants: list[Claimant] = Field(min_length=1, description="争议各方部门")
    statement: str = Field(default="", max_length=5000, description="争议情况说明")

    @field_validator("claimants")
    @classmethod
    def _distinct(cls, claimants: list[Claimant]) -> list[Claimant]:
        ids = [c.department_id for c in claimants]
        if len(set(ids)) != len(ids):
            raise ValueError("争议部门重复")
        return claimants


class RulingCreate(BaseModel):
    lead: list[str] = Field(min_length=1, description="牵头部门编号或名称")
    cooperating: list[str] = Field(default=[], description="配合部门编号或名称")
    basis: list[str] = Field(default=[], description="依据的条款编号,如 食品安全法@2021-04-29:110")
    deciding_body: Literal["编办", "司法局", "编办会同司法局"]
    decided_on: date | None = None
    effective_from: date
    statement: str = Field(default="", max_length=5000)


def create_dispute(runner: Runner, body: DisputeCreate, actor: str) -> dict[str, Any]:
    if not body.matter_id and not (body.text and body.text.strip()):
        raise InvalidInput("需要 matter_id 或 text 说明争议的事项", [{"field": "matter_id", "reason": "required"}])
    names = Names(runner)
    region = str(names.region_param(body.region))
    claimants = [
        c.model_copy(update={"department_id": names.department_param(c.department_id, region, f"claimants.{i}")})
        for i, c in enumerate(body.claimants)
    ]
    body = body.model_copy(
        update={"region": region, "matter_id": names.matter_param(body.matter_id, region), "claimants": claimants}
    )
    if len({c.department_id for c in claimants}) != len(claimants):
        raise InvalidInput("争议部门重复", [{"field": "claimants", "reason": "duplicate department"}])
    require_region(runner, body.region)
    if body.matter_id and not runner.read(GET_MATTER, id=body.matter_id):
        raise InvalidInput(f"未知的监管事项:{body.matter_id}", [{"field": "matter_id", "reason": "unknown matter"}])
    _known_departments(runner, [c.department_id for c in body.claimants], "claimants")
    dispute_id = f"D-{date.today():%Y%m%d}-{secrets.token_hex(3)}"
    runner.write(
        CREATE,
        id=dispute_id,
        kind=body.kind,
        text=body.text,
        statement=body.statement,
        matter_id=body.matter_id,
        region_id=body.region,
        claimants=[c.model_dump() for c in body.claimants],
        actor=actor,
    )
    return dossier(runner, dispute_id)


def dossier(runner: Runner, dispute_id: str, as_of: date | None = None) -> dict[str, Any]:
    """The dispute with today's resolution and its evidence, the procedure that applies, the parties' common
    superior and precedents from other regions."""
    rows = runner.read(GET, id=dispute_id)
    if not rows:
        raise NotFound(f"未知的争议:{dispute_id}", [{"field": "dispute_id", "reason": "unknown dispute"}])
    dispute = rows[0]
    region = dispute["region"]["id"]
    request = ResolveRequest(
        matter_id=(dispute["matter"] or {}).get("id"), text=dispute["text"], region=region, as_of=as_of
    )
    if request.matter_id:
        request.text = None
    claimant_ids = [c["id"] for c in dispute["claimants"]]
    superior = runner.read(COMMON_SUPERIOR, department_ids=claimant_ids)
    precedents = (
        runner.read(PRECEDENTS, matter_id=request.matter_id, region_id=region, limit=10) if request.matter_id else []
    )
    return dispute | {
        "resolution": resolve(runner, request),
        "procedure": PROCEDURES[dispute["kind"]],
        "common_superior": superior[0] if superior else None,
        "precedents": precedents,
    }


def rule(runner: Runner, dispute_id: str, body: RulingCreate, actor: str) -> dict[str, Any]:
    """Records the ruling; from its date on, resolution in the dispute's region follows it."""
    rows = runner.read(GET, id=dispute_id)
    if not rows:
        raise NotFound(f"未知的争议:{dispute_id}", [{"field": "dispute_id", "reason": "unknown dispute"}])
    if rows[0]["matter"] is None:
        raise Conflict("该争议尚未对应到监管事项,无法形成裁定:请以 matter_id 重新登记争议。")
    names, region = Names(runner), rows[0]["region"]["id"]
    body = body.model_copy(
        update={
            "lead": names.departments_param(body.lead, region, "lead"),
            "cooperating": names.departments_param(body.cooperating, region, "cooperating"),
        }
    )
    overlap = set(body.lead) & set(body.cooperating)
    if overlap:
        raise InvalidInput(
            f"部门不能同时牵头和配合:{'、'.join(sorted(overlap))}", [{"field": "cooperating", "reason": "also lead"}]
        )
    _known_departments(runner, body.lead, "lead")
    _known_departments(runner, body.cooperating, "cooperating")
    for article in body.basis:
        if not runner.read(GET_ARTICLE, id=article):
            raise InvalidInput(f"未知的条款:{article}", [{"field": "basis", "reason": "unknown article"}])
    holders = [{"department_id": d, "role": "牵头"} for d in body.lead]
    holders += [{"department_id": d, "role": "配合"} for d in body.cooperating]
    ruling_id = f"R-{body.effective_from:%Y%m%d}-{secrets.token_hex(3)}"
    runner.write(
        CREATE_RULING,
        id=ruling_id,
        dispute_id=dispute_id,
        deciding_body=body.deciding_body,
        decided_on=body.decided_on or date.today(),
        effective_from=body.effective_from,
        statement=body.statement,
        holders=holders,
        article_ids=body.basis,
        actor=actor,
    )
    return dossier(runner, dispute_id, as_of=body.effective_from)


def _known_departments(runner: Runner, ids: list[str], field: str) -> None:
    for department_id in ids:
        if not runner.read(GET_DEPARTMENT, id=department_id):
            raise InvalidInput(f"未知部门:{department_id}", [{"field": field, "reason": "unknown department"}])
