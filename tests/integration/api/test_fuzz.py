"""A bounded fuzz of every operation of the OpenAPI document (schemathesis), against the real stack and database.

Each operation gets FUZZ_EXAMPLES generated calls (valid and invalid values the schema allows: huge offsets,
year 1, empty strings, long lists …), each with the token of a drawn role (admin, office, a department,
an analyst). About half of the calls are made realistic before they go out: the values the schema generated for
regions, departments, matters, USCCs, clues and their hops, disputes, plans, draws and times are replaced by
ones the graph holds (a generated county, loaded through the real loaders, and what earlier calls created), so
that writes get through to the database instead of stopping at a 404 or 422. Every answer must be no server
error, a status the document states for the operation, and a body that matches the documented schema (errors:
{"error": {...}}). The counts are printed (`pytest tests/test_fuzz.py -s`); bounded to about two minutes on two
cores.
"""

from __future__ import annotations

import csv
import os
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis.checks import (
    content_type_conformance,
    not_a_server_error,
    response_schema_conformance,
    status_code_conformance,
)

from graphsvc.api.app import create_app
from graphsvc.clues.times import BEIJING
from graphsvc.config import Settings
from graphsvc.db import Runner
from graphsvc.identity import Role, create_token
from loaders.entities import load_folder
from loaders.synthetic import generate
from tests.conftest import TEST_ACTOR

FUZZ_EXAMPLES = int(os.environ.get("GRAPHSVC_FUZZ_EXAMPLES", "12"))
# Writes the fuzz must get through to the database at least once, not only past validation.
MUST_SUCCEED = (
    "POST /api/v1/disputes",
    "POST /api/v1/disputes/{dispute_id}/ruling",
    "POST /api/v1/clues/{clue_id}/referrals",
)
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


REGIONS = ["610113", "310112", "310116", "150102", "140902"]
TEXTS = [
    "餐馆使用瓶装液化气未安装可燃气体报警装置",
    "群众反映某超市销售过期食品",
    "工地夜间施工噪声扰民",
    "拖欠农民工工资",
]
Draw = Callable[[st.SearchStrategy[Any]], Any]


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


