"""The decision rules stated in graphsvc/responsibility/rules.py, as pure functions: how sure an answer to a
description is, when the law leaves the authority open, and the tie-breaks quoted from the law texts."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from graphsvc.config import Settings
from graphsvc.responsibility import rules
from graphsvc.responsibility.rules import BehaviourCandidate, decide_behaviour
from tests.support.rules_data import open_authorities, tie_breaks


def candidate(
    matter: str, score: float, coverage: float, holders: set[str], weight: float = 10.0, overlap: bool = False
) -> BehaviourCandidate:
    return BehaviourCandidate(
        matter, f"事项{matter}", score, coverage, weight, frozenset(holders), tuple(sorted(holders)), overlap
    )


def test_nothing_found_or_next_to_nothing_explained_is_no_match() -> None:
    assert decide_behaviour([]).outcome == rules.NO_MATCH
    assert decide_behaviour([candidate("a", 9, rules.NO_MATCH_COVERAGE - 0.01, {"d1"})]).outcome == rules.NO_MATCH
    # less than one rare word explained: no match, however large its share of a description of unknown words
    bare = rules.NO_MATCH_WEIGHT * rules.BARE_WEIGHT - 0.5
    one_word = candidate("a", 9, rules.SHORT_AND_EXPLAINED - 0.05, {"d1"}, weight=bare)
    assert decide_behaviour([one_word]).rule == "无匹配"
    # more of the description, still resting on about one word: a suggestion, not a silence
    thin = rules.NO_MATCH_WEIGHT * rules.THIN_WEIGHT - 0.5
    partly = candidate("a", 9, rules.SHORT_AND_EXPLAINED - 0.1, {"d1"}, weight=thin)
    assert (decide_behaviour([partly]).outcome, decide_behaviour([partly]).rule) == (rules.SUGGESTION, "匹配不足")
    # a short description fully explained is a match however little weight it has (无证行医)
    short = candidate("a", 9, 1.0, {"d1"}, weight=rules.NO_MATCH_WEIGHT - 0.5)
    assert decide_behaviour([short, candidate("b", 8, 0.9, {"d1"})]).outcome == rules.FIRM


def test_a_weak_best_match_is_only_a_suggestion() -> None:
    weak = decide_behaviour([candidate("a", 9, rules.FIRM_COVERAGE - 0.01, {"d1"}), candidate("b", 8, 0.2, {"d1"})])
    assert (weak.outcome, weak.rule, weak.chosen) == (rules.SUGGESTION, "匹配不足", 0)
    # The place is known and the act is not (网吧让未成年人进去上网: 网吧 is a 公共娱乐场所 of the fire law, the
    # rest is in no matter): one word explains most of the weight, but two words are left unexplained.
    thin = rules.NO_MATCH_WEIGHT * rules.THIN_WEIGHT - 0.5
    place = candidate("a", 9, 0.85, {"d1"}, weight=thin)
    assert decide_behaviour([replace(place, unexplained=rules.SHORT_UNEXPLAINED)]).outcome == rules.FIRM
    only_place = decide_behaviour([replace(place, unexplained=rules.SHORT_UNEXPLAINED + 1)])
    assert (only_place.outcome, only_place.rule) == (rules.SUGGESTION, "匹配不足") and "未解释" in only_place.reason


def test_close_candidates_that_agree_on_the_holder_are_firm() -> None:
    decision = decide_behaviour(
        [candidate("a", 10, 0.6, {"d1"}), candidate("b", 9, 0.5, {"d1"}), candidate("c", 3, 0.5, {"d2"})]
    )
    assert (decision.outcome, decision.rule) == (rules.FIRM, "候选一致")
    assert "2 个候选事项均由d1牵头" in decision.reason


def test_three_of_four_close_candidates_name_the_department_and_the_fourth_is_told() -> None:
    # 拖欠农民工工资: the 人社局's complaint, penalty and inspection matters, and the 发改委's credit sanctions.
    pool = [candidate("a", 10, 0.9, {"d1"}), candidate("b", 9.9, 0.9, {"d2"})]
    pool += [candidate("c", 8.5, 0.8, {"d1"}), candidate("d", 8.4, 0.8, {"d1"})]
    decision = decide_behaviour(pool)
    assert (decision.outcome, decision.rule, decision.rivals) == (rules.FIRM, "候选多数一致", (1,))
    assert "4 个候选事项中 3 个由d1牵头" in decision.reason and "d2仅 1 个" in decision.reason
    # The same three, but the fourth close candidate is a second rival: two against two is a split.
    split = decide_behaviour([*pool[:3], candidate("e", 8.4, 0.8, {"d3"})])
    assert (split.outcome, split.rule) == (rules.OVERLAP, "候选分歧")


def test_two_against_one_is_not_enough() -> None:
    # Two close candidates of one department and one of another: the evidence names two departments.
    split = decide_behaviour(
        [candidate("a", 10, 0.6, {"d1"}), candidate("b", 9, 0.5, {"d1"}), candidate("c", 8, 0.5, {"d2"})]
    )
    assert (split.outcome, split.rule, split.rivals) == (rules.OVERLAP, "候选分歧", (2,))
    # Only the first POOL candidates vote: a close candidate further down does not take the answer away.
    far = [candidate(str(i), 10 - i * 0.1, 0.5, {"d1"}) for i in range(rules.POOL)]
    decision = decide_behaviour([*far, candidate("z", 9, 0.5, {"d2"})])
    assert (decision.outcome, decision.rule) == (rules.FIRM, "候选一致")


def test_a_clear_leader_is_firm_and_a_close_race_between_departments_is_an_overlap() -> None:
    lead = decide_behaviour([candidate("a", 10, 0.6, {"d1"}), candidate("b", 10 / rules.CLEAR_LEAD - 0.1, 0.5, {"d2"})])
    assert (lead.outcome, lead.rule) == (rules.FIRM, "首选领先")
    race = decide_behaviour([candidate("a", 10, 0.6, {"d1"}), candidate("b", 9.5, 0.55, {"d2"})])
    assert (race.outcome, race.rule, race.rivals) == (rules.OVERLAP, "候选分歧", (1,))
    assert "d1" in race.reason and "d2" in race.reason


def test_when_the_best_matter_s_law_leaves_the_act_open_it_is_an_overlap() -> None:
    decision = decide_behaviour([candidate("a", 10, 0.8, {"d1"}, overlap=True), candidate("b", 9, 0.7, {"d1"})])
    assert (decision.outcome, decision.rule) == (rules.OVERLAP, "法定交叉")


def basis(
    named: list[str], text: str | None = None, authority: list[dict] | None = None, in_force: bool = True
) -> dict:
    return {
        "article_id": "law@1:1",
        "article": "第一条",
        "title": "某法",
        "text": text,
        "in_force": in_force,
        "named": [{"function_id": f"f{i}", "function_name": w, "wording": w} for i, w in enumerate(named)],
        "authority": authority or [],
    }


@pytest.mark.parametrize(
    ("named", "text", "open_"),
    [
        (["有关部门"], None, True),  # 特种设备安全法第一百条第二款
        (["(县级以上人民政府)其他有关部门"], None, True),
        (["市场监督管理部门或者县级以上地方人民政府指定的部门"], None, True),  # 反食品浪费法第二十八条
        (["县级以上地方人民政府确定的监督管理部门"], None, True),  # 大气污染防治法第一百一十八条
        (["建设行政主管部门", "其他有关部门"], None, False),  # the named one holds for its own field
        (["国务院铁路、交通、水利等有关部门"], None, False),
        # 医保基金条例第三十八条: the act is the 医保部门's; only breaches of *other* laws go to their departments
        (
            ["医疗保障行政部门"],
            "由医疗保障行政部门责令改正；违反其他法律、行政法规的，由有关主管部门依法处理：（四）串换药品",
            False,
        ),
        # … unless the cited item is itself a breach of another norm
        (["医疗保障行政部门"], "违反其他法律、行政法规的，由有关主管部门依法处理：（二）违反诊疗规范过度诊疗", True),
        (["卫生健康主管部门"], "责令改正；情节严重的，由有关主管部门依法处理", True),
        (["药品监督管理部门"], "由县级以上人民政府药品监督管理部门按照职责分工决定", False),
        (["燃气管理部门"], None, False),
        # 医疗器械监督管理条例第八十九条: a penalty of two departments, each 依据各自职责, given to neither alone
        (["药品监督管理部门", "卫生主管部门"], "由负责药品监督管理的部门和卫生主管部门依据各自职责责令改正", True),
        # … whereas 第五十四条 divides supervision by what is supervised (质量 / 使用行为): no penalty left open
        (["药品监督管理部门"], "负责药品监督管理的部门和卫生主管部门依据各自职责，分别对使用环节的医疗器械质量", False),
    ],
)
def test_open_wordings(named: list[str], text: str | None, open_: bool) -> None:
    assert bool(open_authorities([basis(named, text)])) is open_


def test_the_allocating_article_counts_and_articles_out_of_force_do_not() -> None:
    # 安全生产法第九十九条 names no authority; 第一百一十五条 allocates it 按照职责分工 among several departments.
    allocating = {
        "article_id": "安全生产法@2021-06-10:115",
        "article": "第一百一十五条",
        "title": "中华人民共和国安全生产法",
        "text": "本法规定的行政处罚，由应急管理部门和其他负有安全生产监督管理职责的部门按照职责分工决定",
        "named": [],
    }
    [found] = open_authorities([basis([], None, [allocating])])
    assert found["article_id"] == "安全生产法@2021-06-10:115"
    assert found["wording"].endswith("按照职责分工")
    assert open_authorities([basis(["有关部门"], in_force=False)]) == []


def test_the_department_named_before_the_others_holds_its_own_field() -> None:
    # 第一百一十五条 names 应急管理部门 and leaves the others 按照职责分工 (第十条: each in its own trade): a factory's
    # safety penalty led by 应急管理 is settled; a restaurant's gas alarm led by the 燃气管理部门 stays open.
    wording = "应急管理部门和其他负有安全生产监督管理职责的部门"
    allocating = {
        "article_id": "安全生产法@2021-06-10:115",
        "article": "第一百一十五条",
        "title": "中华人民共和国安全生产法",
        "text": f"本法规定的行政处罚，由{wording}按照职责分工决定",
        "named": [{"function_id": "emergency-management", "wording": wording}],
    }
    bases = [basis([], None, [allocating])]
    assert open_authorities(bases, frozenset({"emergency-management"})) == []
    assert open_authorities(bases, frozenset({"gas-authority"}))
    # 有关部门 before the others names no department: open whoever leads
    named = [{"function_id": "emergency-management", "wording": None}]
    vague = allocating | {"text": "由县级以上人民政府有关部门和其他有关部门按照职责分工决定", "named": named}
    assert open_authorities([basis([], None, [vague])], frozenset({"emergency-management"}))


def _article(law: str, number: str) -> str:
    """The text of one article of a law file (from its number to the next article), whitespace removed."""
    lines = law.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(number + " "))
    end = next(
        (i for i in range(start + 1, len(lines)) if re.match(r"第[一二三四五六七八九十百零]+条 ", lines[i])), len(lines)
    )
    return re.sub(r"\s+", "", "".join(lines[start:end]))


def test_tie_breaks_quote_the_law_texts_word_for_word() -> None:
    laws = Settings().service.laws_dir
    files = {
        "first_to_file": "行政处罚法(2021-01-22).md",
        "closest_business": "安全生产法(2021-06-10).md",
        "establishment_office": "地方各级人民政府机构设置和编制管理条例(2007-02-24).md",
    }
    for key, tie in rules.TIE_BREAKS.items():
        number = re.match(r"第[一二三四五六七八九十百]+条", tie["article"])
        assert number, tie["article"]
        article = _article((laws / files[key]).read_text(encoding="utf-8"), number.group(0))
        assert re.sub(r"\s+", "", tie["text"]) in article, key


def test_tie_breaks_depend_on_the_act() -> None:
    penalty = {"category": "行政处罚", "domain_id": "catering"}
    open_designation = [{"article": "《反食品浪费法》第二十八条第二款", "wording": "县级以上地方人民政府指定的部门"}]
    keys = [t["key"] for t in tie_breaks(penalty, [], open_designation)]
    assert keys == ["designation", "first_to_file", "establishment_office"]
    inspection = {"category": "行政检查", "domain_id": "work-safety"}
    keys = [t["key"] for t in tie_breaks(inspection, [{"title": "中华人民共和国安全生产法"}], [])]
    assert keys == ["closest_business", "establishment_office"]


def test_a_lone_best_match_must_explain_what_the_description_is_about() -> None:
    # 无人机表演未经审批: a 药品 matter explains 未经 and 审批, not 无人机 and 表演; nothing else comes close
    lone = candidate("a", 9, 0.65, {"d1"}, weight=rules.NO_MATCH_WEIGHT - 0.8)
    left_open = decide_behaviour(
        [replace(lone, unexplained=rules.ALONE_UNEXPLAINED + 1), candidate("b", 5, 0.4, {"d2"})]
    )
    assert (left_open.outcome, left_open.rule) == (rules.SUGGESTION, "匹配不足") and "未解释" in left_open.reason
    nearly_all = decide_behaviour([replace(lone, unexplained=rules.ALONE_UNEXPLAINED), candidate("b", 5, 0.4, {"d2"})])
    assert (nearly_all.outcome, nearly_all.rule) == (rules.FIRM, "首选领先")
