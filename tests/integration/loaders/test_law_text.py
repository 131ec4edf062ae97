"""Law texts: parsing (pure, on the real files and small synthetic ones) and loading into the test graph."""

from __future__ import annotations

import csv
import os
import time
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from graphsvc.config import ROOT, Settings
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import InvalidInput
from loaders.law_text import (
    law_files,
    load_law_path,
)
from loaders.reference import load_reference
from tests.conftest import TEST_ACTOR, wipe

# The shared texts sit next to the main checkout; a work tree elsewhere names them with GRAPHSVC_LAWS_DIR.
LAWS = Path(os.environ.get("GRAPHSVC_LAWS_DIR") or ROOT.parent / "shared" / "laws")
TODAY = date(2025, 6, 1)
LIST_BASIS_VERSIONS = query("law/list_basis_versions")
LIST_VERSION_ARTICLES = query("law/list_version_articles")
LIST_RENUMBERINGS = query("law/list_renumberings")
COUNT_NODES = query("admin/count_nodes_by_label")


# -- parsing -------------------------------------------------------------------------------------


# -- loading -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def loaded(runner: Runner, settings: Settings) -> tuple[Runner, Any, float]:
    """Every shared law loaded once into a graph holding the reference data; tests on synthetic laws
    add laws of their own titles beside them."""
    wipe(runner)
    load_reference(runner, settings.service.reference_dir, TEST_ACTOR).raise_if_failed()
    started = time.perf_counter()
    report = load_law_path(runner, LAWS, TEST_ACTOR, today=TODAY)
    return runner, report, time.perf_counter() - started


def articles(runner: Runner, version: str) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in runner.read(LIST_VERSION_ARTICLES, version_ids=[version])}


def versions(runner: Runner, basis: str) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in runner.read(LIST_BASIS_VERSIONS, basis_ids=[basis])}


def links(runner: Runner, old: str, new: str) -> dict[int, tuple[int, str, bool]]:
    rows = runner.read(LIST_RENUMBERINGS, from_version=old, to_version=new)
    return {r["from_number"]: (r["to_number"], r["method"], r["reviewed"]) for r in rows}


def test_every_shared_law_loads(loaded: tuple[Runner, Any, float]) -> None:
    runner, report, seconds = loaded
    report.raise_if_failed()
    assert len(report.files) == len(law_files(LAWS))
    assert report.written["BasisVersion"] == len(report.files) == report.written["LegalBasis"] + 2
    assert seconds > 0  # the time is measured by benchmarks/load_laws.py (target < 30 s), not asserted here
    for version, count in [
        ("食品安全法@2021-04-29", 154),
        ("危险化学品安全管理条例@2013-12-07", 102),
        ("安全生产法@2021-06-10", 119),
        ("消防法@2021-04-29", 74),
    ]:
        whole = [a for a in articles(runner, version).values() if a["clause"] == 0]
        assert len(whole) == count, version
    food = next(f for f in report.files if f.version == "食品安全法@2021-04-29")
    assert (food.articles, food.status) == (154, "现行有效")
    assert "食品安全法@2021-04-29" in str(food)


def test_clause_and_item_texts(loaded: tuple[Runner, Any, float]) -> None:
    runner, _, _ = loaded
    food = articles(runner, "食品安全法@2021-04-29")
    item = food["食品安全法@2021-04-29:110.1.3"]
    assert (item["label"], item["text"]) == (
        "第一百一十条第一款第三项",
        "查阅、复制有关合同、票据、账簿以及其他有关资料；",
    )
    assert food["食品安全法@2021-04-29:2.2"]["text"].startswith("供食用的源于农业的初级产品（以下称食用农产品）")
    chemicals = articles(runner, "危险化学品安全管理条例@2013-12-07")
    assert chemicals["危险化学品安全管理条例@2013-12-07:1.1"]["text"] == (
        "为了加强危险化学品的安全管理，预防和减少危险化学品事故，保障人民群众生命财产安全，保护环境，制定本条例。"
    )
    fire = articles(runner, "消防法@2021-04-29")
    assert fire["消防法@2021-04-29:74"]["text"] == "本法自2009年5月1日起施行。"


