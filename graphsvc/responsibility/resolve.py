"""Resolution: which matters a question concerns, and for each, who leads and who cooperates, with evidence.

Each entry point runs in four steps, named by their role: validate (names read as ids, the region and subject
known), gather (the Cypher statements read the facts: region hierarchy, validity on the date, reforms, performers
at the matter's level; rows become the models of answer.py and rules.py right there), decide (`rules.decide`,
`rules.decide_behaviour` and `devolved.apply`, pure) and shape (the `Resolution` of answer.py). Keeping the
decision pure lets the tests check it against an independent implementation over networkx.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from types import EllipsisType

from pydantic import BaseModel, Field, model_validator

from graphsvc import segment, uscc
from graphsvc.bounds import Day
from graphsvc.catalogue import cache as catalogue
from graphsvc.catalogue.read_model import CatalogueModel
from graphsvc.cypher import query
from graphsvc.db import Reader, Runner
from graphsvc.errors import InvalidInput, NotFound
from graphsvc.names import Names
from graphsvc.regions import require_region, unknown_region
from graphsvc.responsibility import behaviour_search, devolution, devolved, rules
from graphsvc.responsibility.answer import (
    Behaviour,
    BehaviourCandidate,
    CandidateLead,
    Carrier,
    DepartmentRef,
    Flag,
    LicenceIssuer,
    MatterBasis,
    MatterHeader,
    MatterRef,
    MatterResult,
    MatterScope,
    NoMatch,
    Overlap,
    OverlapCandidate,
    Resolution,
    SubjectLicence,
    SubjectRef,
    Suggestion,
    UsualDepartment,
)
from graphsvc.responsibility.rules import AssignmentFact, Facts, Performer, decide
from graphsvc.types import Ref

GET_MATTER = query("responsibility/get_matter_header")
GET_MATTERS = query("responsibility/get_matter_headers")
SUBJECT = query("responsibility/get_subject_context")
SUBJECT_MATTERS = query("responsibility/list_matters_for_subject")
FACTS = query("responsibility/get_matter_facts")
LIVE = query("responsibility/get_live_facts")
RECEIVERS = query("responsibility/get_region_receivers")

TEXT_CANDIDATES = 6
CLAUSE_CANDIDATES = 4  # per clause of a longer description: enough to see agreement, cheap to resolve


class ResolveRequest(BaseModel):
    matter_id: str | None = Field(default=None, max_length=200, description="监管事项编号、事项编码或名称")
    text: str | None = Field(
        default=None, max_length=500, description="行为描述,如 餐馆使用瓶装液化气未安装可燃气体报警装置"
    )
    uscc: str | None = Field(default=None, max_length=100, description="监管对象的统一社会信用代码或名称")
    region: str | None = Field(
        default=None, min_length=2, max_length=60, description="行政区划代码或名称,如 610113 或 雁塔区"
    )
    as_of: Day | None = Field(default=None, description="查询日期,默认今天")

    @model_validator(mode="after")
    def _something_to_resolve(self) -> ResolveRequest:
        if not (self.matter_id or (self.text and self.text.strip()) or self.uscc):
            raise ValueError("需要 matter_id、text 或 uscc 之一")
        return self


def resolve(runner: Runner, request: ResolveRequest) -> Resolution:
    """The answer for every matter the request concerns: by matter from the held catalogue in one statement, else
    read in one transaction."""
    request = _validate_names(runner, request)
    if _by_description(request):
        behaviour_search.prepare(runner)  # the static part of the search, outside the read transaction
    elif request.matter_id and not request.uscc:
        answer = _by_matter_held(runner, request)
        if answer is not None:
            return answer
    return runner.reading(lambda reader: _answer(reader, request))


def _by_matter_held(runner: Runner, request: ResolveRequest) -> Resolution | None:
    """A matter asked by id, answered from the held catalogue in one round trip; None when it is not held."""
    assert request.matter_id is not None
    as_of = request.as_of or date.today()
    held = _held(runner, [request.matter_id], request.region, as_of)
    if held is None:
        return None
    live, model = held
    region = _require_region(runner, request.region, model)
    matters = _read_matters(runner, request, None, model)
    return _matter_answers(runner, matters, region, as_of, {}, None, model, live)


def resolve_in_region(runner: Runner, matters: Sequence[MatterHeader], region: str, as_of: date) -> list[MatterResult]:
    """resolve_matters for a caller with a Runner: one statement when the store's catalogue and its facts on the date
    are held in memory, else one transaction (which holds them for the next time)."""
    if not matters:
        return []
    held = _held(runner, [m.id for m in matters], region, as_of)
    if held is None:
        return runner.reading(lambda reader: resolve_matters(reader, matters, region, as_of))
    live, model = held
    return resolve_matters(runner, matters, region, as_of, None, model, live)


def _held(
    runner: Runner, matter_ids: list[str], region: str | None, as_of: date
) -> tuple[_Live, CatalogueModel] | None:
    """The stamp and the devolved powers in one statement, with the model of that stamp when it and its facts on the
    date are held in memory; None when they are not (or the read model is off: then nothing is read)."""
    if not catalogue.enabled:
        return None
    live = _read_live(runner, matter_ids, region, as_of)
    model = catalogue.held(live.stamp, as_of)
    return None if model is None else (live, model)


def _by_description(request: ResolveRequest) -> bool:
    return bool(request.text and request.text.strip() and not request.matter_id)


def _validate_names(runner: Runner, request: ResolveRequest) -> ResolveRequest:
    """Validate: the region, matter and subject as the user wrote them (codes or names), read as ids."""
    names = Names(runner, request.as_of)
    region = names.region_param(request.region)
    return request.model_copy(
        update={
            "region": region,
            "matter_id": names.matter_param(request.matter_id, region),
            "uscc": names.subject_param(request.uscc),
        }
    )


def _answer(reader: Reader, request: ResolveRequest) -> Resolution:
    as_of = request.as_of or date.today()
    subject = _read_subject(reader, request.uscc, as_of) if request.uscc else None
    model = catalogue.current(reader)  # the hot catalogue, or None: then the statements answer
    region = _require_region(reader, request.region or (subject.region_id if subject else None), model)
    licences: dict[str, list[SubjectLicence]] = defaultdict(list)
    for lic in subject.licences if subject else []:
        if lic.matter_id:
            licences[lic.matter_id].append(lic)
    summary = SubjectRef(id=subject.id, name=subject.name, region_id=subject.region_id) if subject else None
    if request.text and _by_description(request):
        return _by_text(reader, request.text.strip(), region, as_of, licences, summary, model)
    matters = _read_matters(reader, request, subject, model)
    return _matter_answers(reader, matters, region, as_of, licences, summary, model)


def _matter_answers(
    reader: Reader,
    matters: list[MatterHeader],
    region: str,
    as_of: date,
    licences: dict[str, list[SubjectLicence]],
    subject: SubjectRef | None,
    model: CatalogueModel | None,
    live: _Live | None = None,
) -> Resolution:
    results = [
        # asked by id or by subject: no match score
        r.model_copy(update={"matter": r.matter.model_copy(update={"score": None, "coverage": None})})
        for r in resolve_matters(reader, matters, region, as_of, licences, model, live)
    ]
    return Resolution(region=region, as_of=as_of, subject=subject, results=results, behaviours=None, unexplained=None)


def _require_region(reader: Reader, region: str | None, model: CatalogueModel | None) -> str:
    """Validate: a region to resolve in, known to the graph."""
    if not region:
        raise InvalidInput(
            "需要行政区划代码 region(或一个有所在地的监管对象)", [{"field": "region", "reason": "required"}]
        )
    if model is None:
        require_region(reader, region, error=NotFound)
    elif not model.has_region(region):
        raise unknown_region(region, "region", NotFound)
    return region


def resolve_matter(
    reader: Reader, matter: MatterHeader, region: str, as_of: date, licences: list[SubjectLicence]
) -> MatterResult:
    """Lead and cooperating for one matter (see resolve_matters)."""
    return resolve_matters(reader, [matter], region, as_of, {matter.id: licences})[0]


def resolve_matters(
    reader: Reader,
    matters: Sequence[MatterHeader],
    region: str,
    as_of: date,
    licences: dict[str, list[SubjectLicence]] | None = None,
    model: CatalogueModel | None | EllipsisType = ...,  # ...: look the current one up
    live: _Live | None = None,  # the stamp and devolved powers, when the caller read them already
) -> list[MatterResult]:
    """Lead and cooperating for each matter in the region on the date. The facts of all matters come in one
    statement (assignments, scopes, bases, carriers, performers per level), so the cost hardly grows with the
    count, and the decision stays in Python (rules.decide). With the catalogue's read model (given, or the current
    one), those facts come from memory and only the devolutions from the database."""
    if not matters:
        return []
    model = catalogue.current(reader) if isinstance(model, EllipsisType) else model
    facts = _gather_facts(reader, matters, region, as_of, model, live)
    return [_decide_matter(m, facts, (licences or {}).get(m.id, [])) for m in matters]


@dataclass(frozen=True)
class _Live:
    """What get_live_facts read: the catalogue's stamp and the powers devolved over some matters, by matter."""

    stamp: tuple[str, ...]
    devolved: dict[str, list[devolution.PowerFact]]


