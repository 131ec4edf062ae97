"""The synthetic generator (loaders/synthetic/), pure: deterministic bytes, sizes, valid codes, overlapping plans."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

from graphsvc.config import Settings
from loaders.synthetic import generate
from tests.support.codes import gb11714_check, gb32100_check
from tests.support.synthetic import SEED, rows


def test_the_same_seed_writes_the_same_bytes(
    generated: tuple[Path, dict[str, int]], settings: Settings, tmp_path: Path
) -> None:
    first, counts = generated
    assert generate("tiny", SEED, tmp_path / "again", settings.service.reference_dir) == counts
    for name in counts:
        assert (tmp_path / "again" / name).read_bytes() == (first / name).read_bytes(), name
    generate("tiny", SEED + 1, tmp_path / "other", settings.service.reference_dir)
    assert (tmp_path / "other" / "subjects.csv").read_bytes() != (first / "subjects.csv").read_bytes()


def test_sizes_follow_the_scale(generated: tuple[Path, dict[str, int]]) -> None:
    _, counts = generated
    assert counts["subjects.csv"] == 300 and counts["tasks.csv"] == 600 and counts["clues.csv"] == 240
    assert counts["licences.csv"] > 0 and counts["inspectors.csv"] > 0 and counts["referrals.csv"] > 240


def test_subjects_carry_valid_codes_of_their_county(generated: tuple[Path, dict[str, int]], settings: Settings) -> None:
    regions = {r["id"]: r for r in rows(settings.service.reference_dir, "regions.csv")}
    for s in rows(generated[0], "subjects.csv"):
        code, region = s["id"], regions[s["region_id"]]
        county = region if region["level"] == "县" else regions[region["parent_id"]]
        assert code[-1] == gb32100_check(code[:17]), code
        assert code[16] == gb11714_check(code[8:16]), code
        assert code[2:8] == county["id"] and code[:2] == {"企业": "91", "个体工商户": "92"}.get(s["kind"], code[:2])
        assert region["name"] in s["address"] and s["name"]


def test_plans_overlap_across_departments(generated: tuple[Path, dict[str, int]]) -> None:
    by_subject: dict[str, list[dict[str, str]]] = defaultdict(list)
    for task in rows(generated[0], "tasks.csv"):
        by_subject[task["subject_id"]].append(task)
    overlaps = [
        (a["id"], b["id"])
        for tasks in by_subject.values()
        for a in tasks
        for b in tasks
        if a["department_id"] < b["department_id"]
        and a["window_start"] <= b["window_end"]
        and b["window_start"] <= a["window_end"]
    ]
    assert len(overlaps) >= 10


def test_the_demo_lives_at_its_reference_date(settings: Settings, tmp_path: Path) -> None:
    """Tasks from the year before to the year after the reference date, clues in the year before it; the same
    bytes for the same seed and date, other dates for another date."""
    today = date(2031, 5, 20)
    counts = generate("tiny", SEED, tmp_path / "a", settings.service.reference_dir, today)
    assert generate("tiny", SEED, tmp_path / "b", settings.service.reference_dir, today) == counts
    for name in counts:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name
    tasks = rows(tmp_path / "a", "tasks.csv")
    starts = [date.fromisoformat(t["window_start"]) for t in tasks]
    assert {d.year for d in starts} == {2030, 2031, 2032}
    assert all(t["status"] == "计划" for t, d in zip(tasks, starts, strict=True) if d > today)
    assert all(t["status"] != "计划" for t in tasks if date.fromisoformat(t["window_end"]) < today)
    assert any(date.fromisoformat(t["window_start"]) <= today <= date.fromisoformat(t["window_end"]) for t in tasks)
    received = [datetime.fromisoformat(c["received_at"]).date() for c in rows(tmp_path / "a", "clues.csv")]
    assert all(today - timedelta(days=366) <= d <= today for d in received)
    generate("tiny", SEED, tmp_path / "c", settings.service.reference_dir, date(2031, 5, 21))
    assert (tmp_path / "c" / "tasks.csv").read_bytes() != (tmp_path / "a" / "tasks.csv").read_bytes()
