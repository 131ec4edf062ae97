"""The Cypher files, their loader and the query runner."""

from __future__ import annotations

import pytest

from graphsvc.cypher import CypherFileError, query
from graphsvc.db import Runner
from graphsvc.errors import Conflict

GET_REGION = query("region/get_region")


def test_runner_checks_params_before_the_database(graph: Runner) -> None:
    with pytest.raises(CypherFileError, match="missing params \\['id'\\]"):
        graph.read(GET_REGION)
    with pytest.raises(CypherFileError, match="unexpected \\['name'\\]"):
        graph.read(GET_REGION, id="310112", name="闵行区")


def test_runner_refuses_a_write_statement_as_read(graph: Runner) -> None:
    with pytest.raises(ValueError, match="write statement"):
        graph.read(query("reference/upsert_regions"), rows=[], actor="x")


def test_runner_maps_records_to_python(graph: Runner) -> None:
    [row] = graph.read(GET_REGION, id="310112")
    assert row["name"] == "闵行区"
    assert row["parent_name"] == "上海市"
    assert {"id": "310112501", "name": "莘庄工业区", "level": "乡"} in row["children"]


def test_constraint_violations_become_conflicts(graph: Runner) -> None:
    from graphsvc.identity import Role, create_token

    create_token(graph, "甲", Role.analyst, None, "test")
    rows = graph.read(query("identity/list_tokens"))
    token_id = rows[0]["token_id"]
    with pytest.raises(Conflict):
        graph.write(
            query("identity/create_token"),
            user_id=rows[0]["user_id"],
            token_id=token_id,
            token_hash="different",
            actor="test",
        )


def test_several_reads_share_one_transaction(graph: Runner) -> None:
    current = query("admin/current_transaction")
    first, region, count, last = graph.reading(
        lambda r: (
            r.read(current),
            r.read(GET_REGION, id="310112"),
            r.read(query("admin/count_nodes_by_label")),
            r.read(current),
        )
    )
    # The server names one transaction before and after the reads in between; reads apart run in one each.
    assert len(first) == 1 and first == last
    assert graph.read(current) != graph.read(current)
    assert region == graph.read(GET_REGION, id="310112")
    assert count == graph.read(query("admin/count_nodes_by_label"))
    with pytest.raises(ValueError, match="write statement"):
        graph.reading(lambda r: r.read(query("reference/upsert_regions"), rows=[], actor="x"))
