"""Duties read from the law texts (issue 11, item 2): authority phrases placed on functions, with their level; the
phrases no function fits reported; a reviewed reference link wins; a matter bound to a newly loaded article is led by
the department that performs the function the article names, not a gap."""

from __future__ import annotations

import os
from pathlib import Path

from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.config import ROOT, Settings
from graphsvc.db import Runner
from graphsvc.identity import Role, create_token
from loaders.law_text import load_law_path
from loaders.reference import load_reference
from tests.conftest import TEST_ACTOR, wipe
from tests.support.catalogue import Catalogue

# The shared texts sit next to the main checkout; a work tree elsewhere names them with GRAPHSVC_LAWS_DIR.
LAWS = Path(os.environ.get("GRAPHSVC_LAWS_DIR") or ROOT.parent / "shared" / "laws")
ROAD_2022 = LAWS / "道路运输条例(2022-03-29).md"
ROAD = "道路运输条例@2022-03-29"


def test_a_matter_on_a_newly_loaded_article_is_led_by_the_function_it_names(
    runner: Runner, settings: Settings, tmp_path: Path
) -> None:
    wipe(runner)
    catalogue = _road_catalogue()
    load_reference(runner, catalogue.write(tmp_path / "before"), TEST_ACTOR).raise_if_failed()
    with TestClient(create_app(settings)) as api:
        token = create_token(runner, "雁塔区委编办-王", Role.office, None, TEST_ACTOR).token
        headers = {"Authorization": f"Bearer {token}"}
        body = {"matter_id": "m-road", "region": "610113", "as_of": "2024-01-01"}

        def result() -> dict:
            response = api.post("/api/v1/responsibility/resolve", json=body, headers=headers)
            assert response.status_code == 200, response.text
            return response.json()["results"][0]

        gap = result()
        assert gap["lead"] == [] and [f["code"] for f in gap["flags"]] == ["GAP"]

        report = load_law_path(runner, ROAD_2022, TEST_ACTOR)
        report.raise_if_failed()
        assert report.files[0].duties > 0 and report.written["NAMES_FUNCTION"] == report.files[0].duties
        led = result()
        assert [(d["department"]["id"], d["rule"]) for d in led["lead"]] == [("610113-jtj", "legal_text")]
        assert led["flags"] == []
        named = led["lead"][0]["evidence"]["named_by_article"]
        assert (named["wording"], named["level"], named["method"]) == (
            "县级以上地方人民政府交通运输主管部门",
            "县级以上地方",
            "text",
        )

        # A reviewed link in the reference catalogue wins over what the loader read.
        catalogue.add(
            "article_functions.csv",
            article_id=f"{ROAD}:63",
            function_id="market-regulator",
            duty_kind="行政处罚",
            wording="市场监督管理部门",
        )
        load_reference(runner, catalogue.write(tmp_path / "reviewed"), TEST_ACTOR).raise_if_failed()
        reviewed = result()
        assert [(d["department"]["id"], d["rule"]) for d in reviewed["lead"]] == [("610113-scjgj", "legal_text")]
        assert reviewed["lead"][0]["evidence"]["named_by_article"]["method"] == "reviewed"


def _road_catalogue() -> Catalogue:
    c = Catalogue()
    c.region("610000", "陕西省", "省").region("610100", "西安市", "市", "610000")
    c.region("610113", "雁塔区", "县", "610100")
    c.add("functions.csv", id="transport", name="县级以上地方人民政府交通运输主管部门", aliases="交通运输主管部门")
    c.add("functions.csv", id="transport-city", name="设区的市级人民政府交通运输主管部门")
    c.add(
        "functions.csv", id="market-regulator", name="县级以上地方人民政府市场监督管理部门", aliases="市场监督管理部门"
    )
    c.department("610113-jtj", "西安市雁塔区交通运输局", "县", "610113")
    c.department("610113-scjgj", "西安市雁塔区市场监督管理局", "县", "610113")
    c.performs("610113-jtj", "transport").performs("610113-scjgj", "market-regulator")
    c.law("道路运输条例", "2022-03-29", "2022-03-29", articles=(63,))
    c.matter("m-road", "对未取得道路运输经营许可擅自从事道路运输经营的行政处罚", articles=(f"{ROAD}:63",))
    return c
