"""Across many clues: the flagged ones (anomalies), and the referral network between departments (flows)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any, Literal

from graphsvc.clues import flows as network
from graphsvc.clues.chain import DEFAULT_LIMITS, FLAGS, Chain, ClueFacts, Limits, Place, analyse
from graphsvc.clues.flows import Transfer
from graphsvc.clues.store import read_chains, read_facts, read_headers, read_places
from graphsvc.clues.summary import MICROSECOND
from graphsvc.clues.times import BEIJING, beijing, from_epoch, now
from graphsvc.cypher import query
from graphsvc.db import Reader, Runner
from graphsvc.errors import InvalidInput
from graphsvc.regions import require_region

FLOWS = query("clue/list_referral_flows")
SWEEP = query("clue/list_anomalies")
log = logging.getLogger(__name__)

FlagCode = Literal["LOOP", "PING_PONG", "CROSS_REGION", "CROSS_PROVINCE", "STALLED", "UNRESOLVED"]
SortKey = Literal["received_at", "-received_at", "hops", "-hops", "flags", "-flags", "longest_hold", "-longest_hold"]
Found = tuple[ClueFacts, Chain]
SORT_BY: dict[str, Callable[[Found], Any]] = {
    "received_at": lambda found: found[0].received_at,
    "hops": lambda found: len(found[1].order),
    "flags": lambda found: len(found[1].flags),
    "longest_hold": lambda found: max(found[1].held_hours.values(), default=0.0),
}


def window(date_from: date | None, date_to: date | None) -> tuple[datetime | None, datetime | None]:
    """A window of whole days in Beijing time: from its first day's start to the end of its last day."""
    if date_from and date_to and date_to < date_from:
        raise InvalidInput("结束日期早于开始日期", [{"field": "to", "reason": "before from"}])
    start = datetime.combine(date_from, time(), BEIJING) if date_from else None
    end = datetime.combine(date_to + timedelta(days=1), time(), BEIJING) if date_to else None
    return start, end


