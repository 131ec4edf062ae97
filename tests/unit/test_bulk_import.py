"""The initial import's files (loaders/bulk_import.py) without a server: bad rows refused as the loaders refuse them,
empty lists kept for the fix-up neo4j-admin needs, and that fix-up's statement covering every list of the model."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest

from graphsvc.clues.chain import Place
from graphsvc.cypher import CYPHER_DIR
from graphsvc.errors import InvalidInput
from loaders.bulk_import import SCANNED, Catalogue, CatalogueNode, Stamp, list_properties, write_import_files
from loaders.entities import SPECS
from loaders.rows import LoadReport
from loaders.table import parse_table

GOOD = "91150102MAB6FUCJ8E"
HEADER = "id,name,kind,type_ids,industry_code,address,region_id,credit_grade,risk_class,tags"
CLUE_HEADER = "id,title,description,channel,received_at,status,region_id,subject_id,matter_id,receiver_id"
STAMP = Stamp("test:pytest", datetime(2026, 11, 27, tzinfo=UTC))
PLACES = {"150102": Place("150102", "新城区", "150102", "新城区", ("150102",), "150000", "内蒙古自治区")}


def catalogue() -> Catalogue:
    nodes = [
        CatalogueNode(("Region",), {"id": "150102", "name": "新城区"}),
        CatalogueNode(("SubjectType",), {"id": "food-producer", "name": "食品生产者"}),
        CatalogueNode(("Department",), {"id": "150102-scjgj", "name": "新城区市场监督管理局"}),
    ]
    return Catalogue(nodes, [], {})


def write(folder: Path, name: str, *lines: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_a_bad_row_is_refused_with_the_loaders_errors_and_nothing_more_is_written(tmp_path: Path) -> None:
    files = tmp_path / "files"
    write(
        files,
        "subjects.csv",
        HEADER,
        f"{GOOD},新城食品厂,企业,food-producer,C14,,150102,A,低,",
        "91150102MAB6FUCJ8F,坏的代码,企业,food-producer,C14,,150102,A,低,",
    )
    write(
        files,
        "inspectors.csv",
        "id,name,cert_no,department_id,qualifications,specialties",
        "insp-1,张三,Z-1,150102-nope,,",
    )
    work = tmp_path / "work"
    work.mkdir()

    report = write_import_files(files, work, catalogue(), STAMP)

    # The errors the Cypher loaders give for the same files (their check before any write).
    expected = LoadReport()
    known = catalogue().known()
    for kind in ("subjects", "inspectors"):
        parse_table(SPECS[kind], files / SPECS[kind].file, known, expected)
    assert report.problems.errors == expected.errors
    assert [(e.file, e.row, e.column) for e in report.problems.errors] == [
        ("subjects.csv", 3, "id"),
        ("inspectors.csv", 2, "department_id"),
    ]
    assert report.problems.errors[0].reason == "统一社会信用代码校验位错误:第 18 位应为 E,而非 F"
    assert report.problems.errors[1].reason == "未知的部门编号"
    with pytest.raises(InvalidInput, match="subjects.csv 第 3 行「id」") as refused:
        report.problems.raise_if_failed()
    assert refused.value.details[1]["file"] == "inspectors.csv"
    # The good subject was written before the bad row was met; nothing of the inspectors file was.
    assert report.nodes["Subject"] == 1 and report.nodes["Inspector"] == 0


def test_empty_lists_are_left_out_of_the_files_and_listed_for_the_fix_up(tmp_path: Path) -> None:
    files = tmp_path / "files"
    write(files, "subjects.csv", HEADER, f"{GOOD},新城食品厂,企业,food-producer,C14,,150102,A,低,")
    work = tmp_path / "work"
    work.mkdir()
    with_aliases = replace(
        catalogue(), nodes=[*catalogue().nodes, CatalogueNode(("Function",), {"id": "f", "aliases": []})]
    )

    report = write_import_files(files, work, with_aliases, STAMP)

    assert not report.problems.errors
    assert report.empty_lists == {("Function", "aliases"): ["f"]}  # the catalogue's, by id
    assert report.empty_entity_lists == {("Subject", "tags"): 1}  # the entities', told by the missing property
    [subjects] = work.glob("nodes-*-Subject.csv")
    header, row = subjects.read_text(encoding="utf-8").splitlines()
    cells = dict(zip(header.split(","), row.split(","), strict=True))
    assert cells["tags:string[]"] == "" and cells["caption"] == '"新城食品厂"' and cells["address"] == ""
    assert cells["created_at:datetime"] == '"2026-11-27T00:00:00+00:00"'


def test_the_fix_up_statement_has_a_branch_for_every_label_with_a_list() -> None:
    text = (CYPHER_DIR / "admin" / "restore_empty_lists.cypher").read_text(encoding="utf-8")
    branches = re.findall(
        r"CASE \$label WHEN '(\w+)' THEN \[id\] ELSE \[\] END AS key MATCH \(n:(\w+) \{id: key\}\)", text
    )
    assert len(branches) == text.count("UNION") + 1  # every branch has the shape that lets only its label's ids in
    assert {label for label, same in branches if label == same} == set(list_properties())


def test_the_entities_fix_up_scans_only_the_label_asked() -> None:
    text = (CYPHER_DIR / "admin" / "restore_empty_entity_lists.cypher").read_text(encoding="utf-8")
    branches = re.findall(r"CASE \$label WHEN '(\w+)' THEN \[true\] ELSE \[\] END AS scan MATCH \(n:(\w+)\)", text)
    assert len(branches) == text.count("UNION") + 1
    assert {label for label, same in branches if label == same} == SCANNED


def test_the_clues_and_referrals_are_checked_on_a_second_core_against_the_subjects_that_passed(
    tmp_path: Path,
) -> None:
    """The second group runs in a process of its own and checks the clues before the subjects' ids arrive; a clue
    that named a subject refused above is refused as the loaders refuse it all the same (the group's files are
    checked again with the ids), and the group's files and errors join the report in the order the loaders read
    the files."""
    files = tmp_path / "files"
    write(
        files,
        "subjects.csv",
        HEADER,
        f"{GOOD},新城食品厂,企业,food-producer,C14,,150102,A,低,",
        "91150102MAB6FUCJ8F,坏的代码,企业,food-producer,C14,,150102,A,低,",
    )
    write(
        files,
        "clues.csv",
        CLUE_HEADER,
        f"clue-1,销售过期食品,,12345热线,2026-03-01T09:00:00+08:00,办理中,150102,{GOOD},,150102-scjgj",
        "clue-2,超员经营,,12345热线,2026-03-02T09:00:00+08:00,办理中,150102,91150102MAB6FUCJ8F,,",
    )
    write(
        files,
        "referrals.csv",
        "id,clue_id,previous_id,from_department_id,to_department_id,kind,sent_at,reason,acknowledged_at,outcome",
        "clue-1-1,clue-1,,150102-scjgj,150102-scjgj,转办,2026-03-01T10:00:00+08:00,,,",
    )
    work = tmp_path / "work"

    report = write_import_files(files, work, catalogue(), STAMP)

    assert list(report.files) == ["subjects.csv", "clues.csv", "referrals.csv"]
    assert [(e.file, e.row, e.column) for e in report.problems.errors] == [
        ("subjects.csv", 3, "id"),
        ("clues.csv", 3, "subject_id"),  # the subject of row 3 above was refused
        ("referrals.csv", 2, "to_department_id"),  # sent to the department that sends it
    ]
    assert report.files["clues.csv"].rows == 1 and report.files["referrals.csv"].rows == 0
    # Nothing more is written after a bad row: of the second group, nothing at all (its first file had one).
    assert report.nodes["Subject"] == 1 and report.nodes["Clue"] == 0 and report.nodes["Referral"] == 0


def test_a_hop_of_a_clue_that_is_not_in_the_clues_file_is_refused_as_the_loaders_refuse_it(tmp_path: Path) -> None:
    """The second group reads the referrals before the clues they name: a hop of a clue that the clues' file lacks,
    or refuses, is found once the clues are read, and the errors are the loaders' for the same files."""
    files = tmp_path / "files"
    write(files, "subjects.csv", HEADER, f"{GOOD},新城食品厂,企业,food-producer,C14,,150102,A,低,")
    write(
        files,
        "clues.csv",
        CLUE_HEADER,
        f"clue-1,销售过期食品,,12345热线,2026-03-01T09:00:00+08:00,办理中,150102,{GOOD},,150102-scjgj",
        "clue-2,超员经营,,12345热线,三月二日上午,办理中,150102,,,",
    )
    write(
        files,
        "referrals.csv",
        "id,clue_id,previous_id,from_department_id,to_department_id,kind,sent_at,reason,acknowledged_at,outcome",
        "r-1,clue-1,,150102-scjgj,150102-fgw,转办,2026-03-01T10:00:00+08:00,,,",
        "r-2,clue-2,,150102-scjgj,150102-fgw,转办,2026-03-02T10:00:00+08:00,,,",
        "r-3,clue-9,,150102-scjgj,150102-fgw,转办,2026-03-02T10:00:00+08:00,,,",
    )
    receiver = CatalogueNode(("Department",), {"id": "150102-fgw", "name": "新城区发展和改革委员会"})
    with_receiver = replace(catalogue(), nodes=[*catalogue().nodes, receiver], places=PLACES)

    report = write_import_files(files, tmp_path / "work", with_receiver, STAMP)

    expected = LoadReport()
    known = with_receiver.known()
    for kind in ("subjects", "clues", "referrals"):
        parse_table(SPECS[kind], files / SPECS[kind].file, known, expected)
    assert report.problems.errors == expected.errors
    assert [(e.file, e.row, e.column, e.reason) for e in report.problems.errors] == [
        ("clues.csv", 3, "received_at", "时间应写作 YYYY-MM-DDTHH:MM[:SS][+08:00]"),
        ("referrals.csv", 3, "clue_id", "未知的问题线索编号"),  # its clue was refused above
        ("referrals.csv", 4, "clue_id", "未知的问题线索编号"),  # no such clue in the file
    ]
    assert list(report.files) == ["subjects.csv", "clues.csv", "referrals.csv"]
    assert (report.files["clues.csv"].rows, report.files["referrals.csv"].rows) == (1, 1)


