"""The thesaurus of the behaviour search: look entries up; the office adds the ones it finds missing."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from graphsvc.api.deps import RunnerDep, UserDep
from graphsvc.errors import Forbidden
from graphsvc.identity import Role
from graphsvc.responsibility import synonyms
from graphsvc.responsibility.synonyms import Synonym, SynonymCreate, Synonyms

router = APIRouter(prefix="/synonyms", tags=["synonyms"])


@router.get("", response_model=Synonyms)
def list_synonyms(
    runner: RunnerDep,
    user: UserDep,
    q: Annotated[str | None, Query(max_length=60, description="词语,如 煤气罐;查说法或法定用语中含有它的条目")] = None,
) -> Synonyms:
    """Thesaurus entries (colloquial term → statutory term, domain, note, who added them and when)."""
    return synonyms.search(runner, q)


@router.post("", status_code=201, response_model=Synonym)
def add_synonym(runner: RunnerDep, user: UserDep, body: SynonymCreate) -> Synonym:
    """Add an entry (编办/司法局 or admin): from the next search on, every description using `term` also finds
    the matters worded with `statutory_term`. Adding the same pair again only records who and when."""
    if user.role not in (Role.office, Role.admin):
        raise Forbidden("只有编办、司法局(office 角色)或管理员可以维护同义词表。")
    return synonyms.add(runner, body, actor=user.id)
