"""One JSON error shape for every failure: {"error": {"code", "message", "details"?}}."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graphsvc.errors import GraphsvcError, InvalidInput, NotFound, Unauthorized

log = logging.getLogger("graphsvc.api")


class ErrorDetail(BaseModel):
    """Where the problem is: a field (and for files a row) with the reason."""

    model_config = {"extra": "allow"}
    field: str | None = Field(default=None, description="出错的字段")
    reason: str | None = Field(default=None, description="原因(英文短语,便于程序判断)")
    row: int | None = Field(default=None, description="文件中的行号")


class ErrorInfo(BaseModel):
    code: str = Field(description="稳定的错误代码,如 invalid_input、not_found")
    message: str = Field(description="给用户看的中文说明")
    details: list[ErrorDetail] = Field(default=[], description="逐项说明(可省略)")


class ErrorBody(BaseModel):
    """Every failure has this shape: {"error": {"code", "message", "details"?}}."""

    error: ErrorInfo


def _answer(description: str) -> dict[str, Any]:
    return {"model": ErrorBody, "description": description}


# Documented on every route: the answers any call may get besides its own success.
RESPONSES: dict[int | str, dict[str, Any]] = {
    401: _answer("缺少访问令牌,或令牌无效、已吊销"),
    403: _answer("当前角色或部门无权执行该操作"),
    404: _answer("请求的对象不存在"),
    409: _answer("与当前状态冲突(如已签收、已办结、已被取代),请刷新后重试"),
    413: _answer("请求体超过上限"),
    422: _answer("参数有误:字段、原因见 details"),
    503: _answer("图数据库暂不可用或查询超时,请稍后重试"),
}


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


async def on_overflow(request: Request, exc: Exception) -> JSONResponse:
    # Date or number arithmetic past what Python or the database holds: the caller's value, not our fault.
    log.warning("overflow path=%s error=%s", request.url.path, exc)
    return _respond(InvalidInput("日期或数值超出可处理的范围(年份 1900–2100,页码不超过 1000000)。"))


async def on_unexpected_error(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected_error path=%s", request.url.path)
    return _respond(GraphsvcError("服务内部错误,已记录日志。"))


class BodyLimit:
    """Refuses request bodies over the limit (413) before anything else runs, authentication included: a stranger
    must not make the service read 200 MB. Declared lengths are checked at once; streamed bodies while read."""

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope["headers"]).get(b"content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > self.max_bytes):
            await self._refuse(scope, receive, send)
            return
        seen = 0
        too_large = False

        async def limited_receive() -> Message:
            # Past the limit the body is cut short (the app sees an empty end) and its answer replaced by 413 below;
            # raising here would reach FastAPI's body parser, which answers 400.
            nonlocal seen, too_large
            if too_large:
                return {"type": "http.request", "body": b"", "more_body": False}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    too_large = True
                    return {"type": "http.request", "body": b"", "more_body": False}
            return message

        async def guarded_send(message: Message) -> None:
            if not too_large:
                await send(message)

        await self.app(scope, limited_receive, guarded_send)
        if too_large:
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: Scope, receive: Receive, send: Send) -> None:
        error = GraphsvcError(f"请求体过大:上限为 {self.max_bytes // 1024} KB。")
        error.status, error.code = 413, "payload_too_large"
        response = JSONResponse(error.to_json(), status_code=413, headers={"Connection": "close"})
        await response(scope, receive, send)


def install(app: FastAPI) -> None:
    app.add_exception_handler(GraphsvcError, on_service_error)
    app.add_exception_handler(RequestValidationError, on_validation_error)
    app.add_exception_handler(HTTPException, on_http_error)
    app.add_exception_handler(OverflowError, on_overflow)
    app.add_exception_handler(Exception, on_unexpected_error)
