"""Powers devolved to 街道/乡镇 by a province's decision (行政处罚法第二十四条): loading, validation, resolution.

The decisions loaded here are synthetic test fixtures (tests/fixtures/devolution/, 测试〔2099〕…号): no real decision
is shipped or claimed. The streets are those of data/reference/regions.csv.
"""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

from graphsvc.config import ROOT
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.responsibility import devolution
from graphsvc.responsibility.resolve import ResolveRequest
from loaders.devolution import load_devolution
from tests.conftest import TEST_ACTOR
from tests.support.answers import resolve
from tests.support.round_trips import READ_TRANSACTION, CountingRunner

FIXTURES = ROOT / "tests" / "fixtures" / "devolution"
GOOD = FIXTURES / "测试_赋权决定.csv"
CORRECTED = FIXTURES / "测试_赋权决定_更正.csv"
BAD = FIXTURES / "测试_赋权决定_有误.csv"
COUNTY, XIAOZHAI, DAYANTA, DIANZICHENG = "610113", "610113001", "610113002", "610113004"
AUDIT = query("audit_log/list_events")


@pytest.fixture
def devolved(graph: Runner) -> Runner:
    report = load_devolution(graph, GOOD, TEST_ACTOR)
    assert not report.errors, report.errors
    return graph


def result_for(runner: Runner, matter: str, region: str, as_of: str = "2024-06-01") -> dict:
    answer = resolve(runner, ResolveRequest(matter_id=matter, region=region, as_of=date.fromisoformat(as_of)))
    [result] = answer["results"]
    return result


def codes(result: dict) -> list[str]:
    return sorted(f["code"] for f in result["flags"])


def test_the_loader_writes_the_decision_its_powers_and_the_street_offices(graph: Runner) -> None:
    report = load_devolution(graph, GOOD, TEST_ACTOR)
    assert not report.errors
    assert report.written == {"DevolutionDecision": 1, "DevolvedPower": 4}
    # food-001 is a 行政检查: 第二十四条 speaks of 行政处罚权 only, so the row loads with a warning
    [warning] = [w for w in report.warnings if "行政处罚权" in w.reason]
    assert warning.row == 5 and "行政检查" in warning.reason
    # the audit log records the write, with who
    page = graph.read(
        AUDIT,
        object_id=None,
        actor=TEST_ACTOR,
        action="devolution/upsert_decisions",
        at_from=None,
        at_to=None,
        skip=0,
        limit=10,
    )[0]
    assert page["total"] == 1
    # loading the same file again changes nothing (merged on stable ids)
    again = load_devolution(graph, GOOD, TEST_ACTOR)
    assert again.written == {"DevolutionDecision": 1, "DevolvedPower": 4}
    answer = result_for(graph, "cater-008", XIAOZHAI)
    assert [d["department"]["id"] for d in answer["lead"]] == [f"{XIAOZHAI}-office"]


def test_in_a_street_that_took_the_power_its_office_leads_with_the_evidence_chain(devolved: Runner) -> None:
    result = result_for(devolved, "cater-008", XIAOZHAI)
    [lead] = result["lead"]
    assert lead["rule"] == "devolution"
    assert lead["department"] == {
        "id": f"{XIAOZHAI}-office",
        "name": "小寨路街道办事处",
        "region": {"id": XIAOZHAI, "name": "小寨路街道"},
    }
    evidence = lead["evidence"]
    # the chain: the matter's own article, 行政处罚法第二十四条, the province's decision
    assert any(b["in_force"] and b["article_id"] for b in evidence["bases"])
    assert evidence["devolution_article"]["article"] == "第二十四条"
    assert evidence["devolution_article"]["text"] == devolution.PARAGRAPHS[0]
    decision = evidence["decision"]
    assert decision["doc_no"] == "测试〔2099〕1号"
    assert decision["title"] == "测试用赋权决定（虚构，仅供测试）"
    assert decision["issuer"] == "陕西省人民政府"
    assert decision["article"]["article_id"] == "行政处罚法@2021-01-22:24"
    assert evidence["taken_from"]["id"] == f"{COUNTY}-cgj"
    # the county department stays, in the role the third paragraph gives it
    note = result["devolution"]
    assert note["status"] == "devolved"
    [supervisor] = note["supervising"]
    assert supervisor["department"]["id"] == f"{COUNTY}-cgj"
    assert supervisor["role"] == "组织协调、业务指导、执法监督"
    assert supervisor["text"] == devolution.PARAGRAPHS[2]
    assert codes(result) == ["DEVOLVED"]
    assert "小寨路街道办事处" in result["flags"][0]["message"]


