"""The initial load of a graph without entity data through `neo4j-admin database import full`.

The normal loaders (loaders/entities.py) write ~1–3 thousand rows a second through Cypher; the offline importer
writes hundreds of thousands, but only into an empty store, with the server stopped. So an initial load:

1. refuses a graph that already holds subjects, licences, inspectors, tasks, clues or hops (those merge through
   `graphsvc load demo`), and loads the reference catalogue through its loader when the graph has none;
2. validates the files exactly as the normal loaders do (the same TableSpecs, checks and references), all or
   nothing;
3. reads what the graph already holds (the reference catalogue: thousands of nodes) and writes it, with the
   entities, as the importer's CSV files: the same nodes, properties and relationships the upserts write, stamped
   with who and the server's time, with the derived data the normal load computes (captions, each clue's
   chain_version and chain summary);
4. stops the server, imports (overwriting the database's store), starts it, applies the schema (constraints,
   indexes, full-text indexes) and records one AuditEvent per file.

tests/test_bulk_import.py compares an imported world with the same world loaded through the loaders.
"""

from __future__ import annotations

import shutil
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, TextIO

from graphsvc import schema
from graphsvc.clues import summary
from graphsvc.clues.chain import ClueFacts, Hop, Place
from graphsvc.clues.store import read_places
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import InvalidInput, SetupError
from graphsvc.local_neo4j import LocalNeo4j
from loaders.entities import SPECS, HopChain, known_from_graph
from loaders.reference import load_reference
from loaders.rows import LoadReport
from loaders.table import parse_table

COUNT_ENTITIES = query("entities/count_entity_nodes")
ALL_NODES = query("admin/list_all_nodes")
ALL_RELATIONSHIPS = query("admin/list_all_relationships")
SERVER_TIME = query("admin/server_time")

ARRAY_DELIMITER = "\x1f"  # the ASCII unit separator: no id, tag or name holds it
Row = dict[str, Any]


@dataclass
class ImportReport:
    """What an initial import wrote and how long each step took."""

    nodes: Counter[str] = field(default_factory=Counter)
    relationships: Counter[str] = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)
    files: dict[str, int] = field(default_factory=dict)  # rows of each entity file

    @property
    def rows(self) -> int:
        return sum(self.files.values())


def _cell(value: Any) -> str:
    """One CSV cell for neo4j-admin: None stays empty (no property), everything else quoted, so that an empty list
    stays an empty list (as the upserts write it) rather than no property."""
    if value is None:
        return ""
    text = ARRAY_DELIMITER.join(_scalar(v) for v in value) if isinstance(value, (list, tuple)) else _scalar(value)
    return '"' + text.replace('"', '""') + '"'


