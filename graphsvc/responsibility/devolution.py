"""Powers devolved to 街道办事处/乡镇人民政府 by a province's decision (行政处罚法第二十四条), in resolution.

Resolution decides at the matter's level (a 县-level matter asked for a street goes to its 区). A province may
hand a county department's 行政处罚权 to the streets and towns that can take it; where a loaded, published decision
did so for the matter and the asked street, `apply` makes the street office the lead (rule `devolution`), with
the chain of evidence: the matter's own articles, 第二十四条 and the decision. The county department stays, in the
role the article's third paragraph gives it. Asked about a county (or a subject known only at county level), the
county lead stands and the streets where the power was devolved are listed: it may apply there.

This module holds the facts and the note; `devolved.apply` changes an answer by them.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel

DEVOLUTION = "devolution"
DEVOLVED: Literal["DEVOLVED"] = "DEVOLVED"
POSSIBLE: Literal["DEVOLUTION_POSSIBLE"] = "DEVOLUTION_POSSIBLE"
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
    """One devolved power over a matter, as responsibility/get_live_facts reads it."""

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
