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

from graphsvc import fulltext, uscc
from graphsvc.bounds import Day
from graphsvc.cypher import query
from graphsvc.db import Reader, Runner
from graphsvc.errors import InvalidInput, NotFound
from graphsvc.names import Names
from graphsvc.regions import require_region
from graphsvc.responsibility.rules import AssignmentFact, Facts, Performer, decide, legal_text_functions

GET_MATTER = query("responsibility/get_matter_header")
GET_MATTERS = query("responsibility/get_matter_headers")
ASSIGNMENTS = query("responsibility/list_assignments_in_force")
PERFORMERS = query("responsibility/find_performers")
CARRIERS = query("responsibility/find_carriers")
BASES = query("responsibility/list_matter_bases")
SUBJECT = query("responsibility/get_subject_context")
SUBJECT_MATTERS = query("responsibility/list_matters_for_subject")
BY_TEXT = query("responsibility/find_matters_by_text")
SCOPES = query("responsibility/list_matter_scopes")

TEXT_CANDIDATES = 5
# A match that explains less than this share of the description's words (bigrams) is weak: a new business
# form, or a description in other words. Lucene's score ranks; it is no measure across queries.
WEAK_MATCH_COVERAGE = 0.5


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

    candidates = _candidates(runner, request, subject)
    results = []
    licences: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for lic in (subject or {}).get("licences", []):
        licences[lic["matter_id"]].append(lic)
    answers = resolve_matters(runner, [matter for matter, _ in candidates], region, as_of, licences)
    weak = []
    for (_, hit), result in zip(candidates, answers, strict=True):
        result["matter"] |= hit or {"score": None, "coverage": None}
        if hit and hit["coverage"] < WEAK_MATCH_COVERAGE:
            weak.append(result)
            message = f"描述与该事项的用词重合度低({hit['coverage']:.0%})"
            result["flags"].append({"code": "WEAK_MATCH", "message": message})
        results.append(result)
    if request.text and len(weak) == len(results):
        for result in results:
            _as_suggestion(result)
    return {"region": region, "as_of": as_of, "subject": _subject_summary(subject), "results": results}


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
    """Lead and cooperating for each matter in the region on the date. The facts of all matters come in a few
    statements (assignments, bases, carriers, performers per level), so the cost hardly grows with the count."""
    if not matters:
        return []
    ids = [m["id"] for m in matters]
    assignments: dict[str, list[AssignmentFact]] = defaultdict(list)
    for row in runner.read(ASSIGNMENTS, matter_ids=ids, region_id=region, as_of=as_of):
        assignments[row.pop("matter_id")].append(AssignmentFact(**row))
    # A matter resting on a local regulation applies only where that regulation does (issue 11).
    scopes = {row.pop("matter_id"): row for row in runner.read(SCOPES, matter_ids=ids, region_id=region)}
    bases: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in runner.read(BASES, matter_ids=ids, as_of=as_of):
        bases[row.pop("matter_id")].append(row)
    functions = {
        m["id"]: {a.function["id"] for a in assignments[m["id"]] if a.function}
        | {named["function_id"] for named, _ in legal_text_functions(bases[m["id"]])}
        for m in matters
    }
    all_functions = sorted(set().union(*functions.values()))
    carriers = (
        {row["function_id"]: row["carriers"] for row in runner.read(CARRIERS, function_ids=all_functions, as_of=as_of)}
        if all_functions
        else {}
    )
    performers: dict[str | None, list[Performer]] = {}
    for level in sorted({m["level"] for m in matters}, key=str):
        carrier_ids = sorted(
            {c["id"] for m in matters if m["level"] == level for f in functions[m["id"]] for c in carriers.get(f, [])}
        )
        performers[level] = (
            [
                Performer(**row)
                for row in runner.read(PERFORMERS, function_ids=carrier_ids, region_id=region, level=level, as_of=as_of)
            ]
            if carrier_ids
            else []
        )
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
            }
        )
    return results


def _candidates(runner: Reader, request: ResolveRequest, subject: dict | None) -> list[tuple[dict, dict | None]]:
    """The matters asked about, with how well each matches the description when there is one."""
    if request.matter_id:
        rows = runner.read(GET_MATTER, id=request.matter_id)
        if not rows:
            raise NotFound(f"未知的监管事项:{request.matter_id}", [{"field": "matter_id", "reason": "unknown matter"}])
        return [(rows[0], None)]
    if request.text and request.text.strip():
        hits = runner.read(
            BY_TEXT,
            query=fulltext.terms(request.text),
            limit=TEXT_CANDIDATES,
            region_id=request.region or (subject or {}).get("region_id"),
        )
        headers = runner.read(GET_MATTERS, ids=[h["id"] for h in hits])
        return [
            (
                header,
                {
                    "score": h["score"],
                    "coverage": fulltext.coverage(request.text, f"{h['name']} {h['description'] or ''}"),
                },
            )
            for h, header in zip(hits, headers, strict=True)
        ]
    assert subject is not None
    ids = [m["id"] for m in runner.read(SUBJECT_MATTERS, id=subject["id"])]
    return [(header, None) for header in runner.read(GET_MATTERS, ids=ids)]


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


def _as_suggestion(result: dict[str, Any]) -> None:
    """A weak match is no resolution: its holders move to `suggestion`, flagged as such (seed 002)."""
    result["suggestion"] = {
        "note": "描述与现有监管事项匹配度低(可能是新业态):按照领域归口、业务相近原则提出的建议,不是职责认定",
        "lead": result.pop("lead"),
        "cooperating": result.pop("cooperating"),
    }
    result["lead"], result["cooperating"] = [], []
    result["flags"].append({"code": "SUGGESTION", "message": result["suggestion"]["note"]})
