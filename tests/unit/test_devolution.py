"""Devolution, pure: the article a decision rests on (行政处罚法第二十四条) is quoted exactly as the law says it."""

from __future__ import annotations

import re

from graphsvc.config import Settings
from graphsvc.responsibility import devolution

COUNTY, XIAOZHAI, DAYANTA, DIANZICHENG = "610113", "610113001", "610113002", "610113004"


def test_the_article_is_quoted_exactly_as_the_law_says_it() -> None:
    text = (Settings().service.laws_dir / "行政处罚法(2021-01-22).md").read_text(encoding="utf-8")
    start = text.index("第二十四条 ")
    body = text[start : text.index("第二十五条 ")]
    paragraphs = [p.strip() for p in body.removeprefix("第二十四条 ").split("\n") if p.strip()]
    assert tuple(paragraphs) == devolution.PARAGRAPHS
    assert devolution.SUPERVISING_ROLE in paragraphs[2]
    assert re.search("省、自治区、直辖市.*可以决定", paragraphs[0])
