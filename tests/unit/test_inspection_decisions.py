"""The pure decisions of the inspection services, on hand-built facts: no database.

precheck: duplicates and overlaps, joint inspections to join, the department's part and the warnings; merge plans:
the joint inspections and the counts of what merging saves; draws: the team of each drawn subject and department.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from graphsvc.inspections.draw_sampling import Candidate, Drawn
from graphsvc.inspections.frequency import load_table
from graphsvc.inspections.merge_plans import ChecklistMatter, plan
from graphsvc.inspections.merging import Task
from graphsvc.inspections.models import Holder, Span, Window
from graphsvc.inspections.precheck import (
    OFFSITE_RULE,
    Holders,
    JointRow,
    MatterRow,
    PrecheckRequest,
    SubjectRow,
    TaskRow,
    clashes,
    decide,
    joinable_inspections,
    responsibility_of,
)
from graphsvc.inspections.random_draws import assign_teams
from graphsvc.responsibility.answer import Flag

D0 = date(2025, 6, 1)
SCJGJ, ZJJ, XFJ = "310112-scjgj", "310112-zjj", "310112-xfj"
USCC = "91310112MA1FL0XX1X"


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def task(
    id: str,
    start: int,
    end: int,
    *,
    department: str = ZJJ,
    matters: tuple[str, ...] = ("m1",),
    status: str = "计划",
    done: int | None = None,
) -> TaskRow:
    return TaskRow(
        id=id,
        status=status,
        kind="双随机",
        window_start=day(start),
        window_end=day(end),
        done_on=day(done) if done is not None else None,
        department_id=department,
        department_name=department,
        matter_ids=list(matters),
        joint_ids=[],
    )


def matter(id: str, *, offsite: bool = False, position: int = 0) -> MatterRow:
    return MatterRow(
        requested=id,
        position=position,
        id=id,
        name=f"事项{id}",
        level="区县",
        offsite_ok=offsite,
        check_method=None,
        domain_id="d1",
        domain_name="食品",
    )


WINDOW = Window(start=day(0), end=day(9))


def test_a_task_on_a_requested_matter_within_the_interval_is_a_duplicate_and_an_older_one_is_not() -> None:
    tasks = [task("near", -40, -30, matters=("m1",)), task("far", -400, -390, matters=("m1",))]
    duplicates, overlaps = clashes(tasks, WINDOW, {"m1"}, 365, SCJGJ, None)
    assert [(d.task_id, d.gap_days, d.shared_matter_ids) for d in duplicates] == [("near", 30, ["m1"])]
    assert overlaps == []  # neither meets the window


def test_a_done_task_counts_on_the_day_it_was_done_not_its_window() -> None:
    done = task("done", -5, 20, status="已完成", done=-100)
    duplicates, overlaps = clashes([done], WINDOW, {"m1"}, 90, SCJGJ, None)
    assert duplicates == [] and overlaps == []  # done 100 days before: outside a 90-day interval


def test_another_departments_planned_task_meeting_the_window_is_an_overlap_with_the_common_days() -> None:
    other = task("other", 5, 20, department=ZJJ, matters=("m9",))
    mine = task("mine", 5, 20, department=SCJGJ, matters=("m9",))
    duplicates, overlaps = clashes([other, mine], WINDOW, {"m1"}, 365, SCJGJ, None)
    assert duplicates == []  # no shared matter
    assert [(o.task_id, o.common_window) for o in overlaps] == [("other", Span(start=day(5), end=day(9)))]


def test_the_task_being_edited_is_not_compared_with_itself() -> None:
    edited = task("edited", 0, 9, department=SCJGJ)
    assert clashes([edited], WINDOW, {"m1"}, 365, SCJGJ, "edited") == ([], [])


def test_joint_inspections_come_in_window_order_with_the_common_window() -> None:
    joints = [
        JointRow(
            id=f"j{n}",
            status="拟定",
            window_start=day(start),
            window_end=day(start + 10),
            visit_on=None,
            lead_id=ZJJ if n == 1 else None,
            lead_name="区住建委" if n == 1 else None,
            merge_plan_id=None,
            department_ids=[ZJJ],
            matter_ids=["m1"],
        )
        for n, start in ((1, 5), (2, -3))
    ]
    found = joinable_inspections(joints, WINDOW)
    assert [(j.id, j.common_window.start, j.common_window.end) for j in found] == [
        ("j2", day(0), day(7)),
        ("j1", day(5), day(9)),
    ]
    assert found[1].lead is not None and found[1].lead.name == "区住建委" and found[0].lead is None


def test_the_department_leads_cooperates_or_is_warned_and_a_subject_without_a_place_cannot_be_judged() -> None:
    holders = Holders(
        lead=[Holder(id=SCJGJ, name="区市场监管局", rule="assignment")],
        cooperating=[Holder(id=XFJ, name="区消防救援支队", rule="assignment")],
        flags=[Flag(code="CONFLICT", message="有多个牵头部门")],
    )
    lead = responsibility_of(SCJGJ, matter("m1"), holders)
    assert (lead.role, lead.responsible, lead.warning, lead.flags) == ("牵头", True, None, holders.flags)
    assert responsibility_of(XFJ, matter("m1"), holders).role == "配合"
    neither = responsibility_of(ZJJ, matter("m1"), holders)
    assert neither.role is None and neither.responsible is False
    assert neither.warning == "本部门不是「事项m1」在该地的牵头或配合部门(牵头:区市场监管局),请核实职责"
    nowhere = responsibility_of(SCJGJ, matter("m1"), None)
    assert nowhere.responsible is None and nowhere.warning == "监管对象没有所在地,无法认定「事项m1」的职责"


def test_decide_answers_a_subject_named_twice_once_with_its_warnings_in_order() -> None:
    request = PrecheckRequest(department=SCJGJ, subjects=[USCC, USCC], matters=["m1"], window=WINDOW)
    subject = SubjectRow(
        requested=USCC,
        id=USCC,
        name="某餐馆",
        region_id="310112",
        credit_grade="A",
        risk_class="低",  # 0.5 checks a year: 730 days apart
        tasks=[task("dup", -300, -290, department=ZJJ), task("joint", 3, 12, department=ZJJ, matters=("m2",))],
        joints=[],
    )
    holders = Holders(lead=[Holder(id=ZJJ, name="区住建委", rule="assignment")], cooperating=[], flags=[])
    [check] = decide(
        request, [matter("m1", offsite=True)], [subject, subject], {("m1", "310112"): holders}, load_table()
    )
    assert check.frequency.min_interval_days == 730
    assert [d.task_id for d in check.duplicates] == ["dup"] and [o.task_id for o in check.overlaps] == ["joint"]
    assert check.warnings == [
        "本部门不是「事项m1」在该地的牵头或配合部门(牵头:区住建委),请核实职责",
        "与 1 项已完成或已计划的检查重复(同一事项最短间隔 730 天):避免重复检查",
        "其他部门同期检查该对象:原则上应实行跨部门联合检查(进一次门、查多项事)",
        f"所有事项均可非现场检查:{OFFSITE_RULE}",
    ]


def test_a_merge_plan_joins_the_tasks_sharing_a_day_and_counts_the_visits_saved_by_department_and_domain() -> None:
    tasks = [
        Task("t1", "s1", SCJGJ, day(0), day(10), ("m1", "m2")),
        Task("t2", "s1", ZJJ, day(5), day(20), ("m3",)),
        Task("t3", "s1", SCJGJ, day(30), day(40), ("m1",)),
        Task("t4", "s2", XFJ, day(0), day(3), ("m3",)),
    ]
    matters = {
        m: ChecklistMatter(id=m, name=m, domain_id=domain, domain_name=f"领域{domain}", bases=[])
        for m, domain in (("m1", "food"), ("m2", "food"), ("m3", "build"))
    }
    decided = plan(tasks, [], None, matters)
    [joint] = decided.joints
    assert (joint.subject_id, joint.visit_on, joint.lead_id) == ("s1", day(10), SCJGJ)  # two food matters lead
    assert joint.window == Span(start=day(5), end=day(10)) and joint.department_ids == [SCJGJ, ZJJ]
    s = decided.summary
    assert (s.tasks, s.subjects, s.visits_before, s.visits_after, s.visits_saved) == (4, 2, 4, 3, 1)
    assert (s.joint_inspections, s.cross_department, s.unplaceable) == (1, 1, 0)
    assert s.by_department[ZJJ].visits_saved == 1 and s.by_department[SCJGJ].visits_saved == 0
    assert s.by_domain["build"].visits_saved == 1 and s.by_domain["build"].name == "领域build"
    assert sum(c.visits_saved for c in s.by_department.values()) == s.visits_saved


def test_a_blackout_covering_a_window_leaves_its_task_unplaceable() -> None:
    decided = plan([Task("t1", "s1", SCJGJ, day(0), day(1), ("m1",))], [day(0), day(1)], None, {})
    assert [t.id for t in decided.merge.unplaceable] == ["t1"] and decided.summary.unplaceable == 1


def drawn(*ids: str) -> list[Drawn]:
    return [Drawn(Candidate(i, "A", "低"), 0.1, 10) for i in ids]


def test_teams_avoid_conflicts_and_the_previous_pair_and_report_a_roster_too_small() -> None:
    rosters = {SCJGJ: ["i1", "i2", "i3", "i4"], ZJJ: ["j1", "j2"]}
    history = {"s1": ({"i1", "i2"}, {"i3", "j1"})}
    checks = {SCJGJ: ["m1"], ZJJ: ["m2"]}
    for seed in range(30):
        tasks, short = assign_teams(random.Random(seed), drawn("s1", "s2"), checks, rosters, history, 2)
        s1 = next(t for t in tasks if t.subject_id == "s1" and t.department_id == SCJGJ)
        assert "i3" not in s1.inspector_ids and not {"i1", "i2"} <= set(s1.inspector_ids)
        assert [(s.subject_id, s.department_id) for s in short] == [("s1", ZJJ)]  # j1 conflicts: one left
        assert [(t.subject_id, t.department_id, t.matter_ids) for t in tasks] == [
            ("s1", SCJGJ, ["m1"]),
            ("s2", SCJGJ, ["m1"]),
            ("s2", ZJJ, ["m2"]),
        ]


def test_the_same_seed_gives_the_same_teams() -> None:
    rosters = {SCJGJ: [f"i{n}" for n in range(20)]}

    def teams(seed: int) -> list[list[str]]:
        tasks, _ = assign_teams(random.Random(seed), drawn("s1", "s2", "s3"), {SCJGJ: ["m1"]}, rosters, {}, 3)
        return [t.inspector_ids for t in tasks]

    assert teams(7) == teams(7) and teams(7) != teams(8)
