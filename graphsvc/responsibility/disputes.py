"""Duty disputes before the 编办 and the rulings that settle them; rulings become assignments and precedents."""

from __future__ import annotations

import secrets
from datetime import date, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field, field_validator, model_validator

from graphsvc import access
from graphsvc.cypher import query
from graphsvc.db import Reader, Runner
from graphsvc.errors import Conflict, Forbidden, InvalidInput, NotFound
from graphsvc.identity import User
from graphsvc.names import Names
from graphsvc.regions import require_region
from graphsvc.responsibility.answer import Resolution
from graphsvc.responsibility.resolve import ResolveRequest, resolve
from graphsvc.types import DutyRole, Instant, LooseRef, Ref, RegionCode

CREATE = query("dispute/create_dispute")
GET = query("dispute/get_dispute")
COMMON_SUPERIOR = query("dispute/find_common_superior")
PRECEDENTS = query("dispute/find_precedents")
CREATE_RULING = query("dispute/create_ruling")
GET_MATTER = query("responsibility/get_matter_header")
GET_DEPARTMENT = query("department/get_department")
GET_ARTICLE = query("dispute/get_article")
GET_FUNCTION = query("dispute/get_function")
GET_DOMAIN = query("dispute/get_domain")
WITHDRAW = query("dispute/withdraw_dispute")
COUNT = query("dispute/count_disputes")
LIST = query("dispute/list_disputes")

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


# Who the common superior is, and who works for it (shown with every dossier).
SUPERIOR_NOTE = (
    "共同的上一级行政机关是本级人民政府(行政处罚法第二十五条);本级机构编制管理机关(编办)提出协调意见,"
    "报本级人民政府决定(地方各级人民政府机构设置和编制管理条例第十条)。"
)

VERTICAL_NOTE = (
    "争议一方({})为垂直管理机关,不由地方人民政府领导:双方共同的上一级行政机关不是地方人民政府,"
    "地方编办只能协调,不能决定(行政处罚法第二十五条)。"
)


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


class NewMatter(BaseModel):
    """A matter the catalogue lacks (a 新业态), created by the ruling that assigns it."""

    name: str = Field(min_length=2, max_length=200, description="事项名称,如 对共享储能电站的安全监督检查")
    domain_id: str = Field(max_length=100, description="监管领域编号,如 catering")
    category: Literal["行政检查", "行政处罚", "行政强制", "其他"] = "行政检查"
    check_method: Literal["现场检查", "非现场检查", "双随机抽查", "重点检查", "其他"] = "现场检查"
    level: Literal["省", "市", "县"] = "县"
    description: str = Field(default="", max_length=2000)


class Holders(BaseModel):
    """Who the ruling or designation names: departments, or functions — "the department performing the function
    in each region under the ruling's region", so a city's designation reaches every district's own bureau."""

    lead: list[str] = Field(default=[], description="牵头部门编号或名称")
    lead_functions: list[str] = Field(default=[], description="牵头职能编号:由辖区内各地履行该职能的部门牵头")
    cooperating: list[str] = Field(default=[], description="配合部门编号或名称")
    cooperating_functions: list[str] = Field(default=[], description="配合职能编号")
    basis: list[str] = Field(default=[], description="依据的条款编号,如 食品安全法@2021-04-29:110")
    decided_on: date | None = Field(default=None, description="作出日期,默认今天")
    effective_from: date = Field(description="生效日期")
    retroactive_reason: str | None = Field(
        default=None, max_length=2000, description="生效日期早于作出日期时必填:追溯生效的理由"
    )
    statement: str = Field(default="", max_length=5000)

    @model_validator(mode="after")
    def _someone_leads(self) -> Holders:
        if not (self.lead or self.lead_functions):
            raise ValueError("需要牵头部门 lead 或牵头职能 lead_functions")
        return self


class RulingCreate(Holders):
    deciding_body: Literal["编办", "司法局", "编办会同司法局", "人民政府"]
    matter_id: str | None = Field(
        default=None, max_length=200, description="仅按描述登记的争议:裁定所对应的现有监管事项"
    )
    new_matter: NewMatter | None = Field(default=None, description="仅按描述登记的争议:裁定同时新建的事项(新业态)")


class DesignationCreate(Holders):
    """A people's government's designation (指定), e.g. 西安市人民政府: 各区餐饮油烟由区城管局负责."""

    matter_id: str = Field(max_length=200)
    region: RegionCode = Field(description="指定适用的行政区划(含其下辖各区)")
    issuer: str = Field(min_length=2, max_length=200, description="作出指定的人民政府,如 西安市人民政府")


class Withdrawal(BaseModel):
    reason: str = Field(default="", max_length=2000, description="撤回理由")


class RulingSummary(BaseModel):
    id: str
    decided_on: date | None = None
    effective_from: date | None = None


