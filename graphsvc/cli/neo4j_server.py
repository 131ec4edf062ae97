"""`graphsvc neo4j …`: the project's own local Neo4j server."""

from __future__ import annotations

import typer

from graphsvc.cli.common import out, reported, runner, settings, step
from graphsvc.config import Settings
from graphsvc.cypher import query
from graphsvc.errors import DatabaseUnavailable
from graphsvc.local_neo4j import LocalNeo4j

SERVER_COMPONENTS = query("admin/server_components")

app = typer.Typer(help="The project's own local Neo4j server.", no_args_is_help=True)


@app.command("install")
def neo4j_install() -> None:
    """Fetch the Neo4j server and Browser jars from Maven Central (skipped when up to date)."""
    with reported():
        fetched = step("Resolving Neo4j jars with Maven", LocalNeo4j(settings()).install)
        out.print("fetched" if fetched else "already up to date")


@app.command("start")
def neo4j_start() -> None:
    """Start the local Neo4j in the background; returns once Bolt answers. Idempotent."""
    with reported():
        config = settings()
        server = LocalNeo4j(config)
        out.print(step("Starting Neo4j", server.start))
        print_status(config, server)


@app.command("stop")
def neo4j_stop() -> None:
    """Stop the local Neo4j and wait for a clean shutdown."""
    with reported():
        out.print(step("Stopping Neo4j", LocalNeo4j(settings()).stop))


@app.command("status")
def neo4j_status() -> None:
    """Whether the local Neo4j runs, its version and its addresses."""
    with reported():
        config = settings()
        if not print_status(config, LocalNeo4j(config)):
            raise typer.Exit(3)  # like `neo4j status`: 3 = not running


def print_status(settings: Settings, server: LocalNeo4j) -> bool:
    status = server.status()
    if not status.running:
        out.print(f"Neo4j 未在运行 (home {server.home})")
        return False
    version = "?"
    try:
        with runner(settings) as r:
            row = r.ping(SERVER_COMPONENTS)[0]
            version = f"{row['name']} {row['version']} {row['edition']}"
    except DatabaseUnavailable as e:
        version = f"(不可查询:{e.message})"
    out.print(f"Neo4j 运行中 pid={status.pid} version={version}")
    out.print(f"  Bolt:    {status.bolt}")
    out.print(f"  Browser: {status.http}")
    return True
