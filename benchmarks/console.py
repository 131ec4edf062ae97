"""What the console waits for: medians of the calls its pages make, and the size of what the browser loads.

    echo "$PASSWORD" | .venv/bin/python benchmarks/console.py --url http://127.0.0.1:8000 --user wang [--runs 7]

Needs a running server with the demo data (`make run`) and a console user; the console built in web/dist.
"""

from __future__ import annotations

import argparse
import gzip
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx

DIST = Path(__file__).resolve().parents[1] / "web" / "dist"
TEXT = "餐馆使用瓶装液化气未安装可燃气体报警装置"


def median_ms(call: Callable[[], httpx.Response], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        call().raise_for_status()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", default="http://127.0.0.1:8000")
    parser.add_argument("--user", default="wang")
    parser.add_argument("--region", default="610113")
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    password = sys.stdin.readline().rstrip("\n")
    api = httpx.Client(base_url=args.url + "/api/v1", timeout=120)
    credentials = {"username": args.user, "password": password}
    print(f"sign-in (argon2id)        {median_ms(lambda: api.post('/session', json=credentials), args.runs):8.1f} ms")
    token = api.post("/session", json=credentials).json()["token"]
    api.headers["Authorization"] = f"Bearer {token}"
    calls: dict[str, Callable[[], httpx.Response]] = {
        "region tree": lambda: api.get("/region-tree"),
        "departments ?q=市场监管": lambda: api.get("/departments", params={"q": "市场监管", "region": args.region}),
        "subjects ?q=家常菜": lambda: api.get("/subjects", params={"q": "家常菜"}),
        "clues page (20)": lambda: api.get("/clues", params={"region": args.region}),
        "disputes page (20)": lambda: api.get("/disputes"),
        "resolve a behaviour": lambda: api.post("/responsibility/resolve", json={"text": TEXT, "region": args.region}),
        "opinion .docx": lambda: api.post("/documents/opinion", json={"text": TEXT, "region": args.region}),
        "worklist .xlsx": lambda: api.get("/documents/worklist", params={"region": args.region}),
    }
    for name, call in calls.items():
        print(f"{name:<25} {median_ms(call, args.runs):8.1f} ms")
    files = sorted(DIST.rglob("*.*"))
    raw = sum(f.stat().st_size for f in files)
    packed = sum(len(gzip.compress(f.read_bytes())) for f in files if f.suffix in (".js", ".css", ".html"))
    print(f"web/dist: {len(files)} files, {raw / 1e6:.2f} MB, {packed / 1e6:.2f} MB gzipped (js, css, html)")


if __name__ == "__main__":
    main()
