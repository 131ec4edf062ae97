"""Small hand-built (or generated) catalogues, written as reference CSV files so the real loader loads them."""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from graphsvc.db import Runner
from graphsvc.legal_ids import article_id
from loaders.reference import load_reference
from tests.support.auth import TEST_ACTOR
from tests.support.graph import wipe

COLUMNS = {
    "regions.csv": ["id", "name", "level", "parent_id"],
    "departments.csv": ["id", "name", "short_name", "level", "region_id", "valid_from", "valid_to"],
    "bodies.csv": ["id", "name", "short_name", "level", "region_id", "kind", "valid_from", "valid_to"],
    "functions.csv": ["id", "name", "aliases", "description"],
    "function_successions.csv": ["from_id", "to_id", "valid_from", "note"],
    "department_functions.csv": ["department_id", "function_id", "valid_from", "valid_to", "source"],
    "legal_bases.csv": ["id", "title", "short_title", "kind", "issuer"],
    "basis_versions.csv": [
        "id",
        "basis_id",
        "version",
        "title",
        "promulgated_on",
        "effective_from",
        "effective_to",
        "status",
        "source",
    ],
    "articles.csv": ["id", "version_id", "number", "clause", "item", "label", "chapter", "gist"],
    "article_functions.csv": ["article_id", "function_id", "duty_kind", "wording"],
    "article_authorities.csv": ["article_id", "authority_article_id"],
    "renumberings.csv": ["from_article_id", "to_article_id", "method", "similarity", "reviewed"],
    "domains.csv": ["id", "name", "industry_code"],
    "subject_types.csv": ["id", "name", "domain_id"],
    "matters.csv": [
        "id",
        "name",
        "domain_id",
        "category",
        "check_method",
        "level",
        "offsite_ok",
        "subjects_text",
        "description",
        "code",
        "source",
    ],
    "matter_articles.csv": ["matter_id", "article_id"],
    "matter_scopes.csv": ["matter_id", "region_id", "source"],
    "matter_subject_types.csv": ["matter_id", "subject_type_id"],
    "assignments.csv": [
        "id",
        "matter_id",
        "role",
        "function_id",
        "department_id",
        "region_id",
        "valid_from",
        "valid_to",
        "source",
    ],
}


