"""Duties read from law texts, pure: authority phrases placed on functions with their level, and the phrases no
function fits."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from graphsvc.config import ROOT
from loaders.authorities import Lexicon, find
from loaders.law_text import duty_rows, read_law

# The shared texts sit next to the main checkout; a work tree elsewhere names them with GRAPHSVC_LAWS_DIR.
LAWS = Path(os.environ.get("GRAPHSVC_LAWS_DIR") or ROOT.parent / "shared" / "laws")
ROAD_2022 = LAWS / "道路运输条例(2022-03-29).md"
ROAD = "道路运输条例@2022-03-29"


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    with (ROOT / "data" / "reference" / "functions.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    return Lexicon((r["id"], r["name"], [a for a in r["aliases"].split("|") if a]) for r in rows)


def placed(text: str, lexicon: Lexicon) -> list[tuple[str, str, str | None]]:
    return [(h.function_id, h.wording, h.level) for h in find(text, lexicon)[0]]


def test_authority_phrases_are_placed_with_their_level(lexicon: Lexicon) -> None:
    text = "由县级以上地方人民政府交通运输主管部门责令停止经营"
    assert placed(text, lexicon) == [("transport", "县级以上地方人民政府交通运输主管部门", "县级以上地方")]
    # The level decides between functions the law itself separates (道路运输条例第二十四条).
    assert placed("经设区的市级人民政府交通运输主管部门许可", lexicon) == [
        ("transport-city", "设区的市级人民政府交通运输主管部门", "设区的市级")
    ]
    assert placed("国务院交通运输主管部门主管全国道路运输管理工作", lexicon) == [
        ("transport", "国务院交通运输主管部门", "国务院")
    ]
    # A list shares its suffix; an old wording is its own function (reforms lead on from it).
    assert [h[0] for h in placed("县级以上人民政府卫生健康、市场监督管理等部门", lexicon)] == [
        "health-authority",
        "market-regulator",
    ]
    assert [h[0] for h in placed("由县级以上工商行政管理部门没收违法所得", lexicon)] == ["legacy-aic"]
    # The indefinite authority of 餐饮油烟 is the designated supervisor, not a guess.
    assert [h[0] for h in placed("由县级以上地方人民政府确定的监督管理部门责令改正", lexicon)] == [
        "designated-supervisor"
    ]


def test_a_government_counts_only_where_no_department_is_named(lexicon: Lexicon) -> None:
    assert placed("县级以上地方人民政府应当加强对道路运输管理工作的领导", lexicon) == [
        ("local-government", "县级以上地方人民政府", "县级以上地方")
    ]
    assert [h[0] for h in placed("交通运输主管部门拟定方案，报本级人民政府批准", lexicon)] == ["transport"]
    # A regulated body is no regulator.
    assert placed("委托特种设备检验机构进行检验", lexicon) == []


def test_phrases_no_function_fits_are_reported(lexicon: Lexicon) -> None:
    hits, unplaced = find("县级以上地方人民政府价格主管部门依法查处", lexicon)
    assert hits == [] and [u.phrase for u in unplaced] == ["县级以上地方人民政府价格主管部门"]


def test_every_article_of_a_text_gets_its_duties(lexicon: Lexicon) -> None:
    rows, unplaced = duty_rows(read_law(ROAD_2022), lexicon)
    named = {(r["article_id"], r["function_id"]): r for r in rows}
    assert named[(f"{ROAD}:63", "transport")]["level"] == "县级以上地方"
    assert named[(f"{ROAD}:63.1", "transport")]["wording"] == "县级以上地方人民政府交通运输主管部门"
    assert (f"{ROAD}:24", "transport-city") in named
    # 第五十条第一款's 项 name nobody: they take the authority of the 款's lead-in.
    items = [r for r in rows if r["article_id"].startswith(f"{ROAD}:") and r["article_id"].count(".") == 2]
    assert items and all(r["function_id"] for r in items)
    assert unplaced == []  # every authority of this text has a function
