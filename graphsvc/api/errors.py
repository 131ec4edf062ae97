"""One JSON error shape for every failure: {"error": {"code", "message", "details"?}}."""

from __future__ import annotations

import json
import logging
from collections.abc import Iterator, Sequence
from typing import Any, Literal

from fastapi import FastAPI, Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException
from starlette.routing import BaseRoute
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graphsvc.api import validation
from graphsvc.api.deps import get_runner, get_user
from graphsvc.errors import GraphsvcError, InvalidInput, NotFound, Unauthorized

log = logging.getLogger("graphsvc.api")
REF = "#/components/schemas/"


class ErrorDetail(BaseModel):
    """Where the problem is: a field (and for files a row) with the reason."""

    model_config = {"extra": "allow"}
    field: str | None = Field(default=None, description="出错的字段,如 window.end、subjects.0")
    reason: str | None = Field(
        default=None, description="原因:参数校验错误为中文说明;业务规则错误为稳定的英文短语,便于程序判断"
    )
    type: str | None = Field(default=None, description="参数校验错误的类型代码(pydantic,英文),如 missing")
    location: Literal["body", "query", "path", "header", "cookie"] | None = Field(
        default=None, description="参数所在位置"
    )
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


# The failures a call may get besides its own success; `document` lists on each operation those that can happen.
RESPONSES: dict[int | str, dict[str, Any]] = {
    401: _answer("缺少访问令牌,或令牌无效、已吊销"),
    403: _answer("当前角色或部门无权执行该操作"),
    404: _answer("请求的对象不存在"),
    409: _answer("与当前状态冲突(如已签收、已办结、已被取代),请刷新后重试"),
    413: _answer("请求体超过上限"),
    422: _answer("参数有误:字段、原因见 details"),
    503: _answer("图数据库暂不可用或查询超时,请稍后重试"),
}

# POSTs that only read (a body too long for a query string): they change nothing, so nothing conflicts.
READ_ONLY_POSTS = frozenset(
    {"resolve_responsibility", "precheck_inspection", "opinion_document", "replay_random_draw", "sign_in"}
)


def errors_of(route: APIRoute) -> set[int]:
    """The error statuses a route can answer, from what it depends on: a caller (401, 403), the database (503),
    parameters or a body (422, and 404 for what they name), a body (413), a write (409)."""
    calls, params = _walk(route.dependant)
    codes: set[int] = set()
    if get_user in calls:
        codes |= {401, 403}
    if get_runner in calls:
        codes.add(503)
    if params or route.body_field is not None:
        # Whatever a call names (in the path, the query or the body: a region, a subject, a matter) may not exist.
        codes |= {404, 422}
    if route.body_field is not None:
        codes.add(413)
    if set(route.methods or ()) & {"POST", "PUT", "PATCH", "DELETE"} and route.name not in READ_ONLY_POSTS:
        codes.add(409)
    return codes


def _walk(dependant: Dependant) -> tuple[set[Any], set[str]]:
    """Every callable a route depends on (at any depth), and where its parameters come from."""
    calls: set[Any] = set()
    params = {where for where, found in _params(dependant) if found}
    for sub in dependant.dependencies:
        calls.add(sub.call)
        sub_calls, sub_params = _walk(sub)
        calls |= sub_calls
        params |= sub_params
    return calls, params


def _params(dependant: Dependant) -> list[tuple[str, bool]]:
    # Security schemes (the bearer header) are the caller's identity, not parameters.
    return [("path", bool(dependant.path_params)), ("query", bool(dependant.query_params))] + [
        ("header", bool(dependant.header_params))
    ]


def document(app: FastAPI) -> None:
    """Puts the real error shape (ErrorBody) in the OpenAPI document on every operation, for each failure it can
    answer, instead of FastAPI's default `{"detail": [...]}` 422. A status a route declares itself counts too,
    with its own description. Done on the generated document: routes stay as FastAPI built them."""
    generate = app.openapi
    done: set[int] = set()

    def openapi() -> dict[str, Any]:
        schema = generate()
        if id(schema) not in done:
            _put_errors(schema, {route.name: route for route in _api_routes(app.routes)})
            done.add(id(schema))
        return schema

    app.openapi = openapi  # type: ignore[method-assign]


def _api_routes(routes: Sequence[BaseRoute]) -> Iterator[APIRoute]:
    for route in routes:
        if isinstance(route, APIRoute):
            yield route
        elif (router := getattr(route, "original_router", None)) is not None:
            # FastAPI ≥ 0.12x keeps an included router whole instead of copying its routes.
            yield from _api_routes(router.routes)


def _put_errors(schema: dict[str, Any], routes: dict[str, APIRoute]) -> None:
    error_schema = ErrorBody.model_json_schema(ref_template=REF + "{model}")
    components = schema.setdefault("components", {}).setdefault("schemas", {})
    components.update(error_schema.pop("$defs", {}))
    components["ErrorBody"] = error_schema
    for operations in schema.get("paths", {}).values():
        for operation in operations.values():
            route = routes.get(operation.get("operationId", ""))
            if route is None:
                continue
            answers = operation.setdefault("responses", {})
            declared = {int(code) for code in route.responses if str(code).isdigit() and int(code) in RESPONSES}
            for code in sorted(errors_of(route) | declared):
                own = route.responses.get(code, {}).get("description")
                answers[str(code)] = {
                    "description": own or RESPONSES[code]["description"],
                    "content": {"application/json": {"schema": {"$ref": REF + "ErrorBody"}}},
                }
    text = json.dumps(schema.get("paths", {}))
    for unused in ("HTTPValidationError", "ValidationError"):
        if REF + unused not in text and REF + unused not in json.dumps(components):
            components.pop(unused, None)


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
    details = validation.details_of(exc.errors())
    return _respond(InvalidInput(validation.message_of(details), details))


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
