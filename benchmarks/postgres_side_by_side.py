"""The graph beside a relational peer: the same generated county in Neo4j and in PostgreSQL 15, the same questions,
the same random inputs, interleaved, the answers checked to agree.

    .venv/bin/python benchmarks/postgres_side_by_side.py [--inputs 300] [--warmup 300] [--seed 7]
        [--scale demo|county] [--reuse] [--bolt 27997 --http 27984] [--pg-bin /usr/local/bin]

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
- the floor: a no-op statement on each side (`RETURN 1`, `SELECT 1`) beside the 1-hop chain, with the CPU the
  client spends per call.
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
import neo4j
import psycopg

from graphsvc import schema
from graphsvc.catalogue import cache as catalogue
from graphsvc.clues.referrals import chain_of
from graphsvc.clues.times import BEIJING
from graphsvc.config import ROOT, Settings
from graphsvc.cypher import query
from graphsvc.db import Runner, create_driver, to_python
from graphsvc.identity import Role, User
from graphsvc.inspections.frequency import load_table
from graphsvc.inspections.precheck import PrecheckRequest, Window, precheck
from graphsvc.local_neo4j import LocalNeo4j
from graphsvc.responsibility import rules
from graphsvc.responsibility.answer import MatterHeader, MatterResult
from graphsvc.responsibility.resolve import FACTS, LIVE, ResolveRequest, resolve, resolve_matters
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
MATTER_FACTS = FACTS
EXPORT_CATALOGUE = query("catalogue/export_catalogue")
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
CATALOGUE_SQL = """
CREATE TABLE basis (id text PRIMARY KEY, title text);
CREATE TABLE basis_version (id text PRIMARY KEY, basis_id text REFERENCES basis, version text, effective_from date,
                            effective_to date);
CREATE TABLE article (id text PRIMARY KEY, version_id text REFERENCES basis_version, label text, gist text, text text,
                      number int, clause int, item int, parent_id text);
CREATE TABLE renumbering (from_id text REFERENCES article, to_id text REFERENCES article);
CREATE TABLE function (id text PRIMARY KEY, name text);
CREATE TABLE article_function (article_id text REFERENCES article, function_id text REFERENCES function,
                               wording text, duty_kind text, level text, method text);
CREATE TABLE authority (article_id text REFERENCES article, source_id text REFERENCES article);
CREATE TABLE succession (from_id text REFERENCES function, to_id text REFERENCES function, valid_from date, note text);
CREATE TABLE performs (department_id text REFERENCES department, function_id text REFERENCES function,
                       valid_from date, valid_to date, source text);
CREATE TABLE matter_article (matter_id text REFERENCES matter, article_id text REFERENCES article);
CREATE TABLE matter_scope (matter_id text REFERENCES matter, region_id text REFERENCES region, source text);
CREATE TABLE assignment (id text, matter_id text REFERENCES matter, holder_id text, holder_name text, holder_kind text,
                         role text, source text, valid_from date, valid_to date);
