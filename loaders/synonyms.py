"""The thesaurus (data/reference/synonyms.csv: term, statutory_term, domain, note): the words people use for
the law's terms. Loading it twice changes nothing; `graphsvc up` loads it with the reference catalogue."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.responsibility import behaviour_search
from loaders.rows import LoadReport
from loaders.table import Column, TableSpec, load_tables

FILE = "synonyms.csv"
MAX_TERM = 60


def _sensible(row: dict[str, Any]) -> tuple[str, str] | None:
    for column in ("term", "statutory_term"):
        if len(row[column]) > MAX_TERM:
            return column, f"不超过 {MAX_TERM} 个字"
    if row["term"] == row["statutory_term"]:
        return "statutory_term", "与 term 相同,不是同义词"
    return None


SPEC = TableSpec(
    FILE,
    "Synonym",
    query("search/upsert_synonyms"),
    [Column("term", required=True), Column("statutory_term", required=True), Column("domain"), Column("note")],
    key=None,
    check=_sensible,
)


def load_synonyms(runner: Runner, path: Path, actor: str, partial: bool = True, refresh: bool = True) -> LoadReport:
    """Validates every row, writes the good ones (all or nothing unless partial), and re-cuts the matters'
    words with the grown vocabulary."""
    report = load_tables(runner, path.parent, [replace(SPEC, file=path.name)], actor, partial=partial)
    if refresh and report.written.get("Synonym"):
        behaviour_search.refresh(runner, actor)
    return report
