"""What the console needs from the API, through the real stack: sign-in sessions, look-ups by name, lists,
form upload, the documents it downloads, the console's own files and the offline API docs."""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from docx import Document
from fastapi.testclient import TestClient
from openpyxl import load_workbook
from typer.testing import CliRunner

from graphsvc import accounts
from graphsvc.api import console
from graphsvc.api.app import create_app
from graphsvc.cli import app as cli_app
from graphsvc.config import ROOT, Settings
from graphsvc.db import Runner
from graphsvc.errors import InvalidInput, Unauthorized
from graphsvc.identity import Role, create_token
from loaders.entities import load_folder
from loaders.law_text import load_law_path
from loaders.reference import load_reference
from tests.conftest import TEST_ACTOR, wipe

# shared/ lies beside the clone in CI; a work tree elsewhere points at it with GRAPHSVC_LAWS_DIR.
LAWS = Path(os.environ.get("GRAPHSVC_LAWS_DIR") or ROOT.parent / "shared" / "laws")
SAMPLES = ROOT / "data" / "samples"
YANTA = "610113"
GAS_TEXT = "餐馆使用瓶装液化气未安装可燃气体报警装置"
PASSWORD = "雁塔-correct-horse"


@pytest.fixture(scope="module")
def console_graph(runner: Runner, settings: Settings) -> Runner:
    """The shipped reference data, the 安全生产法 text (so answers quote it) and the sample entities."""
    wipe(runner)
    load_reference(runner, settings.service.reference_dir, TEST_ACTOR).raise_if_failed()
    load_law_path(runner, LAWS / "安全生产法(2021-06-10).md", TEST_ACTOR).raise_if_failed()
    # The samples hold rows with mistakes on purpose; the good ones are what the lists show.
    load_folder(runner, SAMPLES / "entities", TEST_ACTOR, partial=True)
    return runner


