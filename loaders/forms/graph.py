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
from loaders.citations import Citation
from loaders.department_names import Department, DepartmentIndex, Region, clean

GET_REGION_CHAIN = query("forms/get_region_chain")
LIST_REGION_DEPARTMENTS = query("forms/list_region_departments")
LIST_DOMAINS = query("forms/list_domains")
LIST_LEGAL_BASES = query("forms/list_legal_bases")
FIND_CITED_ARTICLES = query("forms/find_cited_articles")
LIST_MATTERS = query("forms/list_matters")


def closest(word: str, known: dict[str, str], n: int = 3) -> str:
    """', 最接近的是:A、B' for the known display names nearest to word, or '' when none is near."""
    near = difflib.get_close_matches(word, list(known), n=n, cutoff=0.6)
    return f",最接近的是:{'、'.join(dict.fromkeys(known[k] for k in near))}" if near else ""


def region_chain(runner: Runner, region_id: str) -> list[Region]:
    """The region and its parents, nearest first; empty when the region is unknown."""
    rows = runner.read(GET_REGION_CHAIN, region_id=region_id)
    return [Region(r["id"], r["name"], r["level"]) for r in rows]


def department_index(runner: Runner, chain: list[Region], as_of: date) -> DepartmentIndex:
    rows = runner.read(LIST_REGION_DEPARTMENTS, region_ids=[r.id for r in chain], as_of=as_of)
    return DepartmentIndex(chain, [Department(r["id"], r["name"], r["short_name"], r["region_id"]) for r in rows])


class Domains:
    """监管领域 by name; 食品领域 and 食品行业 mean 食品."""

    def __init__(self, runner: Runner):
        rows = runner.read(LIST_DOMAINS)
        self.by_key = {self.key(r["name"]): r["id"] for r in rows}
        self.names = {self.key(r["name"]): r["name"] for r in rows}

    @staticmethod
    def key(name: str) -> str:
        return re.sub(r"(?:领域|行业)$", "", clean(name))

    def match(self, name: str) -> str:
        key = self.key(name)
        if key in self.by_key:
            return self.by_key[key]
        raise ValueError(f"未知的监管领域「{name}」{closest(key, self.names)}")


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
