"""Referral chains of synthetic clues, in the shapes the supervision documents complain about: handled
at once, passed on normally, looping (A→B→C→A), bouncing between two departments (A→B→A→B), stalled
(a hop nobody acknowledges), across regions and provinces (跨区域移送), and on to the police (行刑衔接)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from loaders.synthetic.world import World

# Shares of each shape among clues; every shape occurs at least once when there are enough clues.
SHAPES = {
    "direct": 10,
    "normal": 44,
    "loop": 7,
    "ping_pong": 8,
    "stall": 10,
    "cross_region": 8,
    "cross_province": 6,
    "criminal": 7,
}
# When the reference lacks the departments a shape needs, the clue takes a simpler one.
SIMPLER = {
    "loop": "ping_pong",
    "ping_pong": "direct",
    "normal": "direct",
    "stall": "direct",
    "cross_province": "cross_region",
    "cross_region": "normal",
    "criminal": "normal",
}
OUTCOMES = ("立案查处", "责令整改", "办结", "不予立案(查无实据)")


@dataclass(frozen=True)
class Hop:
    from_id: str
    to_id: str
    kind: str
    sent_at: datetime
    reason: str
    acknowledged_at: datetime | None
    outcome: str


def shape_list(rng: random.Random, count: int) -> list[str]:
    """`count` shapes in the shares of SHAPES, each present when count allows, shuffled."""
    total = sum(SHAPES.values())
    shapes = [s for s, w in SHAPES.items() for _ in range(max(1, round(count * w / total)))]
    shapes += ["normal"] * (count - len(shapes))
    rng.shuffle(shapes)
    return shapes[:count]


class ChainMaker:
    """Builds the hops of one clue, received by `receiver` in `county`, with the departments responsible."""

    def __init__(self, rng: random.Random, world: World):
        self.rng = rng
        self.world = world
        self.clock = datetime.min

    def make(
        self, shape: str, receiver: str, county: str, nearby: list[str], received_at: datetime
    ) -> tuple[list[Hop], str]:
        """The hops and the clue's status; `nearby` are the departments it may be passed to, likeliest first."""
        others = [d for d in dict.fromkeys(nearby) if d != receiver]
        self.clock = received_at
        while True:
            made: tuple[list[Hop], str] | None = getattr(self, f"_{shape}")(receiver, county, others)
            if made is not None:
                return made
            shape = SIMPLER[shape]

    # -- time -------------------------------------------------------------------------------------

    def _hop(
        self, source: str, target: str, kind: str, reason: str, outcome: str = "转办", acknowledged: bool = True
    ) -> Hop:
        self.clock += timedelta(minutes=self.rng.randint(60, 6 * 24 * 60))
        ack = self.clock + timedelta(minutes=self.rng.randint(20, 48 * 60)) if acknowledged else None
        hop = Hop(source, target, kind, self.clock, reason, ack, outcome)
        if ack:
            self.clock = ack
        return hop

    # -- shapes (None: not possible with these departments) ---------------------------------------

    def _direct(self, a: str, county: str, others: list[str]) -> tuple[list[Hop], str]:
        return [], "已办结" if self.rng.random() < 0.8 else "待分办"

    def _normal(self, a: str, county: str, others: list[str]) -> tuple[list[Hop], str] | None:
        if not others:
            return None
        b = others[0]
        if self.rng.random() < 0.5 or len(others) < 2:
            return [self._hop(a, b, "分办", "按职责分办", self.rng.choice(OUTCOMES))], "已办结"
        c = self.rng.choice(others[1:])
        return [
            self._hop(a, b, "分办", "按职责分办"),
            self._hop(b, c, "移送", "涉及其他部门职责,移送有管辖权的部门", self.rng.choice(OUTCOMES)),
        ], "已办结"

    def _loop(self, a: str, county: str, others: list[str]) -> tuple[list[Hop], str] | None:
        if len(others) < 2:
            return None
        b, c = self.rng.sample(others[:6], 2)
        return [
            self._hop(a, b, "转办", "不属于本部门职责,转有关部门办理"),
            self._hop(b, c, "转办", "经核查非本部门职责,转办"),
            self._hop(c, a, "转办", "应由首接部门牵头办理,转回", ""),
        ], "办理中"

    def _ping_pong(self, a: str, county: str, others: list[str]) -> tuple[list[Hop], str] | None:
        if not others:
            return None
        b = self.rng.choice(others[:4])
        hops = [
            self._hop(a, b, "转办", "不属于本部门职责,转有关部门办理"),
            self._hop(b, a, "退回", "经核查非本部门职责,予以退回", "退回"),
            self._hop(a, b, "转办", "经研判仍属贵单位职责,再次转办"),
        ]
        if self.rng.random() < 0.5:
            hops.append(self._hop(b, a, "退回", "职责存在争议,提请编办协调", "退回"))
            return hops, "已退回"
        return hops, "办理中"

    def _stall(self, a: str, county: str, others: list[str]) -> tuple[list[Hop], str] | None:
        if not others:
            return None
        b = others[0]
        if len(others) < 2 or self.rng.random() < 0.5:
            return [self._hop(a, b, "分办", "按职责分办", "", acknowledged=False)], "办理中"
        c = self.rng.choice(others[1:])
        return [
            self._hop(a, b, "分办", "按职责分办"),
            self._hop(b, c, "转办", "涉及其他部门职责,转办", "", acknowledged=False),
        ], "办理中"

    def _cross_region(self, a: str, county: str, others: list[str]) -> tuple[list[Hop], str] | None:
        chain = set(self.world.chain(county))
        province = self.world.province(county)
        away = [d for d in self.world.by_province.get(province, []) if self.world.departments[d].region_id not in chain]
        if not away:
            return None
        return [self._cross(a, away, "违法行为发生地在外地,移送属地部门", "已接收,属地查处")], "已办结"

    def _cross_province(self, a: str, county: str, others: list[str]) -> tuple[list[Hop], str] | None:
        province = self.world.province(county)
        away = [d for p, ds in sorted(self.world.by_province.items()) if p != province for d in ds]
        if not away:
            return None
        hops = [self._cross(a, away, "涉及外省企业,请求异地协查", "已接收,异地协查")]
        status = "已办结"
        if self.rng.random() < 0.3:
            # Sometimes the other province sends it back: nobody there owns it either.
            hops.append(self._hop(hops[0].to_id, a, "退回", "经协查非本地企业,予以退回", "退回"))
            status = "已退回"
        return hops, status

    def _cross(self, a: str, away: list[str], reason: str, outcome: str) -> Hop:
        # Prefer the same kind of office on the other side (市场监管 to 市场监管).
        same = [d for d in away if self.world.departments[d].key == self.world.departments[a].key]
        return self._hop(a, self.rng.choice(same or away), "跨区域移送", reason, outcome)

    def _criminal(self, a: str, county: str, others: list[str]) -> tuple[list[Hop], str] | None:
        police = [d for d in self.world.nearest(county, ("gaj",)) if d != a]
        if not police:
            return None
        return [self._hop(a, police[0], "行刑衔接", "涉嫌犯罪,依法移送公安机关", "立案侦查")], "已办结"
