"""The initial load of a graph without entity data through `neo4j-admin database import full` (issue 16, item 4).

The normal loaders (loaders/entities.py) write a few thousand rows a second through Cypher; the offline importer
writes hundreds of thousands, but only a whole store, with the server stopped. So an initial load:

1. refuses a graph that already holds subjects, licences, inspectors, tasks, clues or hops (those merge through
   `graphsvc load demo`), and loads the reference catalogue through its own loader when the graph has none, so
   that the catalogue is exactly the one `graphsvc load reference` writes (captions, search words, versions);
2. reads that catalogue back (thousands of nodes) and checks the entity files exactly as the normal loaders check
   them (the same TableSpecs, row checks, references and Chinese errors), streaming them: a province is millions
   of rows, and only the ids seen and the referral hops (for the chain summaries) stay in memory;
3. writes the importer's CSV files: the catalogue as read, and the entities as the upserts of cypher/entities/
   store them (labels, types, properties and their types, the write stamps with the server's time and the actor,
   the subjects' and hops' captions, each clue's chain_version and the chain summary the load computes after);
   if any file has a bad row nothing is imported, and the error names file, row, field, reason; steps 2–3 run on
   two cores (the clues and referrals in a second process: see FIRST and SECOND); the nodes are numbered as the
   store will number them, so that the importer maps no id (see EntityWriter);
4. stops the server and copies its database aside, on a thread while steps 2–3 run (a bad row starts it again),
   imports (overwriting its database's store; a failed import puts the copy back), starts it, applies the schema
   (constraints and indexes do not survive the import), gives back the empty lists the importer cannot store and
   records one AuditEvent per file.

The driver's pooled connections do not survive the restart (an old pool hung a read for fifteen minutes in CI),
so `initial_import` opens a driver of its own for each side of it and closes it before the server stops.
tests/integration/loaders/test_bulk_import.py compares an imported world with the same world loaded by Cypher.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import shutil
import subprocess
import time
import traceback
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any, TextIO, cast

from graphsvc import schema
from graphsvc.clues import summary
from graphsvc.clues.chain import ClueFacts, Hop, Place
from graphsvc.clues.store import read_places
from graphsvc.config import Settings
from graphsvc.cypher import query
from graphsvc.db import Runner, connected
from graphsvc.errors import InvalidInput, SetupError
from graphsvc.health import wait_until_ready
from graphsvc.local_neo4j import LocalNeo4j
from graphsvc.model import load_model
from loaders.entities import SPECS, HopChain
from loaders.reference import load_reference
from loaders.rows import LoadReport
from loaders.table import Known, iter_table

COUNT_ENTITIES = query("entities/count_entity_nodes")
ALL_NODES = query("admin/list_all_nodes")
ALL_RELATIONSHIPS = query("admin/list_all_relationships")
SERVER_TIME = query("admin/server_time")
RESTORE_EMPTY_LISTS = query("admin/restore_empty_lists")
RESTORE_EMPTY_ENTITY_LISTS = query("admin/restore_empty_entity_lists")
AUDIT_ACTION = "entities/import_full"

ARRAY_DELIMITER = "\x1f"  # the ASCII unit separator: no id, tag or name holds it
BATCH = 10_000
ENTITY_BATCH = 100_000  # nodes whose empty list one transaction gives back: a county's label in one
# The entity labels whose lists admin/restore_empty_entity_lists.cypher scans (tests/unit/test_bulk_import.py checks
# its branches): a list of another label is refused while the files are written, before anything is imported.
SCANNED = frozenset({"Subject", "Inspector", "Clue"})
Row = dict[str, Any]
Key = tuple[str, str]  # (label, id): every label has a unique string id


@dataclass(frozen=True)
class CatalogueNode:
    labels: tuple[str, ...]
    properties: Row


@dataclass(frozen=True)
class CatalogueLink:
    start: Key
    type: str
    end: Key
    properties: Row


@dataclass
class Catalogue:
    """What the graph holds before the import (the reference catalogue), to be written into the new store as is,
    with what the entity rows need of it: the ids a column may name, departments' names, places for chains."""

    nodes: list[CatalogueNode]
    links: list[CatalogueLink]
    places: dict[str, Place]

    def known(self) -> Known:
        known = Known()
        for node in self.nodes:
            for label in node.labels:
                known.add(label, [node.properties["id"]])
        return known

    def departments(self) -> dict[str, Row]:
        return {n.properties["id"]: n.properties for n in self.nodes if "Department" in n.labels}


@dataclass
class FileFigures:
    """One entity file: the rows that passed and the seconds spent checking them and writing their import rows."""

    rows: int
    seconds: float


