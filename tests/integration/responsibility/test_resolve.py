"""Resolution over a small hand-built catalogue, one rule at a time."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from graphsvc.db import Runner
from graphsvc.errors import InvalidInput, NotFound
from graphsvc.responsibility.resolve import ResolveRequest, resolve
from tests.support.catalogue import LAW_NEW, P, T, X, Y, load_sample


@pytest.fixture(scope="module")
def catalogue_graph(runner: Runner, tmp_path_factory: pytest.TempPathFactory) -> Runner:
    return load_sample(runner, tmp_path_factory.mktemp("catalogue"))


def only(runner: Runner, matter: str, region: str = X, as_of: str = "2024-06-01") -> dict:
    answer = resolve(runner, ResolveRequest(matter_id=matter, region=region, as_of=date.fromisoformat(as_of)))
    [result] = answer["results"]
    return result


def holders(duties: list[dict]) -> list[tuple[str, str]]:
    return sorted((d["department"]["id"], d["rule"]) for d in duties)


def codes(result: dict) -> list[str]:
    return sorted(f["code"] for f in result["flags"])


def test_the_function_is_performed_by_the_local_department(catalogue_graph: Runner) -> None:
    result = only(catalogue_graph, "m-food")
    assert holders(result["lead"]) == [(f"{X}-scjgj", "locality_level")]
    assert holders(result["cooperating"]) == [(f"{X}-zjj", "locality_level")]
    assert codes(result) == []
    evidence = result["lead"][0]["evidence"]
    assert evidence["performs"]["function_id"] == "f-food"
    assert evidence["assignment"]["id"] == "m-food-lead"
    assert [b["article"] for b in evidence["bases"]] == ["第1条"]
    assert evidence["bases"][0]["in_force"] is True


def test_a_street_resolves_to_its_district(catalogue_graph: Runner) -> None:
    assert holders(only(catalogue_graph, "m-food", region=T)["lead"]) == [(f"{X}-scjgj", "locality_level")]


def test_a_province_level_matter_walks_up(catalogue_graph: Runner) -> None:
    result = only(catalogue_graph, "m-drug")
    assert holders(result["lead"]) == [(f"{P}-yjj", "locality_level")]
    assert result["lead"][0]["department"]["region"] == {"id": P, "name": "陕西省"}


def test_an_old_wording_follows_the_reform(catalogue_graph: Runner) -> None:
    before = only(catalogue_graph, "m-old", as_of="2017-05-01")
    assert holders(before["lead"]) == [(f"{X}-gsj", "locality_level")]
    after = only(catalogue_graph, "m-old", as_of="2024-05-01")
    assert holders(after["lead"]) == [(f"{X}-scjgj", "locality_level")]
    assert after["lead"][0]["function"] == {"id": "f-market", "name": "市场监督管理部门"}
    [step] = after["lead"][0]["evidence"]["succession"]
    assert (step["from_name"], step["to_name"], step["valid_from"]) == (
        "工商行政管理部门",
        "市场监督管理部门",
        date(2018, 11, 1),
    )


def test_a_local_assignment_beats_the_function_only_where_it_applies(catalogue_graph: Runner) -> None:
    assert holders(only(catalogue_graph, "m-local", region=X)["lead"]) == [(f"{X}-zjj", "assignment")]
    elsewhere = only(catalogue_graph, "m-local", region=Y)
    assert elsewhere["lead"] == []
    assert codes(elsewhere) == ["GAP"]
    assert "食品安全监督管理部门" in elsewhere["flags"][0]["message"]


def test_two_leads_are_a_conflict(catalogue_graph: Runner) -> None:
    result = only(catalogue_graph, "m-conflict")
    assert holders(result["lead"]) == [(f"{X}-scjgj", "locality_level"), (f"{X}-zjj", "locality_level")]
    assert codes(result) == ["CONFLICT"]


def test_a_basis_out_of_force_is_stale(catalogue_graph: Runner) -> None:
    assert codes(only(catalogue_graph, "m-stale", as_of="2024-01-01")) == ["STALE_BASIS"]
    assert codes(only(catalogue_graph, "m-stale", as_of="2019-01-01")) == []


def test_before_the_department_existed_there_is_a_gap(catalogue_graph: Runner) -> None:
    result = only(catalogue_graph, "m-food", as_of="2017-01-01")
    assert result["lead"] == []
    assert "GAP" in codes(result)


def test_without_an_assignment_the_article_names_the_function(catalogue_graph: Runner) -> None:
    result = only(catalogue_graph, "m-text")
    assert holders(result["lead"]) == [(f"{X}-zjj", "legal_text")]
    assert result["lead"][0]["evidence"]["named_by_article"]["wording"] == "燃气管理部门"
    assert result["lead"][0]["evidence"]["authority_from"] is None


def test_an_article_without_an_authority_follows_the_allocating_article(catalogue_graph: Runner) -> None:
    result = only(catalogue_graph, "m-authority")
    assert holders(result["lead"]) == [(f"{X}-zjj", "legal_text")]
    assert result["lead"][0]["evidence"]["authority_from"]["article_id"] == f"{LAW_NEW}:1"


def test_unknown_inputs_say_which(catalogue_graph: Runner) -> None:
    with pytest.raises(NotFound, match="未知的监管事项:m-none"):
        resolve(catalogue_graph, ResolveRequest(matter_id="m-none", region=X))
    with pytest.raises(NotFound, match="未知的行政区划代码:999999"):
        resolve(catalogue_graph, ResolveRequest(matter_id="m-food", region="999999"))
    with pytest.raises(InvalidInput, match="校验位错误"):
        resolve(catalogue_graph, ResolveRequest(uscc="91310000MA1FL4B24H"))
    with pytest.raises(InvalidInput, match="需要行政区划代码"):
        resolve(catalogue_graph, ResolveRequest(matter_id="m-food"))
    with pytest.raises(ValueError, match="需要 matter_id、text 或 uscc 之一"):
        ResolveRequest(region=X)


def test_text_finds_matters_and_flags_weak_matches(catalogue_graph: Runner, tmp_path: Path) -> None:
    answer = resolve(catalogue_graph, ResolveRequest(text="燃气经营者监督检查", region=X, as_of=date(2024, 6, 1)))
    assert answer["results"][0]["matter"]["id"] == "m-text"
    scores = [r["matter"]["score"] for r in answer["results"]]
    assert scores == sorted(scores, reverse=True)
    weak = resolve(catalogue_graph, ResolveRequest(text="无人机表演", region=X))
    assert weak["results"] == [] or all("WEAK_MATCH" in codes(r) for r in weak["results"])
