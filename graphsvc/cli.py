"""The `graphsvc` command line: local Neo4j, schema, loading, tokens, and serving the API."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from graphsvc import accounts, identity, schema
from graphsvc.config import ROOT, Settings
from graphsvc.cypher import query
from graphsvc.db import Runner, create_driver
from graphsvc.errors import DatabaseUnavailable, GraphsvcError, InvalidInput
from graphsvc.identity import Role
from graphsvc.inspections.cli import app as inspections_app
from graphsvc.local_neo4j import LocalNeo4j
from loaders.entities import KINDS as ENTITY_KINDS
from loaders.entities import load_entities, load_folder
from loaders.forms import load_matters_form, load_plans_form
from loaders.law_text import load_law_path
from loaders.reference import load_reference
from loaders.rows import LoadReport
from loaders.synthetic import SCALES, generate

SERVER_COMPONENTS = query("admin/server_components")

app = typer.Typer(help="graphsvc — 跨部门综合监管知识与职责图谱服务", no_args_is_help=True)
neo4j_app = typer.Typer(help="The project's own local Neo4j server.", no_args_is_help=True)
schema_app = typer.Typer(help="The graph schema (constraints, indexes, full-text).", no_args_is_help=True)
load_app = typer.Typer(help="Load data into the graph.", no_args_is_help=True)
token_app = typer.Typer(help="API bearer tokens.", no_args_is_help=True)
user_app = typer.Typer(help="Console users who sign in with a password.", no_args_is_help=True)
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(schema_app, name="schema")
app.add_typer(load_app, name="load")
app.add_typer(token_app, name="token")
app.add_typer(user_app, name="user")
app.add_typer(inspections_app, name="inspections")

out = Console()
err = Console(stderr=True)
# The driver logs every retry as a warning; our errors already say what went wrong, once.
logging.getLogger("neo4j").setLevel(logging.CRITICAL)


@contextmanager
def reported() -> Iterator[None]:
    """Our errors end the command with their message and exit code 1, not a traceback."""
    try:
        yield
    except GraphsvcError as e:
        err.print(f"[red]错误:[/red]{e.message}", highlight=False, soft_wrap=True)
        for detail in e.details[:20]:
            err.print("  " + ", ".join(f"{k}={v}" for k, v in detail.items()), highlight=False, soft_wrap=True)
        raise typer.Exit(1) from None


def settings() -> Settings:
    """The configuration from the environment; a bad value ends the command with one clear line."""
    try:
        return Settings()
    except ValidationError as e:
        problems = "; ".join(f"{'.'.join(str(p) for p in x['loc'])}: {x['msg']}" for x in e.errors())
        err.print(f"[red]配置有误:[/red]{problems}", highlight=False, soft_wrap=True)
        raise typer.Exit(2) from None


@contextmanager
def runner(settings: Settings) -> Iterator[Runner]:
    driver = create_driver(settings)
    try:
        yield Runner(driver, settings.neo4j.database)
    finally:
        driver.close()


def step(title: str, work: Callable[[], Any]) -> Any:
    with out.status(title):
        started = time.monotonic()
        result = work()
    out.print(f"[green]✓[/green] {title} ({time.monotonic() - started:.1f}s)")
    return result


# -- neo4j ------------------------------------------------------------------------------------


@neo4j_app.command("install")
def neo4j_install() -> None:
    """Fetch the Neo4j server and Browser jars from Maven Central (skipped when up to date)."""
    with reported():
        fetched = step("Resolving Neo4j jars with Maven", LocalNeo4j(settings()).install)
        out.print("fetched" if fetched else "already up to date")


@neo4j_app.command("start")
def neo4j_start() -> None:
    """Start the local Neo4j in the background; returns once Bolt answers. Idempotent."""
    with reported():
        config = settings()
        server = LocalNeo4j(config)
        out.print(step("Starting Neo4j", server.start))
        _print_status(config, server)


@neo4j_app.command("stop")
def neo4j_stop() -> None:
    """Stop the local Neo4j and wait for a clean shutdown."""
    with reported():
        out.print(step("Stopping Neo4j", LocalNeo4j(settings()).stop))


@neo4j_app.command("status")
def neo4j_status() -> None:
    """Whether the local Neo4j runs, its version and its addresses."""
    with reported():
        config = settings()
        if not _print_status(config, LocalNeo4j(config)):
            raise typer.Exit(3)  # like `neo4j status`: 3 = not running


def _print_status(settings: Settings, server: LocalNeo4j) -> bool:
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


# -- schema and data --------------------------------------------------------------------------


@schema_app.command("apply")
def schema_apply() -> None:
    """Create every constraint and index of the model (idempotent)."""
    with reported(), runner(settings()) as r:
        applied = step("Applying schema", lambda: schema.apply(r))
        out.print(", ".join(f"{name}: {n}" for name, n in applied.items()))


@schema_app.command("export")
def schema_export() -> None:
    """Rewrite cypher/schema/ from graphsvc/model.yaml."""
    for path in schema.export():
        out.print(f"wrote {path}")


@load_app.command("reference")
def load_reference_cmd(
    directory: Annotated[Path | None, typer.Option("--dir", help="Folder with the reference CSV files")] = None,
) -> None:
    """Load the reference catalogue from data/reference/ (idempotent)."""
    config = settings()
    with reported(), runner(config) as r:
        report = step(
            "Loading reference data",
            lambda: load_reference(r, directory or config.service.reference_dir, identity.cli_actor()),
        )
        out.print(", ".join(f"{label}: {n}" for label, n in report.written.items()))
        report.raise_if_failed()


@load_app.command("law")
def load_law_cmd(
    path: Annotated[Path, typer.Argument(help="A law text (.md in the format of shared/laws) or a folder of them")],
    mapping: Annotated[
        Path | None, typer.Option(help="CSV old_number,new_number linking this version's articles to the last one")
    ] = None,
) -> None:
    """Load full law texts: the legal basis, its version and its articles (条/款/项) with their text."""
    with reported(), runner(settings()) as r:
        report = step("Loading law texts", lambda: load_law_path(r, path, identity.cli_actor(), mapping))
        for line in report.lines():
            out.print(line, highlight=False, soft_wrap=True)
        report.raise_if_failed()


def _load_form(
    load: Callable[..., LoadReport],
    title: str,
    path: Path,
    region: str,
    dry_run: bool,
    partial: bool,
    report_file: Path | None,
    as_of: date | None,
) -> None:
    with reported(), runner(settings()) as r:
        report = step(
            title, lambda: load(r, path, region, identity.cli_actor(), dry_run=dry_run, partial=partial, as_of=as_of)
        )
        _finish_load(report, dry_run, report_file)


def _finish_load(report: LoadReport, dry_run: bool, report_file: Path | None, seconds: float | None = None) -> None:
    """What every load prints: what was written (and how fast), where the rejected rows went; then its verdict."""
    summary = ", ".join(f"{name}: {n}" for name, n in report.written.items()) or "未写入任何数据"
    out.print(("试运行:" if dry_run else "") + summary, highlight=False, markup=False)
    written = sum(report.written.values())
    if written and seconds:
        out.print(f"{written} rows in {seconds:.1f} s ({written / seconds:,.0f} rows/s)")
    if report_file:
        report.write_csv(report_file)
        out.print(f"rejected rows: {report_file}")
    report.raise_if_failed()


FormFile = Annotated[Path, typer.Argument(help=".xlsx or .csv, in the layout of the form")]
FormRegion = Annotated[str, typer.Option(help="GB/T 2260 code of the region the form is for, e.g. 610113")]
DryRun = Annotated[bool, typer.Option("--dry-run", help="Validate only; write nothing")]
Partial = Annotated[bool, typer.Option("--partial", help="Load the good rows even if some are rejected")]
ReportFile = Annotated[Path | None, typer.Option("--report", help="Write rejected rows to this CSV")]
AsOf = Annotated[datetime | None, typer.Option("--as-of", formats=["%Y-%m-%d"], help="Date the form speaks for")]


@load_app.command("matters")
def load_matters_cmd(
    path: FormFile,
    region: FormRegion,
    dry_run: DryRun = False,
    partial: Partial = False,
    report: ReportFile = None,
    as_of: AsOf = None,
) -> None:
    """Load a 附件1 跨部门综合监管事项清单填报表; without --partial, all rows or none."""
    _load_form(
        load_matters_form,
        "Loading 附件1 事项清单",
        path,
        region,
        dry_run,
        partial,
        report,
        as_of.date() if as_of else None,
    )


@load_app.command("plans")
def load_plans_cmd(
    path: FormFile,
    region: FormRegion,
    dry_run: DryRun = False,
    partial: Partial = False,
    report: ReportFile = None,
    as_of: AsOf = None,
) -> None:
    """Load a 附件2 跨部门综合监管工作计划填报表; without --partial, all rows or none."""
    _load_form(
        load_plans_form,
        "Loading 附件2 工作计划",
        path,
        region,
        dry_run,
        partial,
        report,
        as_of.date() if as_of else None,
    )


def _load_entity_files(
    title: str, total: int, load: Callable[[Callable[[int], None]], LoadReport], dry_run: bool, report_file: Path | None
) -> None:
    """Runs a load under a progress bar and prints the rate at the end."""
    started = time.monotonic()
    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=out
    ) as progress:
        task = progress.add_task(title, total=total or None)
        report = load(lambda rows: progress.advance(task, rows))
    _finish_load(report, dry_run, report_file, time.monotonic() - started)


def _data_rows(*paths: Path) -> int:
    return sum(max(sum(1 for _ in p.open(encoding="utf-8-sig")) - 1, 0) for p in paths if p.exists())


EntityFile = Annotated[Path, typer.Argument(help="CSV file (columns: see the docstring of loaders/entities.py)")]


def _entity_command(kind: str) -> None:
    def command(
        path: EntityFile,
        dry_run: DryRun = False,
        partial: Partial = False,
        report: ReportFile = None,
    ) -> None:
        with reported(), runner(settings()) as r:
            _load_entity_files(
                f"Loading {kind}",
                _data_rows(path),
                lambda advance: load_entities(
                    r, kind, path, identity.cli_actor(), partial=partial, dry_run=dry_run, progress=advance
                ),
                dry_run,
                report,
            )

    command.__doc__ = f"Load {kind} from CSV; without --partial, all rows or none."
    load_app.command(kind)(command)


for _kind in ENTITY_KINDS:
    _entity_command(_kind)


@load_app.command("demo")
def load_demo_cmd(
    directory: Annotated[Path, typer.Argument(help="A folder written by `graphsvc generate`")],
    dry_run: DryRun = False,
    partial: Partial = False,
    report: ReportFile = None,
) -> None:
    """Load every entity file of a folder in dependency order; without --partial, all or nothing."""
    with reported(), runner(settings()) as r:
        total = _data_rows(*(directory / f"{kind}.csv" for kind in ENTITY_KINDS))
        _load_entity_files(
            f"Loading {directory}",
            total,
            lambda advance: load_folder(
                r,
                directory,
                identity.cli_actor(),
                partial=partial,
                dry_run=dry_run,
                progress=lambda _label, rows: advance(rows),
            ),
            dry_run,
            report,
        )


@app.command("generate")
def generate_cmd(
    out_dir: Annotated[Path, typer.Option("--out", help="Folder to write the CSV files into")],
    scale: Annotated[str, typer.Option(help="demo (≈5k subjects), county (≈50k) or province (≈1M)")] = "demo",
    seed: Annotated[int, typer.Option(help="Same seed, same files")] = 1,
) -> None:
    """Write synthetic subjects, licences, inspectors, tasks, clues and referral chains for the reference regions."""
    with reported():
        if scale not in SCALES:
            raise InvalidInput(
                f"未知的规模 {scale},应为 {'/'.join(SCALES)} 之一", [{"field": "scale", "reason": "unknown"}]
            )
        counts = step(
            f"Generating {scale} (seed {seed})",
            lambda: generate(scale, seed, out_dir, settings().service.reference_dir),
        )
        out.print(", ".join(f"{name}: {n}" for name, n in counts.items()))


# -- tokens -----------------------------------------------------------------------------------


@token_app.command("create")
def token_create(
    name: Annotated[str, typer.Option(help="User name, e.g. 闵行区市场监管局-张三")],
    role: Annotated[Role, typer.Option(help="office (编办/司法局), department, analyst or admin")],
    department: Annotated[str | None, typer.Option(help="Department id, required for role department")] = None,
) -> None:
    """Create a token for a user; the token is printed once, as the last line."""
    with reported(), runner(settings()) as r:
        new = identity.create_token(r, name, role, department, identity.cli_actor())
        out.print(f"user={new.user_id} token_id={new.token_id} department={new.department_id or '-'}")
        print(new.token)


@token_app.command("revoke")
def token_revoke(token_id: Annotated[str, typer.Argument(help="Token id (tok_...), see `token list`")]) -> None:
    """Revoke a token; it stays on record with who revoked it and when."""
    with reported(), runner(settings()) as r:
        row = identity.revoke_token(r, token_id, identity.cli_actor())
        out.print(f"revoked {row['token_id']} of {row['user_id']} at {row['revoked_at']}")


@token_app.command("list")
def token_list() -> None:
    """Every token and its user (never the token itself)."""
    with reported(), runner(settings()) as r:
        table = Table("user", "role", "department", "created", "revoked")
        table.add_column("token_id", no_wrap=True)
        for t in identity.list_tokens(r):
            table.add_row(
                t["user_id"],
                t["role"],
                t["department_id"] or "-",
                str(t["created_at"])[:19],
                str(t["revoked_at"] or "")[:19],
                t["token_id"],
            )
        out.print(table)


@user_app.command("create")
def user_create(
    username: Annotated[str, typer.Argument(help="User name to sign in with, e.g. yanta-wang")],
    role: Annotated[Role, typer.Option(help="office (编办/司法局), department, analyst or admin")],
    department: Annotated[str | None, typer.Option(help="Department id, required for role department")] = None,
    name: Annotated[str | None, typer.Option(help="Name shown in the console, e.g. 雁塔区委编办-王")] = None,
) -> None:
    """Create a console user or set a new password: asked at a prompt, or one line on stdin (never an argument)."""
    import sys

    if sys.stdin.isatty():
        password = typer.prompt("密码", hide_input=True, confirmation_prompt=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    with reported(), runner(settings()) as r:
        account = accounts.set_password(r, username, password, role, department, identity.cli_actor(), name)
        out.print(f"user={account.id} username={account.username} role={account.role.value}", highlight=False)


# -- serving ----------------------------------------------------------------------------------


@app.command("serve")
def serve() -> None:
    """Serve the API with uvicorn (GRAPHSVC_HOST, GRAPHSVC_PORT)."""
    import uvicorn

    from graphsvc.api.app import create_app

    config = settings()
    out.print(f"API: http://{config.service.host}:{config.service.port}/docs")
    out.print(f"控制台: http://{config.service.host}:{config.service.port}/", highlight=False)
    uvicorn.run(
        create_app(config), host=config.service.host, port=config.service.port, log_level=config.service.log_level
    )


@app.command("up")
def up() -> None:
    """The whole job: start the local Neo4j (unless external), apply the schema, load data, serve."""
    config = settings()
    with reported():
        if config.service.manage_neo4j:
            server = LocalNeo4j(config)
            step("Neo4j jars", server.install)
            step("Starting Neo4j", server.start)
            _print_status(config, server)
        with runner(config) as r:
            step(f"Waiting for Neo4j at {config.neo4j.uri}", lambda: _wait_until_ready(r, 120))
            step("Applying schema", lambda: schema.apply(r))
            actor = identity.cli_actor()
            step(
                "Loading reference data",
                lambda: load_reference(r, config.service.reference_dir, actor).raise_if_failed(),
            )
            if config.service.laws_dir.is_dir():
                step(
                    f"Loading law texts from {config.service.laws_dir}",
                    lambda: load_law_path(r, config.service.laws_dir, actor).raise_if_failed(),
                )
            if config.service.demo:
                _load_demo(r, config, actor)
            if not accounts.console_users(r):
                out.print("控制台还没有用户:先运行 .venv/bin/graphsvc user create <用户名> --role office 设置密码。")
    serve()


def _load_demo(r: Runner, config: Settings, actor: str) -> None:
    """The sample forms (when their cited laws are loaded) and a generated demo county, idempotently."""
    samples = ROOT / "data" / "samples"
    if config.service.laws_dir.is_dir():
        matters, plans = samples / "附件1_监管事项清单_雁塔区.xlsx", samples / "附件2_工作计划_雁塔区.xlsx"
        step(f"Loading {matters.name}", lambda: load_matters_form(r, matters, "610113", actor).raise_if_failed())
        step(f"Loading {plans.name}", lambda: load_plans_form(r, plans, "610113", actor).raise_if_failed())
    out = config.service.demo_dir / str(config.service.demo_seed)
    if not (out / "referrals.csv").exists():
        step(
            "Generating the demo county",
            lambda: generate("demo", config.service.demo_seed, out, config.service.reference_dir),
        )
    step("Loading the demo county", lambda: load_folder(r, out, actor).raise_if_failed())


def _wait_until_ready(r: Runner, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            r.ping(SERVER_COMPONENTS)
            return
        except DatabaseUnavailable:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)
