"""The shipped reference catalogue (data/reference/), loaded once through the real loader and read back."""

from __future__ import annotations

import csv
import hashlib
import json
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graphsvc.config import Settings
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.legal_ids import article_id, basis_id, parent_article_id, version_id
from loaders.reference import load_reference
from tests.conftest import TEST_ACTOR, wipe

COUNT_NODES = query("admin/count_nodes_by_label")
COUNT_RELATIONSHIPS = query("reference/count_relationships")
LIST_CONTENTS = query("reference/list_contents")
LIST_MATTER_GAPS = query("reference/list_matter_gaps")
LIST_LEGAL_IDS = query("reference/list_legal_ids")
LIST_REGION_DEPARTMENTS = query("reference/list_region_departments")
RESOLVE_WORDING = query("reference/resolve_wording")
FOLLOW_RENUMBERING = query("reference/follow_renumbering")
GET_ARTICLE_AUTHORITY = query("reference/get_article_authority")

AS_OF = date(2026, 1, 1)
MINHANG, YANTA = "310112", "610113"
# 西安市雁塔区深入推进跨部门综合监管工作方案 (seed 003), 二、组织领导: the member units as the plan names them.
YANTA_MEMBERS = [
    "区委编办",
    "区发改委",
    "区教育局",
    "区科工局",
    "公安雁塔分局",
    "区民政局",
    "区司法局",
    "区人社局",
    "生态环境雁塔分局",
    "区住建局",
    "区城管局",
    "区交通局",
    "区农水局",
    "区商务局",
    "区文旅局",
    "区卫健局",
    "区应急局",
    "区医保局",
    "区行政审批局",
    "区大数据局",
    "区金融办",
    "区市场监管局",
]


def _rows(directory: Path, name: str) -> list[dict[str, str]]:
    with (directory / name).open(encoding="utf-8-sig", newline="") as f:
        return [row for row in csv.DictReader(f) if any((v or "").strip() for v in row.values())]


def expected_counts(directory: Path) -> tuple[Counter[str], Counter[tuple[str, str, str]]]:
    """Nodes per label and relationships per (type, from, to) that the files describe."""
    rows = {p.name: _rows(directory, p.name) for p in directory.glob("*.csv")}
    nodes: Counter[str] = Counter()
    for file, label in [
        ("regions.csv", "Region"),
        ("departments.csv", "Department"),
        ("functions.csv", "Function"),
        ("legal_bases.csv", "LegalBasis"),
        ("basis_versions.csv", "BasisVersion"),
        ("articles.csv", "Article"),
        ("domains.csv", "Domain"),
        ("subject_types.csv", "SubjectType"),
        ("matters.csv", "Matter"),
        ("assignments.csv", "Assignment"),
    ]:
        nodes[label] = len(rows[file])
    nodes["Department"] += len(rows["bodies.csv"])
    # The thesaurus (merged on term and statutory term) and the state of the behaviour search built from them.
    nodes["Synonym"] = len({(r["term"], r["statutory_term"]) for r in rows.get("synonyms.csv", [])})
    nodes["SearchIndex"] = 1
    # The stamp every catalogue write changes, so that processes holding the catalogue reload it.
    nodes["CatalogueVersion"] = 1
    nodes = +nodes
    rels: Counter[tuple[str, str, str]] = Counter()

    def add(key: tuple[str, str, str], n: int) -> None:
        if n:
            rels[key] += n

    assignments = rows["assignments.csv"]
    add(("PART_OF", "Region", "Region"), sum(1 for r in rows["regions.csv"] if r["parent_id"]))
    add(("IN_REGION", "Department", "Region"), len(rows["departments.csv"]) + len(rows["bodies.csv"]))
    add(("IN_REGION", "Assignment", "Region"), sum(1 for r in assignments if r["region_id"]))
    add(("SUCCEEDED_BY", "Function", "Function"), len(rows["function_successions.csv"]))
    add(("PERFORMS", "Department", "Function"), len(rows["department_functions.csv"]))
    add(("HAS_VERSION", "LegalBasis", "BasisVersion"), len(rows["basis_versions.csv"]))
    add(("HAS_ARTICLE", "BasisVersion", "Article"), len(rows["articles.csv"]))
    add(("IN_ARTICLE", "Article", "Article"), sum(1 for r in rows["articles.csv"] if parent_article_id(r["id"])))
    add(("NAMES_FUNCTION", "Article", "Function"), len(rows["article_functions.csv"]))
    add(("AUTHORITY_FROM", "Article", "Article"), len(rows["article_authorities.csv"]))
    add(("RENUMBERED_AS", "Article", "Article"), len(rows["renumberings.csv"]))
    add(("IN_DOMAIN", "SubjectType", "Domain"), len(rows["subject_types.csv"]))
    add(("IN_DOMAIN", "Matter", "Domain"), len(rows["matters.csv"]))
    add(("BASED_ON", "Matter", "Article"), len(rows["matter_articles.csv"]))
    add(("APPLIES_IN", "Matter", "Region"), len(rows["matter_scopes.csv"]))
    add(("APPLIES_TO", "Matter", "SubjectType"), len(rows["matter_subject_types.csv"]))
    add(("FOR_MATTER", "Assignment", "Matter"), len(assignments))
    add(("ASSIGNED_TO", "Assignment", "Function"), sum(1 for r in assignments if r["function_id"]))
    add(("ASSIGNED_TO", "Assignment", "Department"), sum(1 for r in assignments if r["department_id"]))
    return nodes, rels


