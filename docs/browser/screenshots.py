"""Screenshots of the Neo4j Browser for docs/browser.md, taken with headless chromium through playwright.

    pip install playwright          # the Python package only; the browser is Debian's: apt-get install chromium
    NEO4J_URI=neo4j://127.0.0.1:7687 GRAPHSVC_NEO4J_HTTP_PORT=7474 GRAPHSVC_PORT=8000 \
        .venv/bin/python docs/browser/screenshots.py

It runs against a `make run` (or `graphsvc up`) with its demo data: connects as the user of the settings, lets the
post-connect commands play the guide and load the style, clicks through the guide as an analyst would, imports
the favourites, and writes docs/browser/*.png. It also lists every request the page made to a host other than
the local ones: the project promises there are none.
"""

from __future__ import annotations

import base64
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import urlopen

from playwright.sync_api import Locator, Page, sync_playwright

from graphsvc.browser.neo4j_conf import browser_api_url
from graphsvc.config import Settings

OUT = Path(__file__).resolve().parent
LOCAL = {"127.0.0.1", "localhost"}


def newest_frame(page: Page) -> Locator:
    return page.locator("[data-testid=frame]").first


def run_guide_query(page: Page, slide: int, example: int = 0) -> Locator:
    """Go to a slide of the guide, set its parameters with a click, run its query with the ▶ icon; the result frame."""
    guide = page.locator("[data-testid=frame]", has_text="browser/guide.html").first
    guide.scroll_into_view_if_needed()
    for _ in range(12):  # back to the first slide
        back = guide.locator("[data-testid=previousSlide]")
        if back.count() == 0 or not back.is_enabled():
            break
        back.click()
    for _ in range(slide):
        guide.locator("[data-testid=nextSlide]").click()
        time.sleep(0.3)
    guide.locator("a[data-exec]").nth(example).click()
    time.sleep(1.0)
    frames = page.locator("[data-testid=frame]").count()
    guide.locator("pre.code.runnable i").first.click()
    page.wait_for_function(f"document.querySelectorAll('[data-testid=frame]').length > {frames}", timeout=30_000)
    result = newest_frame(page)
    result.locator("[data-testid=spinner]").wait_for(state="detached", timeout=120_000)
    time.sleep(6)  # let the layout settle
    result.scroll_into_view_if_needed()
    return result


def fullscreen_shot(page: Page, frame: Locator, path: Path) -> None:
    """A graph frame in fullscreen, where the Browser zooms the drawing to fit a larger area."""
    frame.scroll_into_view_if_needed()
    frame.get_by_title("Fullscreen").click()
    frame.get_by_title("Close fullscreen").wait_for(timeout=10_000)
    time.sleep(4)
    frame.locator("[aria-label=zoom-to-fit]").first.click(force=True)  # the drawing keeps its scale until asked to fit
    time.sleep(4)
    page.screenshot(path=str(path))
    frame.get_by_title("Close fullscreen").click()
    page.get_by_title("Close fullscreen").wait_for(state="detached", timeout=10_000)
    time.sleep(3)


def import_favourites(page: Page, archive: bytes) -> None:
    """Drops favorites.zip onto the Browser, as an analyst drags it from the file manager."""
    b64 = base64.b64encode(archive).decode()
    transfer = page.evaluate_handle(
        """(b64) => { const bytes = Uint8Array.from(atob(b64), c => c.charCodeAt(0));
           const t = new DataTransfer();
           t.items.add(new File([bytes], 'graphsvc-favorites.zip', {type: 'application/zip'}));
           return t; }""",
        b64,
    )
    main = page.locator("[data-testid=main]").first
    for event in ("dragenter", "dragover", "drop"):
        main.dispatch_event(event, {"dataTransfer": transfer})
        time.sleep(0.5)
    time.sleep(2)
    page.locator("[title=Favorites]").first.click()
    page.get_by_text("graphsvc", exact=True).first.click()
    time.sleep(1)


def main() -> int:
    settings = Settings()
    http = f"http://127.0.0.1:{settings.service.neo4j_http_port}"
    bolt = f"neo4j://127.0.0.1:{settings.neo4j.bolt_port}"
    left: list[str] = []  # answered by another host
    blocked: list[str] = []  # tried, stopped by the Content-Security-Policy
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1500, "height": 1100}, locale="zh-CN")
        page.on("response", lambda r: left.append(r.url) if urlsplit(r.url).hostname not in LOCAL else None)
        page.on("requestfailed", lambda r: blocked.append(r.url) if r.failure == "csp" else None)
        page.goto(f"{http}/browser/?dbms={bolt}")
        page.locator("[data-testid=username]").fill(settings.neo4j.username)
        page.locator("[data-testid=password]").fill(settings.neo4j.password.get_secret_value())
        page.locator("[data-testid=connect]").click()

        guide = page.locator("[data-testid=frame]", has_text="browser/guide.html").first
        guide.wait_for(timeout=60_000)
        time.sleep(2)
        guide.screenshot(path=str(OUT / "guide.png"))

        guide.locator("[data-testid=nextSlide]").click()
        time.sleep(0.5)
        guide.screenshot(path=str(OUT / "guide-responsible.png"))

        run_guide_query(page, slide=4).screenshot(path=str(OUT / "clue-chain.png"))  # 线索去哪了
        fullscreen_shot(page, run_guide_query(page, slide=1), OUT / "responsible.png")  # 谁来管
        fullscreen_shot(page, run_guide_query(page, slide=3), OUT / "inspections.png")  # 合并检查
        run_guide_query(page, slide=5).screenshot(path=str(OUT / "clue-flags.png"))  # 线索的标记 (a table)
        with urlopen(f"{browser_api_url(settings)}/browser/favorites.zip") as response:
            import_favourites(page, response.read())
        page.screenshot(path=str(OUT / "favorites.png"), clip={"x": 0, "y": 0, "width": 760, "height": 560})
        browser.close()
    print(f"screenshots in {OUT}; API {browser_api_url(settings)}")
    if blocked:
        print("blocked by the Content-Security-Policy:\n  " + "\n  ".join(sorted(set(blocked))))
    if left:
        print("answered by other hosts:\n  " + "\n  ".join(sorted(set(left))))
        return 1
    print("no request left the machine")
    return 0


if __name__ == "__main__":
    sys.exit(main())
