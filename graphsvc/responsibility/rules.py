"""The precedence of the rules that decide who leads and who cooperates, as pure functions over facts.

For each role (牵头, 配合) the first rule that yields a holder decides:
1. ruling — a ruling of the 编办 (with 司法局) for this matter, scoped to the region or a region above it
   (the closest scope wins): it settled exactly this question, so it comes first;
2. licence (lead only) — "谁审批、谁监管,谁主管、谁监管" (seed 004, seed 001): where the subject holds a
   licence for the matter approved by a department, that department supervises; where approval went to a
   行政审批局, was cancelled or became a filing, the industry's 主管部门 does (the rules below find it);
3. assignment — the catalogue assigns the matter to a named department (a local decision);
4. locality_level — the catalogue assigns the matter to a function: the department that performs it on the
   date in the subject's region at the matter's level (walking up to the 市 or 省 for higher levels),
   following reforms (SUCCEEDED_BY) from an old wording to today's function;
5. legal_text (lead only, when the catalogue assigns nobody) — the functions the matter's articles name, or
   for an article that names none, those of the article that allocates its power (AUTHORITY_FROM).

OVERLAP (法定交叉): where the law itself does not give the act to one department — an article or the article
allocating its power says 有关部门, 按照职责分工 beside other departments, or leaves it to the department the
local government 确定/指定 — the result carries the flag OVERLAP with every candidate (department, function,
article) and the tie-breaks that apply (TIE_BREAKS, quoted from the law texts). A ruling, a licence or an
explicit local assignment has settled the question for the region, so no OVERLAP is raised then.

For a description in words (resolve by text) `decide_behaviour` states how sure the answer is:
- 无匹配 (NO_MATCH): no matter explains even a small part of the description (NO_MATCH_COVERAGE), or what it
  explains rests on less than about one rare word (BARE_WEIGHT of the weight asked), unless that is nearly all of a
  short description;
- 匹配不足 (SUGGESTION): the best matter explains less than FIRM_COVERAGE of what the description says; or the
  match rests on next to nothing (THIN_WEIGHT of the weight asked) of a description it does not nearly explain
  (SHORT_AND_EXPLAINED, at most SHORT_UNEXPLAINED words left over);
- 法定交叉 (OVERLAP): the best matter's law gives the act to several departments (above);
- 候选一致 (firm): the first POOL candidates that score CLOSE_SCORE of the best or more all have the same lead
  department as the best;
- 首选领先 (firm): no other candidate comes that close: the best leads by CLEAR_LEAD at least, explains ALONE_COVERAGE
  of the description and, resting on less than the weight asked, leaves at most ALONE_UNEXPLAINED of it unexplained;
- 候选分歧 (OVERLAP): a close candidate names another department: the evidence names several, so no single
  department is said and the tie-breaks apply (a majority of close candidates is not enough: on the labelled set
  it was wrong about as often as right);
- several behaviours: a description that is not firm as a whole, whose clauses, each on its own firm
  (SPLIT_COVERAGE, SPLIT_WEIGHT), name different lead departments gets one answer per department, each decided as
  above; a clause no answer explains is listed in `unexplained`, so nothing said is dropped in silence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from pydantic import BaseModel

from graphsvc.responsibility.answer import (
    ArticleFunction,
    AuthorityArticle,
    Carrier,
    CatalogueAssignment,
    DepartmentRef,
    Duty,
    Evidence,
    Flag,
    MatterBasis,
    MatterHeader,
    MatterScope,
    NamedFunction,
    Outcome,
    Overlap,
    OverlapArticle,
    OverlapCandidate,
    Performs,
    PerformsLink,
    Rule,
    RulingEvidence,
    SubjectLicence,
    SuccessionStep,
    TieBreak,
)
from graphsvc.types import Ref

LEAD, COOPERATING = "牵头", "配合"


class AssignmentFact(BaseModel):
    """An assignment of the matter that holds in the region on the date (get_matter_facts: assignments)."""

    assignment: CatalogueAssignment
    role: str
    ruling: RulingEvidence | None
    scope_depth: int | None  # 0 = the region itself; None = unscoped
    department: Ref | None
    function: Ref | None


class Seat(Ref):
    level: str | None


class Performer(BaseModel):
    """A department performing a function on the date (get_matter_facts: performers)."""

    function_id: str
    department: Seat
    region: Seat
    performs: PerformsLink
    distance: int  # regions walked up from the one at the matter's level; the nearest performers decide


@dataclass
class Facts:
    """Everything the rules decide by, for one matter in one region on one date."""

    matter: MatterHeader
    assignments: list[AssignmentFact]
    performers: list[Performer]  # of every function that carries a role the assignments or the bases name
    bases: list[MatterBasis]
    licences: list[SubjectLicence]  # the subject's licences in force for this matter
    # function id → the functions carrying its role on the date (after reforms), each with the steps taken
    carriers: dict[str, list[Carrier]] = field(default_factory=dict)
    scope: MatterScope | None = None  # where a matter resting on a local regulation applies; None: everywhere

    def carriers_of(self, function: Ref) -> list[Carrier]:
        return self.carriers.get(function.id) or [Carrier(id=function.id, name=function.name, succession=[])]


@dataclass
class Decision:
    lead: list[Duty]
    cooperating: list[Duty]
    flags: list[Flag]
    overlap: Overlap | None = None


Named = ArticleFunction | NamedFunction


def legal_text_functions(bases: Sequence[MatterBasis]) -> list[tuple[Named, AuthorityArticle | None]]:
    """(named function, allocating article or None) for the in-force articles of a matter."""
    found: dict[str, tuple[Named, AuthorityArticle | None]] = {}
    for basis in bases:
        if not basis.in_force:
            continue
        for named in basis.named:
            found.setdefault(named.function_id, (named, None))
        if not basis.named:
            for source in basis.authority:
                for authority_named in source.named:
                    found.setdefault(authority_named.function_id, (authority_named, source))
    return [found[k] for k in sorted(found)]


def decide(facts: Facts) -> Decision:
    scope = facts.scope
    if scope and not scope.in_scope:  # a local regulation's matter outside its region: no duty, so no gap
        names = "、".join(r.name for r in scope.regions)
        message = f"该事项的设定依据只在{names}适用,不是本地区的监管事项,也不是监管空白"
        return Decision([], [], [Flag(code="NOT_APPLICABLE", message=message)])
    flags: list[Flag] = []
    lead = _decide_role(facts, LEAD, flags)
    cooperating = _decide_role(facts, COOPERATING, flags)
    lead_departments = {d.department.id for d in lead}
    if len(lead_departments) > 1:
        names = "、".join(sorted({d.department.name for d in lead}))
        flags.append(Flag(code="CONFLICT", message=f"有多个牵头部门:{names}"))
    if not lead and not any(f.code == "GAP" for f in flags):
        flags.append(Flag(code="GAP", message="没有找到牵头部门:目录未指定,设定依据也未指明职能"))
    if facts.bases and not any(b.in_force for b in facts.bases):
        flags.append(Flag(code="STALE_BASIS", message="该事项的设定依据在查询日均不在有效期内"))
    overlap = statutory_overlap(facts, lead, cooperating)
    if overlap:
        flags.append(Flag(code="OVERLAP", message=overlap.message))
    return Decision(lead, cooperating, flags, overlap)


def _decide_role(facts: Facts, role: str, flags: list[Flag]) -> list[Duty]:
    mine = [a for a in facts.assignments if a.role == role]
    ruled = _closest([a for a in mine if a.ruling])
    if ruled:
        return _from_assignments(facts, ruled, "ruling", flags)
    licence_note = None
    if role == LEAD and facts.licences:
        approved = [lic for lic in facts.licences if lic.approval_mode == "部门审批" and lic.issuer]
        if approved:
            return [_duty(_issuer(lic), None, "licence", facts, licence=lic) for lic in approved]
        licence_note = facts.licences[0]  # approval elsewhere: the 主管部门 found below supervises
    local = _closest([a for a in mine if not a.ruling and a.department])
    if local:
        return _from_assignments(facts, local, "assignment", flags, licence_note)
    catalogue = [a for a in mine if not a.ruling and a.function]
    if catalogue:
        return _from_assignments(facts, catalogue, "locality_level", flags, licence_note)
    if role == LEAD and not mine:
        return _from_legal_text(facts, flags, licence_note)
    return []


def _issuer(licence: SubjectLicence) -> DepartmentRef:
    assert licence.issuer is not None
    issuer = licence.issuer
    return DepartmentRef(id=issuer.id, name=issuer.name, region=Ref(id=issuer.region.id, name=issuer.region.name))


def _closest(assignments: list[AssignmentFact]) -> list[AssignmentFact]:
    """The assignments of the narrowest scope: a ruling for 闵行区 beats one for 上海市."""
    if not assignments:
        return []
    depth = min(_depth(a) for a in assignments)
    return [a for a in assignments if _depth(a) == depth]


def _depth(a: AssignmentFact) -> float:
    return float("inf") if a.scope_depth is None else a.scope_depth


def _from_assignments(
    facts: Facts,
    assignments: list[AssignmentFact],
    rule: Rule,
    flags: list[Flag],
    licence: SubjectLicence | None = None,
) -> list[Duty]:
    duties = []
    for a in assignments:
        if a.department:
            department = DepartmentRef(id=a.department.id, name=a.department.name, region=None)
            duties.append(_duty(department, None, rule, facts, assignment=a, licence=licence))
        elif a.function:
            duties += _performers_of(facts, a.function, rule, flags, f"({a.role})", assignment=a, licence=licence)
    return duties


def _from_legal_text(facts: Facts, flags: list[Flag], licence: SubjectLicence | None) -> list[Duty]:
    duties = []
    for named, source in legal_text_functions(facts.bases):
        function = Ref(id=named.function_id, name=named.function_name or "")
        duties += _performers_of(
            facts, function, "legal_text", flags, "", licence=licence, named=named, authority=source
        )
    return duties


def _performers_of(
    facts: Facts,
    function: Ref,
    rule: Rule,
    flags: list[Flag],
    role_note: str,
    *,
    assignment: AssignmentFact | None = None,
    licence: SubjectLicence | None = None,
    named: Named | None = None,
    authority: AuthorityArticle | None = None,
) -> list[Duty]:
    """The departments that perform the function, or the functions that took over its role, on the date."""
    duties = []
    for carrier in facts.carriers_of(function):
        candidates = [p for p in facts.performers if p.function_id == carrier.id]
        nearest = min((p.distance for p in candidates), default=0)
        duties += [
            _duty(
                DepartmentRef(
                    id=p.department.id, name=p.department.name, region=Ref(id=p.region.id, name=p.region.name)
                ),
                p,
                rule,
                facts,
                carrier=Ref(id=carrier.id, name=carrier.name),
                succession=carrier.succession,
                assignment=assignment,
                licence=licence,
                named=named,
                authority=authority,
            )
            for p in candidates
            if p.distance == nearest
        ]
    if not duties:
        flags.append(Flag(code="GAP", message=f"当地没有部门在查询日履行「{function.name}」职能{role_note}"))
    return duties


def _duty(
    department: DepartmentRef,
    performer: Performer | None,
    rule: Rule,
    facts: Facts,
    *,
    carrier: Ref | None = None,
    succession: list[SuccessionStep] | None = None,
    assignment: AssignmentFact | None = None,
    licence: SubjectLicence | None = None,
    named: Named | None = None,
    authority: AuthorityArticle | None = None,
) -> Duty:
    evidence = Evidence(
        performs=Performs(
            **performer.performs.model_dump(), department_id=department.id, function_id=performer.function_id
        )
        if performer
        else None,
        assignment=assignment.assignment if assignment else None,
        assigned_function=assignment.function if assignment else None,
        succession=succession or [],
        ruling=assignment.ruling if assignment else None,
        licence=licence,
        named_by_article=named,
        authority_from=authority,
        bases=facts.bases,
    )
    return Duty(department=department, function=carrier, rule=rule, evidence=evidence)


# -- OVERLAP: where the law does not give one department --------------------------------------------------

# Wordings that leave the authority open: 有关部门 on its own, a department the government 确定/指定, several
# departments deciding 按照职责分工, a penalty given to two departments 依据各自职责 without saying which act is
# whose (医疗器械监督管理条例第八十九条), or a referral to 有关主管部门. "X或者其他有关部门" names X for its own field
# and is not open (建设工程质量管理条例第四十三条 gives the other fields to their departments).
# "违反其他法律、行政法规的，由有关主管部门依法处理" (医疗保障基金使用监督管理条例第三十八条) refers what breaks *other*
# laws on to their departments: the act the article punishes stays with the department it names, unless the act
# as the cited item words it is itself a breach of another norm (（二）违反诊疗规范过度诊疗: 卫生健康 acts too).
_OPEN_TEXT = re.compile(
    r"(?:指定|确定)的(?:监督管理)?部门|(?:有关部门|其他[^，。；：]{0,24}部门)按照职责分工"
    r"|(?<!违反其他法律、行政法规的，由)有关主管部门依法处理"
    r"|违反其他法律、行政法规的，由有关主管部门依法处理：[^：]*违反"
    r"|部门和[^，。；：]{0,20}部门依据各自职责责令改正"
)
# "X和其他…部门按照职责分工" names X for its field and leaves the others open (安全生产法第一百一十五条 gives
# penalties to 应急管理部门 and to the departments its 第十条 gives their own trades): settled when X leads, open
# when one of the others does (a restaurant's gas alarm, led by the 燃气管理部门, stays open).
_NAMED_BEFORE_OTHERS = re.compile(r"([^，。；：、]{2,30}部门)(?:和|以及)$")
# The same, as a Java regex over a whole text (Cypher's =~), so only such article texts travel as evidence.
OPEN_TEXT_PATTERN = "(?s).*(?:" + _OPEN_TEXT.pattern + ").*"
_DEFINITE_PARTS = re.compile(
    r"国务院|县级以上|设区的市级|地方|各级|人民政府|其他|有关|主管|行政|部门|或者|和|等|、|（[^）]*）|\([^)]*\)"
)


def _open_wording(text: str, named_leads: bool) -> str | None:
    """The first wording of a text that leaves the authority open, if any (see _OPEN_TEXT); `named_leads`: a
    function the article names is the lead's (then "X和其他…部门按照职责分工" is X's)."""
    for m in _OPEN_TEXT.finditer(text):
        before = _NAMED_BEFORE_OTHERS.search(text[max(0, m.start() - 32) : m.start()])
        definite = before is not None and not _open_named(before.group(1).removeprefix("由"))
        if named_leads and definite and m.group(0).startswith("其他"):
            continue
        return m.group(0)
    return None


def _open_named(wording: str) -> bool:
    """A named authority that is no definite department: 有关部门, (县级以上人民政府)其他有关部门."""
    return "有关" in wording and not _DEFINITE_PARTS.sub("", wording).strip()


def open_authorities(
    bases: Sequence[MatterBasis], lead_functions: frozenset[str] = frozenset()
) -> list[OverlapArticle]:
    """The in-force articles (or the articles allocating their power) whose wording leaves the authority open to
    the lead's functions."""
    found: dict[str, OverlapArticle] = {}
    for basis in bases:
        if not basis.in_force:
            continue
        articles: list[MatterBasis | AuthorityArticle] = [basis, *basis.authority]
        for article in articles:
            named: list[Named] = list(article.named)
            wordings = [n.wording for n in named if n.wording]
            # "X或者其他有关部门", or X and 其他有关部门 named apart: X holds for its field, the others for theirs
            definite = any(not _open_named(w) for w in wordings)
            phrases = [w for w in wordings if _open_named(w) and not definite]
            named_leads = any(n.function_id in lead_functions for n in named)
            phrases += [w for n in named if (w := _open_wording(n.wording or "", named_leads))]
            if not phrases and (w := _open_wording(article.text or "", named_leads)):
                phrases.append(w)
            if phrases and article.article_id not in found:
                found[article.article_id] = OverlapArticle(
                    article_id=article.article_id,
                    article=f"《{article.title}》{article.article}",
                    wording=phrases[0],
                )
    return list(found.values())


