"""Renders a screenshot of every console page into docs/console/ (shown by docs/console.md).

    .venv/bin/python tests/e2e/screenshots.py --url http://127.0.0.1:8000 --user wang
(the password is read from stdin). Needs a server with the demo data (`make run`) and an office user.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from browser import guarded_page, pick, sign_in  # noqa: E402

OUT = Path(__file__).resolve().parents[2] / "docs" / "console"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--user", default="wang")
    parser.add_argument("--region", default="610113")
    args = parser.parse_args()
    password = sys.stdin.readline().rstrip("\n")
    OUT.mkdir(parents=True, exist_ok=True)
    with guarded_page(args.url) as g:
        page = g.page

        def shot(name: str, full: bool = False) -> None:
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(600)  # charts animate in
            page.screenshot(path=str(OUT / f"{name}.png"), full_page=full)
            print("wrote", OUT / f"{name}.png")

        page.goto("/login")
        shot("0-登录")
        sign_in(page, args.user, password)
        page.get_by_label("查询内容").fill("餐馆使用瓶装液化气未安装可燃气体报警装置")
        page.get_by_role("button", name="查询", exact=True).click()
        page.get_by_text("依据链").first.wait_for()
        shot("1-查职责", full=True)
        page.locator(".result").first.get_by_role("button", name="申请裁定").click()
        page.get_by_placeholder("该部门的主张").first.fill("报警装置属燃气设施,应由燃气管理部门牵头")
        page.get_by_role("button", name="登记").click()
        page.get_by_text("适用程序").wait_for()
        shot("3-争议卷宗", full=True)
        page.goto("/worklist")
        page.get_by_text("检查事项").first.wait_for()
        shot("2-工作清单")
        page.goto("/disputes")
        page.locator("table a[href^='/disputes/D-']").first.wait_for()
        shot("3-争议与裁定")
        page.goto("/catalogue")
        page.get_by_label("事项关键词").fill("燃气")
        page.get_by_label("事项关键词").press("Enter")
        page.locator(".list a").first.click()
        page.get_by_text("依据:").wait_for()
        shot("4-目录与法规")
        page.goto("/catalogue")
        page.get_by_role("tab", name="法律法规").click()
        page.get_by_role("link", name="中华人民共和国安全生产法").click()
        page.get_by_text("第一条").first.wait_for()
        shot("4-法律法规")
        page.goto("/inspections")
        pick(page, "部门", "市场监管", "西安市雁塔区市场监督管理局")
        pick(page, "监管对象", "雁塔区 家常菜", "西安市雁塔区")
        pick(page, "监管事项", "食品经营", "食品")
        page.get_by_role("button", name="检查能否排期").click()
        page.get_by_test_id("precheck-result").wait_for()
        shot("5-检查")
        page.get_by_role("tab", name="合并检查方案").click()
        page.get_by_placeholder("计划期间起").fill("2025-01-01")
        page.get_by_placeholder("止", exact=True).fill("2025-12-31")
        page.keyboard.press("Enter")
        page.get_by_role("button", name="生成方案").click()
        page.get_by_text("合并后入户").wait_for(timeout=120_000)
        shot("5-合并检查方案", full=True)
        page.goto("/clues")
        page.locator("table a[href^='/clues/']").first.wait_for()
        shot("6-线索")
        page.get_by_role("tab", name="部门间流向").click()
        page.get_by_text("次移送").wait_for()
        shot("6-线索流向")
        page.goto("/clues/" + first_looping_clue(page))
        page.get_by_test_id("clue-graph").wait_for()
        shot("6-线索流转图", full=True)
        page.goto("/import")
        page.set_input_files(
            "#import-file",
            str(Path(__file__).resolve().parents[2] / "data/samples/附件1_监管事项清单_雁塔区_有误.xlsx"),
        )
        page.get_by_role("button", name="检查").click()
        page.get_by_text("检查完毕").wait_for()
        shot("7-导入", full=True)
    if g.foreign:
        raise SystemExit(f"requests left the server: {g.foreign}")


def first_looping_clue(page) -> str:  # type: ignore[no-untyped-def]
    """A clue whose chain has a loop or ping-pong, the case worth a picture."""
    token = page.evaluate("JSON.parse(sessionStorage.getItem('graphsvc.session')).token")
    answer = page.request.get(
        "/api/v1/referrals/anomalies?flag=PING_PONG&limit=1", headers={"Authorization": f"Bearer {token}"}
    ).json()
    return answer["results"][0]["clue"]["id"]


if __name__ == "__main__":
    main()