def _read_live(reader: Reader, matter_ids: list[str], region: str | None, as_of: date) -> _Live:
    [row] = reader.read(LIVE, matter_ids=matter_ids, region_id=region, as_of=as_of)
    devolved: dict[str, list[devolution.PowerFact]] = defaultdict(list)
    for power in row["devolutions"]:
        devolved[power.pop("matter_id")].append(devolution.PowerFact.model_validate(power))
    return _Live(tuple(row["versions"]), devolved)


@dataclass
class _MatterFacts:
    """The facts of some matters in one region on one date, by matter (get_matter_facts, get_live_facts)."""

    assignments: dict[str, list[AssignmentFact]] = field(default_factory=lambda: defaultdict(list))
    scopes: dict[str, MatterScope] = field(default_factory=dict)
    bases: dict[str, list[MatterBasis]] = field(default_factory=lambda: defaultdict(list))
    carriers: dict[str, list[Carrier]] = field(default_factory=dict)
    performers: dict[str | None, list[Performer]] = field(default_factory=dict)
    devolved: dict[str, list[devolution.PowerFact]] = field(default_factory=lambda: defaultdict(list))


def _gather_facts(
    reader: Reader,
    matters: Sequence[MatterHeader],
    region: str,
    as_of: date,
    model: CatalogueModel | None,
    live: _Live | None,
) -> _MatterFacts:
    """Gather: everything the rules decide by, from the hot catalogue or in one statement (and one for devolved
    powers), as models."""
    levels = sorted({m.level for m in matters}, key=str)
    ids = [m.id for m in matters]
    if model is not None:
        read = model.facts(reader, ids, region, as_of, levels, rules.OPEN_TEXT_PATTERN)
    else:
        [read] = reader.read(
            FACTS, matter_ids=ids, region_id=region, as_of=as_of, open_pattern=rules.OPEN_TEXT_PATTERN, levels=levels
        )
    facts = _MatterFacts(performers={level: [] for level in levels})
    for row in read["assignments"]:
        facts.assignments[row.pop("matter_id")].append(AssignmentFact.model_validate(row))
    # A matter resting on a local regulation applies only where that regulation does (issue 11).
    for row in read["scopes"]:
        facts.scopes[row.pop("matter_id")] = MatterScope.model_validate(row)
    for row in read["bases"]:
        facts.bases[row.pop("matter_id")].append(MatterBasis.model_validate(row))
    for row in read["carriers"]:
        facts.carriers[row["function_id"]] = [Carrier.model_validate(c) for c in row["carriers"]]
    for row in read["performers"]:
        facts.performers[row.pop("level")].append(Performer.model_validate(row))
    # Powers a province devolved to 街道/乡镇 (行政处罚法第二十四条): resolution looks below the county here.
    facts.devolved.update((live or _read_live(reader, ids, region, as_of)).devolved)
    return facts


