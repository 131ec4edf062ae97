"""The Cypher files and their loader, without a database: headers, one statement per file, parameters."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphsvc.cypher import CypherFileError, load_all, parse_file, query


def test_unknown_name_fails_at_once() -> None:
    with pytest.raises(CypherFileError, match="cypher/region/no_such_query.cypher"):
        query("region/no_such_query")


def test_every_file_has_a_header_and_one_statement() -> None:
    queries = load_all()
    assert "identity/find_user_by_token_hash" in queries
    for q in queries.values():
        assert q.mode in ("read", "write", "schema")
        if q.mode != "schema":
            assert len(q.statements) == 1


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_header_params_must_match_the_statement(tmp_path: Path) -> None:
    path = _write(tmp_path, "q.cypher", "// mode: read\n// params: id\nMATCH (r:Region {id: $code}) RETURN r.id\n")
    with pytest.raises(CypherFileError, match="uses \\['code'\\]"):
        parse_file(path, tmp_path)


def test_a_missing_mode_is_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "q.cypher", "// params:\nRETURN 1\n")
    with pytest.raises(CypherFileError, match="mode"):
        parse_file(path, tmp_path)


def test_two_statements_in_one_file_are_refused(tmp_path: Path) -> None:
    path = _write(tmp_path, "q.cypher", "// mode: write\n// params:\nCREATE (:Region {id: '1'});\nRETURN 1\n")
    with pytest.raises(CypherFileError, match="one statement"):
        parse_file(path, tmp_path)


def test_dollar_signs_inside_strings_are_not_parameters(tmp_path: Path) -> None:
    path = _write(tmp_path, "q.cypher", "// mode: read\n// params: id\nMATCH (r:Region {id: $id}) RETURN '$5' AS x\n")
    assert parse_file(path, tmp_path).params == {"id"}
