"""The clue world: a small hand-written catalogue around 雁塔区 (its departments, a food matter, a gas matter and a
gap) and one subject, USCC, in 小寨路街道. The names below are what the clue, race and hardening tests assert on."""

from __future__ import annotations

from datetime import datetime

import pytest

from graphsvc.clues.times import BEIJING
from graphsvc.db import Runner
from loaders.entities import load_entities
from loaders.reference import load_reference
from tests.support.auth import TEST_ACTOR
from tests.support.catalogue import Catalogue

P, C, X, Y, T, S, M = "610000", "610100", "610113", "610103", "610113001", "310000", "310112"
SCJ, ZJJ, CGJ, GAJ, GSJ = f"{X}-scjgj", f"{X}-zjj", f"{X}-cgj", f"{X}-gaj", f"{X}-gsj"
Y_SCJ, C_SCJ, M_SCJ = f"{Y}-scjgj", f"{C}-scjgj", f"{M}-scjgj"
USCC = "91610113MA6TK5C80Y"
DAY = datetime(2025, 3, 1, 9, 0, tzinfo=BEIJING)
BACKDATED = "纸质台账补录"  # the hops below happened in 2025: recording them now is back-dating, with a reason


def catalogue() -> Catalogue:
    c = Catalogue()
    c.region(P, "陕西省", "省").region(C, "西安市", "市", P).region(X, "雁塔区", "县", C).region(Y, "碑林区", "县", C)
    c.region(T, "小寨路街道", "乡", X).region(S, "上海市", "省").region(M, "闵行区", "县", S)
    c.department(SCJ, "雁塔区市场监督管理局", "县", X).department(ZJJ, "雁塔区住房和城乡建设局", "县", X)
    c.department(CGJ, "雁塔区城市管理和综合执法局", "县", X).department(GAJ, "西安市公安局雁塔分局", "县", X)
    c.department(GSJ, "雁塔区工商行政管理局", "县", X, valid_to="2018-11-01")
    c.department(Y_SCJ, "碑林区市场监督管理局", "县", Y).department(C_SCJ, "西安市市场监督管理局", "市", C)
    c.department(M_SCJ, "闵行区市场监督管理局", "县", M)
    c.function("f-food", "食品安全监督管理部门").function("f-gas", "燃气管理部门")
    for department in (SCJ, Y_SCJ, C_SCJ, M_SCJ):
        c.performs(department, "f-food")
    c.performs(ZJJ, "f-gas")
    c.law("食品安全法", "2021-04-29", "2021-04-29", articles=(110, 111))
    c.matter("m-food", "对食品经营者销售过期食品的监督检查", articles=("食品安全法@2021-04-29:110",))
    c.assign("m-food-lead", "m-food", "牵头", function="f-food")
    c.matter("m-gas", "对瓶装液化气经营者的监督检查", articles=("食品安全法@2021-04-29:111",))
    c.assign("m-gas-lead", "m-gas", "牵头", function="f-gas")
    c.matter("m-gap", "对新型共享厨房的监督检查", articles=("食品安全法@2021-04-29:111",))
    return c


def iso(moment: datetime) -> str:
    return moment.isoformat()


def load_clue_world(runner: Runner, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Loads the world into a graph the caller has wiped, through the real loaders."""
    load_reference(runner, catalogue().write(tmp_path_factory.mktemp("clue-catalogue")), TEST_ACTOR, partial=False)
    subjects = tmp_path_factory.mktemp("clue-subjects") / "subjects.csv"
    subjects.write_text(f"id,name,kind,region_id\n{USCC},老王家常菜馆,个体工商户,{T}\n", encoding="utf-8")
    load_entities(runner, "subjects", subjects, TEST_ACTOR).raise_if_failed()
