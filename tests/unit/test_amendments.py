"""Amendment effects, pure: what a new version of a real law text changes, article by article."""

from __future__ import annotations

from graphsvc.amendments import CONFIDENCE, REVIEW_FLOOR, Link, compare

# The shared texts sit next to the main checkout; a work tree elsewhere names them with GRAPHSVC_LAWS_DIR.


def test_compare_classifies_every_article() -> None:
    old = {1: "甲乙丙丁戊己庚辛", 2: "子丑寅卯辰巳午未", 3: "天地玄黄宇宙洪荒", 4: "日月盈昃辰宿列张"}
    new = {
        1: "甲乙丙丁戊己庚辛",
        2: "天地玄黄宇宙洪荒",
        3: "子丑寅卯辰巳申酉",
        4: "日月盈昃寒来暑往秋收冬藏",
        5: "全新的条文",
    }
    links = [Link(old=1, new=1), Link(old=3, new=2), Link(old=2, new=3)]
    report = compare("法", "2015", "2021", old, new, links)
    assert [(c.old_number, c.new_number) for c in report.matched] == [(1, 1)]
    assert [(c.old_number, c.new_number) for c in report.renumbered] == [(3, 2)]
    [changed] = report.changed
    assert (changed.old_number, changed.new_number, changed.text_changed, changed.renumbered) == (2, 3, True, True)
    assert 0 < changed.similarity < 1 and changed.old_text == old[2] and changed.new_text == new[3]
    assert [c.old_number for c in report.deleted] == [4] and [c.new_number for c in report.added] == [4, 5]
    [pair] = report.unmatched  # 第四条 rewritten in place, below the confidence threshold: for review
    assert (pair.old_number, pair.new_number) == (4, 4) and REVIEW_FLOOR <= pair.similarity < CONFIDENCE
