"""Console sign-in: a user name and password give a session token that expires."""

from __future__ import annotations

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field

from graphsvc import accounts
from graphsvc.accounts import SessionToken
from graphsvc.api.deps import RunnerDep, UserDep

router = APIRouter(prefix="/session", tags=["identity"])


class Credentials(BaseModel):
    username: str = Field(min_length=1, max_length=60, description="用户名(graphsvc user create 设置)")
    password: str = Field(min_length=1, max_length=200)


@router.post("", response_model=SessionToken, status_code=201, responses={401: {"description": "用户名或密码不对"}})
def sign_in(runner: RunnerDep, body: Credentials) -> SessionToken:
    """Sign in: the answer's `token` is a bearer token for `/api/v1/`, valid until `expires_at`."""
    return accounts.sign_in(runner, body.username, body.password)


@router.delete("", status_code=204)
def sign_out(runner: RunnerDep, user: UserDep) -> Response:
    """Sign out: the session's token stops working at once."""
    accounts.sign_out(runner, user)
    return Response(status_code=204)
