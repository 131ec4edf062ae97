"""The initial import (loaders/bulk_import.py, neo4j-admin) writes the graph the Cypher loaders write.

The tiny world is loaded through the loaders into the shared test server, and imported through neo4j-admin into a
second server of this module's own (its own home and ports, started and stopped here: the import stops and starts
the server it writes, which must never be the shared one). Both graphs are read whole and compared: counts by label
and type, every node's properties and every relationship, the write times aside. A graph holding entities is
refused by `graphsvc load initial` without the server being stopped.
"""

from __future__ import annotations

import csv
import shutil
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr
from typer.testing import CliRunner

from graphsvc.cli import app
from graphsvc.clues import summary
from graphsvc.clues.store import read_facts, read_places
from graphsvc.config import Neo4jSettings, ServiceSettings, Settings
from graphsvc.cypher import query
from graphsvc.db import Runner, connected
from graphsvc.errors import InvalidInput, SetupError
from graphsvc.local_neo4j import LocalNeo4j
from loaders import bulk_import
from loaders.bulk_import import ALL_NODES, ALL_RELATIONSHIPS, AUDIT_ACTION, initial_import
from loaders.entities import load_folder
from tests.support.auth import TEST_ACTOR
from tests.support.graph import BOLT_PORT, HTTP_PORT, TEST_HOME

# A port pair of its own beside the slot's (slots are 10 apart), and a home beside the slot's.
IMPORT_HOME = TEST_HOME.parent / f"{TEST_HOME.name}-import"
IMPORT_BOLT, IMPORT_HTTP = BOLT_PORT + 5, HTTP_PORT + 5
# When each write ran (server clock) differs between two loads, and so do the summary's extremes that are measured
# on it (a loaded hop's recorded time is its load time): those are checked against a recomputation instead.
AUDIT_EVENTS = query("audit_log/list_events")
WRITE_TIMES = {"created_at", "updated_at", "chain_unacked_since", "chain_acked_since"}
# A fresh token of each catalogue write (graphsvc/catalogue_version.py), not data.
WRITE_TOKENS = {("CatalogueVersion", "version")}

Key = tuple[str, str]


def canonical(value: Any) -> Any:
    """A property as compared: times with their offset (a DateTime equals another of the same instant in any
    offset, but the loaders store Beijing time), lists as tuples."""
    if isinstance(value, (datetime, date)):
        return f"{type(value).__name__} {value.isoformat()}"
    if isinstance(value, list):
        return tuple(canonical(v) for v in value)
    return value


def snapshot(runner: Runner) -> tuple[dict[Key, dict[str, Any]], Counter[tuple[Key, str, Key]], Counter[str]]:
    """Every node but the audit log by (label, id) with its properties; every relationship with its properties."""
    nodes = {}
    for row in runner.read(ALL_NODES):
        label = row["labels"][0]
        if label != "AuditEvent":
            props = {
                k: canonical(v)
                for k, v in row["properties"].items()
                if k not in WRITE_TIMES and (label, k) not in WRITE_TOKENS
            }
            nodes[(label, row["properties"]["id"])] = props | {"labels": tuple(sorted(row["labels"]))}
    rels: Counter[tuple[Key, str, Key]] = Counter()
    types: Counter[str] = Counter()
    for row in runner.read(ALL_RELATIONSHIPS):
        if "AuditEvent" in (row["start_label"], row["end_label"]):
            continue
        shown = sorted((k, repr(canonical(v))) for k, v in row["properties"].items() if k not in WRITE_TIMES)
        rels[((row["start_label"], row["start_id"]), f"{row['type']} {shown}", (row["end_label"], row["end_id"]))] += 1
        types[row["type"]] += 1
    return nodes, rels, types


def _diff(a: dict[str, Any], b: dict[str, Any]) -> dict[str, tuple[Any, Any]]:
    return {k: (a.get(k), b.get(k)) for k in a.keys() | b.keys() if a.get(k) != b.get(k)}


@pytest.fixture(scope="module")
def import_settings() -> Iterator[Settings]:
    """A server of the module's own, on an empty store; stopped and removed at the end."""
    settings = Settings(
        Neo4jSettings(uri=f"neo4j://127.0.0.1:{IMPORT_BOLT}", password=SecretStr("graphsvc-test-only")),
        ServiceSettings(
            neo4j_home=IMPORT_HOME,
            neo4j_http_port=IMPORT_HTTP,
            neo4j_heap="512m",
            neo4j_pagecache="128m",
            neo4j_start_timeout=600.0,  # a loaded shared machine starts a server slowly
        ),
    )
    server = LocalNeo4j(settings)
    server.stop()
    shutil.rmtree(IMPORT_HOME, ignore_errors=True)
    try:
        yield settings
    finally:
        server.stop()
        shutil.rmtree(IMPORT_HOME, ignore_errors=True)