def test_reference_gist_survives(loaded: tuple[Runner, Any, float], settings: Settings) -> None:
    runner, _, _ = loaded
    with (settings.service.reference_dir / "articles.csv").open(encoding="utf-8-sig") as f:
        reference = {r["id"]: r for r in csv.DictReader(f)}
    cited = [i for i in reference if i.startswith("食品安全法@2021-04-29:")]
    assert cited
    held = articles(runner, "食品安全法@2021-04-29")
    for article in cited:
        assert held[article]["gist"] == reference[article]["gist"]
        assert held[article]["text"]


def test_validity_of_two_versions(loaded: tuple[Runner, Any, float]) -> None:
    runner, _, _ = loaded
    farm = versions(runner, "农产品质量安全法")
    old, new = farm["农产品质量安全法@2018-10-26"], farm["农产品质量安全法@2022-09-02"]
    assert (old["effective_from"], old["effective_to"], old["status"]) == (
        date(2018, 10, 26),
        date(2023, 1, 1),
        "已修改",
    )
    assert (new["effective_from"], new["effective_to"], new["status"]) == (date(2023, 1, 1), None, "现行有效")
    road = versions(runner, "道路运输条例")
    assert road["道路运输条例@2019-03-02"]["effective_to"] == date(2022, 3, 29)
    # The reference catalogue carries the 2023 amendment: the 2022 text is superseded when it takes effect.
    newest = road["道路运输条例@2023-07-20"]
    assert (road["道路运输条例@2022-03-29"]["effective_to"], road["道路运输条例@2022-03-29"]["status"]) == (
        newest["effective_from"],
        "已修改",
    )


def test_renumbered_articles_are_linked(loaded: tuple[Runner, Any, float]) -> None:
    runner, _, _ = loaded
    farm = links(runner, "农产品质量安全法@2018-10-26", "农产品质量安全法@2022-09-02")
    # Read in both texts: 标准及时修订 13→18, 转基因标识 30→43, 合作社自律 27→12, 刑事责任 53→78.
    for old, new in [(13, 18), (30, 43), (27, 12), (53, 78)]:
        assert farm[old] == (new, "similarity", False)
    road = links(runner, "道路运输条例@2019-03-02", "道路运输条例@2022-03-29")
    assert road[52] == (52, "similarity", False) and road[10][0] == 10
    assert 53 not in road  # 对道路运输管理机构的指导监督 gave way to 信息共享和协同监管
    assert len(set(new for new, _, _ in road.values())) == len(road)  # one to one


def test_loading_twice_changes_nothing(loaded: tuple[Runner, Any, float]) -> None:
    runner, _, _ = loaded

    def snapshot() -> Any:
        chains = runner.read(LIST_BASIS_VERSIONS, basis_ids=["农产品质量安全法", "道路运输条例", "食品安全法"])
        return (
            runner.read(COUNT_NODES),
            chains,
            runner.read(LIST_VERSION_ARTICLES, version_ids=[v["id"] for v in chains]),
            links(runner, "农产品质量安全法@2018-10-26", "农产品质量安全法@2022-09-02"),
        )

    before = snapshot()
    again = load_law_path(runner, LAWS, TEST_ACTOR, today=TODAY)
    again.raise_if_failed()
    assert snapshot() == before


def write_law(directory: Path, name: str, text: str) -> Path:
    path = directory / name
    path.write_text(text, encoding="utf-8")
    return path


def versioned(title: str, day: str, body: str) -> str:
    return f"# {title}\n\n{day} 国务院第1次常务会议通过\n\n<!-- INFO END -->\n\n{body}"


V1 = (
    "第一条 为了规范甲事项，制定本条例。\n\n第二条 甲事项由县级主管部门负责监督管理。\n\n"
    "第三条 本条例自公布之日起施行。\n"
)
V2 = (
    "第一条 为了规范甲事项，制定本条例。\n\n第二条 国家鼓励乙事项的发展与创新。\n\n"
    "第三条 甲事项由县级以上主管部门负责监督管理。\n\n第四条 本条例自公布之日起施行。\n"
)