CREATE TABLE assignment_scope (assignment_id text, region_id text REFERENCES region);
ALTER TABLE department ADD COLUMN valid_from date, ADD COLUMN valid_to date;
"""
CATALOGUE_INDEX_SQL = """
CREATE INDEX ON article (parent_id);
CREATE INDEX ON renumbering (from_id);
CREATE INDEX ON renumbering (to_id);
CREATE INDEX ON article_function (article_id);
CREATE INDEX ON authority (article_id);
CREATE INDEX ON succession (from_id);
CREATE INDEX ON performs (department_id);
CREATE INDEX ON performs (function_id);
CREATE INDEX ON matter_article (matter_id);
CREATE INDEX ON matter_scope (matter_id);
CREATE INDEX ON assignment (matter_id);
CREATE INDEX ON assignment_scope (assignment_id);
CREATE INDEX ON department (region_id);
ANALYZE;
"""
# One statement: what resolution decides by for some matters in a region on a date, the same five parts as
# cypher/responsibility/get_matter_facts (assignments with their scope's depth, scopes, bases as they stand on the
# date after renumberings, carriers after successions, performers by level and distance), as JSON.
RESOLVE_SQL = """
WITH RECURSIVE
lineage AS (
  SELECT id, name, level, parent_id, 0 AS depth FROM region WHERE id = %(region_id)s
  UNION ALL
  SELECT r.id, r.name, r.level, r.parent_id, l.depth + 1 FROM region r JOIN lineage l ON r.id = l.parent_id
),
asg AS (
  SELECT a.*, l.depth AS scope_depth
  FROM assignment a
  LEFT JOIN assignment_scope s ON s.assignment_id = a.id
  LEFT JOIN lineage l ON l.id = s.region_id
  WHERE a.matter_id = ANY(%(matter_ids)s)
    AND (a.valid_from IS NULL OR a.valid_from <= %(as_of)s) AND (a.valid_to IS NULL OR %(as_of)s < a.valid_to)
    AND (s.region_id IS NULL OR l.id IS NOT NULL)
),
cited AS (SELECT matter_id, article_id AS cited_id FROM matter_article WHERE matter_id = ANY(%(matter_ids)s)),
up AS (
  SELECT DISTINCT cited_id, cited_id AS x, 0 AS n FROM cited
  UNION ALL
  SELECT up.cited_id, a.parent_id, up.n + 1 FROM up JOIN article a ON a.id = up.x
  WHERE a.parent_id IS NOT NULL AND up.n < 2
),
ren AS (SELECT from_id AS a, to_id AS b FROM renumbering UNION ALL SELECT to_id, from_id FROM renumbering),
moved AS (
  SELECT cited_id, x AS current_id, n AS len, 0 AS steps, ARRAY[x] AS seen FROM up
  UNION ALL
  SELECT m.cited_id, r.b, m.len + 1, m.steps + 1, m.seen || r.b FROM moved m JOIN ren r ON r.a = m.current_id
  WHERE m.steps < 6 AND NOT r.b = ANY(m.seen)
),
current_article AS (
  SELECT DISTINCT ON (m.cited_id) m.cited_id, m.current_id
  FROM moved m JOIN article a ON a.id = m.current_id JOIN basis_version v ON v.id = a.version_id
  WHERE (v.effective_from IS NULL OR v.effective_from <= %(as_of)s)
    AND (v.effective_to IS NULL OR %(as_of)s < v.effective_to)
  ORDER BY m.cited_id, m.len
),
based AS (
  SELECT c.matter_id, c.cited_id, a.*, cur.current_id IS NOT NULL AS in_force,
         v.version AS version_label, v.effective_from, v.effective_to, b.id AS basis_id, b.title,
         CASE WHEN a.item > 0 AND parent.text IS NOT NULL
              THEN split_part(parent.text, '：', 1) || '：' || coalesce(a.text, '') ELSE a.text END AS shown
  FROM cited c
  LEFT JOIN current_article cur ON cur.cited_id = c.cited_id
  JOIN article a ON a.id = coalesce(cur.current_id, c.cited_id)
  JOIN basis_version v ON v.id = a.version_id JOIN basis b ON b.id = v.basis_id
  LEFT JOIN article parent ON parent.id = a.parent_id
),
bases AS (
  SELECT bd.*,
    (SELECT coalesce(json_agg(json_build_object('function_id', f.id, 'function_name', f.name, 'wording', n.wording,
              'duty_kind', n.duty_kind, 'level', n.level, 'method', coalesce(n.method, 'reviewed'))
              ORDER BY f.id), '[]')
     FROM article_function n JOIN function f ON f.id = n.function_id
     WHERE n.article_id = bd.id
       AND (n.method IS NULL OR n.method <> 'text'
            OR NOT EXISTS (SELECT 1 FROM article_function r WHERE r.article_id = bd.id
                           AND (r.method IS NULL OR r.method <> 'text')))) AS named,
    (SELECT coalesce(json_agg(json_build_object('article_id', src.id, 'article', src.label, 'gist', src.gist,
              'text', CASE WHEN src.text ~ %(pattern)s THEN src.text END, 'title', sb.title, 'version', sv.version,
              'named', (SELECT coalesce(json_agg(json_build_object('function_id', f.id, 'function_name', f.name,
                                 'wording', n.wording, 'duty_kind', n.duty_kind)), '[]')
                        FROM article_function n JOIN function f ON f.id = n.function_id
                        WHERE n.article_id = src.id))), '[]')
     FROM authority au JOIN article src ON src.id = au.source_id
     JOIN basis_version sv ON sv.id = src.version_id JOIN basis sb ON sb.id = sv.basis_id
     WHERE au.article_id = bd.id) AS authority
  FROM based bd
),
named_functions AS (
  SELECT holder_id AS function_id FROM asg WHERE holder_kind = 'function'
  UNION SELECT x ->> 'function_id' FROM bases, json_array_elements(named) x WHERE in_force
  UNION SELECT y ->> 'function_id' FROM bases, json_array_elements(authority) a, json_array_elements(a -> 'named') y
        WHERE in_force
),
chain AS (
  SELECT f.id AS function_id, f.id AS carrier_id, '[]'::jsonb AS succession, ARRAY[f.id] AS seen
  FROM named_functions n JOIN function f ON f.id = n.function_id
  UNION ALL
  SELECT c.function_id, s.to_id,
         c.succession || jsonb_build_array(jsonb_build_object('from_id', s.from_id, 'from_name', ff.name,
           'to_id', s.to_id, 'to_name', tf.name, 'valid_from', s.valid_from, 'note', s.note)),
         c.seen || s.to_id
  FROM chain c JOIN succession s ON s.from_id = c.carrier_id
  JOIN function ff ON ff.id = s.from_id JOIN function tf ON tf.id = s.to_id
  WHERE (s.valid_from IS NULL OR s.valid_from <= %(as_of)s) AND NOT s.to_id = ANY(c.seen)
),
carriers AS (
  SELECT c.function_id, c.carrier_id, f.name, c.succession FROM chain c JOIN function f ON f.id = c.carrier_id
  WHERE NOT EXISTS (SELECT 1 FROM succession later WHERE later.from_id = c.carrier_id
                    AND (later.valid_from IS NULL OR later.valid_from <= %(as_of)s))
),
targets AS (
  SELECT lv.level, coalesce(t.depth, 0) AS target_depth
  FROM unnest(%(levels)s::text[]) AS lv(level) LEFT JOIN lineage t ON t.level = lv.level
),
performers AS (
  SELECT tg.level, p.function_id, d.id AS department_id, d.name AS department_name, d.level AS department_level,
         seat.id AS seat_id, seat.name AS seat_name, seat.level AS seat_level, p.valid_from, p.valid_to, p.source,
         seat.depth - tg.target_depth AS distance
  FROM targets tg JOIN lineage seat ON seat.depth >= tg.target_depth
  JOIN department d ON d.region_id = seat.id JOIN performs p ON p.department_id = d.id
  WHERE p.function_id IN (SELECT carrier_id FROM carriers)
    AND (p.valid_from IS NULL OR p.valid_from <= %(as_of)s) AND (p.valid_to IS NULL OR %(as_of)s < p.valid_to)
    AND (d.valid_from IS NULL OR d.valid_from <= %(as_of)s) AND (d.valid_to IS NULL OR %(as_of)s < d.valid_to)
)
SELECT json_build_object(
  'assignments', (SELECT coalesce(json_agg(json_build_object('matter_id', matter_id,
      'assignment', json_build_object('id', id, 'role', role, 'source', source, 'valid_from', valid_from,
                                      'valid_to', valid_to),
      'role', role, 'ruling', NULL, 'scope_depth', scope_depth,
      'department', CASE WHEN holder_kind = 'department'
                         THEN json_build_object('id', holder_id, 'name', holder_name) END,
      'function', CASE WHEN holder_kind = 'function' THEN json_build_object('id', holder_id, 'name', holder_name) END)
      ORDER BY matter_id, id), '[]') FROM asg),
  'scopes', (SELECT coalesce(json_agg(json_build_object('matter_id', matter_id, 'regions', regions,
                                      'in_scope', in_scope) ORDER BY matter_id), '[]')
             FROM (SELECT s.matter_id,
                          json_agg(json_build_object('id', r.id, 'name', r.name, 'source', s.source)) AS regions,
                          bool_or(s.region_id IN (SELECT id FROM lineage)) AS in_scope
                   FROM matter_scope s JOIN region r ON r.id = s.region_id WHERE s.matter_id = ANY(%(matter_ids)s)
                   GROUP BY s.matter_id) sc),
  'bases', (SELECT coalesce(json_agg(json_build_object('matter_id', matter_id, 'article_id', id, 'article', label,
      'gist', gist, 'text', CASE WHEN shown ~ %(pattern)s THEN shown END, 'basis_id', basis_id, 'title', title,
      'version', version_label, 'effective_from', effective_from, 'effective_to', effective_to, 'in_force', in_force,
      'cited_id', cited_id, 'named', named, 'authority', authority)
      ORDER BY matter_id, basis_id, number, clause, item), '[]') FROM bases),
  'carriers', (SELECT coalesce(json_agg(json_build_object('function_id', function_id, 'carriers', carriers)
                                        ORDER BY function_id), '[]')
               FROM (SELECT function_id, json_agg(json_build_object('id', carrier_id, 'name', name,
                              'succession', succession) ORDER BY carrier_id) AS carriers
                     FROM carriers GROUP BY function_id) c),
  'performers', (SELECT coalesce(json_agg(json_build_object('level', level, 'function_id', function_id,
      'department', json_build_object('id', department_id, 'name', department_name, 'level', department_level),
      'region', json_build_object('id', seat_id, 'name', seat_name, 'level', seat_level),
      'performs', json_build_object('valid_from', valid_from, 'valid_to', valid_to, 'source', source),
      'distance', distance) ORDER BY level, function_id, distance, department_id), '[]') FROM performers)
)
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
    generate(args.scale, args.seed, FILES, REFERENCE)
    long_chains(FILES, LONG, args.per_length, args.seed)
    runner.write(DELETE_EVERYTHING)
    schema.apply(runner)
    load_reference(runner, REFERENCE, ACTOR).raise_if_failed()
    started = time.perf_counter()
    load_folder(runner, FILES, ACTOR).raise_if_failed()
    print(f"graph: {args.scale} loaded in {time.perf_counter() - started:.0f} s", flush=True)
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