def statutory_overlap(facts: Facts, lead: list[Duty], cooperating: list[Duty]) -> Overlap | None:
    """OVERLAP when the law leaves the act open, unless a ruling, licence or local assignment settled it."""
    if any(d.rule in ("ruling", "licence", "assignment") for d in lead):
        return None
    open_articles = open_authorities(facts.bases, frozenset(d.function.id for d in lead if d.function))
    if not open_articles:
        return None
    candidates = [_candidate(d, LEAD) for d in lead] + [_candidate(d, COOPERATING) for d in cooperating]
    seen = {c.function.id for c in candidates if c.function}
    for named, _source in legal_text_functions(facts.bases):
        if named.function_id not in seen:  # named by the law, but no department performs it here
            seen.add(named.function_id)
            candidates.append(
                OverlapCandidate(
                    department=None,
                    function=Ref(id=named.function_id, name=named.function_name or ""),
                    catalogue_role=None,
                    article=named.wording,
                )
            )
    where = "、".join(f"{a.article}「{a.wording}」" for a in open_articles)
    return Overlap(
        message=f"法律未把该行为交给唯一的部门({where}):所列部门均为候选,按法定规则确定管辖",
        articles=open_articles,
        candidates=candidates,
        tie_breaks=tie_breaks(facts.matter, facts.bases, open_articles),
    )


