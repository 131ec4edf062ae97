"""The 权责清单 generator and layout detection, without a database."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphsvc.config import ROOT
from loaders.powers import read_list
from loaders.synthetic.powers import generate_powers, generate_rows

REFERENCE = ROOT / "data" / "reference"
YANTA = "610113"


@pytest.fixture(scope="module")
def lists(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("powers")
    generate_powers(REFERENCE, YANTA, "西安市雁塔区", "县", out, rows=700, seed=7)
    return out


def test_generation_is_deterministic_for_a_seed() -> None:
    first = generate_rows(REFERENCE, YANTA, 500, seed=3)
    assert first == generate_rows(REFERENCE, YANTA, 500, seed=3)
    assert first != generate_rows(REFERENCE, YANTA, 500, seed=4)
    assert len(first) >= 400
    # every article cited exists in the reference catalogue (a whole law without article is allowed)
    assert {r.category for r in first} >= {"行政处罚", "行政检查"}


def test_both_layouts_are_recognised(lists: Path) -> None:
    qzqd = read_list(lists / "权责清单_610113.xlsx")
    assert qzqd.layout == "权责清单" and {"code", "main", "sub", "category", "department"} <= set(qzqd.headers)
    assert qzqd.rows[0].number == 4  # a title, then a two-row header
    assert [r.cells for r in qzqd.rows][:5] != []
    csv_list = read_list(lists / "权责清单_610113.csv")
    assert len(csv_list.rows) == len(qzqd.rows)
    jgsx = read_list(lists / "监管事项目录清单_610113.csv")
    assert jgsx.layout == "监管事项目录清单" and {"measures", "level", "subjects"} <= set(jgsx.headers)