def load_catalogue(conn: psycopg.Connection, runner: Runner) -> float:
    """The legal catalogue as the project's loaders wrote it (the reference CSVs after the loaders' reading of them:
    renumberings, reviewed and text-read NAMES_FUNCTION links …), copied from the graph into relational tables."""
    started = time.perf_counter()
    [t] = runner.read(EXPORT_CATALOGUE)
    if t["rulings"]:
        raise SystemExit("the relational resolve does not read rulings: load a store without any")
    with conn.cursor() as cur:
        cur.execute(CATALOGUE_SQL)
        cur.execute("CREATE TEMP TABLE dept (id text, valid_from date, valid_to date)")
        copy(cur, "dept", ["id", "valid_from", "valid_to"], [t["departments"]])
        cur.execute(
            "UPDATE department d SET valid_from = x.valid_from, valid_to = x.valid_to FROM dept x WHERE x.id = d.id"
        )
        copy(cur, "basis", ["id", "title"], [t["bases"]])
        copy(cur, "basis_version", ["id", "basis_id", "version", "effective_from", "effective_to"], [t["versions"]])
        columns = ["id", "version_id", "label", "gist", "text", "number", "clause", "item", "parent_id"]
        copy(cur, "article", columns, [t["articles"]])
        copy(cur, "renumbering", ["from_id", "to_id"], [t["renumberings"]])
        copy(cur, "function", ["id", "name"], [t["functions"]])
        columns = ["article_id", "function_id", "wording", "duty_kind", "level", "method"]
        copy(cur, "article_function", columns, [t["article_functions"]])
        copy(cur, "authority", ["article_id", "source_id"], [t["authorities"]])
        copy(cur, "succession", ["from_id", "to_id", "valid_from", "note"], [t["successions"]])
        columns = ["department_id", "function_id", "valid_from", "valid_to", "source"]
        copy(cur, "performs", columns, [t["performs"]])
        copy(cur, "matter_article", ["matter_id", "article_id"], [t["matter_articles"]])
        copy(cur, "matter_scope", ["matter_id", "region_id", "source"], [t["matter_scopes"]])
        columns = [
            "id",
            "matter_id",
            "holder_id",
            "holder_name",
            "holder_kind",
            "role",
            "source",
            "valid_from",
            "valid_to",
        ]
        copy(cur, "assignment", columns, [t["assignments"]])
        copy(cur, "assignment_scope", ["assignment_id", "region_id"], [t["assignment_scopes"]])
        cur.execute(CATALOGUE_INDEX_SQL)
    conn.commit()
    return time.perf_counter() - started


