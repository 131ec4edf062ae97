"""The open vocabularies (检查方式, 事项类别, 监管领域, 层级, 部门简称) and the office's mappings."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from pydantic import BaseModel

from graphsvc import vocab
from graphsvc.api.deps import RunnerDep, UserDep
from graphsvc.errors import Forbidden
from graphsvc.identity import Role
from graphsvc.vocab import Entry, EntryCreate

router = APIRouter(prefix="/vocabularies", tags=["vocabularies"])

VocabularyPath = Annotated[
    str,
    Path(
        max_length=20,
        description="check_method(检查方式)、category(事项类别)、domain(监管领域)、level(层级)、department(部门简称)",
    ),
]


class VocabularyPublic(BaseModel):
    name: str
    label: str
    closed: bool  # a closed vocabulary rejects words nobody mapped
    entries: list[Entry]


@router.get("/{name}", response_model=VocabularyPublic)
def get_vocabulary(runner: RunnerDep, user: UserDep, name: VocabularyPath) -> VocabularyPublic:
    """Every mapping of one vocabulary: the shipped ones (data/vocab/) and the office's, which win."""
    which = vocab.parse_name(name)
    found = vocab.load(runner)[which]
    return VocabularyPublic(
        name=which.value, label=found.label, closed=which in vocab.CLOSED, entries=list(found.entries.values())
    )


@router.post("/{name}", response_model=Entry, status_code=201)
def add_mapping(runner: RunnerDep, user: UserDep, name: VocabularyPath, body: EntryCreate) -> Entry:
    """Add (or change) a mapping: a word as people write it → what it means. Only the office (编办/司法局) and
    admins; recorded with who and when. Loads after this read the word as mapped."""
    if user.role not in (Role.office, Role.admin):
        raise Forbidden("只有编办、司法局(office 角色)或管理员可以维护词表。")
    return vocab.add(runner, vocab.parse_name(name), body, user.id)
