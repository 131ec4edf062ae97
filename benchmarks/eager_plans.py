"""The Eager operators in the plans of the entity upserts and their clean-ups (`EXPLAIN`, nothing is written).

    .venv/bin/python benchmarks/eager_plans.py        # against NEO4J_URI (any store with the schema applied)

An Eager operator makes Neo4j materialise every row of the batch before the next clause (a read after a write of
the same kind); the upserts carried them while their clean-up clauses (DELETE of links a row no longer names) sat
next to the MERGEs. Prints each statement of cypher/entities/ with the Eager operators of its plan (target: none).
"""

from __future__ import annotations

from typing import Any

from neo4j import GraphDatabase

from graphsvc.config import Settings
from graphsvc.cypher import load_all


def operators(plan: Any) -> list[str]:
    return [plan["operatorType"], *(op for child in plan.get("children", []) for op in operators(child))]


def main() -> None:
    settings = Settings()
    cfg = settings.neo4j
    statements = sorted(
        (q for q in load_all().values() if q.name.startswith("entities/") and q.mode == "write"), key=lambda q: q.name
    )
    with (
        GraphDatabase.driver(cfg.uri, auth=(cfg.username, cfg.password.get_secret_value())) as driver,
        driver.session(database=cfg.database) as session,
    ):
        for q in statements:
            summary = session.run("EXPLAIN " + q.text, {p: None for p in q.params}).consume()  # type: ignore[arg-type]
            ops = operators(summary.plan or {})
            eager = [op for op in ops if op.startswith("Eager") and not op.startswith("EagerAggregation")]
            print(f"{q.name:<40} {len(ops):>3} operators  Eager: {', '.join(eager) or 'none'}")


if __name__ == "__main__":
    main()
