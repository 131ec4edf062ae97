"""The pure 双随机 draw: teams without repeated pairs or conflicts, strata in ratio, the seed decides."""

from __future__ import annotations

import random
from itertools import combinations

from hypothesis import given, settings
from hypothesis import strategies as st

from graphsvc.inspections.draw import Candidate, draw_subjects, draw_team

# -- the pure draw -------------------------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(
    roster=st.lists(st.sampled_from([f"i{n}" for n in range(12)]), min_size=0, max_size=12, unique=True),
    previous=st.sets(st.sampled_from([f"i{n}" for n in range(12)]), max_size=4),
    conflicts=st.sets(st.sampled_from([f"i{n}" for n in range(12)]), max_size=3),
    size=st.integers(2, 4),
    seed=st.integers(0, 2**32),
)
def test_a_team_never_repeats_a_pair_nor_holds_a_conflict(
    roster: list[str], previous: set[str], conflicts: set[str], size: int, seed: int
) -> None:
    ordered = sorted(roster)
    team = draw_team(random.Random(seed), ordered, frozenset(ordered), size, previous, conflicts)
    free = [i for i in ordered if i not in conflicts]
    feasible = len([i for i in free if i not in previous]) + min(1, len([i for i in free if i in previous])) >= size
    assert (team is not None) == feasible
    if team is not None:
        assert len(team) == len(set(team)) == size
        assert set(team) <= set(free)
        assert not any({a, b} <= previous for a, b in combinations(team, 2))
        assert team == draw_team(random.Random(seed), ordered, frozenset(ordered), size, previous, conflicts)


def test_strata_draw_their_ratio_and_the_seed_decides() -> None:
    roster = [Candidate(f"s{n:03d}", "AB"[n % 2], "低") for n in range(100)]
    drawn = draw_subjects(random.Random(5), roster, lambda grade, risk: {"A": 0.1, "B": 0.25}[grade])
    assert sum(d.subject.credit_grade == "A" for d in drawn) == 5
    assert sum(d.subject.credit_grade == "B" for d in drawn) == 13  # ceil(0.25 × 50)
    again = draw_subjects(random.Random(5), list(reversed(roster)), lambda grade, risk: {"A": 0.1, "B": 0.25}[grade])
    assert [d.subject.id for d in again] == [d.subject.id for d in drawn]  # the roster's order does not matter
    other = draw_subjects(random.Random(6), roster, lambda grade, risk: {"A": 0.1, "B": 0.25}[grade])
    assert [d.subject.id for d in other] != [d.subject.id for d in drawn]


# -- the endpoint --------------------------------------------------------------------------------------
