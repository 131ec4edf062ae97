"""Entity loads fail clean: encodings Chinese offices use are read, others named; binary files are refused with
a message, not a traceback; the exit code says whether everything (0), nothing (1) or part (2) was loaded."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from graphsvc.cli import app
from graphsvc.config import ROOT
from graphsvc.cypher import query
from graphsvc.db import Runner
from loaders.entities import load_folder
from tests.conftest import TEST_ACTOR

COUNT = query("admin/count_nodes_by_label")
LIST_HOPS = query("entities/list_referral_hops")
AUDIT = query("audit_log/list_events")
SAMPLES = ROOT / "data" / "samples" / "entities"
HEADER = "id,name,kind,region_id\n"
GOOD = "91310112MA1GB8XK5N,上海闵行张记餐饮店,个体工商户,310112\n"
BAD = "91310112MA1GB8XK5X,校验位错误的店,个体工商户,310112\n"
cli = CliRunner()


def subjects(runner: Runner) -> int:
    return next((r["count"] for r in runner.read(COUNT) if r["label"] == "Subject"), 0)


def load(env: dict[str, str], path: Path, *flags: str, kind: str = "subjects"):  # type: ignore[no-untyped-def]
    return cli.invoke(app, ["load", kind, str(path), *flags], env=env)


def test_gbk_and_bom_files_load(env: dict[str, str], graph: Runner, tmp_path: Path) -> None:
    gbk = tmp_path / "subjects-gbk.csv"
    gbk.write_bytes((HEADER + GOOD).encode("gbk"))
    result = load(env, gbk)
    assert result.exit_code == 0, result.output
    assert subjects(graph) == 1
    bom = tmp_path / "subjects-bom.csv"
    bom.write_bytes((HEADER + GOOD).encode("utf-8-sig"))
    assert load(env, bom).exit_code == 0 and subjects(graph) == 1  # the same row again: merged


def test_binary_and_unknown_files_end_with_a_message(env: dict[str, str], graph: Runner, tmp_path: Path) -> None:
    cases = {
        "photo.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "book.csv": b"PK\x03\x04" + b"\x14\x00" * 100,
        "utf16.csv": (HEADER + GOOD).encode("utf-16"),
    }
    for name, data in cases.items():
        path = tmp_path / name
        path.write_bytes(data)
        result = load(env, path)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output and name in result.output
        assert "CSV UTF-8" in result.output  # says what to do
    assert subjects(graph) == 0


def test_exit_codes_say_how_much_was_loaded(env: dict[str, str], graph: Runner, tmp_path: Path) -> None:
    mixed = tmp_path / "subjects.csv"
    mixed.write_text(HEADER + GOOD + BAD, encoding="utf-8")
    all_or_nothing = load(env, mixed)
    assert all_or_nothing.exit_code == 1 and subjects(graph) == 0
    partial = load(env, mixed, "--partial")
    assert partial.exit_code == 2, partial.output  # the good row is in, the bad one reported
    assert subjects(graph) == 1 and "校验" in partial.output
    good = tmp_path / "good.csv"
    good.write_text(HEADER + GOOD, encoding="utf-8")
    assert load(env, good).exit_code == 0


def test_a_corrected_referrals_file_replaces_what_the_earlier_load_wrote(
    env: dict[str, str], graph: Runner, tmp_path: Path
) -> None:
    load_folder(graph, SAMPLES, TEST_ACTOR, partial=True)
    before = {r["id"] for r in graph.read(LIST_HOPS)}
    assert {"ref-sample-1", "ref-sample-2", "ref-sample-3", "ref-sample-4"} <= before
    lines = (SAMPLES / "referrals.csv").read_text(encoding="utf-8").splitlines()
    corrected = tmp_path / "referrals.csv"  # ref-sample-3 was entered by mistake: the corrected file drops it
    corrected.write_text("\n".join(line for line in lines[:3]) + "\n", encoding="utf-8")
    first = load(env, corrected, kind="referrals")
    assert first.exit_code == 0, first.output
    assert "ref-sample-3" in {r["id"] for r in graph.read(LIST_HOPS)}  # without --replace nothing goes
    result = load(env, corrected, "--replace", kind="referrals")
    assert result.exit_code == 0, result.output
    after = {r["id"] for r in graph.read(LIST_HOPS)}
    assert after == before - {"ref-sample-3"}  # the other clue's hops stay
    [page] = graph.read(
        AUDIT,
        object_id=None,
        actor=None,
        action="entities/delete_unlisted_referrals",
        at_from=None,
        at_to=None,
        skip=0,
        limit=5,
    )
    assert [e["before"] for e in page["events"]] == ['{"hops": ["ref-sample-3"]}']  # the log keeps what went
    assert load(env, SAMPLES / "subjects.csv", "--replace").exit_code == 1  # only for referrals
