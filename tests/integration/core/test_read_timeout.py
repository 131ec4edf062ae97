"""A read that outlasts the read timeout (GRAPHSVC_READ_TIMEOUT_SECONDS, given to every read transaction) is ended by
Neo4j, and reaches the caller as `DatabaseUnavailable` with a Chinese message (the API's 503).

Neo4j notices an expired transaction when its monitor next looks (every 2 s by default), so a read that finishes
before that is not ended, however short its timeout: the statement here cannot finish in minutes on any machine,
which makes the test decide on the timeout alone (an earlier version timed a real sweep with 1 ms and passed or
failed by how warm the plan cache was)."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

import pytest

from graphsvc.config import Settings
from graphsvc.cypher import parse_file
from graphsvc.db import Runner, create_driver
from graphsvc.errors import DatabaseUnavailable

# Billions of rows: minutes of work for the database, and a single row for the test.
ENDLESS = """// A read far longer than any read timeout: only the timeout can end it.
// mode: read
// params:
// returns: n
UNWIND range(1, 4000000000) AS x
WITH x WHERE x % 7 = 3
RETURN count(x) AS n
"""


def test_a_read_past_its_timeout_is_ended_by_the_database_and_said_in_chinese(
    runner: Runner, settings: Settings, tmp_path: Path
) -> None:
    (tmp_path / "slow").mkdir()
    (tmp_path / "slow" / "count_far.cypher").write_text(ENDLESS, encoding="utf-8")
    endless = parse_file(tmp_path / "slow" / "count_far.cypher", tmp_path)
    driver = create_driver(settings)
    try:
        impatient = Runner(driver, settings.neo4j.database, read_timeout=0.5, retry_seconds=0.0)
        started = time.monotonic()
        with pytest.raises(DatabaseUnavailable) as ended:
            impatient.read(endless)
        took = time.monotonic() - started
        assert "查询超时" in str(ended.value) and "缩小范围" in str(ended.value)
        assert took < 60, took  # the monitor's period and a busy machine, not the statement's minutes
        # the pooled connection serves the next read
        assert impatient.read(replace(endless, text="RETURN 1 AS n")) == [{"n": 1}]
    finally:
        driver.close()
