"""What every command shares: the consoles, the settings, a Runner, and errors reported as one Chinese line."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import typer
from pydantic import ValidationError
from rich.console import Console

from graphsvc.config import Settings
from graphsvc.db import connected
from graphsvc.errors import GraphsvcError

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


runner = connected  # the CLI's loads and sweeps may read for long: the API's read timeout is not theirs


def step(title: str, work: Callable[[], Any]) -> Any:
    with out.status(title):
        started = time.monotonic()
        result = work()
    out.print(f"[green]✓[/green] {title} ({time.monotonic() - started:.1f}s)")
    return result
