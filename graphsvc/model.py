"""The graph model, loaded from model.yaml and validated once; the schema Cypher derives from it."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, model_validator

PropertyType = Literal["string", "text", "int", "float", "bool", "date", "datetime", "string_list", "enum"]


class Property(BaseModel):
    model_config = ConfigDict(extra="forbid")

    type: PropertyType
    values: list[str] = []
    doc: str = ""
    index: bool = False
    unique: bool = False

    @model_validator(mode="after")
    def _enum_has_values(self) -> Property:
        if (self.type == "enum") != bool(self.values):
            raise ValueError("an enum property needs values, and only an enum has them")
        return self


def _as_property(spec: object) -> object:
    # Relationship properties are written short: `{valid_from: date}`.
    return {"type": spec} if isinstance(spec, str) else spec


class Label(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = ""
    doc: str
    properties: dict[str, Property] = {}
    fulltext: list[str] = []
    # Pre-segmented text (words separated by spaces, graphsvc/segment.py): a full-text index with the
    # `whitespace` analyzer, named <label>_words.
    fulltext_words: list[str] = []


class Relationship(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = ""
    doc: str
    pairs: list[tuple[str, str]]
    properties: dict[str, Property] = {}


class GraphModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    base_properties: dict[str, Property]
    relationship_base_properties: dict[str, Property] = {}
    labels: dict[str, Label]
    relationships: dict[str, Relationship] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _expand(cls, data: dict) -> dict:
        for name, label in data.get("labels", {}).items():
            label["name"] = name
        for name, rel in data.get("relationships", {}).items():
            rel["name"] = name
            rel["properties"] = {k: _as_property(v) for k, v in (rel.get("properties") or {}).items()}
        return data

    @model_validator(mode="after")
    def _consistent(self) -> GraphModel:
        for label in self.labels.values():
            if not label.name[:1].isupper() or "_" in label.name:
                raise ValueError(f"label {label.name} must be PascalCase")
            clash = set(label.properties) & set(self.base_properties)
            if clash:
                raise ValueError(f"{label.name} redeclares base properties {sorted(clash)}")
            unknown = set(label.fulltext + label.fulltext_words) - set(label.properties)
            if unknown:
                raise ValueError(f"{label.name}.fulltext names undeclared properties {sorted(unknown)}")
        for rel in self.relationships.values():
            if rel.name != rel.name.upper():
                raise ValueError(f"relationship {rel.name} must be UPPER_SNAKE")
            for source, target in rel.pairs:
                for end in (source, target):
                    if end not in self.labels:
                        raise ValueError(f"{rel.name} connects undeclared label {end}")
        return self

    def properties_of(self, label: str) -> dict[str, Property]:
        return {**self.base_properties, **self.labels[label].properties}

    def properties_of_relationship(self, rel_type: str) -> dict[str, Property]:
        return {**self.relationship_base_properties, **self.relationships[rel_type].properties}

    @property
    def all_property_names(self) -> set[str]:
        names = set(self.base_properties) | set(self.relationship_base_properties)
        for label in self.labels.values():
            names |= set(label.properties)
        for rel in self.relationships.values():
            names |= set(rel.properties)
        return names

    def schema_statements(self) -> dict[str, list[str]]:
        """The DDL that applies this model, grouped by the schema file it belongs in."""
        constraints, indexes, fulltext = [], [], []
        for name, label in self.labels.items():
            var = "n"
            constraints.append(
                f"CREATE CONSTRAINT {_snake(name)}_id IF NOT EXISTS FOR ({var}:{name}) REQUIRE {var}.id IS UNIQUE"
            )
            for prop_name, prop in label.properties.items():
                if prop.unique:
                    constraints.append(
                        f"CREATE CONSTRAINT {_snake(name)}_{prop_name} IF NOT EXISTS "
                        f"FOR ({var}:{name}) REQUIRE {var}.{prop_name} IS UNIQUE"
                    )
                elif prop.index:
                    indexes.append(
                        f"CREATE INDEX {_snake(name)}_{prop_name} IF NOT EXISTS "
                        f"FOR ({var}:{name}) ON ({var}.{prop_name})"
                    )
            if label.fulltext:
                props = ", ".join(f"{var}.{p}" for p in label.fulltext)
                fulltext.append(
                    f"CREATE FULLTEXT INDEX {_snake(name)}_text IF NOT EXISTS FOR ({var}:{name}) ON EACH [{props}] "
                    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'cjk'}}"
                )
            if label.fulltext_words:
                props = ", ".join(f"{var}.{p}" for p in label.fulltext_words)
                fulltext.append(
                    f"CREATE FULLTEXT INDEX {_snake(name)}_words IF NOT EXISTS FOR ({var}:{name}) ON EACH [{props}] "
                    "OPTIONS {indexConfig: {`fulltext.analyzer`: 'whitespace'}}"
                )
        return {"constraints": constraints, "indexes": indexes, "fulltext": fulltext}

    def markdown(self) -> str:
        """The reference tables of docs/model.md."""
        lines = ["## Labels", ""]
        for name, label in self.labels.items():
            lines += [f"### `{name}`", "", label.doc, "", "| property | type | notes |", "|---|---|---|"]
            lines += [
                f"| {p} | {_type_text(spec)} | {_notes(spec, p in label.fulltext, p in label.fulltext_words)} |"
                for p, spec in label.properties.items()
            ]
            lines.append("")
        base = ", ".join(f"`{p}` ({spec.doc})" for p, spec in self.base_properties.items())
        lines += [
            f"Every label also has: {base}.",
            "",
            "## Relationships",
            "",
            "| type | from → to | meaning | properties |",
            "|---|---|---|---|",
        ]
        for name, rel in self.relationships.items():
            pairs = "<br>".join(f"{a} → {b}" for a, b in rel.pairs)
            props = ", ".join(f"{p}: {_type_text(spec)}" for p, spec in rel.properties.items())
            lines.append(f"| `{name}` | {pairs} | {rel.doc} | {props} |")
        return "\n".join(lines) + "\n"


def _type_text(spec: Property) -> str:
    return f"enum: {' / '.join(spec.values)}" if spec.type == "enum" else spec.type


def _notes(spec: Property, fulltext: bool, words: bool = False) -> str:
    marks = [
        m
        for m, on in (
            ("unique", spec.unique),
            ("indexed", spec.index),
            ("full-text (cjk)", fulltext),
            ("full-text (whitespace, pre-segmented words)", words),
        )
        if on
    ]
    return "; ".join(filter(None, [spec.doc, ", ".join(marks)]))


def _snake(name: str) -> str:
    return "".join("_" + c.lower() if c.isupper() else c for c in name).lstrip("_")


MODEL_FILE = Path(__file__).with_name("model.yaml")


@cache
def load_model(path: Path = MODEL_FILE) -> GraphModel:
    """Read and validate the model; an inconsistent model fails at start."""
    return GraphModel.model_validate(yaml.safe_load(path.read_text(encoding="utf-8")))
