"""The one place that talks to Neo4j: runs named statements (a read in one round trip, writes in managed transactions).

Driver exceptions stop here and become the service's errors, so routes and services
never see them. Records come back as plain dicts of Python values, or as pydantic models.
"""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, Protocol, TypeVar

import neo4j
from neo4j import GraphDatabase, unit_of_work
from neo4j import exceptions as neo4j_errors
from neo4j.graph import Node, Path, Relationship
from neo4j.time import Date, DateTime, Duration, Time
from pydantic import BaseModel

from graphsvc import catalogue_version as catalogue_writes
from graphsvc.audit_log import AUDIT_WRITE, audit_event
from graphsvc.bounds import plausible
from graphsvc.config import Settings
from graphsvc.cypher import CypherFileError, Query
from graphsvc.errors import Conflict, DatabaseUnavailable, GraphsvcError, InvalidInput

M = TypeVar("M", bound=BaseModel)
T = TypeVar("T")
log = logging.getLogger("graphsvc.db")


class ReturnsMismatch(CypherFileError):
    """A statement answered other columns than its `// returns:` header declares (callers read rows by those names)."""


class Reader(Protocol):
    """Anything that runs read statements: the Runner, or one open read transaction."""

    def read(self, q: Query, **params: Any) -> list[dict[str, Any]]: ...


def create_driver(settings: Settings) -> neo4j.Driver:
    """A driver for NEO4J_URI; neo4j:// routes, so a cluster or Aura works unchanged."""
    cfg = settings.neo4j
    return GraphDatabase.driver(
        cfg.uri,
        auth=(cfg.username, cfg.password.get_secret_value()),
        # A database that is down must cost a caller under a second (then 503), not the driver's default waits.
        connection_timeout=1.0,
        connection_acquisition_timeout=2.0,
        # No retries in the driver: it would retry an unreachable server for seconds. The Runner retries what is
        # worth retrying (deadlocks and other transient errors), for db_retry_seconds.
        max_transaction_retry_time=0,
        user_agent="graphsvc",
        # Notices such as "property key does not exist" are normal while a catalogue is filling up.
        notifications_min_severity="OFF",
    )


@contextmanager
def connected(settings: Settings, read_timeout: float = 3600.0) -> Iterator[Runner]:
    """A Runner on a driver of its own, closed at the end: for the command line and the loaders, whose reads may be
    long (the API's read timeout is not theirs), and for each side of a restart (an old pool holds dead connections)."""
    driver = create_driver(settings)
    try:
        yield Runner(driver, settings.neo4j.database, read_timeout=read_timeout)
    finally:
        driver.close()


