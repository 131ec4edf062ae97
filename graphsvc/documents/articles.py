"""The text of the articles an answer cites, so documents and pages can quote the law itself."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel

from graphsvc.cypher import query
from graphsvc.db import Reader
from graphsvc.responsibility.answer import Resolution

GET_ARTICLES = query("console/get_articles")


class ArticleText(BaseModel):
    id: str
    label: str | None
    gist: str | None
    text: str | None
    basis_id: str
    title: str
    version: str | None
    effective_from: date | None
    effective_to: date | None
    status: str | None


def article_texts(reader: Reader, ids: list[str]) -> dict[str, ArticleText]:
    rows = reader.read(GET_ARTICLES, ids=sorted(set(ids)))
    return {row["id"]: ArticleText.model_validate(row) for row in rows}


def cited_ids(resolution: Resolution) -> list[str]:
    """Every article id a resolution's evidence cites."""
    ids: list[str] = []
    for result in resolution.results:
        for duty in result.lead + result.cooperating:
            ids += [b.article_id for b in duty.evidence.bases]
    return ids
