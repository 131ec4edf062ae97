"""设定依据 as users write it, parsed into law titles and provisions (pure: no database)."""

from __future__ import annotations

import re

import pytest

from loaders.citations import Citation, CitationError, parse_citations


def provisions(text: str) -> list[tuple[str, int, int, int]]:
    return [(c.title, c.number, c.clause, c.item) for c in parse_citations(text)]


def test_chinese_numerals_of_articles_and_clauses() -> None:
    assert provisions("《中华人民共和国食品安全法》第八十七条第一款") == [("中华人民共和国食品安全法", 87, 1, 0)]
    assert provisions("《食品安全法》第一百一十条") == [("食品安全法", 110, 0, 0)]
    assert provisions("《食品安全法》第一百零九条第二款") == [("食品安全法", 109, 2, 0)]
    assert provisions("《城镇燃气管理条例》第十条") == [("城镇燃气管理条例", 10, 0, 0)]
    assert provisions("《食品安全法》第一百五十四条") == [("食品安全法", 154, 0, 0)]


def test_arabic_and_full_width_numerals() -> None:
    assert provisions("《食品安全法》第87条") == [("食品安全法", 87, 0, 0)]
    assert provisions("《食品安全法》第８７条第１款") == [("食品安全法", 87, 1, 0)]


def test_items_within_clauses() -> None:
    assert provisions("《食品安全法》第一百一十条第一款第（三）项") == [("食品安全法", 110, 1, 3)]
    assert provisions("《食品安全法》第一百二十六条第一款第(十二)项") == [("食品安全法", 126, 1, 12)]
    assert provisions("《食品安全法》第一百一十条第三项") == [("食品安全法", 110, 1, 3)]


def test_an_item_cited_without_its_clause_lies_in_the_first_clause() -> None:
    # 《危险化学品安全管理条例》第六条 has one 款 whose items name the departments
    assert provisions("《危险化学品安全管理条例》第六条第（一）项") == [("危险化学品安全管理条例", 6, 1, 1)]


def test_ranges_and_lists_of_items() -> None:
    assert provisions("《食品安全法》第一百一十条第（一）至（三）项") == [("食品安全法", 110, 1, i) for i in (1, 2, 3)]
    assert provisions("《食品安全法》第一百一十条第(四)(五)项") == [
        ("食品安全法", 110, 1, 4),
        ("食品安全法", 110, 1, 5),
    ]
    assert provisions("《危险化学品安全管理条例》第六条第（一）项、第（二）项") == [
        ("危险化学品安全管理条例", 6, 1, 1),
        ("危险化学品安全管理条例", 6, 1, 2),
    ]


def test_several_citations_in_one_cell() -> None:
    text = (
        "《中华人民共和国食品安全法》第八十七条、第一百一十条第一款；《城镇燃气管理条例》第五条第二款、第二十二条第二款"
    )
    assert provisions(text) == [
        ("中华人民共和国食品安全法", 87, 0, 0),
        ("中华人民共和国食品安全法", 110, 1, 0),
        ("城镇燃气管理条例", 5, 2, 0),
        ("城镇燃气管理条例", 22, 2, 0),
    ]
    assert provisions("《危险化学品安全管理条例》第六条第（一）项、第（二）项，第七条")[-1] == (
        "危险化学品安全管理条例",
        7,
        0,
        0,
    )
    assert provisions("《食品安全法》第五条第一款、第二款") == [("食品安全法", 5, 1, 0), ("食品安全法", 5, 2, 0)]


def test_numbered_lists_titles_without_brackets_and_connecting_words() -> None:
    assert provisions("1.《食品安全法》第八十七条\n2.《消防法》第五十三条第一款") == [
        ("食品安全法", 87, 0, 0),
        ("消防法", 53, 1, 0),
    ]
    assert provisions("依据中华人民共和国食品安全法第八十七条的规定") == [("中华人民共和国食品安全法", 87, 0, 0)]
    assert provisions("《食品安全法》第八十七条和《消防法》第五十三条") == [
        ("食品安全法", 87, 0, 0),
        ("消防法", 53, 0, 0),
    ]


def test_an_unknown_law_still_parses() -> None:
    # Whether a law exists is the graph's to say (see test_forms): the parser reads any title.
    assert provisions("《食品安全管理法》第一百一十条") == [("食品安全管理法", 110, 0, 0)]


def test_the_citation_keeps_its_words() -> None:
    [whole, item] = parse_citations("《食品安全法》第八十七条、第一百一十条第（一）项")
    assert whole.text == "《食品安全法》第八十七条"
    assert item.text == "《食品安全法》第一百一十条第(一)项"
    assert str(item) == "《食品安全法》第一百一十条第一款第(一)项"
    assert Citation("食品安全法", 87, 1).label == "第八十七条第一款"


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("同上", "无法识别「同上」"),
        ("相关法律法规", "无法识别「相关法律法规」"),
        ("", "设定依据为空"),
        ("《食品安全法》", "《食品安全法》未写明具体条款"),
        ("《食品安全法》；《消防法》第五条", "《食品安全法》未写明具体条款"),
        ("第八十七条", "第八十七条之前未写明法律法规名称"),
        ("《食品安全法》第一款", "之前未写明条"),
        ("《食品安全法》第（一）项", "之前未写明条"),
        ("《刑法》第一百二十条之一", "暂不支持「条之X」"),
        ("《食品安全法》第一百一十条第（三）至（一）项", "项的范围有误"),
        ("《食品安全法》第〇条", "条款序号应大于零"),
    ],
)
def test_garbage_is_an_error_that_says_why(text: str, reason: str) -> None:
    with pytest.raises(CitationError, match=re.escape(reason)):
        parse_citations(text)
