"""Amendment effects (issue 11, item 3) on the real texts: what a new version changes article by article, printed at
load time and served by /legal-bases/{id}/impact, confirmed with --mapping; history lines create the versions in
between (text unknown) so an as-of answer never cites a version outside its dates."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from rich.console import Console

from graphsvc.amendments import CONFIDENCE, REVIEW_FLOOR, table
from graphsvc.api.app import create_app
from graphsvc.config import ROOT, Settings
from graphsvc.db import Runner
from graphsvc.identity import Role, create_token
from loaders.law_text import load_law_path
from tests.conftest import TEST_ACTOR, wipe

# The shared texts sit next to the main checkout; a work tree elsewhere names them with GRAPHSVC_LAWS_DIR.
LAWS = Path(os.environ.get("GRAPHSVC_LAWS_DIR") or ROOT.parent / "shared" / "laws")


@pytest.fixture(scope="module")
def api(runner: Runner, settings: Settings) -> Iterator[TestClient]:
    wipe(runner)
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture(scope="module")
def headers(api: TestClient, runner: Runner) -> dict[str, str]:
    return {"Authorization": f"Bearer {create_token(runner, '法规科-周', Role.analyst, None, TEST_ACTOR).token}"}


def test_a_new_version_lists_its_effects_at_load_time_and_in_the_api(
    api: TestClient, headers: dict[str, str], runner: Runner, tmp_path: Path
) -> None:
    load_law_path(runner, LAWS / "农产品质量安全法(2018-10-26).md", TEST_ACTOR).raise_if_failed()
    report = load_law_path(runner, LAWS / "农产品质量安全法(2022-09-02).md", TEST_ACTOR)
    report.raise_if_failed()
    [amendment] = report.files[0].amendments
    assert (amendment.old_version, amendment.new_version) == ("2018-10-26", "2022-09-02")
    counts = amendment.counts()
    # 2018: 56 articles; 2022: 81. Every one is accounted for exactly once on each side.
    old_side = counts["matched"] + counts["renumbered"] + counts["changed"] + counts["deleted"]
    new_side = counts["matched"] + counts["renumbered"] + counts["changed"] + counts["added"]
    assert (old_side, new_side) == (56, 81)
    # 2018 第十三条 (农产品产地的划定) is word for word 2022 第十八条.
    assert ("第十三条", "第十八条") in [(c.old_label, c.new_label) for c in amendment.renumbered]
    first = next(c for c in amendment.changed if c.old_number == 1)
    assert first.new_number == 1 and first.text_changed and 0.9 < first.similarity < 1
    assert "促进农业和农村经济发展" in first.old_text and first.new_text != first.old_text
    assert amendment.unmatched and all(REVIEW_FLOOR <= c.similarity < CONFIDENCE for c in amendment.unmatched)
    assert "与 2018-10-26 版对照" in report.lines()[0]
    console = Console(record=True, width=200)
    console.print(table(amendment, limit=500))
    printed = console.export_text()
    assert "改号(文本相同)" in printed and "待确认(相似度低于阈值)" in printed and "第十八条" in printed

    response = api.get("/api/v1/legal-bases/农产品质量安全法/impact", params={"as_of": "2024-01-01"}, headers=headers)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["version_in_force"]["version"] == "2022-09-02"
    [served] = body["amendments"]
    assert {k: len(served[k]) for k in counts} == counts
    assert served["changed"][0]["similarity"] == first.similarity
    missing = api.get("/api/v1/legal-bases/无此法/impact", headers=headers)
    assert missing.status_code == 404 and missing.json()["error"]["message"] == "未知的法律依据:无此法"


def test_a_mapping_confirms_an_article_rewritten_in_place(
    api: TestClient, headers: dict[str, str], runner: Runner, tmp_path: Path
) -> None:
    load_law_path(runner, LAWS / "道路运输条例(2019-03-02).md", TEST_ACTOR).raise_if_failed()
    report = load_law_path(runner, LAWS / "道路运输条例(2022-03-29).md", TEST_ACTOR)
    [amendment] = report.files[0].amendments
    # 第五十三条 was rewritten in place (2022): below the threshold, so offered for review, not silently dropped.
    assert [(c.old_label, c.new_label) for c in amendment.unmatched] == [("第五十三条", "第五十三条")]
    assert 53 in [c.old_number for c in amendment.deleted] and 53 in [c.new_number for c in amendment.added]

    mapping = tmp_path / "mapping.csv"
    mapping.write_text("old_number,new_number\n第五十三条,53\n", encoding="utf-8")
    confirmed = load_law_path(runner, LAWS / "道路运输条例(2022-03-29).md", TEST_ACTOR, mapping=mapping)
    confirmed.raise_if_failed()
    [after] = confirmed.files[0].amendments
    assert after.unmatched == [] and after.deleted == [] and after.added == []
    fifty_three = next(c for c in after.changed if c.old_number == 53)
    assert fifty_three.reviewed and fifty_three.new_number == 53 and fifty_three.similarity < CONFIDENCE
    served = api.get("/api/v1/legal-bases/道路运输条例/impact", params={"as_of": "2022-06-01"}, headers=headers).json()
    assert served["amendments"][-1]["unmatched"] == []


def test_history_lines_create_the_versions_in_between(api: TestClient, headers: dict[str, str], runner: Runner) -> None:
    report = load_law_path(runner, LAWS / "上海市优化营商环境条例(2024-09-27).md", TEST_ACTOR)
    report.raise_if_failed()
    assert report.files[0].history_versions == ["2020-04-10", "2021-10-28", "2023-11-22"]
    url = "/api/v1/legal-bases/上海市优化营商环境条例/impact"
    versions = api.get(url, headers=headers).json()["versions"]
    assert [(v["version"], v["text_known"], str(v["effective_to"])) for v in versions] == [
        ("2020-04-10", False, "2021-10-28"),
        ("2021-10-28", False, "2023-11-22"),
        ("2023-11-22", False, "2024-09-27"),
        ("2024-09-27", True, "None"),
    ]
    in_2022 = api.get(url, params={"as_of": "2022-06-01"}, headers=headers).json()
    assert in_2022["version_in_force"]["version"] == "2021-10-28"
    assert "仅见于历史记录" in in_2022["note"]
    assert api.get(url, params={"as_of": "2025-01-01"}, headers=headers).json()["note"] is None
