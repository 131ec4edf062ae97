"""Open vocabularies with mapping: the words people write for 检查方式, 事项类别, 监管领域, 层级 and 部门简称.

The shipped mappings are data (data/vocab/*.csv: written,canonical,note); the office adds its own
(`graphsvc vocab add`, `POST /api/v1/vocabularies/{name}`), kept in the graph with who and when. A
word nobody mapped is, for the open vocabularies, accepted as written with a warning; 层级 is closed:
a level that does not exist is an error.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from pydantic import BaseModel, Field

from graphsvc.config import resource
from graphsvc.cypher import query
from graphsvc.db import Reader, Runner
from graphsvc.errors import InvalidInput
from graphsvc.model import load_model

VOCAB_DIR = resource("data/vocab")
LIST_ENTRIES = query("vocab/list_vocabulary_entries")
UPSERT_ENTRY = query("vocab/upsert_vocabulary_entry")
LIST_DOMAINS = query("vocab/list_domain_ids")


class VocabularyName(StrEnum):
    check_method = "check_method"
    category = "category"
    domain = "domain"
    level = "level"
    department = "department"


LABELS = {
    VocabularyName.check_method: "检查方式",
    VocabularyName.category: "事项类别",
    VocabularyName.domain: "监管领域",
    VocabularyName.level: "层级",
    VocabularyName.department: "部门简称",
}
FILES = {
    VocabularyName.check_method: "check_methods.csv",
    VocabularyName.category: "categories.csv",
    VocabularyName.domain: "domains.csv",
    VocabularyName.level: "levels.csv",
    VocabularyName.department: "department_aliases.csv",
}
CLOSED = {VocabularyName.level}
# Department keys are the suffix of a department id (610113-scjgj → scjgj), see data/reference/README.md.
DEPARTMENT_KEY = re.compile(r"^[a-z]+$")


def key(word: str) -> str:
    """How words are compared: half-width, no spaces, no trailing 等."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", word)).removesuffix("等")


def parse_name(name: str) -> VocabularyName:
    """A vocabulary by its English or Chinese name (check_method or 检查方式)."""
    for v in VocabularyName:
        if name in (v.value, LABELS[v]):
            return v
    known = "、".join(f"{v.value}({LABELS[v]})" for v in VocabularyName)
    raise InvalidInput(f"未知的词表「{name}」,应为 {known} 之一", [{"field": "name", "reason": "unknown vocabulary"}])


class Entry(BaseModel):
    vocabulary: VocabularyName
    written: str = Field(min_length=1, max_length=100)
    canonical: str = Field(min_length=1, max_length=100)
    note: str | None = Field(default=None, max_length=300)
    source: str = "data/vocab"  # or who added it
    updated_at: datetime | None = None


class EntryCreate(BaseModel):
    written: str = Field(min_length=1, max_length=100, description="人们写的词,如 日常巡查")
    canonical: str = Field(min_length=1, max_length=100, description="它的意思:词表中的值、监管领域编号或部门简称键")
    note: str | None = Field(default=None, max_length=300)


@dataclass(frozen=True)
class Mapped:
    written: str
    canonical: str | None  # None: nobody mapped the word (open vocabularies only)
    note: str | None = None


@dataclass
class Vocabulary:
    name: VocabularyName
    allowed: frozenset[str]  # what a mapping may point to
    entries: dict[str, Entry] = field(default_factory=dict)

    @property
    def label(self) -> str:
        return LABELS[self.name]

    def lookup(self, word: str) -> Mapped | None:
        """The mapping of one word, or None."""
        entry = self.entries.get(key(word))
        return Mapped(word, entry.canonical, entry.note) if entry else None

    def map(self, word: str) -> Mapped:
        """The word mapped; an unmapped word of an open vocabulary comes back as written (canonical None)."""
        found = self.lookup(word)
        if found:
            return found
        if self.name in CLOSED:
            values = "/".join(sorted(self.allowed))
            raise ValueError(f"{self.label}「{word}」不存在,应为 {values}(或其常见写法,如 省级、区县)")
        return Mapped(word, None)