@dataclass
class ImportReport:
    """What an initial import wrote and how long each step took (seconds by step; the entity files apart)."""

    files: dict[str, FileFigures] = field(default_factory=dict)
    nodes: Counter[str] = field(default_factory=Counter)
    relationships: Counter[str] = field(default_factory=Counter)
    seconds: dict[str, float] = field(default_factory=dict)
    problems: LoadReport = field(default_factory=LoadReport)
    arguments: list[str] = field(default_factory=list)  # neo4j-admin's arguments naming the files
    multiline: list[str] = field(default_factory=list)  # the files with a line break in a field
    # The nodes whose list property was empty, by (label, property): the importer stores no property for them.
    empty_lists: dict[Key, list[str]] = field(default_factory=dict)  # the catalogue's, by id
    empty_entity_lists: Counter[Key] = field(default_factory=Counter)  # the entities': how many of each
    importer_output: str = ""  # what neo4j-admin printed: its stages and their times

    @property
    def rows(self) -> int:
        return sum(f.rows for f in self.files.values())


@dataclass(frozen=True)
class Stamp:
    """Who and when every imported node and relationship records, as the upserts' datetime() and $actor do."""

    actor: str
    at: datetime

    def cells(self, node: bool) -> list[str]:
        at, by = _cell(self.at), _cell(self.actor)
        return [at, by, at, by] if node else [at, by]


NODE_STAMP = ["created_at:datetime", "created_by:string", "updated_at:datetime", "updated_by:string"]
LINK_STAMP = ["updated_at:datetime", "updated_by:string"]
LINK_COLUMNS = {"CONFLICT_WITH": ("reason",)}  # an entity relationship's own properties, before its stamp


def _scalar(value: Any) -> str:
    kind = type(value)
    if kind is str:
        return str(value)
    if kind is bool:
        return "true" if value else "false"
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return str(value)


def _cell(value: Any) -> str:
    """One CSV cell for neo4j-admin: None stays empty (no property); everything else is quoted, so that an empty
    list stays an empty list (as the upserts store it) rather than no property."""
    if value is None:
        return ""
    text = ARRAY_DELIMITER.join(_scalar(v) for v in value) if isinstance(value, (list, tuple)) else _scalar(value)
    return '"' + text.replace('"', '""') + '"' if '"' in text else '"' + text + '"'


def _type(value: Any) -> str:
    """The importer's type of a Python value read from Neo4j."""
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


class ImportFile:
    """One input file of the importer, with its typed header; an entity file's label is given on the command line,
    the catalogue's labels and every relationship's type in a column (one file for all types with one header: the
    importer parses a 1 MiB sample of every file on its cold JVM before it starts)."""

    def __init__(self, path: Path, header: list[str], label: str | None, nodes: bool):
        self.path, self.label, self.nodes = path, label, nodes
        self.handle: TextIO = path.open("w", encoding="utf-8", newline="")
        self.handle.write(",".join(header) + "\n")
        self.counts: Counter[str] = Counter()  # rows by label or type
        self.multiline = False

    def write(self, cells: list[str], kind: str) -> None:
        line = ",".join(cells)
        if "\n" in line or "\r" in line:
            self.multiline = True
        self.handle.write(line + "\n")
        self.counts[kind] += 1

    @property
    def rows(self) -> int:
        return self.counts.total()

    def argument(self) -> str:
        flag = "--nodes" if self.nodes else "--relationships"
        return f"{flag}={self.label}={self.path}" if self.label else f"{flag}={self.path}"


class ImportFiles:
    """The importer's input files in a work folder: entity nodes by label, the catalogue's nodes by their typed
    properties, relationships by theirs."""

    def __init__(self, directory: Path):
        self.directory = directory
        self.files: dict[tuple[Any, ...], ImportFile] = {}

    def file(self, key: tuple[Any, ...], header: list[str], label: str | None, nodes: bool) -> ImportFile:
        if key not in self.files:
            name = f"{'nodes' if nodes else 'rels'}-{len(self.files):04d}-{label or 'mixed'}.csv"
            self.files[key] = ImportFile(self.directory / name, header, label, nodes)
        return self.files[key]

    def close(self) -> None:
        for f in self.files.values():
            f.handle.close()

    def arguments(self) -> list[str]:
        return [f.argument() for f in self.files.values() if f.rows]

    def multiline(self) -> list[str]:
        return [str(f.path) for f in self.files.values() if f.multiline]

    def counts(self) -> tuple[Counter[str], Counter[str]]:
        nodes: Counter[str] = Counter()
        links: Counter[str] = Counter()
        for f in self.files.values():
            (nodes if f.nodes else links).update(f.counts)
        return nodes, links


# The audit log is append-only (no statement may change an event): an event carried over with an empty list of
# object ids keeps no list, which its readers take alike (`$id IN e.object_ids` is not true for either).
APPEND_ONLY = "AuditEvent"


def list_properties() -> dict[str, set[str]]:
    """The list properties the model declares, by label: those admin/restore_empty_lists can give back."""
    model = load_model()
    declared: dict[str, set[str]] = {}
    for label in model.labels:
        if label == APPEND_ONLY:
            continue
        for name, prop in model.properties_of(label).items():
            if prop.type == "string_list":
                declared.setdefault(label, set()).add(name)
    return declared


# The labels whose nodes a later row names (a licence its subject, a hop its clue and the hop before): their numbers
# are kept, by id. The others' are not, so that a province's tasks take no memory.
NAMED = ("Subject", "Inspector", "Clue", "Referral")


