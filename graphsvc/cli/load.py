"""`graphsvc load …` and `graphsvc generate`: reference data, law texts, the two forms, entity files, 权责清单."""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Annotated

import typer
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from graphsvc import amendments, identity
from graphsvc.cli.common import err, out, reported, runner, settings, step
from graphsvc.errors import InvalidInput
from graphsvc.names import Names
from loaders.bulk_import import initial_import
from loaders.devolution import load_devolution
from loaders.entities import KINDS as ENTITY_KINDS
from loaders.entities import load_entities, load_folder
from loaders.forms import load_matters_form, load_plans_form
from loaders.law_text import load_law_path
from loaders.powers import load_powers
from loaders.reference import load_reference
from loaders.rows import LoadReport
from loaders.synonyms import load_synonyms
from loaders.synthetic import SCALES, generate

app = typer.Typer(help="Load data into the graph.", no_args_is_help=True)


@app.command("reference")
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


@app.command("synonyms")
def load_synonyms_cmd(
    path: Annotated[Path, typer.Argument(help="CSV term,statutory_term,domain,note (data/reference/synonyms.csv)")],
) -> None:
    """Load thesaurus entries (colloquial word → statutory term) for the behaviour search (idempotent)."""
    with reported(), runner(settings()) as r:
        report = step("Loading synonyms", lambda: load_synonyms(r, path, identity.cli_actor()))
        out.print(", ".join(f"{label}: {n}" for label, n in report.written.items()) or "nothing written")
        report.raise_if_failed()


@app.command("law")
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


@app.command("matters")
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


@app.command("plans")
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
    app.command(kind)(command)


for _kind in ENTITY_KINDS:
    _entity_command(_kind)


@app.command("demo")
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


@app.command("initial")
def load_initial_cmd(
    directory: Annotated[Path, typer.Argument(help="A folder written by `graphsvc generate` (or entity files alike)")],
) -> None:
    """空库的初始导入:经 neo4j-admin database import full 整库导入实体文件(库中已有业务数据时拒绝)。

    For a graph without subjects, licences, inspectors, tasks, clues or hops: checks the files as `load demo` does
    (all or nothing), stops the local Neo4j, imports, starts it again and applies the schema. The reference
    catalogue already in the graph (or loaded first, when there is none) is carried over.
    """
    config = settings()
    with reported():
        started = time.monotonic()
        report = initial_import(
            config,
            directory,
            identity.cli_actor(),
            config.service.neo4j_home / "import" / "initial",
            progress=lambda what: out.print(f"  {what} …", highlight=False),
        )
        nodes, links = sum(report.nodes.values()), sum(report.relationships.values())
        out.print(
            f"[green]✓[/green] 初始导入完成:{report.rows} 行,{nodes} 个节点,{links} 条关系,"
            f"用时 {time.monotonic() - started:.1f}s(其中 neo4j-admin {report.seconds['import']:.1f}s)",
            highlight=False,
        )


@app.command("powers")
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


@app.command("devolution")
def load_devolution_cmd(
    path: Annotated[Path, typer.Argument(help="省级人民政府公布的赋权(下放行政处罚权)决定清单(.xlsx 或 .csv)")],
    dry_run: DryRun = False,
    partial: Partial = False,
    report: ReportFile = None,
    replace: Annotated[
        bool, typer.Option("--replace", help="文件是该决定的完整清单:删除此前载入而文件中已没有的事项(须无错误)")
    ] = False,
) -> None:
    """载入省、自治区、直辖市依行政处罚法第二十四条公布的决定:交由街道办事处、乡镇人民政府行使的县级部门行政处罚权。"""
    with reported(), runner(settings()) as r:
        started = time.monotonic()
        with out.status(f"正在载入 {path.name}"):
            result = load_devolution(r, path, identity.cli_actor(), dry_run=dry_run, partial=partial, replace=replace)
        _finish_load(result, dry_run, report, time.monotonic() - started, partial=partial)


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
