"""Times of clues and hops: aware datetimes, Beijing time when the caller gives no offset."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

BEIJING = timezone(timedelta(hours=8))  # China keeps one offset all year, so a fixed one is exact
CLOCK_SKEW = timedelta(minutes=5)  # a caller's clock may run a little ahead of ours


def beijing(value: datetime) -> datetime:
    """A time without offset is Beijing time."""
    return value.replace(tzinfo=BEIJING) if value.tzinfo is None else value


def now() -> datetime:
    return datetime.now(BEIJING)


def from_iso(text: str | None) -> datetime | None:
    """A time the graph returned as text (toString of a DateTime): parsing it costs a thousandth of the driver's
    hydration of the DateTime itself. Nanoseconds are cut to microseconds, as the driver's to_native does."""
    # A time stored with a zone id reads 2025-03-01T09:00+08:00[Asia/Shanghai]: the offset says the instant.
    return None if text is None else datetime.fromisoformat(text.split("[", 1)[0])


def from_epoch(seconds: int | None) -> datetime | None:
    """A time the graph returned as epoch seconds (cheap to read in bulk), in Beijing time."""
    return None if seconds is None else datetime.fromtimestamp(seconds, BEIJING)
