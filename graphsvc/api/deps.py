"""Per-request dependencies: the query runner and the caller's identity."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from graphsvc import accounts
from graphsvc.config import Settings
from graphsvc.db import Runner
from graphsvc.identity import User, authenticate

bearer = HTTPBearer(auto_error=False, description="graphsvc token create 生成的访问令牌")


def get_runner(request: Request) -> Runner:
    return request.app.state.runner


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


def get_user(
    runner: Annotated[Runner, Depends(get_runner)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> User:
    token = credentials.credentials if credentials else None
    # Console sessions (graphsvc/accounts.py) expire; API tokens are checked by identity.
    return accounts.authenticate_session(runner, token) if accounts.is_session(token) else authenticate(runner, token)


RunnerDep = Annotated[Runner, Depends(get_runner)]
UserDep = Annotated[User, Depends(get_user)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
