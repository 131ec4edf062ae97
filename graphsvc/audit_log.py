"""The append-only record of every write: an :AuditEvent created in the transaction of the write itself.

The Runner calls `audit_event` for each write statement that names an actor and changed something; the event
keeps who, when (the server's clock, set by the database), which statement, on which objects, and before →
after where the statement reports them (the state transitions return `before` and `after` columns), else its
rows. Nothing in the service updates or deletes an event; `list_events` reads them by object, actor or window.
"""

from __future__ import annotations

import json
import uuid
from datetime import date, datetime, time
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from graphsvc.cypher import query

if TYPE_CHECKING:
    from graphsvc.db import Runner

AUDIT_WRITE = query("audit_log/create_event")
LIST_EVENTS = query("audit_log/list_events")

# Parameters whose value must never be copied into the log.
SECRET_PARAMS = {"token_hash", "password", "password_hash", "secret"}
# Parameters that name the object a statement writes.
OBJECT_PARAMS = ("id", "clue_id", "dispute_id", "plan_id", "user_id", "token_id", "draw_id", "region_id")
MAX_OBJECT_IDS = 10_000
LONG_LIST = 20


def _plain(value: Any) -> Any:
    """Values as JSON can hold them: times as ISO text, Neo4j temporal values through their Python form."""
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    to_native = getattr(value, "to_native", None)
    if callable(to_native):
        return _plain(to_native())
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    return value


def _json(value: Any) -> str:
    return json.dumps(_plain(value), ensure_ascii=False, sort_keys=True, default=str)


def _object_ids(params: dict[str, Any]) -> list[str]:
    ids: list[str] = [str(params[k]) for k in OBJECT_PARAMS if isinstance(params.get(k), str)]
    # Rows of a batch write carry their ids; a list of plain strings is a filter (departments), not the objects.
    for value in params.values():
        if isinstance(value, list):
            ids.extend(str(v["id"]) for v in value if isinstance(v, dict) and isinstance(v.get("id"), str))
    return list(dict.fromkeys(ids))[:MAX_OBJECT_IDS]


def _what(params: dict[str, Any]) -> dict[str, Any]:
    shown: dict[str, Any] = {}
    for key, value in params.items():
        if key in SECRET_PARAMS or key == "actor":
            continue
        if isinstance(value, list) and len(value) > LONG_LIST:
            shown[key] = {"count": len(value)}
        else:
            shown[key] = value
    return shown


def audit_event(action: str, params: dict[str, Any], rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The event recording one write, or None when the write names no actor or returned nothing (nothing done)."""
    actor = params.get("actor")
    if not isinstance(actor, str) or not rows:
        return None
    first = rows[0]
    if "before" in first or "after" in first:
        before, after = first.get("before"), first.get("after")
        if before == after:
            return None  # a transition that found its end state already (accepting twice): nothing happened
    else:
        before, after = None, rows if len(rows) <= LONG_LIST else {"rows": len(rows)}
    return {
        "id": "ae_" + uuid.uuid4().hex,
        "actor": actor,
        "action": action,
        "object_ids": _object_ids(params),
        "what": _json(_what(params)),
        "before": None if before is None else _json(before),
        "after": None if after is None else _json(after),
    }


class AuditEvent(BaseModel):
    id: str
    at: datetime
    actor: str
    action: str = Field(description="写入所用的语句,如 clue/acknowledge_referral")
    object_ids: list[str]
    what: Any = Field(description="写入的参数(长列表只记条数,密钥不记)")
    before: Any = Field(default=None, description="写入前的状态(状态变更语句提供)")
    after: Any = Field(default=None, description="写入后的状态或返回的行")


class AuditPage(BaseModel):
    total: int
    offset: int
    events: list[AuditEvent]


def list_events(
    runner: Runner,
    object_id: str | None,
    actor: str | None,
    action: str | None,
    at_from: datetime | None,
    at_to: datetime | None,
    offset: int,
    limit: int,
) -> AuditPage:
    """A page of events, newest first."""
    [row] = runner.read(
        LIST_EVENTS,
        object_id=object_id,
        actor=actor,
        action=action,
        at_from=at_from,
        at_to=at_to,
        skip=offset,
        limit=limit,
    )
    events = [
        AuditEvent.model_validate(
            e
            | {
                "what": json.loads(e["what"]) if e["what"] else None,
                "before": json.loads(e["before"]) if e["before"] else None,
                "after": json.loads(e["after"]) if e["after"] else None,
            }
        )
        for e in row["events"]
    ]
    return AuditPage(total=row["total"], offset=offset, events=events)
