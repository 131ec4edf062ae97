"""The catalogue held in process (graphsvc/catalogue/): answers what the statements answer, and a catalogue write
made anywhere (here: the reference loader over another connection) is seen by the next resolve."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from graphsvc import cypher_check
from graphsvc.catalogue import cache as catalogue
from graphsvc.catalogue.read_model import CATALOGUE, MATTER_FACTS, CatalogueModel
from graphsvc.catalogue_version import LABELS, REVIEWED, TYPES, catalogue_writes, starts, written
from graphsvc.clues import summary
from graphsvc.config import ROOT, Settings
from graphsvc.cypher import Query, load_all, query
from graphsvc.db import Runner, create_driver
from graphsvc.responsibility import behaviour_search, rules
from graphsvc.responsibility.answer import MatterHeader
from graphsvc.responsibility.resolve import (
    FACTS,
    GET_MATTER,
    GET_MATTERS,
    ResolveRequest,
    read_matter_headers,
    resolve,
    resolve_matters,
)
from loaders import devolution, law_text, powers, synonyms
from loaders.forms import matters as form_matters
from loaders.reference import SPECS, load_reference
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
    return [(d.department.id, d.department.name) for d in answer.results[0].lead]


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


def same_as_the_statements(
    reader: Runner, model: CatalogueModel, headers: list[MatterHeader], regions: tuple[str, ...], as_of: date
) -> None:
    """The model's headers and facts are the rows the statements return, and resolve decides the same from both."""
    ids = [h.id for h in headers]
    for i in ids:
        assert model.matter_header(i) == reader.read(GET_MATTER, id=i), i
    levels = sorted({h.level for h in headers}, key=str)
    for region in regions:
        [read] = reader.read(
            FACTS, matter_ids=ids, region_id=region, as_of=as_of, open_pattern=rules.OPEN_TEXT_PATTERN, levels=levels
        )
        assert model.facts(reader, ids, region, as_of, levels, rules.OPEN_TEXT_PATTERN) == read, region
        with_model = resolve_matters(reader, headers, region, as_of, model=model)
        without = resolve_matters(reader, headers, region, as_of, model=None)
        assert with_model == without, region


@pytest.mark.parametrize("as_of", [date(2017, 5, 1), date(2024, 6, 1)])
def test_the_model_answers_what_the_statements_answer(
    runner: Runner, other: Runner, tmp_path: Path, as_of: date
) -> None:
    runner = other
    load_sample(runner, tmp_path / "sample")
    ids = sorted({row["id"] for row in sample_catalogue().rows["matters.csv"]})  # type: ignore[type-var]
    headers = read_matter_headers(runner, ids)
    assert [h.id for h in headers] == ids
    model = catalogue.current(runner)
    assert model is not None
    same_as_the_statements(runner, model, headers, (P, C, X, Y, T), as_of)


def test_the_shipped_catalogue_answers_the_same_from_the_model(graph: Runner, other: Runner) -> None:
    graph = other
    ids = [m["id"] for m in rows(REFERENCE / "matters.csv")]
    headers = read_matter_headers(graph, ids)
    assert len(headers) > 100 and [h.id for h in headers] == ids
    model = catalogue.current(graph)
    assert model is not None
    regions = ("610113", "610113001", "610100", "310112", "310112101", "150502")
    same_as_the_statements(graph, model, headers, regions, date(2025, 3, 1))


def catalogue_loader_statements() -> set[str]:
    """The write statements the loaders of the catalogue run: the reference tables (with their follow-ups and
    clean-ups) and the thesaurus, the refreshes the reference loader runs after them (the behaviour search, the
    clues' summaries), the law texts, the lists of powers, the matter forms and the devolution decisions."""
    queries: list[Query | None] = []
    for spec in [*SPECS, synonyms.SPEC]:
        queries += [spec.query, spec.then, spec.before, spec.then_before]
    for module in (behaviour_search, summary, law_text, powers, form_matters, devolution):
        queries += [v for v in vars(module).values() if isinstance(v, Query)]
    return {q.name for q in queries if q is not None and q.mode == "write"}


