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

from graphsvc import accounts, amendments, identity, schema
from graphsvc.clues import summary
from graphsvc.config import ROOT, Settings
from graphsvc.cypher import query
from graphsvc.db import Runner, create_driver
from graphsvc.errors import Conflict, DatabaseUnavailable, GraphsvcError, InvalidInput
from graphsvc.identity import Role
from graphsvc.inspections.cli import app as inspections_app
from graphsvc.local_neo4j import LocalNeo4j
from graphsvc.names import Names
from loaders.entities import KINDS as ENTITY_KINDS
from loaders.entities import load_entities, load_folder
from loaders.forms import load_matters_form, load_plans_form
from loaders.law_text import load_law_path
from loaders.powers import load_powers
from loaders.reference import load_reference
from loaders.rows import LoadReport
from loaders.synonyms import load_synonyms
from loaders.synthetic import SCALES, generate
from loaders.synthetic.powers import generate_powers

SERVER_COMPONENTS = query("admin/server_components")
FIND_MATTERS = query("names/find_matters")

app = typer.Typer(help="graphsvc — 跨部门综合监管知识与职责图谱服务", no_args_is_help=True)
neo4j_app = typer.Typer(help="The project's own local Neo4j server.", no_args_is_help=True)
schema_app = typer.Typer(help="The graph schema (constraints, indexes, full-text).", no_args_is_help=True)
load_app = typer.Typer(help="Load data into the graph.", no_args_is_help=True)
token_app = typer.Typer(help="API bearer tokens.", no_args_is_help=True)
vocab_app = typer.Typer(help="开放词表(检查方式、事项类别、监管领域、层级、部门简称)及其映射。", no_args_is_help=True)
user_app = typer.Typer(
    help="Users: console sign-in passwords, explicit role and department changes (recorded in the audit log).",
    no_args_is_help=True,
)
app.add_typer(neo4j_app, name="neo4j")
app.add_typer(schema_app, name="schema")
app.add_typer(load_app, name="load")
app.add_typer(token_app, name="token")
app.add_typer(vocab_app, name="vocab")
app.add_typer(user_app, name="user")
app.add_typer(inspections_app, name="inspections")

out = Console()
err = Console(stderr=True)
# The driver logs every retry as a warning; our errors already say what went wrong, once.
logging.getLogger("neo4j").setLevel(logging.CRITICAL)


@contextmanager
def reported(exit_code: int = 1) -> Iterator[None]:
    """Our errors end the command with their message and an exit code (1: nothing done), not a traceback."""
    try:
        yield
    except GraphsvcError as e:
        err.print(f"[red]错误:[/red]{e.message}", highlight=False, soft_wrap=True)
        for detail in e.details[:20]:
            err.print("  " + ", ".join(f"{k}={v}" for k, v in detail.items()), highlight=False, soft_wrap=True)
        raise typer.Exit(exit_code) from None


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
        # Loads and sweeps from the command line may read for long: the API's read timeout is not theirs.
        yield Runner(driver, settings.neo4j.database, read_timeout=3600.0)
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


@load_app.command("synonyms")
def load_synonyms_cmd(
    path: Annotated[Path, typer.Argument(help="CSV term,statutory_term,domain,note (data/reference/synonyms.csv)")],
) -> None:
    """Load thesaurus entries (colloquial word → statutory term) for the behaviour search (idempotent)."""
    with reported(), runner(settings()) as r:
        report = step("Loading synonyms", lambda: load_synonyms(r, path, identity.cli_actor()))
        out.print(", ".join(f"{label}: {n}" for label, n in report.written.items()) or "nothing written")
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
        for amendment in {id(a): a for f in report.files for a in f.amendments}.values():
            out.print(amendments.table(amendment))
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
        started = time.monotonic()
        with out.status(title):
            code = Names(r).region_param(region, "--region") or region
            report = load(r, path, code, identity.cli_actor(), dry_run=dry_run, partial=partial, as_of=as_of)
        _finish_load(report, dry_run, report_file, time.monotonic() - started, partial=partial)


