"""One JSON error shape for every failure: {"error": {"code", "message", "details"?}}."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException

from graphsvc.errors import GraphsvcError, InvalidInput, NotFound, Unauthorized

log = logging.getLogger("graphsvc.api")


def _respond(error: GraphsvcError) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if isinstance(error, Unauthorized) else None
    return JSONResponse(error.to_json(), status_code=error.status, headers=headers)


async def on_service_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, GraphsvcError)
    if exc.status >= 500:
        log.error("request_failed path=%s code=%s message=%s", request.url.path, exc.code, exc.message)
    return _respond(exc)


async def on_validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [{"field": _field(e["loc"]), "reason": e["msg"]} for e in exc.errors()]
    fields = "、".join(d["field"] for d in details) or "请求"
    return _respond(InvalidInput(f"请求参数有误:{fields}", details))


def _field(loc: tuple) -> str:
    # ("query", "q") → "q": the user knows the field, not where FastAPI found it.
    return ".".join(str(p) for p in loc if p not in ("body", "query", "path", "header"))


async def on_http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    if exc.status_code == 404:
        return _respond(NotFound(f"没有这个地址:{request.url.path}"))
    error = GraphsvcError(str(exc.detail))
    error.status, error.code = exc.status_code, "http_error"
    return _respond(error)


async def on_unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected_error path=%s", request.url.path)
    return _respond(GraphsvcError("服务内部错误,已记录日志。"))


def install(app: FastAPI) -> None:
    app.add_exception_handler(GraphsvcError, on_service_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(Exception, on_unexpected_error)