def test_catalogue_writes_are_told_from_the_others() -> None:
    writes = catalogue_writes()
    # The stamp's labels and types cover everything the model and the statements it stands in for read. IN_REGION
    # counts only from a catalogue node (a department moved): clues, plans and draws write theirs all day (below).
    read = [CATALOGUE, MATTER_FACTS, FACTS, GET_MATTER, GET_MATTERS]
    used = {name for q in read for u in [cypher_check.usage(q.text)] for name in u.labels | u.types}
    assert used - LABELS - TYPES == set()
    assert "reference/unlink_departments" in writes  # it only deletes a department's IN_REGION

    # Every statement a catalogue loader runs changes the stamp, but for
    # - generated/upsert_subject_type: subject types and their domain (IN_DOMAIN from a SubjectType), not read by the
    #   model;
    # - reference/link_matter_subject_types: APPLIES_TO (matter → subject type) is read per request, for a subject
    #   (responsibility/list_matters_for_subject), never by the model;
    # - search/upsert_synonyms and search/set_search_index: the thesaurus and the behaviour search's own index;
    # - clue/forget_summaries_of_places and clue/set_chain_summaries: the clues' summaries, after departments moved.
    # (search/set_matter_search_words changes it, needlessly: it sets a property of Matter the model does not read.)
    loaders = catalogue_loader_statements()
    each_loader = {
        "generated/upsert_region",
        "reference/link_department_functions",
        "law/upsert_legal_bases",
        "powers/upsert_power_assignments",
        "forms/upsert_matters",
        "devolution/upsert_decisions",
    }
    assert each_loader <= loaders & writes
    # what they write tells them apart: a catalogue label or type, or none of either
    assert all(written(query(n).text) & (LABELS | TYPES) for n in loaders & writes)
    assert not any(written(query(n).text) & (LABELS | TYPES | {"?"}) for n in loaders - writes)
    assert sorted(loaders - writes) == [
        "clue/forget_summaries_of_places",
        "clue/set_chain_summaries",
        "generated/upsert_subject_type",
        "reference/link_matter_subject_types",
        "search/set_search_index",
        "search/upsert_synonyms",
    ]

    # The service's own writes that change the catalogue: a ruling creates an assignment, a devolution decision
    # creates the offices of streets (departments), and wiping everything writes everything.
    assert {"dispute/create_ruling", "devolution/upsert_decisions", "admin/delete_everything"} <= writes
    # The busy writes of clues, referrals, subjects, tasks and accounts do not change it …
    busy = {
        "clue/create_clue",
        "clue/create_referrals",
        "clue/acknowledge_referral",
        "entities/upsert_subjects",
        "entities/upsert_clues",
        "entities/upsert_referrals",
        "entities/unlink_referrals",
        "entities/upsert_inspection_tasks",
        "account/create_session",
    }
    assert not busy & writes
    assert not {"inspection/create_merge_plan", "inspection/accept_joints"} & writes  # a lock taken is no change
    # … and each statement reviewed as writing no catalogue node through an unlabelled variable still writes one
    # (else the review names the wrong statement)
    assert all("?" in written(query(n).text) for n in REVIEWED)
    # The writes of IN_REGION that leave the stamp: none links a department or an assignment (a statement that does
    # also writes the Department or Assignment, and so changes it). A new one here is to be reviewed.
    in_region = sorted(
        n
        for n, q in load_all().items()
        if q.mode == "write" and any(w.split(")-")[-1] == "IN_REGION" for w in written(q.text))
    )
    assert [n for n in in_region if n not in writes] == [
        "clue/create_clue",
        "dispute/create_dispute",
        "entities/unlink_clues",
        "entities/upsert_clues",
        "forms/upsert_plans",
        "inspection/create_draw",
        "inspection/create_merge_plan",
    ]

    # A catalogue type written from another label's node is not the catalogue's (a licence's FOR_MATTER, a subject
    # type's IN_DOMAIN, a dispute's matter) and leaves the stamp. That holds only if the model never reads such a
    # type from a node it does not label: the types it reads from an unlabelled node are written by nothing but the
    # catalogue.
    foreign = {w.split(")-")[1] for q in load_all().values() if q.mode == "write" for w in written(q.text) if ")-" in w}
    unlabelled_reads = {t for q in read for t, start in starts(q.text) if t in TYPES and start not in LABELS}
    assert {"FOR_MATTER", "IN_DOMAIN"} <= foreign
    assert not unlabelled_reads & foreign, unlabelled_reads & foreign
    assert unlabelled_reads == {"AUTHORITY_FROM", "IN_ARTICLE", "NAMES_FUNCTION", "PART_OF"}
    for name in ("entities/upsert_licences", "entities/unlink_licences", "generated/upsert_subject_type"):
        assert name not in writes, name
    assert "(Licence)-FOR_MATTER" in written(query("entities/upsert_licences").text)

    assert written("MATCH (n:Matter {id: $id}) SET n.name = $name") == {"Matter"}
    assert written("MATCH (l:Licence)-[r:HELD_BY|FOR_MATTER]->(m) DELETE r") == {
        "(Licence)-HELD_BY",
        "(Licence)-FOR_MATTER",
    }
    assert written("MATCH (a:Assignment)<-[r:CREATED]-(:Ruling) DELETE r") == {"CREATED"}  # from the ruling
    assert written("MATCH (x)-[r:FOR_MATTER]->(:Matter) DELETE r") == {"FOR_MATTER"}  # unlabelled: counted
    assert written("MATCH (s:Subject)-[:LOCATED_IN]->(r:Region) SET s.name = $n") == {"Subject"}
    assert written("MATCH (n) WHERE n.id = $id DETACH DELETE n") == {"?"}
    assert written("MATCH (d:Department {id: $d}), (r:Region {id: $r}) MERGE (d)-[:PERFORMS]->(f)") == {"PERFORMS"}
