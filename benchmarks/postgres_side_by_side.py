"""The graph beside a relational peer: the same generated county in Neo4j and in PostgreSQL 15, the same questions,
the same random inputs, interleaved, the answers checked to agree.

    .venv/bin/python benchmarks/postgres_side_by_side.py [--inputs 300] [--seed 7] [--reuse] [--bolt 27997 --http 27984]
        [--pg-bin /usr/local/bin]

Neo4j: a server of the benchmark's own under .neo4j/bench-side/ (its ports from --bolt/--http), the reference
catalogue and a generated county (loaders.synthetic, kept in .neo4j/bench-side/files/) loaded through the project's
loaders, plus clues whose chains have exactly 1, 6, 10 and 20 hops (--per-length of each). `--reuse` keeps a
store loaded by an earlier run. PostgreSQL: initdb into a temporary directory, started with pg_ctl on a free
local port (unix socket in the same directory), loaded from the same files and reference CSVs with COPY,
indexed like a competent schema would be, and removed at the end.

Questions, each answered by one statement on both sides:
- clue chain: the clue, its hops (PostgreSQL: a recursive CTE from the first hop) and the places they name with
  their region lineage; graph: cypher/clue/get_clue_chain.cypher. Agreement: the same header, hops and places.
- precheck facts: the department, the matters and, per subject, the tasks reaching into the horizon;
  graph: cypher/inspection/get_precheck_facts.cypher. Agreement: the same facts.
- the chain by its length (1/6/10/20 hops): is the cost flat in the length?
Beside the statements (`driver`), the service call (`service`: the statement plus the pure decision in Python,
graphsvc.clues.referrals.chain_of and graphsvc.inspections.precheck.precheck without its resolve cache) and
resolve by matter (graph only: graphsvc.responsibility.resolve; the relational peer would need the legal
catalogue's renumbering and succession rules re-expressed in SQL, which this script does not attempt).
Prints p50/p95 in ms and the ratios graph/relational, the machine's load average with them, and the plans
(PROFILE of the graph statements, EXPLAIN ANALYZE of the SQL) of one input each.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import county  # benchmarks/county.py, beside this script
import psycopg

from graphsvc import schema
from graphsvc.clues.referrals import chain_of
from graphsvc.clues.times import BEIJING
from graphsvc.config import ROOT, Settings
from graphsvc.cypher import query
from graphsvc.db import Runner, create_driver
from graphsvc.identity import Role, User
from graphsvc.inspections.frequency import load_table
from graphsvc.inspections.precheck import PrecheckRequest, Window, precheck
from graphsvc.local_neo4j import LocalNeo4j
from graphsvc.responsibility import rules
from graphsvc.responsibility.resolve import ResolveRequest, resolve
from loaders.entities import load_entities, load_folder
from loaders.reference import load_reference
from loaders.synthetic import AS_OF, generate
from loaders.table import LIST_SEPARATORS, TRUE

HOME = ROOT / ".neo4j" / "bench-side"
FILES = HOME / "files"
LONG = HOME / "long"
ACTOR = "bench:side-by-side"
REFERENCE = ROOT / "data" / "reference"
CHAIN = query("clue/get_clue_chain")
PRECHECK = query("inspection/get_precheck_facts")
MATTER_FACTS = query("responsibility/get_matter_facts")
CLUE_IDS = query("entities/list_clue_ids")
DATA_DIRECTORY = query("admin/data_directory")
DELETE_EVERYTHING = query("admin/delete_everything")
LENGTHS = (1, 6, 10, 20)
MOMENT = datetime(AS_OF.year, AS_OF.month, AS_OF.day, tzinfo=BEIJING)
ADMIN = User(id="u_bench", name="bench", role=Role.admin, token_id="tok_bench")

SCHEMA_SQL = """
CREATE TABLE region (id text PRIMARY KEY, name text NOT NULL, level text, parent_id text REFERENCES region);
CREATE TABLE department (id text PRIMARY KEY, name text NOT NULL, level text, region_id text REFERENCES region);
CREATE TABLE domain (id text PRIMARY KEY, name text NOT NULL);
CREATE TABLE matter (id text PRIMARY KEY, name text NOT NULL, level text, offsite_ok boolean, check_method text,
                     domain_id text REFERENCES domain);
