"""Resolution: which matters a question concerns, and for each, who leads and who cooperates, with evidence.

The Cypher statements gather the facts (region hierarchy, validity on the date, reforms, performers at
the matter's level); `rules.decide` applies the precedence. Keeping the decision pure lets the tests check
it against an independent implementation over networkx.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from pydantic import BaseModel, Field, model_validator

from graphsvc import segment, uscc
from graphsvc.bounds import Day
from graphsvc.cypher import query
from graphsvc.db import Reader, Runner
from graphsvc.errors import InvalidInput, NotFound
from graphsvc.names import Names
from graphsvc.regions import require_region
from graphsvc.responsibility import behaviour_search, devolution, rules
from graphsvc.responsibility.rules import AssignmentFact, Facts, Performer, decide

GET_MATTER = query("responsibility/get_matter_header")
GET_MATTERS = query("responsibility/get_matter_headers")
SUBJECT = query("responsibility/get_subject_context")
SUBJECT_MATTERS = query("responsibility/list_matters_for_subject")
FACTS = query("responsibility/get_matter_facts")
DEVOLUTIONS = query("devolution/find_devolutions")
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


def resolve(runner: Runner, request: ResolveRequest) -> dict[str, Any]:
    """The answer for every matter the request concerns, read in one transaction."""
    names = Names(runner, request.as_of)
    region = names.region_param(request.region)
    named = {
        "region": region,
        "matter_id": names.matter_param(request.matter_id, region),
        "uscc": names.subject_param(request.uscc),
    }
    request = request.model_copy(update=named)
    if request.text and request.text.strip() and not request.matter_id:
        behaviour_search.prepare(runner)  # the static part of the search, outside the read transaction
    return runner.reading(lambda reader: _resolve(reader, request))


def _resolve(runner: Reader, request: ResolveRequest) -> dict[str, Any]:
    as_of = request.as_of or date.today()
    subject = _subject(runner, request.uscc, as_of) if request.uscc else None
    region = request.region or (subject or {}).get("region_id")
    if not region:
        raise InvalidInput(
            "需要行政区划代码 region(或一个有所在地的监管对象)", [{"field": "region", "reason": "required"}]
        )
    require_region(runner, region, error=NotFound)

    licences: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for lic in (subject or {}).get("licences", []):
        licences[lic["matter_id"]].append(lic)
    answer: dict[str, Any] = {"region": region, "as_of": as_of, "subject": _subject_summary(subject)}
    if request.text and request.text.strip() and not request.matter_id:
        return answer | _by_text(runner, request.text.strip(), region, as_of, licences)
    matters = _matters(runner, request, subject)
    results = resolve_matters(runner, matters, region, as_of, licences)
    for result in results:  # asked by id or by subject: no match score
        result["matter"] |= {"score": None, "coverage": None}
    return answer | {"results": results, "behaviours": None, "unexplained": None}


def resolve_matter(
    runner: Reader, matter: dict[str, Any], region: str, as_of: date, licences: list[dict[str, Any]]
) -> dict[str, Any]:
    """Lead and cooperating for one matter (see resolve_matters)."""
    return resolve_matters(runner, [matter], region, as_of, {matter["id"]: licences})[0]


def resolve_matters(
    runner: Reader,
    matters: list[dict[str, Any]],
    region: str,
    as_of: date,
    licences: dict[str, list[dict[str, Any]]] | None = None,
) -> list[dict[str, Any]]:
    """Lead and cooperating for each matter in the region on the date. The facts of all matters come in one
    statement (assignments, scopes, bases, carriers, performers per level), so the cost hardly grows with the
    count, and the decision stays in Python (rules.decide)."""
    if not matters:
        return []
    levels = sorted({m["level"] for m in matters}, key=str)
    [read] = runner.read(
        FACTS,
        matter_ids=[m["id"] for m in matters],
        region_id=region,
        as_of=as_of,
        open_pattern=rules.OPEN_TEXT_PATTERN,
        levels=levels,
    )
    assignments: dict[str, list[AssignmentFact]] = defaultdict(list)
    for row in read["assignments"]:
        assignments[row.pop("matter_id")].append(AssignmentFact(**row))
    # A matter resting on a local regulation applies only where that regulation does (issue 11).
    scopes = {row.pop("matter_id"): row for row in read["scopes"]}
    bases: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in read["bases"]:
        bases[row.pop("matter_id")].append(row)
    carriers = {row["function_id"]: row["carriers"] for row in read["carriers"]}
    performers: dict[str | None, list[Performer]] = {level: [] for level in levels}
    for row in read["performers"]:
        performers[row.pop("level")].append(Performer(**row))
    # Powers a province devolved to 街道/乡镇 (行政处罚法第二十四条): resolution looks below the county here.
    devolved: dict[str, list[devolution.PowerFact]] = defaultdict(list)
    for row in runner.read(DEVOLUTIONS, matter_ids=[m["id"] for m in matters], region_id=region, as_of=as_of):
        devolved[row.pop("matter_id")].append(devolution.PowerFact(**row))
    results = []
    for m in matters:
        scoped = m | {"scope": scopes.get(m["id"])}
        facts = Facts(
            scoped,
            assignments[m["id"]],
            performers[m["level"]],
            bases[m["id"]],
            (licences or {}).get(m["id"], []),
            carriers,
        )
        decision = decide(facts)
        results.append(
            {
                "matter": {"id": m["id"], "name": m["name"], "level": m["level"], "applies_in": scoped["scope"]},
                "lead": decision.lead,
                "cooperating": decision.cooperating,
                "flags": decision.flags,
                "overlap": decision.overlap,
                "devolution": None,
            }
        )
        results[-1] = devolution.apply(results[-1], devolved[m["id"]], bases[m["id"]], m.get("category"))
    return results


def _matters(runner: Reader, request: ResolveRequest, subject: dict | None) -> list[dict[str, Any]]:
    """The matters asked about by id, or those of the subject's kinds and licences."""
    if request.matter_id:
        rows = runner.read(GET_MATTER, id=request.matter_id)
        if not rows:
            raise NotFound(f"未知的监管事项:{request.matter_id}", [{"field": "matter_id", "reason": "unknown matter"}])
        return rows
    assert subject is not None
    ids = [m["id"] for m in runner.read(SUBJECT_MATTERS, id=subject["id"])]
    return runner.read(GET_MATTERS, ids=ids)


