"""Resolution on the real reference catalogue: scenarios taken from the statutes themselves."""

from __future__ import annotations

from datetime import date

import pytest

from graphsvc.config import Settings
from graphsvc.db import Runner
from graphsvc.responsibility.resolve import ResolveRequest, resolve
from loaders.reference import load_reference
from tests.conftest import TEST_ACTOR, wipe

YANTA, MINHANG = "610113", "310112"


@pytest.fixture(scope="module")
def catalogue(runner: Runner, settings: Settings) -> Runner:
    wipe(runner)
    load_reference(runner, settings.service.reference_dir, TEST_ACTOR, partial=False).raise_if_failed()
    return runner


def answer(runner: Runner, **request: object) -> list[dict]:
    return resolve(runner, ResolveRequest(as_of=date(2026, 1, 1), **request))["results"]  # type: ignore[arg-type]


def lead(result: dict) -> list[str]:
    return [d["department"]["name"] for d in result["lead"]]


def test_hazardous_chemicals_are_divided_as_article_6_divides_them(catalogue: Runner) -> None:
    # 《危险化学品安全管理条例》第六条: 交通运输 for road transport, 公安 for the 剧毒化学品道路运输通行证,
    # 应急管理 for the overall supervision of production, storage, use and trade.
    [transport] = answer(catalogue, matter_id="hazchem-014", region=YANTA)
    assert lead(transport) == ["西安市雁塔区交通运输局"]
    assert transport["lead"][0]["function"]["name"] == "县级以上地方人民政府交通运输主管部门"
    [permit] = answer(catalogue, matter_id="hazchem-016", region=YANTA)
    assert lead(permit) == ["西安市公安局雁塔分局"]
    [overall] = answer(catalogue, matter_id="hazchem-001", region=YANTA)
    assert lead(overall) == ["西安市雁塔区应急管理局"]
    assert {"西安市公安局雁塔分局", "西安市雁塔区市场监督管理局", "西安市生态环境局雁塔分局"} <= {
        d["department"]["name"] for d in overall["cooperating"]
    }
    bases = overall["lead"][0]["evidence"]["bases"]
    assert any(b["title"] == "危险化学品安全管理条例" and b["in_force"] for b in bases)


def test_a_behaviour_finds_the_gas_authority_which_differs_by_place(catalogue: Runner) -> None:
    text = "餐馆使用瓶装液化气未安装可燃气体报警装置"
    minhang, yanta = answer(catalogue, text=text, region=MINHANG), answer(catalogue, text=text, region=YANTA)
    assert minhang[0]["matter"]["id"] == yanta[0]["matter"]["id"] == "cater-008"
    assert lead(minhang[0]) == ["上海市闵行区建设和管理委员会"]  # 上海市燃气管理条例: 住房城乡建设
    assert lead(yanta[0]) == ["西安市雁塔区城市管理和综合执法局"]  # 西安: 城市管理
    assert minhang[0]["flags"] == []
    assert minhang[0]["matter"]["score"] > minhang[1]["matter"]["score"]


def test_drug_manufacture_sits_at_province_level_and_retail_in_the_county(catalogue: Runner) -> None:
    # 药品管理法 第八条第二款: the 省级 药品监督管理部门 supervises manufacture and wholesale.
    [manufacture] = answer(catalogue, matter_id="drug-001", region=YANTA)
    assert lead(manufacture) == ["陕西省药品监督管理局"]
    assert manufacture["lead"][0]["department"]["region"] == {"id": "610000", "name": "陕西省"}
    assert manufacture["lead"][0]["evidence"]["performs"]["source"].startswith("药品管理法第八条第二款")
    [retail] = answer(catalogue, matter_id="drug-003", region=YANTA)
    assert lead(retail) == ["西安市雁塔区市场监督管理局"]


def test_where_the_county_has_no_performer_the_nearest_one_above_acts(catalogue: Runner) -> None:
    # 雁塔区 has no fire brigade of its own in the catalogue: the district 大队 is part of the city's 支队.
    [fire] = answer(catalogue, matter_id="gas-018", region=YANTA)
    assert lead(fire) == ["西安市消防救援支队"]
    assert fire["lead"][0]["department"]["region"]["id"] == "610100"
    assert "GAP" not in [f["code"] for f in fire["flags"]]


def test_a_new_business_form_gets_a_flagged_suggestion_not_a_resolution(catalogue: Runner) -> None:
    # 按照领域归口、业务相近原则 (seed 002): words that match poorly give suggestions, never an answer.
    found = resolve(catalogue, ResolveRequest(as_of=date(2026, 1, 1), text="无人机表演未经审批", region=YANTA))
    [behaviour] = found["behaviours"]
    assert behaviour["outcome"] in ("suggestion", "no_match") and behaviour["lead"] == []
    assert {f["code"] for f in behaviour["flags"]} in ({"WEAK_MATCH", "SUGGESTION"}, {"NO_MATCH"})
    assert behaviour["rule"] in ("匹配不足", "无匹配") and behaviour["reason"]
    results = found["results"]
    assert results and all(r["lead"] == [] and r["suggestion"]["note"] for r in results)
    assert all("SUGGESTION" in {f["code"] for f in r["flags"]} for r in results)
    wages = resolve(catalogue, ResolveRequest(as_of=date(2026, 1, 1), text="拖欠农民工工资", region=YANTA))
    [firm] = wages["behaviours"]
    assert firm["outcome"] == "firm" and firm["matter"]["coverage"] >= 0.5
    assert lead(firm) == ["西安市雁塔区人力资源和社会保障局"]