def _candidate(duty: Duty, role: str) -> OverlapCandidate:
    bases = duty.evidence.bases
    return OverlapCandidate(
        department=duty.department,
        function=duty.function,
        catalogue_role=role,
        article="、".join(f"《{b.title}》{b.article}" for b in bases if b.in_force) or None,
    )


# The rules that break a tie, quoted from the law texts (verified against shared/laws; see tests/unit/test_rules.py).
TIE_BREAKS: dict[str, dict[str, str]] = {
    "first_to_file": {
        "law": "中华人民共和国行政处罚法",
        "article": "第二十五条",
        "text": "两个以上行政机关都有管辖权的，由最先立案的行政机关管辖。对管辖发生争议的，应当协商解决，"
        "协商不成的，报请共同的上一级行政机关指定管辖；也可以直接由共同的上一级行政机关指定管辖。",
        "how": "行政处罚:由最先立案的部门管辖;有争议的协商解决,协商不成报请共同的上一级行政机关(本级人民政府)指定管辖",
    },
    "closest_business": {
        "law": "中华人民共和国安全生产法",
        "article": "第十条第二款",
        "text": "对新兴行业、领域的安全生产监督管理职责不明确的，"
        "由县级以上地方各级人民政府按照业务相近的原则确定监督管理部门。",
        "how": "安全生产监管职责不明确的新兴行业、领域:由县级以上地方人民政府按业务相近原则确定监督管理部门",
    },
    "establishment_office": {
        "law": "地方各级人民政府机构设置和编制管理条例",
        "article": "第十条",
        "text": "行政机构之间对职责划分有异议的，应当主动协商解决。协商一致的，报本级人民政府机构编制管理机关备案；"
        "协商不一致的，应当提请本级人民政府机构编制管理机关提出协调意见，由机构编制管理机关报本级人民政府决定。",
        "how": "部门间职责划分有异议:先协商,协商一致报编办备案;不一致的由编办提出协调意见,报本级人民政府决定",
    },
}
_DESIGNATION = re.compile(r"(?:指定|确定)的")


