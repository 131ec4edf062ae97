"""Writes a synthetic data set, file by file, under the column names loaders/entities.py reads."""

from __future__ import annotations

import csv
import random
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from graphsvc.errors import InvalidInput
from loaders.entities import BEIJING, SPECS
from loaders.synthetic.chains import ChainMaker, shape_list
from loaders.synthetic.words import (
    CONFLICT_REASONS,
    Profile,
    make_uscc,
    org_body,
    person,
    street_address,
    subject_name,
)
from loaders.synthetic.world import Duty, World

YEAR = 2025  # the default reference year; `graphsvc up` passes today instead, so the demo shows present work
AS_OF = date(YEAR, 7, 1)  # the default "today" of the data set: earlier tasks are done, later ones planned
# Tasks lie in the reference year, the year before and the year after (weights): last year's are done,
# next year's planned, this year's both.
YEAR_OFFSETS = {-1: 1, 0: 2, 1: 1}


def campaigns(year: int) -> list[tuple[date, date]]:
    """专项 campaigns: every department taking part checks in the same window."""
    return [
        (date(year, 3, 1), date(year, 4, 30)),
        (date(year, 5, 15), date(year, 6, 30)),
        (date(year, 9, 1), date(year, 10, 31)),
        (date(year, 11, 15), date(year, 12, 31)),
    ]


# The intake channels of the clue service (issue 6), with rough shares.
CHANNELS = {"12345热线": 42, "投诉举报平台": 24, "部门移送": 10, "上级交办": 8, "非现场监管/预警": 7, "新闻媒体": 5}
CHANNELS |= {"行业协会": 4}
HEARD = {
    "部门移送": "执法检查中发现",
    "上级交办": "上级交办",
    "非现场监管/预警": "监测发现",
    "行业协会": "行业协会反映",
}
CREDIT = {"A": 55, "B": 30, "C": 10, "D": 5}
RISK = {  # risk class by credit grade: poorer credit, more risk
    "A": {"低": 50, "一般": 40, "较高": 8, "高": 2},
    "B": {"低": 30, "一般": 45, "较高": 18, "高": 7},
    "C": {"低": 10, "一般": 40, "较高": 35, "高": 15},
    "D": {"低": 5, "一般": 25, "较高": 40, "高": 30},
}
VISITS = {"低": 0.7, "一般": 1.2, "较高": 2.5, "高": 4.0}  # riskier subjects are checked more often
OPTIONAL_TAGS = {"连锁经营": 0.05, "网络经营": 0.08, "新设立": 0.1}
QUALIFICATIONS = {
    "scjgj": "行政执法证|食品安全检查员",
    "yjglj": "行政执法证|安全生产执法证",
    "xfjy": "行政执法证|消防监督检查员",
    "wjw": "行政执法证|卫生监督员",
    "zjj": "行政执法证|建设工程质量安全监督员",
}


@dataclass(frozen=True)
class Scale:
    subjects: int
    tasks: int
    clues: int


SCALES = {
    "tiny": Scale(300, 600, 240),  # for tests
    "demo": Scale(5_000, 10_000, 3_000),
    "county": Scale(50_000, 100_000, 30_000),
    "province": Scale(1_000_000, 2_000_000, 600_000),
}


@dataclass(slots=True)
class Subject:
    id: str
    name: str
    county: str
    region_id: str
    type_id: str
    address: str
    credit: str
    risk: str
    profile: Profile
    duties: list[Duty]