def _decide_matter(matter: MatterHeader, facts: _MatterFacts, licences: list[SubjectLicence]) -> MatterResult:
    """Decide (pure): the precedence of rules.decide, then the powers devolved to the streets; shaped as the answer."""
    scope = facts.scopes.get(matter.id)
    decision = decide(
        Facts(
            matter,
            facts.assignments[matter.id],
            facts.performers[matter.level],
            facts.bases[matter.id],
            licences,
            facts.carriers,
            scope,
        )
    )
    result = MatterResult(
        matter=MatterRef(id=matter.id, name=matter.name, level=matter.level, applies_in=scope),
        lead=decision.lead,
        cooperating=decision.cooperating,
        flags=decision.flags,
        overlap=decision.overlap,
        devolution=None,
    )
    return devolved.apply(result, facts.devolved[matter.id], facts.bases[matter.id], matter.category)


def _read_matters(
    reader: Reader, request: ResolveRequest, subject: SubjectContext | None, model: CatalogueModel | None
) -> list[MatterHeader]:
    """Gather: the matters asked about by id, or those of the subject's kinds and licences."""
    if request.matter_id:
        rows = model.matter_header(request.matter_id) if model else reader.read(GET_MATTER, id=request.matter_id)
        if not rows:
            raise NotFound(f"未知的监管事项:{request.matter_id}", [{"field": "matter_id", "reason": "unknown matter"}])
        return [MatterHeader.model_validate(r) for r in rows]
    assert subject is not None
    ids = [m["id"] for m in reader.read(SUBJECT_MATTERS, id=subject.id)]
    return read_matter_headers(reader, ids)