def _finish_load(
    report: LoadReport, dry_run: bool, report_file: Path | None, seconds: float | None = None, partial: bool = False
) -> None:
    """What every load prints: what loads (or would), how fast, where the report went; then its verdict, with a ✓
    only when nothing was rejected."""
    if report.items or report.planned:
        out.print(report.summary(dry_run), highlight=False, markup=False)
    else:
        summary = ", ".join(f"{name}: {n}" for name, n in report.written.items()) or "未写入任何数据"
        out.print(("试运行:" if dry_run else "") + summary, highlight=False, markup=False)
    written = sum(report.written.values())
    if written and seconds:
        out.print(f"用时 {seconds:.1f} 秒,{written / seconds:,.0f} 行/秒", highlight=False)
    for warning in report.warnings[:5]:
        out.print(f"  提示 第{warning.row}行「{warning.column}」:{warning.reason}", highlight=False, markup=False)
    if len(report.warnings) > 5:
        out.print(f"  …… 共 {len(report.warnings)} 条提示,详见报告(--report)", highlight=False)
    if report_file:
        report.write(report_file)
        out.print(f"报告(文件, 行, 列, 值, 原因, 结果):{report_file}", highlight=False)
    if not report.errors:
        out.print("[green]✓[/green] " + ("试运行通过,未写入" if dry_run else "载入完成"))
    elif partial and written:  # the good rows are in; the exit code still says not everything was
        out.print(f"[yellow]![/yellow] 部分载入:{len({e.row for e in report.errors})} 行有误未载入")
    else:
        err.print(
            "[red]✗[/red] "
            + ("试运行发现错误" if dry_run else "未载入:有错误时不写入任何数据(可用 --partial 载入无误的行)")
        )
    if report.errors and written and not dry_run:
        # Exit codes (README): 0 everything loaded, 1 nothing loaded, 2 partly loaded (--partial kept the good rows).
        with reported(exit_code=2):
            report.raise_if_failed()
    report.raise_if_failed()


FormFile = Annotated[Path, typer.Argument(help="表格文件(.xlsx 或 .csv)")]
FormRegion = Annotated[str, typer.Option(help="表格所属行政区划:代码或名称,如 610113 或 雁塔区")]
DryRun = Annotated[bool, typer.Option("--dry-run", help="试运行:只检查,说明将载入多少事项和行,不写入")]
Partial = Annotated[bool, typer.Option("--partial", help="有错误时仍载入无误的行")]
ReportFile = Annotated[Path | None, typer.Option("--report", help="把有误的行和提示写入报告(.csv 或 .xlsx,中文表头)")]
AsOf = Annotated[datetime | None, typer.Option("--as-of", formats=["%Y-%m-%d"], help="表格所述日期 YYYY-MM-DD")]