@dataclass
class Vocabularies:
    by_name: dict[VocabularyName, Vocabulary]

    def __getitem__(self, name: VocabularyName) -> Vocabulary:
        return self.by_name[name]


def _allowed(reader: Reader) -> dict[VocabularyName, frozenset[str]]:
    props = load_model().properties_of("Matter")
    return {
        VocabularyName.check_method: frozenset(props["check_method"].values),
        VocabularyName.category: frozenset(props["category"].values),
        VocabularyName.level: frozenset(props["level"].values),
        VocabularyName.domain: frozenset(r["id"] for r in reader.read(LIST_DOMAINS)),
        VocabularyName.department: frozenset(),  # any key of the department ids; checked by pattern
    }


def shipped(name: VocabularyName) -> list[Entry]:
    """The mappings of data/vocab/ for one vocabulary."""
    with (VOCAB_DIR / FILES[name]).open(encoding="utf-8-sig", newline="") as f:
        return [
            Entry(vocabulary=name, written=r["written"], canonical=r["canonical"], note=r.get("note") or None)
            for r in csv.DictReader(f)
        ]


def load(reader: Reader) -> Vocabularies:
    """Every vocabulary: the shipped mappings, then the office's (which win)."""
    allowed = _allowed(reader)
    result = {name: Vocabulary(name, allowed[name]) for name in VocabularyName}
    for name in VocabularyName:
        for entry in shipped(name):
            result[name].entries[key(entry.written)] = entry
    for row in reader.read(LIST_ENTRIES):
        name = VocabularyName(row["vocabulary"])
        entry = Entry(
            vocabulary=name,
            written=row["written"],
            canonical=row["canonical"],
            note=row["note"],
            source=row["updated_by"],
            updated_at=row["updated_at"],
        )
        result[name].entries[key(entry.written)] = entry
    return Vocabularies(result)


def add(runner: Runner, name: VocabularyName, new: EntryCreate, actor: str) -> Entry:
    """Records the office's mapping; the value it points to must exist."""
    vocabulary = load(runner)[name]
    canonical = new.canonical.strip()
    if name == VocabularyName.department:
        valid = bool(DEPARTMENT_KEY.match(canonical))
        hint = "部门编号的后缀,如 scjgj(市场监管)、wjw(卫健)"
    else:
        valid = canonical in vocabulary.allowed
        hint = "、".join(sorted(vocabulary.allowed))
    if not valid:
        raise InvalidInput(
            f"{vocabulary.label}的映射目标「{canonical}」不存在,应为 {hint}",
            [{"field": "canonical", "reason": "unknown value", "value": canonical}],
        )
    written = unicodedata.normalize("NFKC", new.written).strip()
    [row] = runner.write(
        UPSERT_ENTRY,
        id=f"{name.value}:{key(written)}",
        vocabulary=name.value,
        written=written,
        canonical=canonical,
        note=new.note,
        actor=actor,
    )
    return Entry(
        vocabulary=name,
        written=row["written"],
        canonical=row["canonical"],
        note=row["note"],
        source=row["updated_by"],
        updated_at=row["updated_at"],
    )


def from_files() -> Vocabularies:
    """The shipped vocabularies alone, without the graph (domains unchecked): for pure parsing and tests."""
    props = load_model().properties_of("Matter")
    allowed = {
        VocabularyName.check_method: frozenset(props["check_method"].values),
        VocabularyName.category: frozenset(props["category"].values),
        VocabularyName.level: frozenset(props["level"].values),
    }
    result = {name: Vocabulary(name, allowed.get(name, frozenset())) for name in VocabularyName}
    for name in VocabularyName:
        for entry in shipped(name):
            result[name].entries[key(entry.written)] = entry
    return Vocabularies(result)
