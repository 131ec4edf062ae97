"""Who is calling: bearer tokens that map to users with a role and, for departments, a department.

A user has a stable id (u_ and 12 hex digits) that never changes; the display name may change or repeat.
A token is issued to an existing user and never changes a role: roles and departments change only through
`set_role`, which the audit log records with before → after.

Tokens are random 256-bit strings; only their SHA-256 is stored, which is enough for
secrets of that strength (a slow password hash buys nothing here and costs every request).
"""

from __future__ import annotations

import getpass
import hashlib
import secrets
from datetime import datetime

from pydantic import BaseModel

from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import Conflict, InvalidInput, NotFound, Unauthorized
from graphsvc.token_cache import forget_everywhere
from graphsvc.types import Role as Role  # re-exported: callers name it from here too

CREATE_USER = query("identity/create_user")
GET_USER = query("identity/get_user")
FIND_USERS = query("identity/find_users_by_name")
SET_ROLE = query("identity/set_user_role")
CREATE_TOKEN = query("identity/create_token")
FIND_USER = query("identity/find_user_by_token_hash")
REVOKE_TOKEN = query("identity/revoke_token")
LIST_TOKENS = query("identity/list_tokens")
GET_DEPARTMENT = query("department/get_department")

TOKEN_PREFIX = "gs_"


class User(BaseModel):
    id: str
    name: str
    role: Role
    token_id: str
    department_id: str | None = None
    department_name: str | None = None


class RoleHolding(BaseModel):
    role: Role
    department_id: str | None


class RoleChange(BaseModel):
    """What `set_role` did: the user's role and department before and after."""

    id: str
    role: Role
    department_id: str | None
    before: RoleHolding
    after: RoleHolding


class RevokedToken(BaseModel):
    token_id: str
    revoked_at: datetime
    user_id: str


class TokenInfo(BaseModel):
    """A token as `token list` shows it (never the token or its hash)."""

    token_id: str
    user_id: str
    name: str
    role: Role
    department_id: str | None
    created_at: datetime
    created_by: str | None
    revoked_at: datetime | None


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


class UserRecord(BaseModel):
    id: str
    name: str
    role: Role
    department_id: str | None = None


def _check_role(runner: Runner, role: Role, department_id: str | None) -> None:
    if role is Role.department and not department_id:
        raise InvalidInput("部门用户必须指定所属部门(--department)。", [{"field": "department", "reason": "required"}])
    if role is not Role.department and department_id:
        raise InvalidInput(
            "只有部门用户(department)属于某个部门。", [{"field": "department", "reason": "only for department users"}]
        )
    if department_id and not runner.read(GET_DEPARTMENT, id=department_id):
        raise NotFound(f"未知部门:{department_id}", [{"field": "department", "reason": "unknown department"}])


def create_user(runner: Runner, name: str, role: Role, department_id: str | None, actor: str) -> UserRecord:
    """A new user with a fresh stable id, whatever other users are called."""
    name = name.strip()
    if not name:
        raise InvalidInput("用户名不能为空。", [{"field": "name", "reason": "empty"}])
    _check_role(runner, role, department_id)
    user_id = "u_" + secrets.token_hex(6)
    runner.write(CREATE_USER, user_id=user_id, name=name, role=role.value, department_id=department_id, actor=actor)
    return UserRecord(id=user_id, name=name, role=role, department_id=department_id)


def get_user(runner: Runner, user_id: str) -> UserRecord:
    rows = runner.read(GET_USER, id=user_id)
    if not rows:
        raise NotFound(f"未知用户:{user_id}", [{"field": "user", "reason": "unknown user"}])
    return UserRecord.model_validate(rows[0])


def users_named(runner: Runner, name: str) -> list[UserRecord]:
    return [UserRecord.model_validate(r) for r in runner.read(FIND_USERS, name=name.strip())]


def issue_token(runner: Runner, user_id: str, actor: str) -> NewToken:
    """A fresh token for an existing user (printed once, stored hashed); role and department stay as they are."""
    get_user(runner, user_id)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    rows = runner.write(
        CREATE_TOKEN, user_id=user_id, token_id="tok_" + secrets.token_hex(6), token_hash=hash_token(token), actor=actor
    )
    return NewToken(**rows[0], token=token)


def create_token(runner: Runner, name: str, role: Role, department_id: str | None, actor: str) -> NewToken:
    """A token for the user of that name: a new user when nobody has the name; the existing user when exactly one
    has it with this very role and department. Anything else is refused: a token never changes a role."""
    existing = users_named(runner, name)
    if not existing:
        return issue_token(runner, create_user(runner, name, role, department_id, actor).id, actor)
    same = [u for u in existing if u.role is role and u.department_id == department_id]
    if len(existing) == 1 and same:
        return issue_token(runner, same[0].id, actor)
    listed = "、".join(f"{u.id}({u.role.value}{'/' + u.department_id if u.department_id else ''})" for u in existing)
    raise Conflict(
        f"已有名为「{name.strip()}」的用户:{listed}。为已有用户签发令牌请用 --user <编号>;"
        "变更角色或部门请用 graphsvc user set-role;确需同名新用户请用 --new-user。",
        [{"field": "name", "reason": "existing user"}],
    )


def set_role(runner: Runner, user_id: str, role: Role, department_id: str | None, actor: str) -> RoleChange:
    """Changes a user's role (and department): explicit, and recorded in the audit log with before → after."""
    get_user(runner, user_id)
    _check_role(runner, role, department_id)
    [row] = runner.write(SET_ROLE, id=user_id, role=role.value, department_id=department_id, actor=actor)
    forget_everywhere(user_id=user_id)
    return RoleChange.model_validate(row)


def authenticate(runner: Runner, token: str | None) -> User:
    if not token:
        raise Unauthorized("缺少访问令牌:请在请求头中提供 Authorization: Bearer <令牌>。")
    rows = runner.read(FIND_USER, token_hash=hash_token(token))
    if not rows:
        raise Unauthorized("访问令牌无效或已被吊销。")
    return User.model_validate(rows[0])


def revoke_token(runner: Runner, token_id: str, actor: str) -> RevokedToken:
    rows = runner.write(REVOKE_TOKEN, token_id=token_id, actor=actor)
    if not rows:
        raise NotFound(f"未知令牌:{token_id}", [{"field": "token_id", "reason": "unknown token"}])
    forget_everywhere(token_id=token_id)
    return RevokedToken.model_validate(rows[0])


def list_tokens(runner: Runner) -> list[TokenInfo]:
    return [TokenInfo.model_validate(row) for row in runner.read(LIST_TOKENS)]
