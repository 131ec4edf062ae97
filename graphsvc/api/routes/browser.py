"""The guide, style and favourites for the Neo4j Browser, open to all: the Browser's `:play` and `:style` fetch
them without a token. They hold the project's queries and, as examples, ids and counts only (no names)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import HTMLResponse, PlainTextResponse

from graphsvc.api.deps import RunnerDep
from graphsvc.browser.guide import favorites_zip, render_guide
from graphsvc.browser.neo4j_conf import browser_api_url
from graphsvc.browser.style import grass, load_style
from graphsvc.config import Settings

router = APIRouter(prefix="/browser", tags=["browser"], include_in_schema=False)  # for the Browser, not API clients


def browser_origins(settings: Settings) -> set[str]:
    """Where the Neo4j Browser is served from (its pages fetch the guide from there, across origins)."""
    port = settings.service.neo4j_http_port
    return {f"http://{host}:{port}" for host in ("127.0.0.1", "localhost", settings.neo4j.host)}


def _cors(request: Request, response: Response) -> Response:
    origin = request.headers.get("origin")
    if origin and origin in browser_origins(request.app.state.settings):
        response.headers["Access-Control-Allow-Origin"] = origin
    response.headers["Vary"] = "Origin"
    response.headers["Cache-Control"] = "no-cache"
    return response


def preflight(request: Request) -> Response:
    """The Browser fetches the guide with cache headers, so the web browser asks first (a CORS preflight)."""
    response = Response(status_code=204)
    if request.headers.get("origin") in browser_origins(request.app.state.settings):
        response.headers["Access-Control-Allow-Methods"] = "GET"
        asked = request.headers.get("access-control-request-headers")
        if asked:
            response.headers["Access-Control-Allow-Headers"] = asked
        response.headers["Access-Control-Max-Age"] = "600"
    return _cors(request, response)


@router.get("/guide.html", response_class=HTMLResponse)
def get_guide(request: Request, runner: RunnerDep) -> Response:
    """The analysts' guide: `:play <this url>` in the Browser (run on connect by the project's neo4j.conf)."""
    page = render_guide(runner, browser_api_url(request.app.state.settings))
    return _cors(request, HTMLResponse(page))


@router.get("/style.grass", response_class=PlainTextResponse)
def get_style(request: Request) -> Response:
    """The graph style (GraSS): `:style <this url>`; a fixed colour, size and caption per label."""
    return _cors(request, PlainTextResponse(grass(load_style())))


@router.get("/favorites.zip")
def get_favorites(request: Request) -> Response:
    """The guide's queries for the Browser's favourites: drop the file onto the Browser window."""
    response = Response(
        favorites_zip(),
        media_type="application/zip",
        headers={"Content-Disposition": "attachment; filename=graphsvc-favorites.zip"},
    )
    return _cors(request, response)


# Only the three documents answer a preflight; any other path under /browser/ stays a plain 404.
for _document in ("/guide.html", "/style.grass", "/favorites.zip"):
    router.add_api_route(_document, preflight, methods=["OPTIONS"], include_in_schema=False)
