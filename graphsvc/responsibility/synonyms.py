"""The thesaurus the office grows: colloquial words for the law's terms, applied to every description searched.

A clerk who finds a miss (a description in words the catalogue does not use) adds the entry here; the search
stamp moves with the write, so every API process reloads the thesaurus before its next search.
"""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field, field_validator, model_validator

from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import InvalidInput

UPSERT = query("search/upsert_synonyms")
LIST = query("search/list_synonyms")
DOMAINS = query("search/list_domains")


class SynonymCreate(BaseModel):
    term: str = Field(min_length=1, max_length=60, description="群众、热线工单的说法,如 煤气罐")
    statutory_term: str = Field(min_length=1, max_length=60, description="法规或事项目录的用语,如 瓶装燃气")
    domain: str | None = Field(default=None, max_length=40, description="监管领域编号或名称,如 gas 或 燃气")
    note: str | None = Field(default=None, max_length=300, description="来源或说明")

    @field_validator("term", "statutory_term", "domain", "note", mode="before")
    @classmethod
    def _strip(cls, value: object) -> object:
        return value.strip() or None if isinstance(value, str) else value

    @model_validator(mode="after")
    def _different(self) -> SynonymCreate:
        if self.term == self.statutory_term:
            raise ValueError("term 与 statutory_term 相同,不是同义词")
        return self


class Synonym(BaseModel):
    id: str
    term: str
    statutory_term: str
    domain: str | None
    note: str | None
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str


class Synonyms(BaseModel):
    total: int
    results: list[Synonym]


def add(runner: Runner, entry: SynonymCreate, actor: str) -> Synonym:
    """Writes one entry (merged on term and statutory term: adding it twice changes only updated_at/by)."""
    domain = entry.domain
    if domain:
        known = {d["id"]: d["name"] for d in runner.read(DOMAINS)}
        by_name = {name: key for key, name in known.items()}
        if domain not in known and domain not in by_name:
            raise InvalidInput(
                f"未知的监管领域:{domain}(可用:{'、'.join(f'{k} {v}' for k, v in known.items())})",
                [{"field": "domain", "reason": "unknown domain"}],
            )
        domain = domain if domain in known else by_name[domain]
    [row] = runner.write(UPSERT, rows=[entry.model_dump() | {"domain": domain}], actor=actor)
    return find(runner, entry.term, entry.statutory_term, row["id"])


def find(runner: Runner, term: str, statutory_term: str, synonym_id: str) -> Synonym:
    [found] = [s for s in search(runner, term).results if s.id == synonym_id]
    return found


def search(runner: Runner, q: str | None) -> Synonyms:
    """Entries whose term or statutory term contains q (all of them without q)."""
    rows = runner.read_as(Synonym, LIST, contains=q or None)
    return Synonyms(total=len(rows), results=rows)
