"""Per-request dependencies: the query runner and the caller's identity."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from graphsvc import accounts
from graphsvc.config import Settings
from graphsvc.db import Runner
from graphsvc.identity import User, authenticate, hash_token
from graphsvc.token_cache import TokenCache

bearer = HTTPBearer(auto_error=False, description="graphsvc token create 生成的访问令牌")


def get_runner(request: Request) -> Runner:
    runner: Runner = request.app.state.runner  # set by the app's lifespan
    return runner


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def get_user(
    request: Request,
    runner: Annotated[Runner, Depends(get_runner)],
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
) -> User:
    token = credentials.credentials if credentials else None
    cache: TokenCache = request.app.state.tokens
    key = hash_token(token) if token else ""
    user = cache.get(key) if token else None
    if user is None:
        # Console sessions (graphsvc/accounts.py) expire; API tokens are checked by identity.
        session = accounts.is_session(token)
        user = accounts.authenticate_session(runner, token) if session else authenticate(runner, token)
        cache.put(key, user)
    return user


RunnerDep = Annotated[Runner, Depends(get_runner)]
UserDep = Annotated[User, Depends(get_user)]
# On a router: every operation on it needs a valid token (401 without), whether or not it reads the caller.
AUTHENTICATED = [Depends(get_user)]
SettingsDep = Annotated[Settings, Depends(get_settings)]