class DisputeSummary(BaseModel):
    id: str
    kind: str
    status: str
    text: str | None = None
    filed_at: datetime | None = None
    created_by: str | None = None
    region: LooseRef
    matter: LooseRef | None = None
    claimants: list[LooseRef]
    latest_ruling: RulingSummary | None = None


class DisputePage(BaseModel):
    total: int
    offset: int
    limit: int
    items: list[DisputeSummary]


class DisputeFilter(BaseModel):
    status: Literal["待裁定", "已裁定", "已撤回"] | None = None
    region: RegionCode | None = Field(default=None)
    department_id: str | None = Field(default=None, max_length=100)
    offset: int = Field(default=0, ge=0)
    limit: int = Field(default=50, ge=1, le=500)


# -- the answers -------------------------------------------------------------------------------------------


class Party(BaseModel):
    id: str
    name: str | None
    kind: str | None  # 垂直管理 for a vertically managed body
    position: str | None


class RulingBasis(BaseModel):
    article_id: str
    article: str | None
    title: str | None
    version: str | None


class RulingHolder(BaseModel):
    role: DutyRole
    id: str
    name: str | None
    kind: Literal["function", "department"]


class Ruling(BaseModel):
    id: str
    kind: str  # 裁定 / 指定
    deciding_body: str | None
    issuer: str | None
    decided_on: date | None
    effective_from: date | None
    retroactive_reason: str | None
    statement: str | None
    created_by: str | None
    created_at: Instant | None
    basis: list[RulingBasis]
    holders: list[RulingHolder]


class Dispute(BaseModel):
    """A dispute as stored, with its parties and its rulings (newest first)."""

    id: str
    kind: str
    text: str | None
    statement: str | None
    status: str
    filed_at: Instant | None
    created_by: str | None
    withdrawn_at: Instant | None
    withdrawn_by: str | None
    withdrawal_reason: str | None
    matter: Ref | None
    region: Ref
    claimants: list[Party]
    rulings: list[Ruling]


class Procedure(BaseModel):
    basis: str
    article: str
    rule: str


class CommonSuperior(BaseModel):
    region_id: str
    region_name: str
    full_name: str
    government: Ref | None
    office: Ref | None
    note: str


class PrecedentRuling(BaseModel):
    id: str
    deciding_body: str | None
    effective_from: date | None
    statement: str | None


class Precedent(BaseModel):
    ruling: PrecedentRuling
    dispute_id: str | None
    matter: Ref
    region: Ref
    closeness: int
    lead: list[Ref]


class Dossier(Dispute):
    """The dispute with today's resolution, the procedure that applies, the common superior and precedents."""

    resolution: Resolution
    procedure: Procedure
    common_superior: CommonSuperior | None
    precedents: list[Precedent]


class Designation(BaseModel):
    id: str
    kind: Literal["指定"]
    matter_id: str
    region: str
    issuer: str


def create_dispute(runner: Runner, body: DisputeCreate, user: User) -> Dossier:
    """Registers a dispute once its names are read as ids; a department files only disputes it is party to."""
    body = _validate_dispute(runner, body, user)
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
        actor=user.id,
    )
    return dossier(runner, dispute_id)


def _validate_dispute(runner: Runner, body: DisputeCreate, user: User) -> DisputeCreate:
    """Validate: names read as ids, the filer a party (or the office), region, matter and departments known."""
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
    access.may_file_dispute(user, [c.department_id for c in claimants])
    if len({c.department_id for c in claimants}) != len(claimants):
        raise InvalidInput("争议部门重复", [{"field": "claimants", "reason": "duplicate department"}])
    require_region(runner, body.region)
    if body.matter_id and not runner.read(GET_MATTER, id=body.matter_id):
        raise InvalidInput(f"未知的监管事项:{body.matter_id}", [{"field": "matter_id", "reason": "unknown matter"}])
    _known_departments(runner, [c.department_id for c in body.claimants], "claimants")
    return body


def list_disputes(runner: Runner, query: DisputeFilter) -> DisputePage:
    """One page of disputes, newest first, filtered by status, region (with the regions under it) and party."""
    params = {"status": query.status, "region_id": query.region, "department_id": query.department_id}

    def read(reader: Reader) -> DisputePage:
        total = reader.read(COUNT, **params)[0]["total"]
        rows = reader.read(LIST, **params, offset=query.offset, limit=query.limit)
        return DisputePage(
            total=total, offset=query.offset, limit=query.limit, items=[DisputeSummary(**r) for r in rows]
        )

    return runner.reading(read)


