"""What a form's words are checked against, read from the graph once per file: the region and its
departments, domains, legal bases with the cited articles in force, matters."""

from __future__ import annotations

import difflib
import re
import unicodedata
from datetime import date
from typing import Any

from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.legal_ids import NATIONAL_PREFIX
from graphsvc.vocab import Vocabulary
from loaders.citations import Citation
from loaders.department_names import Department, DepartmentIndex, Region, clean

GET_REGION_CHAIN = query("forms/get_region_chain")
LIST_REGION_DEPARTMENTS = query("forms/list_region_departments")
LIST_DOMAINS = query("forms/list_domains")
LIST_LEGAL_BASES = query("forms/list_legal_bases")
FIND_CITED_ARTICLES = query("forms/find_cited_articles")
FIND_ARTICLES_IN_VERSIONS = query("forms/find_articles_in_versions")
LIST_MATTERS = query("forms/list_matters")


def closest(word: str, known: dict[str, str], n: int = 3) -> str:
    """', 最接近的是:A、B' for the known display names nearest to word, or '' when none is near."""
    near = difflib.get_close_matches(word, list(known), n=n, cutoff=0.6)
    return f",最接近的是:{'、'.join(dict.fromkeys(known[k] for k in near))}" if near else ""


def region_chain(runner: Runner, region_id: str) -> list[Region]:
    """The region and its parents, nearest first; empty when the region is unknown."""
    rows = runner.read(GET_REGION_CHAIN, region_id=region_id)
    return [Region(r["id"], r["name"], r["level"]) for r in rows]


def department_index(
    runner: Runner, chain: list[Region], as_of: date, aliases: Vocabulary | None = None
) -> DepartmentIndex:
    rows = runner.read(LIST_REGION_DEPARTMENTS, region_ids=[r.id for r in chain], as_of=as_of)
    departments = [Department(r["id"], r["name"], r["short_name"], r["region_id"]) for r in rows]
    return DepartmentIndex(chain, departments, aliases)


class Domains:
    """监管领域 by name or through the vocabulary; 食品领域 and 食品行业 mean 食品. 监管领域 is open: a word
    nobody mapped is kept as written."""

    def __init__(self, runner: Runner, vocabulary: Vocabulary | None = None):
        rows = runner.read(LIST_DOMAINS)
        self.by_key: dict[str, str] = {self.key(r["name"]): r["id"] for r in rows}
        self.names = {self.key(r["name"]): r["name"] for r in rows}
        self.vocabulary = vocabulary

    @staticmethod
    def key(name: str) -> str:
        return re.sub(r"(?:领域|行业)$", "", clean(name))

    def match(self, name: str) -> str:
        """The domain id; raises ValueError with the closest names."""
        found = self.find(name)
        if found:
            return found
        raise ValueError(f"未知的监管领域「{name}」{closest(self.key(name), self.names)}")

    def find(self, name: str) -> str | None:
        """The domain id of the cell, or of its first part that names one (食品、药品 → 食品); None if none does."""
        for part in [name, *re.split(r"[、,;/和及与]", clean(name))]:
            key = self.key(part)
            if key in self.by_key:
                return self.by_key[key]
            mapped = self.vocabulary.lookup(key) if self.vocabulary else None
            if mapped and mapped.canonical in self.by_key.values():
                return mapped.canonical
        return None

    def near(self, name: str) -> str:
        return closest(self.key(name), self.names)


def title_key(title: str) -> str:
    """《中华人民共和国食品安全法》, 食品安全法 and ＜食品安全法＞ all give 食品安全法."""
    text = re.sub(r"[\s《》<>〈〉]", "", unicodedata.normalize("NFKC", title))
    return text.removeprefix(NATIONAL_PREFIX) or text