class RelationalReader:
    """The relational peer as a Reader for resolve_matters: the facts from RESOLVE_SQL, no devolutions (the
    generated county has none), so that both sides run the same decision over their own facts."""

    def __init__(self, conn: psycopg.Connection):
        self.conn = conn

    def read(self, q: Any, **params: Any) -> list[dict[str, Any]]:
        if q is LIVE:
            return [{"versions": [], "devolutions": []}]
        assert q is FACTS, q.name
        return [sql_one(self.conn, RESOLVE_SQL, **resolve_params(params))]


def resolve_params(params: dict[str, Any]) -> dict[str, Any]:
    return {
        "matter_ids": params["matter_ids"],
        "region_id": params["region_id"],
        "as_of": params["as_of"],
        "levels": params["levels"],
        "pattern": rules._OPEN_TEXT.pattern,  # Cypher's =~ matches a whole text, PostgreSQL's ~ searches it
    }


def canonical(value: Any) -> Any:
    """Facts compared as data: dates as ISO text, and every list as a multiset (the order Cypher leaves open)."""
    if isinstance(value, dict):
        return {k: canonical(v) for k, v in value.items()}
    if isinstance(value, list):
        return sorted((canonical(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True, ensure_ascii=False))
    if isinstance(value, date):
        return value.isoformat()
    return value


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


def decided(results: list[MatterResult]) -> tuple[Any, ...]:
    """What a resolution decided: per matter, the lead and cooperating departments and functions, and the flags."""
    return tuple(
        (
            r.matter.id,
            tuple((d.department.id, d.function.id if d.function else None) for d in r.lead),
            tuple((d.department.id, d.function.id if d.function else None) for d in r.cooperating),
            tuple(f.code for f in r.flags),
        )
        for r in results
    )


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
    parser.add_argument("--warmup", type=int, default=300, help="inputs answered first, timed apart")
    parser.add_argument("--per-length", type=int, default=30)
    parser.add_argument("--seed", type=int, default=7)
    # demo: a tenth of the county (5k subjects), for a machine too loaded to load the county in time; latency is
    # flat against the data's size (issue 16), so the ratios compare
    parser.add_argument("--scale", choices=["demo", "county"], default="county")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--bolt", type=int, default=27997)
    parser.add_argument("--http", type=int, default=27984)
    parser.add_argument("--pg-bin", type=Path, default=Path("/usr/local/bin"))
    args = parser.parse_args()
    settings, runner = graph_store(args)
    rng = random.Random(args.seed)
    table = load_table()
    reach = table.longest_interval_days
    count = args.warmup + args.inputs
    clue_ids = rng.sample(sorted(i for i in runner.read(CLUE_IDS)[0]["ids"] if not i.startswith("long-")), count)
    prechecks = precheck_inputs(rng, count)
    levels = {m["id"]: m["level"] for m in rows(REFERENCE / "matters.csv")}
    names = {m["id"]: m["name"] for m in rows(REFERENCE / "matters.csv")}
    counties = sorted({s["region_id"] for s in rows(FILES / "subjects.csv")})
    resolves = [(rng.choice(sorted(levels)), rng.choice(counties)) for _ in range(count)]

    with postgres(args.pg_bin) as dsn, psycopg.connect(dsn) as conn:
        print(f"postgres: loaded in {load_postgres(conn):.1f} s", flush=True)
        print(f"postgres: catalogue copied from the graph in {load_catalogue(conn, runner):.1f} s", flush=True)
        conn.autocommit = True
        conn.execute("SET TimeZone = 'Asia/Shanghai'")
        print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} at the start", flush=True)
        cold: dict[str, list[float]] = {}
        samples: dict[str, list[float]] = {}
        disagree = {"chain": 0, "precheck": 0, "resolve facts": 0, "resolve answers": 0, "read model": 0}
        relational = RelationalReader(conn)
        resolve(runner, ResolveRequest(matter_id=resolves[0][0], region=resolves[0][1], as_of=AS_OF))  # the model, hot
        answers: dict[str, Any] = {}
        for i in range(count):
            # The first --warmup inputs are the servers' warm-up (a JVM compiles its hot paths over the first
            # thousands of calls; PostgreSQL fills its caches): timed apart, and their answers checked as well.
            if i == args.warmup:
                cold.update(samples)
                samples.clear()
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
                facts = {"matter_ids": [m], "region_id": region, "as_of": AS_OF, "levels": [levels[m]]}
                answers["rg"] = timed(
                    samples,
                    "resolve driver",
                    lambda: runner.read(MATTER_FACTS, **facts, open_pattern=rules.OPEN_TEXT_PATTERN)[0],
                )
                request = ResolveRequest(matter_id=m, region=region, as_of=AS_OF)
                answers["rm"] = timed(samples, "resolve service", lambda: resolve(runner, request))
                catalogue.enabled = False
                try:
                    answers["rn"] = timed(samples, "resolve statements", lambda: resolve(runner, request))
                finally:
                    catalogue.enabled = True

            def resolve_sql(m: str = resolves[i][0], region: str = resolves[i][1]) -> None:
                facts = {"matter_ids": [m], "region_id": region, "as_of": AS_OF, "levels": [levels[m]]}
                answers["rs"] = timed(
                    samples, "resolve postgres", lambda: sql_one(conn, RESOLVE_SQL, **resolve_params(facts))
                )
                header = [MatterHeader(id=m, name=names[m], level=levels[m])]
                answers["rr"] = timed(
                    samples,
                    "resolve postgres+decide",
                    lambda: resolve_matters(relational, header, region, AS_OF, model=None),
                )

            steps = [chain_graph, chain_sql, precheck_graph, precheck_sql, resolve_graph, resolve_sql]
            shift = i % len(steps)
            for step in steps[shift:] + steps[:shift]:
                step()
            disagree["chain"] += chain_facts(answers["cg"]) != chain_facts(answers["cs"])
            disagree["precheck"] += precheck_facts(answers["pg"]) != precheck_facts(answers["ps"])
            disagree["resolve facts"] += canonical(answers["rg"]) != canonical(answers["rs"])
            disagree["resolve answers"] += decided(answers["rm"].results) != decided(answers["rr"])
            disagree["read model"] += (
                answers["rm"] != answers["rn"]
            )  # as data: the keys of a dict may come in another order
        print(f"load average {os.getloadavg()[0]:.1f} at the end")
        for question, wrong in disagree.items():
            print(f"{question}: {count - wrong}/{count} answers agree")
        if cold:
            print(f"\nthe warm-up: the first {args.warmup} inputs after the start, not in the figures below")
            report(
                cold,
                [
                    ("clue chain", "chain driver", "chain postgres"),
                    ("precheck facts", "precheck driver", "precheck postgres"),
                ],
            )
        report(
            samples,
            [
                ("clue chain", "chain driver", "chain postgres"),
                ("precheck facts", "precheck driver", "precheck postgres"),
            ],
        )
        for key in (
            "resolve driver",
            "resolve service",
            "resolve statements",
            "resolve postgres",
            "resolve postgres+decide",
        ):
            print(f"{'resolve by matter':<24} {key:<24} {p(samples[key], 50):8.2f} {p(samples[key], 95):8.2f}")
        for graph, sql in (
            ("resolve service", "resolve postgres+decide"),
            ("resolve service", "resolve postgres"),
            ("resolve driver", "resolve postgres"),
        ):
            print(f"{graph} ÷ {sql}: p50 {p(samples[graph], 50) / p(samples[sql], 50):.2f}×")
        by_length(runner, conn, args.per_length)
        floors(runner, conn)
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


