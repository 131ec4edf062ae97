"""The 双随机 draw itself: pure functions over a seeded random.Random, so a stored seed replays the draw.

Determinism: the roster is taken in subject-id order and split into strata (credit grade, risk class) in
sorted order; each stratum draws ceil(ratio × size) subjects; then, subject by subject in id order and
department by department in the request's order, a team is drawn from the department's roster (id order).
Same seed, same roster, same history: same draw.

A team never holds an inspector with a declared conflict with the subject, and never two inspectors who were
both on the subject's team in its previous draw (so the same pair, or the same team, never comes back).
"""

from __future__ import annotations

import math
import random
from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Candidate:
    id: str
    credit_grade: str | None
    risk_class: str | None

    @property
    def stratum(self) -> tuple[str, str]:
        return self.credit_grade or "*", self.risk_class or "*"


@dataclass(frozen=True)
class Drawn:
    subject: Candidate
    ratio: float
    stratum_size: int


def draw_subjects(
    rng: random.Random, roster: Sequence[Candidate], ratio_of: Callable[[str, str], float]
) -> list[Drawn]:
    """Stratified draw: ceil(ratio × n) of each stratum's n subjects (the ratio is a floor, not a cap)."""
    strata: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    for c in sorted(roster, key=lambda c: c.id):
        strata[c.stratum].append(c)
    drawn: list[Drawn] = []
    for stratum in sorted(strata):
        members = strata[stratum]
        ratio = min(max(ratio_of(*stratum), 0.0), 1.0)
        k = min(len(members), math.ceil(round(ratio * len(members), 9)))
        drawn += [Drawn(c, ratio, len(members)) for c in rng.sample(members, k)]
    return sorted(drawn, key=lambda d: d.subject.id)


def draw_team(
    rng: random.Random,
    roster: Sequence[str],
    members: frozenset[str],
    size: int,
    previous: set[str],
    conflicts: set[str],
) -> list[str] | None:
    """`size` inspectors from the roster (id order; `members` holds the same ids as a set), none in conflict
    with the subject, at most one of its previous team; None when the roster cannot give such a team.

    It samples size + (blocked inspectors on the roster) candidates and takes them in order, skipping the
    blocked: each skip costs one candidate, so the sample always holds a team when one exists (a roster no
    larger than that is shuffled whole), and a draw over a large roster stays O(size)."""
    blocked = sum(1 for i in previous | conflicts if i in members)
    picks = rng.sample(roster, min(len(roster), size + blocked))
    team: list[str] = []
    for inspector in picks:
        if inspector in conflicts:
            continue
        if inspector in previous and any(member in previous for member in team):
            continue
        team.append(inspector)
        if len(team) == size:
            return team
    return None
