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
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

LEAD, COOPERATING = "牵头", "配合"


@dataclass
class AssignmentFact:
    assignment: dict[str, Any]
    role: str
    ruling: dict[str, Any] | None
    scope_depth: int | None  # 0 = the region itself; None = unscoped
    department: dict[str, Any] | None
    function: dict[str, Any] | None


@dataclass
class Performer:
    function_id: str
    department: dict[str, Any]
    region: dict[str, Any]
    performs: dict[str, Any]
    distance: int  # regions walked up from the one at the matter's level; the nearest performers decide


@dataclass
class Facts:
    """Everything the rules decide by, for one matter in one region on one date."""

    matter: dict[str, Any]
    assignments: list[AssignmentFact]
    performers: list[Performer]  # of every function that carries a role the assignments or the bases name
    bases: list[dict[str, Any]]
    licences: list[dict[str, Any]]  # the subject's licences in force for this matter
    # function id → the functions carrying its role on the date (after reforms), each with the steps taken
    carriers: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def carriers_of(self, function: dict[str, Any]) -> list[dict[str, Any]]:
        return self.carriers.get(function["id"]) or [function | {"succession": []}]


@dataclass
class Decision:
    lead: list[dict[str, Any]]
    cooperating: list[dict[str, Any]]
    flags: list[dict[str, str]]


def legal_text_functions(bases: list[dict[str, Any]]) -> list[tuple[dict[str, Any], dict[str, Any] | None]]:
    """(named function, allocating article or None) for the in-force articles of a matter."""
    found: dict[str, tuple[dict[str, Any], dict[str, Any] | None]] = {}
    for basis in bases:
        if not basis["in_force"]:
            continue
        for named in basis["named"]:
            found.setdefault(named["function_id"], (named, None))
        if not basis["named"]:
            for source in basis["authority"]:
                for named in source["named"]:
                    found.setdefault(named["function_id"], (named, source))
    return [found[k] for k in sorted(found)]


def decide(facts: Facts) -> Decision:
    scope = facts.matter.get("scope")
    if scope and not scope["in_scope"]:  # a local regulation's matter outside its region: no duty, so no gap
        names = "、".join(r["name"] for r in scope["regions"])
        message = f"该事项的设定依据只在{names}适用,不是本地区的监管事项,也不是监管空白"
        return Decision([], [], [{"code": "NOT_APPLICABLE", "message": message}])
    flags: list[dict[str, str]] = []
    lead = _decide_role(facts, LEAD, flags)
    cooperating = _decide_role(facts, COOPERATING, flags)
    lead_departments = {d["department"]["id"] for d in lead}
    if len(lead_departments) > 1:
        names = "、".join(sorted({d["department"]["name"] for d in lead}))
        flags.append({"code": "CONFLICT", "message": f"有多个牵头部门:{names}"})
    if not lead and not any(f["code"] == "GAP" for f in flags):
        flags.append({"code": "GAP", "message": "没有找到牵头部门:目录未指定,设定依据也未指明职能"})
    if facts.bases and not any(b["in_force"] for b in facts.bases):
        flags.append({"code": "STALE_BASIS", "message": "该事项的设定依据在查询日均不在有效期内"})
    return Decision(lead, cooperating, flags)


def _decide_role(facts: Facts, role: str, flags: list[dict[str, str]]) -> list[dict[str, Any]]:
    mine = [a for a in facts.assignments if a.role == role]
    ruled = _closest([a for a in mine if a.ruling])
    if ruled:
        return _from_assignments(facts, ruled, "ruling", flags)
    licence_note = None
    if role == LEAD and facts.licences:
        approved = [lic for lic in facts.licences if lic["approval_mode"] == "部门审批" and lic["issuer"]]
        if approved:
            return [_duty(lic["issuer"], None, "licence", facts, licence=lic) for lic in approved]
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
    rule: str,
    flags: list[dict[str, str]],
    licence: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    duties = []
    for a in assignments:
        if a.department:
            duties.append(_duty(a.department, None, rule, facts, assignment=a, licence=licence))
        elif a.function:
            duties += _performers_of(facts, a.function, rule, flags, f"({a.role})", assignment=a, licence=licence)
    return duties


def _from_legal_text(facts: Facts, flags: list[dict[str, str]], licence: dict[str, Any] | None) -> list[dict]:
    duties = []
    for named, source in legal_text_functions(facts.bases):
        function = {"id": named["function_id"], "name": named["function_name"]}
        duties += _performers_of(
            facts, function, "legal_text", flags, "", licence=licence, named=named, authority=source
        )
    return duties


def _performers_of(
    facts: Facts, function: dict[str, Any], rule: str, flags: list[dict[str, str]], role_note: str, **why: Any
) -> list[dict[str, Any]]:
    """The departments that perform the function, or the functions that took over its role, on the date."""
    duties = []
    for carrier in facts.carriers_of(function):
        candidates = [p for p in facts.performers if p.function_id == carrier["id"]]
        nearest = min((p.distance for p in candidates), default=0)
        duties += [
            _duty(
                p.department | {"region": p.region},
                p,
                rule,
                facts,
                carrier={"id": carrier["id"], "name": carrier["name"]},
                succession=carrier["succession"],
                **why,
            )
            for p in candidates
            if p.distance == nearest
        ]
    if not duties:
        flags.append({"code": "GAP", "message": f"当地没有部门在查询日履行「{function['name']}」职能{role_note}"})
    return duties


def _duty(
    department: dict[str, Any],
    performer: Performer | None,
    rule: str,
    facts: Facts,
    *,
    carrier: dict[str, Any] | None = None,
    succession: list[dict[str, Any]] | None = None,
    assignment: AssignmentFact | None = None,
    licence: dict[str, Any] | None = None,
    named: dict[str, Any] | None = None,
    authority: dict[str, Any] | None = None,
) -> dict[str, Any]:
    evidence = {
        "performs": performer.performs | {"department_id": department["id"], "function_id": performer.function_id}
        if performer
        else None,
        "assignment": assignment.assignment if assignment else None,
        "assigned_function": assignment.function if assignment else None,
        "succession": succession or [],
        "ruling": assignment.ruling if assignment else None,
        "licence": licence,
        "named_by_article": named,
        "authority_from": authority,
        "bases": facts.bases,
    }
    region = department.get("region")
    return {
        "department": {
            "id": department["id"],
            "name": department["name"],
            "region": {"id": region["id"], "name": region["name"]} if region else None,
        },
        "function": carrier,
        "rule": rule,
        "evidence": evidence,
    }
