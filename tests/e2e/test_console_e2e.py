"""The console end to end: Debian's chromium drives the built pages (web/dist) against the real API and the
test Neo4j, as a clerk would. Every test fails if the page sent any request to a host other than the server."""

from __future__ import annotations

import io
import os
import re
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from docx import Document
from playwright.sync_api import expect

from graphsvc import accounts
from graphsvc.api import console
from graphsvc.api.app import create_app
from graphsvc.config import ROOT, Settings
from graphsvc.db import Runner
from graphsvc.identity import Role
from loaders.entities import load_folder
from loaders.law_text import load_law_path
from loaders.reference import load_reference
from tests.conftest import TEST_ACTOR, wipe
from tests.e2e.browser import Guarded, guarded_page, pick, sign_in

LAWS = Path(os.environ.get("GRAPHSVC_LAWS_DIR") or ROOT.parent / "shared" / "laws")
SAMPLES = ROOT / "data" / "samples"
OFFICE, DEPARTMENT, PASSWORD = "wang", "li", "e2e-password-1"
GAS_TEXT = "餐馆使用瓶装液化气未安装可燃气体报警装置"
# The plain verdicts of web/src/lib/verdict.ts.
VERDICTS = re.compile("可以排期|建议并入联合检查|同期也要检查|的检查重复|不承担职责")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def base_url(runner: Runner, settings: Settings) -> Iterator[str]:
    """The API serving the built console on a free port, over the reference data, the 安全生产法 text and the
    sample entities, with an office user and a department user."""
    if not (console.WEB_DIST / "index.html").is_file():
        pytest.fail("web/dist is missing: build the console first (make test does: cd web && npm run build)")
    wipe(runner)
    load_reference(runner, settings.service.reference_dir, TEST_ACTOR).raise_if_failed()
    load_law_path(runner, LAWS / "安全生产法(2021-06-10).md", TEST_ACTOR).raise_if_failed()
    load_folder(runner, SAMPLES / "entities", TEST_ACTOR, partial=True)
    accounts.set_password(runner, OFFICE, PASSWORD, Role.office, None, TEST_ACTOR, "雁塔区委编办-王")
    accounts.set_password(runner, DEPARTMENT, PASSWORD, Role.department, "610113-scjgj", TEST_ACTOR, "市场监管局-李")
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(settings), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise RuntimeError("the API did not start")
        time.sleep(0.1)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture
def clerk(base_url: str) -> Iterator[Guarded]:
    with guarded_page(base_url) as g:
        # Printing opens a dialog headless chromium cannot show; count the calls instead.
        g.page.add_init_script("window.__printed = 0; window.print = () => { window.__printed += 1 }")
        yield g
        assert g.foreign == [], f"requests left the server: {g.foreign}"


def test_sign_in_refuses_a_wrong_password_then_opens_the_console(clerk: Guarded) -> None:
    page = clerk.page
    page.goto("/resolve")
    expect(page).to_have_url(re.compile(r"/login\?next=/resolve$"))
    page.get_by_label("用户名").fill(OFFICE)
    page.get_by_label("密码").fill("wrong-password")
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("alert")).to_contain_text("用户名或密码不正确。")
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    expect(page.get_by_role("heading", name="查职责")).to_be_visible()
    expect(page.get_by_text("雁塔区委编办-王")).to_be_visible()
    page.get_by_role("button", name="退出").click()
    expect(page.get_by_role("button", name="登录")).to_be_visible()


def test_resolve_a_behaviour_print_and_export_the_opinion(clerk: Guarded) -> None:
    page = clerk.page
    sign_in(page, OFFICE, PASSWORD)
    page.get_by_label("查询内容").fill(GAS_TEXT)
    page.get_by_label("查询内容").press("Enter")
    first = page.locator(".result").first
    expect(first).to_contain_text("对餐饮等行业生产经营单位使用燃气未安装可燃气体报警装置的行政处罚")
    expect(first.locator("dd").first).to_contain_text("西安市雁塔区城市管理和综合执法局")
    expect(first).to_contain_text("属地与层级")
    expect(first.locator("blockquote").first).to_contain_text("餐饮等行业的生产经营单位使用燃气未安装可燃气体报警装置")
    page.get_by_role("button", name="打印").click()
    assert page.evaluate("window.__printed") == 1
    with page.expect_download() as download:
        page.get_by_role("button", name="导出职责认定意见").click()
    assert download.value.suggested_filename.startswith("职责认定意见-雁塔区-")
    text = "\n".join(p.text for p in Document(io.BytesIO(Path(download.value.path()).read_bytes())).paragraphs)
    assert "牵头部门:西安市雁塔区城市管理和综合执法局" in text