def graph_counts(runner: Runner) -> tuple[Counter[str], Counter[tuple[str, str, str]]]:
    nodes = Counter({r["label"]: r["count"] for r in runner.read(COUNT_NODES)})
    rels = Counter({(r["type"], r["from_label"], r["to_label"]): r["count"] for r in runner.read(COUNT_RELATIONSHIPS)})
    return nodes, rels


def checksum(runner: Runner) -> str:
    """A digest of every node and relationship with its properties, leaving out when and by whom it was last written."""
    digest = hashlib.sha256()
    for row in runner.read(LIST_CONTENTS):
        props = {k: v for k, v in row["properties"].items() if k not in ("updated_at", "updated_by")}
        digest.update(json.dumps([row["kind"], row["key"], props], sort_keys=True, default=str).encode())
    return digest.hexdigest()


@pytest.fixture(scope="module")
def catalogue(runner: Runner, settings: Settings) -> Iterator[Runner]:
    """A graph holding only the shipped reference data, loaded once for the module (the tests only read)."""
    wipe(runner)
    load_reference(runner, settings.service.reference_dir, TEST_ACTOR).raise_if_failed()
    yield runner


def resolve(runner: Runner, wording: str, region_id: str, as_of: date = AS_OF) -> list[dict[str, Any]]:
    return runner.read(RESOLVE_WORDING, wording=wording, region_id=region_id, as_of=as_of)


def test_the_graph_holds_what_the_files_say(catalogue: Runner, settings: Settings) -> None:
    assert graph_counts(catalogue) == expected_counts(settings.service.reference_dir)


def test_a_second_load_changes_nothing(catalogue: Runner, settings: Settings) -> None:
    before = graph_counts(catalogue), checksum(catalogue)
    report = load_reference(catalogue, settings.service.reference_dir, "test:second-load")
    assert report.errors == []
    assert (graph_counts(catalogue), checksum(catalogue)) == before


def test_every_matter_has_a_domain_an_article_and_a_lead(catalogue: Runner) -> None:
    assert catalogue.read(LIST_MATTER_GAPS) == []
    assert graph_counts(catalogue)[0]["Matter"] >= 150


def test_legal_ids_agree_with_each_other(catalogue: Runner) -> None:
    rows = catalogue.read(LIST_LEGAL_IDS)
    assert rows
    for r in rows:
        assert r["basis_id"] == basis_id(r["title"])
        assert r["version_id"] == version_id(r["basis_id"], r["version"])
        if r["article_id"] is not None:
            assert r["article_id"] == article_id(r["version_id"], r["number"], r["clause"] or 0, r["item"] or 0)