CREATE TABLE subject (id text PRIMARY KEY, name text NOT NULL, region_id text REFERENCES region, credit_grade text,
                      risk_class text);
CREATE TABLE task (id text PRIMARY KEY, department_id text REFERENCES department, subject_id text REFERENCES subject,
                   window_start date, window_end date, kind text, status text, done_on date);
CREATE TABLE task_matter (task_id text REFERENCES task, matter_id text REFERENCES matter,
                          PRIMARY KEY (task_id, matter_id));
CREATE TABLE clue (id text PRIMARY KEY, title text, status text, region_id text REFERENCES region,
                   received_at timestamptz, receiver_id text REFERENCES department, subject_id text REFERENCES subject);
CREATE TABLE referral (id text PRIMARY KEY, clue_id text REFERENCES clue, previous_id text REFERENCES referral,
                       from_department_id text REFERENCES department, to_department_id text REFERENCES department,
                       kind text, sent_at timestamptz, acknowledged_at timestamptz, outcome text);
"""
INDEX_SQL = """
CREATE INDEX ON task (subject_id, status);
CREATE INDEX ON referral (clue_id) WHERE previous_id IS NULL;
CREATE INDEX ON referral (previous_id);
CREATE INDEX ON region (parent_id);
ANALYZE;
"""
# One statement: the clue, its hops from the first one down the chain, and every place with its lineage.
CHAIN_SQL = """
WITH RECURSIVE c AS (SELECT * FROM clue WHERE id = %(id)s),
hops AS (
  SELECT r.* FROM referral r WHERE r.clue_id = %(id)s AND r.previous_id IS NULL
  UNION ALL
  SELECT r.* FROM referral r JOIN hops h ON r.previous_id = h.id
),
places AS (
  SELECT d.id, d.name, d.region_id FROM department d
  WHERE d.id IN (SELECT to_department_id FROM hops UNION SELECT from_department_id FROM hops
                 UNION SELECT receiver_id FROM c)
  UNION SELECT g.id, g.name, g.id FROM region g JOIN c ON g.id = c.region_id
),
up AS (
  SELECT p.id AS place_id, g.id, g.name, g.parent_id, 0 AS depth FROM places p JOIN region g ON g.id = p.region_id
  UNION ALL
  SELECT up.place_id, g.id, g.name, g.parent_id, up.depth + 1 FROM up JOIN region g ON g.id = up.parent_id
)
SELECT json_build_object(
  'clue', (SELECT json_build_object('id', id, 'status', status, 'region_id', region_id, 'receiver_id', receiver_id,
                                    'received_at', received_at) FROM c),
  'hops', (SELECT coalesce(json_agg(json_build_object('id', id, 'kind', kind, 'from_id', from_department_id,
                   'to_id', to_department_id, 'parent_id', previous_id, 'sent_at', sent_at,
                   'acknowledged_at', acknowledged_at, 'outcome', outcome) ORDER BY sent_at, id), '[]') FROM hops),
  'places', (SELECT json_agg(json_build_object('id', p.id, 'name', p.name, 'region_id', p.region_id,
                   'lineage', (SELECT json_agg(u.id ORDER BY u.depth) FROM up u WHERE u.place_id = p.id),
                   'province_id', (SELECT u.id FROM up u WHERE u.place_id = p.id AND u.parent_id IS NULL)))
             FROM places p)
)
"""
# One statement: the department, the matters in request order, the subjects with the tasks reaching the horizon.
PRECHECK_SQL = """
SELECT json_build_object(
  'department', (SELECT json_build_object('id', id, 'name', name) FROM department WHERE id = %(department_id)s),
  'matters', (SELECT json_agg(json_build_object('position', q.i - 1, 'id', m.id, 'name', m.name, 'level', m.level,
                     'offsite_ok', m.offsite_ok, 'check_method', m.check_method, 'domain_id', m.domain_id) ORDER BY q.i)
              FROM unnest(%(matter_ids)s::text[]) WITH ORDINALITY AS q(id, i) LEFT JOIN matter m ON m.id = q.id),
  'subjects', (SELECT json_agg(json_build_object('id', s.id, 'region_id', s.region_id,
                      'credit_grade', s.credit_grade, 'risk_class', s.risk_class,
                      'tasks', (SELECT coalesce(json_agg(json_build_object('id', t.id, 'status', t.status,
                                  'kind', t.kind, 'window_start', t.window_start, 'window_end', t.window_end,
                                  'done_on', t.done_on, 'department_id', t.department_id,
                                  'matter_ids', (SELECT json_agg(tm.matter_id ORDER BY tm.matter_id)
                                                 FROM task_matter tm WHERE tm.task_id = t.id))), '[]')
                                FROM task t WHERE t.subject_id = s.id AND t.status IN ('计划', '已完成')
                                  AND coalesce(t.done_on, t.window_end) >= %(horizon_start)s
                                  AND coalesce(t.done_on, t.window_start) <= %(horizon_end)s)) ORDER BY q.i)
               FROM unnest(%(subject_ids)s::text[]) WITH ORDINALITY AS q(id, i) LEFT JOIN subject s ON s.id = q.id)
)
"""


# -- the two stores ---------------------------------------------------------------------------------------------


def graph_store(args: argparse.Namespace) -> tuple[Settings, Runner]:
    settings = county.bench_settings(HOME, args.bolt, args.http)
    settings.service.neo4j_start_timeout = 900.0  # a shared, loaded machine starts a server slowly
    LocalNeo4j(settings).start()
    runner = Runner(create_driver(settings), settings.neo4j.database, read_timeout=120.0)
    if args.reuse and FILES.is_dir() and runner.read(CLUE_IDS)[0]["ids"]:
        return settings, runner
    data = Path(runner.read(DATA_DIRECTORY)[0]["data_directory"]).resolve()
    if not data.is_relative_to(HOME.resolve()):
        raise SystemExit(f"refusing to wipe {data}")
    shutil.rmtree(FILES, ignore_errors=True)
    generate("county", args.seed, FILES, REFERENCE)
    long_chains(FILES, LONG, args.per_length, args.seed)
    runner.write(DELETE_EVERYTHING)
    schema.apply(runner)
    load_reference(runner, REFERENCE, ACTOR).raise_if_failed()
    started = time.perf_counter()
    load_folder(runner, FILES, ACTOR).raise_if_failed()
    print(f"graph: county loaded in {time.perf_counter() - started:.0f} s", flush=True)
    load_entities(runner, "clues", LONG / "clues.csv", ACTOR).raise_if_failed()
    load_entities(runner, "referrals", LONG / "referrals.csv", ACTOR).raise_if_failed()
    return settings, runner


def long_chains(files: Path, out: Path, per_length: int, seed: int) -> None:
    """Clues passed back and forth between two departments of the county, with exactly 1, 6, 10 and 20 hops."""
    rng = random.Random(seed)
    clue = next(rows(files / "clues.csv"))
    departments = [d for d in rows(REFERENCE / "departments.csv") if d["region_id"] == clue["region_id"]]
    a, b = departments[0]["id"], departments[1]["id"]
    out.mkdir(parents=True, exist_ok=True)
    with (
        (out / "clues.csv").open("w", newline="", encoding="utf-8") as cf,
        (out / "referrals.csv").open("w", newline="", encoding="utf-8") as rf,
    ):
        clues = csv.writer(cf)
        clues.writerow(["id", "title", "channel", "received_at", "status", "region_id", "receiver_id"])
        hops = csv.writer(rf)
        hops.writerow(["id", "clue_id", "previous_id", "from_department_id", "to_department_id", "kind", "sent_at"])
        for length in LENGTHS:
            for n in range(per_length):
                clue_id = f"long-{length}-{n}"
                received = datetime(AS_OF.year - 1, 3, 1, 9, tzinfo=BEIJING) + timedelta(hours=rng.randrange(2000))
                clues.writerow(
                    [
                        clue_id,
                        f"往返移送 {length} 次",
                        clue["channel"],
                        received.isoformat(),
                        "办理中",
                        clue["region_id"],
                        a,
                    ]
                )
                previous, holder = "", a
                for k in range(length):
                    target = b if holder == a else a
                    sent = received + timedelta(hours=k + 1)
                    hops.writerow([f"{clue_id}-h{k}", clue_id, previous, holder, target, "移送", sent.isoformat()])
                    previous, holder = f"{clue_id}-h{k}", target


def rows(path: Path) -> Iterator[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        yield from csv.DictReader(f)


@contextmanager
def postgres(pg_bin: Path) -> Iterator[str]:
    """A PostgreSQL server of the benchmark's own: initdb in a temporary directory, a free port, removed after.
    PostgreSQL refuses to run as root: as root, the server runs as the `postgres` user (runuser)."""
    with tempfile.TemporaryDirectory(prefix="graphsvc-pg-") as tmp:
        data, port = Path(tmp) / "data", free_port()
        as_user: list[str] = []
        if os.geteuid() == 0:
            shutil.chown(tmp, "postgres")
            os.chmod(tmp, 0o755)
            as_user = ["runuser", "-u", "postgres", "--"]
        initdb = [str(pg_bin / "initdb"), "-D", str(data), "-U", "bench", "--auth=trust", "-E", "UTF8", "--no-locale"]
        subprocess.run([*as_user, *initdb], check=True, capture_output=True)
        options = f"-p {port} -k {tmp} -c listen_addresses='' -c shared_buffers=256MB -c fsync=off"
        start = [str(pg_bin / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(Path(tmp) / "log"), "-w", "start"]
        subprocess.run([*as_user, *start], check=True, capture_output=True)
        try:
            yield f"host={tmp} port={port} user=bench dbname=postgres"
        finally:
            stop = [str(pg_bin / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop"]
            subprocess.run([*as_user, *stop], capture_output=True)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def load_postgres(conn: psycopg.Connection) -> float:
    """The reference regions, departments, domains and matters and the generated files, with COPY; seconds."""
    started = time.perf_counter()
    with conn.cursor() as cur:
        cur.execute("SET TimeZone = 'Asia/Shanghai'")  # a time without offset is Beijing time, as in the loaders
        cur.execute(SCHEMA_SQL)
        regions = sorted(rows(REFERENCE / "regions.csv"), key=lambda r: len(r["id"]) - 2 * (not r["parent_id"]))
        copy(cur, "region", ["id", "name", "level", "parent_id"], [depth_first(regions)])
        bodies = [*rows(REFERENCE / "departments.csv"), *rows(REFERENCE / "bodies.csv")]
        copy(cur, "department", ["id", "name", "level", "region_id"], [bodies])
        copy(cur, "domain", ["id", "name"], [rows(REFERENCE / "domains.csv")])
        matters = (
            {**m, "offsite_ok": m["offsite_ok"].strip().lower() in TRUE} for m in rows(REFERENCE / "matters.csv")
        )
        copy(cur, "matter", ["id", "name", "level", "offsite_ok", "check_method", "domain_id"], [matters])
        copy(cur, "subject", ["id", "name", "region_id", "credit_grade", "risk_class"], [rows(FILES / "subjects.csv")])
        tasks = list(rows(FILES / "tasks.csv"))
        copy(
            cur,
            "task",
            ["id", "department_id", "subject_id", "window_start", "window_end", "kind", "status", "done_on"],
            [tasks],
        )
        links = ({"task_id": t["id"], "matter_id": m} for t in tasks for m in split(t["matter_ids"]))
        copy(cur, "task_matter", ["task_id", "matter_id"], [links])
        clue_columns = ["id", "title", "status", "region_id", "received_at", "receiver_id", "subject_id"]
        copy(cur, "clue", clue_columns, [rows(FILES / "clues.csv"), rows(LONG / "clues.csv")])
        hop_columns = [
            "id",
            "clue_id",
            "previous_id",
            "from_department_id",
            "to_department_id",
            "kind",
            "sent_at",
            "acknowledged_at",
            "outcome",
        ]
        copy(cur, "referral", hop_columns, [rows(FILES / "referrals.csv"), rows(LONG / "referrals.csv")])
        cur.execute(INDEX_SQL)
    conn.commit()
    return time.perf_counter() - started


def depth_first(regions: list[dict[str, str]]) -> list[dict[str, str]]:
    """Parents before children, for the foreign key."""
    by_id, done, ordered = {r["id"]: r for r in regions}, set(), []

    def add(r: dict[str, str]) -> None:
        if r["id"] in done:
            return
        if r["parent_id"] and r["parent_id"] in by_id:
            add(by_id[r["parent_id"]])
        done.add(r["id"])
        ordered.append(r)

    for r in regions:
        add(r)
    return ordered


def split(value: str) -> list[str]:
    return [v.strip() for v in LIST_SEPARATORS.split(value or "") if v.strip()]


def copy(cur: psycopg.Cursor, table: str, columns: list[str], sources: list[Any]) -> None:
    with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as out:
        for source in sources:
            for row in source:
                out.write_row([(row.get(c) if row.get(c) not in ("", None) else None) for c in columns])


# -- the questions ----------------------------------------------------------------------------------------------


def graph_chain(runner: Runner, clue_id: str) -> dict[str, Any]:
    [row] = runner.read(CHAIN, id=clue_id)
    return row


def chain_facts(row: dict[str, Any]) -> tuple[Any, ...]:
    """What both sides must agree on: the clue, its hops and the lineage of every place."""
    clue = row["clue"]
    header = (
        clue["id"],
        clue["status"],
        at(clue["received_at"]),
        clue.get("region_id") or clue["region"]["id"],
        clue.get("receiver_id", "") if "receiver_id" in clue else (clue["received_by"] or {}).get("id"),
    )
    hops = tuple(
        (
            h["id"],
            h["kind"],
            h["from_id"],
            h["to_id"],
            h["parent_id"],
            at(h["sent_at"]),
            at(h["acknowledged_at"]),
            h["outcome"],
        )
        for h in row["hops"]
    )
    places = tuple(sorted((p["id"], p["region_id"], tuple(p["lineage"]), p["province_id"]) for p in row["places"]))
    return header, hops, places


def at(value: Any) -> datetime | None:
    """One instant, whichever side wrote it (a Python datetime or PostgreSQL's JSON text)."""
    if value is None or isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value)


