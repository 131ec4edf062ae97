"""The schema applied to the real server: idempotent, complete, and Chinese full-text search works."""

from __future__ import annotations

from pathlib import Path

import pytest

from graphsvc import schema
from graphsvc.cypher import parse_file, query
from graphsvc.db import Runner
from graphsvc.errors import GraphsvcError
from graphsvc.model import load_model

LIST_CONSTRAINTS = query("admin/list_constraints")
LIST_INDEXES = query("admin/list_indexes")
SEARCH_REGIONS = query("region/search_regions")
FIXTURES = Path(__file__).parents[2] / "fixtures" / "schema"


def test_applying_twice_changes_nothing(graph: Runner) -> None:
    before = (graph.read(LIST_CONSTRAINTS), graph.read(LIST_INDEXES))
    schema.apply(graph)
    schema.apply(graph)
    assert (graph.read(LIST_CONSTRAINTS), graph.read(LIST_INDEXES)) == before


def test_every_identity_is_unique_and_every_lookup_indexed(graph: Runner) -> None:
    model = load_model()
    unique = {
        (c["labels_or_types"][0], c["properties"][0]) for c in graph.read(LIST_CONSTRAINTS) if c["type"] == "UNIQUENESS"
    }
    assert {(label, "id") for label in model.labels} <= unique
    indexed = {
        (i["labels_or_types"][0], i["properties"][0])
        for i in graph.read(LIST_INDEXES)
        if i["type"] == "RANGE" and i["labels_or_types"]
    }
    wanted = {(name, p) for name, label in model.labels.items() for p, spec in label.properties.items() if spec.index}
    assert wanted <= indexed


def snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


def test_fulltext_indexes_use_the_declared_analyzer(graph: Runner) -> None:
    # `fulltext` properties are cut into bigrams (cjk); `fulltext_words` hold words cut by graphsvc/segment.py.
    fulltext = {i["name"]: i for i in graph.read(LIST_INDEXES) if i["type"] == "FULLTEXT"}
    model = load_model().labels
    wanted = {f"{snake(n)}_text": ("cjk", lb.fulltext) for n, lb in model.items() if lb.fulltext} | {
        f"{snake(n)}_words": ("whitespace", lb.fulltext_words) for n, lb in model.items() if lb.fulltext_words
    }
    assert set(fulltext) == set(wanted)
    for name, (analyzer, properties) in wanted.items():
        assert fulltext[name]["options"]["indexConfig"]["fulltext.analyzer"] == analyzer
        assert fulltext[name]["properties"] == properties
        assert fulltext[name]["state"] == "ONLINE"


def test_chinese_search_finds_a_word_inside_a_name(graph: Runner) -> None:
    hits = graph.read(SEARCH_REGIONS, query='"莘庄"', limit=10)
    assert [h["name"] for h in hits] == ["莘庄镇", "莘庄工业区"]
    assert {h["parent_name"] for h in hits} == {"闵行区"}


def test_a_script_applies_whole_or_not_at_all(graph: Runner) -> None:
    """A script's statements share one transaction: a failing one leaves none of those before it behind."""
    with pytest.raises(GraphsvcError):
        graph.run_schema(parse_file(FIXTURES / "creates_one_index_twice.cypher", FIXTURES))
    assert "probe_whole_or_none" not in {i["name"] for i in graph.read(LIST_INDEXES)}