def tie_breaks(
    matter: MatterHeader, bases: Sequence[MatterBasis], open_articles: list[OverlapArticle]
) -> list[TieBreak]:
    """The tie-breaks that apply to an overlap: a local designation where the law leaves it to one; the first
    to file for a penalty; 业务相近 in work safety; and always the 编办's coordination, the government deciding."""
    found = []
    if any(_DESIGNATION.search(a.wording) for a in open_articles):
        found.append(
            TieBreak(
                key="designation",
                law="",
                article="、".join(a.article for a in open_articles if _DESIGNATION.search(a.wording)),
                text="",
                how="法律由县级以上地方人民政府确定(指定)部门:以本级人民政府的确定(指定)为准;"
                "未确定的,提请编办协调并报政府决定",
            )
        )
    if matter.category == "行政处罚":
        found.append(TieBreak(key="first_to_file", **TIE_BREAKS["first_to_file"]))
    if any("安全生产" in (b.title or "") for b in bases) or matter.domain_id == "work-safety":
        found.append(TieBreak(key="closest_business", **TIE_BREAKS["closest_business"]))
    found.append(TieBreak(key="establishment_office", **TIE_BREAKS["establishment_office"]))
    return found


# -- how sure an answer to a description is ---------------------------------------------------------------

# Shares of the description's weight (its words, weighed by rarity among the matters) the best matter explains;
# and how much it must explain at all (about two rare words: one word in common is no match). The values were
# chosen with benchmarks/resolve_quality.py on the labelled set data/eval/descriptions.csv (it prints the figures
# on its odd and even halves) to keep confident mistakes rare.
NO_MATCH_COVERAGE = 0.15
NO_MATCH_WEIGHT = 6.0
# A matter explaining less than this share is flagged WEAK_MATCH among the results, and a clause it alone explains is
# listed as unexplained.
WEAK_COVERAGE = 0.35
# A match resting on less than this share of the weight asked explains no core of the description, however large its
# share of a description made mostly of words no matter uses (我老公天天喝酒不回家，工资也不给家里 is no wage arrears).
# It replaced "below WEAK_COVERAGE and NO_MATCH_WEIGHT", which on the labelled set (after the catalogue grew from 231
# to 463 matters) called 24 right best matters of 1.5 rare words "no match" for 4 wrong ones, and missed most of
# the descriptions the catalogue does not govern: no-match-handled 31 % → 63 %. At 0.75 it handled 75 %, but called
# 我们公司拖欠了三个月工资 (one thesaurus term, 4.4) no match: the commonest hotline ticket must get its suggestion.
BARE_WEIGHT = 0.7
# Below this share the best matter is only a suggestion, however well the candidates agree.
FIRM_COVERAGE = 0.25
# A match firmer than a suggestion explains at least THIN_WEIGHT of the weight asked (`min_weight`), unless it
# explains a short description nearly whole: SHORT_AND_EXPLAINED of it, leaving at most SHORT_UNEXPLAINED of its
# words unexplained (无证行医 is firm; 网吧让未成年人进去上网 is not: the place is known, the act is not).
THIN_WEIGHT = 0.85
SHORT_AND_EXPLAINED = 0.75
SHORT_UNEXPLAINED = 1
# The candidates that vote: the first POOL, each scoring at least CLOSE_SCORE of the best. The best matter's
# department is named when no close candidate is another department's (候选一致), or when its matters are at least
# AGREEING of the close candidates, the best counted (候选多数一致: three of four, as the 人社局's wage matters
# against the 发改委's one on credit sanctions). Otherwise the rivals are named and no single department (候选分歧):
# two against one stays a split. On the labelled set (benchmarks/resolve_quality.py) the majority answered about a
# tenth more of the firm rows rightly on both halves, for about 1.4 points more confident mistakes; naming a majority
# behind a best matter of another department added as many mistakes as right answers. The best matter clearly leads
# when no candidate of another department reaches CLOSE_SCORE of its score, i.e. it scores CLEAR_LEAD times theirs.
# CLOSE_SCORE 0.7 and ALONE_COVERAGE 0.3 (were 0.75 and 0.4) since the catalogue grew to 463 matters: more matters
# of a field means more close rivals and smaller shares. With BARE_WEIGHT, firm-right went from 43.8 to 50.4 % on
# the odd half and from 39.5 to 49.2 % on the even half; confident mistakes from 5.6 to 5.2 % and from 4.5 to 5.2 %.
POOL = 4
CLOSE_SCORE = 0.7
CLEAR_LEAD = 1 / CLOSE_SCORE
AGREEING = 0.75
# A best matter that no close candidate confirms must explain this much of the description on its own; and when it
# explains less than the weight asked, leave at most ALONE_UNEXPLAINED of its concepts unexplained (无人机表演未经审批
# is no 药品 matter because 未经审批 is in one: 无人机 and 表演 are what it is about).
ALONE_COVERAGE = 0.3
ALONE_UNEXPLAINED = 1

