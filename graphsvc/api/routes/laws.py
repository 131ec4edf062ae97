"""Law texts for reading in the console: the legal bases with their versions, and one version's articles."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel

from graphsvc.api.deps import RunnerDep, UserDep
from graphsvc.cypher import query

LIST_BASES = query("console/list_legal_bases")
VERSION_TEXT = query("console/list_version_text")

router = APIRouter(tags=["legal bases"])


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


@router.get("/legal-bases", response_model=BasisList)
def list_legal_bases(runner: RunnerDep, user: UserDep) -> BasisList:
    """Every law, regulation and rule in the graph with its versions, newest first."""
    return BasisList(results=runner.read_as(BasisSummary, LIST_BASES))


@router.get("/basis-versions/{version_id}/articles", response_model=VersionText)
def version_articles(
    runner: RunnerDep,
    user: UserDep,
    version_id: Annotated[str, Path(max_length=200, description="版本编号,如 安全生产法@2021-06-10")],
) -> VersionText:
    """The articles of one version in order, with their text where the law text was loaded (else the gist)."""
    return VersionText(version_id=version_id, articles=runner.read_as(ArticleLine, VERSION_TEXT, version_id=version_id))
