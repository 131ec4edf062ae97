"""The answer to 谁来管 as every layer sees it: holders with their rule and evidence, flags, overlaps and, for a
description, one answer per behaviour. `resolve` returns it, the route declares it, disputes embed it, precheck,
the inspection plans and clue intake read it. Defined once: a renamed field is a type error everywhere.

The facts the rules decide by are typed here too (`MatterHeader`, `MatterBasis`, `SubjectLicence` …): the rows of
the responsibility statements become these models where the Runner returns them, and the evidence of a duty is
made of them, so the evidence an answer carries is exactly what the statements read.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from graphsvc.responsibility.devolution import CountyDepartment, DecisionRef, Devolution, DevolutionArticle
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


# -- the facts, as the statements read them ----------------------------------------------------------------


class MatterHeader(BaseModel):
    """A matter as resolution decides by it (responsibility/get_matter_header(s)); callers that know only the id,
    name and level leave the rest unknown."""

    id: str
    name: str
    level: str | None = None
    category: str | None = None
    domain_id: str | None = None


class NamedFunction(BaseModel):
    """A function an allocating article names (AUTHORITY_FROM)."""

    function_id: str
    function_name: str | None
    wording: str | None
    duty_kind: str | None


class ArticleFunction(BaseModel):
    """A function a matter's own article names, with how the link was made (reviewed, or read from the text)."""

    function_id: str
    function_name: str | None
    wording: str | None
    duty_kind: str | None
    level: str | None
    method: str | None


class AuthorityArticle(BaseModel):
    """The article that allocates the power of an article naming no authority (AUTHORITY_FROM)."""

    article_id: str
    article: str | None
    gist: str | None
    text: str | None  # only where the wording leaves the authority open (rules.OPEN_TEXT_PATTERN)
    title: str | None
    version: str | None
    named: list[NamedFunction]


class MatterBasis(BaseModel):
    """An article a matter rests on, as it stands on the date (get_matter_facts: bases)."""

    article_id: str
    article: str | None
    gist: str | None
    text: str | None  # only where the wording leaves the authority open
    basis_id: str | None
    title: str | None
    version: str | None
    effective_from: date | None
    effective_to: date | None
    in_force: bool
    cited_id: str | None
    named: list[ArticleFunction]
    authority: list[AuthorityArticle]


class CatalogueAssignment(BaseModel):
    id: str
    role: str | None
    source: str | None
    valid_from: date | None
    valid_to: date | None


class RulingArticle(BaseModel):
    article_id: str
    article: str | None
    title: str | None
    version: str | None
    gist: str | None


class RulingEvidence(BaseModel):
    """The ruling or designation that created an assignment, with the articles it cites."""

    id: str
    kind: str | None
    deciding_body: str | None
    issuer: str | None
    decided_on: date | None
    effective_from: date | None
    retroactive_reason: str | None
    statement: str | None
    basis: list[RulingArticle]


class SuccessionStep(BaseModel):
    """One reform step (SUCCEEDED_BY) from an old function to the one carrying its role."""

    from_id: str
    from_name: str | None
    to_id: str
    to_name: str | None
    valid_from: date | None
    note: str | None


class Carrier(Ref):
    """A function carrying a named function's role on the date, with the reform steps that led to it."""

    succession: list[SuccessionStep]


class PerformsLink(BaseModel):
    valid_from: date | None
    valid_to: date | None
    source: str | None


class Performs(PerformsLink):
    department_id: str
    function_id: str


class LicenceIssuer(Ref):
    region: Ref


class SubjectLicence(BaseModel):
    """A licence the subject holds on the date (responsibility/get_subject_context)."""

    id: str
    name: str | None
    licence_no: str | None
    kind: str | None
    approval_mode: str | None
    valid_from: date | None
    valid_to: date | None
    matter_id: str | None
    issuer: LicenceIssuer | None


# Keys only a devolved duty's evidence has: left out of the others, as the answer always did.
def _absent(value: object) -> bool:
    return value is None


class Evidence(BaseModel):
    """Why a department holds a duty: the link it performs, the assignment or ruling, the reform steps, the licence,
    the article naming the function (or allocating the power), the matter's articles; for a devolved power also
    第二十四条, the province's decision and the county department it was taken from."""

    performs: Performs | None
    assignment: CatalogueAssignment | None
    assigned_function: Ref | None
    succession: list[SuccessionStep]
    ruling: RulingEvidence | None
    licence: SubjectLicence | None
    named_by_article: ArticleFunction | NamedFunction | None
    authority_from: AuthorityArticle | None
    bases: list[MatterBasis]
    devolution_article: DevolutionArticle | None = Field(default=None, exclude_if=_absent)
    decision: DecisionRef | None = Field(default=None, exclude_if=_absent)
    taken_from: CountyDepartment | None = Field(default=None, exclude_if=_absent)


class Duty(BaseModel):
    department: DepartmentRef
    function: Ref | None
    rule: Rule
    evidence: Evidence


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


Outcome = Literal["firm", "overlap", "suggestion", "no_match"]


class Behaviour(BaseModel):
    text: str  # the part of the description this answer is about
    outcome: Outcome
    # 候选一致 / 候选多数一致 / 首选领先 / 法定交叉 / 候选分歧 / 匹配不足 / 无匹配 (graphsvc/responsibility/rules.py)
    rule: str
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
