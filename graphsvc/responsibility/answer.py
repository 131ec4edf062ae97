"""The answer to 谁来管 as every layer sees it: holders with their rule and evidence, flags, overlaps and, for a
description, one answer per behaviour. `resolve` returns it, the route declares it, disputes embed it."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel

from graphsvc.responsibility.devolution import Devolution
from graphsvc.types import Ref

Rule = Literal["ruling", "licence", "assignment", "locality_level", "legal_text", "devolution"]
FlagCode = Literal[
    "GAP",
    "CONFLICT",
    "STALE_BASIS",
    "WEAK_MATCH",
    "SUGGESTION",
    "NOT_APPLICABLE",
    "OVERLAP",
    "NO_MATCH",
    "DEVOLVED",
    "DEVOLUTION_POSSIBLE",
]


class DepartmentRef(Ref):
    region: Ref | None


class Duty(BaseModel):
    department: DepartmentRef
    function: Ref | None
    rule: Rule
    evidence: dict[str, Any]


class Flag(BaseModel):
    code: FlagCode
    message: str


class ScopeRegion(Ref):
    source: str | None = None


class MatterScope(BaseModel):
    """Where a matter resting on a local regulation applies, and whether the asked region is one of those places."""

    regions: list[ScopeRegion]
    in_scope: bool


class MatterRef(Ref):
    level: str | None = None
    applies_in: MatterScope | None = None  # None: applies everywhere
    score: float | None = None  # rank when matched from text (explained weight + relative full-text score)
    coverage: float | None = None  # share of the description's weight the matter explains (0..1)
    explained: list[str] | None = None  # the words of the description the matter explains


class Suggestion(BaseModel):
    note: str
    lead: list[Duty]
    cooperating: list[Duty]


class OverlapArticle(BaseModel):
    article_id: str
    article: str
    wording: str


class OverlapCandidate(BaseModel):
    department: DepartmentRef | None  # None: the law names a function no department performs here
    function: Ref | None
    catalogue_role: str | None  # 牵头 / 配合 in the catalogue, when it lists this one
    article: str | None
    matter: Ref | None = None  # for 候选分歧: the matter this candidate leads


class TieBreak(BaseModel):
    key: str  # designation / first_to_file / closest_business / establishment_office
    law: str
    article: str
    text: str  # the article as the law says it (empty for a local designation)
    how: str


class Overlap(BaseModel):
    message: str
    articles: list[OverlapArticle]
    candidates: list[OverlapCandidate]
    tie_breaks: list[TieBreak]


class MatterResult(BaseModel):
    matter: MatterRef
    lead: list[Duty]
    cooperating: list[Duty]
    flags: list[Flag]
    suggestion: Suggestion | None = None
    overlap: Overlap | None = None
    # 街道/乡镇 that took the matter's 行政处罚权 by a province's decision (行政处罚法第二十四条), else null
    devolution: Devolution | None = None


class CandidateLead(BaseModel):
    department: DepartmentRef
    function: Ref | None


class BehaviourCandidate(BaseModel):
    matter: MatterRef
    lead: list[CandidateLead]


class UsualDepartment(BaseModel):
    """A department that usually takes such reports: the holder of a near matter, or the 编办 and the people's
    government when no matter is near."""

    department: DepartmentRef
    matters: list[str]  # the near matters it leads (empty for the 编办 and the government)
    why: str


class NoMatch(BaseModel):
    message: str
    nearest_domains: list[str]
    usual_departments: list[UsualDepartment]
    procedure: list[str]


class Behaviour(BaseModel):
    text: str  # the part of the description this answer is about
    outcome: Literal["firm", "overlap", "suggestion", "no_match"]
    rule: str  # 候选一致 / 首选领先 / 法定交叉 / 候选分歧 / 匹配不足 / 无匹配 (graphsvc/responsibility/rules.py)
    reason: str
    matter: MatterRef | None
    lead: list[Duty]
    cooperating: list[Duty]
    flags: list[Flag]
    candidates: list[BehaviourCandidate]
    overlap: Overlap | None = None
    suggestion: Suggestion | None = None
    no_match: NoMatch | None = None


class SubjectRef(Ref):
    region_id: str | None


class Resolution(BaseModel):
    region: str
    as_of: date
    subject: SubjectRef | None
    # by description: one answer per behaviour it names, with how sure it is; otherwise null
    behaviours: list[Behaviour] | None = None
    # by description: the clauses none of the behaviours explains (for the clerk to read), otherwise null
    unexplained: list[str] | None = None
    results: list[MatterResult]
