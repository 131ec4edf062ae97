"""Hardening that needs no database of its own: no statement rewrites the audit log, 503 within a second when
Neo4j is unreachable, back-dated steps stall by the server's clock, exports neutralise formulas and carry a BOM."""

from __future__ import annotations

import csv
import io
import re
import time
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl
from fastapi.testclient import TestClient
from pydantic import SecretStr

from graphsvc.api.app import create_app
from graphsvc.clues.chain import ClueFacts, Hop, Limits, Place, analyse
from graphsvc.clues.times import BEIJING
from graphsvc.config import Neo4jSettings, Settings
from graphsvc.cypher import CYPHER_DIR, parse_file
from graphsvc.export import csv_text, write_table
from tests.conftest import make_settings

# -- the audit log ---------------------------------------------------------------------------------------------


def test_no_statement_updates_or_deletes_audit_events() -> None:
    """The log is append-only: the only statement naming AuditEvent with a write creates one. The test wipe
    (admin/delete_everything, refused outside the test home) is the one statement that deletes every node."""
    writes = re.compile(r"\b(SET|REMOVE|DELETE|DETACH|MERGE|FOREACH)\b", re.IGNORECASE)
    naming = []
    for path in sorted(CYPHER_DIR.rglob("*.cypher")):
        q = parse_file(path)
        if q.mode == "schema":
            continue  # generated from graphsvc/model.yaml: constraints and indexes, no data
        if "AuditEvent" in q.text and q.mode == "write":
            naming.append(q.name)
            assert not writes.search(q.text), f"{q.name} changes audit events"
        if q.mode == "write" and re.search(r"MATCH \(\w+\)\s*(DETACH )?DELETE", q.text):
            assert q.name == "admin/delete_everything", f"{q.name} deletes nodes of any label"
    assert naming == ["audit_log/create_event"]  # reads may name it (the log's list, counts that leave it out)
    service = Path(CYPHER_DIR).parent / "graphsvc"
    assert not any("delete_everything" in p.read_text(encoding="utf-8") for p in service.rglob("*.py"))


# -- bounds ----------------------------------------------------------------------------------------------------


def test_an_unreachable_database_answers_503_within_a_second(settings: Settings) -> None:
    down = Settings(
        Neo4jSettings(uri="neo4j://127.0.0.1:1", username="neo4j", password=SecretStr("x"), database="neo4j"),
        make_settings().service,
    )
    with TestClient(create_app(down)) as client:
        for _ in range(3):
            started = time.monotonic()
            response = client.get("/api/v1/me", headers={"Authorization": "Bearer gs_whatever"})
            elapsed = time.monotonic() - started
            assert response.status_code == 503 and elapsed < 1.0, (response.status_code, elapsed)
            assert response.json()["error"]["message"] == "图数据库暂不可用,请稍后重试。"


# -- the access policy -----------------------------------------------------------------------------------------


# -- identity --------------------------------------------------------------------------------------------------


# -- server-stamped times --------------------------------------------------------------------------------------


def test_back_dated_steps_still_stall_by_the_servers_clock() -> None:
    place = Place("d", "某局", "r", "某区", ("r",), "p", "某省")
    sent = datetime(2025, 3, 1, 9, 0, tzinfo=BEIJING)
    recorded_ack = sent + timedelta(days=5)  # acknowledged five days later, but stated as five minutes after
    hop = Hop(
        "h1",
        "分办",
        "d",
        sent,
        acknowledged_at=sent + timedelta(minutes=5),
        recorded_at=sent,
        acknowledged_recorded_at=recorded_ack,
    )
    facts = ClueFacts("c", sent, "办理中", place, None, (hop,))
    chain = analyse(facts, {"d": place}, recorded_ack + timedelta(hours=1), Limits())
    assert chain.holdings[0].stalled == "acknowledge" and "STALLED" in chain.flag_codes
    honest = Hop("h1", "分办", "d", sent, acknowledged_at=sent + timedelta(minutes=5))  # loaded history
    chain = analyse(ClueFacts("c", sent, "办理中", place, None, (honest,)), {"d": place}, sent + timedelta(hours=1))
    assert "STALLED" not in chain.flag_codes


# -- exports ---------------------------------------------------------------------------------------------------


def test_exports_neutralise_formulas_and_carry_a_bom(tmp_path: Path) -> None:
    names = ['=HYPERLINK("http://x")', "+86-10", "-1+1", "@SUM(A1)", "\tTAB", "\rCR", "老王家常菜馆"]
    text = csv_text(["名称", "数"], [[n, -5] for n in names])
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert [r[0] for r in rows[1:]] == ["'" + n for n in names[:-1]] + ["老王家常菜馆"]
    assert {r[1] for r in rows[1:]} == {"-5"}  # numbers stay numbers
    write_table(tmp_path / "report.xlsx", ["名称"], [[n] for n in names])
    sheet = openpyxl.load_workbook(tmp_path / "report.xlsx").active
    assert sheet is not None
    assert all(not str(c.value).startswith(("=", "+", "-", "@")) for c in sheet["A"]) and sheet["A2"].data_type == "s"
