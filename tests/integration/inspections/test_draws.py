"""双随机 draws: the pure draw (teams, strata, determinism) and the endpoint (stored seed, replay, publication,
exclusions, who may draw)."""

from __future__ import annotations

import csv
import io

from fastapi.testclient import TestClient

from graphsvc.db import Runner
from graphsvc.identity import Role
from tests.support.auth import role_bearer as bearer
from tests.support.inspection_data import FIRE, FIRE_CHECK, FOOD, MARKET, MH, S1, S2, S4, SAFETY

URL = "/api/v1/inspections/random-draw"

# -- the pure draw -------------------------------------------------------------------------------------


# -- the endpoint --------------------------------------------------------------------------------------


def draw_body(**overrides: object) -> dict:
    return {
        "departments": [MARKET, FIRE],
        "matters": [FOOD, FIRE_CHECK],
        "roster": {"region": MH},
        "ratios": {"default": 1.0},
        "inspectors_per_subject": 2,
        "window": {"start": "2025-09-01", "end": "2025-10-31"},
        "seed": 20250901,
    } | overrides


def teams(draw: dict) -> dict[tuple[str, str], list[str]]:
    """(subject, department) → team, from a draw as POST answers it (inspector_ids) or as GET publishes it."""
    return {
        (t["subject_id"], t["department_id"]): sorted(
            t["inspector_ids"] if "inspector_ids" in t else [i["id"] for i in t["inspectors"]]
        )
        for t in draw["tasks"]
    }


def test_a_draw_is_stored_published_and_replayed(world: Runner, api: TestClient) -> None:
    user = bearer(world, Role.office)
    response = api.post(URL, json=draw_body(), headers=user)
    assert response.status_code == 200, response.text
    draw = response.json()
    assert draw["seed"] == 20250901 and draw["roster_size"] == 3  # S3 is in 金山
    assert draw["drawn_subjects"] == 3 and draw["created_by"] == api.get("/api/v1/me", headers=user).json()["id"]
    drawn = teams(draw)
    assert set(drawn) == {(s, d) for s in (S1, S2, S4) for d in (MARKET, FIRE)}
    assert all(t["matter_ids"] == ([FOOD] if t["department_id"] == MARKET else [FIRE_CHECK]) for t in draw["tasks"])
    assert "i-m1" not in drawn[(S1, MARKET)]  # declared a conflict with S1
    assert all("i-m9" not in team for team in drawn.values())  # no 行政执法证
    assert all(len(team) == 2 for team in drawn.values())
    stored = api.get(f"{URL}/{draw['id']}", headers=user).json()
    assert teams(stored) == drawn and stored["parameters"]["stratum_ratios"]["A|低"] == 1.0
    published = api.get(f"{URL}/{draw['id']}", params={"format": "csv"}, headers=user)
    assert published.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(published.text)))
    assert len(rows) == 6 and {r["随机种子"] for r in rows} == {"20250901"}
    replay = api.post(f"{URL}/{draw['id']}/replay", headers=user).json()
    assert replay == {"id": draw["id"], "seed": 20250901, "identical": True, "only_in_stored": [], "only_in_replay": []}
    # The tasks take part in merging: market and fire share the draw's window on each subject.
    plan = api.post(
        "/api/v1/inspections/merge-plan",
        json={"region": MH, "period": {"start": "2025-09-01", "end": "2025-10-31"}},
        headers=user,
    ).json()
    assert plan["summary"]["visits_after"] == 3 and plan["summary"]["visits_saved"] == 3


def test_the_next_draw_never_sends_the_same_pair(world: Runner, api: TestClient) -> None:
    user = bearer(world, Role.admin)
    body = draw_body(departments=[MARKET], matters=[FOOD], inspectors_per_subject=3)
    draws = [api.post(URL, json=body, headers=user).json() for _ in range(4)]
    history = [teams(d) for d in draws]
    for before, after in zip(history, history[1:], strict=False):
        for key, team in after.items():
            assert len(set(team) & set(before[key])) <= 1, (key, before[key], team)
    # Each replays as it was made, though the later draws changed the subjects' history since.
    for d in draws:
        assert api.post(f"{URL}/{d['id']}/replay", headers=user).json()["identical"] is True


def test_ratios_by_credit_and_risk(world: Runner, api: TestClient) -> None:
    user = bearer(world, Role.admin)
    # S1 is A/低, S2 C/高, S4 unrated: 0 for A, 1 for 高, 0 by default.
    body = draw_body(ratios={"by_credit": {"A": 0.0, "C": 0.0}, "by_risk": {"高": 1.0}, "default": 0.0})
    assert {t["subject_id"] for t in api.post(URL, json=body, headers=user).json()["tasks"]} == {S2}
    typed = draw_body(roster={"region": MH, "subject_types": ["fire-unit"]})
    assert {t["subject_id"] for t in api.post(URL, json=typed, headers=user).json()["tasks"]} == {S1, S4}
    everywhere = draw_body(roster={"region": "310000"}, departments=[MARKET], matters=[FOOD])
    assert api.post(URL, json=everywhere, headers=user).json()["roster_size"] == 4  # S3 too


def test_bad_draws(world: Runner, api: TestClient) -> None:
    admin = bearer(world, Role.admin)
    one = api.post(URL, json=draw_body(inspectors_per_subject=1), headers=admin)
    assert one.status_code == 422 and one.json()["error"]["details"][0]["field"] == "inspectors_per_subject"
    too_many = api.post(URL, json=draw_body(inspectors_per_subject=5), headers=admin)  # fire has 4
    assert too_many.status_code == 422 and "执法人员名录不足" in too_many.json()["error"]["message"]
    unknown = api.post(URL, json=draw_body(departments=[MARKET, "310112-nosuch"]), headers=admin)
    assert unknown.json()["error"]["details"] == [{"field": "departments.1", "reason": "unknown department"}]
    warned = api.post(URL, json=draw_body(departments=[MARKET, SAFETY], matters=[FOOD]), headers=admin).json()
    assert any("均无职责" in w for w in warned["warnings"])
    assert {t["department_id"] for t in warned["tasks"]} == {MARKET}


def test_a_department_draws_for_itself_only(world: Runner, api: TestClient) -> None:
    market = bearer(world, Role.department, MARKET)
    assert api.post(URL, json=draw_body(), headers=market).status_code == 403
    own = api.post(URL, json=draw_body(departments=[MARKET], matters=[FOOD]), headers=market)
    assert own.status_code == 200
    assert api.post(URL, json=draw_body(), headers=bearer(world, Role.analyst)).status_code == 403
