"""Answers serialised once. A route that returns a model makes FastAPI dump it to Python, validate it again
against the response model and only then write its JSON; a large answer (a long chain, a resolution with its
evidence) pays for that twice. The route keeps `response_model` for the documentation and returns this instead."""

from __future__ import annotations

from fastapi import Response
from pydantic import BaseModel


def json_once(answer: BaseModel, status_code: int = 200) -> Response:
    """The answer, already validated by its model, written as JSON the way FastAPI would (by alias)."""
    return Response(answer.model_dump_json(by_alias=True), status_code=status_code, media_type="application/json")
