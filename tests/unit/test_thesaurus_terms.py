"""Where a thesaurus term occurs in a description: as written, or, for a term with gaps (欠…工资), its parts in
order within one clause with a few words between them (graphsvc/responsibility/behaviour_search.py)."""

from __future__ import annotations

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
