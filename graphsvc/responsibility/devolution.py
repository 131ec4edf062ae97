"""Powers devolved to 街道办事处/乡镇人民政府 by a province's decision (行政处罚法第二十四条), in resolution.

Resolution decides at the matter's level (a 县-level matter asked for a street goes to its 区). A province may
hand a county department's 行政处罚权 to the streets and towns that can take it; where a loaded, published decision
did so for the matter and the asked street, `apply` makes the street office the lead (rule `devolution`), with
the chain of evidence: the matter's own articles, 第二十四条 and the decision. The county department stays, in the
role the article's third paragraph gives it. Asked about a county (or a subject known only at county level), the
county lead stands and the streets where the power was devolved are listed: it may apply there.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel

DEVOLUTION = "devolution"
DEVOLVED, POSSIBLE = "DEVOLVED", "DEVOLUTION_POSSIBLE"
PENALTY = "行政处罚"

# The article as the law says it (verified against shared/laws/行政处罚法(2021-01-22).md by
# tests/unit/test_devolution.py).
LAW = "中华人民共和国行政处罚法"
BASIS_ID = "行政处罚法"
ARTICLE_NUMBER = 24
ARTICLE = "第二十四条"
PARAGRAPHS = (
    "省、自治区、直辖市根据当地实际情况，可以决定将基层管理迫切需要的县级人民政府部门的行政处罚权交由能够有效承接的"
    "乡镇人民政府、街道办事处行使，并定期组织评估。决定应当公布。",
    "承接行政处罚权的乡镇人民政府、街道办事处应当加强执法能力建设，按照规定范围、依照法定程序实施行政处罚。",
    "有关地方人民政府及其部门应当加强组织协调、业务指导、执法监督，建立健全行政处罚协调配合机制，完善评议、考核制度。",
)
# What the third paragraph gives the county department whose power was devolved (nothing more is claimed).
SUPERVISING_ROLE = "组织协调、业务指导、执法监督"


class DevolutionArticle(BaseModel):
    law: str = LAW
    article: str = ARTICLE
    text: str = PARAGRAPHS[0]
    paragraph: str = "第一款"


class BasisArticle(BaseModel):
    article_id: str
    article: str | None
    title: str | None
    version: str | None


class DecisionRef(BaseModel):
    """A province's devolution decision as the loaded file gives it."""

    id: str
    title: str
    doc_no: str | None
    issuer: str
    published_on: date
    effective_from: date
    effective_to: date | None
    source: str | None
    article: BasisArticle | None  # 第二十四条 in the graph (None when the law is not loaded)


class BodyRef(BaseModel):
    id: str
    name: str


class CountyDepartment(BodyRef):
    region: BodyRef


class PowerFact(BaseModel):
    """One devolved power over a matter, as find_devolutions reads it."""

    power_id: str
    here: bool  # the asked region is this street/town (or lies in it)
    street: BodyRef
    office: BodyRef
    taken_from: CountyDepartment
    decision: DecisionRef


class Supervisor(BaseModel):
    department: CountyDepartment
    role: str = SUPERVISING_ROLE
    article: str = f"《{LAW}》{ARTICLE}第三款"
    text: str = PARAGRAPHS[2]


class DevolvedStreet(BaseModel):
    street: BodyRef
    office: BodyRef
    taken_from: CountyDepartment
    decision: DecisionRef


class Devolution(BaseModel):
    """devolved: the asked street's office leads; possible: asked above streets, where some took the power."""

    status: Literal["devolved", "possible"]
    message: str
    article: DevolutionArticle
    decisions: list[DecisionRef]
    streets: list[DevolvedStreet]
    supervising: list[Supervisor]  # devolved: the county department(s) in the role of 第二十四条第三款
    county_lead: list[BodyRef]  # who leads at county level (where the power was not devolved)


def _decision_name(decision: DecisionRef) -> str:
    return f"《{decision.title}》" + (f"({decision.doc_no})" if decision.doc_no else "")