# A clause of a longer description is judged needing this much weight (about one rare word: a clause is short).
# It is a behaviour of its own when it alone firmly names a holder, by a matter that explains SPLIT_COVERAGE of it
# with SPLIT_WEIGHT, and the whole description does not firmly name one holder: on the labelled set, splitting a
# description the whole of which was firm turned one behaviour told with a story around it into two answers, the
# second one wrong, far more often than it found a second behaviour; and a split resting on less than SPLIT_WEIGHT
# (about one rare word) added a wrong answer far more often than a right one. A clause not explained by any answer
# is listed apart when it has CLAUSE_CONCEPTS content words.
CLAUSE_WEIGHT = 4.0
SPLIT_COVERAGE = 0.55
SPLIT_WEIGHT = 6.0
CLAUSE_CONCEPTS = 2

FIRM: Final = "firm"
OVERLAP: Final = "overlap"
SUGGESTION: Final = "suggestion"
NO_MATCH: Final = "no_match"


@dataclass(frozen=True)
class BehaviourCandidate:
    """A matter found for a description: how well it matches, and who leads on it in the region."""

    matter_id: str
    matter_name: str
    score: float
    coverage: float
    explained_weight: float
    holders: frozenset[str]  # lead department ids
    holder_names: tuple[str, ...]
    overlap: bool  # the matter's own law leaves the act open (OVERLAP)
    unexplained: int = 0  # concepts of the description the matter does not explain


