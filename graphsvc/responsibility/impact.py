"""立改废释: what a new version of a legal basis changes for the catalogue, the assignments and the rulings, and
article by article for the texts themselves (matched, renumbered, changed, deleted, added, to confirm)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel

from graphsvc.amendments import AmendmentReport, Link, compare, similarity
from graphsvc.cypher import query
from graphsvc.db import Reader, Runner
from graphsvc.errors import NotFound

BASIS = query("legal_basis/get_legal_basis")
IMPACT = query("legal_basis/list_basis_impact")
ARTICLES = query("law/list_version_articles")
LINKS = query("law/list_renumberings")


class BasisVersion(BaseModel):
    id: str
    version: str | None
    effective_from: date | None
    effective_to: date | None
    status: str | None
    text_known: bool | None
    source: str | None


class LegalBasisRow(BaseModel):
    """A legal basis with its versions (legal_basis/get_legal_basis)."""

    id: str
    title: str | None
    kind: str | None
    versions: list[BasisVersion]


class ImpactRow(BaseModel):
    """A matter, assignment or ruling citing an earlier version (legal_basis/list_basis_impact)."""

    kind: str
    id: str
    name: str | None
    cited_id: str | None
    cited: str | None
    cited_version: str | None
    now_id: str | None
    now: str | None
    cited_text: str | None
    now_text: str | None
    change: Literal["renumbered", "changed", "vanished"]


class ImpactItem(BaseModel):
    """A matter, assignment or ruling citing an earlier version's provision, and where that provision went."""

    kind: str
    id: str
    name: str | None
    cited_id: str | None
    cited: str | None
    cited_version: str | None
    now_id: str | None
    now: str | None
    similarity: float | None = None  # only when both texts are loaded
    text_changed: bool | None = None
    change: Literal["renumbered", "changed", "vanished"]


class BasisImpact(BaseModel):
    id: str
    title: str | None
    kind: str | None
    versions: list[BasisVersion]
    as_of: date
    version_in_force: BasisVersion | None
    note: str | None
    renumbered: list[ImpactItem]
    changed: list[ImpactItem]
    vanished: list[ImpactItem]
    amendments: list[AmendmentReport]


def impact(runner: Runner, basis_id: str, as_of: date | None = None) -> BasisImpact:
    """As of the date: the version in force and everything resting on earlier versions, renumbered (same text),
    changed (moved into a provision whose text differs, with the similarity) or vanished; and for each pair of
    neighbouring versions whose texts are loaded, the amendment report. Resolution follows the same renumbering
    links, so answers change from the new version's date, not before."""
    as_of = as_of or date.today()
    return runner.reading(lambda reader: _impact(reader, basis_id, as_of))


def _impact(reader: Reader, basis_id: str, as_of: date) -> BasisImpact:
    rows = reader.read(BASIS, id=basis_id)
    if not rows:
        raise NotFound(f"未知的法律依据:{basis_id}", [{"field": "basis_id", "reason": "unknown legal basis"}])
    basis = LegalBasisRow.model_validate(rows[0])
    items = [_item(ImpactRow.model_validate(r)) for r in reader.read(IMPACT, basis_id=basis_id, as_of=as_of)]
    in_force = next((v for v in basis.versions if _holds(v, as_of)), None)
    with_text = [v.id for v in basis.versions if v.text_known]
    amendments = [
        amendment_report(reader, basis_id, old, new) for old, new in zip(with_text, with_text[1:], strict=False)
    ]
    note = None
    if in_force and in_force.text_known is False:
        note = f"查询日有效的版本 {in_force.version} 仅见于历史记录,条文未载入:引用其条文的答复无法核对。"
    return BasisImpact(
        id=basis.id,
        title=basis.title,
        kind=basis.kind,
        versions=basis.versions,
        as_of=as_of,
        version_in_force=in_force,
        note=note,
        renumbered=[i for i in items if i.change == "renumbered"],
        changed=[i for i in items if i.change == "changed"],
        vanished=[i for i in items if i.change == "vanished"],
        # Validated from dicts: every field counts as set, so the route's exclude_unset drops none of the report's.
        amendments=[AmendmentReport.model_validate(a.model_dump()) for a in amendments],
    )


def amendment_report(reader: Reader, basis_id: str, old: str, new: str) -> AmendmentReport:
    """Every article (条) of two versions classified by the links the graph holds between them."""
    texts: dict[str, dict[int, str]] = {old: {}, new: {}}
    labels: dict[str, dict[int, str]] = {old: {}, new: {}}
    for r in reader.read(ARTICLES, version_ids=[old, new]):
        if r["clause"] == 0:
            texts[r["version_id"]][r["number"]] = r["text"] or ""
            labels[r["version_id"]][r["number"]] = r["label"]
    links = [
        Link(old=r["from_number"], new=r["to_number"], method=r["method"], reviewed=bool(r["reviewed"]))
        for r in reader.read(LINKS, from_version=old, to_version=new)
        if r["from_clause"] == 0 and r["to_clause"] == 0
    ]
    old_label, new_label = old.rpartition("@")[2], new.rpartition("@")[2]
    return compare(basis_id, old_label, new_label, texts[old], texts[new], links, labels[old], labels[new])


def _holds(version: BasisVersion, day: date) -> bool:
    start, end = version.effective_from, version.effective_to
    return (start is None or start <= day) and (end is None or day < end)


def _item(row: ImpactRow) -> ImpactItem:
    """Where the cited provision went; a renumbered one whose text changed counts as changed."""
    item = ImpactItem.model_validate(row.model_dump(exclude={"cited_text", "now_text"}))
    if row.change == "renumbered" and row.cited_text and row.now_text:
        score = similarity(row.cited_text, row.now_text)
        change = "changed" if score < 1.0 else row.change
        item = item.model_copy(update={"similarity": score, "text_changed": score < 1.0, "change": change})
    return item
