"""`graphsvc inspections …`: merge plans from the command line (the operator acts as admin, recorded as cli:<user>)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from pydantic import ValidationError

from graphsvc.cli.common import out, reported, runner, settings
from graphsvc.errors import InvalidInput
from graphsvc.identity import Role, User, cli_actor
from graphsvc.inspections import merge_plans
from graphsvc.inspections.models import Acceptance, Window

app = typer.Typer(help="Inspections: plan-wide merging into joint inspections.", no_args_is_help=True)


def _operator() -> User:
    return User(id=cli_actor(), name=cli_actor(), role=Role.admin, token_id="cli")


@app.command("merge-plan")
def merge_plan(
    region: Annotated[str, typer.Option(help="行政区划代码, e.g. 310112")],
    start: Annotated[str, typer.Option(help="period start, YYYY-MM-DD")],
    end: Annotated[str, typer.Option(help="period end, YYYY-MM-DD")],
    department: Annotated[list[str] | None, typer.Option(help="only these departments' tasks (repeat)")] = None,
    max_departments: Annotated[int | None, typer.Option(help="at most this many departments a visit")] = None,
    blackout: Annotated[list[str] | None, typer.Option(help="a date with no visits, YYYY-MM-DD (repeat)")] = None,
    accept: Annotated[bool, typer.Option(help="accept the plan at once")] = False,
    output: Annotated[Path | None, typer.Option("--json", help="write the whole plan here")] = None,
) -> None:
    """Propose (and optionally accept) a merge plan for a region and period; prints the summary."""
    with reported(), runner(settings()) as r:
        try:
            request = merge_plans.MergePlanRequest(
                region=region,
                period=Window(start=date.fromisoformat(start), end=date.fromisoformat(end)),
                departments=department or [],
                max_departments_per_visit=max_departments,
                blackout_dates=[date.fromisoformat(d) for d in blackout or []],
            )
        except (ValidationError, ValueError) as e:
            raise InvalidInput(f"参数有误:{e}") from None
        user = _operator()
        plan = merge_plans.propose(r, request, user, preview=1_000_000 if output else 0)
        s = plan.summary
        out.print(f"merge plan {plan.id} ({'optimal' if plan.optimal else 'heuristic'}): {plan.method}")
        out.print(
            f"tasks {s.tasks} on {s.subjects} subjects; visits {s.visits_before} → {s.visits_after}, "
            f"saved {s.visits_saved}; {s.joint_inspections} joint inspections "
            f"({s.cross_department} across departments); unplaceable {s.unplaceable}"
        )
        for d, c in s.by_department.items():
            if c.visits_saved:
                out.print(f"  {d}: tasks {c.tasks}, merged {c.merged_tasks}, saved {c.visits_saved}")
        if output:
            # The file holds the plan as the API answers it.
            output.write_text(json.dumps(plan.model_dump(mode="json"), ensure_ascii=False, indent=1), encoding="utf-8")
            out.print(f"wrote {output}")
        if accept:
            _print_accepted(merge_plans.accept(r, plan.id, user))


@app.command("accept")
def accept_plan(plan_id: Annotated[str, typer.Argument(help="merge plan id (merge-…)")]) -> None:
    """Accept a merge plan: its joint inspections become 已确认; accepting twice changes nothing."""
    with reported(), runner(settings()) as r:
        _print_accepted(merge_plans.accept(r, plan_id, _operator()))


def _print_accepted(result: Acceptance) -> None:
    note = " (already accepted: nothing changed)" if result.already_accepted else ""
    out.print(
        f"accepted {result.id}{note}: {result.confirmed} confirmed, "
        f"{result.cancelled_as_stale} cancelled as stale; by status {result.joint_inspections_by_status}"
    )