def dossier(runner: Runner, dispute_id: str, as_of: date | None = None) -> Dossier:
    """The dispute with today's resolution and its evidence, the procedure that applies, the parties' common
    superior (the people's government, with its 编办) and precedents from other regions."""
    # validate and gather
    dispute = _get(runner, dispute_id)
    region = dispute.region.id
    matter_id = dispute.matter.id if dispute.matter else None
    request = ResolveRequest(matter_id=matter_id, text=None if matter_id else dispute.text, region=region, as_of=as_of)
    superior = runner.read(COMMON_SUPERIOR, department_ids=[c.id for c in dispute.claimants])
    precedents = (
        runner.read_as(Precedent, PRECEDENTS, matter_id=matter_id, region_id=region, limit=10) if matter_id else []
    )
    resolution = resolve(runner, request)
    # decide: who the common superior is
    common = CommonSuperior.model_validate(superior[0] | {"note": SUPERIOR_NOTE}) if superior else None
    vertical = [c.name or c.id for c in dispute.claimants if c.kind == "垂直管理"]
    if common and vertical:
        # A vertically managed body is not led by the local government: no local government is their superior.
        note = VERTICAL_NOTE.format("、".join(vertical))
        common = common.model_copy(update={"government": None, "office": None, "note": note})
    # shape: every field of the dispute counts as set (the routes answer with exclude_unset)
    return Dossier.model_validate(
        dispute.model_dump()
        | {
            "resolution": resolution,
            "procedure": Procedure(**PROCEDURES[dispute.kind]),
            "common_superior": common,
            "precedents": precedents,
        }
    )


def rule(runner: Runner, dispute_id: str, body: RulingCreate, actor: str) -> Dossier:
    """Records the ruling; from its date on, resolution in the dispute's region follows it. A dispute filed by
    describing a behaviour is tied to an existing matter (`matter_id`) or to a new one (`new_matter`) by the ruling."""
    dispute = _get(runner, dispute_id)
    matter_id, new_matter = _ruled_matter(runner, dispute, body)
    ruling_id = _record(
        runner,
        body,
        actor,
        kind="裁定",
        dispute_id=dispute_id,
        matter_id=matter_id,
        new_matter=new_matter,
        region_id=dispute.region.id,
        deciding_body=body.deciding_body,
        issuer=None,
    )
    assert ruling_id
    return dossier(runner, dispute_id, as_of=body.effective_from)


def _ruled_matter(runner: Runner, dispute: Dispute, body: RulingCreate) -> tuple[str | None, dict[str, Any] | None]:
    """Validate: the dispute still open, and the matter the ruling is for: the dispute's own, an existing one named
    by the ruling (for a dispute filed by description), or the new one it creates (with its id)."""
    dispute_id = dispute.id
    if dispute.status == "已撤回":
        raise Conflict(f"争议 {dispute_id} 已撤回,不能再作裁定。")
    linked = dispute.matter.id if dispute.matter else None
    if dispute.matter and (body.new_matter or (body.matter_id and body.matter_id != dispute.matter.id)):
        raise InvalidInput(
            f"该争议已对应监管事项 {dispute.matter.id}(「{dispute.matter.name}」),裁定不能改为其他事项",
            [{"field": "matter_id", "reason": "dispute already has a matter"}],
        )
    if not linked and bool(body.matter_id) == bool(body.new_matter):
        raise InvalidInput(
            "该争议按描述登记,尚未对应监管事项:请在裁定中给出现有事项 matter_id,或新建事项 new_matter(二者选一)",
            [{"field": "matter_id", "reason": "dispute has no matter: give matter_id or new_matter"}],
        )
    matter_id = linked or body.matter_id
    if matter_id and not linked and not runner.read(GET_MATTER, id=matter_id):
        raise InvalidInput(f"未知的监管事项:{matter_id}", [{"field": "matter_id", "reason": "unknown matter"}])
    new_matter = None
    if body.new_matter:
        if not runner.read(GET_DOMAIN, id=body.new_matter.domain_id):
            raise InvalidInput(
                f"未知的监管领域:{body.new_matter.domain_id}", [{"field": "new_matter.domain_id", "reason": "unknown"}]
            )
        new_matter = body.new_matter.model_dump() | {
            "id": f"xyt-{secrets.token_hex(4)}",
            "source": f"争议 {dispute_id} 的裁定新建(新业态)",
        }
    return matter_id, new_matter


def designate(runner: Runner, body: DesignationCreate, actor: str) -> Designation:
    """Records a people's government's designation for a matter in a region (and the regions under it); from its
    date on it decides like a ruling, a function reaching each district's own department."""
    require_region(runner, body.region)
    if not runner.read(GET_MATTER, id=body.matter_id):
        raise InvalidInput(f"未知的监管事项:{body.matter_id}", [{"field": "matter_id", "reason": "unknown matter"}])
    ruling_id = _record(
        runner,
        body,
        actor,
        kind="指定",
        dispute_id=None,
        matter_id=body.matter_id,
        new_matter=None,
        region_id=body.region,
        deciding_body="人民政府",
        issuer=body.issuer,
    )
    return Designation(id=ruling_id, kind="指定", matter_id=body.matter_id, region=body.region, issuer=body.issuer)


