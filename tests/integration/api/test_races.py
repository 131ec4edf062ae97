"""Races on state transitions: N callers at once, each in its own session against the real test database.

Every transition locks what it is about to read (the clue, the plan's region, the dispute's matter) before it
reads, so exactly one caller wins and no loser writes back what it read before the winner committed. Each race
is repeated, because a lost update shows up in some tries only (2 of 6, 1 of 10, 3 of 10 before the fix).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graphsvc.clues import referrals
from graphsvc.cypher import query
from graphsvc.db import Runner
from graphsvc.errors import GraphsvcError
from graphsvc.identity import Role, User, authenticate, create_token
from graphsvc.inspections import plans
from graphsvc.responsibility import disputes
from tests.conftest import TEST_ACTOR
from tests.support.clue_world import DAY, SCJ, ZJJ, T, iso

ROUNDS = 8
CALLERS = 4
CHAIN = query("clue/get_clue_chain")
COUNT_LIVE_PLANS = query("inspection/count_live_merge_plans")
OPEN_RULING_ASSIGNMENTS = query("dispute/list_open_ruling_assignments")


def race(calls: list[Callable[[], Any]]) -> tuple[list[Any], list[GraphsvcError]]:
    """Runs the calls at once (released together by a barrier); the answers and the service errors."""
    barrier = threading.Barrier(len(calls))
    answers: list[Any] = []
    errors: list[GraphsvcError] = []
    unexpected: list[BaseException] = []
    lock = threading.Lock()

    def run(call: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            answer = call()
        except GraphsvcError as e:
            with lock:
                errors.append(e)
        except BaseException as e:  # noqa: BLE001 - reported below, with its traceback
            with lock:
                unexpected.append(e)
        else:
            with lock:
                answers.append(answer)

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    if unexpected:
        raise unexpected[0]
    return answers, errors


@pytest.fixture(scope="module")
def clues(clue_api: TestClient) -> TestClient:
    return clue_api


def user(runner: Runner, name: str, role: Role, department: str | None = None) -> User:
    return authenticate(runner, create_token(runner, name, role, department, TEST_ACTOR).token)


@pytest.fixture(scope="module")
def staff(clues: TestClient, runner: Runner) -> list[User]:
    """Several users of the department that holds each new clue."""
    return [user(runner, f"雁塔市场监管-{n}", Role.department, SCJ) for n in range(CALLERS)]


def new_clue(api: TestClient, runner: Runner) -> str:
    office = create_token(runner, "12345热线-受理员", Role.office, None, TEST_ACTOR).token
    body = {
        "channel": "12345热线",
        "received_at": iso(DAY),
        "dispatched_at": iso(DAY + timedelta(hours=1)),
        "region": T,
        "description": "群众反映小寨路某餐馆销售过期食品",
    }
    response = api.post("/api/v1/clues", json=body, headers={"Authorization": f"Bearer {office}"})
    assert response.status_code == 201, response.text
    return str(response.json()["clue"]["id"])


def stored(runner: Runner, clue_id: str) -> dict[str, Any]:
    row = runner.read(CHAIN, id=clue_id)[0]
    return {"status": row["clue"]["status"], "hops": {h["id"]: h for h in row["hops"]}}


def test_parallel_acknowledgements_of_one_hop_have_one_winner(
    clues: TestClient, runner: Runner, staff: list[User]
) -> None:
    for _ in range(ROUNDS):
        clue_id = new_clue(clues, runner)
        hop = f"{clue_id}-1"
        answers, errors = race(
            [partial(referrals.acknowledge, runner, clue_id, hop, referrals.Acknowledgement(), u) for u in staff]
        )
        assert len(answers) == 1, f"{len(answers)} acknowledgements of one hop succeeded"
        assert {e.status for e in errors} == {409}
        winner = answers[0].hops[0].acknowledged_by
        assert stored(runner, clue_id)["hops"][hop]["acknowledged_by"] == winner  # no loser overwrote it


def test_parallel_closes_of_the_only_hop_close_the_clue(clues: TestClient, runner: Runner, staff: list[User]) -> None:
    for _ in range(ROUNDS):
        clue_id = new_clue(clues, runner)
        hop = f"{clue_id}-1"
        answers, errors = race(
            [partial(referrals.close, runner, clue_id, hop, referrals.Closing(outcome="立案"), u) for u in staff]
        )
        assert len(answers) == 1 and {e.status for e in errors} <= {409}
        after = stored(runner, clue_id)
        assert after["status"] == "已办结", "a loser wrote back the status it read before the winner closed"
        assert after["hops"][hop]["closed_by"] == answers[0].hops[0].closed_by


def test_a_close_racing_a_referral_leaves_a_consistent_clue(
    clues: TestClient, runner: Runner, staff: list[User]
) -> None:
    for _ in range(ROUNDS):
        clue_id = new_clue(clues, runner)
        hop = f"{clue_id}-1"
        passing = referrals.ReferralCreate(kind="转办", to_department_ids=[ZJJ], reason="属住建职责")
        answers, errors = race(
            [
                partial(referrals.close, runner, clue_id, hop, referrals.Closing(outcome="办结"), staff[0]),
                partial(referrals.refer, runner, clue_id, passing, staff[1]),
            ]
        )
        assert len(answers) == 1 and [e.status for e in errors] == [409]
        after = stored(runner, clue_id)
        if len(after["hops"]) == 2:  # the referral won: the hop is passed on, not closed, and the clue is open
            assert after["hops"][hop]["closed_at"] is None and after["status"] == "办理中"
        else:  # the close won: nothing was passed on and the clue is closed
            assert after["hops"][hop]["closed_at"] is not None and after["status"] == "已办结"


def test_parallel_referrals_of_one_holding_pass_it_on_once(
    clues: TestClient, runner: Runner, staff: list[User]
) -> None:
    for _ in range(ROUNDS):
        clue_id = new_clue(clues, runner)
        passing = referrals.ReferralCreate(kind="转办", to_department_ids=[ZJJ], reason="属住建职责")
        answers, errors = race([partial(referrals.refer, runner, clue_id, passing, u) for u in staff])
        assert len(answers) == 1 and {e.status for e in errors} == {409}
        assert len(stored(runner, clue_id)["hops"]) == 2


# -- merge plans: one live plan per region and period ---------------------------------------------------------


@pytest.fixture
def inspection_world(runner: Runner, tmp_path: Path) -> Runner:
    from tests.support.inspection_data import load_world

    return load_world(runner, tmp_path)


def test_parallel_merge_plan_proposals_leave_one_live_plan(inspection_world: Runner) -> None:
    from tests.support.inspection_data import MH

    runner = inspection_world
    office = user(runner, "闵行区委编办-并发", Role.office)
    request = plans.MergePlanRequest.model_validate(
        {"region": MH, "period": {"start": "2025-01-01", "end": "2025-12-31"}}
    )
    for _ in range(ROUNDS):
        answers, errors = race([partial(plans.propose, runner, request, office) for _ in range(CALLERS)])
        assert len(answers) == CALLERS and not errors  # every proposal is stored; each replaces the ones before
        [live] = runner.read(
            COUNT_LIVE_PLANS, region_id=MH, period_start=request.period.start, period_end=request.period.end
        )
        assert live["plans"] == 1, f"{live['plans']} live merge plans for one region and period"
        assert live["proposed_joints_of_replaced_plans"] == 0


def test_accepting_races_a_new_proposal_without_mixing_them(inspection_world: Runner) -> None:
    from tests.support.inspection_data import MH

    runner = inspection_world
    office = user(runner, "闵行区委编办-并发", Role.office)
    request = plans.MergePlanRequest.model_validate(
        {"region": MH, "period": {"start": "2025-01-01", "end": "2025-12-31"}}
    )
    for _ in range(ROUNDS // 2):
        plan_id = plans.propose(runner, request, office)["id"]
        answers, errors = race(
            [partial(plans.accept, runner, plan_id, office), partial(plans.propose, runner, request, office)]
        )
        view = plans.get_plan(runner, plan_id)
        statuses = set(view["joint_inspections_by_status"])
        if view["status"] == "已接受":  # accepted first: its joints are confirmed (or cancelled as stale), none 拟定
            assert "拟定" not in statuses
        else:  # replaced first: the acceptance was refused and nothing of it was confirmed
            assert view["status"] == "已取代" and "已确认" not in statuses and [e.status for e in errors] == [409]
        # the region never holds an accepted plan and a live proposal over one period
        [live] = runner.read(
            COUNT_LIVE_PLANS, region_id=MH, period_start=request.period.start, period_end=request.period.end
        )
        assert live["plans"] == 1


# -- rulings: one set of open assignments per matter and region ------------------------------------------------


def test_parallel_rulings_on_one_matter_leave_one_open_assignment_set(runner: Runner, tmp_path: Path) -> None:
    from tests.support.catalogue import X, load_sample

    load_sample(runner, tmp_path)
    scj, zjj = f"{X}-scjgj", f"{X}-zjj"
    claim = disputes.DisputeCreate.model_validate(
        {
            "kind": "职责交叉",
            "matter_id": "m-conflict",
            "region": X,
            "claimants": [{"department_id": scj}, {"department_id": zjj}],
        }
    )
    for n in range(ROUNDS // 2):
        office = User(id=TEST_ACTOR, name="测试编办", role=Role.office, token_id="tok_test")
        ids = [disputes.create_dispute(runner, claim, office).id for _ in range(CALLERS)]
        day = f"2030-0{n + 1}-01"
        rulings = [
            disputes.RulingCreate.model_validate(
                {"lead": [scj if k % 2 else zjj], "deciding_body": "编办", "effective_from": day}
            )
            for k in range(CALLERS)
        ]
        answers, errors = race(
            [partial(disputes.rule, runner, i, r, TEST_ACTOR) for i, r in zip(ids, rulings, strict=True)]
        )
        assert len(answers) == CALLERS and not errors
        open_sets = runner.read(OPEN_RULING_ASSIGNMENTS, matter_id="m-conflict", region_id=X)
        assert len({row["ruling_id"] for row in open_sets}) == 1, open_sets
