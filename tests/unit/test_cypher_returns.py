"""No Cypher statement is written twice under two names."""

from __future__ import annotations

import re
from collections import defaultdict

from graphsvc.cypher import load_all


def test_no_statement_is_written_twice() -> None:
    """One statement, one file: two files with the same statement drift apart quietly."""
    by_text = defaultdict(list)
    for name, q in load_all().items():
        by_text[re.sub(r"\s+", " ", q.text).strip()].append(name)
    assert [names for names in by_text.values() if len(names) > 1] == []