def test_from_the_held_catalogue_the_same_answer_is_one_statement(devolved: Runner) -> None:
    counting = CountingRunner(devolved)
    first = result_for(counting, "cater-008", XIAOZHAI)  # the catalogue was just written: its new model is read
    assert counting.sent == ["responsibility/get_live_facts", READ_TRANSACTION]
    counting.sent.clear()
    assert result_for(counting, "cater-008", XIAOZHAI) == first
    assert counting.sent == ["responsibility/get_live_facts"]  # the stamp and the devolved powers, together
    assert first["lead"][0]["rule"] == "devolution"


def test_asked_about_the_county_the_lead_stands_and_the_streets_are_listed(devolved: Runner) -> None:
    result = result_for(devolved, "cater-008", COUNTY)
    assert [(d["department"]["id"], d["rule"]) for d in result["lead"]] == [(f"{COUNTY}-cgj", "locality_level")]
    assert codes(result) == ["DEVOLUTION_POSSIBLE"]
    note = result["devolution"]
    assert note["status"] == "possible"
    assert [s["street"]["name"] for s in note["streets"]] == ["小寨路街道", "大雁塔街道"]
    message = result["flags"][0]["message"]
    assert "小寨路街道" in message and "大雁塔街道" in message and "请确认监管对象所在的街道/乡镇" in message


def test_a_street_that_took_nothing_and_a_matter_not_devolved_stay_with_the_county(devolved: Runner) -> None:
    other_street = result_for(devolved, "cater-008", DIANZICHENG)
    assert [d["department"]["id"] for d in other_street["lead"]] == [f"{COUNTY}-cgj"]
    assert other_street["devolution"] is None and codes(other_street) == []
    not_devolved = result_for(devolved, "food-005", XIAOZHAI)
    assert [d["department"]["id"] for d in not_devolved["lead"]] == [f"{COUNTY}-scjgj"]
    assert not_devolved["devolution"] is None


def test_before_the_decision_took_effect_nothing_is_devolved(devolved: Runner) -> None:
    before = result_for(devolved, "cater-008", XIAOZHAI, as_of="2022-02-28")
    assert [d["department"]["id"] for d in before["lead"]] == [f"{COUNTY}-cgj"]
    on_the_day = result_for(devolved, "cater-008", XIAOZHAI, as_of="2022-03-01")
    assert [d["department"]["id"] for d in on_the_day["lead"]] == [f"{XIAOZHAI}-office"]


def test_the_decision_settles_who_acts_where_the_county_answer_was_an_overlap(devolved: Runner) -> None:
    county = result_for(devolved, "cater-007", COUNTY)
    assert "OVERLAP" in codes(county)
    street = result_for(devolved, "cater-007", XIAOZHAI)
    assert [d["department"]["id"] for d in street["lead"]] == [f"{XIAOZHAI}-office"]
    assert street["overlap"] is None and codes(street) == ["DEVOLVED"]


def test_a_non_penalty_matter_is_devolved_with_the_caveat_said(devolved: Runner) -> None:
    result = result_for(devolved, "food-001", DIANZICHENG)
    assert [d["department"]["id"] for d in result["lead"]] == [f"{DIANZICHENG}-office"]
    assert "第二十四条只规定行政处罚权" in result["devolution"]["message"]


def test_bad_rows_are_named_in_chinese_and_nothing_is_written(graph: Runner) -> None:
    report = load_devolution(graph, BAD, TEST_ACTOR)
    by_row = {e.row: e for e in report.errors}
    assert sorted(by_row) == [3, 5, 6, 7, 8, 9, 10]
    assert by_row[3].column == "决定机关" and "不是省级人民政府" in by_row[3].reason
    assert by_row[5].column == "事项编码" and "未知的监管事项" in by_row[5].reason
    assert by_row[6].column == "承接主体" and "不是雁塔区的街道或乡镇" in by_row[6].reason
    assert by_row[7].column == "原实施部门" and "县级人民政府部门" in by_row[7].reason
    assert by_row[8].column == "公布日期" and "决定应当公布" in by_row[8].reason
    assert by_row[9].column == "承接主体" and "不是乡镇或街道" in by_row[9].reason
    assert by_row[10].column == "施行日期" and "第二十四条" in by_row[10].reason
    assert report.written == {}
    assert result_for(graph, "cater-008", "610113008")["devolution"] is None  # 曲江街道: nothing written