@dataclass(frozen=True)
class BehaviourDecision:
    outcome: Outcome
    rule: str
    reason: str
    chosen: int | None  # index of the deciding candidate
    rivals: tuple[int, ...] = ()  # close candidates of other departments: 候选分歧, or outvoted in 候选多数一致


def decide_behaviour(candidates: list[BehaviourCandidate], min_weight: float = NO_MATCH_WEIGHT) -> BehaviourDecision:
    """How sure the answer to one behaviour is, from the candidates best first (see the module docstring).
    `min_weight` is how much a match must explain to rest on more than one word: CLAUSE_WEIGHT for a clause."""
    if not candidates or candidates[0].coverage < NO_MATCH_COVERAGE:
        best = f"(最接近的事项只解释了描述的 {candidates[0].coverage:.0%})" if candidates else ""
        return BehaviourDecision(NO_MATCH, "无匹配", f"目录中没有事项与该描述对应{best}", None)
    top = candidates[0]
    # resting on less than about one rare word, whatever its share, unless a short description is nearly all explained
    bare = top.explained_weight < min_weight * BARE_WEIGHT and top.coverage < SHORT_AND_EXPLAINED
    if bare:
        return BehaviourDecision(
            NO_MATCH, "无匹配", f"目录中没有事项与该描述对应(最接近的事项只解释了描述的 {top.coverage:.0%})", None
        )
    if top.coverage < FIRM_COVERAGE:
        return BehaviourDecision(
            SUGGESTION,
            "匹配不足",
            f"最接近的事项「{top.matter_name}」只解释了描述的 {top.coverage:.0%}(低于 {FIRM_COVERAGE:.0%}),不作认定",
            0,
        )
    thin = top.explained_weight < min_weight * THIN_WEIGHT  # next to nothing of substance explained
    if thin and (top.coverage < SHORT_AND_EXPLAINED or top.unexplained > SHORT_UNEXPLAINED):
        return BehaviourDecision(
            SUGGESTION,
            "匹配不足",
            f"最接近的事项「{top.matter_name}」只与描述中个别词语相符(解释 {top.coverage:.0%},"
            f"另有 {top.unexplained} 处未解释),不作认定",
            0,
        )
    if top.overlap:
        return BehaviourDecision(OVERLAP, "法定交叉", f"事项「{top.matter_name}」的设定依据未把该行为交给唯一的部门", 0)
    names = "、".join(top.holder_names) or "(当地无履职部门)"
    close = [i for i, c in enumerate(candidates[:POOL]) if i and c.score >= CLOSE_SCORE * top.score]
    rivals = tuple(i for i in close if candidates[i].holders != top.holders)
    if not rivals and close:
        return BehaviourDecision(FIRM, "候选一致", f"得分相近的 {len(close) + 1} 个候选事项均由{names}牵头", 0)
    agreeing = len(close) + 1 - len(rivals)
    if rivals and top.holders and agreeing >= AGREEING * (len(close) + 1):
        others = "、".join(sorted({n for i in rivals for n in candidates[i].holder_names})) or "(当地无履职部门)"
        reason = f"得分相近的 {len(close) + 1} 个候选事项中 {agreeing} 个由{names}牵头({others}仅 {len(rivals)} 个)"
        return BehaviourDecision(FIRM, "候选多数一致", reason, 0, rivals)
    if not close and top.explained_weight < min_weight and top.unexplained > ALONE_UNEXPLAINED:
        return BehaviourDecision(
            SUGGESTION,
            "匹配不足",
            f"只有事项「{top.matter_name}」部分相符,描述另有 {top.unexplained} 处未解释,没有其他候选印证,不作认定",
            0,
        )
    if not close and top.coverage < ALONE_COVERAGE:
        return BehaviourDecision(
            SUGGESTION,
            "匹配不足",
            f"只有事项「{top.matter_name}」部分相符(解释描述的 {top.coverage:.0%},单一候选须达 {ALONE_COVERAGE:.0%}),"
            "没有其他候选印证,不作认定",
            0,
        )
    if not rivals:
        second = candidates[1].score if len(candidates) > 1 else 0.0
        lead = f"得分为次优候选的 {top.score / second:.2f} 倍," if second else ""
        reason = f"事项「{top.matter_name}」{lead}解释描述的 {top.coverage:.0%},由{names}牵头"
        return BehaviourDecision(FIRM, "首选领先", reason, 0)
    ratio = top.score / max(candidates[i].score for i in rivals)
    others = "、".join(sorted({n for i in rivals for n in candidates[i].holder_names})) or "(当地无履职部门)"
    return BehaviourDecision(
        OVERLAP,
        "候选分歧",
        f"描述同时符合{names}与{others}的事项,得分相近(仅 {ratio:.2f} 倍,须达 {CLEAR_LEAD:.2f} 倍),不作单一认定",
        0,
        rivals,
    )
