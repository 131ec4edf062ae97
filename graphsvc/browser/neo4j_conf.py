"""The Browser's half of the neo4j.conf the project writes (graphsvc/local_neo4j.py)."""

from __future__ import annotations

from graphsvc.config import Settings


def browser_api_url(settings: Settings) -> str:
    """Where the user's web browser reaches our API (a wildcard listen address is not an address to fetch from)."""
    host = settings.service.host
    return f"http://{'127.0.0.1' if host in ('0.0.0.0', '::', '') else host}:{settings.service.port}"


def browser_conf(api_url: str) -> list[str]:
    """The Browser's settings: our guide and style on connect, and no connection to anything but us.

    On Community the Browser treats `browser.allow_outgoing_connections` as always true (and the server rejects
    the setting as unknown), so the Content-Security-Policy of the Browser's own pages is what keeps it from
    loading third-party scripts and fonts, reporting crashes or fetching remote guides; telemetry is off as well.
    Its HTTP requests may go to the API and to local ports (the Browser asks the Bolt port over HTTP for discovery).
    """
    api_host = api_url.rsplit(":", 1)[0]  # the allow-list compares scheme and host, not the port
    csp = (
        "default-src 'self'; script-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
        "font-src 'self' data:; base-uri 'none'; object-src 'none'; frame-ancestors 'none'; "
        f"connect-src 'self' {api_url} http://127.0.0.1:* http://localhost:* ws: wss:"
    )
    return [
        f"browser.post_connect_cmd=style {api_url}/browser/style.grass;play {api_url}/browser/guide.html",
        f"browser.remote_content_hostname_whitelist={api_host}",
        "client.allow_telemetry=false",
        f"dbms.security.http_static_content_security_policy_header={csp}",
    ]