class Pools:
    """Values the graph holds, by the name a parameter or a body field has; grown by what calls create."""

    def __init__(self, reference: Path, data: Path):
        today = date.today()
        departments = [r["id"] for r in _rows(reference / "departments.csv") if r["region_id"] in REGIONS]
        hops = _rows(data / "referrals.csv")
        passed_on = {r["previous_id"] for r in hops}
        open_clues = {r["id"] for r in _rows(data / "clues.csv") if r["status"] == "办理中"}
        # Open hops of open clues, with the department holding the clue there (the one that may pass it on).
        self.hops = [
            (r["clue_id"], r["id"], r["to_department_id"])
            for r in hops
            if r["clue_id"] in open_clues and r["id"] not in passed_on
        ]
        recent = (datetime.now(BEIJING) - timedelta(hours=2)).isoformat()
        self.values: dict[str, list[Any]] = {
            "region": REGIONS,
            "code": REGIONS,
            "department": departments,
            "department_id": departments,
            "from_department_id": departments,
            "receiver_id": departments,
            "to_department_ids": departments,
            "departments": departments,
            "lead": departments,
            "cooperating": departments,
            "matter_id": [r["id"] for r in _rows(reference / "matters.csv")][:40],
            "matters": [r["id"] for r in _rows(reference / "matters.csv")][:40],
            "uscc": [r["id"] for r in _rows(data / "subjects.csv")][:40],
            "subjects": [r["id"] for r in _rows(data / "subjects.csv")][:40],
            "basis_id": [r["id"] for r in _rows(reference / "legal_bases.csv")][:20],
            "version_id": [r["id"] for r in _rows(reference / "basis_versions.csv")][:20],
            "name": ["检查方式", "事项类别", "监管领域", "部门简称"],
            "received_at": [recent],
            "as_of": [None, today.isoformat()],
            "sent_at": [None],
            "acknowledged_at": [None],
            "closed_at": [None],
            "dispatched_at": [None],
            "backdate_reason": [None],
            "decided_on": [None, today.isoformat()],
            "effective_from": [today.isoformat()],
            "retroactive_reason": [None],
            "start": [today.isoformat()],
            "end": [(today + timedelta(days=60)).isoformat()],
            "from": [(today - timedelta(days=365)).isoformat()],
            "to": [today.isoformat()],
            "description": TEXTS,
            "text": TEXTS,
            "basis": [[]],
            "lead_functions": [[]],
            "cooperating_functions": [[]],
            "new_matter": [None],
            "blackout_dates": [[]],
            "offset": [0],
            "limit": [20],
        }
        self.created: dict[str, list[str]] = defaultdict(list)  # ids of disputes, merge plans and draws made

    def realise(self, key: str, value: Any, draw: Draw) -> Any:
        if isinstance(value, dict):
            return {k: self.realise(k, v, draw) for k, v in value.items()}
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            return [self.realise(key, v, draw) for v in value]  # e.g. claimants: each one's department_id
        pool = self.values.get(key)
        if pool is None:
            return value
        if isinstance(value, list) and pool and not isinstance(pool[0], list):
            return draw(st.lists(st.sampled_from(pool), min_size=1, max_size=2, unique=True))
        return draw(st.sampled_from(pool))

    def realise_case(self, case: Any, draw: Draw) -> None:
        if isinstance(case.body, dict):
            case.body = self.realise("", case.body, draw)
        if case.query:
            case.query = self.realise("", dict(case.query), draw)
        path = dict(case.path_parameters or {})
        holder = None
        if "referral_id" in path and self.hops:
            path["clue_id"], path["referral_id"], holder = draw(st.sampled_from(self.hops))
        elif "clue_id" in path and self.hops:
            path["clue_id"], _, holder = draw(st.sampled_from(self.hops))
        if isinstance(case.body, dict):
            if holder and "from_department_id" in case.body:
                case.body["from_department_id"] = holder  # only the holder may pass a clue on
            claimants = case.body.get("claimants")
            if isinstance(claimants, list) and claimants and isinstance(claimants[0], dict):
                # A dispute in the region of its first claimant, so that the parties belong there.
                first = str(claimants[0].get("department_id", ""))
                if first[:6].isdigit() and "region" in case.body:
                    case.body["region"] = first[:6]
        for key, made_by in (("dispute_id", "disputes"), ("plan_id", "merge-plan"), ("draw_id", "random-draw")):
            if key in path and self.created[made_by]:
                path[key] = draw(st.sampled_from(self.created[made_by]))
        case.path_parameters = self.realise("", path, draw)
        if case.operation.label in MUST_SUCCEED:
            self.complete(case, holder, draw)

    def complete(self, case: Any, holder: str | None, draw: Draw) -> None:
        """The body a clerk would send for a write that must get through: the fuzz's own values for the rest."""
        label = case.operation.label
        yanta = [d for d in self.values["department"] if d.startswith("610113-")]
        if label == "POST /api/v1/disputes":
            parties = draw(st.lists(st.sampled_from(yanta), min_size=2, max_size=2, unique=True))
            case.body = {
                "kind": draw(st.sampled_from(["职责交叉", "管辖争议"])),
                "matter_id": draw(st.sampled_from(self.values["matter_id"])),
                "region": "610113",
                "claimants": [{"department_id": d, "position": "不属于本部门职责"} for d in parties],
                "statement": "双方均认为不属于本部门职责",
            }
        elif label == "POST /api/v1/disputes/{dispute_id}/ruling":
            lead = [draw(st.sampled_from(yanta))]
            case.body = {"deciding_body": "编办", "lead": lead, "effective_from": date.today().isoformat()}
        elif label == "POST /api/v1/clues/{clue_id}/referrals" and holder:
            others = [d for d in self.values["department"] if d.split("-")[0] == holder.split("-")[0] and d != holder]
            if others:
                case.body = {
                    "kind": "转办",
                    "from_department_id": holder,
                    "to_department_ids": [draw(st.sampled_from(others))],
                    "reason": "不属于本部门职责,转有关部门办理",
                }

    def harvest(self, path: str, body: Any) -> None:
        """Remembers what a successful call created, for the calls on it that come later."""
        if not isinstance(body, dict):
            return
        made_by = path.rstrip("/").rsplit("/", 1)[-1]
        if made_by in ("disputes", "merge-plan", "random-draw") and isinstance(body.get("id"), str):
            self.created[made_by].append(body["id"])
        clue, hops = body.get("clue"), body.get("hops")
        if isinstance(clue, dict) and isinstance(hops, list):
            self.hops += [
                (clue["id"], h["id"], (h.get("to") or {}).get("id"))
                for h in hops
                if isinstance(h, dict) and h.get("current") and isinstance(h.get("to"), dict)
            ]


@pytest.fixture
def app(graph: Runner, settings: Settings) -> Iterator[FastAPI]:
    application = create_app(settings)
    application.state.runner = graph  # what the lifespan sets up; the ASGI transport calls without it
    yield application


