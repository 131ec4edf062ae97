"""Tokens for tests: a new user of a role (and department) and the header that carries their token."""

from __future__ import annotations

from graphsvc.db import Runner
from graphsvc.identity import Role, create_token

TEST_ACTOR = "test:pytest"


def bearer(runner: Runner, name: str, role: Role, department: str | None = None) -> dict[str, str]:
    """The Authorization header of a fresh token for a new user `name`."""
    return {"Authorization": f"Bearer {create_token(runner, name, role, department, TEST_ACTOR).token}"}


def role_bearer(runner: Runner, role: Role, department: str | None = None) -> dict[str, str]:
    """The Authorization header of a fresh token for a user named after the role and department."""
    return bearer(runner, f"测试-{role.value}-{department}", role, department)