class Runner:
    """Runs named Cypher statements against one database."""

    def __init__(self, driver: neo4j.Driver, database: str, read_timeout: float = 20.0, retry_seconds: float = 5.0):
        self.driver = driver
        self.database = database
        self.retry_seconds = retry_seconds
        # Reads give up after this long (the server ends the transaction), so one expensive call cannot hold it.
        self.read_timeout = read_timeout
        # In a cluster, reads go to secondaries: the bookmarks of this process's writes make a later read wait until
        # its server has them (read your own writes across sessions), at no cost on a single server.
        self.bookmarks = GraphDatabase.bookmark_manager()

    def _session(self, access: str = neo4j.WRITE_ACCESS) -> neo4j.Session:
        return self.driver.session(database=self.database, default_access_mode=access, bookmark_manager=self.bookmarks)

    def read(self, q: Query, **params: Any) -> list[dict[str, Any]]:
        return self._run(q, "read", params)

    def write(self, q: Query, **params: Any) -> list[dict[str, Any]]:
        """Runs a write; when it names an actor and changed something, an AuditEvent records it in the same
        transaction (who, when by the server's clock, which statement, on what, before → after)."""
        return self._run(q, "write", params)

    def write_all(self, steps: list[tuple[Query, dict[str, Any]]]) -> list[list[dict[str, Any]]]:
        """Runs several writes in one managed transaction, in order, each audited as `write` audits it: a statement
        split in two (a clean-up, then the upsert) so that neither needs an Eager plan, all or nothing."""
        for q, params in steps:
            if q.mode != "write":
                raise ValueError(f"{q.name} is a {q.mode} statement, not write")
            q.check_params(params)
            _check_bounds(q, params)

        def write(tx: neo4j.ManagedTransaction) -> list[list[dict[str, Any]]]:
            results = []
            for q, params in steps:
                result = tx.run(q.text, params)
                rows = [to_python(dict(r.items())) for r in result]
                event = audit_event(q.name, params, rows)
                if event is not None and result.consume().counters.contains_updates:
                    tx.run(AUDIT_WRITE.text, event=event)
                results.append(rows)
            return results

        with translate_errors(steps[0][0].name if steps else ""), self._session() as session:
            return self._retrying(lambda: session.execute_write(write))

    def record(self, action: str, params: dict[str, Any], rows: list[dict[str, Any]]) -> None:
        """Records, as an AuditEvent in a transaction of its own, a write that did not run as one statement of a
        managed transaction: an import by neo4j-admin, a statement committing in transactions of its own. Who and
        when as for every write (the server's clock); nothing is recorded without an actor or rows."""
        event = audit_event(action, params, rows)
        if event is None:
            return

        def write(tx: neo4j.ManagedTransaction) -> None:
            tx.run(AUDIT_WRITE.text, event=event).consume()

        with translate_errors(action), self._session() as session:
            self._retrying(lambda: session.execute_write(write))

    def write_in_transactions(self, q: Query, **params: Any) -> list[dict[str, Any]]:
        """Runs a write that commits in transactions of its own (`CALL {} IN TRANSACTIONS`: a scan of a million nodes
        read once rather than once per batch) as the auto-commit statement it must be. Not audited statement by
        statement: the caller records what it did (`record`)."""
        if q.mode != "write" or "IN TRANSACTIONS" not in q.text:
            raise ValueError(f"{q.name} is not a write in transactions of its own")
        q.check_params(params)
        with translate_errors(q.name), self._session() as session:
            return _rows(q, session.run(q.text, params))

    def reading(self, work: Callable[[Reader], T]) -> T:
        """Runs several reads in one managed transaction: one snapshot, and one commit instead of one per read."""

        @unit_of_work(timeout=self.read_timeout)
        def run(tx: neo4j.ManagedTransaction) -> T:
            return work(_TransactionReader(tx))

        with translate_errors(), self._session(neo4j.READ_ACCESS) as session:
            return self._retrying(lambda: session.execute_read(run))

    def read_as(self, model: type[M], q: Query, **params: Any) -> list[M]:
        return [model.model_validate(row) for row in self.read(q, **params)]

    def run_schema(self, q: Query) -> int:
        """Applies a DDL script: its CREATE and DROP statements in one transaction (all or none, and one commit instead
        of 84: 2.5 s of a county's initial import on a server just started), then its procedure calls (waiting for
        the indexes), which see only what is committed."""
        changes = [s for s in q.statements if not s.lstrip().upper().startswith("CALL")]
        calls = [s for s in q.statements if s not in changes]
        with translate_errors(), self._session() as session:
            if changes:
                with session.begin_transaction() as tx:
                    for statement in changes:
                        tx.run(statement).consume()
                    tx.commit()
            for statement in calls:
                session.run(statement).consume()
        return len(q.statements)

    def ping(self, q: Query) -> list[dict[str, Any]]:
        """One try, no retries: readiness must answer quickly, also when the database is down."""
        q.check_params({})
        with translate_errors(), self._session(neo4j.READ_ACCESS) as session:
            return _rows(q, session.run(q.text))

    def _run(self, q: Query, mode: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        if q.mode != mode:
            raise ValueError(f"{q.name} is a {q.mode} statement, not {mode}")
        q.check_params(params)
        _check_bounds(q, params)

        def read() -> list[dict[str, Any]]:
            # One statement as an auto-commit transaction: RUN and PULL go out together, one round trip. A managed
            # transaction would add a BEGIN and a COMMIT round trip each (a third of a short read's time). A read
            # changes nothing, so the Runner's retry is as safe as the driver's; the session still routes it to a
            # reader and waits for this process's bookmarks.
            with self._session(neo4j.READ_ACCESS) as session:
                return _rows(q, session.run(neo4j.Query(q.text, timeout=self.read_timeout), params))

        def write(tx: neo4j.ManagedTransaction) -> list[dict[str, Any]]:
            result = tx.run(q.text, params)
            rows = _rows(q, result)
            event = audit_event(q.name, params, rows)
            changed = result.consume().counters.contains_updates
            if event is not None and changed:
                tx.run(AUDIT_WRITE.text, event=event)
            if changed and catalogue_writes.changes_catalogue(q):  # processes holding the catalogue reload it
                tx.run(catalogue_writes.BUMP.text).consume()
            return rows

        with translate_errors(q.name):
            if mode == "read":
                return self._retrying(read)
            with self._session() as session:
                return self._retrying(lambda: session.execute_write(write))

    def _retrying(self, attempt: Callable[[], T]) -> T:
        """Retries transient errors (a deadlock between two writers, a leader switch) for retry_seconds; an
        unreachable server is not retried, so that the caller has its 503 within a second."""
        deadline = time.monotonic() + self.retry_seconds
        delay = 0.05
        while True:
            try:
                return attempt()
            except neo4j_errors.TransientError:
                if time.monotonic() + delay > deadline:
                    raise
                time.sleep(delay * random.uniform(0.8, 1.2))
                delay = min(delay * 2, 1.0)


def _rows(q: Query, result: neo4j.Result) -> list[dict[str, Any]]:
    """The records as dicts, once their columns are the ones the statement's `// returns:` header declares.

    Every record of a result carries the result's columns, so comparing them once per result checks every row,
    also of a result with no rows, at the cost of one tuple comparison. A mismatch is a programming error: it
    raises inside the transaction function, so a write whose header lies is rolled back."""
    columns = tuple(result.keys())
    if columns != q.returns:
        raise ReturnsMismatch(f"{q.name}: returns {list(columns)}, but its header declares {list(q.returns)}")
    return [to_python(dict(r.items())) for r in result]


def _check_bounds(q: Query, params: dict[str, Any]) -> None:
    """Dates the service would never mean (year 1, 9999) are refused before they reach the database."""
    for key, value in params.items():
        values = value if isinstance(value, list) and len(value) <= 1000 else [value]
        if not all(plausible(v) for v in values):
            log.info("implausible_date statement=%s param=%s", q.name, key)
            raise InvalidInput(
                "日期超出可处理的范围:年份须在 1900–2100 之间。", [{"field": key, "reason": "year out of range"}]
            )


class _TransactionReader:
    def __init__(self, tx: neo4j.ManagedTransaction):
        self.tx = tx

    def read(self, q: Query, **params: Any) -> list[dict[str, Any]]:
        if q.mode != "read":
            raise ValueError(f"{q.name} is a {q.mode} statement, not read")
        q.check_params(params)
        return _rows(q, self.tx.run(q.text, params))


@contextmanager
def translate_errors(name: str = "") -> Iterator[None]:
    """Driver errors in, service errors out. The caller reads a short Chinese message; the statement's name and
    the database's own message go to the log only (they describe our internals, not the caller's mistake)."""
    try:
        yield
    except GraphsvcError:
        raise
    except neo4j_errors.AuthError as e:
        log.error("neo4j_auth_failed statement=%s", name)
        raise DatabaseUnavailable("图数据库暂不可用,请稍后重试。") from e
    except (neo4j_errors.ServiceUnavailable, neo4j_errors.SessionExpired, OSError) as e:
        log.warning("neo4j_unavailable statement=%s error=%s", name, e)
        raise DatabaseUnavailable("图数据库暂不可用,请稍后重试。") from e
    except neo4j_errors.ConstraintError as e:
        log.info("neo4j_constraint statement=%s message=%s", name, e.message)
        raise Conflict("与已有数据冲突(编号已存在),请刷新后重试。") from e
    except neo4j_errors.CypherTypeError as e:
        log.warning("neo4j_type_error statement=%s message=%s", name, e.message)
        raise InvalidInput("参数类型或取值超出图数据库可处理的范围。") from e
    except neo4j_errors.TransientError as e:
        log.warning("neo4j_transient statement=%s code=%s", name, e.code)
        raise DatabaseUnavailable("图数据库暂时繁忙,请稍后重试。") from e
    except neo4j_errors.ClientError as e:
        if "TransactionTimedOut" in (e.code or "") or "Terminated" in (e.code or ""):
            log.warning("neo4j_timeout statement=%s code=%s", name, e.code)
            raise DatabaseUnavailable("查询超时:请缩小范围(地区、日期)后重试。") from e
        if (e.code or "").startswith("Neo.ClientError.Statement.") and "Syntax" not in (e.code or ""):
            # A value the database cannot hold (an offset past 2^63, a year out of range …) that validation missed.
            log.warning("neo4j_argument statement=%s code=%s message=%s", name, e.code, e.message)
            raise InvalidInput("参数取值超出图数据库可处理的范围。") from e
        log.error("neo4j_client_error statement=%s code=%s message=%s", name, e.code, e.message)
        raise GraphsvcError("服务内部错误,已记录日志。") from e
    except neo4j_errors.Neo4jError as e:
        log.error("neo4j_error statement=%s code=%s message=%s", name, e.code, e.message)
        raise GraphsvcError("服务内部错误,已记录日志。") from e
    except neo4j_errors.DriverError as e:
        log.warning("neo4j_driver_error statement=%s error=%s", name, e)
        raise DatabaseUnavailable("图数据库暂不可用,请稍后重试。") from e


def to_python(value: Any) -> Any:
    """A record's values as plain Python, recursively: temporal values to their Python equivalents, graph values as
    `Record.data()` gives them (a node its properties). Called on `dict(record.items())` rather than on
    `record.data()`, whose own recursive copy cost 1.6 ms of a 20-hop chain's record against 0.15 ms for all of this.
    Plain values, dicts and lists are told by their exact type first: an isinstance check against the driver's
    temporal classes costs several times more (3.7× for the whole of a 20-hop chain's record)."""
    kind = type(value)
    if value is None or kind is str or kind is int or kind is bool or kind is float:
        return value
    if kind is dict:
        return {k: to_python(v) for k, v in value.items()}
    if kind is list:
        return [to_python(v) for v in value]
    if isinstance(value, (Date, DateTime, Time)):
        return value.to_native()
    if isinstance(value, Duration):
        return value.iso_format()
    if isinstance(value, Node):
        return to_python(dict(value))
    if isinstance(value, Relationship):
        return (to_python(dict(value.start_node or {})), type(value).__name__, to_python(dict(value.end_node or {})))
    if isinstance(value, Path):
        steps = [to_python(value.start_node)]
        for rel, node in zip(value.relationships, value.nodes[1:], strict=True):
            steps += [type(rel).__name__, to_python(node)]
        return steps
    if isinstance(value, dict):
        return {k: to_python(v) for k, v in value.items()}
    if isinstance(value, list):
        return [to_python(v) for v in value]
    return value