# -- by description -------------------------------------------------------------------------------------


def _by_text(
    runner: Reader, text: str, region: str, as_of: date, licences: dict[str, list[dict[str, Any]]]
) -> dict[str, Any]:
    """One answer per behaviour the description names (several when its clauses go to different departments),
    each with the rule that decided how sure it is; `results` are the candidate matters, resolved."""
    parts = segment.clauses(text)
    limits = {text: TEXT_CANDIDATES} | ({p: CLAUSE_CANDIDATES for p in parts if p != text} if len(parts) > 1 else {})
    found = behaviour_search.search_many(runner, limits, region)  # the description and its clauses in one round trip
    ids = list(dict.fromkeys(h.id for _, hits in found.values() for h in hits))
    headers = {m["id"]: m for m in runner.read(GET_MATTERS, ids=ids)}
    answers = resolve_matters(runner, list(headers.values()), region, as_of, licences)
    resolved = {m: r for m, r in zip(headers, answers, strict=True)}

    def judge(key: str) -> tuple[rules.BehaviourDecision, list[rules.BehaviourCandidate]]:
        candidates = [_candidate(h, resolved[h.id]) for h in found[key][1]]
        weight = rules.NO_MATCH_WEIGHT if key == text else rules.CLAUSE_WEIGHT  # a clause is short
        return rules.decide_behaviour(candidates, weight), candidates

    # Clauses that firmly name a holder, grouped by it: two groups or more are behaviours of their own.
    groups: dict[frozenset[str], list[str]] = {}
    for part in parts if len(parts) > 1 else []:
        decision, candidates = judge(part)
        top = found[part][1][0] if found[part][1] else None
        if (
            decision.outcome == rules.FIRM
            and top is not None
            and top.coverage >= rules.SPLIT_COVERAGE
            and top.explained_weight >= rules.SPLIT_WEIGHT
        ):
            groups.setdefault(candidates[0].holders, []).append(part)
    # Clauses that firmly name different departments are behaviours of their own, unless the whole description
    # firmly names one holder: then the other clauses are most often the story around it (they stay listed below).
    split = len(groups) > 1 and judge(text)[0].outcome != rules.FIRM
    chosen = [("，".join(c), c[0]) for c in groups.values()] if split else [(text, text)]
    # A clause that none of the answers explains is listed, never dropped in silence (it is not made an answer
    # of its own: most such clauses are the story around the behaviour, 吓死人了, 物业不管).
    answered = {found[key][1][d.chosen].id for _, key in chosen if (d := judge(key)[0]).chosen is not None}
    unexplained = [
        part
        for part in (parts if len(parts) > 1 else [])
        if _substantial(part)
        and not any(h.id in answered and h.coverage >= rules.WEAK_COVERAGE for h in found[part][1])
        and part not in {said for said, _ in chosen}
    ]
    behaviours = []
    for said, key in chosen:
        decision, candidates = judge(key)
        nearest = found[key][1] or found[text][1]  # a clause with no hit: the whole description's nearest
        behaviours.append(_behaviour(said, decision, candidates, found[key][1], headers, resolved, nearest))
    for behaviour, (_, key) in zip(behaviours, chosen, strict=True):
        if behaviour["no_match"] is not None:
            _no_match_fallback(runner, region, behaviour["no_match"], found[key][0], found[text][0])
    weak = {
        c["matter"]["id"]
        for b in behaviours
        if b["outcome"] in (rules.SUGGESTION, rules.NO_MATCH)
        for c in b["candidates"]
    }
    best = {h.id: h for _, hits in reversed(found.values()) for h in hits}
    results = []
    for matter_id in ids:
        hit = best[matter_id]
        result = resolved[matter_id] | {"matter": resolved[matter_id]["matter"] | _match(hit)}
        if hit.coverage < rules.WEAK_COVERAGE:  # this matter alone explains too little of the description
            message = f"描述与该事项的用词重合度低({hit.coverage:.0%})"
            result["flags"] = [*result["flags"], {"code": "WEAK_MATCH", "message": message}]
        if matter_id in weak:
            result = _as_suggestion(result)
        results.append(result)
    return {"behaviours": behaviours, "unexplained": unexplained, "results": results}