def anomalies(
    runner: Runner,
    region: str | None,
    date_from: date | None,
    date_to: date | None,
    flags: list[FlagCode],
    sort: SortKey = "-received_at",
    offset: int = 0,
    limit: int = 50,
    as_of: datetime | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> dict[str, Any]:
    """The clues received in the window within the region that carry a flag (all of `flags` when given).

    Read from the chain summaries kept on the clues (one statement); where a summary is missing or stale, or the
    order needs every chain's holdings (longest_hold), from the chains themselves, with the same answer."""
    _known(runner, region)
    moment = beijing(as_of) if as_of else now()
    places = read_places(runner)
    start, end = window(date_from, date_to)
    key = sort.lstrip("-")
    if key != "longest_hold":
        params = {
            "region_id": region,
            "received_from": start,
            "received_to": end,
            "acknowledge_us": limits.acknowledge // MICROSECOND,
            "act_us": limits.act // MICROSECOND,
            "unacked_before": moment - limits.acknowledge,  # as_of - start > limit, as a bound on the start
            "acked_before": moment - limits.act,
            "codes": list(FLAGS),
            "flags": list(flags),
            "sort": key,
            "descending": sort.startswith("-"),
            "offset": offset,
            "limit": limit,
        }

        def sweep(reader: Reader) -> tuple[dict[str, Any], dict[str, ClueFacts]]:
            # The counts and the page's chains from one snapshot.
            swept = reader.read(SWEEP, **params)[0]
            page = read_facts(reader, swept["ids"], places) if swept["stale"] == 0 else []
            return swept, {facts.id: facts for _, facts in page}

        swept, facts = runner.reading(sweep)
        if swept["stale"] == 0:
            page = [(facts[i], analyse(facts[i], places, moment, limits)) for i in swept["ids"]]
            counts = dict(zip(FLAGS, swept["flag_counts"], strict=True))
            return _answer(
                runner,
                region,
                date_from,
                date_to,
                moment,
                swept["analysed"],
                counts,
                swept["total"],
                offset,
                limit,
                page,
                places,
            )
        log.warning("anomalies_from_chains stale_summaries=%s", swept["stale"])
    return sweep_chains(runner, places, region, date_from, date_to, flags, sort, offset, limit, moment, limits)


def sweep_chains(
    runner: Runner,
    places: dict[str, Place],
    region: str | None,
    date_from: date | None,
    date_to: date | None,
    flags: list[FlagCode],
    sort: SortKey,
    offset: int,
    limit: int,
    moment: datetime,
    limits: Limits,
) -> dict[str, Any]:
    """The anomaly sweep analysing every chain in the window (the reference for the summaries, and the way when
    they cannot serve)."""
    start, end = window(date_from, date_to)
    counts = dict.fromkeys(FLAGS, 0)
    found: list[Found] = []
    clues = read_chains(runner, places, region, start, end)
    for facts in clues:
        chain = analyse(facts, places, moment, limits)
        codes = chain.flag_codes
        for code in codes:
            counts[code] += 1
        if codes and all(code in codes for code in flags):
            found.append((facts, chain))
    by = SORT_BY[sort.lstrip("-")]
    found.sort(key=lambda item: (by(item), item[0].id), reverse=sort.startswith("-"))
    # The page as stored, to the microsecond (the bulk read above has whole seconds, which is enough to select).
    exact = {f.id: f for _, f in read_facts(runner, [facts.id for facts, _ in found[offset : offset + limit]], places)}
    page = [
        (exact[facts.id], analyse(exact[facts.id], places, moment, limits))
        for facts, _ in found[offset : offset + limit]
    ]
    return _answer(
        runner, region, date_from, date_to, moment, len(clues), counts, len(found), offset, limit, page, places
    )


def _answer(
    runner: Runner,
    region: str | None,
    date_from: date | None,
    date_to: date | None,
    moment: datetime,
    analysed: int,
    counts: dict[str, int],
    total: int,
    offset: int,
    limit: int,
    page: list[Found],
    places: dict[str, Place],
) -> dict[str, Any]:
    headers = read_headers(runner, [facts.id for facts, _ in page])
    return {
        "region": region,
        "from": date_from,
        "to": date_to,
        "as_of": moment,
        "clues_analysed": analysed,
        "flag_counts": counts,
        "total": total,
        "offset": offset,
        "limit": limit,
        "results": [_summary(headers[facts.id], facts, chain, places) for facts, chain in page],
    }


def flows(
    runner: Runner, region: str | None, date_from: date | None, date_to: date | None, as_of: datetime | None = None
) -> dict[str, Any]:
    """The department-to-department referral matrix sent in the window, the departments that bounce clues, and
    the regions whose cross-region referrals wait longest for 签收."""
    _known(runner, region)
    moment = beijing(as_of) if as_of else now()
    places = read_places(runner)
    start, end = window(date_from, date_to)
    transfers = [
        Transfer(
            row["kind"],
            row["from_id"],
            row["to_id"],
            datetime.fromtimestamp(row["sent_at"], BEIJING),
            from_epoch(row["acknowledged_at"] or row["acted_at"]),
        )
        for row in runner.read(FLOWS, region_id=region, sent_from=start, sent_to=end)
    ]
    bouncing = network.bouncing(network.network(transfers))
    return {
        "region": region,
        "from": date_from,
        "to": date_to,
        "as_of": moment,
        "referrals": len(transfers),
        "matrix": [
            {
                "from": _department(places, row.pop("from_id")),
                "to": _department(places, row.pop("to_id")),
                **row,
            }
            for row in network.matrix(transfers)
        ],
        "bouncing": {
            "pairs": [
                {
                    "a": _department(places, p["a"]),
                    "b": _department(places, p["b"]),
                    "a_to_b": p["a_to_b"],
                    "b_to_a": p["b_to_a"],
                }
                for p in bouncing["pairs"]
            ],
            "pair_count": bouncing["pair_count"],
            "components": [
                {"departments": [_department(places, d) for d in c["department_ids"]], "referrals": c["referrals"]}
                for c in bouncing["components"]
            ],
            "cycles": [
                {"departments": [_department(places, d) for d in c["department_ids"]], "weight": c["weight"]}
                for c in bouncing["cycles"]
            ],
            "cycle_count": bouncing["cycle_count"],
        },
        "slow_regions": [
            {"region": _region(places, row.pop("region_id")), **row}
            for row in network.slow_regions(transfers, places, moment)
        ],
    }


def _known(runner: Runner, region: str | None) -> None:
    if region:
        require_region(runner, region)


def _summary(header: dict[str, Any], facts: ClueFacts, chain: Chain, places: dict[str, Place]) -> dict[str, Any]:
    longest = max(chain.held_hours.items(), key=lambda item: item[1], default=None)
    return {
        "clue": header | {"region": _region(places, facts.region.id)},
        "flags": chain.flag_codes,
        "hops": len(chain.order),
        "current_holders": [_department(places, h.department_id) for h in chain.current],
        "longest_hold": {"department": _department(places, longest[0]), "hours": longest[1]} if longest else None,
    }


def _department(places: dict[str, Place], department_id: str) -> dict[str, Any]:
    place = places.get(department_id)
    if place is None:
        return {"id": department_id, "name": None, "region": None}
    return {"id": place.id, "name": place.name, "region": {"id": place.region_id, "name": place.region_name}}


def _region(places: dict[str, Place], region_id: str) -> dict[str, Any]:
    place = places.get(region_id)
    return {"id": region_id, "name": place.name if place else None}
