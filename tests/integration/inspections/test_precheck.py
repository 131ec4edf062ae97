"""The pre-scheduling check through the API, and its duplicates and overlaps against a networkx reference."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from itertools import count
from pathlib import Path

import networkx as nx
import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graphsvc.api.app import create_app
from graphsvc.config import Settings
from graphsvc.db import Runner
from graphsvc.identity import Role, User, create_token
from graphsvc.inspections.frequency import load_table
from graphsvc.inspections.precheck import PrecheckRequest, precheck
from tests.conftest import TEST_ACTOR
from tests.support.inspection_data import (
    FIRE,
    FIRE_CHECK,
    FOOD,
    FOOD_ONLINE,
    MARKET,
    S1,
    S2,
    S3,
    S4,
    SAFETY,
    SAFETY_CHECK,
    base_subjects,
    load_tasks,
    load_world,
    task,
)
from tests.support.round_trips import READ_TRANSACTION, CountingRunner

URL = "/api/v1/inspections/precheck"


@pytest.fixture(scope="module")
def world(runner: Runner, tmp_path_factory: pytest.TempPathFactory) -> Runner:
    return load_world(runner, tmp_path_factory.mktemp("precheck"))


@pytest.fixture(scope="module")
def api(world: Runner, settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture(scope="module")
def auth(world: Runner) -> dict[str, str]:
    """An admin token in the module's graph (the conftest one would wipe it)."""
    return bearer(world, Role.admin)


def bearer(runner: Runner, role: Role, department: str | None = None) -> dict[str, str]:
    token = create_token(runner, f"测试-{role.value}-{department}", role, department, TEST_ACTOR).token
    return {"Authorization": f"Bearer {token}"}


def body(**overrides: object) -> dict:
    return {
        "department": MARKET,
        "subjects": [S1],
        "matters": [FOOD],
        "window": {"start": "2025-06-01", "end": "2025-06-30"},
    } | overrides


def test_duplicates_overlaps_joinable_frequency_responsibility(world: Runner, api: TestClient) -> None:
    response = api.post(URL, json=body(), headers=bearer(world, Role.department, MARKET))
    assert response.status_code == 200, response.text
    answer = response.json()
    [result] = answer["results"]
    assert result["subject"]["id"] == S1
    # Done on 3-10, the window opens 6-01: 83 days, within the 730 days an A/低 subject allows.
    assert [(d["task_id"], d["gap_days"]) for d in result["duplicates"]] == [("t1", 83)]
    assert result["frequency"] == {
        "credit_grade": "A",
        "risk_class": "低",
        "ratio": 0.03,
        "frequency_per_year": 0.5,
        "min_interval_days": 730,
        "note": "信用好、风险低:合理降低抽查比例和频次",
    }
    overlaps = {o["task_id"]: o for o in result["overlaps"]}
    assert set(overlaps) == {"t2", "t3"}  # t6 is this department's own task, t1 is done
    assert overlaps["t3"]["common_window"] == {"start": "2025-06-15", "end": "2025-06-30"}
    assert overlaps["t2"]["department"] == {"id": FIRE, "name": "闵行区消防救援支队"}
    assert result["joinable"] == []
    [duty] = result["responsibility"]
    assert (duty["role"], duty["responsible"], duty["warning"]) == ("牵头", True, None)
    assert result["offsite"] == [
        {"matter": {"id": FOOD, "name": "对食品经营者的监督检查"}, "offsite_ok": False, "check_method": "双随机抽查"}
    ]


