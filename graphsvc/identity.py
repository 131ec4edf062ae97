"""Who is calling: bearer tokens that map to users with a role and, for departments, a department.

Tokens are random 256-bit strings; only their SHA-256 is stored, which is enough for
secrets of that strength (a slow password hash buys nothing here and costs every request).
"""

from __future__ import annotations

import getpass
import hashlib
import secrets
from enum import StrEnum

from pydantic import BaseModel

from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import InvalidInput, NotFound, Unauthorized

CREATE_TOKEN = query("identity/create_token")
FIND_USER = query("identity/find_user_by_token_hash")
REVOKE_TOKEN = query("identity/revoke_token")
LIST_TOKENS = query("identity/list_tokens")
GET_DEPARTMENT = query("department/get_department")

TOKEN_PREFIX = "gs_"


class Role(StrEnum):
    office = "office"  # 编办 / 司法局
    department = "department"
    analyst = "analyst"
    admin = "admin"


class User(BaseModel):
    id: str
    name: str
    role: Role
    token_id: str
    department_id: str | None = None
    department_name: str | None = None


class NewToken(BaseModel):
    user_id: str
    token_id: str
    department_id: str | None
    token: str


def cli_actor() -> str:
    """The actor recorded for writes made from the command line."""
    return f"cli:{getpass.getuser()}"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_token(runner: Runner, name: str, role: Role, department_id: str | None, actor: str) -> NewToken:
    """Creates the user if new and gives them a fresh token (printed once, stored hashed)."""
    name = name.strip()
    if not name:
        raise InvalidInput("用户名不能为空。", [{"field": "name", "reason": "empty"}])
    if role is Role.department and not department_id:
        raise InvalidInput("部门用户必须指定所属部门(--department)。", [{"field": "department", "reason": "required"}])
    if department_id and not runner.read(GET_DEPARTMENT, id=department_id):
        raise NotFound(f"未知部门:{department_id}", [{"field": "department", "reason": "unknown department"}])
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    rows = runner.write(
        CREATE_TOKEN,
        user_id=name,
        name=name,
        role=role.value,
        department_id=department_id,
        token_id="tok_" + secrets.token_hex(6),
        token_hash=hash_token(token),
        actor=actor,
    )
    return NewToken(**rows[0], token=token)


def authenticate(runner: Runner, token: str | None) -> User:
    if not token:
        raise Unauthorized("缺少访问令牌:请在请求头中提供 Authorization: Bearer <令牌>。")
    rows = runner.read(FIND_USER, token_hash=hash_token(token))
    if not rows:
        raise Unauthorized("访问令牌无效或已被吊销。")
    return User.model_validate(rows[0])


def revoke_token(runner: Runner, token_id: str, actor: str) -> dict:
    rows = runner.write(REVOKE_TOKEN, token_id=token_id, actor=actor)
    if not rows:
        raise NotFound(f"未知令牌:{token_id}", [{"field": "token_id", "reason": "unknown token"}])
    return rows[0]


def list_tokens(runner: Runner) -> list[dict]:
    return runner.read(LIST_TOKENS)
