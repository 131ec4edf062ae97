"""A small world for the inspection tests: a catalogue (through loaders.reference) and subjects, inspectors,
conflicts and tasks (through loaders.entities), written as CSV files and loaded into a wiped test graph."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

from graphsvc.db import Runner
from loaders.entities import SPECS, load_folder
from loaders.reference import load_reference
from loaders.synthetic.words import make_uscc
from tests.conftest import TEST_ACTOR, wipe
from tests.support.catalogue import Catalogue

SH, MH, XZ, QB, JS = "310000", "310112", "310112101", "310112102", "310116"
MARKET, FIRE, SAFETY, JS_MARKET = f"{MH}-scjgj", f"{MH}-xfjy", f"{MH}-yjglj", f"{JS}-scjgj"
FOOD, FOOD_ONLINE, FIRE_CHECK, SAFETY_CHECK = "food-001", "food-009", "fire-001", "safety-001"


def uscc(n: int, region: str = MH) -> str:
    return make_uscc("企业", region, f"MA{n:06d}")


S1, S2, S3, S4 = uscc(1), uscc(2), uscc(3, JS), uscc(4)


def catalogue() -> Catalogue:
    c = Catalogue()
    c.region(SH, "上海市", "省").region(MH, "闵行区", "县", SH).region(JS, "金山区", "县", SH)
    c.region(XZ, "莘庄镇", "乡", MH).region(QB, "七宝镇", "乡", MH)
    for fid, name in [("f-market", "市场监督管理部门"), ("f-fire", "消防救援机构"), ("f-safety", "应急管理部门")]:
        c.function(fid, name)
    c.department(MARKET, "闵行区市场监督管理局", "县", MH).performs(MARKET, "f-market")
    c.department(FIRE, "闵行区消防救援支队", "县", MH).performs(FIRE, "f-fire")
    c.department(SAFETY, "闵行区应急管理局", "县", MH).performs(SAFETY, "f-safety")
    c.department(JS_MARKET, "金山区市场监督管理局", "县", JS).performs(JS_MARKET, "f-market")
    c.law("食品安全法", "2021-04-29", "2021-04-29", articles=(110,))
    c.law("消防法", "2021-04-29", "2021-04-29", articles=(53,))
    c.law("安全生产法", "2021-06-10", "2021-09-01", articles=(65,))
    c.matter(FOOD, "对食品经营者的监督检查", domain="food", articles=("食品安全法@2021-04-29:110",))
    c.add(
        "matters.csv",
        id=FOOD_ONLINE,
        name="对网络食品交易第三方平台的监督检查",
        domain_id="food",
        category="行政检查",
        check_method="非现场检查",
        level="县",
        offsite_ok="是",
        source="test",
    )
    c.add("matter_articles.csv", matter_id=FOOD_ONLINE, article_id="食品安全法@2021-04-29:110")
    c.matter(FIRE_CHECK, "消防监督检查", domain="fire", articles=("消防法@2021-04-29:53",))
    c.matter(SAFETY_CHECK, "安全生产监督检查", domain="safety", articles=("安全生产法@2021-06-10:65",))
    c.assign("food-lead", FOOD, "牵头", function="f-market")
    c.assign("food-online-lead", FOOD_ONLINE, "牵头", function="f-market")
    c.assign("fire-lead", FIRE_CHECK, "牵头", function="f-fire")
    c.assign("safety-lead", SAFETY_CHECK, "牵头", function="f-safety")
    c.assign("safety-coop", SAFETY_CHECK, "配合", function="f-fire")
    c.add("subject_types.csv", id="food-seller", name="食品经营者", domain_id="food")
    c.add("subject_types.csv", id="fire-unit", name="消防安全重点单位", domain_id="fire")
    for matter in (FOOD, FOOD_ONLINE):
        c.add("matter_subject_types.csv", matter_id=matter, subject_type_id="food-seller")
    for matter in (FIRE_CHECK, SAFETY_CHECK):
        c.add("matter_subject_types.csv", matter_id=matter, subject_type_id="fire-unit")
    return c


def subject(code: str, region: str, credit: str = "", risk: str = "", types: str = "food-seller", **extra: Any) -> dict:
    return {
        "id": code,
        "name": f"测试企业{code[-4:]}",
        "kind": "企业",
        "type_ids": types,
        "region_id": region,
        "credit_grade": credit,
        "risk_class": risk,
        **extra,
    }


def task(id: str, department: str, subject: str, matters: str, start: str, end: str, **extra: Any) -> dict:
    return {
        "id": id,
        "department_id": department,
        "subject_id": subject,
        "matter_ids": matters,
        "window_start": start,
        "window_end": end,
        "kind": extra.pop("kind", "日常"),
        "status": extra.pop("status", "计划"),
        **extra,
    }


def base_subjects() -> list[dict]:
    return [
        subject(S1, XZ, "A", "低", "food-seller|fire-unit"),
        subject(S2, QB, "C", "高"),
        subject(S3, JS, "B", "一般"),
        subject(S4, XZ, types="fire-unit"),
    ]


def base_tasks() -> list[dict]:
    return [
        task("t1", MARKET, S1, FOOD, "2025-03-01", "2025-03-31", status="已完成", done_on="2025-03-10"),
        task("t2", FIRE, S1, FIRE_CHECK, "2025-06-01", "2025-06-30"),
        task("t3", SAFETY, S1, SAFETY_CHECK, "2025-06-15", "2025-07-15"),
        task("t4", MARKET, S2, FOOD, "2025-05-01", "2025-05-31"),
        task("t5", FIRE, S2, FIRE_CHECK, "2025-05-20", "2025-06-10", status="已取消"),
        task("t6", MARKET, S1, FOOD_ONLINE, "2025-06-20", "2025-06-25"),
    ]


def base_inspectors() -> list[dict]:
    rows = [
        {
            "id": f"i-m{n}",
            "name": f"市场{n}",
            "cert_no": f"SC{n:04d}",
            "department_id": MARKET,
            "qualifications": "行政执法证",
        }
        for n in range(1, 7)
    ]
    rows += [
        {
            "id": f"i-f{n}",
            "name": f"消防{n}",
            "cert_no": f"XF{n:04d}",
            "department_id": FIRE,
            "qualifications": "行政执法证|消防监督检查员",
        }
        for n in range(1, 5)
    ]
    rows.append({"id": "i-m9", "name": "见习", "cert_no": "SC0009", "department_id": MARKET, "qualifications": ""})
    return rows


BASE_CONFLICTS = [{"inspector_id": "i-m1", "subject_id": S1, "reason": "近亲属任职"}]


def write_entities(directory: Path, **tables: list[dict]) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    for kind, rows in tables.items():
        spec = SPECS[kind]
        with (directory / spec.file).open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, [c.name for c in spec.columns])
            writer.writeheader()
            for row in rows:
                writer.writerow({k: "" if v is None else v for k, v in row.items()})
    return directory


def load_world(
    runner: Runner,
    directory: Path,
    subjects: list[dict] | None = None,
    tasks: list[dict] | None = None,
    inspectors: list[dict] | None = None,
    conflicts: list[dict] | None = None,
) -> Runner:
    """A wiped graph with the catalogue and these entities (the base ones by default)."""
    wipe(runner)
    load_reference(runner, catalogue().write(directory / "reference"), TEST_ACTOR, partial=False).raise_if_failed()
    entities = write_entities(
        directory / "entities",
        subjects=base_subjects() if subjects is None else subjects,
        inspectors=base_inspectors() if inspectors is None else inspectors,
        conflicts=[{"inspector_id": "i-m1", "subject_id": S1, "reason": "近亲属任职"}]
        if conflicts is None
        else conflicts,
        tasks=base_tasks() if tasks is None else tasks,
    )
    load_folder(runner, entities, TEST_ACTOR).raise_if_failed()
    return runner


def load_tasks(runner: Runner, directory: Path, tasks: list[dict]) -> None:
    load_folder(runner, write_entities(directory, tasks=tasks), TEST_ACTOR).raise_if_failed()
