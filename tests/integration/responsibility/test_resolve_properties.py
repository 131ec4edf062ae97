"""Property test: on random small catalogues, the Cypher resolution and the networkx reference agree on
lead, cooperating and flags for random questions (matter, region, date)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphsvc.db import Runner
from graphsvc.responsibility.resolve import ResolveRequest, resolve
from loaders.reference import load_reference
from tests.conftest import TEST_ACTOR, wipe
from tests.support import reference_resolver
from tests.support.catalogue import Catalogue

REGIONS = [
    ("610000", "陕西省", "省", None),
    ("610100", "西安市", "市", "610000"),
    ("610113", "雁塔区", "县", "610100"),
    ("610103", "碑林区", "县", "610100"),
    ("610113001", "小寨路街道", "乡", "610113"),
]
FUNCTIONS = ["fa", "fb", "fc"]
YEARS = ["", "2016-01-01", "2019-01-01", "2022-01-01"]
LAW = "法乙"

dates = st.sampled_from(YEARS)
region_codes = st.sampled_from([r[0] for r in REGIONS])
county_regions = st.sampled_from(["610000", "610100", "610113", "610103"])


@st.composite
def catalogues(draw: st.DrawFn) -> Catalogue:
    c = Catalogue()
    for code, name, level, parent in REGIONS:
        c.region(code, name, level, parent)
    for f in FUNCTIONS:
        c.function(f, f"职能{f}")
    # A reform hands fa's role to fb (and sometimes part of it to fc): old wordings follow it from its date on.
    c.add("function_successions.csv", from_id="fa", to_id="fb", valid_from=draw(st.sampled_from(YEARS[1:])))
    if draw(st.booleans()):
        c.add("function_successions.csv", from_id="fa", to_id="fc", valid_from=draw(st.sampled_from(YEARS[1:])))
    departments = draw(
        st.lists(st.tuples(county_regions, st.sampled_from(["k1", "k2", "k3"])), min_size=1, max_size=6, unique=True)
    )
    for region, key in departments:
        level = next(r[2] for r in REGIONS if r[0] == region)
        c.department(f"{region}-{key}", f"部门{region}{key}", level, region, valid_from=draw(dates))
    for region, key in departments:
        for f in draw(st.lists(st.sampled_from(FUNCTIONS), max_size=2, unique=True)):
            start, end = sorted([draw(dates), draw(dates)], key=lambda d: d or "0")
            c.performs(f"{region}-{key}", f, start, end if end and end != start else "")
    c.law(LAW, "2015-01-01", "2015-01-01", "2020-01-01", articles=(1,))
    c.law(LAW, "2020-01-01", "2020-01-01", articles=(1, 2))
    c.add(
        "article_functions.csv",
        article_id=f"{LAW}@2020-01-01:1",
        function_id=draw(st.sampled_from(FUNCTIONS)),
        duty_kind="行政检查",
        wording="某部门",
    )
    c.add("article_authorities.csv", article_id=f"{LAW}@2020-01-01:2", authority_article_id=f"{LAW}@2020-01-01:1")
    article_ids = [f"{LAW}@2015-01-01:1", f"{LAW}@2020-01-01:1", f"{LAW}@2020-01-01:2"]
    for m in range(3):
        matter = f"m{m}"
        c.matter(
            matter,
            f"事项{m}",
            level=draw(st.sampled_from(["省", "市", "县"])),
            articles=tuple(draw(st.lists(st.sampled_from(article_ids), min_size=1, max_size=2, unique=True))),
        )
        for n in range(draw(st.integers(0, 3))):
            by_department = draw(st.booleans()) and departments
            start = draw(dates)
            c.assign(
                f"{matter}-a{n}",
                matter,
                draw(st.sampled_from(["牵头", "配合"])),
                function="" if by_department else draw(st.sampled_from(FUNCTIONS)),
                department=f"{departments[0][0]}-{departments[0][1]}" if by_department else "",
                region=draw(st.sampled_from(["", *[r[0] for r in REGIONS]])),
                valid_from=start,
            )
    return c


def cypher_answer(runner: Runner, matter: str, region: str, as_of: date) -> dict:
    [result] = resolve(runner, ResolveRequest(matter_id=matter, region=region, as_of=as_of))["results"]
    return {
        "lead": {(d["department"]["id"], d["rule"]) for d in result["lead"]},
        "cooperating": {(d["department"]["id"], d["rule"]) for d in result["cooperating"]},
        "flags": {f["code"] for f in result["flags"]},
    }


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    catalogue=catalogues(),
    questions=st.lists(
        st.tuples(st.sampled_from(["m0", "m1", "m2"]), region_codes, st.sampled_from(YEARS[1:] + ["2025-06-01"])),
        min_size=3,
        max_size=6,
    ),
)
def test_cypher_and_reference_agree(
    runner: Runner, tmp_path: Path, catalogue: Catalogue, questions: list[tuple[str, str, str]]
) -> None:
    wipe(runner)
    directory = tmp_path / f"c{abs(hash(str(catalogue.rows))) % 10**8}"
    load_reference(runner, catalogue.write(directory), TEST_ACTOR, partial=False).raise_if_failed()
    for matter, region, day in questions:
        as_of = date.fromisoformat(day)
        expected = reference_resolver.resolve(catalogue, matter, region, as_of)
        assert cypher_answer(runner, matter, region, as_of) == expected, (matter, region, day)
