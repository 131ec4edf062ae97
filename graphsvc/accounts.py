"""Console sign-in: users with passwords (argon2 via pwdlib) and sessions that expire.

A session is a short-lived bearer token like the API tokens of graphsvc/identity.py (random, only its
SHA-256 stored) but with an expiry; the API's bearer dependency accepts both, so a signed-in browser
and a script with a token see the same endpoints and roles.
"""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from pwdlib import PasswordHash
from pydantic import BaseModel

from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import InvalidInput, NotFound, Unauthorized
from graphsvc.identity import Role, User, hash_token
from graphsvc.token_cache import forget_everywhere

SET_PASSWORD = query("account/set_user_password")
FIND_USER_ID = query("account/find_user_id")
FIND_LOGIN = query("account/find_login")
CREATE_SESSION = query("account/create_session")
FIND_SESSION_USER = query("account/find_user_by_session")
REVOKE_SESSION = query("account/revoke_session")
COUNT_USERS = query("account/count_console_users")
GET_DEPARTMENT = query("department/get_department")

SESSION_PREFIX = "gss_"
SESSION_HOURS = 8  # one working day; the console signs in again after that
MIN_PASSWORD = 8

_hasher = PasswordHash.recommended()  # argon2id with the library's current parameters
# Checked when the user name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY_HASH = _hasher.hash(secrets.token_urlsafe(16))


class Account(BaseModel):
    id: str
    username: str
    name: str
    role: Role
    department_id: str | None


class SessionToken(BaseModel):
    token: str
    expires_at: datetime
    user: User


def is_session(token: str | None) -> bool:
    return bool(token and token.startswith(SESSION_PREFIX))


def set_password(
    runner: Runner,
    username: str,
    password: str,
    role: Role,
    department_id: str | None,
    actor: str,
    name: str | None = None,
) -> Account:
    """Creates the console user (or updates them) with a new password; earlier sessions stay valid until they end."""
    username = username.strip()
    if not username or len(username) > 60:
        raise InvalidInput("用户名不能为空,且不超过 60 个字符。", [{"field": "username", "reason": "length"}])
    if len(password) < MIN_PASSWORD:
        raise InvalidInput(
            f"密码至少 {MIN_PASSWORD} 个字符。", [{"field": "password", "reason": f"shorter than {MIN_PASSWORD}"}]
        )
    if role is Role.department and not department_id:
        raise InvalidInput("部门用户必须指定所属部门(--department)。", [{"field": "department", "reason": "required"}])
    if department_id and not runner.read(GET_DEPARTMENT, id=department_id):
        raise NotFound(f"未知部门:{department_id}", [{"field": "department", "reason": "unknown department"}])
    found = runner.read(FIND_USER_ID, username=username)
    if found and (found[0]["role"] != role.value or found[0]["department_id"] != department_id):
        # A password change never changes who someone is: that is `graphsvc user set-role|set-department`.
        raise InvalidInput(
            f"用户 {username}({found[0]['id']})的角色或部门与现有记录不同;请用 graphsvc user set-role / set-department"
            " 明确修改(会记入操作记录)。",
            [{"field": "role", "reason": "differs from the existing user's"}],
        )
    rows = runner.write(
        SET_PASSWORD,
        user_id=found[0]["id"] if found else "u_" + secrets.token_hex(6),
        username=username,
        name=(name or username).strip(),
        role=role.value,
        department_id=department_id,
        password_hash=_hasher.hash(password),
        actor=actor,
    )
    account = Account.model_validate(rows[0])
    forget_everywhere(user_id=account.id)  # a new display name shows at once
    return account


def sign_in(runner: Runner, username: str, password: str, now: datetime | None = None) -> SessionToken:
    """Checks the password and opens a session of SESSION_HOURS; one message for every failure (no user probing)."""
    rows = runner.read(FIND_LOGIN, username=username.strip())
    stored = rows[0]["password_hash"] if rows else _DUMMY_HASH
    if not _hasher.verify(password, stored) or not rows:
        raise Unauthorized("用户名或密码不正确。")
    user_id = rows[0]["id"]
    token = SESSION_PREFIX + secrets.token_urlsafe(32)
    now = now or datetime.now(UTC)
    expires = now + timedelta(hours=SESSION_HOURS)
    runner.write(
        CREATE_SESSION,
        user_id=user_id,
        session_id="ses_" + secrets.token_hex(8),
        token_hash=hash_token(token),
        expires_at=expires,
        actor=user_id,
    )
    return SessionToken(token=token, expires_at=expires, user=authenticate_session(runner, token, now))


def authenticate_session(runner: Runner, token: str | None, now: datetime | None = None) -> User:
    """The user of an open session at `now` (the server clock by default)."""
    rows = runner.read(FIND_SESSION_USER, token_hash=hash_token(token or ""), now=now or datetime.now(UTC))
    if not rows:
        raise Unauthorized("登录已过期或已退出,请重新登录。")
    return User.model_validate(rows[0])


def console_users(runner: Runner) -> int:
    """How many users can sign in; `graphsvc up` says how to create the first one when there is none."""
    return int(runner.read(COUNT_USERS)[0]["users"])


def sign_out(runner: Runner, user: User) -> None:
    """Ends the caller's session; an API token is not a session and is left alone (revoke it with the CLI)."""
    if user.token_id.startswith("ses_"):
        runner.write(REVOKE_SESSION, session_id=user.token_id, actor=user.id)
        forget_everywhere(token_id=user.token_id)
