"""The model as data agrees with the Cypher files, the schema and the docs."""

from __future__ import annotations

import pytest

from graphsvc import schema
from graphsvc.cypher import load_all
from graphsvc.cypher_check import undeclared
from graphsvc.model import GraphModel, load_model


def test_every_cypher_file_speaks_the_model() -> None:
    model = load_model()
    problems = {
        f"{q.name} #{i}": found
        for q in load_all().values()
        for i, statement in enumerate(q.statements)
        if (found := undeclared(model, statement))
    }
    assert problems == {}


def test_the_check_catches_undeclared_names() -> None:
    text = "MATCH (d:Department {nickname: $x})-[:RUNS]->(m:Mater) WHERE d.colour = 'red' RETURN m.name"
    assert undeclared(load_model(), text) == [
        "label Mater",
        "relationship RUNS",
        "property Department.colour",
        "property Department.nickname",
    ]


def test_map_keys_and_functions_are_not_mistaken_for_labels() -> None:
    text = "UNWIND $rows AS row MERGE (r:Region {id: row.id}) SET r.updated_at = datetime(), r.name = row.x"
    assert undeclared(load_model(), text) == []


def test_schema_files_are_generated_from_the_model() -> None:
    for name, text in schema.render(load_model()).items():
        assert (schema.SCHEMA_DIR / name).read_text(encoding="utf-8") == text, f"run `graphsvc schema export` ({name})"


def test_every_label_has_an_identity_constraint() -> None:
    model = load_model()
    constraints = "\n".join(schema.render(model).values())
    for label in model.labels:
        assert f"FOR (n:{label}) REQUIRE n.id IS UNIQUE" in constraints


def test_docs_describe_every_label_and_relationship() -> None:
    docs = schema.DOCS.read_text(encoding="utf-8")
    assert docs == schema.render_docs(load_model(), docs), "run `graphsvc schema export`"
    missing = [name for name in [*load_model().labels, *load_model().relationships] if f"`{name}`" not in docs]
    assert missing == []


def test_an_inconsistent_model_fails_at_load() -> None:
    data = {
        "base_properties": {"id": {"type": "string"}},
        "labels": {"Region": {"doc": "x", "properties": {"level": {"type": "enum"}}}},
    }
    with pytest.raises(ValueError, match="enum property needs values"):
        GraphModel.model_validate(data)
    data = {
        "base_properties": {"id": {"type": "string"}},
        "labels": {"Region": {"doc": "x"}},
        "relationships": {"PART_OF": {"doc": "x", "pairs": [["Region", "Country"]]}},
    }
    with pytest.raises(ValueError, match="undeclared label Country"):
        GraphModel.model_validate(data)