def test_an_older_version_loaded_after_a_newer(loaded: tuple[Runner, Any, float], tmp_path: Path) -> None:
    runner, _, _ = loaded
    newer = write_law(tmp_path, "先后条例(2020-05-01).md", versioned("先后条例", "2020年5月1日", V2))
    older = write_law(tmp_path, "先后条例(2010-05-01).md", versioned("先后条例", "2010年5月1日", V1))
    load_law_path(runner, newer, TEST_ACTOR, today=TODAY).raise_if_failed()
    report = load_law_path(runner, older, TEST_ACTOR, today=TODAY)
    report.raise_if_failed()
    assert report.files[0].status == "已修改" and report.files[0].renumbered == 3
    assert links(runner, "先后条例@2010-05-01", "先后条例@2020-05-01") == {
        1: (1, "similarity", False),
        2: (3, "similarity", False),
        3: (4, "similarity", False),
    }
    # A version in between takes the links over; the one before a future version stays in force.
    middle = write_law(tmp_path, "先后条例(2015-05-01).md", versioned("先后条例", "2015年5月1日", V1))
    future = write_law(tmp_path, "先后条例(2030-01-01).md", versioned("先后条例", "2030年1月1日", V2))
    load_law_path(runner, middle, TEST_ACTOR, today=TODAY).raise_if_failed()
    load_law_path(runner, future, TEST_ACTOR, today=TODAY).raise_if_failed()
    assert links(runner, "先后条例@2010-05-01", "先后条例@2020-05-01") == {}
    assert links(runner, "先后条例@2010-05-01", "先后条例@2015-05-01")[2] == (2, "similarity", False)
    assert links(runner, "先后条例@2015-05-01", "先后条例@2020-05-01")[2] == (3, "similarity", False)
    chain = versions(runner, "先后条例")
    assert [v["status"] for v in chain.values()] == ["已修改", "已修改", "现行有效", "尚未生效"]
    assert chain["先后条例@2020-05-01"]["effective_to"] == date(2030, 1, 1)


def test_a_mapping_file_links_reviewed_renumberings(loaded: tuple[Runner, Any, float], tmp_path: Path) -> None:
    runner, _, _ = loaded
    old = write_law(tmp_path, "对照条例(2010-05-01).md", versioned("对照条例", "2010年5月1日", V1))
    new = write_law(tmp_path, "对照条例(2020-05-01).md", versioned("对照条例", "2020年5月1日", V2))
    load_law_path(runner, old, TEST_ACTOR, today=TODAY).raise_if_failed()
    bad = write_law(tmp_path, "bad.csv", "old_number,new_number\n第二条,第三条\n3,9\n")
    report = load_law_path(runner, new, TEST_ACTOR, mapping=bad, today=TODAY)
    assert [(e.file, e.row, e.column) for e in report.errors] == [("bad.csv", 3, "new_number")]
    assert list(versions(runner, "对照条例")) == ["对照条例@2010-05-01"]  # nothing written
    mapping = write_law(tmp_path, "map.csv", "old_number,new_number\n第二条,第三条\n3,4\n")
    load_law_path(runner, new, TEST_ACTOR, mapping=mapping, today=TODAY).raise_if_failed()
    assert links(runner, "对照条例@2010-05-01", "对照条例@2020-05-01") == {
        1: (1, "similarity", False),
        2: (3, "mapping", True),
        3: (4, "mapping", True),
    }
    # Reloading without the mapping keeps the reviewed links.
    load_law_path(runner, new, TEST_ACTOR, today=TODAY).raise_if_failed()
    assert links(runner, "对照条例@2010-05-01", "对照条例@2020-05-01")[2] == (3, "mapping", True)


def test_a_malformed_file_writes_nothing(loaded: tuple[Runner, Any, float], tmp_path: Path) -> None:
    runner, _, _ = loaded
    good = write_law(tmp_path, "良好条例(2010-05-01).md", versioned("良好条例", "2010年5月1日", V1))
    broken = V1.replace("第三条", "第二条")
    write_law(tmp_path, "残缺条例(2010-05-01).md", versioned("残缺条例", "2010年5月1日", broken))
    report = load_law_path(runner, tmp_path, TEST_ACTOR, today=TODAY)
    assert [(e.file, e.row) for e in report.errors] == [("残缺条例(2010-05-01).md", 11)]
    assert "条号重复" in report.errors[0].reason
    assert [f.file for f in report.files] == [good.name]
    assert versions(runner, "残缺条例") == {}
    with pytest.raises(InvalidInput) as caught:
        report.raise_if_failed()
    assert caught.value.details[0] == {
        "file": "残缺条例(2010-05-01).md",
        "row": 11,
        "column": "",
        "value": "第二条 本条例自公布之日起施行。",
        "reason": "条号重复:第二条已见于第 9 行",
    }