class EntityWriter:
    """Writes the catalogue as read and the parsed entity rows as the upserts of cypher/entities/ store them.

    Nodes are numbered as the store will number them (`--id-type=actual`): the importer then maps no id, which was a
    sixth of its CPU. The catalogue's nodes come first, in the order read (both groups' writers number them alike),
    then each group's entities from the number it is given."""

    def __init__(
        self, files: ImportFiles, stamp: Stamp, catalogue: Catalogue, first_number: int, write_catalogue: bool = True
    ):
        self.files = files
        self.stamp = stamp
        self.node_stamp = stamp.cells(node=True)
        self.link_stamp = stamp.cells(node=False)
        self.departments = catalogue.departments()
        self.places = catalogue.places
        # The catalogue's nodes by every label they carry: an entity names a department by ("Department", id).
        self.ids: dict[Key, str] = {}
        self.numbers: dict[str, dict[str, str]] = {label: {} for label in NAMED}
        self.link_files: dict[str, ImportFile] = {}  # by relationship type
        self.next_number = first_number
        self.hops: dict[str, list[Hop]] = defaultdict(list)
        self.lists = list_properties()
        self.empty_lists: dict[Key, list[str]] = defaultdict(list)
        # An entity's list is always written, so an empty one is told by the missing property: no ids kept.
        self.empty_entity_lists: Counter[Key] = Counter()
        if len(catalogue.nodes) > first_number:
            raise SetupError(f"实体节点编号从 {first_number} 起,但参考目录有 {len(catalogue.nodes)} 个节点")
        for number, node in enumerate(catalogue.nodes):  # both groups' writers name them; one writes them
            if not isinstance(node.properties.get("id"), str):
                raise SetupError(f"{node.labels[0]} 节点没有编号(id),无法导入:{node.properties}")
            for label in node.labels:
                self.ids[(label, node.properties["id"])] = str(number)
        if write_catalogue:
            self._write_catalogue(catalogue)

    def _new(self) -> str:
        number = str(self.next_number)
        self.next_number += 1
        return number

    def _number(self, label: str, key: str) -> str:
        """The number of a node a later row may name: the one given when it was first written or named."""
        numbers = self.numbers[label]
        number = numbers.get(key)
        if number is None:
            number = numbers[key] = self._new()
        return number

    def _empty_list(self, labels: tuple[str, ...], prop: str, key: str) -> None:
        if APPEND_ONLY in labels:
            return
        label = next((label for label in labels if prop in self.lists.get(label, ())), None)
        if label is None:
            raise SetupError(f"{labels[0]}.{prop} 为空列表,但模型未声明该列表属性,neo4j-admin 无法导入空列表。")
        self.empty_lists[(label, prop)].append(key)

    def _list(self, label: str, prop: str, row: Row) -> str:
        if label not in SCANNED:
            raise SetupError(f"{label}.{prop} 是列表,但导入后补回空列表的语句不扫描 {label}。")
        if not row[prop]:
            self.empty_entity_lists[(label, prop)] += 1
            return ""
        return _cell(row[prop])

    def _write_catalogue(self, catalogue: Catalogue) -> None:
        for node in catalogue.nodes:
            props = node.properties
            for prop in [k for k, v in props.items() if isinstance(v, list) and not v]:
                self._empty_list(node.labels, prop, props["id"])
                props = {k: v for k, v in props.items() if k != prop}
            own = self.ids[(node.labels[0], props["id"])]
            keys = tuple(sorted(k for k, v in props.items() if v is not None and k != "id"))
            types = tuple(_type(props[k]) for k in keys)
            header = [":ID", ":LABEL", "id:string", *(f"{k}:{t}" for k, t in zip(keys, types, strict=True))]
            f = self.files.file(("node", keys, types), header, None, nodes=True)
            cells = [own, _cell(list(node.labels)), _cell(props["id"]), *(_cell(props[k]) for k in keys)]
            f.write(cells, node.labels[0])
        for link in catalogue.links:
            props = link.properties
            if any(isinstance(v, list) and not v for v in props.values()):
                raise SetupError(f"{link.type} 关系有空列表属性,neo4j-admin 无法导入空列表。")
            keys = tuple(sorted(k for k, v in props.items() if v is not None))
            types = tuple(_type(props[k]) for k in keys)
            header = [":START_ID", ":END_ID", ":TYPE", *(f"{k}:{t}" for k, t in zip(keys, types, strict=True))]
            f = self.files.file(("rel", keys, types), header, None, nodes=False)
            cells = [self.ids[link.start], self.ids[link.end], link.type, *(_cell(props[k]) for k in keys)]
            f.write(cells, link.type)

    def _nodes(self, label: str, columns: list[str]) -> ImportFile:
        header = [":ID", "id:string", *columns, *NODE_STAMP]
        return self.files.file(("node", label), header, label, nodes=True)

    def _link(self, start: str, rel_type: str, end: str, *cells: str) -> None:
        """One entity relationship, in the file of those with its properties (the stamp, a conflict's reason)."""
        f = self.link_files.get(rel_type)
        if f is None:
            columns = LINK_COLUMNS.get(rel_type, ())
            header = [":START_ID", ":END_ID", ":TYPE", *columns, *LINK_STAMP]
            f = self.link_files[rel_type] = self.files.file(("rel", "entity", columns), header, None, nodes=False)
        f.write([start, end, rel_type, *cells, *self.link_stamp], rel_type)

    def _to(self, label: str, key: str) -> str:
        return self.ids[(label, key)]

    def subjects(self, rows: Iterator[Row]) -> None:
        columns = ["name", "caption", "kind", "industry_code", "address", "credit_grade", "risk_class"]
        nodes = self._nodes("Subject", [*columns, "tags:string[]"])
        for row in rows:
            me = self._number("Subject", row["id"])
            cells = [_cell(row[c]) for c in columns]
            nodes.write([me, _cell(row["id"]), *cells, self._list("Subject", "tags", row), *self.node_stamp], "Subject")
            self._link(me, "LOCATED_IN", self._to("Region", row["region_id"]))
            for type_id in dict.fromkeys(row["type_ids"]):  # MERGE: a type named twice is one link
                self._link(me, "OF_TYPE", self._to("SubjectType", type_id))

    def licences(self, rows: Iterator[Row]) -> None:
        columns = ["name", "licence_no", "kind", "status", "approval_mode", "valid_from", "valid_to"]
        nodes = self._nodes("Licence", [*columns[:-2], "valid_from:date", "valid_to:date"])
        for row in rows:
            me = self._new()
            nodes.write([me, _cell(row["id"]), *(_cell(row[c]) for c in columns), *self.node_stamp], "Licence")
            self._link(me, "HELD_BY", self.numbers["Subject"][row["subject_id"]])
            self._link(me, "ISSUED_BY", self._to("Department", row["issuer_id"]))
            if row["matter_id"]:
                self._link(me, "FOR_MATTER", self._to("Matter", row["matter_id"]))
            if row["domain_id"]:
                self._link(me, "IN_DOMAIN", self._to("Domain", row["domain_id"]))

    def inspectors(self, rows: Iterator[Row]) -> None:
        nodes = self._nodes("Inspector", ["name", "cert_no", "qualifications:string[]", "specialties:string[]"])
        for row in rows:
            me = self._number("Inspector", row["id"])
            cells = [_cell(row["name"]), _cell(row["cert_no"])]
            cells += [self._list("Inspector", c, row) for c in ("qualifications", "specialties")]
            nodes.write([me, _cell(row["id"]), *cells, *self.node_stamp], "Inspector")
            self._link(me, "MEMBER_OF", self._to("Department", row["department_id"]))

    def conflicts(self, rows: Iterator[Row]) -> None:
        pairs = {(row["inspector_id"], row["subject_id"]): row["reason"] for row in rows}  # MERGE: the last row wins
        for (inspector, subject), reason in pairs.items():
            start, end = self.numbers["Inspector"][inspector], self.numbers["Subject"][subject]
            self._link(start, "CONFLICT_WITH", end, _cell(reason))

    def tasks(self, rows: Iterator[Row]) -> None:
        columns = ["window_start", "window_end", "kind", "status", "done_on"]
        nodes = self._nodes(
            "InspectionTask", ["window_start:date", "window_end:date", "kind", "status", "done_on:date"]
        )
        for row in rows:
            me = self._new()
            nodes.write([me, _cell(row["id"]), *(_cell(row[c]) for c in columns), *self.node_stamp], "InspectionTask")
            self._link(me, "BY_DEPARTMENT", self._to("Department", row["department_id"]))
            self._link(me, "ON_SUBJECT", self.numbers["Subject"][row["subject_id"]])
            for matter_id in dict.fromkeys(row["matter_ids"]):
                self._link(me, "COVERS", self._to("Matter", matter_id))
            if row["plan_id"]:
                self._link(me, "FROM_PLAN", self._to("InspectionPlan", row["plan_id"]))

    def referrals(self, rows: Iterator[Row]) -> None:
        nodes = self._nodes(
            "Referral", ["kind", "sent_at:datetime", "caption", "reason", "acknowledged_at:datetime", "outcome"]
        )
        for row in rows:
            me = self._number("Referral", row["id"])
            sent: datetime = row["sent_at"]
            caption = f"{row['kind']} {sent.month}-{sent.day:02d} → {self._shown(row['to_department_id'])}"
            head = [me, _cell(row["id"]), _cell(row["kind"]), _cell(sent), _cell(caption)]
            tail = [_cell(row[c]) for c in ("reason", "acknowledged_at", "outcome")]
            nodes.write(head + tail + self.node_stamp, "Referral")
            self._link(me, "OF_CLUE", self._number("Clue", row["clue_id"]))  # numbered here, written after
            self._link(me, "FROM_DEPARTMENT", self._to("Department", row["from_department_id"]))
            self._link(me, "TO_DEPARTMENT", self._to("Department", row["to_department_id"]))
            if row["previous_id"]:
                self._link(self.numbers["Referral"][row["previous_id"]], "NEXT_HOP", me)
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
                    recorded_at=self.stamp.at,  # the hop's created_at, on the server's clock
                )
            )

    def _shown(self, department_id: str) -> str:
        # As upsert_referrals.cypher: coalesce(last(split(receiver.caption, ' ')), receiver.short_name, name).
        receiver = self.departments[department_id]
        if receiver.get("caption") is not None:
            return str(receiver["caption"]).split(" ")[-1]
        return str(receiver.get("short_name") if receiver.get("short_name") is not None else receiver.get("name"))

    def clues(self, rows: Iterator[Row], on_subject: list[tuple[str, str]]) -> None:
        """After the referrals: a clue's chain_version is what the load's writes leave (one for the clue, two for
        each hop: its upsert and its link to the hop before), its summary what the load then computes. Its link to
        its subject goes into `on_subject` (its number, the subject's id): the subjects may still be being checked
        by the other group (see clues_on_subjects)."""
        columns = ["title", "description", "channel", "received_at", "status"]
        summaries = [
            "chain_version:long",
            "summary_version:long",
            "chain_hops:long",
            "chain_flags:string[]",
            "chain_ack_wait_us:long",
            "chain_act_us:long",
            "chain_unacked_since:datetime",
            "chain_acked_since:datetime",
        ]
        nodes = self._nodes("Clue", ["title", "description", "channel", "received_at:datetime", "status", *summaries])
        for row in rows:
            hops = self.hops.pop(row["id"], [])
            version = 1 + 2 * len(hops)
            facts = ClueFacts(
                row["id"],
                row["received_at"],
                row["status"],
                self.places[row["region_id"]],
                row["receiver_id"],
                tuple(hops),
            )
            s = summary.summarise(facts, self.places)
            folded = [_cell(v) for v in (version, version, s.hops)]
            folded.append(self._list("Clue", "chain_flags", {"id": row["id"], "chain_flags": s.flags}))
            folded += [_cell(v) for v in (s.ack_wait_us, s.act_us, s.unacked_since, s.acked_since)]
            me = self._number("Clue", row["id"])
            cells = [me, _cell(row["id"]), *(_cell(row[c]) for c in columns), *folded]
            nodes.write(cells + self.node_stamp, "Clue")
            self._link(me, "IN_REGION", self._to("Region", row["region_id"]))
            if row["subject_id"]:
                on_subject.append((me, row["subject_id"]))
            if row["matter_id"]:
                self._link(me, "ABOUT_MATTER", self._to("Matter", row["matter_id"]))
            if row["receiver_id"]:
                self._link(me, "RECEIVED_BY", self._to("Department", row["receiver_id"]))

    def clues_on_subjects(self, on_subject: list[tuple[str, str]]) -> None:
        """The clues' links to their subjects, once the subjects' numbers are here."""
        subjects = self.numbers["Subject"]
        for clue, subject_id in on_subject:
            self._link(clue, "ON_SUBJECT", subjects[subject_id])