def _substantial(clause: str) -> bool:
    """A clause that says something of its own (two content words or more), not 请相关部门查一下."""
    return len(segment.content_words(clause)) >= rules.CLAUSE_CONCEPTS


def _match(hit: behaviour_search.Hit) -> dict[str, Any]:
    return {"score": hit.score, "coverage": hit.coverage, "explained": hit.explained}


def _candidate(hit: behaviour_search.Hit, result: dict[str, Any]) -> rules.BehaviourCandidate:
    return rules.BehaviourCandidate(
        hit.id,
        hit.name,
        hit.score,
        hit.coverage,
        hit.explained_weight,
        frozenset(d["department"]["id"] for d in result["lead"]),
        tuple(sorted({d["department"]["name"] for d in result["lead"]})),
        result["overlap"] is not None,
        hit.unexplained,
    )


def _behaviour(
    said: str,
    decision: rules.BehaviourDecision,
    candidates: list[rules.BehaviourCandidate],
    hits: list[behaviour_search.Hit],
    headers: dict[str, dict[str, Any]],
    resolved: dict[str, dict[str, Any]],
    nearest: list[behaviour_search.Hit],
) -> dict[str, Any]:
    """The answer for one behaviour: outcome, rule and reason in Chinese, the holders when firm, every candidate
    when the law or the evidence names several, and what to do when nothing matches."""
    chosen = resolved[hits[decision.chosen].id] if decision.chosen is not None else None
    answer: dict[str, Any] = {
        "text": said,
        "outcome": decision.outcome,
        "rule": decision.rule,
        "reason": decision.reason,
        "matter": chosen["matter"] | _match(hits[decision.chosen]) if chosen and decision.chosen is not None else None,
        "lead": chosen["lead"] if chosen and decision.outcome == rules.FIRM else [],
        "cooperating": chosen["cooperating"] if chosen and decision.outcome == rules.FIRM else [],
        "flags": [],
        "candidates": [
            {
                "matter": {"id": h.id, "name": h.name} | _match(h),
                "lead": [{"department": d["department"], "function": d["function"]} for d in resolved[h.id]["lead"]],
            }
            for h in hits
        ],
        "overlap": None,
        "no_match": None,
    }
    if decision.outcome == rules.FIRM and chosen:
        answer["flags"] = list(chosen["flags"])
    elif decision.outcome == rules.OVERLAP and chosen:
        answer["overlap"] = chosen["overlap"] or _evidence_overlap(decision, hits, headers, resolved)
        answer["flags"] = [{"code": "OVERLAP", "message": answer["overlap"]["message"]}]
    elif decision.outcome == rules.SUGGESTION and chosen:
        answer["suggestion"] = {"note": SUGGESTION_NOTE, "lead": chosen["lead"], "cooperating": chosen["cooperating"]}
        answer["flags"] = [
            {"code": "WEAK_MATCH", "message": decision.reason},
            {"code": "SUGGESTION", "message": SUGGESTION_NOTE},
        ]
    else:
        answer["no_match"] = _no_match(nearest, resolved)
        answer["flags"] = [{"code": "NO_MATCH", "message": answer["no_match"]["message"]}]
    return answer


