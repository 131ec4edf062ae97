"""The labelled evaluation set and the thesaurus hold to the reference catalogue and the law texts (no database)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from graphsvc.config import ROOT, ServiceSettings
from loaders.eval_set import (
    EVAL_COLUMNS,
    EXPECTS,
    MIN_ROWS,
    STYLES,
    SYNONYM_COLUMNS,
    Catalogue,
    check_eval,
    check_synonyms,
    load_catalogue,
)

EVAL = ROOT / "data" / "eval" / "descriptions.csv"
SYNONYMS = ROOT / "data" / "reference" / "synonyms.csv"
REFERENCE = ROOT / "data" / "reference"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    laws = ServiceSettings().laws_dir  # ../shared/laws, or GRAPHSVC_LAWS_DIR
    assert laws.is_dir(), f"law texts not found at {laws}: set GRAPHSVC_LAWS_DIR"
    return load_catalogue(REFERENCE, laws)


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write(path: Path, columns: list[str], data: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=columns)
        w.writeheader()
        w.writerows(data)
    return path


def reasons(problems: list) -> str:
    return "\n".join(str(p) for p in problems)


def test_shipped_eval_set_is_consistent(catalogue: Catalogue) -> None:
    problems = check_eval(EVAL, catalogue)
    assert not problems, reasons(problems)
    data = rows(EVAL)
    assert len(data) >= MIN_ROWS
    assert {r["style"] for r in data} == set(STYLES)
    assert {r["expect"] for r in data} == set(EXPECTS)
    # Every domain of the catalogue is described, some descriptions fall outside it, and some carry several behaviours.
    assert {r["domain"] for r in data if r["domain"]} == catalogue.domains
    assert sum(r["expect"] == "no_match" for r in data) >= 15
    assert sum(r["expect"] == "overlap" for r in data) >= 20
    assert sum(";" in r["functions"] for r in data) >= 10


def test_shipped_synonyms_are_consistent(catalogue: Catalogue) -> None:
    problems = check_synonyms(SYNONYMS, catalogue)
    assert not problems, reasons(problems)
    data = rows(SYNONYMS)
    assert len(data) >= 300
    assert {"煤气罐", "欠薪", "无证行医", "网吧", "电动车", "黑作坊", "地沟油"} <= {r["term"] for r in data}


def test_the_department_walk_goes_up_the_region_chain(catalogue: Catalogue) -> None:
    # 雁塔区 has no fire brigade of its own: the city's 支队 performs the role; 闵行区 has its own.
    assert catalogue.performers("fire-rescue", "610113") == ["610100-xfjy", "610000-xfjy"]
    assert catalogue.performers("fire-rescue", "310112")[0] == "310112-xfjy"
    assert catalogue.performers("drug-regulator-provincial", "610113") == ["610000-yjj"]
    assert catalogue.performers("designated-supervisor", "610113") == []


BAD_ROWS: list[tuple[str, dict[str, str], str]] = [
    ("unknown function", {"functions": "gas-bureau"}, "未知的职能"),
    ("unknown department", {"dept_610113": "610113-gas"}, "未知的部门"),
    ("department of another region", {"dept_610113": "310112-zjj"}, "不在 610113"),
    ("department without the function", {"dept_610113": "610113-scjgj"}, "不履行"),
    ("performer left out", {"dept_310112": ""}, "却未列出"),
    ("unknown article", {"article_id": "城镇燃气管理条例@2016-02-06:45.9"}, "都不存在"),
    ("article of an unloaded version", {"article_id": "城镇燃气管理条例@2010-01-01:45.1"}, "都不存在"),
    ("citation of another article", {"citation": "城镇燃气管理条例 第四十六条第一款"}, "不符"),
    ("unknown style", {"style": "email"}, "style"),
    ("unknown expectation", {"expect": "maybe"}, "expect"),
    ("unknown domain", {"domain": "tobacco"}, "未知的监管领域"),
    ("firm with candidates", {"functions": "gas-authority|market-regulator"}, "firm 行"),
    ("overlap without candidates", {"expect": "overlap"}, "overlap 行"),
    ("behaviours without their articles", {"functions": "gas-authority;gas-authority"}, "应有 2 个条文"),
]


@pytest.mark.parametrize(("change", "reason"), [(c, r) for _, c, r in BAD_ROWS], ids=[n for n, _, _ in BAD_ROWS])
def test_checker_rejects_a_wrong_row(catalogue: Catalogue, tmp_path: Path, change: dict[str, str], reason: str) -> None:
    good = {
        "id": "E001",
        "text": "小区门口有人没证卖煤气罐",
        "style": "hotline",
        "domain": "gas",
        "expect": "firm",
        "functions": "gas-authority",
        "dept_610113": "610113-cgj",
        "dept_310112": "310112-zjj",
        "article_id": "城镇燃气管理条例@2016-02-06:45.1",
        "citation": "城镇燃气管理条例 第四十五条第一款",
        "note": "无证经营燃气",
    }
    assert not check_eval(write(tmp_path / "ok.csv", EVAL_COLUMNS, [good]), catalogue, min_rows=1)
    problems = check_eval(write(tmp_path / "bad.csv", EVAL_COLUMNS, [good | change]), catalogue, min_rows=1)
    assert problems and reason in reasons(problems)
    assert all(p.row == 2 for p in problems)


def test_checker_rejects_a_short_set_a_wrong_header_and_a_no_match_with_a_holder(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    data = rows(EVAL)
    assert "至少" in reasons(check_eval(write(tmp_path / "short.csv", EVAL_COLUMNS, data[:100]), catalogue))
    renamed = [c if c != "dept_310112" else "dept_310116" for c in EVAL_COLUMNS]
    moved = [{("dept_310116" if k == "dept_310112" else k): v for k, v in r.items()} for r in data]
    assert "表头" in reasons(check_eval(write(tmp_path / "header.csv", renamed, moved), catalogue))
    no_match = next(r for r in data if r["expect"] == "no_match") | {"functions": "gas-authority"}
    assert "no_match" in reasons(check_eval(write(tmp_path / "nm.csv", EVAL_COLUMNS, [no_match]), catalogue, 1))


def test_checker_rejects_wrong_synonyms(catalogue: Catalogue, tmp_path: Path) -> None:
    ok = {"term": "煤气罐", "statutory_term": "瓶装燃气", "domain": "gas", "note": "城镇燃气管理条例第十八条"}
    assert not check_synonyms(write(tmp_path / "ok.csv", SYNONYM_COLUMNS, [ok]), catalogue)
    bad = [
        ok | {"term": "液化气罐", "statutory_term": "煤气罐罐"},  # not a statutory word
        ok | {"term": "气罐", "note": ""},
        ok | {"term": "钢瓶", "domain": "tobacco"},
        ok,  # a duplicate of the first good row
    ]
    problems = check_synonyms(write(tmp_path / "bad.csv", SYNONYM_COLUMNS, [ok, *bad]), catalogue)
    assert [(p.row, p.field) for p in problems] == [(3, "statutory_term"), (4, "note"), (5, "domain"), (6, "term")]
    header = check_synonyms(write(tmp_path / "h.csv", ["term", "statutory", "domain", "note"], []), catalogue)
    assert header and header[0].field == "表头"