# What writes each file's rows as they are checked; the clues are written apart, after the referrals, once every
# hop of their chains is known (see _write_clues_and_referrals).
WRITERS: dict[str, Callable[[EntityWriter, Iterator[Row]], None]] = {
    "subjects": EntityWriter.subjects,
    "licences": EntityWriter.licences,
    "inspectors": EntityWriter.inspectors,
    "conflicts": EntityWriter.conflicts,
    "tasks": EntityWriter.tasks,
    "referrals": EntityWriter.referrals,
}


# The entity files in two groups, checked and written on two cores (the Python side was 40 % of a province's
# import). The second (clues and their referrals) needs of the first only the subjects' ids, since a clue may name
# its subject: they are sent to it as soon as the subjects are checked, with whether a row of the first group was
# bad by then (the second then links no clue to a subject: nothing will be imported). The first group checks in
# the order of SPECS; the second reads the referrals first (see _write_clues_and_referrals), and checks its files
# again in the order of SPECS when one is bad.
FIRST = ("subjects", "licences", "inspectors", "conflicts", "tasks")
SECOND = ("clues", "referrals")


def _check(kind: str, directory: Path, known: Known, report: ImportReport) -> Iterator[Row]:
    """The good rows of one file, checked as the loaders check them (the bad ones go to the report), timed."""
    spec = SPECS[kind]
    # The graph holds no hops, so a hop continues only one written above it in the file.
    checked = replace(spec, check=HopChain({})) if kind == "referrals" else spec
    started, count = time.perf_counter(), 0
    for row in iter_table(checked, directory / spec.file, known, report.problems):
        count += 1
        yield row
    figures = report.files.setdefault(spec.file, FileFigures(count, 0.0))
    figures.seconds += time.perf_counter() - started


