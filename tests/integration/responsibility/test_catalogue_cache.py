"""The catalogue held in process (graphsvc/catalogue/): answers what the statements answer, and a catalogue write
made anywhere (here: the reference loader over another connection) is seen by the next resolve."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from graphsvc.catalogue import cache as catalogue
from graphsvc.catalogue_version import catalogue_writes, written
from graphsvc.config import ROOT, Settings
from graphsvc.cypher import load_all
from graphsvc.db import Runner, create_driver
from graphsvc.responsibility.resolve import GET_MATTER, GET_MATTERS, ResolveRequest, resolve, resolve_matters
from loaders.reference import load_reference
from tests.support.auth import TEST_ACTOR
from tests.support.catalogue import C, P, T, X, Y, load_sample, sample_catalogue

REFERENCE = ROOT / "data" / "reference"


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


@pytest.fixture
def other(settings: Settings) -> Iterator[Runner]:
    """A second connection to the same store, as another process would have; patient, since the comparisons below
    read every matter's facts through the statements on a shared machine."""
    driver = create_driver(settings)
    yield Runner(driver, settings.neo4j.database, read_timeout=300.0)
    driver.close()


def lead(runner: Runner, matter: str = "m-food", region: str = X) -> list[tuple[str, str]]:
    answer = resolve(runner, ResolveRequest(matter_id=matter, region=region, as_of=date(2024, 6, 1)))
    return [(d["department"]["id"], d["department"]["name"]) for d in answer["results"][0]["lead"]]


def test_a_catalogue_write_through_the_loader_elsewhere_is_seen_by_the_next_resolve(
    runner: Runner, other: Runner, tmp_path: Path
) -> None:
    load_sample(runner, tmp_path / "before")
    assert lead(runner) == [(f"{X}-scjgj", "雁塔区市场监督管理局")]
    model = catalogue.current(runner)
    assert model is not None and model.has_region(X)  # the answer came from the model
    assert lead(runner) == [(f"{X}-scjgj", "雁塔区市场监督管理局")]
    assert catalogue.current(runner) is model  # and stays while nothing is written

    renamed = sample_catalogue()
    for row in renamed.rows["departments.csv"]:
        if row["id"] == f"{X}-scjgj":
            row["name"] = "雁塔区市场监管局"
    load_reference(other, renamed.write(tmp_path / "after"), TEST_ACTOR).raise_if_failed()

    assert lead(runner) == [(f"{X}-scjgj", "雁塔区市场监管局")]
    assert catalogue.current(runner) is not model


@pytest.mark.parametrize("as_of", [date(2017, 5, 1), date(2024, 6, 1)])
def test_the_model_answers_what_the_statements_answer(
    runner: Runner, other: Runner, tmp_path: Path, as_of: date
) -> None:
    runner = other
    load_sample(runner, tmp_path / "sample")
    ids = sorted({row["id"] for row in sample_catalogue().rows["matters.csv"]})  # type: ignore[type-var]
    headers = [row for i in ids for row in runner.read(GET_MATTER, id=i)]
    model = catalogue.current(runner)
    assert model is not None
    for region in (P, C, X, Y, T):
        with_model = resolve_matters(runner, headers, region, as_of, model=model)
        without = resolve_matters(runner, headers, region, as_of, model=None)
        assert with_model == without, region


def test_the_shipped_catalogue_answers_the_same_from_the_model(graph: Runner, other: Runner) -> None:
    graph = other
    ids = [m["id"] for m in rows(REFERENCE / "matters.csv")]
    headers = graph.read(GET_MATTERS, ids=ids)
    assert len(headers) > 100
    model = catalogue.current(graph)
    assert model is not None
    for region in ("610113", "610113001", "610100", "310112", "310112101", "150502"):
        assert resolve_matters(graph, headers, region, date(2025, 3, 1), model=model) == resolve_matters(
            graph, headers, region, date(2025, 3, 1), model=None
        ), region


def test_catalogue_writes_are_told_from_the_others() -> None:
    writes = catalogue_writes()
    # every statement a catalogue loader runs changes the stamp …
    loaders = [
        q.name for q in load_all().values() if q.mode == "write" and q.name.split("/")[0] in ("reference", "law")
    ]
    assert loaders and [n for n in loaders if n not in writes] == ["reference/link_matter_subject_types"]
    assert {"dispute/create_ruling", "powers/upsert_power_assignments", "admin/delete_everything"} <= writes
    # … and the busy writes of clues, referrals, subjects, tasks and accounts do not
    busy = {"clue/create_referrals", "clue/acknowledge_referral", "entities/upsert_subjects", "account/create_session"}
    assert not busy & writes
    assert not {"inspection/create_merge_plan", "inspection/accept_joints"} & writes  # a lock taken is no change
    assert written("MATCH (n:Matter {id: $id}) SET n.name = $name") == {"Matter"}
    assert written("MATCH (s:Subject)-[:LOCATED_IN]->(r:Region) SET s.name = $n") == {"Subject"}
    assert written("MATCH (n) WHERE n.id = $id DETACH DELETE n") == {"?"}