def sql_one(conn: psycopg.Connection, sql: str, **params: Any) -> dict[str, Any]:
    with conn.cursor() as cur:
        cur.execute(sql, params)
        row = cur.fetchone()
    assert row is not None
    return row[0] if isinstance(row[0], dict) else json.loads(row[0])


def precheck_inputs(rng: random.Random, count: int) -> list[dict[str, Any]]:
    """A department about to inspect a subject for the matters of a task on it, in a window of two weeks."""
    tasks = [t for t in rows(FILES / "tasks.csv")]
    chosen = rng.sample(tasks, count)
    inputs = []
    for t in chosen:
        start = date.fromisoformat(t["window_start"]) + timedelta(days=rng.randrange(-30, 30))
        window = Window(start=start, end=start + timedelta(days=14))
        inputs.append(
            {
                "department": t["department_id"],
                "subjects": [t["subject_id"]],
                "matters": split(t["matter_ids"]),
                "window": window,
            }
        )
    return inputs


def precheck_params(request: dict[str, Any], reach: int) -> dict[str, Any]:
    window: Window = request["window"]
    return {
        "department_id": request["department"],
        "matter_ids": request["matters"],
        "subject_ids": request["subjects"],
        "horizon_start": window.start - timedelta(days=reach),
        "horizon_end": window.end + timedelta(days=reach),
    }