@load_app.command("matters")
def load_matters_cmd(
    path: FormFile,
    region: FormRegion,
    dry_run: DryRun = False,
    partial: Partial = False,
    report: ReportFile = None,
    as_of: AsOf = None,
) -> None:
    """载入附件1 跨部门综合监管事项清单填报表;不加 --partial 时,全部载入或全不载入。"""
    _load_form(
        load_matters_form,
        "正在载入附件1 事项清单",
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
    """载入附件2 跨部门综合监管工作计划填报表;不加 --partial 时,全部载入或全不载入。"""
    _load_form(
        load_plans_form,
        "正在载入附件2 工作计划",
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
    """Lines after the header, for the progress bar only: counted in bytes, so any encoding (and a binary file,
    which the loader then refuses with a message) is fine."""
    total = 0
    for p in paths:
        if p.exists():
            with p.open("rb") as f:
                total += max(sum(1 for _ in f) - 1, 0)
    return total


EntityFile = Annotated[Path, typer.Argument(help="CSV file (columns: see the docstring of loaders/entities.py)")]


def _entity_command(kind: str) -> None:
    def command(
        path: EntityFile,
        dry_run: DryRun = False,
        partial: Partial = False,
        report: ReportFile = None,
        replace: Annotated[
            bool,
            typer.Option(
                "--replace",
                help="referrals: the file replaces the hops an earlier load wrote for its clues (unlisted ones go)",
            ),
        ] = False,
    ) -> None:
        with reported(), runner(settings()) as r:
            _load_entity_files(
                f"Loading {kind}",
                _data_rows(path),
                lambda advance: load_entities(
                    r,
                    kind,
                    path,
                    identity.cli_actor(),
                    partial=partial,
                    dry_run=dry_run,
                    progress=advance,
                    replace_hops=replace,
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
    reference_date: Annotated[
        datetime | None,
        typer.Option("--date", formats=["%Y-%m-%d"], help="参照日期(默认今天):任务分布于其前一年至后一年"),
    ] = None,
) -> None:
    """Write synthetic subjects, licences, inspectors, tasks, clues and referral chains for the reference regions."""
    with reported():
        if scale not in SCALES:
            raise InvalidInput(
                f"未知的规模 {scale},应为 {'/'.join(SCALES)} 之一", [{"field": "scale", "reason": "unknown"}]
            )
        counts = step(
            f"Generating {scale} (seed {seed})",
            lambda: generate(
                scale, seed, out_dir, settings().service.reference_dir, (reference_date or datetime.now()).date()
            ),
        )
        out.print(", ".join(f"{name}: {n}" for name, n in counts.items()))


@load_app.command("powers")
def load_powers_cmd(
    path: Annotated[Path, typer.Argument(help="权责清单或互联网+监管 监管事项目录清单(.xlsx 或 .csv)")],
    region: FormRegion,
    department: Annotated[
        str | None, typer.Option(help="实施主体为空的行(一个部门的清单)所属部门:编号或名称,如 区市场监管局")
    ] = None,
    dry_run: DryRun = False,
    partial: Partial = False,
    report: ReportFile = None,
    as_of: AsOf = None,
) -> None:
    """载入权责清单(权力清单+责任清单)或监管事项目录清单:事项、实施主体、设定依据;事项编码作为标识保留。"""
    with reported(), runner(settings()) as r:
        started = time.monotonic()
        with Progress(
            TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=out
        ) as progress:
            task = progress.add_task(f"正在载入 {path.name}", total=None)
            result = load_powers(
                r,
                path,
                region,
                identity.cli_actor(),
                department=department,
                dry_run=dry_run,
                partial=partial,
                as_of=as_of.date() if as_of else None,
                progress=lambda rows: progress.advance(task, rows),
            )
            progress.update(task, total=result.planned.get("Matter", 0), completed=result.written.get("Matter", 0))
        _finish_load(result, dry_run, report, time.monotonic() - started, partial=partial)


RULES_CN = {
    "ruling": "编办裁定",
    "licence": "谁审批、谁监管",
    "assignment": "明确分工",
    "locality_level": "属地与层级(履行法定职能的部门)",
    "legal_text": "法律条文所称部门",
}


@app.command("resolve")
def resolve_cmd(
    text: Annotated[str, typer.Argument(help="事项编号、事项编码、事项名称、统一社会信用代码、企业名称或行为描述")],
    region: Annotated[str | None, typer.Option(help="行政区划代码或名称,如 610113 或 雁塔区;企业默认其所在地")] = None,
    as_of: Annotated[datetime | None, typer.Option("--as-of", formats=["%Y-%m-%d"], help="查询日期,默认今天")] = None,
) -> None:
    """谁来管:某事项、行为或企业在某地某日由哪个部门牵头、哪些部门配合,依据哪一条法律。"""
    from graphsvc.responsibility.resolve import ResolveRequest, resolve

    with reported(), runner(settings()) as r:
        names = Names(r, as_of.date() if as_of else None)
        code = names.region_param(region, "--region")
        written = text.strip()
        request: dict[str, Any] = {"region": code, "as_of": as_of.date() if as_of else None}
        if r.read(FIND_MATTERS, text=written):  # a matter's id, 事项编码 or exact name
            request["matter_id"] = names.matter(written, code)
        elif written.isascii() and len(written) == 18:
            request["uscc"] = written
        else:
            try:
                request["uscc"] = names.subject(written)  # a subject's exact name
            except InvalidInput:
                request["text"] = written  # a behaviour, matched by full text
        answer = resolve(r, ResolveRequest(**request))
        _print_resolution(answer, names)


def _print_resolution(answer: dict[str, Any], names: Names) -> None:
    where = names.full_name(answer["region"]) or answer["region"]
    out.print(f"[bold]{where}[/bold]({answer['region']}),截至 {answer['as_of']}", highlight=False)
    if answer.get("subject"):
        out.print(f"监管对象:{answer['subject']['name']}({answer['subject']['id']})", highlight=False)
    if not answer["results"]:
        out.print("未找到对应的监管事项")
    for result in answer["results"]:
        m = result["matter"]
        score = f",匹配度 {m['coverage']:.0%}" if m.get("coverage") is not None else ""
        out.print(f"\n[bold]{m['name']}[/bold]({m['id']},{m.get('level') or '-'}级{score})", highlight=False)
        table = Table()
        for column in ("角色", "部门", "判定规则", "依据"):
            table.add_column(column, overflow="fold")
        for role, duties in (("牵头", result["lead"]), ("配合", result["cooperating"])):
            for duty in duties:
                table.add_row(role, duty["department"]["name"], RULES_CN.get(duty["rule"], duty["rule"]), _basis(duty))
        if table.row_count:
            out.print(table)
        for flag in result["flags"]:
            out.print(f"[yellow]{flag['code']}[/yellow] {flag['message']}", highlight=False)
        if result.get("suggestion"):
            lead = "、".join(d["department"]["name"] for d in result["suggestion"]["lead"])
            out.print(f"建议:{result['suggestion']['note']} 牵头:{lead or '-'}", highlight=False)


def _basis(duty: dict[str, Any]) -> str:
    evidence = duty.get("evidence") or {}
    if evidence.get("ruling"):
        ruling = evidence["ruling"]
        return f"裁定 {ruling.get('id', '')} {ruling.get('effective_from', '')}".strip()
    labels = []
    for b in evidence.get("bases") or []:
        title = b.get("basis_title") or b.get("title") or b.get("basis_id") or ""
        label = b.get("label") or b.get("article_label") or ""
        version = b.get("version") or ""
        labels.append(f"《{title}》{label}" + (f"({version})" if version else ""))
    return "\n".join(dict.fromkeys(labels)) or "-"


@app.command("audit")
def audit_cmd(
    region: Annotated[str, typer.Option(help="行政区划代码或名称")],
    out_file: Annotated[Path, typer.Option("--out", help="输出的 Excel 文件(.xlsx)")],
    as_of: Annotated[datetime | None, typer.Option("--as-of", formats=["%Y-%m-%d"], help="审计日期,默认今天")] = None,
) -> None:
    """编办工作清单:监管空白、多头牵头、依据失效、无人履行的职能、无执法人员的部门,写入 Excel。"""
    from graphsvc.responsibility import audit
    from graphsvc.responsibility.audit_sheet import write_audit

    with reported(), runner(settings()) as r:
        names = Names(r)
        code = str(names.region_param(region, "--region"))
        with out.status("正在审计"):
            result = audit.audit(r, code, as_of.date() if as_of else None)
        write_audit(result, names.full_name(code), out_file)
        out.print(
            f"{names.full_name(code)}:检查事项 {result['matters_checked']} 项,问题 {len(result['issues'])} 项,"
            f"无人履行的职能 {len(result['functions_without_performer'])} 项,"
            f"无执法人员的部门 {len(result['departments_without_inspectors'])} 个",
            highlight=False,
        )
        out.print(f"[green]✓[/green] 已写入 {out_file}", highlight=False)


@vocab_app.command("list")
def vocab_list(
    name: Annotated[
        str,
        typer.Argument(
            help="词表:check_method/检查方式、category/事项类别、domain/监管领域、level/层级、department/部门简称"
        ),
    ],
) -> None:
    """列出词表的全部映射:随项目提供的(data/vocab/)和编办添加的。"""
    from graphsvc import vocab

    with reported(), runner(settings()) as r:
        found = vocab.load(r)[vocab.parse_name(name)]
        table = Table("写法", "含义", "说明", "来源")
        for entry in found.entries.values():
            table.add_row(entry.written, entry.canonical, entry.note or "", entry.source)
        out.print(table)


@vocab_app.command("add")
def vocab_add(
    name: Annotated[str, typer.Argument(help="词表名,如 检查方式 或 check_method")],
    written: Annotated[str, typer.Argument(help="人们写的词,如 日常巡查")],
    canonical: Annotated[
        str, typer.Argument(help="它的意思:词表中的值(现场检查)、监管领域编号(food)或部门简称键(scjgj)")
    ],
    note: Annotated[str | None, typer.Option(help="说明")] = None,
) -> None:
    """添加或修改一条映射(记录添加人和时间);此后的载入按映射理解该词。"""
    from graphsvc import vocab

    with reported(), runner(settings()) as r:
        entry = vocab.add(
            r,
            vocab.parse_name(name),
            vocab.EntryCreate(written=written, canonical=canonical, note=note),
            identity.cli_actor(),
        )
        out.print(
            f"[green]✓[/green] {entry.written} → {entry.canonical}(由 {entry.source} 于 {entry.updated_at} 添加)",
            highlight=False,
        )


# -- tokens -----------------------------------------------------------------------------------


@token_app.command("create")
def token_create(
    name: Annotated[str | None, typer.Option(help="New user's display name, e.g. 闵行区市场监管局-张三")] = None,
    role: Annotated[
        Role | None, typer.Option(help="New user's role: office (编办/司法局), department, analyst, admin")
    ] = None,
    department: Annotated[
        str | None, typer.Option(help="New user's department id, required for role department")
    ] = None,
    user: Annotated[
        str | None, typer.Option(help="An existing user's id (u_…, see `token list`): a new token for them")
    ] = None,
    new_user: Annotated[bool, typer.Option(help="Create a new user even though another has the same name")] = False,
) -> None:
    """A token for a new user (--name --role [--department]) or for an existing one (--user ID); printed once, as
    the last line. A token never changes a role: use `graphsvc user set-role` for that."""
    with reported(), runner(settings()) as r:
        actor = identity.cli_actor()
        if user:
            if name or role or department:
                raise InvalidInput(
                    "--user 为已有用户签发令牌,不能同时给 --name/--role/--department(角色变更请用 user set-role)。"
                )
            new = identity.issue_token(r, user, actor)
        else:
            if not name or role is None:
                raise InvalidInput("新用户需要 --name 和 --role;已有用户请用 --user <编号>。")
            existing = identity.users_named(r, name)
            if existing and not new_user:
                listed = "、".join(f"{u.id}({u.role.value})" for u in existing)
                raise Conflict(
                    f"已有名为「{name}」的用户:{listed}。为其签发令牌请用 --user <编号>;确需同名新用户请加 --new-user。"
                )
            new = identity.issue_token(r, identity.create_user(r, name, role, department, actor).id, actor)
        out.print(f"user={new.user_id} token_id={new.token_id} department={new.department_id or '-'}")
        print(new.token)


@user_app.command("set-role")
def user_set_role(
    user: Annotated[str, typer.Argument(help="The user's id (u_…, see `token list`)")],
    role: Annotated[Role, typer.Argument(help="office, department, analyst or admin")],
    department: Annotated[str | None, typer.Option(help="Department id, required for role department")] = None,
) -> None:
    """Change a user's role (and department); every token of the user follows. Recorded with before → after."""
    with reported(), runner(settings()) as r:
        row = identity.set_role(r, user, role, department, identity.cli_actor())
        out.print(
            f"user={row['id']} role: {row['before']['role']} → {row['role']}; "
            f"department: {row['before']['department_id'] or '-'} → {row['department_id'] or '-'}"
        )


@user_app.command("set-department")
def user_set_department(
    user: Annotated[str, typer.Argument(help="The department user's id (u_…)")],
    department: Annotated[str, typer.Argument(help="The department they act for from now on")],
) -> None:
    """Move a department user to another department. Recorded with before → after."""
    with reported(), runner(settings()) as r:
        if identity.get_user(r, user).role is not Role.department:
            raise InvalidInput("只有部门用户属于某个部门;先用 user set-role 改为 department 角色。")
        row = identity.set_role(r, user, Role.department, department, identity.cli_actor())
        out.print(f"user={row['id']} department: {row['before']['department_id'] or '-'} → {row['department_id']}")


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
            # A store written before the sweep kept summaries (or by another tool) gets them once.
            step("Summarising clue chains for the anomaly sweep", lambda: summary.refresh_stale(r))
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
        this_year = _dated_plans(samples / "附件2_工作计划_雁塔区.csv", date.today().year, config.service.demo_dir)
        step(f"Loading {this_year.name}", lambda: load_plans_form(r, this_year, "610113", actor).raise_if_failed())
    today = date.today()  # the demo lives today: its tasks run from last year to next year
    folder = config.service.demo_dir / f"{config.service.demo_seed}-{today.isoformat()}"
    if not (folder / "referrals.csv").exists():
        step(
            "Generating the demo county",
            lambda: generate("demo", config.service.demo_seed, folder, config.service.reference_dir, today),
        )
    step("Loading the demo county", lambda: load_folder(r, folder, actor).raise_if_failed())
    lists = config.service.demo_dir / "powers"
    if not (lists / "权责清单_610113.xlsx").exists():
        step(
            "Generating a 权责清单",
            lambda: generate_powers(config.service.reference_dir, "610113", "西安市雁塔区", "县", lists),
        )
    # a generated list carries the mistakes real ones have: the good rows load, the report says the rest
    report = step(
        "Loading 权责清单_610113.xlsx",
        lambda: load_powers(r, lists / "权责清单_610113.xlsx", "610113", actor, partial=True),
    )
    out.print(report.summary(dry_run=False), highlight=False, markup=False)


def _dated_plans(sample: Path, year: int, folder: Path) -> Path:
    """The sample 附件2 with its plan year (2024) moved to this year, so the demo's plans are this year's."""
    folder.mkdir(parents=True, exist_ok=True)
    dated = folder / f"附件2_工作计划_雁塔区_{year}.csv"
    dated.write_text(sample.read_text(encoding="gb18030").replace("2024", str(year)), encoding="utf-8-sig")
    return dated


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
