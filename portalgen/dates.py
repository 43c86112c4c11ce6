"""Dates and times as content writes them.

A date is ``2026-11-20``; a moment is a date, a local time (``2026-11-20 08:30``,
``2026-11-20T08:30:15.5``) or an RFC 3339 time with its offset (``2026-11-20T10:00:00+07:00``,
``2026-11-20T03:00:00.000Z``), as scripts, other generators and web editors write it.  A time
with an offset is converted to Vietnam time (UTC+7, no daylight saving since 1975) and kept
without its offset, as every time of the model is.  A date field given a moment takes its day.
"""

from __future__ import annotations

import datetime as dt
import re

#: Vietnam time.
VIETNAM = dt.timezone(dt.timedelta(hours=7))

_MOMENT = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})"
    r"(?:[Tt ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?"
    r"([Zz]|[+-]\d{2}:?\d{2})?)?")


def parse_moment(text: str) -> dt.datetime | None:
    """A date (its midnight) or a date and time in Vietnam time, or None when ``text`` is not one
    of the accepted forms or names no real day and time."""
    found = _MOMENT.fullmatch(text)
    if found is None:
        return None
    year, month, day, hour, minute, second, fraction, offset = found.groups()
    try:
        moment = dt.datetime(int(year), int(month), int(day), int(hour or 0), int(minute or 0),
                             int(second or 0), int((fraction or "0")[:6].ljust(6, "0")))
        if offset:
            moment = moment.replace(tzinfo=_zone(offset)).astimezone(VIETNAM).replace(tzinfo=None)
    except (ValueError, OverflowError):
        return None
    return moment


def parse_day(text: str) -> dt.date | None:
    """The day of a date or of a moment (in Vietnam time), or None (see :func:`parse_moment`)."""
    moment = parse_moment(text)
    return moment.date() if moment is not None else None


def form_supported(text: str) -> bool:
    """Whether ``text`` is written in an accepted form, whether or not its day exists
    (``2026-13-45`` is an accepted form of no real date; ``20/11/2026`` is not an accepted form)."""
    return _MOMENT.fullmatch(text) is not None


def _zone(offset: str) -> dt.timezone:
    if offset in ("Z", "z"):
        return dt.timezone.utc
    digits = offset[1:].replace(":", "")
    delta = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:]))
    return dt.timezone(-delta if offset[0] == "-" else delta)