def floors(runner: Runner, conn: psycopg.Connection, repeat: int = 500) -> None:
    """What a statement costs before it does anything, on each side: a no-op (`RETURN 1`, `SELECT 1`) and the 1-hop
    chain, interleaved, each through a fresh READ session's auto-commit run as Runner.read sends it, and this
    process's CPU time per call (on the graph side mostly the driver's own Python)."""
    wall: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}

    def measured(key: str, work: Callable[[], Any]) -> None:
        started, used = time.perf_counter(), time.process_time()
        work()
        wall.setdefault(key, []).append((time.perf_counter() - started) * 1000)
        cpu.setdefault(key, []).append((time.process_time() - used) * 1000)

    def graph(text: str, **params: Any) -> None:
        with runner.driver.session(database=runner.database, default_access_mode=neo4j.READ_ACCESS) as session:
            list(session.run(text, params))  # type: ignore[arg-type]

    steps: list[tuple[str, Callable[[], Any]]] = [
        ("graph RETURN 1", lambda: graph("RETURN 1 AS one")),
        ("postgres SELECT 1", lambda: sql_one(conn, "SELECT json_build_object('one', 1)")),
        ("graph chain, 1 hop", lambda: graph(CHAIN.text, id=f"long-{LENGTHS[0]}-0")),
        ("postgres chain, 1 hop", lambda: sql_one(conn, CHAIN_SQL, id=f"long-{LENGTHS[0]}-0")),
    ]
    for i in range(repeat):
        for key, work in steps[i % 2 :] + steps[: i % 2]:
            measured(key, work)
    print(f"\nthe floor of a statement ({repeat} each, interleaved), p50 ms and this process's mean CPU ms per call:")
    for key, _ in steps:
        print(f"  {key:<24} {p(wall[key], 50):6.2f}  CPU {statistics.mean(cpu[key]):5.2f}")
    ratio = p(wall["graph RETURN 1"], 50) / p(wall["postgres chain, 1 hop"], 50)
    print(f"  a no-op through the driver ÷ PostgreSQL's whole 1-hop chain: {ratio:.2f}×")


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
    chain_cost(runner)


