"""Documents the clerk files: the 职责认定意见 (.docx) and the worklist (.xlsx); the cited articles' text."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel

from graphsvc.api.deps import RunnerDep, UserDep
from graphsvc.api.params import AsOf
from graphsvc.catalogue.regions import get_region
from graphsvc.documents.articles import ArticleText, article_texts, cited_ids
from graphsvc.documents.opinion import opinion_docx
from graphsvc.documents.worklist import worklist_xlsx
from graphsvc.responsibility import audit
from graphsvc.responsibility.resolve import ResolveRequest, resolve
from graphsvc.types import RegionCode

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

router = APIRouter(tags=["documents"])


class ArticleTexts(BaseModel):
    results: list[ArticleText]


BINARY = {"type": "string", "format": "binary"}


def _attachment(content: bytes, media_type: str, filename: str) -> Response:
    # RFC 5987: the Chinese file name survives every browser.
    ascii_name = "download" + filename[filename.rfind(".") :]
    disposition = f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"
    return Response(content, media_type=media_type, headers={"Content-Disposition": disposition})


@router.get("/articles", response_model=ArticleTexts)
def get_articles(
    runner: RunnerDep,
    user: UserDep,
    ids: Annotated[list[str], Query(max_length=100, description="条款编号,可重复,如 食品安全法@2021-04-29:110")],
) -> ArticleTexts:
    """The cited articles with their own text, law title and version, to quote them."""
    return ArticleTexts(results=list(article_texts(runner, ids).values()))


@router.post(
    "/documents/opinion",
    response_class=Response,
    responses={200: {"content": {DOCX: {"schema": BINARY}}, "description": "意见书(Word)"}},
)
def opinion_document(runner: RunnerDep, user: UserDep, request: ResolveRequest) -> Response:
    """The 职责认定意见 for the same request as `POST /responsibility/resolve`, as a Word document."""
    resolution = resolve(runner, request)
    articles = article_texts(runner, cited_ids(resolution))
    question = request.text or request.matter_id or request.uscc or ""
    if resolution.subject:
        question = f"{resolution.subject.name}({resolution.subject.id})"
    elif request.matter_id and resolution.results:
        question = resolution.results[0].matter.name
    region_name = get_region(runner, resolution.region, field="region").name
    content = opinion_docx(resolution, question, region_name, articles, user.name, datetime.now())
    return _attachment(content, DOCX, f"职责认定意见-{region_name}-{resolution.as_of}.docx")


@router.get(
    "/documents/worklist",
    response_class=Response,
    responses={
        200: {"content": {XLSX: {"schema": BINARY}}, "description": "工作清单(Excel)"},
        404: {"description": "未知的行政区划代码"},
    },
)
def worklist_document(
    runner: RunnerDep,
    user: UserDep,
    region: Annotated[RegionCode, Query(description="行政区划代码")],
    as_of: AsOf = None,
) -> Response:
    """The 编办's worklist (the audit) as an Excel workbook with a title block and Chinese headers."""
    report = audit.audit(runner, region, as_of)
    region_name = get_region(runner, region, field="region").name
    content = worklist_xlsx(report, region_name, datetime.now())
    return _attachment(content, XLSX, f"工作清单-{region_name}-{report.as_of}.xlsx")
