"""Law texts for reading in the console: the legal bases with their versions, and one version's articles."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from graphsvc.api.deps import AUTHENTICATED, RunnerDep
from graphsvc.catalogue import laws
from graphsvc.catalogue.laws import BasisList, VersionText

router = APIRouter(tags=["legal bases"], dependencies=AUTHENTICATED)


@router.get("/legal-bases", response_model=BasisList)
def list_legal_bases(runner: RunnerDep) -> BasisList:
    """Every law, regulation and rule in the graph with its versions, newest first."""
    return laws.legal_bases(runner)


@router.get("/basis-versions/{version_id}/articles", response_model=VersionText)
def version_articles(
    runner: RunnerDep,
    version_id: Annotated[str, Path(max_length=200, description="版本编号,如 安全生产法@2021-06-10")],
) -> VersionText:
    """The articles of one version in order, with their text where the law text was loaded (else the gist)."""
    return laws.version_articles(runner, version_id)