def test_yanta_has_the_member_units_of_its_plan(catalogue: Runner) -> None:
    bodies = catalogue.read(LIST_REGION_DEPARTMENTS, region_id=YANTA)
    departments = [d for d in bodies if d["kind"] == "政府部门"]
    assert {(d["name"], d["kind"]) for d in bodies if d["kind"] != "政府部门"} == {
        ("西安市雁塔区人民政府", "人民政府"),
        ("国家税务总局西安市雁塔区税务局", "垂直管理"),
    }
    assert sorted(d["short_name"] for d in departments) == sorted(YANTA_MEMBERS)
    names = {d["short_name"]: d["name"] for d in departments}
    assert names["区市场监管局"] == "西安市雁塔区市场监督管理局"
    assert names["公安雁塔分局"] == "西安市公安局雁塔分局"


@pytest.mark.parametrize(
    ("wording", "region_id", "department_id"),
    [
        ("工商行政管理部门", MINHANG, "310112-scjgj"),
        ("工商行政管理部门", YANTA, "610113-scjgj"),
        ("安全生产监督管理部门", MINHANG, "310112-yjglj"),
        ("安全生产监督管理部门", YANTA, "610113-yjglj"),
        ("公安机关消防机构", YANTA, "610100-xfjy"),
    ],
)
def test_a_pre_2018_wording_reaches_todays_department(
    catalogue: Runner, wording: str, region_id: str, department_id: str
) -> None:
    found = resolve(catalogue, wording, region_id)
    assert department_id in {r["department_id"] for r in found}
    assert all(r["named_function"] != r["function_id"] for r in found), "only through a reform"
    # Before the 2018 reform the successor role did not yet take over the old wording.
    assert resolve(catalogue, wording, region_id, date(2017, 1, 1)) == []


def test_gas_is_managed_by_construction_in_minhang_and_by_city_management_in_yanta(catalogue: Runner) -> None:
    gas = {region: resolve(catalogue, "燃气管理部门", region) for region in (MINHANG, YANTA)}
    county = {region: [r for r in found if r["level"] == "县"] for region, found in gas.items()}
    assert [r["department_id"] for r in county[MINHANG]] == ["310112-zjj"]
    assert [r["department_id"] for r in county[YANTA]] == ["610113-cgj"]
    assert "建设和管理委员会" in county[MINHANG][0]["department_name"]
    assert "城市管理" in county[YANTA][0]["department_name"]


def test_old_provisions_lead_to_the_current_text(catalogue: Runner) -> None:
    later = catalogue.read(FOLLOW_RENUMBERING, article_id="食品安全法@2009-02-28:4.3")
    assert [r["article_id"] for r in later] == ["食品安全法@2015-04-24:5.2", "食品安全法@2021-04-29:5.2"]
    assert later[-1]["effective_to"] is None


def test_a_penalty_without_an_authority_points_to_the_article_that_allocates_it(catalogue: Runner) -> None:
    found = catalogue.read(GET_ARTICLE_AUTHORITY, article_id="安全生产法@2021-06-10:99.1.8")
    assert {r["authority_article_id"] for r in found} == {"安全生产法@2021-06-10:115"}
    assert "emergency-management" in {r["function_id"] for r in found}


def test_a_wording_with_enumeration_commas_is_one_alias(catalogue: Runner) -> None:
    # 保障农民工工资支付条例第七条第二款; in 雁塔区 the 区农水局 carries the water (水利) duties.
    found = resolve(catalogue, "住房城乡建设、交通运输、水利等相关行业工程建设主管部门", YANTA)
    assert {"610113-zjj", "610113-jtj", "610113-nyj"} <= {r["department_id"] for r in found}
    assert "310112-nyj" not in {r["department_id"] for r in resolve(catalogue, "相关行业工程建设主管部门", MINHANG)}