def chain_cost(runner: Runner, repeat: int = 20) -> None:
    """Where a long chain's time goes: PROFILE (rows and db hits per operator) of a 1-hop and a 20-hop chain, and
    medians of the server's time (until the last record was streamed), the driver's decoding and the rest."""
    print("\nthe chain's cost by its length (medians of 20 runs, ms):")
    print(f"{'hops':>5} {'db hits':>8} {'server':>8} {'client':>8} {'records→dicts':>14}")
    for length in (LENGTHS[0], LENGTHS[-1]):
        clue_id = f"long-{length}-0"
        with runner.driver.session(database=runner.database) as session:
            profile = session.run("PROFILE " + CHAIN.text, id=clue_id).consume().profile  # type: ignore[arg-type]
            server, client, convert = [], [], []
            for _ in range(repeat):
                started = time.perf_counter()
                result = session.run(CHAIN.text, id=clue_id)  # type: ignore[arg-type]
                records = list(result)
                received = time.perf_counter()
                summary = result.consume()
                [to_python(dict(r.items())) for r in records]  # as the Runner reads them
                convert.append((time.perf_counter() - received) * 1000)
                server.append(float((summary.result_available_after or 0) + (summary.result_consumed_after or 0)))
                client.append((received - started) * 1000)
        assert profile is not None
        print(
            f"{length:>5} {total_hits(profile):>8} {statistics.median(server):8.2f} {statistics.median(client):8.2f}"
            f" {statistics.median(convert):14.2f}"
        )
        if length == LENGTHS[-1]:
            print_plan(profile)


def print_plan(profile: dict[str, Any], depth: int = 0) -> None:
    details = " ".join(str(profile.get("args", {}).get("Details", "")).split())[:80]
    name, rows, hits = profile["operatorType"], profile.get("rows", 0), profile.get("dbHits", 0)
    print(f"  {'  ' * depth}{name:<34} rows {rows:>4} hits {hits:>5}  {details}")
    for child in profile.get("children", []):
        print_plan(child, depth + 1)


def total_hits(profile: dict[str, Any]) -> int:
    return int(profile.get("dbHits", 0)) + sum(total_hits(c) for c in profile.get("children", []))


if __name__ == "__main__":
    main()
