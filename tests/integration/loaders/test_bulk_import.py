"""The initial import (loaders/bulk_import.py, neo4j-admin) writes the graph the normal loaders write.

One generated world is loaded through the loaders, read whole, then imported into the reference catalogue alone
through neo4j-admin (the test server is stopped and started again) and read again: the same nodes and
relationships, label by label and type by type, with the same properties (only the times of the writes differ),
the chain summaries the sweep would compute, and an AuditEvent for each file. A non-empty graph and a bad file are
refused before the server is touched.
"""

from __future__ import annotations

import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from graphsvc.clues import summary
from graphsvc.clues.store import read_facts, read_places
from graphsvc.config import Settings
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import DatabaseUnavailable, InvalidInput
from graphsvc.local_neo4j import LocalNeo4j
from loaders.bulk_import import ALL_NODES, ALL_RELATIONSHIPS, finish, initial_import
from loaders.entities import load_folder
from loaders.reference import load_reference
from loaders.synthetic import generate
from tests.conftest import TEST_ACTOR, make_settings, wipe

SEED = 20261126
# Times of the writes (server clock) differ between two loads; so do the summary's extremes measured on the
# server's clock (a loaded hop's recorded time is its load time): those are checked against a recomputation.
WRITE_TIMES = {"created_at", "updated_at", "chain_unacked_since", "chain_acked_since"}
AUDIT_EVENTS = query("audit_log/list_events")
DELETE_ENTITIES = query("admin/delete_entities")

Key = tuple[str, str]


def snapshot(runner: Runner) -> tuple[dict[Key, dict[str, Any]], Counter[tuple[Key, str, Key]], Counter[str]]:
    """Every node but the audit log by (label, id) with its properties; every relationship with its properties."""
    nodes = {}
    for row in runner.read(ALL_NODES):
        label = row["labels"][0]
        if label != "AuditEvent":
            props = {k: v for k, v in row["properties"].items() if k not in WRITE_TIMES}
            nodes[(label, row["properties"]["id"])] = props
    rels: Counter[tuple[Key, str, Key]] = Counter()
    types: Counter[str] = Counter()
    for row in runner.read(ALL_RELATIONSHIPS):
        if "AuditEvent" in (row["start_label"], row["end_label"]):
            continue
        shown = sorted((k, repr(v)) for k, v in row["properties"].items() if k not in WRITE_TIMES)
        rels[((row["start_label"], row["start_id"]), f"{row['type']} {shown}", (row["end_label"], row["end_id"]))] += 1
        types[row["type"]] += 1
    return nodes, rels, types


def answers(runner: Runner, tries: int = 60) -> None:
    """After a restart the driver's pooled connections are dead: the first calls fail until it has new ones."""
    for _ in range(tries):
        try:
            runner.read(query("admin/server_components"))
            return
        except DatabaseUnavailable:
            time.sleep(2)
    raise AssertionError("the test server did not answer after the import")


@pytest.fixture
def patient(server: LocalNeo4j) -> LocalNeo4j:
    """The test server, given as long as a loaded shared machine needs to start it again after the import."""
    return LocalNeo4j(make_settings(neo4j_start_timeout=1800.0))


@pytest.fixture(scope="module")
def world(tmp_path_factory: pytest.TempPathFactory, settings: Settings) -> Path:
    out = tmp_path_factory.mktemp("bulk")
    generate("tiny", SEED, out, settings.service.reference_dir)
    return out


def test_an_imported_world_is_the_loaded_world(
    runner: Runner, patient: LocalNeo4j, settings: Settings, world: Path, tmp_path: Path
) -> None:
    wipe(runner)
    load_reference(runner, settings.service.reference_dir, TEST_ACTOR).raise_if_failed()
    load_folder(runner, world, TEST_ACTOR).raise_if_failed()
    loaded_nodes, loaded_rels, loaded_types = snapshot(runner)

    runner.write(DELETE_ENTITIES)  # the same reference stays (loading it again costs minutes on a loaded machine)
    report = initial_import(runner, patient, world, TEST_ACTOR, settings.service.reference_dir, tmp_path / "work")
    answers(runner)
    finish(runner, report, world, TEST_ACTOR)
    nodes, rels, types = snapshot(runner)

    assert Counter(label for label, _ in nodes) == Counter(label for label, _ in loaded_nodes)
    assert types == loaded_types
    assert report.files["subjects.csv"] == 300 and report.nodes["Subject"] == 300
    different = [key for key in loaded_nodes if nodes.get(key) != loaded_nodes[key]]
    assert different == [], (different[:3], [(loaded_nodes[k], nodes.get(k)) for k in different[:2]])
    assert rels == loaded_rels

    # Stamped with who and the server's time like every write; the summaries are those the sweep would compute.
    places = read_places(runner)
    clue_ids = sorted(key[1] for key in nodes if key[0] == "Clue")
    stored = {row["properties"]["id"]: row["properties"] for row in runner.read(ALL_NODES) if row["labels"] == ["Clue"]}
    for version, facts in read_facts(runner, clue_ids, places):
        expected = summary.summarise(facts, places)
        clue = stored[facts.id]
        assert clue["summary_version"] == version == clue["chain_version"]
        assert clue["created_by"] == TEST_ACTOR and clue["created_at"] is not None
        assert (clue["chain_hops"], clue["chain_flags"]) == (expected.hops, expected.flags), facts.id
        assert clue.get("chain_unacked_since") == expected.unacked_since, facts.id
        assert clue.get("chain_acked_since") == expected.acked_since, facts.id

    [page] = runner.read(
        AUDIT_EVENTS,
        object_id=None,
        actor=TEST_ACTOR,
        action="entities/import_full",
        at_from=None,
        at_to=None,
        skip=0,
        limit=50,
    )
    assert page["total"] == len(report.files) == 7


def test_a_graph_with_entities_is_refused(runner: Runner, server: LocalNeo4j, settings: Settings, world: Path) -> None:
    wipe(runner)
    load_reference(runner, settings.service.reference_dir, TEST_ACTOR).raise_if_failed()
    load_folder(runner, world, TEST_ACTOR).raise_if_failed()
    pid = server.pid()
    with pytest.raises(InvalidInput, match="只用于没有这些数据的空库") as refused:
        initial_import(runner, server, world, TEST_ACTOR, settings.service.reference_dir, world.parent / "work")
    assert "graphsvc load demo" in refused.value.message
    assert server.pid() == pid  # never stopped


def test_a_bad_file_is_refused_before_anything_is_written(
    runner: Runner, server: LocalNeo4j, settings: Settings, world: Path, tmp_path: Path
) -> None:
    bad = tmp_path / "bad"
    bad.mkdir()
    for f in world.glob("*.csv"):
        (bad / f.name).write_bytes(f.read_bytes())
    lines = (bad / "referrals.csv").read_text(encoding="utf-8").splitlines()
    first = lines[1].split(",")
    first[1] = "clue-does-not-exist"
    (bad / "referrals.csv").write_text("\n".join([lines[0], ",".join(first), *lines[2:]]) + "\n", encoding="utf-8")
    wipe(runner)
    load_reference(runner, settings.service.reference_dir, TEST_ACTOR).raise_if_failed()
    pid = server.pid()
    with pytest.raises(InvalidInput) as refused:
        initial_import(runner, server, bad, TEST_ACTOR, settings.service.reference_dir, tmp_path / "work")
    assert refused.value.details[0]["file"] == "referrals.csv" and refused.value.details[0]["row"] == 2
    assert "未知的问题线索编号" in refused.value.details[0]["reason"]
    assert server.pid() == pid
    assert not (tmp_path / "work").exists()