@pytest.fixture
def pools(graph: Runner, settings: Settings, tmp_path: Path) -> Pools:
    generate("tiny", 5, tmp_path, settings.service.reference_dir)
    load_folder(graph, tmp_path, TEST_ACTOR).raise_if_failed()
    return Pools(settings.service.reference_dir, tmp_path)


def test_every_operation_survives_a_bounded_fuzz(app: FastAPI, graph: Runner, pools: Pools) -> None:
    tokens = {
        "admin": create_token(graph, "模糊测试管理员", Role.admin, None, TEST_ACTOR).token,
        "office": create_token(graph, "模糊测试编办", Role.office, None, TEST_ACTOR).token,
        "department": create_token(graph, "模糊测试市场监管", Role.department, "610113-scjgj", TEST_ACTOR).token,
        "analyst": create_token(graph, "模糊测试分析员", Role.analyst, None, TEST_ACTOR).token,
    }
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 30
    statuses: Counter[int] = Counter()
    calls: Counter[str] = Counter()
    written: Counter[str] = Counter()
    succeeded: Counter[str] = Counter()  # 2xx answers by operation, reads and writes
    refused: dict[str, Counter[str]] = defaultdict(Counter)  # why the writes that must succeed did not
    writes = 0
    slowest: dict[str, float] = defaultdict(float)
    failures: list[str] = []

    def fuzz(operation: Any) -> None:
        @given(
            case=operation.as_strategy(),
            role=st.sampled_from(["admin", "admin", "office", "department", "analyst"]),
            # the writes that must get through are made realistic two times in three, the others one in two
            realistic=st.sampled_from([True, True, False]) if operation.label in MUST_SUCCEED else st.booleans(),
            data=st.data(),
        )
        @settings(
            max_examples=FUZZ_EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any, role: str, realistic: bool, data: st.DataObject) -> None:
            nonlocal writes
            if realistic:
                pools.realise_case(case, data.draw)
                if operation.label in MUST_SUCCEED:
                    role = "office"  # the 编办 clerk, who files disputes, rules on them and passes clues on
            started = time.monotonic()
            response = case.call(headers={"Authorization": f"Bearer {tokens[role]}"}, timeout=60)
            slowest[operation.label] = max(slowest[operation.label], time.monotonic() - started)
            statuses[response.status_code] += 1
            calls[operation.label] += 1
            if response.status_code < 300:
                succeeded[operation.label] += 1
            elif operation.label in MUST_SUCCEED:
                error = (_json(response) or {}).get("error") if isinstance(_json(response), dict) else None
                refused[operation.label][f"{response.status_code} {str(error)[:160]}"] += 1
            if case.method.upper() != "GET":
                writes += 1
                if response.status_code < 300:
                    written[operation.label] += 1
                    pools.harvest(case.formatted_path, _json(response))
            try:
                case.validate_response(response, checks=CHECKS)
            except Exception as e:  # noqa: BLE001 - every failure is collected and reported below
                failures.append(f"{operation.label}: {response.status_code} {str(e).splitlines()[0][:300]}")

        run()

    for operation in operations:
        fuzz(operation)

    client_errors = sum(n for s, n in statuses.items() if 400 <= s < 500)
    server_errors = sum(n for s, n in statuses.items() if s >= 500)
    print(
        f"\nfuzz: {len(operations)} operations, {sum(calls.values())} calls, {writes} writes of which "
        f"{sum(written.values())} succeeded (2xx) on {len(written)} operations, {client_errors} 4xx, "
        f"{server_errors} server errors, statuses {dict(sorted(statuses.items()))}, {len(failures)} failed checks"
        f"\n  successful writes: {dict(written.most_common())}"
        "\n  slowest calls: "
        + ", ".join(f"{k} {v:.1f}s" for k, v in sorted(slowest.items(), key=lambda kv: -kv[1])[:5])
        + "\n  2xx by operation: "
        + ", ".join(f"{label} {succeeded[label]}/{calls[label]}" for label in sorted(calls))
        + "".join(f"\n  refused {label}: {dict(refused[label])}" for label in MUST_SUCCEED)
    )
    assert server_errors == 0, failures[:20]
    assert not failures, "\n".join(failures[:30])
    # The fuzz reaches the database's writes, not only the validation in front of them.
    assert len(written) >= 6 and sum(written.values()) >= writes // 10, dict(written)
    missing = [label for label in MUST_SUCCEED if not written[label]]
    assert missing == [], "\n".join(f"{label}: {dict(refused[label])}" for label in missing)


def _json(response: Any) -> Any:
    try:
        return response.json()
    except ValueError:
        return None
