"""`graphsvc serve` and `graphsvc up` (the whole run job: Neo4j, schema, reference and demo data, the API)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import uvicorn

from graphsvc import accounts, identity, schema
from graphsvc.api.app import create_app
from graphsvc.cli.common import out, reported, runner, settings, step
from graphsvc.cli.neo4j_server import print_status
from graphsvc.clues import summary
from graphsvc.config import Settings, resource
from graphsvc.db import Runner
from graphsvc.health import wait_until_ready
from graphsvc.local_neo4j import LocalNeo4j
from loaders.entities import load_folder
from loaders.forms import load_matters_form, load_plans_form
from loaders.law_text import load_law_path
from loaders.powers import load_powers
from loaders.reference import load_reference
from loaders.synthetic import generate
from loaders.synthetic.powers import generate_powers


def serve() -> None:
    """Serve the API with uvicorn (GRAPHSVC_HOST, GRAPHSVC_PORT)."""
    config = settings()
    out.print(f"API: http://{config.service.host}:{config.service.port}/docs")
    out.print(f"控制台: http://{config.service.host}:{config.service.port}/", highlight=False)
    uvicorn.run(
        create_app(config), host=config.service.host, port=config.service.port, log_level=config.service.log_level
    )


def up() -> None:
    """The whole job: start the local Neo4j (unless external), apply the schema, load data, serve."""
    config = settings()
    with reported():
        if config.service.manage_neo4j:
            server = LocalNeo4j(config)
            step("Neo4j jars", server.install)
            step("Starting Neo4j", server.start)
            print_status(config, server)
        with runner(config) as r:
            step(f"Waiting for Neo4j at {config.neo4j.uri}", lambda: wait_until_ready(r, 120))
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
    samples = resource("data/samples")
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
