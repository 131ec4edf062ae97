"""The merge algorithm against brute force: every partition of a subject's tasks into groups that share an
allowed day (and, with a limit, hold at most k departments)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from graphsvc.inspections.merging import Task, Visit, lead_department, merge, merge_subject

D0 = date(2025, 3, 1)


def day(n: int) -> date:
    return D0 + timedelta(days=n)


def partitions(items: list[Task]) -> Iterator[list[list[Task]]]:
    if not items:
        yield []
        return
    first, rest = items[0], items[1:]
    for part in partitions(rest):
        yield [[first], *part]
        for i in range(len(part)):
            yield [*part[:i], [first, *part[i]], *part[i + 1 :]]


def shares_a_day(group: list[Task], blackout: frozenset[date], limit: int | None) -> bool:
    if limit is not None and len({t.department_id for t in group}) > limit:
        return False
    lo, hi = max(t.start for t in group), min(t.end for t in group)
    return any(lo + timedelta(days=i) not in blackout for i in range((hi - lo).days + 1))


def fewest_visits(tasks: list[Task], blackout: frozenset[date] = frozenset(), limit: int | None = None) -> int:
    placeable = [t for t in tasks if shares_a_day([t], blackout, None)]
    return min(len(p) for p in partitions(placeable) if all(shares_a_day(g, blackout, limit) for g in p))


@st.composite
def subject_tasks(draw: st.DrawFn, max_size: int = 7) -> list[Task]:
    n = draw(st.integers(1, max_size))
    tasks = []
    for i in range(n):
        start = draw(st.integers(0, 9))
        length = draw(st.integers(0, 5))
        department = draw(st.sampled_from(["d-a", "d-b", "d-c", "d-d"]))
        tasks.append(Task(f"t{i}", "s1", department, day(start), day(start + length), (f"m{i % 3}",)))
    return tasks


blackouts = st.frozensets(st.integers(0, 14).map(day), max_size=6)


def check_feasible(tasks: list[Task], visits: list[Visit], unplaceable: list[Task], blackout: frozenset[date]) -> None:
    placed = [t.id for v in visits for t in v.tasks]
    assert sorted(placed + [t.id for t in unplaceable]) == sorted(t.id for t in tasks)  # each task exactly once
    assert len(placed) == len(set(placed))
    for v in visits:
        assert v.on not in blackout
        for t in v.tasks:
            assert t.start <= v.on <= t.end, "a task outside its window"
    for t in unplaceable:
        assert not shares_a_day([t], blackout, None)


@settings(max_examples=400, deadline=None)
@given(subject_tasks())
def test_windows_only_greedy_is_optimal(tasks: list[Task]) -> None:
    result = merge_subject(tasks)
    check_feasible(tasks, result.visits, result.unplaceable, frozenset())
    assert result.optimal
    assert len(result.visits) == fewest_visits(tasks)


@settings(max_examples=400, deadline=None)
@given(subject_tasks(), blackouts)
def test_with_blackout_dates_the_latest_allowed_day_is_still_optimal(tasks: list[Task], blackout: frozenset) -> None:
    result = merge_subject(tasks, blackout)
    check_feasible(tasks, result.visits, result.unplaceable, blackout)
    assert len(result.visits) == fewest_visits(tasks, blackout)


@settings(max_examples=300, deadline=None)
@given(subject_tasks(max_size=6), blackouts, st.integers(1, 3))
def test_the_department_limit_is_never_exceeded(tasks: list[Task], blackout: frozenset, limit: int) -> None:
    result = merge_subject(tasks, blackout, limit)
    check_feasible(tasks, result.visits, result.unplaceable, blackout)
    assert not result.optimal
    assert all(len(v.departments) <= limit for v in result.visits)
    # A heuristic: never fewer than the optimum (that would be a bug in the brute force), at most one task a visit.
    assert fewest_visits(tasks, blackout, limit) <= len(result.visits) <= len(tasks) - len(result.unplaceable)


def test_one_department_at_a_time_is_optimal_per_department() -> None:
    # k = 1 splits the problem by department, and the greedy is then the optimal greedy for each.
    tasks = [
        Task("a1", "s", "A", day(0), day(2)),
        Task("a2", "s", "A", day(1), day(3)),
        Task("b1", "s", "B", day(0), day(0)),
        Task("b2", "s", "B", day(3), day(4)),
    ]
    assert len(merge_subject(tasks, max_departments=1).visits) == fewest_visits(tasks, limit=1) == 3


def test_the_department_limit_can_cost_a_visit() -> None:
    # The case the module docstring names: the urgent-first choice makes 3 visits where 2 suffice.
    tasks = [
        Task("a1", "s", "A", day(3), day(3)),
        Task("a2", "s", "A", day(4), day(5)),
        Task("b1", "s", "B", day(2), day(4)),
        Task("b2", "s", "B", day(4), day(6)),
        Task("c1", "s", "C", day(3), day(4)),
    ]
    result = merge_subject(tasks, max_departments=2)
    assert [(v.on, [t.id for t in v.tasks]) for v in result.visits] == [
        (day(3), ["a1", "b1"]),
        (day(4), ["c1", "a2"]),
        (day(6), ["b2"]),
    ]
    assert fewest_visits(tasks, limit=2) == 2


def test_visits_stay_on_their_subject() -> None:
    tasks = [
        Task("t1", "s1", "A", day(0), day(5)),
        Task("t2", "s2", "B", day(0), day(5)),
        Task("t3", "s1", "B", day(3), day(9)),
    ]
    result = merge(tasks)
    assert sorted((v.subject_id, v.on, [t.id for t in v.tasks]) for v in result.visits) == [
        ("s1", day(5), ["t1", "t3"]),
        ("s2", day(5), ["t2"]),
    ]


def test_a_window_of_blackout_days_only_is_unplaceable() -> None:
    tasks = [Task("t1", "s", "A", day(1), day(2)), Task("t2", "s", "B", day(0), day(4))]
    result = merge_subject(tasks, frozenset({day(1), day(2)}))
    assert [t.id for t in result.unplaceable] == ["t1"]
    assert [(v.on, [t.id for t in v.tasks]) for v in result.visits] == [(day(4), ["t2"])]


def test_the_lead_checks_most_of_the_dominant_domain() -> None:
    domains = {"food-1": "food", "food-2": "food", "fire-1": "fire", "fire-2": "fire", "fire-3": "fire"}
    visit = Visit(
        "s",
        day(0),
        [
            Task("t1", "s", "scjgj", day(0), day(0), ("food-1", "food-2")),
            Task("t2", "s", "xfjy", day(0), day(0), ("fire-1", "fire-2", "fire-3")),
            Task("t3", "s", "yjglj", day(0), day(0), ("fire-1",)),
        ],
    )
    assert lead_department(visit, domains) == "xfjy"
    visit.tasks[2] = Task("t3", "s", "yjglj", day(0), day(0), ("fire-1", "fire-2", "fire-3", "food-1"))
    assert lead_department(visit, domains) == "yjglj"