def read_matter_headers(reader: Reader, ids: list[str]) -> list[MatterHeader]:
    """The matters' fields resolution decides by, in the order asked (unknown ids left out)."""
    return [MatterHeader.model_validate(r) for r in reader.read(GET_MATTERS, ids=ids)]


# -- by description -------------------------------------------------------------------------------------


def _by_text(
    reader: Reader,
    text: str,
    region: str,
    as_of: date,
    licences: dict[str, list[SubjectLicence]],
    subject: SubjectRef | None,
    model: CatalogueModel | None,
) -> Resolution:
    """One answer per behaviour the description names (several when its clauses go to different departments),
    each with the rule that decided how sure it is; `results` are the candidate matters, resolved."""
    found = _gather_text(reader, text, region, as_of, licences, model)
    chosen, unexplained = _decide_behaviours(found)
    behaviours = [
        # a clause with no hit: the whole description's nearest matters
        _behaviour(
            said,
            _judge(found, key)[0],
            found.hits(key),
            found.headers,
            found.resolved,
            found.hits(key) or found.hits(text),
        )
        for said, key in chosen
    ]
    behaviours = [
        b.model_copy(
            update={"no_match": _no_match_fallback(reader, region, b.no_match, found.query(key), found.query(text))}
        )
        if b.no_match is not None
        else b
        for b, (_, key) in zip(behaviours, chosen, strict=True)
    ]
    return Resolution(
        region=region,
        as_of=as_of,
        subject=subject,
        behaviours=behaviours,
        unexplained=unexplained,
        results=_shape_candidates(found, behaviours),
    )


@dataclass
class _TextFacts:
    """What a description was found to be about: its clauses, the matters each matches, those matters resolved."""

    text: str
    parts: list[str]  # its clauses (more than one: a longer description)
    found: dict[str, tuple[behaviour_search.Query, list[behaviour_search.Hit]]]  # the text and each clause
    ids: list[str]  # every matter found, in the order first found
    headers: dict[str, MatterHeader]
    resolved: dict[str, MatterResult]

    def query(self, key: str) -> behaviour_search.Query:
        return self.found[key][0]

    def hits(self, key: str) -> list[behaviour_search.Hit]:
        return self.found[key][1]

    def clauses(self) -> list[str]:
        return self.parts if len(self.parts) > 1 else []


def _gather_text(
    reader: Reader,
    text: str,
    region: str,
    as_of: date,
    licences: dict[str, list[SubjectLicence]],
    model: CatalogueModel | None,
) -> _TextFacts:
    """Gather: the description and its clauses searched in one round trip, every matter found resolved at once."""
    parts = segment.clauses(text)
    limits = {text: TEXT_CANDIDATES} | ({p: CLAUSE_CANDIDATES for p in parts if p != text} if len(parts) > 1 else {})
    found = behaviour_search.search_many(reader, limits, region)
    ids = list(dict.fromkeys(h.id for _, hits in found.values() for h in hits))
    headers = {m.id: m for m in read_matter_headers(reader, ids)}
    answers = resolve_matters(reader, list(headers.values()), region, as_of, licences, model)
    resolved = {m: r for m, r in zip(headers, answers, strict=True)}
    return _TextFacts(text, parts, found, ids, headers, resolved)


