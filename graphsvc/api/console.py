"""The web console (web/, built by Vite into web/dist) served at `/`: its files, and index.html for every
page path so a reload of /clues/C-1 works. The JSON API stays under /api/v1/."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import FileResponse, HTMLResponse, Response

from graphsvc.config import resource
from graphsvc.errors import NotFound

# The Docker image builds it into the package (graphsvc/resources/web/dist); a checkout has it under web/dist.
WEB_DIST = resource("web/dist")

NOT_BUILT = """<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>graphsvc</title>
<body style="font-family:sans-serif;max-width:40em;margin:4em auto">
<h1>网页控制台尚未构建</h1>
<p>请在项目目录运行 <code>make run</code>(会自动构建),或
<code>cd web &amp;&amp; npm ci &amp;&amp; npm run build</code>,然后刷新本页。</p>
<p>接口文档:<a href="/docs">/docs</a></p></body></html>"""

# Paths that belong to the API, never to the console.
API_PREFIXES = ("api/", "docs", "redoc", "openapi.json", "healthz", "readyz", "static-offline-docs/", "browser/")


def install(app: FastAPI, dist: Path | None = None) -> None:
    """Registers the console's catch-all route; call it after every API router."""

    @app.get("/{path:path}", include_in_schema=False)
    def console(path: str) -> Response:
        if path.startswith(API_PREFIXES):
            raise NotFound(f"没有这个地址:/{path}")
        folder = dist or WEB_DIST  # looked up per request: a build after start is served at once
        index = folder / "index.html"
        if not index.is_file():
            return HTMLResponse(NOT_BUILT, status_code=503)
        wanted = (folder / path).resolve()
        if path and wanted.is_relative_to(folder.resolve()) and wanted.is_file():
            # Hashed file names never change content, so browsers may keep them.
            cache = "public, max-age=31536000, immutable" if path.startswith("assets/") else "no-cache"
            return FileResponse(wanted, headers={"Cache-Control": cache})
        return FileResponse(index, headers={"Cache-Control": "no-cache"})
