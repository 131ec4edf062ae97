"""Every Cypher statement of the service, read from `cypher/**/*.cypher` once at start.

A file holds one statement under a short header:

    // What the statement answers, in a sentence.
    // mode: read | write
    // params: region_id, as_of
    // returns: id, name

Schema files (`// mode: schema`, under cypher/schema/) are the one exception: a script of DDL
statements separated by `;`. Modules name the statements they run at import time with `query()`,
so an unknown name, or a header that disagrees with its statement, fails at start.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Literal

from graphsvc.config import resource

CYPHER_DIR = resource("cypher")
Mode = Literal["read", "write", "schema"]

_HEADER = re.compile(r"^//[ \t]*(mode|params|returns):[ \t]*(.*?)[ \t]*$", re.MULTILINE)
_PARAM = re.compile(r"\$(\w+)")


class CypherFileError(Exception):
    """A Cypher file or name that cannot be used: a programming error, caught at start."""


@dataclass(frozen=True)
class Query:
    name: str
    mode: Mode
    params: frozenset[str]
    returns: tuple[str, ...]
    text: str
    path: Path

    @property
    def statements(self) -> list[str]:
        """The statements of a schema script, or the single statement of a query."""
        if self.mode != "schema":
            return [self.text]
        return [s.strip() for s in self.text.split(";") if s.strip()]

    def check_params(self, given: dict[str, object]) -> None:
        if set(given) != self.params:
            missing, extra = self.params - set(given), set(given) - self.params
            raise CypherFileError(f"{self.name}: missing params {sorted(missing)}, unexpected {sorted(extra)}")


def parse_file(path: Path, root: Path = CYPHER_DIR) -> Query:
    raw = path.read_text(encoding="utf-8")
    name = path.relative_to(root).with_suffix("").as_posix()
    header = {key: value for key, value in _HEADER.findall(raw)}
    mode = header.get("mode")
    if mode not in ("read", "write", "schema"):
        raise CypherFileError(f"{path}: header needs `// mode: read|write|schema`, found {mode!r}")
    body = "\n".join(line for line in raw.splitlines() if not line.lstrip().startswith("//")).strip()
    if not body:
        raise CypherFileError(f"{path}: no statement")
    declared = frozenset(p.strip() for p in header.get("params", "").split(",") if p.strip())
    used = frozenset(_PARAM.findall(_strip_strings(body)))
    if declared != used:
        raise CypherFileError(f"{path}: header params {sorted(declared)} but the statement uses {sorted(used)}")
    if mode != "schema" and ";" in _strip_strings(body).rstrip().rstrip(";"):
        raise CypherFileError(f"{path}: one statement per file")
    returns = tuple(r.strip() for r in header.get("returns", "").split(",") if r.strip())
    return Query(name, mode, declared, returns, body.rstrip().rstrip(";"), path)


def _strip_strings(text: str) -> str:
    return re.sub(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"", "''", text)


@cache
def load_all(root: Path = CYPHER_DIR) -> dict[str, Query]:
    """All statements under root, by name (`identity/find_user_by_token`)."""
    return {q.name: q for q in (parse_file(p, root) for p in sorted(root.rglob("*.cypher")))}


def query(name: str) -> Query:
    """The named statement; raises at once when no such file exists."""
    queries = load_all()
    if name not in queries:
        raise CypherFileError(f"no Cypher file cypher/{name}.cypher")
    return queries[name]