@pytest.fixture(scope="module")
def api(console_graph: Runner, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as client:
        yield client


@pytest.fixture(scope="module")
def office(api: TestClient, console_graph: Runner) -> dict[str, str]:
    accounts.set_password(console_graph, "wang", PASSWORD, Role.office, None, TEST_ACTOR, "雁塔区委编办-王")
    answer = api.post("/api/v1/session", json={"username": "wang", "password": PASSWORD})
    assert answer.status_code == 201, answer.text
    return {"Authorization": f"Bearer {answer.json()['token']}"}


@pytest.fixture(scope="module")
def department(api: TestClient, console_graph: Runner) -> dict[str, str]:
    token = create_token(console_graph, "雁塔区市场监管局-李", Role.department, f"{YANTA}-scjgj", TEST_ACTOR).token
    return {"Authorization": f"Bearer {token}"}


# -- sign-in ---------------------------------------------------------------------------------------


def test_a_session_acts_as_its_user_until_signed_out(api: TestClient, office: dict[str, str]) -> None:
    me = api.get("/api/v1/me", headers=office).json()
    assert (me["id"][:2], me["name"], me["role"]) == ("u_", "雁塔区委编办-王", "office")
    assert me["token_id"].startswith("ses_")
    assert "password_hash" not in me
    fresh = api.post("/api/v1/session", json={"username": "wang", "password": PASSWORD}).json()
    headers = {"Authorization": f"Bearer {fresh['token']}"}
    assert api.delete("/api/v1/session", headers=headers).status_code == 204
    gone = api.get("/api/v1/me", headers=headers)
    assert gone.status_code == 401
    assert gone.json()["error"]["message"] == "登录已过期或已退出,请重新登录。"
    assert api.get("/api/v1/me", headers=office).status_code == 200  # the other session is untouched


def test_a_wrong_password_and_an_unknown_user_get_the_same_answer(api: TestClient, office: dict[str, str]) -> None:
    wrong = api.post("/api/v1/session", json={"username": "wang", "password": "not-it"})
    unknown = api.post("/api/v1/session", json={"username": "nobody", "password": PASSWORD})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json() == {"error": {"code": "unauthorized", "message": "用户名或密码不正确。"}}


def test_a_session_expires(console_graph: Runner, office: dict[str, str]) -> None:
    old = accounts.sign_in(console_graph, "wang", PASSWORD, now=datetime.now(UTC) - timedelta(hours=9))
    assert old.expires_at < datetime.now(UTC)
    with pytest.raises(Unauthorized):
        accounts.authenticate_session(console_graph, old.token)


def test_passwords_are_argon2_hashes_and_too_short_ones_are_refused(console_graph: Runner) -> None:
    with pytest.raises(InvalidInput, match="密码至少 8 个字符"):
        accounts.set_password(console_graph, "zhao", "short", Role.analyst, None, TEST_ACTOR)
    before = accounts.console_users(console_graph)
    accounts.set_password(console_graph, "zhao", "long-enough-1", Role.analyst, None, TEST_ACTOR)
    assert accounts.console_users(console_graph) == before + 1
    [row] = console_graph.read(accounts.FIND_LOGIN, username="zhao")
    assert row["password_hash"].startswith("$argon2id$")


def test_user_create_reads_the_password_from_stdin(settings: Settings, console_graph: Runner) -> None:
    env = {
        "NEO4J_URI": settings.neo4j.uri,
        "NEO4J_PASSWORD": settings.neo4j.password.get_secret_value(),
        "GRAPHSVC_NEO4J_HOME": str(settings.service.neo4j_home),
        "GRAPHSVC_NEO4J_HTTP_PORT": str(settings.service.neo4j_http_port),
    }
    args = ["user", "create", "li", "--role", "department", "--department", f"{YANTA}-scjgj", "--name", "李"]
    result = CliRunner().invoke(cli_app, args, input="from-stdin-123\n", env=env)
    assert result.exit_code == 0, result.output
    assert "from-stdin-123" not in result.output
    session = accounts.sign_in(console_graph, "li", "from-stdin-123")
    assert (session.user.role, session.user.department_id) == (Role.department, f"{YANTA}-scjgj")


# -- look-ups by name ------------------------------------------------------------------------------


def test_departments_are_found_by_name_within_a_region(api: TestClient, office: dict[str, str]) -> None:
    found = api.get("/api/v1/departments", params={"q": "市场监管", "region": YANTA}, headers=office).json()
    assert [(d["id"], d["name"], d["region_name"]) for d in found["results"]][0] == (
        f"{YANTA}-scjgj",
        "西安市雁塔区市场监督管理局",
        "雁塔区",
    )
    assert {d["region_id"] for d in found["results"]} == {YANTA}
    listed = api.get("/api/v1/departments", params={"region": YANTA}, headers=office).json()["results"]
    assert f"{YANTA}-yjglj" in {d["id"] for d in listed}
    missing = api.get("/api/v1/departments", headers=office)
    assert missing.status_code == 422
    assert "请提供部门名称" in missing.json()["error"]["message"]


def test_the_region_tree_nests_counties_under_their_province(api: TestClient, office: dict[str, str]) -> None:
    roots = api.get("/api/v1/region-tree", headers=office).json()["roots"]
    shaanxi = next(r for r in roots if r["id"] == "610000")
    xian = next(c for c in shaanxi["children"] if c["id"] == "610100")
    assert "雁塔区" in {c["name"] for c in xian["children"]}


def test_subjects_are_found_by_name_or_by_their_credit_code(api: TestClient, office: dict[str, str]) -> None:
    by_name = api.get("/api/v1/subjects", params={"q": "老王家常菜"}, headers=office).json()["results"]
    assert by_name[0]["id"] == "92610113MA6TKQ2N5A"
    assert by_name[0]["region_name"]
    by_code = api.get("/api/v1/subjects", params={"q": "92610113MA6TKQ2N5A"}, headers=office).json()["results"]
    assert by_code[0]["name"] == "西安市雁塔区老王家常菜馆"


# -- lists -----------------------------------------------------------------------------------------


def test_clues_are_listed_newest_first_with_names(api: TestClient, office: dict[str, str]) -> None:
    page = api.get("/api/v1/clues", params={"region": "610000"}, headers=office).json()
    sample = next(c for c in page["items"] if c["id"] == "clue-sample-1")
    assert sample["received_by"] == {"id": f"{YANTA}-scjgj", "name": "西安市雁塔区市场监督管理局"}
    assert sample["subject"]["name"] == "西安市雁塔区老王家常菜馆"
    assert sample["hops"] == 3
    times = [c["received_at"] for c in page["items"]]
    assert times == sorted(times, reverse=True)
    assert page["total"] == len(page["items"])
    none = api.get("/api/v1/clues", params={"region": "610000", "status": "已退回"}, headers=office).json()
    assert all(c["status"] == "已退回" for c in none["items"])
    one = api.get("/api/v1/clues", params={"q": "后厨卫生", "limit": 1}, headers=office).json()
    assert [c["id"] for c in one["items"]] == ["clue-sample-1"]


def test_disputes_are_listed_with_their_parties_and_filtered(api: TestClient, office: dict[str, str]) -> None:
    body = {
        "kind": "职责交叉",
        "text": GAS_TEXT,
        "region": YANTA,
        "claimants": [{"department_id": f"{YANTA}-cgj"}, {"department_id": f"{YANTA}-yjglj"}],
    }
    filed = api.post("/api/v1/disputes", json=body, headers=office)
    assert filed.status_code == 201, filed.text
    page = api.get("/api/v1/disputes", params={"status": "待裁定", "department_id": f"{YANTA}-yjglj"}, headers=office)
    item = next(i for i in page.json()["items"] if i["id"] == filed.json()["id"])
    assert item["claimants"] == [
        {"id": f"{YANTA}-cgj", "name": "西安市雁塔区城市管理和综合执法局"},
        {"id": f"{YANTA}-yjglj", "name": "西安市雁塔区应急管理局"},
    ]
    assert item["region"] == {"id": YANTA, "name": "雁塔区"}
    other = api.get("/api/v1/disputes", params={"department_id": f"{YANTA}-jyj"}, headers=office).json()
    assert filed.json()["id"] not in {i["id"] for i in other["items"]}


# -- documents -------------------------------------------------------------------------------------


def test_the_opinion_names_the_departments_and_quotes_the_law(api: TestClient, office: dict[str, str]) -> None:
    answer = api.post("/api/v1/documents/opinion", json={"text": GAS_TEXT, "region": YANTA}, headers=office)
    assert answer.status_code == 200, answer.text
    assert "filename*=UTF-8''%E8%81%8C%E8%B4%A3" in answer.headers["content-disposition"]  # 职责…
    text = "\n".join(p.text for p in Document(io.BytesIO(answer.content)).paragraphs)
    assert "职责认定意见" in text
    assert "牵头部门:西安市雁塔区城市管理和综合执法局" in text
    assert "《中华人民共和国安全生产法》(2021-06-10)第九十九条第一款第八项" in text
    assert "餐饮等行业的生产经营单位使用燃气未安装可燃气体报警装置的" in text  # the item's own words
    assert "经办:雁塔区委编办-王" in text


def test_the_worklist_workbook_has_a_title_block_and_chinese_headers(api: TestClient, office: dict[str, str]) -> None:
    report = api.get("/api/v1/responsibility/audit", params={"region": YANTA}, headers=office).json()
    answer = api.get("/api/v1/documents/worklist", params={"region": YANTA}, headers=office)
    assert answer.status_code == 200, answer.text
    sheet = load_workbook(io.BytesIO(answer.content)).active
    assert sheet["A1"].value == "雁塔区监管职责工作清单"
    assert sheet["A2"].value == "行政区划:雁塔区(610113)"
    assert f"检查事项 {report['matters_checked']} 项" in sheet["A3"].value
    assert [c.value for c in sheet[6]] == ["序号", "问题类型", "编号", "名称", "领域", "层级", "牵头部门", "说明"]
    rows = list(sheet.iter_rows(min_row=7, values_only=True))
    expected = (
        len(report["issues"])
        + len(report["functions_without_performer"])
        + len(report["departments_without_inspectors"])
    )
    assert len(rows) == expected > 0
    assert not any(isinstance(v, str) and v.startswith("=") for row in rows for v in row)


def test_cited_articles_come_with_their_text(api: TestClient, office: dict[str, str]) -> None:
    ids = ["安全生产法@2021-06-10:99.1.8"]
    [article] = api.get("/api/v1/articles", params={"ids": ids}, headers=office).json()["results"]
    assert article["title"] == "中华人民共和国安全生产法"
    assert article["text"].startswith("餐饮等行业的生产经营单位使用燃气未安装可燃气体报警装置")


def test_laws_list_their_versions_and_a_version_its_articles(api: TestClient, office: dict[str, str]) -> None:
    bases = api.get("/api/v1/legal-bases", headers=office).json()["results"]
    safety = next(b for b in bases if b["id"] == "安全生产法")
    version = next(v for v in safety["versions"] if v["version"] == "2021-06-10")
    text = api.get(f"/api/v1/basis-versions/{version['id']}/articles", headers=office).json()["articles"]
    assert text[0]["label"] == "第一条"
    assert text[0]["text"].startswith("为了加强安全生产工作")


# -- form upload -----------------------------------------------------------------------------------


def upload(api: TestClient, headers: dict[str, str], path: Path, **params: object):  # type: ignore[no-untyped-def]
    with path.open("rb") as f:
        return api.post(
            "/api/v1/imports/matters",
            params={"region": YANTA, **params},
            files={"file": (path.name, f, "application/octet-stream")},
            headers=headers,
        )


def test_a_form_with_mistakes_is_reported_row_by_row_and_nothing_is_written(
    api: TestClient, office: dict[str, str]
) -> None:
    answer = upload(api, office, SAMPLES / "附件1_监管事项清单_雁塔区_有误.xlsx")
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["dry_run"] is True
    assert report["written"] == {}
    assert report["file"] == "附件1_监管事项清单_雁塔区_有误.xlsx"
    reasons = {(e["row"], e["column"]): e["reason"] for e in report["errors"]}
    assert reasons[(5, "监管部门")] == "配合单位行出现在任何牵头单位行之前"
    loaded = upload(api, office, SAMPLES / "附件1_监管事项清单_雁塔区_有误.xlsx", dry_run=False)
    assert loaded.json()["written"] == {}  # without partial, one bad row keeps the whole form out


def test_an_upload_that_is_not_a_form_or_not_allowed_is_refused(
    api: TestClient, office: dict[str, str], department: dict[str, str], tmp_path: Path
) -> None:
    text = tmp_path / "说明.txt"
    text.write_text("不是表格", encoding="utf-8")
    wrong = upload(api, office, text)
    assert wrong.status_code == 422
    assert wrong.json()["error"]["message"] == "只接受 .xlsx 或 .csv 文件,收到的是「说明.txt」。"
    refused = upload(api, department, SAMPLES / "附件1_监管事项清单_雁塔区.csv")
    assert refused.status_code == 403


# -- the console's files and the docs --------------------------------------------------------------


def test_the_console_serves_its_files_and_index_for_page_paths(
    api: TestClient, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "assets").mkdir()
    (tmp_path / "index.html").write_text('<div id="app"></div>', encoding="utf-8")
    (tmp_path / "assets" / "app-1a2b.js").write_text("console.log(1)", encoding="utf-8")
    monkeypatch.setattr(console, "WEB_DIST", tmp_path)
    assert api.get("/").text == '<div id="app"></div>'
    assert api.get("/clues/clue-sample-1").text == '<div id="app"></div>'
    asset = api.get("/assets/app-1a2b.js")
    assert asset.text == "console.log(1)"
    assert "immutable" in asset.headers["cache-control"]
    assert api.get("/../pyproject.toml").text == '<div id="app"></div>'
    missing = api.get("/api/v1/no-such-thing")
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"
    monkeypatch.setattr(console, "WEB_DIST", tmp_path / "nothing")
    unbuilt = api.get("/")
    assert unbuilt.status_code == 503
    assert "make run" in unbuilt.text


def test_the_api_docs_load_nothing_from_outside(api: TestClient) -> None:
    for page in ("/docs", "/redoc"):
        html = api.get(page).text
        assert "http://" not in html.replace("http://www.w3.org", "")
        assert "https://" not in html
    assert api.get("/static-offline-docs/swagger-ui-bundle.js").status_code == 200
    assert api.get("/static-offline-docs/redoc.standalone.js").status_code == 200
