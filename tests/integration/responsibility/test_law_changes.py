"""立改废释: a new version of a law renumbers one cited article and drops another; the impact lists both,
and resolution changes from the new version's date on, not before."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.config import Settings
from graphsvc.db import Runner
from graphsvc.identity import Role, create_token
from graphsvc.responsibility.resolve import ResolveRequest, resolve
from loaders.reference import load_reference
from tests.conftest import TEST_ACTOR, wipe
from tests.support.catalogue import Catalogue

OLD, NEW = "法丙@2015-01-01", "法丙@2021-01-01"


def catalogue() -> Catalogue:
    c = Catalogue().region("310000", "上海市", "省").region("310112", "闵行区", "县", "310000")
    c.function("f-gas", "燃气管理部门").department("310112-zjj", "闵行区建设和管理委员会", "县", "310112")
    c.performs("310112-zjj", "f-gas")
    c.law("法丙", "2015-01-01", "2015-01-01", "2021-01-01", articles=(1, 2, 3))
    c.law("法丙", "2021-01-01", "2021-01-01", articles=(1, 2))
    c.add("renumberings.csv", from_article_id=f"{OLD}:2", to_article_id=f"{NEW}:1", method="mapping", reviewed="true")
    c.add("renumberings.csv", from_article_id=f"{OLD}:1", to_article_id=f"{NEW}:2", method="mapping", reviewed="true")
    c.matter("m-moved", "对燃气经营的监督检查", articles=(f"{OLD}:2",))
    c.assign("m-moved-lead", "m-moved", "牵头", function="f-gas")
    c.matter("m-gone", "对燃气器具安装的监督检查", articles=(f"{OLD}:3",))
    c.assign("m-gone-lead", "m-gone", "牵头", function="f-gas")
    return c


@pytest.fixture(scope="module")
def graph_with_versions(runner: Runner, tmp_path_factory: pytest.TempPathFactory) -> Runner:
    wipe(runner)
    directory: Path = catalogue().write(tmp_path_factory.mktemp("law-change"))
    load_reference(runner, directory, TEST_ACTOR, partial=False).raise_if_failed()
    return runner


def result(runner: Runner, matter: str, day: str) -> dict:
    request = ResolveRequest(matter_id=matter, region="310112", as_of=date.fromisoformat(day))
    return resolve(runner, request)["results"][0]


def test_resolution_follows_the_renumbering_from_the_new_date_only(graph_with_versions: Runner) -> None:
    before, after = (
        result(graph_with_versions, "m-moved", "2020-12-31"),
        result(graph_with_versions, "m-moved", "2021-01-01"),
    )
    assert [(b["article_id"], b["in_force"]) for b in before["lead"][0]["evidence"]["bases"]] == [(f"{OLD}:2", True)]
    [now] = after["lead"][0]["evidence"]["bases"]
    assert (now["article_id"], now["cited_id"], now["in_force"]) == (f"{NEW}:1", f"{OLD}:2", True)
    assert after["flags"] == []


def test_a_vanished_basis_goes_stale_from_the_new_date(graph_with_versions: Runner) -> None:
    assert result(graph_with_versions, "m-gone", "2020-12-31")["flags"] == []
    assert [f["code"] for f in result(graph_with_versions, "m-gone", "2021-01-01")["flags"]] == ["STALE_BASIS"]


def test_impact_lists_what_moved_and_what_vanished(graph_with_versions: Runner, settings: Settings) -> None:
    token = create_token(graph_with_versions, "编办", Role.office, None, TEST_ACTOR).token
    with TestClient(create_app(settings), headers={"Authorization": f"Bearer {token}"}) as api:
        report = api.get("/api/v1/legal-bases/法丙/impact", params={"as_of": "2021-06-01"}).json()
        assert report["version_in_force"]["version"] == "2021-01-01"
        assert [(i["kind"], i["id"], i["cited"], i["now"]) for i in report["renumbered"]] == [
            ("matter", "m-moved", "第2条", "第1条")
        ]
        assert [(i["kind"], i["id"], i["cited"]) for i in report["vanished"]] == [("matter", "m-gone", "第3条")]
        before = api.get("/api/v1/legal-bases/法丙/impact", params={"as_of": "2020-06-01"}).json()
        assert before["renumbered"] == [] and before["vanished"] == []
        assert api.get("/api/v1/legal-bases/无此法/impact").status_code == 404
