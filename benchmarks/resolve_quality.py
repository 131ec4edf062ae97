"""How right resolve-by-description is, on the labelled set data/eval/descriptions.csv, and how fast.

    GRAPHSVC_LAWS_DIR=/work/shared/laws .venv/bin/python benchmarks/resolve_quality.py [--reuse] [--misses]

Starts its own Neo4j (.neo4j/bench-quality, Bolt 28287, HTTP 28274, + 10 × GRAPHSVC_TEST_SLOT), loads the reference
catalogue (with the thesaurus) and the law texts, then resolves every description for 雁塔区 (610113) and
闵行区 (310112) and prints:
- firm-right: of the rows whose law settles one holder (expect=firm), the share answered firmly with exactly
  the expected lead department(s) (one per behaviour);
- confidently wrong: of all answers, the share with a firm lead that is not an expected department (for
  expect=overlap and no_match every firm lead is wrong: the law gives no single one);
- overlap-flagged: of the expect=overlap rows, the share flagged OVERLAP;
- no-match-handled: of the expect=no_match rows, the share answered NO_MATCH (and the share not firm);
- latency of resolve (direct calls over the driver), p50 and p95 in milliseconds, with the machine's load;
- the two analyzers compared on the same indexed words: `whitespace` over jieba's words with the thesaurus
  (the service's `matter_words`) against `cjk` bigrams of the description and its thesaurus terms
  (`matter_words_cjk`, created here only): how often the best matter, and any of the first six, cites the
  article that settles the row, and the time per query;
for the whole set and for its two halves (odd ids: dev, even ids: test) so a rule tuned on one is checked on
the other. `--misses` lists every row that is not right.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import statistics
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

from pydantic import SecretStr

from graphsvc import fulltext, schema, segment
from graphsvc.config import ROOT, Neo4jSettings, ServiceSettings, Settings
from graphsvc.cypher import query
from graphsvc.db import Runner, create_driver
from graphsvc.local_neo4j import LocalNeo4j
from graphsvc.responsibility import behaviour_search, rules
from graphsvc.responsibility.resolve import ResolveRequest, resolve
from loaders.law_text import load_law_path
from loaders.reference import load_reference
from loaders.synonyms import load_synonyms

HOME = ROOT / ".neo4j" / "bench-quality"
EVAL = ROOT / "data" / "eval" / "descriptions.csv"
REGIONS = ("610113", "310112")
AS_OF = date(2026, 1, 1)
ACTOR = "bench:quality"
DATA_DIRECTORY = query("admin/data_directory")
DELETE_EVERYTHING = query("admin/delete_everything")
COUNT = query("admin/count_nodes_by_label")
BIGRAM_INDEX = query("search/create_bigram_index")
BY_BIGRAMS = query("search/find_matters_by_bigrams")
MATTER_ARTICLES = ROOT / "data" / "reference" / "matter_articles.csv"


@dataclass
class Row:
    id: str
    text: str
    expect: str
    departments: dict[str, list[set[str]]]  # region → one set of acceptable departments per behaviour
    article_id: str = ""  # the article(s) that settle it, `;`-separated


@dataclass
class Outcome:
    row: Row
    region: str
    outcomes: list[str]
    firm_leads: list[set[str]]
    overlap: bool
    no_match: bool
    answer: list[dict] = field(default_factory=list)
    dump: dict = field(default_factory=dict)

    @property
    def expected(self) -> list[set[str]]:
        return self.row.departments[self.region]

    @property
    def firm_right(self) -> bool:
        wanted = self.expected
        return (
            bool(wanted)
            and all(o == "firm" for o in self.outcomes)
            and len(self.firm_leads) == len(wanted)
            and all(any(lead == w for w in wanted) for lead in self.firm_leads)
            and all(any(lead == w for lead in self.firm_leads) for w in wanted)
        )

    @property
    def confidently_wrong(self) -> bool:
        if self.row.expect != "firm":
            return any(self.firm_leads)
        allowed = set().union(*self.expected) if self.expected else set()
        return any(lead - allowed for lead in self.firm_leads)


def read_rows(path: Path) -> list[Row]:
    rows = []
    with path.open(encoding="utf-8-sig", newline="") as f:
        for raw in csv.DictReader(f):
            departments = {}
            for region in REGIONS:
                cell = raw.get(f"dept_{region}", "") or ""
                departments[region] = [
                    {d.strip() for d in part.split("|") if d.strip()} for part in cell.split(";") if part.strip()
                ]
            rows.append(Row(raw["id"], raw["text"], raw["expect"], departments, raw.get("article_id", "")))
    return rows


def settings() -> Settings:
    # GRAPHSVC_TEST_SLOT moves the ports (as it does the tests'), so parallel runs on one machine do not meet
    slot = int(os.environ.get("GRAPHSVC_TEST_SLOT", "0") or 0)
    return Settings(
        Neo4jSettings(uri=f"neo4j://127.0.0.1:{28287 + 10 * slot}", password=SecretStr("graphsvc-bench-only")),
        ServiceSettings(neo4j_home=HOME, neo4j_http_port=28274 + 10 * slot, neo4j_heap="1g", neo4j_pagecache="256m"),
    )


def load(runner: Runner, laws: Path) -> None:
    data = Path(runner.read(DATA_DIRECTORY)[0]["data_directory"]).resolve()
    if not data.is_relative_to(HOME.resolve()):
        raise SystemExit(f"refusing to wipe {data}")
    runner.write(DELETE_EVERYTHING)
    schema.apply(runner)
    load_reference(runner, ROOT / "data" / "reference", ACTOR).raise_if_failed()
    load_law_path(runner, laws, ACTOR).raise_if_failed()


def run(
    runner: Runner, rows: list[Row], regions: tuple[str, ...] = REGIONS, seen: list[dict] | None = None
) -> tuple[list[Outcome], list[float]]:
    outcomes, times = [], []
    for row in rows:
        for region in regions:
            request = ResolveRequest(text=row.text, region=region, as_of=AS_OF)
            start = len(seen) if seen is not None else 0
            t0 = time.perf_counter()
            answer = resolve(runner, request).model_dump()  # read as the API body's structure
            times.append((time.perf_counter() - t0) * 1000)
            behaviours = answer["behaviours"] or []
            outcomes.append(
                Outcome(
                    row,
                    region,
                    [b["outcome"] for b in behaviours],
                    [{d["department"]["id"] for d in b["lead"]} for b in behaviours if b["outcome"] == "firm"],
                    any(f["code"] == "OVERLAP" for b in behaviours for f in b["flags"]),
                    any(b["outcome"] == "no_match" for b in behaviours),
                    behaviours,
                )
            )
            if seen is not None:
                outcomes[-1].dump = {
                    "id": row.id,
                    "region": region,
                    "expect": row.expect,
                    "expected": row.departments[region],
                    "text": row.text,
                    "parts": segment.clauses(row.text),
                    "decisions": seen[start:],
                }
    return outcomes, times


def share(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} % ({part}/{whole})" if whole else "   n/a"


def report(title: str, outcomes: list[Outcome]) -> dict[str, float]:
    firm = [o for o in outcomes if o.row.expect == "firm"]
    overlap = [o for o in outcomes if o.row.expect == "overlap"]
    none = [o for o in outcomes if o.row.expect == "no_match"]
    figures = {
        "firm_right": sum(o.firm_right for o in firm) / len(firm) if firm else 0.0,
        "confidently_wrong": sum(o.confidently_wrong for o in outcomes) / len(outcomes) if outcomes else 0.0,
        "overlap_flagged": sum(o.overlap for o in overlap) / len(overlap) if overlap else 0.0,
        "no_match_handled": sum(o.no_match for o in none) / len(none) if none else 0.0,
    }
    regions = len({o.region for o in outcomes}) or 1
    print(f"{title}: {len(outcomes)} answers ({len(outcomes) // regions} descriptions × {regions} regions)")
    print(f"  firm-right          {share(sum(o.firm_right for o in firm), len(firm))}")
    print(f"  confidently wrong   {share(sum(o.confidently_wrong for o in outcomes), len(outcomes))}")
    print(f"  overlap-flagged     {share(sum(o.overlap for o in overlap), len(overlap))}")
    print(f"  no-match-handled    {share(sum(o.no_match for o in none), len(none))}", end="")
    print(f"   (not firm: {share(sum(not o.firm_leads for o in none), len(none))})")
    return figures


def cited_articles() -> dict[str, set[str]]:
    cites: dict[str, set[str]] = {}
    with MATTER_ARTICLES.open(encoding="utf-8-sig", newline="") as f:
        for r in csv.DictReader(f):
            cites.setdefault(r["matter_id"], set()).add(r["article_id"])
    return cites


def cites_article(cites: dict[str, set[str]], matter_id: str, article: str) -> bool:
    """The matter rests on the article, or on a part of it, or on the article it is part of."""
    return any(
        a == article or a.startswith(article + ".") or article.startswith(a + ".") for a in cites.get(matter_id, ())
    )


def cause(o: Outcome, cites: dict[str, set[str]]) -> str | None:
    """Why an answer is not right, in one word (None when it is right)."""
    if o.row.expect == "firm":
        if o.firm_right:
            return None
        if not o.expected:
            return "no performer in the data"
        if o.confidently_wrong:
            return "wrong firm"
        if o.no_match:
            return "no match"
        if all(x == "firm" for x in o.outcomes):
            return "behaviours miscounted"
        allowed = set().union(*o.expected)
        tops = [
            {d["department"]["id"] for d in b["candidates"][0]["lead"]} if b["candidates"] else set()
            for b in o.answer
            if b["outcome"] != "firm"
        ]
        return "demoted right answer" if tops and all(t and t <= allowed for t in tops) else "demoted wrong answer"
    if o.row.expect == "overlap":
        if o.overlap:
            return None
        return "overlap missed (firm)" if o.firm_leads else "overlap missed (not firm)"
    if o.no_match:
        return None
    return "no-match missed (firm)" if o.firm_leads else "no-match missed (suggestion)"


def uncatalogued(row: Row, cites: dict[str, set[str]]) -> bool:
    """No matter of the catalogue rests on (one of) the article(s) that settle the row."""
    articles = [a for a in row.article_id.split(";") if a]
    return any(not any(cites_article(cites, m, a) for m in cites) for a in articles)


def breakdown(outcomes: list[Outcome]) -> None:
    """The misses by cause, and how many of each rest on an article no matter of the catalogue cites."""
    cites = cited_articles()
    causes: Counter[str] = Counter()
    orphan: Counter[str] = Counter()
    for o in outcomes:
        why = cause(o, cites)
        if why:
            causes[why] += 1
            orphan[why] += uncatalogued(o.row, cites)
    missed = sum(causes.values())
    print(f"misses by cause ({missed} of {len(outcomes)} answers; in brackets: settling article cited by no matter):")
    for why, n in causes.most_common():
        print(f"  {why:<30} {n:4d}  ({orphan[why]})")


def compare_analyzers(runner: Runner, rows: list[Row]) -> None:
    """whitespace (jieba words, thesaurus, re-ranked by what they explain) against cjk bigrams, on the firm rows
    settled by one article: is the best matter (or one of the first six) one that cites that article?"""
    runner.run_schema(BIGRAM_INDEX)
    cites = cited_articles()

    def settles(matter_id: str, article: str) -> bool:
        return cites_article(cites, matter_id, article)

    single = [r for r in rows if r.expect == "firm" and r.article_id and ";" not in r.article_id]
    known = [r for r in single if any(settles(m, r.article_id) for m in cites)]
    top1: Counter[str] = Counter()
    top6: Counter[str] = Counter()
    seconds: dict[str, float] = {"whitespace": 0.0, "cjk": 0.0}
    for row in known:
        t0 = time.perf_counter()
        q, hits = behaviour_search.search(runner, row.text, 6)
        seconds["whitespace"] += time.perf_counter() - t0
        ranked = [h.id for h in hits]
        words = " ".join(dict.fromkeys([row.text, *(s for c in q.concepts for s in c.synonym_of)]))
        t0 = time.perf_counter()
        bigrams = [r["id"] for r in runner.read(BY_BIGRAMS, query=fulltext.terms(words), limit=6)]
        seconds["cjk"] += time.perf_counter() - t0
        for name, found in (("whitespace", ranked), ("cjk", bigrams)):
            top1[name] += bool(found) and settles(found[0], row.article_id)
            top6[name] += any(settles(m, row.article_id) for m in found)
    print(f"analyzers on {len(known)} firm rows whose article some matter cites (of {len(single)} with one article):")
    for name in ("whitespace", "cjk"):
        print(
            f"  {name:<10} best matter cites it {share(top1[name], len(known))},"
            f" one of six {share(top6[name], len(known))}, {1000 * seconds[name] / max(len(known), 1):.1f} ms per query"
        )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reuse", action="store_true", help="keep the loaded store of an earlier run")
    parser.add_argument("--misses", action="store_true", help="list the rows that are not right")
    parser.add_argument("--eval", type=Path, default=EVAL)
    parser.add_argument("--regions", default=",".join(REGIONS), help="regions to resolve in, comma-separated")
    parser.add_argument("--reload-reference", action="store_true", help="with --reuse: load data/reference again")
    parser.add_argument("--dump", type=Path, help="write the candidates each decision saw (JSON lines), to study rules")
    parser.add_argument("--no-analyzers", action="store_true", help="skip the whitespace/cjk comparison")
    args = parser.parse_args()
    config = settings()
    server = LocalNeo4j(config)
    server.start()
    driver = create_driver(config)
    runner = Runner(driver, config.neo4j.database, read_timeout=120.0)  # a loaded machine must not end the run
    counts = {r["label"]: r["count"] for r in runner.read(COUNT)}
    if not args.reuse or not counts.get("Matter"):
        started = time.perf_counter()
        load(runner, Settings().service.laws_dir)
        print(f"loaded reference and law texts in {time.perf_counter() - started:.0f} s")
    elif args.reload_reference:  # the catalogue changed since: it merges idempotently (and refreshes the index)
        load_reference(runner, ROOT / "data" / "reference", ACTOR).raise_if_failed()
    else:  # the thesaurus and the index may have changed since: both reload idempotently
        load_synonyms(runner, ROOT / "data" / "reference" / "synonyms.csv", ACTOR).raise_if_failed()
        behaviour_search.refresh(runner, ACTOR)
    rows = read_rows(args.eval)
    regions = tuple(r for r in args.regions.split(",") if r)
    run(runner, rows[:10], regions)  # warm: plans, pools, the segmenter's dictionary
    seen: list[dict] = []
    if args.dump:  # every decision's candidates, keyed by the text or clause judged
        decide = rules.decide_behaviour

        def recording(candidates: list[rules.BehaviourCandidate], min_weight: float = rules.NO_MATCH_WEIGHT):
            seen.append({"key": "", "min_weight": min_weight, "candidates": [asdict(c) for c in candidates]})
            return decide(candidates, min_weight)

        rules.decide_behaviour = recording  # type: ignore[assignment]
    outcomes, times = run(runner, rows, regions, seen if args.dump else None)
    if args.dump:
        rules.decide_behaviour = decide  # type: ignore[assignment]
        with args.dump.open("w", encoding="utf-8") as f:
            for o in outcomes:
                f.write(json.dumps(o.dump, ensure_ascii=False, default=list) + "\n")
    report("all", outcomes)
    report("dev (odd ids)", [o for o in outcomes if int(o.row.id.lstrip("E") or 0) % 2])
    report("test (even ids)", [o for o in outcomes if not int(o.row.id.lstrip("E") or 0) % 2])
    q = statistics.quantiles(times, n=100)
    machine_load = " / ".join(f"{x:.1f}" for x in os.getloadavg())
    print(f"latency of resolve by text (direct): p50 {q[49]:.1f} ms, p95 {q[94]:.1f} ms over {len(times)} calls")
    print(f"  machine: {os.cpu_count()} cores, load average {machine_load} (1/5/15 min) at the end")
    breakdown(outcomes)
    if not args.no_analyzers:
        compare_analyzers(runner, rows)
    if args.misses:
        for o in outcomes:
            if (o.row.expect == "firm" and not o.firm_right) or (
                o.row.expect != "firm" and not (o.overlap or o.no_match)
            ):
                got = [
                    f"{b['outcome']}:{b['rule']}:{b['matter']['id'] if b['matter'] else '-'}:"
                    + "|".join(d["department"]["id"] for d in b["lead"])
                    for b in o.answer
                ]
                why = cause(o, cited_articles())
                wanted = f"expect {o.row.expect} {o.expected}"
                print(f"  {o.row.id} {o.region} [{why}] {wanted} got {got}  {o.row.text[:40]}")
    driver.close()


if __name__ == "__main__":
    main()