def test_partial_keeps_the_good_row(graph: Runner) -> None:
    report = load_devolution(graph, BAD, TEST_ACTOR, partial=True)
    assert report.written == {"DevolutionDecision": 1, "DevolvedPower": 1}
    assert [d["department"]["id"] for d in result_for(graph, "cater-008", "610113008")["lead"]] == ["610113008-office"]


def test_replace_removes_what_the_corrected_list_no_longer_names(devolved: Runner) -> None:
    plain = load_devolution(devolved, CORRECTED, TEST_ACTOR)
    assert plain.written == {"DevolutionDecision": 1, "DevolvedPower": 1}  # merged: 大雁塔街道 stays
    assert result_for(devolved, "cater-008", DAYANTA)["devolution"]["status"] == "devolved"
    replaced = load_devolution(devolved, CORRECTED, TEST_ACTOR, replace=True)
    assert replaced.written["DevolvedPower removed (--replace)"] == 3
    assert result_for(devolved, "cater-008", DAYANTA)["devolution"] is None
    assert result_for(devolved, "cater-007", XIAOZHAI)["devolution"] is None
    assert result_for(devolved, "cater-008", XIAOZHAI)["devolution"]["status"] == "devolved"
    page = devolved.read(
        AUDIT,
        object_id=None,
        actor=TEST_ACTOR,
        action="devolution/upsert_decisions",
        at_from=None,
        at_to=None,
        skip=0,
        limit=10,
    )[0]
    removed = [e for e in page["events"] if "|cater-007|" in (e["after"] or "")]
    assert removed, "the audit log keeps the removed powers' ids"


def test_replace_is_refused_for_a_file_with_errors(devolved: Runner) -> None:
    report = load_devolution(devolved, BAD, TEST_ACTOR, partial=True, replace=True)
    assert any(e.column == "--replace" for e in report.errors)
    assert result_for(devolved, "cater-008", DAYANTA)["devolution"]["status"] == "devolved"


def test_the_api_answers_with_the_devolution(devolved: Runner, client: TestClient, auth: dict[str, str]) -> None:
    response = client.post(
        "/api/v1/responsibility/resolve",
        json={"matter_id": "cater-008", "region": "小寨路街道", "as_of": "2024-06-01"},
        headers=auth,
    )
    assert response.status_code == 200, response.text
    [result] = response.json()["results"]
    assert result["lead"][0]["rule"] == "devolution"
    assert result["devolution"]["supervising"][0]["department"]["name"] == "西安市雁塔区城市管理和综合执法局"


def test_a_subject_located_in_the_street_resolves_to_the_street_office(devolved: Runner) -> None:
    from loaders.entities import load_entities

    samples = ROOT / "data" / "samples" / "entities" / "subjects.csv"
    report = load_entities(devolved, "subjects", samples, TEST_ACTOR, partial=True)  # the samples hold bad rows too
    assert report.written.get("Subject")
    # a caterer of the shipped samples, registered in 小寨路街道 (its address region, not the county)
    answer = resolve(devolved, ResolveRequest(uscc="92610113MA6TKQ2N5A", as_of=date(2024, 6, 1)))
    assert answer["region"] == XIAOZHAI
    by_matter = {r["matter"]["id"]: r for r in answer["results"]}
    assert [d["department"]["id"] for d in by_matter["cater-008"]["lead"]] == [f"{XIAOZHAI}-office"]
    assert by_matter["cater-008"]["devolution"]["status"] == "devolved"


def test_the_documented_sample_checks_on_a_dry_run_and_writes_nothing(graph: Runner) -> None:
    sample = ROOT / "docs" / "devolution_sample.csv"
    report = load_devolution(graph, sample, TEST_ACTOR, dry_run=True)
    assert not report.errors
    # 各街道办事处: every 街道 of 雁塔区 (ten in regions.csv), none of its other divisions
    assert report.planned == {"DevolutionDecision": 1, "DevolvedPower": 2 + 10}
    assert report.written == {}
    assert result_for(graph, "cater-008", XIAOZHAI)["devolution"] is None


def test_a_decision_loaded_by_mistake_can_be_removed_whole(devolved: Runner) -> None:
    [decision] = devolved.read(query("devolution/list_decisions"), title="测试用赋权决定（虚构，仅供测试）")
    assert decision["powers"] == 4 and decision["doc_no"] == "测试〔2099〕1号"
    [gone] = devolved.write(query("devolution/delete_decision"), id=decision["id"], actor=TEST_ACTOR)
    assert len(gone["removed"]) == 4
    assert result_for(devolved, "cater-008", XIAOZHAI)["devolution"] is None
    assert devolved.read(query("devolution/list_decisions"), title="测试用赋权决定（虚构，仅供测试）") == []