def test_a_bad_row_is_named_and_the_server_is_back_without_entities(
    import_settings: Settings, generated: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    # Runs first, on the module's empty server. The server stops while the files are checked, so a bad row must
    # start it again: with the reference catalogue the import loaded first, and not one entity.
    world, _ = generated
    bad = tmp_path / "bad"
    shutil.copytree(world, bad)
    with (bad / "subjects.csv").open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[2][rows[0].index("region_id")] = "999999"
    with (bad / "subjects.csv").open("w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)

    with pytest.raises(InvalidInput, match="subjects.csv 第 3 行「region_id」") as refused:
        initial_import(import_settings, bad, TEST_ACTOR, tmp_path / "work", import_memory="256m")
    first, *after = refused.value.details
    assert (first["file"], first["row"], first["column"], first["value"]) == ("subjects.csv", 3, "region_id", "999999")
    # Every other row named refers to the refused subject (a licence, a task, a clue on it) or to a refused clue.
    with (bad / "clues.csv").open(encoding="utf-8", newline="") as f:
        clues = list(csv.reader(f))
    refused_clues = {clues[d["row"] - 1][clues[0].index("id")] for d in after if d["file"] == "clues.csv"}
    refused_ids = {rows[2][rows[0].index("id")]} | refused_clues
    assert after and all(d["file"] != "subjects.csv" and d["value"] in refused_ids for d in after)
    assert LocalNeo4j(import_settings).pid() is not None
    assert not (tmp_path / "work").exists()
    with connected(import_settings) as runner:
        assert bulk_import.check_empty(runner) > 0  # no entity; the regions of the catalogue


def test_a_failed_import_leaves_the_graph_as_it_was(
    import_settings: Settings, generated: tuple[Path, dict[str, int]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Runs before anything is imported, on the catalogue the test above left: the importer fails on a
    # relationship between nodes that do not exist, after --overwrite-destination has taken the database away.
    world, _ = generated
    write = bulk_import.write_import_files
    held: list[bulk_import.Catalogue] = []

    def with_a_bad_file(directory: Path, work: Path, catalogue: bulk_import.Catalogue, stamp: Any) -> Any:
        held.append(catalogue)
        report = write(directory, work, catalogue, stamp)
        ghost = work / "ghost.csv"
        ghost.write_text(":START_ID,:END_ID\nnot-a-node,nor-this-one\n", encoding="utf-8")
        report.arguments = [*report.arguments, f"--relationships=GHOST={ghost}"]
        return report

    monkeypatch.setattr(bulk_import, "write_import_files", with_a_bad_file)
    with pytest.raises(SetupError, match="数据库已恢复为导入前的内容"):
        initial_import(import_settings, world, TEST_ACTOR, tmp_path / "work", import_memory="256m")
    with connected(import_settings) as runner:
        after = bulk_import.read_catalogue(runner)
    [before] = held
    assert len(before.nodes) > 1000
    assert held_as_is(after) == held_as_is(before)


def held_as_is(catalogue: bulk_import.Catalogue) -> tuple[list[str], list[str]]:
    """The nodes and relationships of a catalogue, each as a comparable text (property order aside)."""
    nodes = [repr((n.labels, sorted((k, canonical(v)) for k, v in n.properties.items()))) for n in catalogue.nodes]
    links = [
        repr((r.start, r.type, r.end, sorted((k, canonical(v)) for k, v in r.properties.items())))
        for r in catalogue.links
    ]
    return sorted(nodes), sorted(links)


def test_an_imported_world_is_the_loaded_world(
    graph: Runner, import_settings: Settings, generated: tuple[Path, dict[str, int]], tmp_path: Path
) -> None:
    world, counts = generated
    load_folder(graph, world, TEST_ACTOR).raise_if_failed()
    loaded_nodes, loaded_rels, loaded_types = snapshot(graph)

    report = initial_import(import_settings, world, TEST_ACTOR, tmp_path / "work", import_memory="256m")
    assert not (tmp_path / "work").exists()
    with connected(import_settings) as imported:
        nodes, rels, types = snapshot(imported)
        places = read_places(imported)
        clue_ids = sorted(key[1] for key in nodes if key[0] == "Clue")
        stored = {r["properties"]["id"]: r["properties"] for r in imported.read(ALL_NODES) if r["labels"] == ["Clue"]}
        facts = read_facts(imported, clue_ids, places)
        audited = imported.read(
            AUDIT_EVENTS,
            object_id=None,
            actor=TEST_ACTOR,
            action=AUDIT_ACTION,
            at_from=None,
            at_to=None,
            skip=0,
            limit=50,
        )

    assert {f: figures.rows for f, figures in report.files.items()} == counts
    assert Counter(label for label, _ in nodes) == Counter(label for label, _ in loaded_nodes)
    assert types == loaded_types
    different = [key for key in loaded_nodes if nodes.get(key) != loaded_nodes[key]]
    assert different == [], [_diff(loaded_nodes[k], nodes.get(k) or {}) for k in different[:5]]
    assert rels == loaded_rels
    assert Counter(label for label, _ in nodes)["Subject"] == counts["subjects.csv"]

    # Stamped with who and the server's time like every write; the summaries are those the sweep would compute.
    assert len(facts) == len(clue_ids) > 0
    for version, fact in facts:
        expected = summary.summarise(fact, places)
        clue = stored[fact.id]
        assert clue["summary_version"] == version == clue["chain_version"] == 1 + 2 * len(fact.hops)
        assert clue["created_by"] == TEST_ACTOR and isinstance(clue["created_at"], datetime)
        assert clue.get("chain_unacked_since") == expected.unacked_since, fact.id
        assert clue.get("chain_acked_since") == expected.acked_since, fact.id
    assert audited[0]["total"] == len(report.files) == 7

    # Now the graph holds entities: the command refuses it, and the server is never stopped.
    server = LocalNeo4j(import_settings)
    pid = server.pid()
    env = {
        "NEO4J_URI": import_settings.neo4j.uri,
        "NEO4J_PASSWORD": import_settings.neo4j.password.get_secret_value(),
        "GRAPHSVC_NEO4J_HOME": str(IMPORT_HOME),
        "GRAPHSVC_NEO4J_HTTP_PORT": str(IMPORT_HTTP),
    }
    result = CliRunner().invoke(app, ["load", "initial", str(world)], env=env)
    assert result.exit_code == 1, result.output
    assert "只用于没有这些数据的空库" in result.output and "graphsvc load demo" in result.output
    assert server.pid() == pid is not None