def _drain(rows: Iterator[Row]) -> None:
    """Checks without writing: the rows are only taken, so that every bad one reaches the report."""
    for _ in rows:
        pass


def _write_group(
    kinds: tuple[str, ...],
    directory: Path,
    writer: EntityWriter,
    known: Known,
    report: ImportReport,
    checked_subjects: Callable[[set[str], dict[str, str]], None] = lambda _ids, _numbers: None,
    write: bool = True,
) -> None:
    """Checks the group's files in dependency order, each against the catalogue and the files before it; once a row
    is bad the rest are still checked (so that the report names every bad row, as `graphsvc load demo` does), but
    no more import rows are written."""
    for kind in kinds:
        if not (directory / SPECS[kind].file).exists():
            continue
        rows = _check(kind, directory, known, report)
        if report.problems.errors or not write:
            _drain(rows)
        else:
            WRITERS[kind](writer, rows)
        if kind == "subjects":
            checked_subjects(known.ids.get("Subject", set()), writer.numbers["Subject"])


@dataclass(frozen=True)
class CheckedSubjects:
    """What the first group sends the second once the subjects are checked."""

    ids: set[str]  # every good subject row's, which a clue may name
    numbers: dict[str, str]  # the node numbers of those written (all of them, unless a row of the group was bad)
    first_failed: bool  # a row of the first group was bad: nothing will be imported


