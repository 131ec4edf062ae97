"""Debian's chromium driven by Playwright (no browser is ever downloaded), with a guard that records every
request the page makes to a host other than the server under test."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

from playwright.sync_api import Page, expect, sync_playwright

CHROMIUM_NAMES = ("chromium", "chromium-browser", "google-chrome")
VIEWPORT = {"width": 1366, "height": 768}  # the clerk's laptop
# Two shared cores answer slowly at times; a page that never shows the text still fails.
expect.set_options(timeout=30_000)


def chromium_path() -> str:
    for name in CHROMIUM_NAMES:
        if path := shutil.which(name):
            return path
    raise RuntimeError("没有找到 chromium:请先 apt-get install -y chromium(.ci/run 会安装)")


class Guarded:
    """A page plus the requests that left the server (they must stay empty)."""

    def __init__(self, page: Page, base_url: str):
        self.page = page
        self.base = urlsplit(base_url).netloc
        self.foreign: list[str] = []
        page.on("request", self._check)

    def _check(self, request: object) -> None:
        url: str = request.url  # type: ignore[attr-defined]
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about"):
            return
        if parts.netloc != self.base:
            self.foreign.append(url)


@contextmanager
def guarded_page(base_url: str) -> Iterator[Guarded]:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=["--no-sandbox", "--disable-gpu"])
        context = browser.new_context(viewport=VIEWPORT, locale="zh-CN", accept_downloads=True, base_url=base_url)
        page = context.new_page()
        page.set_default_timeout(30_000)
        try:
            yield Guarded(page, base_url)
        finally:
            context.close()
            browser.close()


def sign_in(page: Page, username: str, password: str) -> None:
    page.goto("/login")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(password)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/resolve")


def pick(page: Page, label: str, typed: str, option: str) -> None:
    """Chooses in an Element Plus select that searches the server as the user types, as a clerk does: click the
    box, type, wait for the name to be offered, click it once, and click elsewhere until the list has gone."""
    box = page.get_by_role("combobox", name=label)
    select = page.locator(".el-select", has=box).first
    offered = page.locator(".el-select-dropdown__item:visible", has_text=option).first
    # Not forced: while another select's list is still closing over this box, Playwright waits rather than
    # let the click land on that list (which once unselected the subject chosen just before).
    select.click()
    box.press_sequentially(typed, delay=20)
    expect(offered).to_be_visible()
    page.wait_for_load_state("networkidle")
    if "is-selected" not in (offered.get_attribute("class") or ""):
        offered.click()
    page.locator("h1").first.click()  # a multiple select stays open until the user clicks elsewhere
    expect(page.locator(".el-select__popper:visible")).to_have_count(0)
    expect(select).to_contain_text(option)
