"""Where a thesaurus term occurs in a description: as written, or, for a term with gaps (欠…工资), its parts in
order within one clause with a few words between them (graphsvc/responsibility/behaviour_search.py)."""

from __future__ import annotations

from graphsvc import segment
from graphsvc.responsibility.behaviour_search import GAP_CHARS, occurrence


def test_a_plain_term_occurs_as_written() -> None:
    assert occurrence("欠工资", "老板欠工资不给") == ("欠工资", ["欠工资"])
    assert occurrence("欠工资", "老板欠了工资") is None


def test_a_term_with_a_gap_takes_the_words_a_speaker_puts_between_its_parts() -> None:
    assert occurrence("欠…工资", "饭店老板欠我们服务员两个月的工资了") == ("欠我们服务员两个月的工资", ["欠", "工资"])
    assert occurrence("工资…不发", "这个月工资不发钱了") == ("工资不发", ["工资", "不发"])


def test_the_parts_of_a_term_must_be_in_order_in_one_clause_and_near() -> None:
    assert occurrence("欠…工资", "工资发了，还欠房租") is None  # wrong order
    assert occurrence("欠…工资", "他欠了钱，工资照发") is None  # another clause
    assert occurrence("欠…工资", "欠" + "很" * (GAP_CHARS + 1) + "工资") is None  # too far apart
    assert occurrence("欠…工资", "欠" + "很" * GAP_CHARS + "工资") is not None


def test_a_plain_term_counts_only_where_a_word_of_the_text_starts_with_it() -> None:
    # the breaks as jieba cuts 天天|有人|抽烟|，|吓死人|了 (the cut itself depends on what the segmenter was taught)
    text = "天天有人抽烟，吓死人了"
    assert occurrence("死人", text, {0, 2, 4, 6, 7, 10, 11}) is None  # inside 吓死人: a figure of speech
    text = "熟食专柜从业人员均无健康证明"
    breaks = {0, 2, 4, 8, 9, 10, 14}  # 熟食|专柜|从业人员|均|无|健康证明
    assert occurrence("健康证", text, breaks) == ("健康证", ["健康证"])  # 健康证明 starts with it
    text = "吓死人了，厂里还死人了"
    assert occurrence("死人", text, {0, 3, 4, 5, 7, 8, 10, 11}) == ("死人", ["死人"])  # the second one is a word
    assert {0, len(text)} <= segment.boundaries(text)


def test_counts_and_amounts_say_nothing_about_the_behaviour() -> None:
    words = segment.content_words("液化气站把一百多个气瓶堆在门面房里，两个月了，罚了五千元")
    assert "气瓶" in words and "液化气" in words
    assert not {"一百多个", "一百", "多个", "两个", "五千", "五千元"} & set(words)
    assert "百货" in segment.content_words("百货商场的电梯")  # a word that starts with a numeral is no count
