"""The Browser's style and captions, checked against the model without a database."""

from __future__ import annotations

import csv

from graphsvc.browser.style import grass, load_style
from graphsvc.captions import function_caption, wrap
from graphsvc.config import ROOT
from graphsvc.model import load_model

REFERENCE = ROOT / "data" / "reference"


def test_the_style_covers_the_model() -> None:
    model, style = load_model(), load_style()
    assert set(style.labels) == set(model.labels)
    assert set(style.relationships) == set(model.relationships)
    for label, rule in style.labels.items():
        undeclared = rule.fields - set(model.properties_of(label))
        assert not undeclared, f"{label} caption uses undeclared {undeclared}"
    text = grass(style)
    assert "node.Department {\n  color: #1E88E5;" in text and 'caption: "{caption}";' in text
    assert 'relationship.NEXT_HOP {\n  caption: "下一跳";\n}' in text


def test_function_captions_are_short_and_tell_functions_apart() -> None:
    assert function_caption("县级以上地方各级人民政府应急管理部门") == "应急管理部门 (县级)"
    assert function_caption("省、自治区、直辖市人民政府药品监督管理部门") == "药品监管部门 (省级)"
    assert wrap("负有安全生产监督管理职责的部门") == "负有安全生 产监督管理 职责的部门"

    with (REFERENCE / "functions.csv").open(encoding="utf-8") as f:
        names = [row["name"] for row in csv.DictReader(f)]
    captions = [function_caption(n) for n in names]
    assert len(set(captions)) == len(names)
    assert all(len(line) <= 6 for c in captions for line in c.split())
