"""The reference catalogue shipped in data/reference/ (see its README for the files and their sources)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from graphsvc.captions import function_caption, matter_caption
from graphsvc.clues import summary
from graphsvc.clues.store import read_places
from graphsvc.cypher import query
from graphsvc.legal_ids import article_id, parent_article_id
from graphsvc.responsibility import behaviour_search
from graphsvc.writes import upsert
from loaders import synonyms
from loaders.rows import LoadReport
from loaders.table import Column, TableSpec, enum, load_tables

REGION_CODE = r"\d{6}(\d{3}(\d{3})?)?"  # GB/T 2260: 6 digits; 乡镇/街道 and 开发区 add 3 or 6
SLUG = r"[A-Za-z0-9][A-Za-z0-9_.-]*"


def _q(name: str) -> Any:
    return query(f"reference/{name}")


def _article_parent(row: dict[str, Any]) -> dict[str, Any]:
    # A whole article is clause 0, item 0 (as the model and the law-text loader have it), not empty.
    return {"parent_id": parent_article_id(row["id"]), "clause": row["clause"] or 0, "item": row["item"] or 0}


def _article_id_matches(row: dict[str, Any]) -> tuple[str, str] | None:
    try:
        expected = article_id(row["version_id"], row["number"], row["clause"] or 0, row["item"] or 0)
    except ValueError:
        return "item", "项须在款之内(clause 为空时 item 也应为空)"
    return None if row["id"] == expected else ("id", f"条款编号应为 {expected}")


def _function_fields(row: dict[str, Any]) -> dict[str, Any]:
    # Wordings of legal texts contain 、 (住房城乡建设、交通运输、水利等…), so only | separates aliases.
    aliases = [a.strip() for a in (row["aliases"] or "").split("|") if a.strip()]
    return {"aliases": aliases, "caption": function_caption(row["name"])}


def _one_holder(row: dict[str, Any]) -> tuple[str, str] | None:
    if bool(row["function_id"]) == bool(row["department_id"]):
        return "function_id", "function_id 与 department_id 须填且只填一个"
    return None


SPECS = [
    TableSpec(
        "regions.csv",
        "Region",
        upsert("Region"),
        [
            Column("id", "pattern", True, pattern=REGION_CODE, hint="6、9 或 12 位数字的行政区划代码"),
            Column("name", required=True),
            enum("level", "Region", "level", required=True),
            Column("parent_id", ref="Region"),
        ],
        then=_q("link_region_parents"),
    ),
    TableSpec(
        "departments.csv",
        "Department",
        _q("upsert_departments"),
        before=_q("unlink_departments"),
        columns=[
            Column("id", "pattern", True, pattern=rf"{REGION_CODE}-{SLUG}", hint="区划代码-简称,如 310112-scjgj"),
            Column("name", required=True),
            Column("short_name"),
            enum("level", "Department", "level", required=True),
            Column("region_id", required=True, ref="Region"),
            Column("valid_from", "date"),
            Column("valid_to", "date"),
        ],
    ),
    # People's governments, vertically managed bodies (海关, 税务, 金融监管) and 街道/乡镇 bodies: departments too,
    # with their kind, so resolution and referrals reach them and the common superior is a government.
    TableSpec(
        "bodies.csv",
        "Department",
        _q("upsert_departments"),
        before=_q("unlink_departments"),
        columns=[
            Column("id", "pattern", True, pattern=rf"{REGION_CODE}-{SLUG}", hint="区划代码-简称,如 610113-gov"),
            Column("name", required=True),
            Column("short_name"),
            enum("level", "Department", "level", required=True),
            Column("region_id", required=True, ref="Region"),
            enum("kind", "Department", "kind", required=True),
            Column("valid_from", "date"),
            Column("valid_to", "date"),
        ],
        optional=True,
    ),
    TableSpec(
        "functions.csv",
        "Function",
        upsert("Function"),
        [
            Column("id", "pattern", True, pattern=SLUG),
            Column("name", required=True),
            Column("aliases", hint="以 | 分隔"),
            Column("description"),
        ],
        derive=_function_fields,
    ),
    TableSpec(
        "function_successions.csv",
        "SUCCEEDED_BY",
        _q("link_function_successions"),
        [
            Column("from_id", required=True, ref="Function"),
            Column("to_id", required=True, ref="Function"),
            Column("valid_from", "date", True),
            Column("note"),
        ],
        key=None,
    ),
    TableSpec(
        "department_functions.csv",
        "PERFORMS",
        _q("link_department_functions"),
        [
            Column("department_id", required=True, ref="Department"),
            Column("function_id", required=True, ref="Function"),
            Column("valid_from", "date"),
            Column("valid_to", "date"),
            Column("source"),
        ],
        key=None,
    ),
    TableSpec(
        "legal_bases.csv",
        "LegalBasis",
        upsert("LegalBasis"),
        [
            Column("id", required=True),
            Column("title", required=True),
            Column("short_title"),
            enum("kind", "LegalBasis", "kind", required=True),
            Column("issuer"),
        ],
    ),
    TableSpec(
        "basis_versions.csv",
        "BasisVersion",
        upsert("BasisVersion"),
        [
            Column("id", required=True),
            Column("basis_id", required=True, ref="LegalBasis"),
            Column("version", "pattern", True, pattern=r"\d{4}-\d{2}-\d{2}", hint="YYYY-MM-DD"),
            Column("title"),
            Column("promulgated_on", "date"),
            Column("effective_from", "date", True),
            Column("effective_to", "date"),
            enum("status", "BasisVersion", "status", required=True),
            Column("source", required=True),
        ],
    ),
    TableSpec(
        "articles.csv",
        "Article",
        upsert("Article"),
        [
            Column("id", required=True),
            Column("version_id", required=True, ref="BasisVersion"),
            Column("number", "int", True),
            Column("clause", "int"),
            Column("item", "int"),
            Column("label", required=True),
            Column("chapter"),
            Column("gist", required=True),
        ],
        derive=_article_parent,
        then=query("law/link_article_parents"),  # one statement for both loaders of articles
        check=_article_id_matches,
    ),
    TableSpec(
        "article_functions.csv",
        "NAMES_FUNCTION",
        _q("link_article_functions"),
        [
            Column("article_id", required=True, ref="Article"),
            Column("function_id", required=True, ref="Function"),
            Column("duty_kind", required=True),
            Column("wording", required=True),
        ],
        key=None,
    ),
    TableSpec(
        "article_authorities.csv",
        "AUTHORITY_FROM",
        _q("link_article_authorities"),
        [
            Column("article_id", required=True, ref="Article"),
            Column("authority_article_id", required=True, ref="Article"),
        ],
        key=None,
    ),
    TableSpec(
        "renumberings.csv",
        "RENUMBERED_AS",
        query("law/link_renumberings"),
        [
            Column("from_article_id", required=True, ref="Article"),
            Column("to_article_id", required=True, ref="Article"),
            Column("method", required=True),
            Column("similarity", "float"),
            Column("reviewed", "bool"),
        ],
        key=None,
    ),
    TableSpec(
        "domains.csv",
        "Domain",
        upsert("Domain"),
        [
            Column("id", "pattern", True, pattern=SLUG),
            Column("name", required=True),
            Column("industry_code"),
        ],
    ),
    TableSpec(
        "subject_types.csv",
        "SubjectType",
        upsert("SubjectType"),
        [
            Column("id", "pattern", True, pattern=SLUG),
            Column("name", required=True),
            Column("domain_id", required=True, ref="Domain"),
        ],
    ),
    TableSpec(
        "matters.csv",
        "Matter",
        upsert("Matter"),
        [
            Column("id", "pattern", True, pattern=SLUG),
            Column("name", required=True),
            Column("domain_id", required=True, ref="Domain"),
            enum("category", "Matter", "category", required=True),
            enum("check_method", "Matter", "check_method", required=True),
            enum("level", "Matter", "level", required=True),
            Column("offsite_ok", "bool"),
            Column("subjects_text"),
            Column("description"),
            Column("code"),
            Column("source", required=True),
        ],
        derive=lambda row: {"caption": matter_caption(row["name"])},
    ),
    TableSpec(
        "matter_articles.csv",
        "BASED_ON",
        _q("link_matter_articles"),
        [
            Column("matter_id", required=True, ref="Matter"),
            Column("article_id", required=True, ref="Article"),
        ],
        key=None,
    ),
    TableSpec(
        "matter_scopes.csv",
        "APPLIES_IN",
        _q("link_matter_scopes"),
        [
            Column("matter_id", required=True, ref="Matter"),
            Column("region_id", required=True, ref="Region"),
            Column("source", required=True),
        ],
        key=None,
        optional=True,
    ),
    TableSpec(
        "matter_subject_types.csv",
        "APPLIES_TO",
        _q("link_matter_subject_types"),
        [
            Column("matter_id", required=True, ref="Matter"),
            Column("subject_type_id", required=True, ref="SubjectType"),
        ],
        key=None,
    ),
    TableSpec(
        "assignments.csv",
        "Assignment",
        _q("upsert_assignments"),
        [
            Column("id", "pattern", True, pattern=SLUG),
            Column("matter_id", required=True, ref="Matter"),
            enum("role", "Assignment", "role", required=True),
            Column("function_id", ref="Function"),
            Column("department_id", ref="Department"),
            Column("region_id", ref="Region"),
            Column("valid_from", "date"),
            Column("valid_to", "date"),
            Column("source", required=True),
        ],
        check=_one_holder,
    ),
]


def load_reference(runner: Any, directory: Path, actor: str, partial: bool = True) -> LoadReport:
    """Validates every file, writes the good rows (all or nothing unless partial), reports the others."""
    places = read_places(runner)  # where departments and regions lay before: clue summaries depend on it
    report = load_tables(runner, directory, SPECS, actor, partial=partial)
    if (directory / synonyms.FILE).exists():  # the thesaurus ships with the catalogue, but is optional
        more = synonyms.load_synonyms(runner, directory / synonyms.FILE, actor, partial=partial, refresh=False)
        report.errors += more.errors
        report.written |= more.written
    behaviour_search.refresh(runner, actor)  # the behaviour search indexes what was just written
    summary.refresh_moved(runner, places)  # CROSS_REGION and CROSS_PROVINCE follow departments that moved
    return report
