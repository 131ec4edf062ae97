"""The licence rule: "谁审批、谁监管,谁主管、谁监管" (seed 004; seed 001 for 审管分离, cancelled approval, filing)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from stdnum.cn import uscc

from graphsvc.db import Runner
from graphsvc.responsibility.resolve import ResolveRequest, resolve
from loaders.entities import load_entities
from tests.conftest import TEST_ACTOR
from tests.support.catalogue import X, load_sample


def code(serial: int) -> str:
    first17 = f"91{X}MA{serial:07d}X"[:17]
    return first17 + uscc.calc_check_digit(first17)


APPROVED, CENTRALISED, FILED = code(1), code(2), code(3)


@pytest.fixture(scope="module")
def with_subjects(runner: Runner, tmp_path_factory: pytest.TempPathFactory) -> Runner:
    directory: Path = tmp_path_factory.mktemp("licences")
    load_sample(runner, directory / "catalogue")
    (directory / "subjects.csv").write_text(
        "id,name,kind,region_id\n"
        f"{APPROVED},雁塔区甲餐馆,个体工商户,{X}\n{CENTRALISED},雁塔区乙餐饮有限公司,企业,{X}\n"
        f"{FILED},雁塔区丙食品店,个体工商户,{X}\n",
        encoding="utf-8",
    )
    (directory / "licences.csv").write_text(
        "id,licence_no,name,kind,status,approval_mode,subject_id,issuer_id,matter_id,valid_from,valid_to\n"
        f"lic-1,JY1,食品经营许可证,许可,有效,部门审批,{APPROVED},{X}-zjj,m-food,2020-01-01,2030-01-01\n"
        f"lic-2,JY2,食品经营许可证,许可,有效,行政审批局审批,{CENTRALISED},{X}-zjj,m-food,2020-01-01,2030-01-01\n"
        f"lic-3,BA3,仅销售预包装食品备案,备案,有效,改为备案,{FILED},{X}-zjj,m-food,2020-01-01,\n",
        encoding="utf-8",
    )
    for kind in ("subjects", "licences"):
        load_entities(runner, kind, directory / f"{kind}.csv", TEST_ACTOR).raise_if_failed()
    return runner


def lead(runner: Runner, subject: str, day: str = "2024-06-01") -> list[tuple[str, str]]:
    answer = resolve(runner, ResolveRequest(uscc=subject, as_of=date.fromisoformat(day)))
    assert answer["region"] == X  # the subject's region by default
    [result] = [r for r in answer["results"] if r["matter"]["id"] == "m-food"]
    return [(d["department"]["id"], d["rule"]) for d in result["lead"]]


def test_the_approving_department_supervises(with_subjects: Runner) -> None:
    assert lead(with_subjects, APPROVED) == [(f"{X}-zjj", "licence")]


def test_after_the_licence_expires_the_catalogue_decides_again(with_subjects: Runner) -> None:
    assert lead(with_subjects, APPROVED, "2031-01-01") == [(f"{X}-scjgj", "locality_level")]


def test_centralised_approval_or_filing_leaves_it_to_the_competent_department(with_subjects: Runner) -> None:
    # 审管分离: a 行政审批局 approved, so the industry's 主管部门 supervises; the licence is in the evidence.
    for subject in (CENTRALISED, FILED):
        answer = resolve(with_subjects, ResolveRequest(uscc=subject, as_of=date(2024, 6, 1)))
        [result] = [r for r in answer["results"] if r["matter"]["id"] == "m-food"]
        assert [(d["department"]["id"], d["rule"]) for d in result["lead"]] == [(f"{X}-scjgj", "locality_level")]
        assert result["lead"][0]["evidence"]["licence"]["approval_mode"] in ("行政审批局审批", "改为备案")