def test_the_responsibility_of_a_check_is_one_statement_from_the_held_catalogue(world: Runner) -> None:
    request = PrecheckRequest.model_validate(body(subjects=[S1, S2]))
    admin = User(id="test", name="test", role=Role.admin, token_id="t")
    counting = CountingRunner(world)
    first = precheck(counting, request, admin, load_table())  # the catalogue's model and the date held from here
    counting.sent.clear()
    assert precheck(counting, request, admin, load_table()) == first
    # the facts, then each region's resolution as one statement (the stamp and the devolved powers); the ids asked
    # are ids of the held catalogue, so none is looked up as a code
    regions = {r.subject.region_id for r in first.results}
    assert len(regions) == 2
    assert counting.sent == ["inspection/get_precheck_facts"] + ["responsibility/get_live_facts"] * len(regions)
    assert READ_TRANSACTION not in counting.sent


def test_a_department_that_is_not_responsible_is_warned(world: Runner, api: TestClient, auth: dict[str, str]) -> None:
    answer = api.post(URL, json=body(department=FIRE, matters=[SAFETY_CHECK, FOOD]), headers=auth).json()
    [result] = answer["results"]
    safety, food = result["responsibility"]
    assert (safety["role"], safety["warning"]) == ("配合", None)
    assert [h["id"] for h in safety["lead"]] == [SAFETY]
    assert food["role"] is None and food["responsible"] is False
    assert "闵行区市场监督管理局" in food["warning"]
    assert food["warning"] in result["warnings"]


def test_offsite_matters_and_the_subjects_own_interval(world: Runner, api: TestClient, auth: dict[str, str]) -> None:
    answer = api.post(URL, json=body(subjects=[S2, S4], matters=[FOOD_ONLINE, FOOD], task_id="t4"), headers=auth).json()
    s2, s4 = answer["results"]
    assert s2["frequency"]["min_interval_days"] == 91  # C/高: 4 a year
    assert s2["duplicates"] == []  # t4 is the task being edited
    assert s4["frequency"]["credit_grade"] == "*" and s4["frequency"]["risk_class"] == "*"
    assert [o["offsite_ok"] for o in s2["offsite"]] == [True, False]
    only_offsite = api.post(URL, json=body(subjects=[S2], matters=[FOOD_ONLINE]), headers=auth).json()
    assert any("非现场" in w for w in only_offsite["results"][0]["warnings"])


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"department": "310112-nosuch"}, "department"),
        ({"subjects": [S1, S1[:-1] + ("0" if S1[-1] != "0" else "1")]}, "subjects.1"),
        ({"window": {"start": "2025-06-30", "end": "2025-06-01"}}, "window.end"),
        ({"matters": []}, "matters"),
        ({"matters": [FOOD, "no-such-matter"]}, "matters.1"),
        ({"subjects": ["91310112MA0000099I"]}, "subjects.0"),
    ],
)
def test_bad_input_is_422_naming_the_field(api: TestClient, auth: dict[str, str], change: dict, field: str) -> None:
    response = api.post(URL, json=body(**change), headers=auth)
    assert response.status_code == 422, response.text
    assert field in [d["field"] for d in response.json()["error"]["details"]]


def test_an_unknown_subject_is_422(api: TestClient, auth: dict[str, str]) -> None:
    from tests.support.inspection_data import uscc

    response = api.post(URL, json=body(subjects=[uscc(99)]), headers=auth)
    assert response.status_code == 422
    assert response.json()["error"]["details"] == [{"field": "subjects.0", "reason": "unknown subject"}]


def test_a_department_user_prechecks_for_its_own_department_only(world: Runner, api: TestClient) -> None:
    response = api.post(URL, json=body(department=FIRE), headers=bearer(world, Role.department, MARKET))
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert api.post(URL, json=body(department=FIRE), headers=bearer(world, Role.analyst)).status_code == 200


# -- against a reference -----------------------------------------------------------------------------

DEPARTMENTS = [MARKET, FIRE, SAFETY]
MATTERS = [FOOD, FIRE_CHECK, SAFETY_CHECK]
SUBJECTS = [S1, S2, S3, S4]
Y0 = date(2025, 1, 1)
examples = count()


