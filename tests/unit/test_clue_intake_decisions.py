"""Clue intake's pure steps on hand-built answers: the times a clue may carry, and where it is dispatched. No
database."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

import pytest

from graphsvc.clues.intake import ClueCreate, Intake, dispatch, intake_times
from graphsvc.clues.times import BEIJING
from graphsvc.errors import InvalidInput
from graphsvc.responsibility.answer import MatterResult

NOW = datetime(2025, 6, 1, 10, 0, tzinfo=BEIJING)
CGJ, SCJGJ = "610113-cgj", "610113-scjgj"


def body(**given: Any) -> ClueCreate:
    return ClueCreate.model_validate(
        {"channel": "12345热线", "received_at": NOW - timedelta(hours=2), "region": "610113", "description": "油烟扰民"}
        | given
    )


def intake(**given: Any) -> Intake:
    b = body(**given)
    received, dispatched = intake_times(b, NOW)
    return Intake(b, None, None, received, dispatched, "油烟扰民")


def duty(
    department: str, rule: str = "assignment", title: str = "大气污染防治法", in_force: bool = True
) -> dict[str, Any]:
    """A lead duty as resolution answers it, with only the evidence dispatch reads: the matter's articles."""
    basis = {
        "article_id": f"{title}:81",
        "article": "第八十一条",
        "gist": None,
        "text": None,
        "basis_id": title,
        "title": title,
        "version": None,
        "effective_from": None,
        "effective_to": None,
        "in_force": in_force,
        "cited_id": None,
        "named": [],
        "authority": [],
    }
    evidence = dict.fromkeys(
        ("performs", "assignment", "assigned_function", "ruling", "licence", "named_by_article", "authority_from")
    )
    return {
        "department": {"id": department, "name": department, "region": None},
        "function": None,
        "rule": rule,
        "evidence": evidence | {"succession": [], "bases": [basis]},
    }


def result(matter: str, lead: list[dict[str, Any]], flags: tuple[str, ...] = (), **more: Any) -> MatterResult:
    return MatterResult.model_validate(
        {
            "matter": {"id": matter, "name": f"事项{matter}", "score": 2.5},
            "lead": lead,
            "cooperating": [],
            "flags": [{"code": code, "message": code} for code in flags],
        }
        | more
    )


def test_times_default_to_now_and_refuse_the_future_and_a_dispatch_before_receipt() -> None:
    received, dispatched = intake_times(body(), NOW)
    assert (received, dispatched) == (NOW - timedelta(hours=2), NOW)
    with pytest.raises(InvalidInput) as future:
        intake_times(body(received_at=NOW + timedelta(hours=1)), NOW)
    assert future.value.details == [{"field": "received_at", "reason": "in the future"}]
    with pytest.raises(InvalidInput) as early:
        intake_times(body(dispatched_at=NOW - timedelta(hours=3)), NOW)
    assert early.value.details == [{"field": "dispatched_at", "reason": "not monotonic"}]


def test_the_clue_goes_to_the_lead_of_the_first_matter_with_one_and_the_hop_keeps_the_proposal() -> None:
    results = [result("m0", []), result("m1", [duty(CGJ)]), result("m2", [duty(SCJGJ)], ("WEAK_MATCH",))]
    decided = dispatch("C-1", intake(), results)
    [hop] = decided.hops
    assert (hop["id"], hop["to_id"], hop["sent_at"], hop["reason"]) == ("C-1-1", CGJ, NOW, "按职责分办")
    assert (hop["proposed_matter_id"], hop["proposed_department_id"], hop["proposal_rule"]) == ("m1", CGJ, "assignment")
    assert hop["proposal_basis"] == "《大气污染防治法》第八十一条"
    # the best matter and the others that match well; a weak match after the first is left out
    assert [(m["id"], m["rank"]) for m in decided.matters] == [("m0", 1), ("m1", 2)]


def test_named_departments_take_the_clue_each_with_its_own_hop() -> None:
    decided = dispatch("C-2", intake(to_department_ids=[SCJGJ, CGJ]), [result("m1", [duty(CGJ)])])
    assert [(h["id"], h["to_id"], h["reason"]) for h in decided.hops] == [
        ("C-2-1", SCJGJ, "按指定部门分办"),
        ("C-2-2", CGJ, "按指定部门分办"),
    ]
    assert decided.hops[1]["proposed_department_id"] == CGJ  # the proposal that named it
    assert decided.hops[0]["proposed_department_id"] == CGJ  # the proposal's lead, kept as evidence


def test_a_weak_match_proposes_through_its_suggestion() -> None:
    weak = result(
        "m1",
        [],
        ("WEAK_MATCH", "SUGGESTION"),
        suggestion={"note": "仅供参考", "lead": [duty(SCJGJ, "legal_text")], "cooperating": []},
    )
    [hop] = dispatch("C-3", intake(), [weak]).hops
    assert (hop["to_id"], hop["proposal_rule"], hop["proposal_flags"]) == (
        SCJGJ,
        "legal_text",
        ["WEAK_MATCH", "SUGGESTION"],
    )


def test_no_lead_and_no_named_department_is_a_422_naming_the_matter() -> None:
    with pytest.raises(InvalidInput) as e:
        dispatch("C-4", intake(), [result("m1", [])])
    assert e.value.message.startswith("事项「事项m1」,未找到该地区的牵头部门")
    with pytest.raises(InvalidInput) as nothing:
        dispatch("C-5", intake(), [])
    assert nothing.value.message.startswith("描述未能对应到监管事项")