def _evidence_overlap(
    decision: rules.BehaviourDecision,
    hits: list[behaviour_search.Hit],
    headers: dict[str, dict[str, Any]],
    resolved: dict[str, dict[str, Any]],
) -> dict[str, Any]:
    """候选分歧: close matters of different departments; each lead is a candidate, with its matter and article."""
    assert decision.chosen is not None
    picked = [hits[decision.chosen], *(hits[i] for i in decision.rivals)]
    candidates, seen = [], set()
    for hit in picked:
        for duty in resolved[hit.id]["lead"]:
            key = (duty["department"]["id"], (duty["function"] or {}).get("id"))
            if key in seen:  # one line per department and function: the best matter stands for it
                continue
            seen.add(key)
            bases = duty["evidence"]["bases"]
            candidates.append(
                {
                    "department": duty["department"],
                    "function": duty["function"],
                    "catalogue_role": rules.LEAD,
                    "matter": {"id": hit.id, "name": hit.name},
                    "article": "、".join(f"《{b['title']}》{b['article']}" for b in bases if b["in_force"]) or None,
                }
            )
    top = headers[hits[decision.chosen].id]
    bases = [b for duty in resolved[top["id"]]["lead"] for b in duty["evidence"]["bases"]]
    return {
        "message": decision.reason,
        "articles": [],
        "candidates": candidates,
        "tie_breaks": rules.tie_breaks(top, bases, []),
    }


SUGGESTION_NOTE = "描述与现有监管事项匹配度低(可能是新业态):按照领域归口、业务相近原则提出的建议,不是职责认定"
NO_MATCH_PROCEDURE = [
    "首接负责:最先接到反映的部门(或 12345 热线)登记受理,属于本部门职责的依法处理,"
    "不属于的及时转送相关部门并告知反映人,不得推诿",
    "职责不明确的:依照《地方各级人民政府机构设置和编制管理条例》第十条,相关部门先协商;协商不一致的,"
    "提请本级机构编制管理机关(编办)提出协调意见,报本级人民政府决定(可用 POST /api/v1/disputes 登记争议)",
]


