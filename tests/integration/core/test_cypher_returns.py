"""The `// returns:` header of every Cypher file is the truth: the database plans each statement (EXPLAIN, nothing
runs) and the columns it would return must be the header's, in order. Callers read rows by these names, so a
renamed column fails here rather than as a missing key somewhere downstream."""

from __future__ import annotations

from pathlib import Path

from neo4j import NotificationMinimumSeverity

from graphsvc.config import Settings
from graphsvc.cypher import Query, load_all, parse_file
from graphsvc.db import Runner, create_driver


def mismatches(settings: Settings, queries: dict[str, Query]) -> dict[str, dict[str, tuple[str, ...]]]:
    """The statements whose planned columns differ from their header, with both."""
    wrong = {}
    driver = create_driver(settings)
    try:
        # Planning on a partial graph warns about unknown labels; those warnings are not the point here.
        with driver.session(
            database=settings.neo4j.database, notifications_min_severity=NotificationMinimumSeverity.OFF
        ) as session:
            for name, q in queries.items():
                result = session.run("EXPLAIN " + q.text, dict.fromkeys(q.params))  # type: ignore[arg-type]
                columns = tuple(result.keys())
                result.consume()
                if columns != q.returns:
                    wrong[name] = {"header": q.returns, "statement": columns}
    finally:
        driver.close()
    return wrong


def test_every_statement_returns_the_columns_its_header_names(runner: Runner, settings: Settings) -> None:
    statements = {name: q for name, q in load_all().items() if q.mode != "schema"}
    assert len(statements) > 150
    assert mismatches(settings, statements) == {}


def test_a_header_that_disagrees_is_caught(runner: Runner, settings: Settings, tmp_path: Path) -> None:
    """The check can fail: a header naming other columns, or the right ones in another order, is reported."""
    (tmp_path / "x").mkdir()
    body = "MATCH (r:Region {id: $id}) RETURN r.id AS id, r.name AS name"
    (tmp_path / "x" / "swapped.cypher").write_text(
        f"// mode: read\n// params: id\n// returns: name, id\n{body}\n", encoding="utf-8"
    )
    (tmp_path / "x" / "right.cypher").write_text(
        f"// mode: read\n// params: id\n// returns: id, name\n{body}\n", encoding="utf-8"
    )
    queries = {f"x/{n}": parse_file(tmp_path / "x" / f"{n}.cypher", tmp_path) for n in ("swapped", "right")}
    assert mismatches(settings, queries) == {"x/swapped": {"header": ("name", "id"), "statement": ("id", "name")}}