@st.composite
def task_rows(draw: st.DrawFn) -> list[dict]:
    rows = []
    for n in range(draw(st.integers(0, 12))):
        start = Y0 + timedelta(days=draw(st.integers(0, 500)))
        end = start + timedelta(days=draw(st.integers(0, 60)))
        status = draw(st.sampled_from(["计划", "计划", "已完成", "已取消"]))
        done = start + timedelta(days=draw(st.integers(0, (end - start).days))) if status == "已完成" else None
        rows.append(
            task(
                f"p{n}",
                draw(st.sampled_from(DEPARTMENTS)),
                draw(st.sampled_from(SUBJECTS)),
                "|".join(draw(st.lists(st.sampled_from(MATTERS), min_size=1, max_size=2, unique=True))),
                start.isoformat(),
                end.isoformat(),
                status=status,
                done_on=done.isoformat() if done else "",
            )
        )
    return rows


def reference(rows: list[dict], request: PrecheckRequest) -> dict[str, tuple[set, set]]:
    """Duplicates and overlaps per subject, from a plain graph of tasks, subjects and matters."""
    g = nx.Graph()
    for r in rows:
        g.add_node(r["id"], **r)
        g.add_edge(r["id"], ("subject", r["subject_id"]))
        for m in r["matter_ids"].split("|"):
            g.add_edge(r["id"], ("matter", m))
    grades = {s["id"]: (s["credit_grade"], s["risk_class"]) for s in base_subjects()}
    table = load_table()
    w0, w1 = request.window.start, request.window.end
    answer = {}
    for s in request.subjects:
        interval = table.lookup(*(x or None for x in grades[s])).min_interval_days
        dups, overlaps = set(), set()
        for t in g.neighbors(("subject", s)) if ("subject", s) in g else []:
            r = g.nodes[t]
            if r["status"] == "已取消":
                continue
            a = date.fromisoformat(r["done_on"] or r["window_start"])
            b = date.fromisoformat(r["done_on"] or r["window_end"])
            same_matter = any(("matter", m) in g[t] for m in request.matters)
            if same_matter and (w0 - b).days < interval and (a - w1).days < interval:
                dups.add(t)
            if r["department_id"] != request.department and r["status"] == "计划" and a <= w1 and b >= w0:
                overlaps.add(t)
        answer[s] = (dups, overlaps)
    return answer


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rows=task_rows(),
    department=st.sampled_from(DEPARTMENTS),
    matters=st.lists(st.sampled_from(MATTERS), min_size=1, max_size=3, unique=True),
    start=st.integers(0, 500),
    length=st.integers(0, 90),
    subjects=st.lists(st.sampled_from(SUBJECTS), min_size=1, max_size=4, unique=True),
)
def test_duplicates_and_overlaps_agree_with_the_reference(
    world: Runner,
    tmp_path: Path,
    rows: list[dict],
    department: str,
    matters: list[str],
    start: int,
    length: int,
    subjects: list[str],
) -> None:
    # Each example's tasks get fresh ids; earlier examples' tasks stay in the graph, and the answer is read
    # for this example's tasks only.
    n = next(examples)
    rows = [r | {"id": f"x{n}-{r['id']}"} for r in rows]
    if rows:
        load_tasks(world, tmp_path / f"tasks{n}", rows)
    window_start = Y0 + timedelta(days=start)
    request = PrecheckRequest.model_validate(
        {
            "department": department,
            "subjects": subjects,
            "matters": matters,
            "window": {"start": window_start, "end": window_start + timedelta(days=length)},
        }
    )
    admin = User(id="test", name="test", role=Role.admin, token_id="t")
    answer = precheck(world, request, admin, load_table()).model_dump()
    got = {
        r["subject"]["id"]: (
            {d["task_id"] for d in r["duplicates"] if d["task_id"].startswith(f"x{n}-")},
            {o["task_id"] for o in r["overlaps"] if o["task_id"].startswith(f"x{n}-")},
        )
        for r in answer["results"]
    }
    assert got == reference(rows, request)