def _no_match(hits: list[behaviour_search.Hit], resolved: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """What the clerk can do when no matter fits: the nearest domains, who usually takes such reports, the procedure."""
    domains = list(dict.fromkeys(h.domain for h in hits if h.domain))[:3]
    usual: dict[str, dict[str, Any]] = {}
    for hit in hits:
        for duty in resolved[hit.id]["lead"]:
            entry = usual.setdefault(
                duty["department"]["id"],
                {"department": duty["department"], "matters": [], "why": "最接近的监管事项由其牵头"},
            )
            entry["matters"].append(hit.name)
    return {
        "message": "目录中没有与该描述对应的监管事项,不作职责认定;请按下列程序办理",
        "nearest_domains": domains,
        "usual_departments": list(usual.values())[:3],
        "procedure": NO_MATCH_PROCEDURE,
    }


def _no_match_fallback(runner: Reader, region: str, no_match: dict[str, Any], *queries: behaviour_search.Query) -> None:
    """A description no matter comes near still gets somewhere to go: the domains its thesaurus terms belong to,
    and, when no matter's holder usually takes such reports, the region's 编办 (it coordinates a duty no list
    settles, 编制条例第十条) and its people's government (the common superior that decides)."""
    if not no_match["nearest_domains"]:
        domains = [d for q in queries for c in q.concepts for d in c.domain_names]
        no_match["nearest_domains"] = list(dict.fromkeys(domains))[:3]
    if no_match["usual_departments"]:
        return
    [row] = runner.read(RECEIVERS, region_id=region)
    why = {
        "office": "职责不明确时由编办组织协商、提出协调意见(编制条例第十条)",
        "government": "本级人民政府:协商不一致时由其决定,也是共同的上一级行政机关(行政处罚法第二十五条)",
    }
    no_match["usual_departments"] = [
        {"department": row[key], "matters": [], "why": why[key]} for key in ("office", "government") if row[key]
    ]
    if not no_match["nearest_domains"]:
        no_match["message"] = "目录中没有与该描述对应的监管事项,也没有相近的领域,不作职责认定;请按下列程序办理"


def _subject(runner: Reader, code: str, as_of: date) -> dict[str, Any]:
    try:
        canonical = uscc.validate(code)
    except ValueError as e:
        raise InvalidInput(f"{e}:{code}", [{"field": "uscc", "reason": str(e)}]) from None
    rows = runner.read(SUBJECT, id=canonical, as_of=as_of)
    if not rows:
        raise NotFound(
            f"未找到统一社会信用代码为 {canonical} 的监管对象", [{"field": "uscc", "reason": "unknown subject"}]
        )
    subject = rows[0]
    for lic in subject["licences"]:
        issuer = lic["issuer"]
        if issuer:
            lic["issuer"] = {
                "id": issuer["id"],
                "name": issuer["name"],
                "region": {"id": issuer["region_id"], "name": issuer["region_name"]},
            }
    return subject


def _subject_summary(subject: dict[str, Any] | None) -> dict[str, Any] | None:
    if subject is None:
        return None
    return {"id": subject["id"], "name": subject["name"], "region_id": subject["region_id"]}


def _as_suggestion(result: dict[str, Any]) -> dict[str, Any]:
    """A weak match is no resolution: its holders move to `suggestion`, flagged as such (seed 002)."""
    return result | {
        "suggestion": {"note": SUGGESTION_NOTE, "lead": result["lead"], "cooperating": result["cooperating"]},
        "lead": [],
        "cooperating": [],
        "flags": [*result["flags"], {"code": "SUGGESTION", "message": SUGGESTION_NOTE}],
    }
