"""The Runner reads a record as `to_python(dict(record.items()))`, not through `record.data()` (whose own recursive
copy cost ten times the rest on a 20-hop chain): the two agree on every kind of value a statement can return."""

from __future__ import annotations

from datetime import date, datetime

from graphsvc.db import Runner, to_python

EVERY_KIND = """
CREATE p = (a:RecordProbe {name: '甲', born: date('2020-01-02')})-[:KNOWS {since: 2021}]->(b:RecordProbe {n: 1})
WITH a, b, p, [(a)-[k:KNOWS]->(b) | k][0] AS rel
RETURN a AS node, rel, p AS path, datetime('2026-03-01T09:00:00.123456+08:00') AS at, duration('P1DT2H') AS span,
       [{when: date('2025-12-31'), list: [1, 'x', null, true, 1.5]}] AS nested, point({x: 1, y: 2}) AS spot
"""


def test_records_read_as_the_driver_exports_them(runner: Runner) -> None:
    with runner.driver.session(database=runner.database) as session:
        [record] = list(session.run(EVERY_KIND))
        ours, theirs = to_python(dict(record.items())), to_python(record.data())
        session.run("MATCH (n:RecordProbe) DETACH DELETE n").consume()
    assert ours == theirs
    assert ours["node"] == {"name": "甲", "born": date(2020, 1, 2)}
    assert ours["rel"][1] == "KNOWS" and ours["rel"][2] == {"n": 1}
    assert ours["path"][1] == "KNOWS" and len(ours["path"]) == 3
    assert isinstance(ours["at"], datetime) and ours["at"].microsecond == 123456
    assert ours["span"] == "P1DT2H" and ours["nested"][0]["when"] == date(2025, 12, 31)