def _judge(found: _TextFacts, key: str) -> tuple[rules.BehaviourDecision, list[rules.BehaviourCandidate]]:
    """How sure the answer to the description (or one clause of it) is (rules.decide_behaviour)."""
    candidates = [_candidate(h, found.resolved[h.id]) for h in found.hits(key)]
    weight = rules.NO_MATCH_WEIGHT if key == found.text else rules.CLAUSE_WEIGHT  # a clause is short
    return rules.decide_behaviour(candidates, weight), candidates


def _decide_behaviours(found: _TextFacts) -> tuple[list[tuple[str, str]], list[str]]:
    """Decide (pure): the behaviours the description names, each as (what it says, the text or clause judged), and
    the clauses none of their answers explains."""
    text = found.text
    # Clauses that firmly name a holder, grouped by it: two groups or more are behaviours of their own.
    groups: dict[frozenset[str], list[str]] = {}
    for part in found.clauses():
        decision, candidates = _judge(found, part)
        top = found.hits(part)[0] if found.hits(part) else None
        if (
            decision.outcome == rules.FIRM
            and top is not None
            and top.coverage >= rules.SPLIT_COVERAGE
            and top.explained_weight >= rules.SPLIT_WEIGHT
        ):
            groups.setdefault(candidates[0].holders, []).append(part)
    # Clauses that firmly name different departments are behaviours of their own, unless the whole description
    # firmly names one holder: then the other clauses are most often the story around it (they stay listed below).
    # A whole named by a majority over a rival (候选多数一致) may be two behaviours: its clauses decide.
    whole = _judge(found, text)[0]
    split = len(groups) > 1 and (whole.outcome != rules.FIRM or bool(whole.rivals))
    chosen = [("，".join(c), c[0]) for c in groups.values()] if split else [(text, text)]
    # A clause that none of the answers explains is listed, never dropped in silence (it is not made an answer
    # of its own: most such clauses are the story around the behaviour, 吓死人了, 物业不管).
    answered = {found.hits(key)[d.chosen].id for _, key in chosen if (d := _judge(found, key)[0]).chosen is not None}
    unexplained = [
        part
        for part in found.clauses()
        if _substantial(part)
        and not any(h.id in answered and h.coverage >= rules.WEAK_COVERAGE for h in found.hits(part))
        and part not in {said for said, _ in chosen}
    ]
    return chosen, unexplained


def _shape_candidates(found: _TextFacts, behaviours: list[Behaviour]) -> list[MatterResult]:
    """Shape: every matter found, resolved, with how well it matches; a weak match's holders only suggested."""
    weak = {c.matter.id for b in behaviours if b.outcome in (rules.SUGGESTION, rules.NO_MATCH) for c in b.candidates}
    best = {h.id: h for _, hits in reversed(found.found.values()) for h in hits}
    results = []
    for matter_id in found.ids:
        hit = best[matter_id]
        resolved = found.resolved[matter_id]
        result = resolved.model_copy(update={"matter": _matched(resolved.matter, hit)})
        if hit.coverage < rules.WEAK_COVERAGE:  # this matter alone explains too little of the description
            message = f"描述与该事项的用词重合度低({hit.coverage:.0%})"
            result = result.model_copy(update={"flags": [*result.flags, Flag(code="WEAK_MATCH", message=message)]})
        if matter_id in weak:
            result = _as_suggestion(result)
        results.append(result)
    return results


def _substantial(clause: str) -> bool:
    """A clause that says something of its own (two content words or more), not 请相关部门查一下."""
    return len(segment.content_words(clause)) >= rules.CLAUSE_CONCEPTS


def _matched(matter: MatterRef, hit: behaviour_search.Hit) -> MatterRef:
    return matter.model_copy(update={"score": hit.score, "coverage": hit.coverage, "explained": hit.explained})


def _candidate(hit: behaviour_search.Hit, result: MatterResult) -> rules.BehaviourCandidate:
    return rules.BehaviourCandidate(
        hit.id,
        hit.name,
        hit.score,
        hit.coverage,
        hit.explained_weight,
        frozenset(d.department.id for d in result.lead),
        tuple(sorted({d.department.name for d in result.lead})),
        result.overlap is not None,
        hit.unexplained,
    )