@dataclass
class Dataset:
    """One generation run: the random source, the reference, and what earlier files produced."""

    rng: random.Random
    world: World
    out: Path
    scale: Scale
    as_of: date = AS_OF  # the reference date: what is done and what is planned is seen from here
    counts: dict[str, int] = field(default_factory=dict)
    subjects: list[Subject] = field(default_factory=list)
    visits: Counter[str] = field(default_factory=Counter)  # tasks per department
    specialties: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    visited: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))  # a few subjects per department

    @contextmanager
    def table(self, kind: str) -> Iterator[Callable[..., None]]:
        """A function writing one row (a dict by column name) of a kind's file; counts the rows."""
        spec = SPECS[kind]
        count = 0
        with (self.out / spec.file).open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, [c.name for c in spec.columns], lineterminator="\n")
            writer.writeheader()

            def write(**row: Any) -> None:
                nonlocal count
                writer.writerow(row)
                count += 1

            yield write
        self.counts[spec.file] = count

    def pick(self, weights: Mapping[str, float]) -> str:
        return self.rng.choices(list(weights), list(weights.values()))[0]

    # -- subjects ---------------------------------------------------------------------------------

    def write_subjects(self) -> None:
        world, rng = self.world, self.rng
        types = sorted(world.subject_types)
        seen: set[str] = set()
        with self.table("subjects") as write:
            for _ in range(self.scale.subjects):
                county = rng.choice(world.counties)
                region = rng.choice(world.townships.get(county, [county]))
                type_ids = [rng.choice(types)]
                if world.cross_cutting_types and rng.random() < 0.35:  # a restaurant is also a 燃气用户
                    type_ids = list(dict.fromkeys(type_ids + [rng.choice(world.cross_cutting_types)]))
                profile = world.profile(type_ids[0])
                kind = self._kind(profile)
                code = make_uscc(kind, county, org_body(rng))
                while code in seen:
                    code = make_uscc(kind, county, org_body(rng))
                seen.add(code)
                city = world.regions[world.chain(county)[-2 if len(world.chain(county)) > 2 else -1]].name
                name = subject_name(rng, kind, profile, city, world.regions[county].name)
                address = street_address(rng, world.place_names(region))
                credit = self.pick(CREDIT)
                risk = self.pick(RISK[credit])
                domain = world.domains.get(world.subject_types[type_ids[0]]["domain_id"], {})
                write(
                    id=code,
                    name=name,
                    kind=kind,
                    type_ids="|".join(type_ids),
                    industry_code=domain.get("industry_code") or profile.industry_code,
                    address=address,
                    region_id=region,
                    credit_grade=credit,
                    risk_class=risk,
                    tags="|".join(self._tags(kind, credit, risk)),
                )
                duties = world.duties(tuple(type_ids), county)
                self.subjects.append(
                    Subject(code, name, county, region, type_ids[0], address, credit, risk, profile, duties)
                )

    def _kind(self, profile: Profile) -> str:
        draw = self.rng.random()
        if profile.public and draw < 0.15:
            return "事业单位"
        if profile.industry_code.startswith("A") and draw < 0.4:
            return "农民专业合作社"
        return "个体工商户" if draw < 0.35 else "企业"

    def _tags(self, kind: str, credit: str, risk: str) -> list[str]:
        tags = ["重点监管对象"] if risk == "高" else []
        tags += {"C": ["经营异常名录"], "D": ["严重失信主体名单"]}.get(credit, [])
        tags += [tag for tag, share in OPTIONAL_TAGS.items() if self.rng.random() < share]
        if kind == "个体工商户" and self.rng.random() < 0.3:
            tags.append("小微主体")
        return tags

    # -- licences ---------------------------------------------------------------------------------

    def write_licences(self) -> None:
        world, rng = self.world, self.rng
        number = 0
        with self.table("licences") as write:
            for s in self.subjects:
                own = world.duties((s.type_id,), s.county)  # the licence belongs to the main trade
                leads = [d.department_id for d in own if d.lead] or world.nearest(s.county, s.profile.leads)
                if not s.profile.licence or not leads or rng.random() > 0.7:
                    continue
                number += 1
                matters = sorted({m for d in own for m in d.matter_ids})
                licensing = [m for m in matters if "许可" in world.matters[m]["name"]]
                review = world.nearest(s.county, ("xzspj",))
                draw = rng.random()
                kind, mode, issuer, status = "许可", "部门审批", leads[0], ""
                if draw < 0.08:
                    kind, mode = "备案", "改为备案"
                elif draw < 0.12:
                    mode, status = "已取消审批", "注销"
                elif review and draw < 0.75:  # 一枚印章管审批: the 审批局 issues, the trade still supervises
                    mode, issuer = "行政审批局审批", review[0]
                valid_from = self.as_of - timedelta(days=rng.randint(0, 5 * 365))
                valid_to = valid_from + timedelta(days=5 * 365 - 1)
                if not status:
                    status = "吊销" if s.credit == "D" and rng.random() < 0.3 else "有效"
                    status = "过期" if status == "有效" and valid_to < self.as_of else status
                domain = world.subject_types[s.type_id]["domain_id"]
                write(
                    id=f"lic-{number:07d}",
                    licence_no=f"{s.profile.licence_prefix if kind == '许可' else 'BA'}{s.county}{valid_from.year}"
                    f"{number:07d}",
                    name=s.profile.licence if kind == "许可" else s.profile.licence.removesuffix("许可证") + "备案",
                    kind=kind,
                    status=status,
                    approval_mode=mode,
                    subject_id=s.id,
                    issuer_id=issuer,
                    matter_id=rng.choice(licensing or matters) if matters else "",
                    domain_id=domain if domain in world.domains else "",
                    valid_from=valid_from,
                    valid_to=valid_to,
                )

    # -- inspection tasks -------------------------------------------------------------------------

    def write_tasks(self) -> None:
        rng = self.rng
        checked = [s for s in self.subjects if s.duties]  # subjects some department within reach checks
        weights = [VISITS[s.risk] for s in checked]
        number = 0
        with self.table("tasks") as write:

            def task(s: Subject, duty: Duty, kind: str, start: date, end: date) -> None:
                nonlocal number
                number += 1
                matters = rng.sample(duty.matter_ids, min(len(duty.matter_ids), rng.choice((1, 1, 2))))
                status, done = self._status(start, end)
                write(
                    id=f"task-{self.as_of.year}-{number:07d}",
                    department_id=duty.department_id,
                    subject_id=s.id,
                    matter_ids="|".join(sorted(matters)),
                    window_start=start,
                    window_end=end,
                    kind=kind,
                    status=status,
                    done_on=done or "",
                )
                self.visits[duty.department_id] += 1
                self.specialties[duty.department_id][s.profile.specialty] += 1
                if len(self.visited[duty.department_id]) < 50:
                    self.visited[duty.department_id].append(s.id)

            while checked and number < self.scale.tasks:
                for s in rng.choices(checked, weights, k=1000):
                    if number >= self.scale.tasks:
                        break
                    duty = rng.choice([d for d in s.duties if d.lead] or s.duties)
                    kind = self._task_kind(s.risk)
                    start, end = self._window(kind)
                    task(s, duty, kind, start, end)
                    # Real plans overlap: other departments visit the same subject in windows that share days.
                    others = [d for d in s.duties if d.department_id != duty.department_id]
                    if others and rng.random() < 0.35:
                        for other in rng.sample(others, min(len(others), rng.choice((1, 1, 2)))):
                            if number >= self.scale.tasks:
                                break
                            half = (end - start).days // 2
                            shift = timedelta(days=rng.randint(-half, half))
                            task(s, other, self._task_kind(s.risk), *_in_year(start + shift, end + shift, start.year))
                    elif rng.random() < 0.03 and number < self.scale.tasks:  # now and then a 重复检查
                        task(s, duty, "日常", *_in_year(start + timedelta(days=7), end + timedelta(days=7), start.year))

    def _task_kind(self, risk: str) -> str:
        return self.pick({"双随机": 60, "日常": 18, "专项": 14, "重点": {"高": 30, "较高": 15}.get(risk, 8)})

    def _window(self, kind: str) -> tuple[date, date]:
        rng = self.rng
        year = self.as_of.year + self.rng.choices(list(YEAR_OFFSETS), list(YEAR_OFFSETS.values()))[0]
        match kind:
            case "专项":
                return rng.choice(campaigns(year))
            case "日常":
                month = rng.randint(1, 12)
                return date(year, month, 1), date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
            case "重点":
                start = date(year, 1, 1) + timedelta(days=rng.randint(0, 350))
                return _in_year(start, start + timedelta(days=14))
            case _:  # 双随机: a draw each quarter, checked within one or two months
                start = date(year, 3 * rng.randint(0, 3) + 1, 1) + timedelta(days=rng.randint(0, 20))
                return _in_year(start, start + timedelta(days=rng.randint(30, 60)))

    def _status(self, start: date, end: date) -> tuple[str, date | None]:
        rng = self.rng
        if start > self.as_of:
            return "计划", None
        if end < self.as_of:
            if rng.random() < 0.1:
                return "已取消", None
            return "已完成", start + timedelta(days=rng.randint(0, (end - start).days))
        if rng.random() < 0.3:
            return "已完成", start + timedelta(days=rng.randint(0, (self.as_of - start).days))
        return "计划", None

    # -- inspectors -------------------------------------------------------------------------------

    def write_inspectors(self) -> None:
        """Rosters in proportion to each department's tasks, and a few declared conflicts of interest."""
        rng = self.rng
        total = sum(self.visits.values())
        roster = max(10, self.scale.subjects // 25)
        members: list[tuple[str, str]] = []
        with self.table("inspectors") as write:
            for department, visits in sorted(self.visits.items()):
                key = self.world.departments[department].key
                top = [name for name, _ in self.specialties[department].most_common(3)]
                for _ in range(max(2, round(roster * visits / total))):
                    inspector = f"insp-{len(members) + 1:06d}"
                    write(
                        id=inspector,
                        name=person(rng),
                        cert_no=f"{department[:6]}{len(members) + 1:06d}",
                        department_id=department,
                        qualifications=QUALIFICATIONS.get(key, "行政执法证"),
                        specialties="|".join(sorted(rng.sample(top, rng.randint(1, len(top))))),
                    )
                    members.append((inspector, department))
        with self.table("conflicts") as write:
            for inspector, department in members:
                if rng.random() < 0.02:
                    seen = self.visited[department]
                    for subject in sorted(rng.sample(seen, min(len(seen), rng.randint(1, 2)))):
                        write(inspector_id=inspector, subject_id=subject, reason=rng.choice(CONFLICT_REASONS))

    # -- clues and their referral hops ------------------------------------------------------------

    def write_clues(self) -> None:
        chains = ChainMaker(self.rng, self.world)
        with self.table("clues") as clue, self.table("referrals") as referral:
            for i, shape in enumerate(shape_list(self.rng, self.scale.clues), start=1):
                clue_id = f"clue-{i:07d}"
                row, subject, nearby = self._clue(clue_id, shape)
                receiver, received = row["receiver_id"], row["received_at"]
                hops, status = chains.make(shape, receiver, subject.county, nearby, received)
                clue(**(row | {"status": status, "received_at": _time(received)}))
                for k, hop in enumerate(hops, start=1):
                    referral(
                        id=f"{clue_id}-{k}",
                        clue_id=clue_id,
                        previous_id=f"{clue_id}-{k - 1}" if k > 1 else "",
                        from_department_id=hop.from_id,
                        to_department_id=hop.to_id,
                        kind=hop.kind,
                        sent_at=_time(hop.sent_at),
                        reason=hop.reason,
                        acknowledged_at=_time(hop.acknowledged_at),
                        outcome=hop.outcome,
                    )

    def _clue(self, clue_id: str, shape: str) -> tuple[dict[str, Any], Subject, list[str]]:
        """A clue about a subject (or only its place), who received it, and where it may travel."""
        world, rng = self.world, self.rng
        s = rng.choice(self.subjects)
        named = rng.random() < 0.9
        responsible = [d.department_id for d in sorted(s.duties, key=lambda d: not d.lead)]
        receiver = (responsible or world.nearest(s.county, ("scjgj",)) or world.around(s.county) or [""])[0]
        # Likeliest first: the subject's inspecting departments, the trade's usual offices, then any office
        # around except the 编办 (it settles duty disputes; it does not handle clues).
        around = [d for d in world.around(s.county) if world.departments[d].key != "bb"]
        trade = s.profile.leads + s.profile.helpers
        nearby = responsible + [d for d in around if world.departments[d].key in trade] + around
        matters = sorted({m for d in s.duties for m in d.matter_ids})
        days_back = rng.randint(120 if shape == "stall" else 60, 365)  # room for the chain before the reference date
        received = datetime.combine(
            self.as_of - timedelta(days=days_back), time(rng.randint(8, 19), rng.randint(0, 59)), BEIJING
        )
        channel = self.pick(CHANNELS)
        problem = rng.choice(s.profile.problems)
        place = s.name if named else world.regions[s.region_id].name + "某经营场所"
        heard = HEARD.get(channel, "群众反映")
        row = {
            "id": clue_id,
            "title": f"{place}{problem}",
            "description": f"{heard}{s.address if named else place}{problem},请依职责核查处理。",
            "channel": channel,
            "received_at": received,
            "region_id": s.region_id,
            "subject_id": s.id if named else "",
            "matter_id": rng.choice(matters) if matters else "",
            "receiver_id": receiver,
        }
        return row, s, nearby


def _in_year(start: date, end: date, year: int | None = None) -> tuple[date, date]:
    """The window cut to a calendar year: the one it starts in, or the one given."""
    year = year or start.year
    first, last = date(year, 1, 1), date(year, 12, 31)
    return max(first, min(start, last)), max(first, min(end, last))


def _time(value: datetime | None) -> str:
    return value.isoformat(timespec="seconds") if value else ""


def generate(scale: str, seed: int, out: Path, reference_dir: Path, reference_date: date = AS_OF) -> dict[str, int]:
    """Writes subjects, licences, tasks, inspectors, conflicts, clues and referrals CSV files under out, the
    same bytes for the same (scale, seed, reference, reference date); returns the rows written per file. Tasks
    lie in the year before, of and after the reference date; clues in the year before it."""
    if scale not in SCALES:
        raise InvalidInput(f"未知的规模 {scale},应为 {'/'.join(SCALES)} 之一")
    world = World.read(reference_dir, reference_date)
    if not world.counties or not world.subject_types:
        raise InvalidInput(f"{reference_dir} 中须有县级行政区划(regions.csv)和监管对象类型(subject_types.csv)")
    out.mkdir(parents=True, exist_ok=True)
    data = Dataset(random.Random(seed), world, out, SCALES[scale], reference_date)
    data.write_subjects()
    data.write_licences()
    data.write_tasks()
    data.write_inspectors()
    data.write_clues()
    return data.counts
