"""Merge plans through the API (propose, read, accept twice, supersede, stale), and plans turned into tasks."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from graphsvc.api.app import create_app
from graphsvc.config import Settings
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.identity import Role
from tests.conftest import TEST_ACTOR
from tests.support.auth import role_bearer as bearer
from tests.support.inspection_data import (
    FIRE,
    FIRE_CHECK,
    FOOD,
    FOOD_ONLINE,
    MARKET,
    MH,
    S1,
    SAFETY,
    SAFETY_CHECK,
    base_tasks,
    load_tasks,
)

URL = "/api/v1/inspections/merge-plan"
COUNT = query("admin/count_nodes_by_label")
UPSERT_PLANS = query("forms/upsert_plans")


@pytest.fixture
def office(world: Runner) -> dict[str, str]:
    return bearer(world, Role.office)


def plan_body(**overrides: object) -> dict:
    return {"region": MH, "period": {"start": "2025-01-01", "end": "2025-12-31"}} | overrides


def visits(answer: dict) -> list[tuple[str, str, list[str]]]:
    return [(j["subject_id"], j["visit_on"], [t["id"] for t in j["tasks"]]) for j in answer["joint_inspections"]]


def test_a_plan_merges_the_tasks_that_share_a_day(api: TestClient, office: dict) -> None:
    response = api.post(URL, json=plan_body(), headers=office)
    assert response.status_code == 200, response.text
    answer = response.json()
    assert answer["optimal"] is True and answer["status"] == "拟定"
    # S1: t6 (market, 6-20..6-25) ends first; fire's t2 and safety's t3 hold 6-25 too. t1 is done, t5 cancelled.
    assert visits(answer) == [(S1, "2025-06-25", ["t2", "t3", "t6"])]
    [joint] = answer["joint_inspections"]
    assert joint["window"] == {"start": "2025-06-20", "end": "2025-06-25"}
    assert joint["department_ids"] == [MARKET, FIRE, SAFETY] and joint["cross_department"]
    # Three domains with one matter each: the tie goes to the smaller domain id (fire), led by the fire brigade.
    assert joint["lead_department_id"] == FIRE
    checklist = {c["matter"]["id"]: c for c in joint["checklist"]}
    assert set(checklist) == {FIRE_CHECK, SAFETY_CHECK, FOOD_ONLINE}
    assert checklist[FOOD_ONLINE]["department_ids"] == [MARKET]
    assert [(b["title"], b["article"], b["in_force"]) for b in checklist[FIRE_CHECK]["legal_bases"]] == [
        ("消防法", "第53条", True)
    ]
    summary = answer["summary"]
    assert (summary["tasks"], summary["visits_before"], summary["visits_after"], summary["visits_saved"]) == (
        4,
        4,
        2,
        2,
    )
    assert summary["by_department"][FIRE] == {"tasks": 1, "merged_tasks": 1, "visits": 1, "visits_saved": 0}
    assert summary["by_department"][MARKET] == {"tasks": 2, "merged_tasks": 1, "visits": 2, "visits_saved": 1}
    assert sum(d["visits_saved"] for d in summary["by_domain"].values()) == 2


def test_limits_and_blackout_dates(api: TestClient, office: dict) -> None:
    limited = api.post(URL, json=plan_body(max_departments_per_visit=2), headers=office).json()
    assert limited["optimal"] is False and "启发式" in limited["method"]
    assert visits(limited) == [(S1, "2025-06-25", ["t2", "t6"])]
    assert limited["summary"]["visits_after"] == 3
    blackout = api.post(URL, json=plan_body(blackout_dates=["2025-06-25", "2025-06-24"]), headers=office).json()
    assert visits(blackout) == [(S1, "2025-06-23", ["t2", "t3", "t6"])]
    assert blackout["optimal"] is True


def test_accepting_links_the_tasks_and_twice_changes_nothing(world: Runner, api: TestClient, office: dict) -> None:
    plan = api.post(URL, json=plan_body(), headers=office).json()
    first = api.post(f"{URL}/{plan['id']}/accept", headers=office)
    assert first.status_code == 200, first.text
    assert (first.json()["status"], first.json()["confirmed"], first.json()["already_accepted"]) == ("已接受", 1, False)
    graph = world.read(COUNT)
    stored = api.get(f"{URL}/{plan['id']}", headers=office).json()
    second = api.post(f"{URL}/{plan['id']}/accept", headers=office).json()
    assert second["already_accepted"] is True and second["confirmed"] == 0
    assert second["accepted_at"] == first.json()["accepted_at"]
    assert world.read(COUNT) == graph
    assert api.get(f"{URL}/{plan['id']}", headers=office).json() == stored
    [joint] = stored["joint_inspections"]
    assert joint["status"] == "已确认"
    office_id = api.get("/api/v1/me", headers=office).json()["id"]
    assert stored["created_by"] == stored["accepted_by"] == office_id  # writes record the acting user
    with world.driver.session(database=world.database) as session:  # what an analyst sees in the Browser
        links = session.run(
            "MATCH (j:JointInspection {id: $id}) RETURN [(j)-[:LED_BY]->(d) | d.id] AS lead,"
            " [(j)-[:COOPERATED_BY]->(d) | d.id] AS cooperating, [(j)-[:COVERS]->(m) | m.id] AS matters,"
            " [(t)-[:MERGED_INTO]->(j) | t.id] AS tasks",
            id=joint["id"],
        ).single()
    assert links is not None
    assert (links["lead"], sorted(links["cooperating"])) == ([FIRE], [MARKET, SAFETY])
    assert sorted(links["matters"]) == sorted([FIRE_CHECK, SAFETY_CHECK, FOOD_ONLINE])
    assert sorted(links["tasks"]) == ["t2", "t3", "t6"]
    # The precheck now offers the visit to join, and a new plan leaves the merged tasks alone.
    check = {
        "department": MARKET,
        "subjects": [S1],
        "matters": [FOOD],
        "window": {"start": "2025-06-01", "end": "2025-06-30"},
    }
    result = api.post("/api/v1/inspections/precheck", json=check, headers=office).json()["results"][0]
    assert [(j["id"], j["status"], j["merge_plan_id"]) for j in result["joinable"]] == [
        (joint["id"], "已确认", plan["id"])
    ]
    assert all(o["joint_inspection_ids"] == [joint["id"]] for o in result["overlaps"])
    again = api.post(URL, json=plan_body(), headers=office).json()
    assert again["summary"]["tasks"] == 1 and again["joint_inspections"] == []


def test_a_newer_plan_supersedes_and_stale_proposals_are_cancelled(
    world: Runner, api: TestClient, office: dict, tmp_path: Path
) -> None:
    old = api.post(URL, json=plan_body(), headers=office).json()
    new = api.post(URL, json=plan_body(), headers=office).json()
    assert new["superseded"] == [old["id"]]
    refused = api.post(f"{URL}/{old['id']}/accept", headers=office)
    assert refused.status_code == 409
    # t2 is cancelled after the proposal: its visit is no longer what was proposed.
    load_tasks(world, tmp_path / "changed", [t | {"status": "已取消"} for t in base_tasks() if t["id"] == "t2"])
    accepted = api.post(f"{URL}/{new['id']}/accept", headers=office).json()
    assert (accepted["confirmed"], accepted["cancelled_as_stale"]) == (0, 1)


def test_who_may_merge(world: Runner, api: TestClient) -> None:
    assert api.post(URL, json=plan_body(), headers=bearer(world, Role.department, MARKET)).status_code == 403
    assert api.post(URL, json=plan_body(), headers=bearer(world, Role.analyst)).status_code == 403
    admin = bearer(world, Role.admin)
    bad = api.post(URL, json=plan_body(period={"start": "2025-12-31", "end": "2025-01-01"}), headers=admin)
    assert bad.status_code == 422 and bad.json()["error"]["details"][0]["field"] == "period.end"
    unknown = api.post(URL, json=plan_body(region="310199"), headers=admin)
    assert unknown.status_code == 422 and unknown.json()["error"]["details"][0]["field"] == "region"
    nobody = api.post(URL, json=plan_body(departments=[MARKET, "310112-nosuch"]), headers=admin)
    assert nobody.status_code == 422 and nobody.json()["error"]["details"][0]["field"] == "departments.1"
    assert api.post(f"{URL}/merge-nosuch/accept", headers=admin).status_code == 404


# -- plans from the form ------------------------------------------------------------------------------


def add_plan(runner: Runner, **row: object) -> str:
    plan = {
        "id": "plan-310112-test",
        "name": "食品与消防联合检查计划",
        "quantity": "50%,每季度1次",
        "ratio": 0.5,
        "frequency_per_year": 4.0,
        "start": date(2025, 7, 1),
        "end": date(2025, 12, 31),
        "subjects_text": "全区相关单位",
        "source": "test",
        "region_id": MH,
        "lead_id": MARKET,
        "cooperating_ids": [FIRE],
        "matter_ids": [FOOD, FIRE_CHECK],
    } | row
    runner.write(UPSERT_PLANS, rows=[plan], actor=TEST_ACTOR)
    return str(plan["id"])


def test_a_plan_becomes_tasks_that_merge(world: Runner, api: TestClient, office: dict) -> None:
    plan = add_plan(world, ratio=1.0)
    response = api.post(f"/api/v1/inspections/plans/{plan}/tasks", json={"seed": 7}, headers=office)
    assert response.status_code == 200, response.text
    made = response.json()
    # No TARGETS: the types its matters apply to (food-seller, fire-unit), in 闵行 (S1, S2, S4; S3 is in 金山).
    assert (made["subject_type_ids"], made["subject_types_from"]) == (["fire-unit", "food-seller"], "matters")
    assert (made["candidates"], made["subjects"], made["kind"]) == (3, 3, "专项")
    assert made["windows"] == [
        {"start": "2025-07-01", "end": "2025-09-30"},
        {"start": "2025-10-01", "end": "2025-12-31"},
    ]
    assert made["departments"] == {MARKET: [FOOD], FIRE: [FIRE_CHECK]}
    assert made["tasks"] == 3 * 2 * 2
    again = api.post(f"/api/v1/inspections/plans/{plan}/tasks", json={"seed": 7}, headers=office).json()
    assert (again["tasks"], again["cancelled"]) == (12, 0)
    merged = api.post(URL, json=plan_body(period={"start": "2025-07-01", "end": "2025-12-31"}), headers=office).json()
    # Market and fire share each window on each subject: 12 tasks in 6 visits, and S1's first one also takes
    # safety's t3 (to 7-15), clipped to the period.
    assert (merged["summary"]["tasks"], merged["summary"]["visits_after"]) == (13, 6)
    departments = sorted((j["subject_id"], j["visit_on"], j["department_ids"]) for j in merged["joint_inspections"])
    assert departments[0] == (S1, "2025-07-15", [MARKET, FIRE, SAFETY])
    assert all(d[2] == [MARKET, FIRE] for d in departments[1:])


def test_the_subject_types_a_plan_names(world: Runner, api: TestClient, office: dict) -> None:
    plan = add_plan(world, subjects_text="辖区内的食品经营者", ratio=1.0)
    made = api.post(f"/api/v1/inspections/plans/{plan}/tasks", json={"seed": 1}, headers=office).json()
    assert made["subject_type_ids"] == ["food-seller"] and made["subject_types_from"] == "subjects_text"
    assert made["subjects"] == 2  # S1 and S2; S4 is a fire unit, S3 is in 金山
    assert any("监管对象栏" in w for w in made["warnings"])


def test_a_share_of_the_subjects_is_drawn_by_seed(world: Runner, api: TestClient, office: dict) -> None:
    plan = add_plan(world)
    first = api.post(f"/api/v1/inspections/plans/{plan}/tasks", json={"seed": 1}, headers=office).json()
    assert (first["subjects"], first["kind"]) == (2, "双随机")  # ceil(0.5 × 3)
    same = api.post(f"/api/v1/inspections/plans/{plan}/tasks", json={"seed": 1}, headers=office).json()
    assert same["cancelled"] == 0
    seeds = {
        s: api.post(f"/api/v1/inspections/plans/{plan}/tasks", json={"seed": s}, headers=office).json()["cancelled"]
        for s in range(2, 8)
    }
    assert any(cancelled > 0 for cancelled in seeds.values())  # another draw cancels the tasks it no longer makes
    tasks_url = f"/api/v1/inspections/plans/{plan}/tasks"
    assert api.post(tasks_url, json={}, headers=bearer(world, Role.department, FIRE)).status_code == 403
    assert api.post(tasks_url, json={}, headers=bearer(world, Role.department, MARKET)).status_code == 200
    assert api.post("/api/v1/inspections/plans/plan-nosuch/tasks", json={}, headers=office).status_code == 404


def test_the_command_line_proposes_and_accepts(world: Runner, settings: Settings, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from graphsvc.cli import app

    env = {
        "NEO4J_URI": settings.neo4j.uri,
        "NEO4J_PASSWORD": settings.neo4j.password.get_secret_value(),
        "GRAPHSVC_NEO4J_HOME": str(settings.service.neo4j_home),
    }
    out = tmp_path / "plan.json"
    args = ["inspections", "merge-plan", "--region", MH, "--start", "2025-01-01", "--end", "2025-12-31"]
    result = CliRunner().invoke(app, [*args, "--json", str(out), "--accept"], env=env)
    assert result.exit_code == 0, result.output
    assert "visits 4 → 2, saved 2" in result.output and "1 confirmed" in result.output
    plan = json.loads(out.read_text(encoding="utf-8"))
    again = CliRunner().invoke(app, ["inspections", "accept", plan["id"]], env=env)
    assert again.exit_code == 0 and "already accepted" in again.output
    bad = CliRunner().invoke(app, [*args[:-2], "--end", "2024-12-31"], env=env)
    assert bad.exit_code == 1 and "参数有误" in bad.output


# -- on generated data with the shipped catalogue ----------------------------------------------------


def test_the_endpoints_work_on_generated_data(runner: Runner, settings: Settings, tmp_path: Path) -> None:
    from graphsvc.config import ROOT
    from graphsvc.cypher import query as named
    from loaders.entities import load_folder
    from loaders.reference import load_reference
    from loaders.synthetic import generate
    from tests.conftest import wipe

    reference = ROOT / "data" / "reference"
    wipe(runner)
    load_reference(runner, reference, TEST_ACTOR).raise_if_failed()
    generate("tiny", 5, tmp_path, reference)
    load_folder(runner, tmp_path, TEST_ACTOR).raise_if_failed()
    [packed] = runner.read(
        named("inspection/list_merge_tasks"),
        region_id="310112",
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        department_ids=[],
    )
    task_id, subject, department, start, end, matters = packed["tasks"][0]
    with TestClient(create_app(settings), headers=bearer(runner, Role.admin)) as api:
        check = api.post(
            "/api/v1/inspections/precheck",
            json={
                "department": department,
                "subjects": [subject],
                "matters": matters,
                "window": {"start": start, "end": end},
            },
        )
        assert check.status_code == 200, check.text
        duplicates = [d["task_id"] for d in check.json()["results"][0]["duplicates"]]
        assert task_id in duplicates  # the same matter in the same window: a task is its own duplicate
        plan = api.post(URL, json=plan_body(), headers=bearer(runner, Role.office))
        assert plan.status_code == 200, plan.text
        summary = plan.json()["summary"]
        assert summary["tasks"] == len(packed["tasks"]) and summary["visits_after"] <= summary["visits_before"]
        limited = api.post(URL, json=plan_body(max_departments_per_visit=2), headers=bearer(runner, Role.office))
        stored = api.get(f"{URL}/{limited.json()['id']}", params={"limit": 5000}).json()
        assert stored["joint_inspections_total"] == len(stored["joint_inspections"]) > 0
        for joint in stored["joint_inspections"]:
            assert len(joint["department_ids"]) <= 2
            assert joint["window"]["start"] <= joint["visit_on"] <= joint["window"]["end"]
        accepted = api.post(f"{URL}/{limited.json()['id']}/accept")
        assert accepted.status_code == 200 and accepted.json()["confirmed"] == stored["joint_inspections_total"]
        draw = api.post(
            "/api/v1/inspections/random-draw",
            json={
                "departments": [department],
                "matters": matters,
                "roster": {"region": "310112"},
                "window": {"start": "2025-09-01", "end": "2025-10-31"},
                "seed": 1,
                "qualification": None,
            },
        )
        assert draw.status_code == 200, draw.text
        assert api.post(f"/api/v1/inspections/random-draw/{draw.json()['id']}/replay").json()["identical"]
