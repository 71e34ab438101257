"""Time conventions: stored in UTC; a page time with no zone is Vietnam time."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

VIETNAM_TZ = timezone(timedelta(hours=7), "ICT")


def to_utc(moment: datetime) -> datetime:
    """Return ``moment`` in UTC, reading a naive time as Vietnam time.

    >>> to_utc(datetime(2026, 1, 12, 14, 30)).isoformat()
    '2026-01-12T07:30:00+00:00'
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=VIETNAM_TZ)
    return moment.astimezone(timezone.utc)


def utc_now() -> datetime:
    """The current time in UTC, to the second."""
    return datetime.now(timezone.utc).replace(microsecond=0)