class ToCome(Known):
    """Ids of labels whose rows are still to be read (the clues, in the file after the referrals) or checked by the
    other group (the subjects): every id of such a label is taken for known and remembered, until it is settled."""

    def __init__(self, known: Known, labels: set[str]):
        super().__init__(known.ids)
        self.waiting = labels
        self.named: dict[str, set[str]] = defaultdict(set)

    def has(self, label: str, value: str) -> bool:
        if label in self.waiting:
            self.named[label].add(value)
            return True
        return super().has(label, value)

    def settle(self, label: str, ids: set[str] | None = None) -> bool:
        """Stops taking the label's ids for known (adding those given); whether every one named meanwhile is known."""
        self.waiting = self.waiting - {label}
        if ids is not None:
            self.add(label, ids)
        return self.named[label] <= self.ids.get(label, set())


def _write_clues_and_referrals(
    directory: Path,
    writer: EntityWriter,
    catalogue: Catalogue,
    report: ImportReport,
    subjects: Callable[[], CheckedSubjects],
) -> None:
    """The second group, each file read once while the subjects' ids are still to come: the referrals first (the
    clues they name are taken for known until the clues are read), then the clues with their chains, their links
    to subjects kept until the subjects' numbers are here. If anything was wrong (a bad row, a clue or a subject
    named that is not there), both files are checked again in the loaders' order with every id known, so that the
    errors are exactly the loaders' (a clue refused makes its hops unknown), and nothing is imported."""
    to_come = ToCome(catalogue.known(), {"Clue", "Subject"})
    _write_group(("referrals",), directory, writer, to_come, report)
    on_subject: list[tuple[str, str]] = []
    if (directory / SPECS["clues"].file).exists():
        rows = _check("clues", directory, to_come, report)
        if report.problems.errors:
            _drain(rows)
        else:
            writer.clues(rows, on_subject)
    clues_known = to_come.settle("Clue")
    checked = subjects()
    if report.problems.errors or not clues_known or not to_come.settle("Subject", checked.ids):
        known = catalogue.known()
        known.add("Subject", checked.ids)
        report.problems = LoadReport()
        report.files.clear()
        _write_group(SECOND, directory, writer, known, report, write=False)
        return
    if not checked.first_failed:  # else some subjects have no number, and nothing will be imported
        writer.numbers["Subject"] = checked.numbers
        writer.clues_on_subjects(on_subject)


def _close(files: ImportFiles, writer: EntityWriter | None, report: ImportReport) -> ImportReport:
    files.close()
    report.nodes, report.relationships = files.counts()
    report.arguments = files.arguments()
    report.multiline = files.multiline()
    if writer is not None:
        report.empty_lists = dict(writer.empty_lists)
        report.empty_entity_lists = writer.empty_entity_lists
    return report


def _second_group(directory: Path, work: Path, catalogue: Catalogue, stamp: Stamp, pipe: Connection) -> None:
    """The second group, in a process of its own; sends back its report, or what it raised with its traceback."""
    # The subjects' ids (tens of MB for a province) are taken off the pipe at once, on a thread: the first group's
    # send would otherwise wait until the clues are checked.
    with ThreadPoolExecutor(max_workers=1) as receiver:
        subjects = receiver.submit(pipe.recv)
        try:
            work.mkdir(parents=True, exist_ok=True)
            files = ImportFiles(work)
            report, writer = ImportReport(), None
            try:
                # Its nodes are numbered after as many as the first group's files could hold (counted here, beside
                # the first group's work, not before it).
                first_number = len(catalogue.nodes) + sum(_lines(directory / SPECS[kind].file) for kind in FIRST)
                writer = EntityWriter(files, stamp, catalogue, first_number, write_catalogue=False)
                _write_clues_and_referrals(directory, writer, catalogue, report, subjects.result)
            finally:
                _close(files, writer, report)
            pipe.send(report)
        except EOFError:  # the first group failed and closed the pipe: nobody to answer
            pass
        except BaseException as e:  # noqa: BLE001 - the parent raises it
            e.add_note("(在校验线索与移送文件的进程中)\n" + traceback.format_exc())
            pipe.send(e)
        finally:
            pipe.close()