def _behaviour(
    said: str,
    decision: rules.BehaviourDecision,
    hits: list[behaviour_search.Hit],
    headers: dict[str, MatterHeader],
    resolved: dict[str, MatterResult],
    nearest: list[behaviour_search.Hit],
) -> Behaviour:
    """The answer for one behaviour: outcome, rule and reason in Chinese, the holders when firm, every candidate
    when the law or the evidence names several, and what to do when nothing matches."""
    chosen = resolved[hits[decision.chosen].id] if decision.chosen is not None else None
    firm = chosen is not None and decision.outcome == rules.FIRM
    answer = Behaviour(
        text=said,
        outcome=decision.outcome,
        rule=decision.rule,
        reason=decision.reason,
        matter=_matched(chosen.matter, hits[decision.chosen]) if chosen and decision.chosen is not None else None,
        lead=chosen.lead if chosen and firm else [],
        cooperating=chosen.cooperating if chosen and firm else [],
        flags=[],
        candidates=[
            BehaviourCandidate(
                matter=MatterRef(id=h.id, name=h.name, score=h.score, coverage=h.coverage, explained=h.explained),
                lead=[CandidateLead(department=d.department, function=d.function) for d in resolved[h.id].lead],
            )
            for h in hits
        ],
        overlap=None,
        no_match=None,
    )
    if decision.outcome == rules.FIRM and chosen:
        return answer.model_copy(update={"flags": list(chosen.flags)})
    if decision.outcome == rules.OVERLAP and chosen:
        overlap = chosen.overlap or _evidence_overlap(decision, hits, headers, resolved)
        return answer.model_copy(update={"overlap": overlap, "flags": [Flag(code="OVERLAP", message=overlap.message)]})
    if decision.outcome == rules.SUGGESTION and chosen:
        suggestion = Suggestion(note=SUGGESTION_NOTE, lead=chosen.lead, cooperating=chosen.cooperating)
        flags = [Flag(code="WEAK_MATCH", message=decision.reason), Flag(code="SUGGESTION", message=SUGGESTION_NOTE)]
        return answer.model_copy(update={"suggestion": suggestion, "flags": flags})
    no_match = _no_match(nearest, resolved)
    return answer.model_copy(update={"no_match": no_match, "flags": [Flag(code="NO_MATCH", message=no_match.message)]})


def _evidence_overlap(
    decision: rules.BehaviourDecision,
    hits: list[behaviour_search.Hit],
    headers: dict[str, MatterHeader],
    resolved: dict[str, MatterResult],
) -> Overlap:
    """候选分歧: close matters of different departments; each lead is a candidate, with its matter and article."""
    assert decision.chosen is not None
    picked = [hits[decision.chosen], *(hits[i] for i in decision.rivals)]
    candidates: list[OverlapCandidate] = []
    seen: set[tuple[str, str | None]] = set()
    for hit in picked:
        for duty in resolved[hit.id].lead:
            key = (duty.department.id, duty.function.id if duty.function else None)
            if key in seen:  # one line per department and function: the best matter stands for it
                continue
            seen.add(key)
            bases = duty.evidence.bases
            candidates.append(
                OverlapCandidate(
                    department=duty.department,
                    function=duty.function,
                    catalogue_role=rules.LEAD,
                    matter=Ref(id=hit.id, name=hit.name),
                    article="、".join(f"《{b.title}》{b.article}" for b in bases if b.in_force) or None,
                )
            )
    top = headers[hits[decision.chosen].id]
    bases = [b for duty in resolved[top.id].lead for b in duty.evidence.bases]
    return Overlap(
        message=decision.reason, articles=[], candidates=candidates, tie_breaks=rules.tie_breaks(top, bases, [])
    )


SUGGESTION_NOTE = "描述与现有监管事项匹配度低(可能是新业态):按照领域归口、业务相近原则提出的建议,不是职责认定"
NO_MATCH_PROCEDURE = [
    "首接负责:最先接到反映的部门(或 12345 热线)登记受理,属于本部门职责的依法处理,"
    "不属于的及时转送相关部门并告知反映人,不得推诿",
    "职责不明确的:依照《地方各级人民政府机构设置和编制管理条例》第十条,相关部门先协商;协商不一致的,"
    "提请本级机构编制管理机关(编办)提出协调意见,报本级人民政府决定(可用 POST /api/v1/disputes 登记争议)",
]


