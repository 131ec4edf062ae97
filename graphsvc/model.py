"""The graph model, loaded from model.yaml and validated once; the schema Cypher derives from it."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any, Literal

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


MergePolicy = Literal["overwrite", "keep_if_null", "keep_first", "on_create", "none"]


class WrittenProperty(BaseModel):
    """How the generated upsert writes one property, and what people call it."""

    model_config = ConfigDict(extra="forbid")

    zh: str = Field(min_length=1)
    merge: MergePolicy = "overwrite"


class ParentLink(BaseModel):
    """The one link a row of a generated upsert must have: `(parent)-[type]->(node)` with `from`,
    `(node)-[type]->(parent)` with `to`; `by` is the row's field holding the parent's id."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    type: str
    from_label: str | None = Field(None, alias="from")
    to_label: str | None = Field(None, alias="to")
    by: str
    zh: str = Field(min_length=1)

    @property
    def parent(self) -> str:
        return self.from_label or self.to_label or ""


class LabelWrites(BaseModel):
    """How rows become nodes of one label: the source of cypher/generated/upsert_<label>.cypher."""

    model_config = ConfigDict(extra="forbid")

    name: str = ""
    doc: str = ""
    required: list[str] = []
    properties: dict[str, WrittenProperty]
    link: ParentLink | None = None


class GraphModel(BaseModel):
    model_config = ConfigDict(extra="forbid")

    base_properties: dict[str, Property]
    relationship_base_properties: dict[str, Property] = {}
    labels: dict[str, Label]
    relationships: dict[str, Relationship] = Field(default_factory=dict)
    writes: dict[str, LabelWrites] = Field(default_factory=dict)

    @model_validator(mode="before")
    @classmethod
    def _expand(cls, data: dict[str, Any]) -> dict[str, Any]:
        for name, label in data.get("labels", {}).items():
            label["name"] = name
        for name, rel in data.get("relationships", {}).items():
            rel["name"] = name
            rel["properties"] = {k: _as_property(v) for k, v in (rel.get("properties") or {}).items()}
        for name, spec in (data.get("writes") or {}).items():
            spec["name"] = name
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
        for spec in self.writes.values():
            self._check_writes(spec)
        return self

    def _check_writes(self, spec: LabelWrites) -> None:
        # Every property of a written label is named here, so a property added to the label without saying how it
        # is written (and what it is called in Chinese) fails at start.
        if spec.name not in self.labels:
            raise ValueError(f"writes names undeclared label {spec.name}")
        declared = {"id", *self.labels[spec.name].properties}
        if set(spec.properties) != declared:
            missing, extra = declared - set(spec.properties), set(spec.properties) - declared
            raise ValueError(f"writes.{spec.name}: properties missing {sorted(missing)}, undeclared {sorted(extra)}")
        if spec.properties["id"].merge != "overwrite":
            raise ValueError(f"writes.{spec.name}.id: the key is merged on, it has no merge policy")
        if unknown := set(spec.required) - declared:
            raise ValueError(f"writes.{spec.name}.required names undeclared properties {sorted(unknown)}")
        if skipped := {p for p in spec.required if spec.properties[p].merge == "none"}:
            raise ValueError(f"writes.{spec.name}: required properties {sorted(skipped)} are never written")
        link = spec.link
        if link is not None:
            if (link.from_label is None) == (link.to_label is None):
                raise ValueError(f"writes.{spec.name}.link needs one of from/to")
            pair = (link.from_label, spec.name) if link.from_label else (spec.name, link.to_label)
            rel = self.relationships.get(link.type)
            if rel is None or pair not in rel.pairs:
                raise ValueError(f"writes.{spec.name}.link: {link.type} is not declared for {pair[0]} → {pair[1]}")

    def upsert_statement(self, label: str) -> str:
        """The per-label upsert of cypher/generated/: MERGE on id, each property by its merge policy, the audit
        stamps (created_* once, updated_* on every write), and the parent link when the label has one. A row without
        a property's key leaves the property alone, so loaders writing different properties share the statement."""
        spec = self.writes[label]
        written = {p: w for p, w in spec.properties.items() if p != "id" and w.merge != "none"}
        lines = ["UNWIND $rows AS row"]
        link = spec.link
        if link is not None:
            lines.append(f"MATCH (parent:{link.parent} {{id: row.{link.by}}})")
        lines.append(f"MERGE (n:{label} {{id: row.id}})")
        on_create = ["n.created_at = datetime()", "n.created_by = $actor"]
        on_create += [f"n.{p} = row.{p}" for p, w in written.items() if w.merge == "on_create"]
        lines.append("  ON CREATE SET " + ", ".join(on_create))
        sets = [_set_by_policy(p, w.merge) for p, w in written.items() if w.merge != "on_create"]
        sets += ["n.updated_at = datetime()", "n.updated_by = $actor"]
        lines.append("SET " + ",\n    ".join(sets))
        if link is not None:
            pattern = f"(parent)-[link:{link.type}]->(n)" if link.from_label else f"(n)-[link:{link.type}]->(parent)"
            lines += [f"MERGE {pattern}", "SET link.updated_at = datetime(), link.updated_by = $actor"]
        lines.append("RETURN n.id AS id")
        return "\n".join(lines)

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
        lines += ["", "## Writes", "", "How loaders write these labels (`cypher/generated/upsert_<label>.cypher`)."]
        for name, spec in self.writes.items():
            link = spec.link
            lines += ["", f"### `{name}`", ""]
            if spec.doc:
                lines += [spec.doc, ""]
            if link is not None:
                ends = (
                    f"({link.from_label})-[:{link.type}]->(row)"
                    if link.from_label
                    else f"(row)-[:{link.type}]->({link.to_label})"
                )
                lines += [f"Each row names its {link.zh} in `{link.by}`: {ends}.", ""]
            lines += ["| property | 中文 | required | merge |", "|---|---|---|---|"]
            lines += [
                f"| {p} | {w.zh} | {'yes' if p in spec.required else ''} | {'key' if p == 'id' else w.merge} |"
                for p, w in spec.properties.items()
            ]
        return "\n".join(lines) + "\n"


def _set_by_policy(prop: str, merge: MergePolicy) -> str:
    if merge == "keep_if_null":
        return f"n.{prop} = coalesce(row.{prop}, n.{prop})"
    if merge == "keep_first":
        return f"n.{prop} = coalesce(n.{prop}, row.{prop})"
    return f"n.{prop} = CASE WHEN '{prop}' IN keys(row) THEN row.{prop} ELSE n.{prop} END"


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
