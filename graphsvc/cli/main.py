"""The `graphsvc` command line, assembled: the composition root that nothing in the package imports.

Each command group lives in a module of its own; the top-level commands are registered here in the order
`graphsvc --help` has always listed them.
"""

from __future__ import annotations

import typer

from graphsvc.cli import inspections, load, neo4j_server, responsibility, schema, serve, users, vocab

app = typer.Typer(help="graphsvc — 跨部门综合监管知识与职责图谱服务", no_args_is_help=True)
app.command("generate")(load.generate_cmd)
app.command("resolve")(responsibility.resolve_cmd)
app.command("audit")(responsibility.audit_cmd)
app.command("serve")(serve.serve)
app.command("up")(serve.up)
app.add_typer(neo4j_server.app, name="neo4j")
app.add_typer(schema.app, name="schema")
app.add_typer(load.app, name="load")
app.add_typer(users.token_app, name="token")
app.add_typer(vocab.app, name="vocab")
app.add_typer(users.user_app, name="user")
app.add_typer(inspections.app, name="inspections")