def withdraw(runner: Runner, dispute_id: str, body: Withdrawal, actor: str, may_withdraw_any: bool) -> Dispute:
    """Withdraws a dispute awaiting a ruling: by whoever filed it, or by the office."""
    dispute = _get(runner, dispute_id)
    if not may_withdraw_any and dispute.created_by != actor:
        raise Forbidden("只有登记该争议的用户或编办、司法局(office 角色)可以撤回争议。")
    if dispute.status != "待裁定":
        raise Conflict(f"争议 {dispute_id} 的状态为「{dispute.status}」,只有待裁定的争议可以撤回。")
    if not runner.write(WITHDRAW, id=dispute_id, reason=body.reason, actor=actor):
        raise Conflict(f"争议 {dispute_id} 已不再待裁定,未撤回。")
    return _get(runner, dispute_id)


def _record(
    runner: Runner,
    body: Holders,
    actor: str,
    *,
    kind: str,
    dispute_id: str | None,
    matter_id: str | None,
    new_matter: dict[str, Any] | None,
    region_id: str,
    deciding_body: str,
    issuer: str | None,
) -> str:
    """Checks the holders, dates and cited articles, then writes the ruling in one statement (all or nothing)."""
    names = Names(runner)
    body = body.model_copy(
        update={
            "lead": names.departments_param(body.lead, region_id, "lead"),
            "cooperating": names.departments_param(body.cooperating, region_id, "cooperating"),
        }
    )
    decided_on = body.decided_on or date.today()
    if body.effective_from < decided_on and not (body.retroactive_reason and body.retroactive_reason.strip()):
        raise InvalidInput(
            f"生效日期 {body.effective_from} 早于作出日期 {decided_on}:追溯生效须在 retroactive_reason 中说明理由",
            [{"field": "effective_from", "reason": "before decided_on without retroactive_reason"}],
        )
    departments = {"lead": body.lead, "cooperating": body.cooperating}
    functions = {"lead_functions": body.lead_functions, "cooperating_functions": body.cooperating_functions}
    for field_name, ids in departments.items():
        _known_departments(runner, ids, field_name)
    for field_name, ids in functions.items():
        for function_id in ids:
            if not runner.read(GET_FUNCTION, id=function_id):
                raise InvalidInput(f"未知职能:{function_id}", [{"field": field_name, "reason": "unknown function"}])
    both = (set(body.lead) & set(body.cooperating)) | (set(body.lead_functions) & set(body.cooperating_functions))
    if both:
        raise InvalidInput(
            f"不能同时牵头和配合:{'、'.join(sorted(both))}", [{"field": "cooperating", "reason": "also lead"}]
        )
    for article in body.basis:
        if not runner.read(GET_ARTICLE, id=article):
            raise InvalidInput(f"未知的条款:{article}", [{"field": "basis", "reason": "unknown article"}])
    holders = [{"department_id": d, "function_id": None, "role": "牵头"} for d in body.lead]
    holders += [{"department_id": None, "function_id": f, "role": "牵头"} for f in body.lead_functions]
    holders += [{"department_id": d, "function_id": None, "role": "配合"} for d in body.cooperating]
    holders += [{"department_id": None, "function_id": f, "role": "配合"} for f in body.cooperating_functions]
    ruling_id = f"R-{body.effective_from:%Y%m%d}-{secrets.token_hex(3)}"
    rows = runner.write(
        CREATE_RULING,
        id=ruling_id,
        kind=kind,
        dispute_id=dispute_id,
        matter_id=matter_id,
        new_matter=new_matter,
        domain_id=(new_matter or {}).get("domain_id"),
        region_id=region_id,
        deciding_body=deciding_body,
        issuer=issuer,
        decided_on=decided_on,
        effective_from=body.effective_from,
        retroactive_reason=body.retroactive_reason,
        statement=body.statement,
        holders=holders,
        article_ids=body.basis,
        actor=actor,
    )
    if not rows:
        raise Conflict("裁定未能写入:事项或区划已不存在,请刷新后重试。")
    return str(rows[0]["id"])


def _get(runner: Runner, dispute_id: str) -> Dispute:
    rows = runner.read_as(Dispute, GET, id=dispute_id)
    if not rows:
        raise NotFound(f"未知的争议:{dispute_id}", [{"field": "dispute_id", "reason": "unknown dispute"}])
    return rows[0]


def _known_departments(runner: Runner, ids: list[str], field: str) -> None:
    for department_id in ids:
        if not runner.read(GET_DEPARTMENT, id=department_id):
            raise InvalidInput(f"未知部门:{department_id}", [{"field": field, "reason": "unknown department"}])
