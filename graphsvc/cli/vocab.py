"""`graphsvc vocab …`: the open vocabularies and their mappings."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.table import Table

from graphsvc import identity, vocab
from graphsvc.cli.common import out, reported, runner, settings

app = typer.Typer(help="开放词表(检查方式、事项类别、监管领域、层级、部门简称)及其映射。", no_args_is_help=True)


@app.command("list")
def vocab_list(
    name: Annotated[
        str,
        typer.Argument(
            help="词表:check_method/检查方式、category/事项类别、domain/监管领域、level/层级、department/部门简称"
        ),
    ],
) -> None:
    """列出词表的全部映射:随项目提供的(data/vocab/)和编办添加的。"""
    with reported(), runner(settings()) as r:
        found = vocab.load(r)[vocab.parse_name(name)]
        table = Table("写法", "含义", "说明", "来源")
        for entry in found.entries.values():
            table.add_row(entry.written, entry.canonical, entry.note or "", entry.source)
        out.print(table)


@app.command("add")
def vocab_add(
    name: Annotated[str, typer.Argument(help="词表名,如 检查方式 或 check_method")],
    written: Annotated[str, typer.Argument(help="人们写的词,如 日常巡查")],
    canonical: Annotated[
        str, typer.Argument(help="它的意思:词表中的值(现场检查)、监管领域编号(food)或部门简称键(scjgj)")
    ],
    note: Annotated[str | None, typer.Option(help="说明")] = None,
) -> None:
    """添加或修改一条映射(记录添加人和时间);此后的载入按映射理解该词。"""
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
