"""An independent reference for resolution: the same rules, written plainly over a networkx graph built from
the catalogue's rows (not from Neo4j), so that the property tests can check the Cypher path against it.
Covers the catalogue rules (assignment, locality_level, legal_text); rulings and licences have scenario tests.
"""

from __future__ import annotations

from datetime import date

import networkx as nx

from tests.support.catalogue import Catalogue


def _day(value: object) -> date | None:
    return date.fromisoformat(str(value)) if value else None


def _holds(row: dict, as_of: date, start: str = "valid_from", end: str = "valid_to") -> bool:
    vf, vt = _day(row.get(start)), _day(row.get(end))
    return (vf is None or vf <= as_of) and (vt is None or as_of < vt)


def build(catalogue: Catalogue) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    rows = catalogue.rows
    for r in rows["regions.csv"]:
        g.add_node(("region", r["id"]), **r)
        if r.get("parent_id"):
            g.add_edge(("region", r["id"]), ("region", r["parent_id"]), kind="PART_OF")
    for d in rows["departments.csv"]:
        g.add_node(("department", d["id"]), **d)
    for s in rows["function_successions.csv"]:
        g.add_edge(("function", s["from_id"]), ("function", s["to_id"]), kind="SUCCEEDED_BY", **s)
    for p in rows["department_functions.csv"]:
        g.add_edge(("department", p["department_id"]), ("function", p["function_id"]), kind="PERFORMS", **p)
    return g


def resolve(catalogue: Catalogue, matter_id: str, region: str, as_of: date) -> dict:
    """{"lead": {(department, rule)}, "cooperating": {...}, "flags": {codes}} by the documented precedence."""
    g = build(catalogue)
    rows = catalogue.rows
    matter = next(m for m in rows["matters.csv"] if m["id"] == matter_id)
    up = [region]  # the region and the regions above it, nearest first
    while parents := [t[1] for _, t, d in g.out_edges(("region", up[-1]), data=True) if d["kind"] == "PART_OF"]:
        up.append(parents[0])
    depth = {code: i for i, code in enumerate(up)}
    target = next((code for code in up if g.nodes[("region", code)]["level"] == matter["level"]), region)

    def performers(function: str) -> set[str]:
        # At the matter's level; where nobody performs it there, the nearest region above that has someone.
        for region_code in up[up.index(target) :] if target in up else [target]:
            found = set()
            for dept, _fn, data in g.in_edges(("function", function), data=True):
                department = g.nodes[dept]
                if (
                    data["kind"] == "PERFORMS"
                    and _holds(data, as_of)
                    and _holds(department, as_of)
                    and department["region_id"] == region_code
                ):
                    found.add(dept[1])
            if found:
                return found
        return set()

    def carried_by(function: str) -> set[str]:
        # Follow every reform that took effect by the date, to the end of each chain (a reform may split a role).
        later = [
            t[1]
            for _, t, d in g.out_edges(("function", function), data=True)
            if d["kind"] == "SUCCEEDED_BY" and _holds(d, as_of)
        ]
        return set().union(*(carried_by(f) for f in later)) if later else {function}

    bases = {a["matter_id"]: [] for a in rows["matter_articles.csv"]}
    for link in rows["matter_articles.csv"]:
        bases[link["matter_id"]].append(link["article_id"])
    versions = {v["id"]: v for v in rows["basis_versions.csv"]}
    articles = {a["id"]: a for a in rows["articles.csv"]}
    in_force = {
        a: _holds(versions[articles[a]["version_id"]], as_of, "effective_from", "effective_to")
        for a in bases.get(matter_id, [])
    }
    flags: set[str] = set()
    result: dict = {"lead": set(), "cooperating": set()}
    applicable = [
        a
        for a in rows["assignments.csv"]
        if a["matter_id"] == matter_id and _holds(a, as_of) and (not a.get("region_id") or a["region_id"] in depth)
    ]
    for role, key in (("牵头", "lead"), ("配合", "cooperating")):
        mine = [a for a in applicable if a["role"] == role]
        local = [a for a in mine if a.get("department_id")]
        functions = [a for a in mine if a.get("function_id")]
        if local:
            narrowest = min(depth.get(a.get("region_id"), 99) for a in local)
            result[key] = {
                (a["department_id"], "assignment") for a in local if depth.get(a.get("region_id"), 99) == narrowest
            }
        elif functions:
            for a in functions:
                found = set().union(*(performers(f) for f in carried_by(a["function_id"])))
                flags |= {"GAP"} if not found else set()
                result[key] |= {(d, "locality_level") for d in found}
        elif role == "牵头":
            named = _named_functions(rows, [a for a, ok in in_force.items() if ok])
            for function in named:
                found = set().union(*(performers(f) for f in carried_by(function)))
                flags |= {"GAP"} if not found else set()
                result[key] |= {(d, "legal_text") for d in found}
    if not result["lead"]:
        flags.add("GAP")
    if len({d for d, _ in result["lead"]}) > 1:
        flags.add("CONFLICT")
    if in_force and not any(in_force.values()):
        flags.add("STALE_BASIS")
    result["flags"] = flags
    return result


def _named_functions(rows: dict, articles: list[str]) -> set[str]:
    named: set[str] = set()
    for article in articles:
        own = {r["function_id"] for r in rows["article_functions.csv"] if r["article_id"] == article}
        if own:
            named |= own
            continue
        for link in rows["article_authorities.csv"]:
            if link["article_id"] == article:
                named |= {
                    r["function_id"]
                    for r in rows["article_functions.csv"]
                    if r["article_id"] == link["authority_article_id"]
                }
    return named
