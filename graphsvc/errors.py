"""The service's errors: one root, each kind with its HTTP status and a stable code.

Messages are written for the person who reads them (Chinese for users); `details` carries
structured pointers such as `{"row": 3, "field": "uscc", "reason": "..."}`.
"""

from __future__ import annotations

from typing import Any


class GraphsvcError(Exception):
    status = 500
    code = "internal_error"

    def __init__(self, message: str, details: list[dict[str, Any]] | None = None):
        super().__init__(message)
        self.message = message
        self.details = details or []

    def to_json(self) -> dict[str, Any]:
        body: dict[str, Any] = {"code": self.code, "message": self.message}
        if self.details:
            body["details"] = self.details
        return {"error": body}


class InvalidInput(GraphsvcError):
    status = 422
    code = "invalid_input"


class NotFound(GraphsvcError):
    status = 404
    code = "not_found"


class Conflict(GraphsvcError):
    status = 409
    code = "conflict"


class Unauthorized(GraphsvcError):
    status = 401
    code = "unauthorized"


class Forbidden(GraphsvcError):
    status = 403
    code = "forbidden"


class DatabaseUnavailable(GraphsvcError):
    status = 503
    code = "database_unavailable"


class SetupError(GraphsvcError):
    """The machine lacks something the project needs (java, mvn, a free port)."""

    code = "setup_error"