def _scalar(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def _type(value: Any) -> str:
    """The importer's type of a Python value read from (or meant for) Neo4j."""
    if isinstance(value, (list, tuple)):
        return (_type(value[0]) if value else "string") + "[]"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "long"
    if isinstance(value, float):
        return "double"
    if isinstance(value, datetime):
        return "datetime" if value.tzinfo else "localdatetime"
    if isinstance(value, date):
        return "date"
    return "string"


class CsvFiles:
    """The importer's input files: one per node group or relationship group, each with its typed header."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.nodes: dict[tuple[Any, ...], tuple[Path, TextIO, list[str]]] = {}
        self.relationships: dict[tuple[Any, ...], tuple[Path, TextIO, list[str]]] = {}
        self.multiline: set[Path] = set()
        self.counts: Counter[str] = Counter()
        self.stack = ExitStack()

    def _file(
        self, groups: dict[tuple[Any, ...], tuple[Path, TextIO, list[str]]], key: tuple[Any, ...], header: list[str]
    ) -> tuple[Path, TextIO, list[str]]:
        if key not in groups:
            path = self.directory / f"{'nodes' if groups is self.nodes else 'rels'}-{len(groups):04d}.csv"
            f = self.stack.enter_context(path.open("w", encoding="utf-8", newline=""))
            f.write(",".join(header) + "\n")
            groups[key] = (path, f, header)
        return groups[key]

    def _line(self, path: Path, f: TextIO, cells: list[str]) -> None:
        line = ",".join(cells)
        if "\n" in line or "\r" in line:
            self.multiline.add(path)
        f.write(line + "\n")

    def node(self, labels: str | list[str], props: Row) -> None:
        """A node; its import id is label:id (its first label), so relationships name their ends as the Cypher
        does."""
        labels = [labels] if isinstance(labels, str) else labels
        label = labels[0]
        if not isinstance(props.get("id"), str):
            raise SetupError(f"{label} 节点没有编号(id),无法导入:{props}")
        keys = tuple(sorted(k for k, v in props.items() if v is not None and k != "id"))
        types = tuple(_type(props[k]) for k in keys)
        header = [":ID(n)", ":LABEL", "id:string", *(f"{k}:{t}" for k, t in zip(keys, types, strict=True))]
        path, f, _ = self._file(self.nodes, (tuple(labels), keys, types), header)
        self._line(
            path,
            f,
            [_cell(f"{label}:{props['id']}"), _cell(labels), _cell(props["id"])] + [_cell(props[k]) for k in keys],
        )
        self.counts["node:" + label] += 1

    def relationship(self, start: tuple[str, str], rel_type: str, end: tuple[str, str], props: Row) -> None:
        keys = tuple(sorted(k for k, v in props.items() if v is not None))
        types = tuple(_type(props[k]) for k in keys)
        header = [":START_ID(n)", ":TYPE", ":END_ID(n)", *(f"{k}:{t}" for k, t in zip(keys, types, strict=True))]
        path, f, _ = self._file(self.relationships, (rel_type, keys, types), header)
        cells = [_cell(f"{start[0]}:{start[1]}"), _cell(rel_type), _cell(f"{end[0]}:{end[1]}")]
        self._line(path, f, cells + [_cell(props[k]) for k in keys])
        self.counts["rel:" + rel_type] += 1

    def close(self) -> None:
        self.stack.close()

    def arguments(self) -> list[str]:
        args = [f"--nodes={path}" for path, _, _ in self.nodes.values()]
        args += [f"--relationships={path}" for path, _, _ in self.relationships.values()]
        if self.multiline:
            args += ["--multiline-fields-format=v2", "--multiline-fields=" + ",".join(str(p) for p in self.multiline)]
        return args


@dataclass
class Stamp:
    """Who and when every imported node and relationship records, as the upserts' datetime() and $actor do."""

    actor: str
    at: datetime

    def node(self) -> Row:
        return {"created_at": self.at, "created_by": self.actor, "updated_at": self.at, "updated_by": self.actor}

    def link(self) -> Row:
        return {"updated_at": self.at, "updated_by": self.actor}


class EntityWriter:
    """Writes parsed entity rows as the upserts of cypher/entities/ would store them."""

    def __init__(self, files: CsvFiles, stamp: Stamp, departments: dict[str, Row], places: dict[str, Place]):
        self.files = files
        self.stamp = stamp
        self.departments = departments
        self.places = places
        self.hops: dict[str, list[Hop]] = defaultdict(list)
        self.clues: dict[str, Row] = {}

    def link(self, start: tuple[str, str], rel_type: str, end: tuple[str, str], **props: Any) -> None:
        self.files.relationship(start, rel_type, end, props | self.stamp.link())

    def subjects(self, rows: Iterable[Row]) -> None:
        for row in rows:
            s = ("Subject", row["id"])
            keep = ("id", "name", "caption", "kind", "industry_code", "address", "credit_grade", "risk_class", "tags")
            self.files.node("Subject", {k: row[k] for k in keep} | self.stamp.node())
            self.link(s, "LOCATED_IN", ("Region", row["region_id"]))
            for type_id in dict.fromkeys(row["type_ids"]):
                self.link(s, "OF_TYPE", ("SubjectType", type_id))

    def licences(self, rows: Iterable[Row]) -> None:
        keep = ("id", "name", "licence_no", "kind", "status", "approval_mode", "valid_from", "valid_to")
        for row in rows:
            lic = ("Licence", row["id"])
            self.files.node("Licence", {k: row[k] for k in keep} | self.stamp.node())
            self.link(lic, "HELD_BY", ("Subject", row["subject_id"]))
            self.link(lic, "ISSUED_BY", ("Department", row["issuer_id"]))
            if row["matter_id"]:
                self.link(lic, "FOR_MATTER", ("Matter", row["matter_id"]))
            if row["domain_id"]:
                self.link(lic, "IN_DOMAIN", ("Domain", row["domain_id"]))

    def inspectors(self, rows: Iterable[Row]) -> None:
        for row in rows:
            keep = ("id", "name", "cert_no", "qualifications", "specialties")
            self.files.node("Inspector", {k: row[k] for k in keep} | self.stamp.node())
            self.link(("Inspector", row["id"]), "MEMBER_OF", ("Department", row["department_id"]))

    def conflicts(self, rows: Iterable[Row]) -> None:
        pairs = {(row["inspector_id"], row["subject_id"]): row["reason"] for row in rows}  # MERGE: the last row wins
        for (inspector, subject), reason in pairs.items():
            self.link(("Inspector", inspector), "CONFLICT_WITH", ("Subject", subject), reason=reason)

    def tasks(self, rows: Iterable[Row]) -> None:
        for row in rows:
            t = ("InspectionTask", row["id"])
            keep = ("id", "window_start", "window_end", "kind", "status", "done_on")
            self.files.node("InspectionTask", {k: row[k] for k in keep} | self.stamp.node())
            self.link(t, "BY_DEPARTMENT", ("Department", row["department_id"]))
            self.link(t, "ON_SUBJECT", ("Subject", row["subject_id"]))
            for matter_id in dict.fromkeys(row["matter_ids"]):
                self.link(t, "COVERS", ("Matter", matter_id))
            if row["plan_id"]:
                self.link(t, "FROM_PLAN", ("InspectionPlan", row["plan_id"]))

    def clue_rows(self, rows: Iterable[Row]) -> None:
        """Clues wait for their hops: their chain_version and summary depend on them."""
        for row in rows:
            self.clues[row["id"]] = row

    def referrals(self, rows: Iterable[Row]) -> None:
        for row in rows:
            r = ("Referral", row["id"])
            receiver = self.departments[row["to_department_id"]]
            sent: datetime = row["sent_at"]
            # As upsert_referrals.cypher: coalesce(last(split(receiver.caption, ' ')), receiver.short_name, name).
            shown = next(
                v
                for v in (
                    receiver["caption"].split(" ")[-1] if receiver.get("caption") is not None else None,
                    receiver.get("short_name"),
                    receiver.get("name"),
                )
                if v is not None
            )
            caption = f"{row['kind']} {sent.month}-{sent.day:02d} → {shown}"
            keep = ("id", "kind", "sent_at", "reason", "acknowledged_at", "outcome")
            self.files.node("Referral", {k: row[k] for k in keep} | {"caption": caption} | self.stamp.node())
            self.link(r, "OF_CLUE", ("Clue", row["clue_id"]))
            self.link(r, "FROM_DEPARTMENT", ("Department", row["from_department_id"]))
            self.link(r, "TO_DEPARTMENT", ("Department", row["to_department_id"]))
            if row["previous_id"]:
                self.link(("Referral", row["previous_id"]), "NEXT_HOP", r)
            self.hops[row["clue_id"]].append(
                Hop(
                    id=row["id"],
                    kind=row["kind"],
                    to_id=row["to_department_id"],
                    sent_at=sent,
                    from_id=row["from_department_id"],
                    parent_id=row["previous_id"],
                    acknowledged_at=row["acknowledged_at"],
                    outcome=row["outcome"],
                    recorded_at=self.stamp.at,
                )
            )

    def finish_clues(self) -> None:
        """The clues, with the chain_version the load's writes leave (one for the clue, two for each hop: its
        upsert and its link to the hop before) and the summary the load then computes (graphsvc/clues/summary.py)."""
        for clue_id, row in self.clues.items():
            hops = self.hops.get(clue_id, [])
            version = 1 + 2 * len(hops)
            facts = ClueFacts(
                clue_id,
                row["received_at"],
                row["status"],
                self.places[row["region_id"]],
                row["receiver_id"],
                tuple(hops),
            )
            s = summary.summarise(facts, self.places)
            props = {k: row[k] for k in ("id", "title", "description", "channel", "received_at", "status")} | {
                "chain_version": version,
                "summary_version": version,
                "chain_hops": s.hops,
                "chain_flags": s.flags,
                "chain_ack_wait_us": s.ack_wait_us,
                "chain_act_us": s.act_us,
                "chain_unacked_since": s.unacked_since,
                "chain_acked_since": s.acked_since,
            }
            self.files.node("Clue", props | self.stamp.node())
            c = ("Clue", clue_id)
            self.link(c, "IN_REGION", ("Region", row["region_id"]))
            if row["subject_id"]:
                self.link(c, "ON_SUBJECT", ("Subject", row["subject_id"]))
            if row["matter_id"]:
                self.link(c, "ABOUT_MATTER", ("Matter", row["matter_id"]))
            if row["receiver_id"]:
                self.link(c, "RECEIVED_BY", ("Department", row["receiver_id"]))


WRITERS: dict[str, Callable[[EntityWriter, Iterable[Row]], None]] = {
    "subjects": EntityWriter.subjects,
    "licences": EntityWriter.licences,
    "inspectors": EntityWriter.inspectors,
    "conflicts": EntityWriter.conflicts,
    "tasks": EntityWriter.tasks,
    "clues": EntityWriter.clue_rows,
    "referrals": EntityWriter.referrals,
}


def check_empty(runner: Runner) -> int:
    """Raises unless the graph holds no entity data; returns how many regions it holds."""
    [row] = runner.read(COUNT_ENTITIES)
    if row["entities"]:
        raise InvalidInput(
            f"数据库中已有 {row['entities']} 个监管对象、许可、执法人员、检查任务、线索或移送记录:"
            "初始导入(neo4j-admin)会重写整个数据库,只用于没有这些数据的空库。"
            "已有数据时请用 graphsvc load demo DIR 增量载入(按编号合并)。",
            [{"field": "database", "reason": "not empty"}],
        )
    return int(row["regions"])


def parse_files(runner: Runner, directory: Path) -> Iterator[tuple[str, list[Row], LoadReport]]:
    """Every entity file of the folder in load order, parsed and checked exactly as the normal loaders check them
    (references to the graph and to the files before); one file at a time, so that a province fits in memory."""
    specs = {kind: spec for kind, spec in SPECS.items() if (directory / spec.file).exists()}
    if not specs:
        files = "、".join(spec.file for spec in SPECS.values())
        raise InvalidInput(f"{directory} 中没有可载入的文件(应有 {files} 之一)")
    known = known_from_graph(runner, {c.ref for spec in specs.values() for c in spec.columns if c.ref})
    for kind, spec in specs.items():
        report = LoadReport()
        checked = replace(spec, check=HopChain({})) if kind == "referrals" else spec
        rows = parse_table(checked, directory / spec.file, known, report)
        yield kind, rows, report


def _dump_graph(runner: Runner, files: CsvFiles) -> dict[str, Row]:
    """Writes what the graph holds into the import files; returns the departments' properties by id."""
    departments = {}
    for row in runner.read(ALL_NODES):
        labels, props = row["labels"], row["properties"]
        files.node(labels, props)
        if labels[0] == "Department":
            departments[props["id"]] = props
    for row in runner.read(ALL_RELATIONSHIPS):
        files.relationship(
            (row["start_label"], row["start_id"]), row["type"], (row["end_label"], row["end_id"]), row["properties"]
        )
    return departments


def initial_import(
    runner: Runner,
    server: LocalNeo4j,
    directory: Path,
    actor: str,
    reference_dir: Path,
    work: Path,
    progress: Callable[[str], None] = lambda _step: None,
) -> ImportReport:
    """Loads a folder of entity files (as `graphsvc generate` writes them) into a graph without entity data, through
    neo4j-admin: validates, writes the import files into `work`, stops the server, imports and starts it again.
    The runner's connections do not survive the restart: the caller connects again and calls `finish`."""
    report = ImportReport()
    started = time.perf_counter()
    if not check_empty(runner):
        progress("载入参考目录")
        load_reference(runner, reference_dir, actor).raise_if_failed()
    [clock] = runner.read(SERVER_TIME)
    stamp = Stamp(actor, clock["now"].astimezone(UTC))
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    files = CsvFiles(work)
    try:
        departments = _dump_graph(runner, files)
        writer = EntityWriter(files, stamp, departments, read_places(runner))
        # Each file is checked, then written, then dropped; nothing reaches the database before all are checked.
        for kind, rows, problems in parse_files(runner, directory):
            progress(f"校验并写出 {SPECS[kind].file}")
            problems.raise_if_failed()
            WRITERS[kind](writer, rows)
            report.files[SPECS[kind].file] = len(rows)
        writer.finish_clues()
    except BaseException:
        files.close()
        shutil.rmtree(work, ignore_errors=True)
        raise
    files.close()
    report.seconds["validate_and_write_csv"] = time.perf_counter() - started

    started = time.perf_counter()
    progress("停止 Neo4j 并导入(neo4j-admin)")
    server.stop()
    done = server.admin(
        "database",
        "import",
        "full",
        runner.database,  # before the file lists, which would take it for one more file
        "--overwrite-destination=true",
        "--array-delimiter=U+001F",
        f"--max-off-heap-memory={server.pagecache}",
        f"--report-file={work / 'import.report'}",
        *files.arguments(),
    )
    report.seconds["import"] = time.perf_counter() - started
    started = time.perf_counter()
    progress("启动 Neo4j")
    server.start()
    report.seconds["start"] = time.perf_counter() - started
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-20:])
        raise SetupError(f"neo4j-admin 导入失败:\n{tail}")
    report.nodes = Counter({k[5:]: n for k, n in files.counts.items() if k.startswith("node:")})
    report.relationships = Counter({k[4:]: n for k, n in files.counts.items() if k.startswith("rel:")})
    shutil.rmtree(work, ignore_errors=True)
    return report


def finish(runner: Runner, report: ImportReport, directory: Path, actor: str) -> None:
    """After the server is back: the schema (constraints, indexes, full-text ones) and one AuditEvent per file."""
    started = time.perf_counter()
    schema.apply(runner)
    report.seconds["schema"] = time.perf_counter() - started
    for name, rows in report.files.items():
        runner.record(
            "entities/import_full",
            {"file": str(directory / name), "rows": rows, "actor": actor},
            [{"written": rows}],
        )