def write_import_files(directory: Path, work: Path, catalogue: Catalogue, stamp: Stamp) -> ImportReport:
    """Checks every entity file of the folder as the normal loaders do and writes the importer's files into `work`,
    the two groups of files on two cores. The caller imports only a report without errors."""
    present = {kind for kind, spec in SPECS.items() if (directory / spec.file).exists()}
    if not present:
        names = "、".join(spec.file for spec in SPECS.values())
        raise InvalidInput(f"{directory} 中没有可载入的文件(应有 {names} 之一)")
    work.mkdir(parents=True, exist_ok=True)
    report, files, writer = ImportReport(), ImportFiles(work), None
    first_number = len(catalogue.nodes)
    if not present & set(SECOND):
        try:
            writer = EntityWriter(files, stamp, catalogue, first_number)
            _write_group(FIRST, directory, writer, catalogue.known(), report)
        finally:
            _close(files, writer, report)
        return _with_multiline_flags(report)
    # spawn, not fork: the server's stop runs on a thread of this process meanwhile.
    context = multiprocessing.get_context("spawn")
    pipe, child = context.Pipe()
    process = context.Process(
        target=_second_group, args=(directory, work / "second", catalogue, stamp, child), daemon=True
    )
    process.start()
    child.close()
    sent = False

    def send_subjects(ids: set[str], numbers: dict[str, str]) -> None:
        nonlocal sent
        sent = True
        with contextlib.suppress(OSError):  # the second group has ended already: its answer below says why
            pipe.send(CheckedSubjects(ids, numbers, bool(report.problems.errors)))

    try:
        if "subjects" not in present:
            send_subjects(set(), {})  # no subject to name: the second group need not wait for the first
        try:
            writer = EntityWriter(files, stamp, catalogue, first_number)
            _write_group(FIRST, directory, writer, catalogue.known(), report, send_subjects)
        finally:
            _close(files, writer, report)
        if not sent:  # the subjects' file went missing meanwhile
            send_subjects(set(), {})
        return _merge(report, _answer_of(pipe, process))
    finally:
        pipe.close()
        process.join(timeout=5)
        if process.is_alive():
            process.terminate()
            process.join()


def _lines(path: Path) -> int:
    """How many lines a file has (at least its rows), or 0 if it is missing."""
    if not path.exists():
        return 0
    with path.open("rb") as f:
        return sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b"")) + 1


def _answer_of(pipe: Connection, process: BaseProcess) -> ImportReport:
    try:
        answer = pipe.recv()
    except EOFError:
        process.join(timeout=5)
        raise SetupError(f"校验线索与移送文件的进程意外退出(退出码 {process.exitcode}),未导入任何数据。") from None
    if isinstance(answer, BaseException):
        raise answer
    return cast(ImportReport, answer)


def _with_multiline_flags(report: ImportReport) -> ImportReport:
    if report.multiline:
        report.arguments += ["--multiline-fields-format=v2", "--multiline-fields=" + ",".join(report.multiline)]
    return report


def _merge(first: ImportReport, second: ImportReport) -> ImportReport:
    """One report of both groups, its files and errors in the order of SPECS."""
    order = [spec.file for spec in SPECS.values()]
    files = {**first.files, **second.files}
    first.files = {name: files[name] for name in order if name in files}
    first.problems.errors += second.problems.errors
    first.problems.warnings += second.problems.warnings
    first.nodes += second.nodes
    first.relationships += second.relationships
    first.arguments += second.arguments
    first.multiline += second.multiline
    first.empty_entity_lists += second.empty_entity_lists
    return _with_multiline_flags(first)


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


def read_catalogue(runner: Runner) -> Catalogue:
    """Every node and relationship the graph holds (before an initial import: the reference catalogue)."""
    nodes = [CatalogueNode(tuple(row["labels"]), row["properties"]) for row in runner.read(ALL_NODES)]
    links = [
        CatalogueLink(
            (row["start_label"], row["start_id"]), row["type"], (row["end_label"], row["end_id"]), row["properties"]
        )
        for row in runner.read(ALL_RELATIONSHIPS)
    ]
    return Catalogue(nodes, links, read_places(runner))


def restore_empty_entity_lists(runner: Runner, expected: Counter[Key]) -> list[str]:
    """Gives the imported entities their empty lists back; says where the number restored is not the number the
    files wrote empty (a node without its list that was not written empty would be a fault of the import)."""
    wrong = []
    for (label, prop), count in expected.items():
        [row] = runner.write_in_transactions(RESTORE_EMPTY_ENTITY_LISTS, label=label, property=prop, batch=ENTITY_BATCH)
        if row["restored"] != count:
            wrong.append(f"{label}.{prop}:补回 {row['restored']} 个,导入文件中为空的 {count} 个")
    return wrong