def a_subject_and_its_clue(tmp_path: Path) -> Path:
    files = tmp_path / "files"
    write(files, "subjects.csv", HEADER, f"{GOOD},新城食品厂,企业,food-producer,C14,,150102,A,低,")
    row = f"clue-1,销售过期食品,,12345热线,2026-03-01T09:00:00+08:00,办理中,150102,{GOOD},,"
    write(files, "clues.csv", CLUE_HEADER, row)
    return files


def test_the_second_group_writes_its_files_beside_the_first(tmp_path: Path) -> None:
    files = a_subject_and_its_clue(tmp_path)

    report = write_import_files(files, tmp_path / "work", replace(catalogue(), places=PLACES), STAMP)

    assert not report.problems.errors
    assert (report.nodes["Subject"], report.nodes["Clue"], report.relationships["ON_SUBJECT"]) == (1, 1, 1)
    [clue_nodes] = [a for a in report.arguments if a.startswith("--nodes=Clue=")]
    assert Path(clue_nodes.split("=", 2)[2]).parent == tmp_path / "work" / "second"


def test_what_the_second_group_raises_reaches_the_caller_with_its_traceback(tmp_path: Path) -> None:
    files = a_subject_and_its_clue(tmp_path)

    with pytest.raises(KeyError) as raised:  # the catalogue places no region: its chain cannot be placed
        write_import_files(files, tmp_path / "work", catalogue(), STAMP)

    [note] = raised.value.__notes__
    assert note.startswith("(在校验线索与移送文件的进程中)") and "in clues" in note  # where it happened