def apply(
    result: dict[str, Any], powers: list[PowerFact], bases: list[dict[str, Any]], category: str | None
) -> dict[str, Any]:
    """The result for one matter with the devolved powers that concern the asked region taken into account."""
    if not powers or any(f["code"] == "NOT_APPLICABLE" for f in result["flags"]):
        return result
    here = [p for p in powers if p.here]
    county_lead = list({d["department"]["id"]: BodyRef(**d["department"]) for d in result["lead"]}.values())
    decisions = list({p.decision.id: p.decision for p in (here or powers)}.values())
    streets = [DevolvedStreet(**p.model_dump(include={"street", "office", "taken_from", "decision"})) for p in powers]
    caveat = (
        f";注意:第二十四条只规定行政处罚权的交由行使,该事项类别为「{category}」,请核对决定所列依据"
        if category and category != PENALTY
        else ""
    )
    if not here:
        where = "、".join(f"{s.street.name}({s.office.name})" for s in streets)
        holders = "、".join(d.name for d in county_lead) or "县级部门"
        message = (
            f"该事项的行政处罚权已由{'、'.join(_decision_name(d) for d in decisions)}交由下列街道/乡镇行使:{where};"
            f"监管对象位于这些街道/乡镇的,由其承接;其他地方由{holders}管辖。请确认监管对象所在的街道/乡镇{caveat}"
        )
        note = Devolution(
            status="possible",
            message=message,
            article=DevolutionArticle(),
            decisions=decisions,
            streets=streets,
            supervising=[],
            county_lead=county_lead,
        )
        return result | {
            "flags": [*result["flags"], {"code": POSSIBLE, "message": message}],
            "devolution": note.model_dump(mode="json"),
        }
    taken = list({p.taken_from.id: p.taken_from for p in here}.values())
    supervising = [Supervisor(department=d) for d in taken]
    offices = list({p.office.id: p for p in here}.values())
    lead = [_duty(p, bases) for p in offices]
    mismatch = [d.name for d in county_lead if d.id not in {t.id for t in taken}]
    note_mismatch = (
        f";注意:目录在区县一级认定的牵头部门为{'、'.join(mismatch)},决定所列原实施部门为"
        f"{'、'.join(t.name for t in taken)},请核对"
        if mismatch
        else ""
    )
    message = (
        f"依照《{LAW}》{ARTICLE}和{'、'.join(_decision_name(d) for d in decisions)},该事项的行政处罚权在"
        f"{'、'.join(p.street.name for p in offices)}交由{'、'.join(p.office.name for p in offices)}行使;"
        f"{'、'.join(t.name for t in taken)}依第二十四条第三款负责{SUPERVISING_ROLE}{note_mismatch}{caveat}"
    )
    note = Devolution(
        status="devolved",
        message=message,
        article=DevolutionArticle(),
        decisions=decisions,
        streets=[s for s in streets if s.street.id in {p.street.id for p in here}],
        supervising=supervising,
        county_lead=county_lead,
    )
    # The province's decision says whose power it is in this street: the county-level doubts (two leads, the
    # law's open wording, no performer) are kept in the note's county_lead and the message, not as the answer.
    kept = [f for f in result["flags"] if f["code"] not in ("GAP", "CONFLICT", "OVERLAP")]
    return result | {
        "lead": lead,
        "flags": [*kept, {"code": DEVOLVED, "message": message}],
        "overlap": None,
        "devolution": note.model_dump(mode="json"),
    }


def _duty(power: PowerFact, bases: list[dict[str, Any]]) -> dict[str, Any]:
    """The street office as lead; its evidence is the chain: the matter's articles, 第二十四条, the decision."""
    return {
        "department": {
            "id": power.office.id,
            "name": power.office.name,
            "region": {"id": power.street.id, "name": power.street.name},
        },
        "function": None,
        "rule": DEVOLUTION,
        "evidence": {
            "performs": None,
            "assignment": None,
            "assigned_function": None,
            "succession": [],
            "ruling": None,
            "licence": None,
            "named_by_article": None,
            "authority_from": None,
            "bases": bases,
            "devolution_article": DevolutionArticle().model_dump(),
            "decision": power.decision.model_dump(mode="json"),
            "taken_from": power.taken_from.model_dump(),
        },
    }