class Articles:
    """The Article each citation names, in the version of its law in force on the date.

    Reads once for all citations of a file. Only a provision the graph holds is accepted: an
    unknown law, a law not in force on the date, or an article, 款 or 项 it does not have is an error.
    """

    def __init__(self, runner: Runner, citations: list[Citation], as_of: date):
        self.as_of = as_of
        self.bases: dict[str, str] = {}
        self.titles: dict[str, str] = {}
        for r in runner.read(LIST_LEGAL_BASES):
            for title in filter(None, (r["title"], r["short_title"], r["id"])):
                self.bases.setdefault(title_key(title), r["id"])
                self.titles.setdefault(title_key(title), r["title"])
        numbers: dict[str, set[int]] = {}
        for c in citations:
            if basis := self.bases.get(title_key(c.title)):
                numbers.setdefault(basis, set()).add(c.number)
        wanted = [{"basis_id": b, "numbers": sorted(n)} for b, n in numbers.items()]
        rows = runner.read(FIND_CITED_ARTICLES, wanted=wanted, as_of=as_of) if wanted else []
        self.versions: dict[str, dict[str, Any]] = {r["basis_id"]: r for r in rows}
        older = runner.read(FIND_ARTICLES_IN_VERSIONS, wanted=wanted, as_of=as_of) if wanted else []
        self.elsewhere: dict[tuple[str, int, int, int], list[dict[str, Any]]] = {}
        for r in older:  # latest version first
            self.elsewhere.setdefault((r["basis_id"], r["number"], r["clause"] or 0, r["item"] or 0), []).append(r)

    def resolve_with_note(self, citation: Citation) -> tuple[str, str | None]:
        """The Article id and, for a citation by a number of another version, a note saying how it was read:
        the current article where the renumbering is known, else the article of the version where the number
        exists. Raises ValueError naming the citation when no version has it."""
        try:
            return self.resolve(citation), None
        except ValueError as missing:
            basis = self.bases.get(title_key(citation.title))
            key = (basis or "", citation.number, citation.clause, citation.item)
            found = self.elsewhere.get(key)
            if not found:
                raise missing from None
            current_version = (self.versions.get(basis or "") or {}).get("version")
            for row in found:
                if row["current"] and row["version"] != current_version:
                    now = row["current"]
                    return str(now["id"]), (
                        f"{citation} 是 {row['version']} 版的条号,现行 {now['version']} 版为{now['label']},"
                        "已按现行条款载入"
                    )
            row = found[0]
            current = f"本系统所载的现行 {current_version} 版中未见该条号," if current_version else ""
            return str(row["id"]), (
                f"{citation} 见于 {row['version']} 版,{current}对应的现行条款未知,已按 {row['version']} 版载入"
            )

    def resolve(self, citation: Citation) -> str:
        """The Article id; raises ValueError naming the citation."""
        basis = self.bases.get(title_key(citation.title))
        if basis is None:
            raise ValueError(f"未知的法律法规:{citation}{closest(title_key(citation.title), self.titles)}")
        version = self.versions.get(basis)
        if version is None:
            raise ValueError(f"{citation}:该法律法规在 {self.as_of} 没有有效版本")
        for a in version["articles"]:
            if (a["number"], a["clause"] or 0, a["item"] or 0) == (citation.number, citation.clause, citation.item):
                return str(a["id"])
        raise ValueError(f"{citation}:{version['version']} 版中没有该条款")


class Matters:
    """Matters by name for a plan's 监管事项: this region's form matters and the catalogue's."""

    def __init__(self, runner: Runner, region_id: str):
        self.own = f"form-{region_id}-"
        self.by_name: dict[str, list[str]] = {}
        self.names: dict[str, str] = {}
        for r in runner.read(LIST_MATTERS):
            if r["id"].startswith("form-") and not r["id"].startswith(self.own):
                continue  # another region's form
            self.by_name.setdefault(clean(r["name"]), []).append(r["id"])
            self.names[clean(r["name"])] = r["name"]

    def match(self, name: str) -> str:
        ids = self.by_name.get(clean(name), [])
        if len(ids) > 1:  # the region's own matter before a catalogue one of the same name
            ids = [i for i in ids if i.startswith(self.own)] or ids
        if len(ids) == 1:
            return ids[0]
        if ids:
            raise ValueError(f"有多个名为「{name}」的监管事项:{'、'.join(ids)}")
        raise ValueError(f"未知的监管事项「{name}」{closest(clean(name), self.names)}")
