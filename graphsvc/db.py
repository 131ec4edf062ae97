"""The one place that talks to Neo4j: runs named statements in managed transactions.

Driver exceptions stop here and become the service's errors, so routes and services
never see them. Records come back as plain dicts of Python values, or as pydantic models.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

from neo4j.time import Date, DateTime, Duration, Time
from pydantic import BaseModel

import neo4j
from graphsvc.config import Settings
from graphsvc.cypher import Query
from graphsvc.errors import Conflict, DatabaseUnavailable, GraphsvcError, InvalidInput
from neo4j import GraphDatabase
from neo4j import exceptions as neo4j_errors

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")


class Reader(Protocol):
    """Anything that runs read statements: the Runner, or one open read transaction."""

    def read(self, q: Query, **params: Any) -> list[dict[str, Any]]: ...


def create_driver(settings: Settings) -> neo4j.Driver:
    """A driver for NEO4J_URI; neo4j:// routes, so a cluster or Aura works unchanged."""
    cfg = settings.neo4j
    return GraphDatabase.driver(
        cfg.uri,
        auth=(cfg.username, cfg.password.get_secret_value()),
        connection_timeout=3.0,
        connection_acquisition_timeout=5.0,
        max_transaction_retry_time=settings.service.db_retry_seconds,
        user_agent="graphsvc",
        # Notices such as "property key does not exist" are normal while a catalogue is filling up.
        notifications_min_severity="OFF",
    )


class Runner:
    """Runs named Cypher statements against one database."""

    def __init__(self, driver: neo4j.Driver, database: str):
        self.driver = driver
        self.database = database

    def read(self, q: Query, **params: Any) -> list[dict[str, Any]]:
        return self._run(q, "read", params)

    def write(self, q: Query, **params: Any) -> list[dict[str, Any]]:
        return self._run(q, "write", params)

    def reading(self, work: Callable[[Reader], T]) -> T:
        """Runs several reads in one managed transaction: one snapshot, and one commit instead of one per read."""

        def run(tx: neo4j.ManagedTransaction) -> T:
            return work(_TransactionReader(tx))

        with translate_errors(), self.driver.session(database=self.database) as session:
            return session.execute_read(run)

    def read_as(self, model: type[M], q: Query, **params: Any) -> list[M]:
        return [model.model_validate(row) for row in self.read(q, **params)]

    def run_schema(self, q: Query) -> int:
        """Applies a DDL script statement by statement (schema changes cannot share a transaction)."""
        with translate_errors(), self.driver.session(database=self.database) as session:
            for statement in q.statements:
                session.run(statement).consume()  # type: ignore[arg-type]
        return len(q.statements)

    def ping(self, q: Query) -> list[dict[str, Any]]:
        """One try, no retries: readiness must answer quickly, also when the database is down."""
        q.check_params({})
        with translate_errors(), self.driver.session(database=self.database) as session:
            return [to_python(r.data()) for r in session.run(q.text)]  # type: ignore[arg-type]

    def _run(self, q: Query, mode: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        if q.mode != mode:
            raise ValueError(f"{q.name} is a {q.mode} statement, not {mode}")
        q.check_params(params)

        def work(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            return [to_python(r.data()) for r in tx.run(q.text, params)]  # type: ignore[arg-type]

        with translate_errors(q.name), self.driver.session(database=self.database) as session:
            if mode == "read":
                return session.execute_read(work)
            return session.execute_write(work)


class _TransactionReader:
    def __init__(self, tx: neo4j.ManagedTransaction):
        self.tx = tx

    def read(self, q: Query, **params: Any) -> list[dict[str, Any]]:
        if q.mode != "read":
            raise ValueError(f"{q.name} is a {q.mode} statement, not read")
        q.check_params(params)
        return [to_python(r.data()) for r in self.tx.run(q.text, params)]  # type: ignore[arg-type]


@contextmanager
def translate_errors(name: str = "") -> Iterator[None]:
    """Driver errors in, service errors out."""
    try:
        yield
    except GraphsvcError:
        raise
    except neo4j_errors.AuthError as e:
        raise DatabaseUnavailable("图数据库拒绝了登录凭据,请检查 NEO4J_USERNAME / NEO4J_PASSWORD。") from e
    except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError) as e:
        raise DatabaseUnavailable(f"图数据库暂不可用:{e}") from e
    except neo4j_errors.ConstraintError as e:
        raise Conflict(f"与已有数据冲突:{e.message}") from e
    except neo4j_errors.CypherTypeError as e:
        raise InvalidInput(f"参数类型不符:{e.message}") from e
    except neo4j_errors.TransientError as e:
        raise DatabaseUnavailable(f"图数据库暂时繁忙,请稍后重试:{e.message}") from e
    except neo4j_errors.Neo4jError as e:
        raise GraphsvcError(f"查询 {name or '(schema)'} 失败:{e.code} {e.message}") from e
    except neo4j_errors.DriverError as e:
        raise DatabaseUnavailable(f"图数据库连接出错:{e}") from e


def to_python(value: Any) -> Any:
    """Neo4j temporal values to their Python equivalents, recursively."""
    if isinstance(value, (Date, DateTime, Time)):
        return value.to_native()
    if isinstance(value, Duration):
        return value.iso_format()
    if isinstance(value, dict):
        return {k: to_python(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_python(v) for v in value]
    return value