def _no_match(hits: list[behaviour_search.Hit], resolved: dict[str, MatterResult]) -> NoMatch:
    """What the clerk can do when no matter fits: the nearest domains, who usually takes such reports, the procedure."""
    domains = list(dict.fromkeys(h.domain for h in hits if h.domain))[:3]
    usual: dict[str, UsualDepartment] = {}
    for hit in hits:
        for duty in resolved[hit.id].lead:
            entry = usual.setdefault(
                duty.department.id,
                UsualDepartment(department=duty.department, matters=[], why="最接近的监管事项由其牵头"),
            )
            entry.matters.append(hit.name)
    return NoMatch(
        message="目录中没有与该描述对应的监管事项,不作职责认定;请按下列程序办理",
        nearest_domains=domains,
        usual_departments=list(usual.values())[:3],
        procedure=NO_MATCH_PROCEDURE,
    )


def _no_match_fallback(reader: Reader, region: str, no_match: NoMatch, *queries: behaviour_search.Query) -> NoMatch:
    """A description no matter comes near still gets somewhere to go: the domains its thesaurus terms belong to,
    and, when no matter's holder usually takes such reports, the region's 编办 (it coordinates a duty no list
    settles, 编制条例第十条) and its people's government (the common superior that decides)."""
    domains = (
        no_match.nearest_domains
        or list(dict.fromkeys(d for q in queries for c in q.concepts for d in c.domain_names))[:3]
    )
    no_match = no_match.model_copy(update={"nearest_domains": domains})
    if no_match.usual_departments:
        return no_match
    [row] = reader.read(RECEIVERS, region_id=region)
    why = {
        "office": "职责不明确时由编办组织协商、提出协调意见(编制条例第十条)",
        "government": "本级人民政府:协商不一致时由其决定,也是共同的上一级行政机关(行政处罚法第二十五条)",
    }
    usual = [
        UsualDepartment(department=DepartmentRef.model_validate(row[key]), matters=[], why=why[key])
        for key in ("office", "government")
        if row[key]
    ]
    message = no_match.message
    if not domains:
        message = "目录中没有与该描述对应的监管事项,也没有相近的领域,不作职责认定;请按下列程序办理"
    return no_match.model_copy(update={"usual_departments": usual, "message": message})


class SubjectContext(BaseModel):
    """What resolution knows of a subject: where it is and the licences it holds on the date."""

    id: str
    name: str
    region_id: str | None
    subject_type_id: str | None
    licences: list[SubjectLicence]


def _read_subject(reader: Reader, code: str, as_of: date) -> SubjectContext:
    """Validate and gather: the subject by its code, with its licences (the issuer's region nested as a Ref)."""
    try:
        canonical = uscc.validate(code)
    except ValueError as e:
        raise InvalidInput(f"{e}:{code}", [{"field": "uscc", "reason": str(e)}]) from None
    rows = reader.read(SUBJECT, id=canonical, as_of=as_of)
    if not rows:
        raise NotFound(
            f"未找到统一社会信用代码为 {canonical} 的监管对象", [{"field": "uscc", "reason": "unknown subject"}]
        )
    row = rows[0]
    licences = [
        SubjectLicence.model_validate(lic | {"issuer": _licence_issuer(lic["issuer"])}) for lic in row["licences"]
    ]
    return SubjectContext.model_validate(row | {"licences": licences})


def _licence_issuer(issuer: dict[str, str] | None) -> LicenceIssuer | None:
    if not issuer:
        return None
    region = Ref(id=issuer["region_id"], name=issuer["region_name"])
    return LicenceIssuer(id=issuer["id"], name=issuer["name"], region=region)


def _as_suggestion(result: MatterResult) -> MatterResult:
    """A weak match is no resolution: its holders move to `suggestion`, flagged as such (seed 002)."""
    return result.model_copy(
        update={
            "suggestion": Suggestion(note=SUGGESTION_NOTE, lead=result.lead, cooperating=result.cooperating),
            "lead": [],
            "cooperating": [],
            "flags": [*result.flags, Flag(code="SUGGESTION", message=SUGGESTION_NOTE)],
        }
    )
