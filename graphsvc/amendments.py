"""What a new version of a law changes, article by article, for a person to review (立改废释).

Pure: given the articles (条) of two versions and the links the graph holds between them (a reviewed mapping, or
a pair matched by text similarity), every article is one of: matched (same number, same text), renumbered (same
text, another number), changed (linked, text differs: with its similarity 0..1 and both texts), deleted (an old
article with no counterpart) or added (a new one). Deleted and added articles that resemble each other below the
confidence threshold are offered as unmatched pairs: a person confirms or corrects them with `--mapping`.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from pydantic import BaseModel
from rich.table import Table

CONFIDENCE = 0.6  # at or above this two articles are taken for the same provision without review
REVIEW_FLOOR = 0.3  # below this a pair is not worth a person's time

_NOISE = re.compile(r"[\s，。、；：？！“”‘’「」《》〈〉（）()\[\]<>,.;:?!\"'·—…-]")


def normalise(text: str) -> str:
    """The text without spaces and punctuation: what similarity and sameness are measured on."""
    return _NOISE.sub("", text)


def similarity(a: str, b: str) -> float:
    return round(difflib.SequenceMatcher(None, normalise(a), normalise(b), autojunk=False).ratio(), 4)


class Link(BaseModel):
    old: int
    new: int
    method: str | None = None  # mapping | similarity
    reviewed: bool = False


class ArticleChange(BaseModel):
    kind: str  # matched | renumbered | changed | deleted | added | unmatched
    old_number: int | None = None
    new_number: int | None = None
    old_label: str | None = None
    new_label: str | None = None
    similarity: float | None = None
    text_changed: bool = False
    renumbered: bool = False
    reviewed: bool = False
    old_text: str | None = None
    new_text: str | None = None


class AmendmentReport(BaseModel):
    basis_id: str
    old_version: str
    new_version: str
    confidence: float = CONFIDENCE
    matched: list[ArticleChange] = []
    renumbered: list[ArticleChange] = []
    changed: list[ArticleChange] = []
    deleted: list[ArticleChange] = []
    added: list[ArticleChange] = []
    unmatched: list[ArticleChange] = []

    def counts(self) -> dict[str, int]:
        return {k: len(getattr(self, k)) for k in ("matched", "renumbered", "changed", "deleted", "added", "unmatched")}


@dataclass
class _Side:
    texts: dict[int, str]
    labels: dict[int, str] = field(default_factory=dict)

    def label(self, n: int) -> str:
        return self.labels.get(n) or f"第{n}条"


def compare(
    basis_id: str,
    old_version: str,
    new_version: str,
    old: dict[int, str],
    new: dict[int, str],
    links: list[Link],
    old_labels: dict[int, str] | None = None,
    new_labels: dict[int, str] | None = None,
) -> AmendmentReport:
    """Every article of two versions classified, given the links between them."""
    before, after = _Side(old, old_labels or {}), _Side(new, new_labels or {})
    report = AmendmentReport(basis_id=basis_id, old_version=old_version, new_version=new_version)
    linked_old, linked_new = set(), set()
    for link in sorted(links, key=lambda x: (x.old, x.new)):
        if link.old not in old or link.new not in new:
            continue
        linked_old.add(link.old)
        linked_new.add(link.new)
        a, b = old[link.old], new[link.new]
        same = normalise(a) == normalise(b)
        change = ArticleChange(
            kind="matched" if same and link.old == link.new else "renumbered" if same else "changed",
            old_number=link.old,
            new_number=link.new,
            old_label=before.label(link.old),
            new_label=after.label(link.new),
            similarity=1.0 if same else similarity(a, b),
            text_changed=not same,
            renumbered=link.old != link.new,
            reviewed=link.reviewed,
            old_text=None if same else a,
            new_text=None if same else b,
        )
        getattr(report, change.kind).append(change)
    gone = {n: t for n, t in old.items() if n not in linked_old}
    came = {n: t for n, t in new.items() if n not in linked_new}
    for n, text in sorted(gone.items()):
        report.deleted.append(ArticleChange(kind="deleted", old_number=n, old_label=before.label(n), old_text=text))
    for n, text in sorted(came.items()):
        report.added.append(ArticleChange(kind="added", new_number=n, new_label=after.label(n), new_text=text))
    report.unmatched = _candidates(gone, came, before, after)
    return report


def _candidates(gone: dict[int, str], came: dict[int, str], before: _Side, after: _Side) -> list[ArticleChange]:
    """Deleted and added articles that resemble each other (REVIEW_FLOOR ≤ similarity < CONFIDENCE), best pairs first,
    one to one: a rewritten article, perhaps also renumbered, for a person to confirm."""
    scored = []
    matcher = difflib.SequenceMatcher(autojunk=False)
    for n, text in came.items():
        matcher.set_seq2(normalise(text))
        for o, old_text in gone.items():
            matcher.set_seq1(normalise(old_text))
            if matcher.real_quick_ratio() >= REVIEW_FLOOR and matcher.quick_ratio() >= REVIEW_FLOOR:
                score = matcher.ratio()
                if REVIEW_FLOOR <= score < CONFIDENCE:
                    scored.append((-score, abs(o - n), o, n))
    pairs, used_old, used_new = [], set(), set()
    for score, _, o, n in sorted(scored):
        if o in used_old or n in used_new:
            continue
        used_old.add(o)
        used_new.add(n)
        pairs.append(
            ArticleChange(
                kind="unmatched",
                old_number=o,
                new_number=n,
                old_label=before.label(o),
                new_label=after.label(n),
                similarity=round(-score, 4),
                text_changed=True,
                renumbered=o != n,
                old_text=gone[o],
                new_text=came[n],
            )
        )
    return sorted(pairs, key=lambda c: c.old_number or 0)


# What needs a person first: the pairs to confirm, then the changed, deleted, added and plainly renumbered.
_KINDS = {
    "unmatched": "待确认(相似度低于阈值)",
    "changed": "修改",
    "deleted": "删除",
    "added": "新增",
    "renumbered": "改号(文本相同)",
}


def table(report: AmendmentReport, limit: int = 40) -> Table:
    """The report as a Chinese table for the terminal: every article that is not unchanged."""
    counts = report.counts()
    title = (
        f"{report.basis_id}:{report.old_version} → {report.new_version} "
        f"未变 {counts['matched']} · 改号 {counts['renumbered']} · 修改 {counts['changed']} · "
        f"删除 {counts['deleted']} · 新增 {counts['added']} · 待确认 {counts['unmatched']}"
    )
    t = Table(title=title, title_justify="left", show_lines=False)
    for column in ("变化", "原条文", "新条文", "相似度", "已审核", "摘要"):
        t.add_column(column, overflow="fold")
    rows = [c for kind in _KINDS for c in getattr(report, kind)]
    for c in rows[:limit]:
        gist = (c.new_text or c.old_text or "").replace("\n", " ")[:40]
        t.add_row(
            _KINDS[c.kind],
            c.old_label or "",
            c.new_label or "",
            "" if c.similarity is None else f"{c.similarity:.2f}",
            "是" if c.reviewed else "",
            gist,
        )
    if len(rows) > limit:
        t.caption = f"另有 {len(rows) - limit} 条,完整清单见 GET /api/v1/legal-bases/{report.basis_id}/impact"
    if report.unmatched:
        t.caption = (t.caption or "") + " 待确认的对应关系请核对后以 --mapping old_number,new_number 确认。"
    return t