@dataclass
class Catalogue:
    rows: dict[str, list[dict[str, object]]] = field(default_factory=lambda: {name: [] for name in COLUMNS})

    def add(self, file: str, **row: object) -> Catalogue:
        unknown = set(row) - set(COLUMNS[file])
        assert not unknown, f"{file} has no columns {unknown}"
        self.rows[file].append(row)
        return self

    def write(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        for name, columns in COLUMNS.items():
            with (directory / name).open("w", encoding="utf-8", newline="") as f:
                writer = csv.DictWriter(f, columns)
                writer.writeheader()
                for row in self.rows[name]:
                    writer.writerow({k: "" if v is None else v for k, v in row.items()})
        return directory

    # -- shorthands --------------------------------------------------------------------------------

    def region(self, id: str, name: str, level: str, parent: str | None = None) -> Catalogue:
        return self.add("regions.csv", id=id, name=name, level=level, parent_id=parent)

    def department(
        self, id: str, name: str, level: str, region: str, valid_from: str = "", valid_to: str = ""
    ) -> Catalogue:
        return self.add(
            "departments.csv", id=id, name=name, level=level, region_id=region, valid_from=valid_from, valid_to=valid_to
        )

    def function(self, id: str, name: str) -> Catalogue:
        return self.add("functions.csv", id=id, name=name)

    def performs(self, department: str, function: str, valid_from: str = "", valid_to: str = "") -> Catalogue:
        return self.add(
            "department_functions.csv",
            department_id=department,
            function_id=function,
            valid_from=valid_from,
            valid_to=valid_to,
            source="test",
        )

    def law(
        self, basis: str, version: str, effective_from: str, effective_to: str = "", articles: tuple[int, ...] = (1,)
    ) -> Catalogue:
        version_id = f"{basis}@{version}"
        if not any(r["id"] == basis for r in self.rows["legal_bases.csv"]):
            self.add("legal_bases.csv", id=basis, title=basis, kind="法律")
        self.add(
            "basis_versions.csv",
            id=version_id,
            basis_id=basis,
            version=version,
            effective_from=effective_from,
            effective_to=effective_to,
            status="现行有效" if not effective_to else "已修改",
            source="test",
        )
        for number in articles:
            self.add(
                "articles.csv",
                id=article_id(version_id, number),
                version_id=version_id,
                number=number,
                label=f"第{number}条",
                gist=f"{basis} 第{number}条",
            )
        return self

    def matter(
        self, id: str, name: str, level: str = "县", domain: str = "d1", articles: tuple[str, ...] = ()
    ) -> Catalogue:
        if not any(r["id"] == domain for r in self.rows["domains.csv"]):
            self.add("domains.csv", id=domain, name=f"领域{domain}")
        self.add(
            "matters.csv",
            id=id,
            name=name,
            domain_id=domain,
            category="行政检查",
            check_method="双随机抽查",
            level=level,
            source="test",
        )
        for article in articles:
            self.add("matter_articles.csv", matter_id=id, article_id=article)
        return self

    def assign(
        self,
        id: str,
        matter: str,
        role: str,
        function: str = "",
        department: str = "",
        region: str = "",
        valid_from: str = "",
        valid_to: str = "",
    ) -> Catalogue:
        return self.add(
            "assignments.csv",
            id=id,
            matter_id=matter,
            role=role,
            function_id=function,
            department_id=department,
            region_id=region,
            valid_from=valid_from,
            valid_to=valid_to,
            source="test",
        )


# -- the sample catalogue the resolution and dispute tests share ------------------------------------

P, C, X, Y, T = "610000", "610100", "610113", "610103", "610113001"
LAW_NEW, LAW_OLD = "法甲@2021-01-01", "法甲@2015-01-01"


def sample_catalogue() -> Catalogue:
    c = Catalogue()
    c.region(P, "陕西省", "省").region(C, "西安市", "市", P).region(X, "雁塔区", "县", C)
    c.region(Y, "碑林区", "县", C).region(T, "小寨路街道", "乡", X)
    for fid, name in [
        ("f-food", "食品安全监督管理部门"),
        ("f-old-ic", "工商行政管理部门"),
        ("f-market", "市场监督管理部门"),
        ("f-drug", "药品监督管理部门"),
        ("f-gas", "燃气管理部门"),
    ]:
        c.function(fid, name)
    c.add("function_successions.csv", from_id="f-old-ic", to_id="f-market", valid_from="2018-11-01", note="机构改革")
    c.department(f"{X}-scjgj", "雁塔区市场监督管理局", "县", X, valid_from="2018-11-01")
    c.department(f"{X}-gsj", "雁塔区工商行政管理局", "县", X, valid_to="2018-11-01")
    c.department(f"{X}-zjj", "雁塔区住房和城乡建设局", "县", X)
    c.department(f"{Y}-cgj", "碑林区城市管理和综合执法局", "县", Y)
    c.department(f"{P}-yjj", "陕西省药品监督管理局", "省", P)
    c.performs(f"{X}-scjgj", "f-food", "2018-11-01").performs(f"{X}-scjgj", "f-market", "2018-11-01")
    c.performs(f"{X}-gsj", "f-old-ic", valid_to="2018-11-01")
    c.performs(f"{X}-zjj", "f-gas").performs(f"{Y}-cgj", "f-gas").performs(f"{P}-yjj", "f-drug")
    c.law("法甲", "2015-01-01", "2015-01-01", "2021-01-01", articles=(1,))
    c.law("法甲", "2021-01-01", "2021-01-01", articles=(1, 2))
    c.add(
        "article_functions.csv",
        article_id=f"{LAW_NEW}:1",
        function_id="f-gas",
        duty_kind="行政检查",
        wording="燃气管理部门",
    )
    c.add("article_authorities.csv", article_id=f"{LAW_NEW}:2", authority_article_id=f"{LAW_NEW}:1")
    c.matter("m-food", "对食品经营者的监督检查", articles=(f"{LAW_NEW}:1",))
    c.assign("m-food-lead", "m-food", "牵头", function="f-food").assign(
        "m-food-coop", "m-food", "配合", function="f-gas"
    )
    c.matter("m-drug", "对药品生产企业的监督检查", level="省", articles=(f"{LAW_NEW}:1",))
    c.assign("m-drug-lead", "m-drug", "牵头", function="f-drug")
    c.matter("m-old", "对经营者登记事项的监督检查", articles=(f"{LAW_NEW}:1",))
    c.assign("m-old-lead", "m-old", "牵头", function="f-old-ic")
    c.matter("m-local", "对小餐饮的监督检查", articles=(f"{LAW_NEW}:1",))
    c.assign("m-local-lead", "m-local", "牵头", function="f-food")
    c.assign("m-local-x", "m-local", "牵头", department=f"{X}-zjj", region=X)
    c.matter("m-conflict", "对燃气餐饮的监督检查", articles=(f"{LAW_NEW}:1",))
    c.assign("m-conflict-a", "m-conflict", "牵头", function="f-food")
    c.assign("m-conflict-b", "m-conflict", "牵头", function="f-gas")
    c.matter("m-stale", "对旧事项的监督检查", articles=(f"{LAW_OLD}:1",))
    c.assign("m-stale-lead", "m-stale", "牵头", function="f-food")
    c.matter("m-text", "对燃气经营者的监督检查", articles=(f"{LAW_NEW}:1",))
    c.matter("m-authority", "对燃气违法行为的行政处罚", articles=(f"{LAW_NEW}:2",))
    return c


def load_sample(runner: Runner, directory: Path) -> Runner:
    """A wiped graph holding exactly the sample catalogue, loaded through the real reference loader."""
    wipe(runner)
    load_reference(runner, sample_catalogue().write(directory), TEST_ACTOR, partial=False).raise_if_failed()
    return runner
