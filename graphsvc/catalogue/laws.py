"""Law texts for reading: the legal bases with their versions, and one version's articles in order."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from graphsvc.cypher import query
from graphsvc.db import Reader

LIST_BASES = query("console/list_legal_bases")
VERSION_TEXT = query("console/list_version_text")


class VersionSummary(BaseModel):
    id: str
    version: str | None
    status: str | None
    effective_from: date | None
    effective_to: date | None
    articles: int


class BasisSummary(BaseModel):
    id: str
    title: str
    kind: str | None
    versions: list[VersionSummary]


class BasisList(BaseModel):
    results: list[BasisSummary]


class ArticleLine(BaseModel):
    id: str
    label: str | None
    chapter: str | None
    text: str | None
    gist: str | None


class VersionText(BaseModel):
    version_id: str
    articles: list[ArticleLine]


def legal_bases(reader: Reader) -> BasisList:
    """Every law, regulation and rule in the graph with its versions, newest first."""
    return BasisList(results=[BasisSummary.model_validate(row) for row in reader.read(LIST_BASES)])


def version_articles(reader: Reader, version_id: str) -> VersionText:
    """The articles of one version in order, with their text where the law text was loaded (else the gist)."""
    rows = reader.read(VERSION_TEXT, version_id=version_id)
    return VersionText(version_id=version_id, articles=[ArticleLine.model_validate(row) for row in rows])