def precheck_facts(row: dict[str, Any]) -> tuple[Any, ...]:
    department = (row["department"] or {}).get("id")
    matters = tuple(
        (m["position"], m["id"], m["name"], m["level"], bool(m["offsite_ok"]), m["check_method"], m["domain_id"])
        for m in row["matters"]
    )
    subjects = tuple(
        (
            s["id"],
            s["region_id"],
            s["credit_grade"],
            s["risk_class"],
            tuple(
                sorted(
                    (
                        t["id"],
                        t["status"],
                        t["kind"],
                        day(t["window_start"]),
                        day(t["window_end"]),
                        day(t["done_on"]),
                        t["department_id"],
                        tuple(t["matter_ids"] or ()),
                    )
                    for t in s["tasks"]
                )
            ),
        )
        for s in row["subjects"]
    )
    return department, matters, subjects


def day(value: Any) -> date | None:
    return value if value is None or isinstance(value, date) else date.fromisoformat(value)


# -- timing -----------------------------------------------------------------------------------------------------


def timed(samples: dict[str, list[float]], key: str, work: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = work()
    samples.setdefault(key, []).append((time.perf_counter() - started) * 1000)
    return result


def p(samples: list[float], q: int) -> float:
    return statistics.quantiles(samples, n=100)[q - 1] if len(samples) > 1 else samples[0]


def report(samples: dict[str, list[float]], rows_: list[tuple[str, str, str | None]]) -> None:
    print(f"\n{'question':<24} {'side':<22} {'p50 ms':>8} {'p95 ms':>8}   graph/relational p50, p95")
    for question, graph_key, sql_key in rows_:
        for key in (graph_key, graph_key.replace("driver", "service")):
            if key not in samples:
                continue
            g = samples[key]
            ratio = ""
            if sql_key and key == graph_key and sql_key in samples:
                s = samples[sql_key]
                ratio = f"   {p(g, 50) / p(s, 50):5.2f}×, {p(g, 95) / p(s, 95):5.2f}×"
            print(f"{question:<24} {key:<22} {p(g, 50):8.2f} {p(g, 95):8.2f}{ratio}")
        if sql_key and sql_key in samples:
            s = samples[sql_key]
            print(f"{question:<24} {sql_key:<22} {p(s, 50):8.2f} {p(s, 95):8.2f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--inputs", type=int, default=300)
    parser.add_argument("--per-length", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--bolt", type=int, default=27997)
    parser.add_argument("--http", type=int, default=27984)
    parser.add_argument("--pg-bin", type=Path, default=Path("/usr/local/bin"))
    args = parser.parse_args()
    settings, runner = graph_store(args)
    rng = random.Random(args.seed)
    table = load_table()
    reach = table.longest_interval_days
    clue_ids = rng.sample(sorted(i for i in runner.read(CLUE_IDS)[0]["ids"] if not i.startswith("long-")), args.inputs)
    prechecks = precheck_inputs(rng, args.inputs)
    levels = {m["id"]: m["level"] for m in rows(REFERENCE / "matters.csv")}
    counties = sorted({s["region_id"] for s in rows(FILES / "subjects.csv")})
    resolves = [(rng.choice(sorted(levels)), rng.choice(counties)) for _ in range(args.inputs)]

    with postgres(args.pg_bin) as dsn, psycopg.connect(dsn) as conn:
        print(f"postgres: loaded in {load_postgres(conn):.1f} s", flush=True)
        conn.autocommit = True
        conn.execute("SET TimeZone = 'Asia/Shanghai'")
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start", flush=True)
        samples: dict[str, list[float]] = {}
        disagree = {"chain": 0, "precheck": 0}
        answers: dict[str, Any] = {}
        for i in range(args.inputs):
            # Interleaved, and the order rotated, so that neither side always runs on a warmer cache.
            clue_id, request = clue_ids[i], prechecks[i]
            params = precheck_params(request, reach)
            answers.clear()

            def chain_graph(c: str = clue_id) -> None:
                answers["cg"] = timed(samples, "chain driver", lambda: graph_chain(runner, c))
                timed(samples, "chain service", lambda: chain_of(runner, c, MOMENT))

            def chain_sql(c: str = clue_id) -> None:
                answers["cs"] = timed(samples, "chain postgres", lambda: sql_one(conn, CHAIN_SQL, id=c))

            def precheck_graph(r: dict[str, Any] = request, q: dict[str, Any] = params) -> None:
                window = r["window"]
                answers["pg"] = timed(
                    samples,
                    "precheck driver",
                    lambda: runner.read(PRECHECK, **q, window_start=window.start, window_end=window.end)[0],
                )
                body = PrecheckRequest(
                    department=r["department"], subjects=r["subjects"], matters=r["matters"], window=window, as_of=AS_OF
                )
                timed(samples, "precheck service", lambda: precheck(runner, body, ADMIN, table, None))

            def precheck_sql(q: dict[str, Any] = params) -> None:
                answers["ps"] = timed(samples, "precheck postgres", lambda: sql_one(conn, PRECHECK_SQL, **q))

            def resolve_graph(m: str = resolves[i][0], region: str = resolves[i][1]) -> None:
                timed(
                    samples,
                    "resolve driver",
                    lambda: runner.read(
                        MATTER_FACTS,
                        matter_ids=[m],
                        region_id=region,
                        as_of=AS_OF,
                        open_pattern=rules.OPEN_TEXT_PATTERN,
                        levels=[levels[m]],
                    ),
                )
                timed(
                    samples,
                    "resolve service",
                    lambda: resolve(runner, ResolveRequest(matter_id=m, region=region, as_of=AS_OF)),
                )

            steps = [chain_graph, chain_sql, precheck_graph, precheck_sql, resolve_graph]
            shift = i % len(steps)
            for step in steps[shift:] + steps[:shift]:
                step()
            disagree["chain"] += chain_facts(answers["cg"]) != chain_facts(answers["cs"])
            disagree["precheck"] += precheck_facts(answers["pg"]) != precheck_facts(answers["ps"])
        print(f"load average {os.getloadavg()[0]:.1f} at the end")
        for question, count in disagree.items():
            print(f"{question}: {args.inputs - count}/{args.inputs} answers agree")
        report(
            samples,
            [
                ("clue chain", "chain driver", "chain postgres"),
                ("precheck facts", "precheck driver", "precheck postgres"),
                ("resolve by matter", "resolve driver", None),
            ],
        )
        by_length(runner, conn, args.per_length)
        plans(runner, conn, clue_ids[0], prechecks[0], reach)
    runner.driver.close()


def by_length(runner: Runner, conn: psycopg.Connection, per_length: int) -> None:
    samples: dict[str, list[float]] = {}
    agree = 0
    for n in range(per_length):
        for length in LENGTHS:
            clue_id = f"long-{length}-{n}"
            g = timed(samples, f"{length} graph", lambda c=clue_id: graph_chain(runner, c))
            s = timed(samples, f"{length} postgres", lambda c=clue_id: sql_one(conn, CHAIN_SQL, id=c))
            timed(samples, f"{length} service", lambda c=clue_id: chain_of(runner, c, MOMENT))
            agree += chain_facts(g) == chain_facts(s) and len(g["hops"]) == length
    print(f"\nthe chain by its length ({per_length} clues each; {agree}/{per_length * len(LENGTHS)} agree), p50 ms:")
    print(f"{'hops':>5} {'driver':>8} {'service':>8} {'postgres':>9}")
    for length in LENGTHS:
        print(
            f"{length:>5} {p(samples[f'{length} graph'], 50):8.2f} {p(samples[f'{length} service'], 50):8.2f}"
            f" {p(samples[f'{length} postgres'], 50):9.2f}"
        )
    first, last = (p(samples[f"{n} graph"], 50) for n in (LENGTHS[0], LENGTHS[-1]))
    sql_first, sql_last = (p(samples[f"{n} postgres"], 50) for n in (LENGTHS[0], LENGTHS[-1]))
    print(f"20 hops / 1 hop: graph {last / first:.2f}× (target ≤ 1.3×), postgres {sql_last / sql_first:.2f}×")


def plans(runner: Runner, conn: psycopg.Connection, clue_id: str, request: dict[str, Any], reach: int) -> None:
    """The plans of one input each, for the record (PROFILE on the graph, EXPLAIN ANALYZE in PostgreSQL)."""
    with runner.driver.session(database=runner.database) as session:
        summary = session.run("PROFILE " + CHAIN.text, id=clue_id).consume()  # type: ignore[arg-type]
        print(
            f"\ngraph chain plan: {summary.profile['args'].get('runtime')} runtime, "
            f"{total_hits(summary.profile)} db hits"
        )
    with conn.cursor() as cur:
        cur.execute("EXPLAIN (ANALYZE, SUMMARY) " + CHAIN_SQL, {"id": clue_id})
        print("postgres chain plan:", " | ".join(r[0].strip() for r in cur.fetchall()[-2:]))


def total_hits(profile: dict[str, Any]) -> int:
    return int(profile.get("dbHits", 0)) + sum(total_hits(c) for c in profile.get("children", []))


if __name__ == "__main__":
    main()
