"""The FastAPI application factory."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi_offline import FastAPIOffline

from graphsvc import segment
from graphsvc.api import console, errors
from graphsvc.api.routes import (
    audit_log,
    browser,
    clues,
    departments,
    disputes,
    documents,
    health,
    imports,
    inspections,
    laws,
    legal_bases,
    lookup,
    matters,
    me,
    regions,
    responsibility,
    session,
    subjects,
    synonyms,
    vocabularies,
)
from graphsvc.config import Settings
from graphsvc.db import Runner, create_driver
from graphsvc.token_cache import TokenCache

DESCRIPTION = """
跨部门综合监管知识与职责图谱服务。

- **谁来管**:事项、行为或企业在某地某日由哪个部门牵头、哪些部门配合,依据哪一条法律;
- **能否合并检查**:排期前查重、同一对象的其他部门检查、可加入的联合检查;
- **线索去哪了**:问题线索跨部门、跨区域的移送链。

`/api/v1/` 下的接口需要 `Authorization: Bearer <令牌>`(`graphsvc token create` 生成)。
"""


def _operation_id(route: APIRoute) -> str:
    # Stable ids for generated clients: the handler's name, not the path.
    return route.name


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # The driver connects lazily, so the API starts (and /readyz says 503) while Neo4j is down.
        driver = create_driver(settings)
        app.state.runner = Runner(
            driver, settings.neo4j.database, settings.service.read_timeout_seconds, settings.service.db_retry_seconds
        )
        # jieba's dictionary takes a second or two to load, holding the interpreter meanwhile: load it before the
        # first request (once per process), not beside it, where it stalled every request of that moment.
        segment.warm()
        try:
            yield
        finally:
            driver.close()

    # Swagger UI and ReDoc from files shipped in the package: the 政务外网 has no CDN.
    app = FastAPIOffline(
        title="graphsvc",
        version="0.1.0",
        description=DESCRIPTION,
        lifespan=lifespan,
        generate_unique_id_function=_operation_id,
    )
    app.state.settings = settings
    app.state.tokens = TokenCache(settings.service.auth_cache_seconds)
    errors.install(app)
    # Outermost: an oversized body is refused before routing, authentication or parsing read any of it.
    app.add_middleware(errors.BodyLimit, max_bytes=settings.service.max_body_bytes)
    app.include_router(health.router)
    app.include_router(browser.router)
    app.include_router(me.router, prefix="/api/v1")
    app.include_router(session.router, prefix="/api/v1")
    # The console's look-ups and lists come before the routers whose `/{id}` paths would shadow them.
    for module in (
        lookup,
        laws,
        documents,
        imports,
        regions,
        matters,
        subjects,
        departments,
        responsibility,
        synonyms,
        disputes,
        legal_bases,
        clues,
        inspections,
        vocabularies,
        audit_log,
    ):
        app.include_router(module.router, prefix="/api/v1")
    app.include_router(disputes.designations, prefix="/api/v1")
    console.install(app)
    errors.document(app)
    return app