def test_file_a_dispute_from_an_answer_and_rule_on_it(clerk: Guarded) -> None:
    page = clerk.page
    sign_in(page, OFFICE, PASSWORD)
    page.get_by_label("查询内容").fill(GAS_TEXT)
    page.get_by_label("查询内容").press("Enter")
    page.locator(".result").first.get_by_role("button", name="申请裁定").click()
    expect(page.get_by_role("heading", name="申请裁定(登记职责争议)")).to_be_visible()
    page.get_by_placeholder("该部门的主张").first.fill("燃气报警装置属燃气管理职责")
    page.get_by_role("button", name="登记").click()
    expect(page.get_by_text("争议各方及主张")).to_be_visible()
    expect(page.get_by_text("燃气报警装置属燃气管理职责")).to_be_visible()
    expect(page.get_by_text("适用程序")).to_be_visible()
    page.get_by_label("裁定理由").fill("按燃气管理职责由城管牵头,应急配合")
    page.get_by_role("button", name="记录裁定").click()
    expect(page.get_by_text("裁定已记录")).to_be_visible()
    expect(page.locator(".el-card__header", has_text="裁定 R-")).to_be_visible()
    page.get_by_role("button", name="打印协调意见书").click()
    assert page.evaluate("window.__printed") == 1
    page.goto("/disputes")
    page.locator(".el-radio-button", has_text="已裁定").click()
    row = page.locator("tr", has_text="对餐饮等行业生产经营单位使用燃气未安装可燃气体报警装置的行政处罚").first
    expect(row).to_contain_text("西安市雁塔区城市管理和综合执法局")
    expect(row).to_contain_text("已裁定")


def test_import_a_form_with_mistakes_shows_each_row_and_loads_nothing(clerk: Guarded) -> None:
    page = clerk.page
    sign_in(page, OFFICE, PASSWORD)
    page.get_by_role("menuitem", name="导入").click()
    page.set_input_files("#import-file", str(SAMPLES / "附件1_监管事项清单_雁塔区_有误.xlsx"))
    page.get_by_role("button", name="检查").click()
    expect(page.get_by_text("检查完毕:发现")).to_be_visible()
    row = page.locator("tr", has_text="配合单位行出现在任何牵头单位行之前")
    expect(row).to_contain_text("区教育局")
    expect(page.get_by_role("button", name="导入")).to_be_disabled()


def test_open_a_clue_and_see_its_ping_pong_drawn(clerk: Guarded) -> None:
    page = clerk.page
    sign_in(page, OFFICE, PASSWORD)
    page.get_by_role("menuitem", name="线索").click()
    page.get_by_label("标题或内容").fill("后厨卫生")
    page.get_by_role("button", name="查询").click()
    page.get_by_role("link", name="老王家常菜馆后厨卫生脏乱").click()
    expect(page.get_by_text("踢皮球:A 转给 B 又转回 A")).to_be_visible()
    expect(page.get_by_test_id("clue-graph").locator("canvas").first).to_be_visible()
    expect(page.locator("table").last).to_contain_text("后厨卫生属市场监管职责")


def test_a_department_user_runs_a_precheck_and_is_not_offered_the_office_jobs(clerk: Guarded) -> None:
    page = clerk.page
    sign_in(page, DEPARTMENT, PASSWORD)
    expect(page.get_by_role("menuitem", name="导入")).to_have_count(0)
    page.get_by_role("menuitem", name="检查").click()
    pick(page, "监管对象", "老王家常菜", "西安市雁塔区老王家常菜馆")
    pick(page, "监管事项", "食品经营", "食品")
    expect(page.get_by_placeholder("开始").first).not_to_have_value("")  # next month unless changed
    page.get_by_role("button", name="检查能否排期").click()
    result = page.get_by_test_id("precheck-result")
    expect(result).to_contain_text("西安市雁塔区老王家常菜馆")
    expect(result.get_by_role("alert").first).to_have_text(VERDICTS)
