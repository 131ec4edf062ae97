"""Who the caller is."""

from __future__ import annotations

from fastapi import APIRouter

from graphsvc.api.deps import UserDep
from graphsvc.identity import User

router = APIRouter(tags=["identity"])


@router.get("/me", response_model=User)
async def whoami(user: UserDep) -> User:
    """The user behind the bearer token: name, role and department."""
    return user