def _stop_and_copy(server: LocalNeo4j, database: str, to: Path) -> float:
    """Stops the server and copies its database aside; returns the seconds taken."""
    started = time.perf_counter()
    server.stop()
    try:
        server.copy_database(database, to)
    except OSError as e:
        raise SetupError(f"导入前备份数据库失败,未导入:{e}") from e
    return time.perf_counter() - started


def _tail(done: subprocess.CompletedProcess[str]) -> str:
    return "\n".join((done.stdout + done.stderr).strip().splitlines()[-20:])


def initial_import(
    settings: Settings,
    directory: Path,
    actor: str,
    work: Path,
    progress: Callable[[str], None] = lambda _step: None,
    import_memory: str = "2g",
) -> ImportReport:
    """Loads a folder of entity files (as `graphsvc generate` writes them) into the local server's graph, which must
    hold no entity data, through neo4j-admin; raises InvalidInput naming every bad row (nothing imported then)."""
    if not settings.service.manage_neo4j:
        raise InvalidInput(
            "初始导入需要本地管理的 Neo4j(neo4j-admin 直接写数据库文件);"
            "GRAPHSVC_MANAGE_NEO4J=false 时请用 graphsvc load demo DIR 载入。"
        )
    if not directory.is_dir():
        raise InvalidInput(f"找不到文件夹 {directory}", [{"field": "directory", "reason": "not a folder"}])
    server = LocalNeo4j(settings)
    server.start()
    started = time.perf_counter()
    with connected(settings) as runner:
        if not check_empty(runner):
            progress("载入参考目录")
            schema.apply(runner)
            load_reference(runner, settings.service.reference_dir, actor).raise_if_failed()
        [clock] = runner.read(SERVER_TIME)
        stamp = Stamp(actor, clock["now"].astimezone(UTC))
        catalogue = read_catalogue(runner)
    reference_seconds = time.perf_counter() - started

    progress("校验实体文件并写出导入文件(同时停止 Neo4j 并备份数据库)")
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    before = work / "before"
    started = time.perf_counter()
    # The server is not needed while the files are checked: it stops, and its database (the catalogue, users, the
    # audit log) is copied aside meanwhile, so that a failed import can leave the graph as it was.
    with ThreadPoolExecutor(max_workers=1) as pool:
        stopping = pool.submit(_stop_and_copy, server, settings.neo4j.database, before)
        try:
            report = write_import_files(directory, work / "files", catalogue, stamp)
            report.problems.raise_if_failed()
            report.seconds["files"] = time.perf_counter() - started
            report.seconds["stop"] = stopping.result()  # the server's stop and the copy, beside the files
        except BaseException:
            wait([stopping])
            try:
                server.start()
            finally:
                shutil.rmtree(work, ignore_errors=True)  # the copy of the database too: nothing was imported
            raise
    report.seconds["reference"] = reference_seconds

    progress("导入(neo4j-admin database import full)")
    started = time.perf_counter()
    done = server.admin(
        "database",
        "import",
        "full",
        settings.neo4j.database,  # before the file lists, which would take it for one more file
        "--overwrite-destination=true",
        "--id-type=actual",  # the writers number the nodes as the store will
        "--array-delimiter=U+001F",
        f"--max-off-heap-memory={import_memory}",
        f"--report-file={work / 'import.report'}",
        *report.arguments,
    )
    report.seconds["import"] = time.perf_counter() - started
    report.importer_output = done.stdout
    if done.returncode != 0:
        try:
            server.restore_database(settings.neo4j.database, before)
            state = "数据库已恢复为导入前的内容"
        except (OSError, SetupError) as e:
            state = f"恢复失败({e}),备份在 {before}"
        server.start()
        raise SetupError(f"neo4j-admin 导入失败,{state}(导入文件留在 {work}):\n{_tail(done)}")
    progress("启动 Neo4j")
    started = time.perf_counter()
    server.start()
    with connected(settings) as runner:
        wait_until_ready(runner, settings.service.neo4j_start_timeout)
        report.seconds["start"] = time.perf_counter() - started
        progress("建立约束与索引")
        started = time.perf_counter()
        schema.apply(runner)
        report.seconds["schema"] = time.perf_counter() - started
        started = time.perf_counter()
        # After the schema, on a server warmed by it: no index holds these lists, and a county's took 5.4–5.8 s here
        # against 6.5–6.8 s right after the start.
        wrong = restore_empty_entity_lists(runner, report.empty_entity_lists)
        for (label, prop), ids in report.empty_lists.items():  # a few catalogue nodes, sought by id
            for at in range(0, len(ids), BATCH):
                runner.write(RESTORE_EMPTY_LISTS, label=label, property=prop, ids=ids[at : at + BATCH])
        report.seconds["empty_lists"] = time.perf_counter() - started
        for name, figures in report.files.items():
            runner.record(
                AUDIT_ACTION,
                {"file": str(directory / name), "rows": figures.rows, "actor": actor},
                [{"written": figures.rows}],
            )
    shutil.rmtree(work, ignore_errors=True)
    if wrong:  # imported, indexed and recorded all the same: what is wrong is said, not left half-done
        raise SetupError("导入完成,但空列表的数目不符:" + ";".join(wrong))
    return report
