"""The Browser's guide, style and favourites: served by the API, run on connect by the neo4j.conf the project
writes, and every query of the guide runs, read-only, on generated demo data with the examples it offers."""

from __future__ import annotations

import html
import io
import re
import zipfile
from collections.abc import Iterator
from datetime import date

import pytest
from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.browser.guide import examples, load_guide, shown_text
from graphsvc.browser.style import grass, load_style
from graphsvc.config import ROOT, Settings
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.identity import Role, User
from graphsvc.inspections import plans
from loaders.entities import load_folder
from loaders.reference import load_reference
from loaders.synthetic import generate
from tests.conftest import HTTP_PORT, TEST_ACTOR, wipe

REFERENCE = ROOT / "data" / "reference"
BROWSER_ORIGIN = f"http://127.0.0.1:{HTTP_PORT}"


def test_the_conf_runs_guide_and_style_on_connect_and_allows_only_the_api(runner: Runner, settings: Settings) -> None:
    config = {row["name"]: row["value"] for row in runner.read(query("admin/list_client_config"))}
    api = f"http://127.0.0.1:{settings.service.port}"
    assert config["browser.post_connect_cmd"] == f"style {api}/browser/style.grass;play {api}/browser/guide.html"
    assert config["browser.remote_content_hostname_whitelist"] == "http://127.0.0.1"
    assert config["client.allow_telemetry"] == "false"


@pytest.fixture(scope="module")
def demo(runner: Runner, tmp_path_factory: pytest.TempPathFactory) -> Runner:
    wipe(runner)
    load_reference(runner, REFERENCE, TEST_ACTOR).raise_if_failed()
    out = tmp_path_factory.mktemp("demo")
    generate("tiny", 7, out, REFERENCE)
    load_folder(runner, out, TEST_ACTOR).raise_if_failed()
    # joint inspections come from an accepted merge plan, as `graphsvc inspections merge-plan --accept` makes one
    operator = User(id=TEST_ACTOR, name=TEST_ACTOR, role=Role.admin, token_id="test")
    period = {"start": date(2025, 7, 1), "end": date(2025, 12, 31)}
    plan = plans.propose(runner, plans.MergePlanRequest(region="610113", period=period), operator)  # type: ignore[arg-type]
    plans.accept(runner, plan["id"], operator)
    return runner


@pytest.fixture(scope="module")
def browser(demo: Runner, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


def test_loaders_write_short_captions(demo: Runner) -> None:
    departments = {r["id"]: r for r in demo.read(query("browser/list_captions"))}
    assert departments["610113-scjgj"]["caption"] == "雁塔区 市场监管局"
    assert departments["610113-bb"]["caption"] == "雁塔区委编办"
    assert departments["310000-fgw"]["caption"] == "上海市 发展改革委"
    assert departments["150502-sthj"]["caption"] == "科尔沁区 生态环境分局"
    captioned = demo.read(query("browser/list_captions"))
    assert all(row["caption"] for row in captioned), [row for row in captioned if not row["caption"]][:3]
    for row in captioned:
        if row["label"] in ("Matter", "Subject"):  # the whole name, in lines the Browser can wrap
            assert row["caption"].replace(" ", "") == row["name"].replace(" ", "")
            assert max(len(line) for line in row["caption"].split()) <= 5


def test_the_guide_is_served_to_the_browser_with_every_query(browser: TestClient) -> None:
    response = browser.get("/browser/guide.html", headers={"Origin": BROWSER_ORIGIN})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["access-control-allow-origin"] == BROWSER_ORIGIN
    page = response.text
    assert "<title>graphsvc 分析员导览</title>" in page
    spec = load_guide()
    assert page.count("<slide") == len(spec.slides) + 1  # the model picture first
    for slide in spec.slides:
        q = query(slide.query)
        assert q.mode == "read"
        # the Browser copies the text of the runnable block into its editor: the file, as it is
        assert html.escape(shown_text(q)) in page
    # parameters are set by a click: `:param name: 'value', …` merges into the Browser's parameters
    assert re.search(r"data-exec=\"param clue_id: &#x27;clue-\d+&#x27;\"", page)
    assert "<svg" in page and "<script" not in page


def test_the_preflight_the_browser_sends_for_the_guide_is_answered(browser: TestClient) -> None:
    asked = {
        "Origin": BROWSER_ORIGIN,
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "pragma",
    }
    response = browser.options("/browser/guide.html", headers=asked)
    assert response.status_code == 204
    assert response.headers["access-control-allow-origin"] == BROWSER_ORIGIN
    assert response.headers["access-control-allow-headers"] == "pragma"
    other = browser.options("/browser/guide.html", headers={**asked, "Origin": "http://evil.example"})
    assert "access-control-allow-origin" not in other.headers
    assert browser.get("/browser/nothing.html").status_code == 404


def test_other_origins_get_no_cors_header(browser: TestClient) -> None:
    response = browser.get("/browser/style.grass", headers={"Origin": "http://evil.example"})
    assert response.status_code == 200
    assert "access-control-allow-origin" not in response.headers


def test_style_and_favourites_are_served(browser: TestClient) -> None:
    style = browser.get("/browser/style.grass", headers={"Origin": BROWSER_ORIGIN})
    assert style.status_code == 200 and style.text == grass(load_style())
    favorites = browser.get("/browser/favorites.zip")
    assert favorites.status_code == 200 and favorites.headers["content-type"] == "application/zip"
    with zipfile.ZipFile(io.BytesIO(favorites.content)) as archive:
        names = archive.namelist()
        assert len(names) == len(load_guide().slides)
        for name in names:
            assert name.startswith("graphsvc/") and name.endswith(".cypher")
            first = archive.read(name).decode("utf-8").splitlines()[0]
            assert first.startswith("// ") and ":" in first  # the Browser names a favourite by its first line


def test_every_guide_query_runs_with_every_example(demo: Runner) -> None:
    for slide in load_guide().slides:
        found = examples(demo, slide)
        assert found, f"{slide.pick} finds no example in the demo data"
        for example in found:
            rows = demo.read(query(slide.query), **example.params)
            assert rows, f"{slide.query} {example.params} returns nothing"
            first = rows[0]
            drawn = [v for v in first.values() if isinstance(v, list) and v]
            assert drawn or "finding" in first or "hop_id" in first, f"{slide.query} {example.params}: {first}"


def test_the_inspections_slide_draws_the_joint_inspection_that_merged_tasks(demo: Runner) -> None:
    [slide] = [s for s in load_guide().slides if s.query == "browser/draw_subject_inspections"]
    first = examples(demo, slide)[0]
    assert first.label.startswith("有联合检查")
    [row] = demo.read(query(slide.query), **first.params)
    assert row["joints"] and row["tasks"]


def test_referral_captions_name_kind_day_and_receiver(demo: Runner) -> None:
    captions = [r["caption"] for r in demo.read(query("browser/list_referral_captions"))]
    assert captions
    for caption in captions:
        assert re.fullmatch(r"(分办|转办|移送|行刑衔接|跨区域移送|退回) \d{1,2}-\d{2} → \S+", caption), caption
