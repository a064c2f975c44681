"""Conversions between Python's datetime and recur's epoch milliseconds."""

from datetime import datetime, timedelta, timezone, tzinfo
from typing import Optional, Tuple, Union
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from ._errors import TimeError, ZoneError

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
_MS = timedelta(milliseconds=1)

TimeLike = Union[datetime, int]


def zone_spec(tz: Union[str, tzinfo, None], start: Optional[datetime]) -> Tuple[Optional[str], int, tzinfo]:
    """(IANA name or None, fixed offset in seconds, the tzinfo results carry) for a zone given as
    a name, a tzinfo (zoneinfo, datetime.timezone, dateutil's or pytz's), or None (the
    start's own tzinfo)."""
    if tz is None:
        if start is None or start.tzinfo is None:
            raise ZoneError("unknown_zone", "no zone: give tz, or a start with a tzinfo")
        tz = start.tzinfo
    if isinstance(tz, str):
        return tz, 0, _load(tz)
    name = _iana_name(tz)
    if name is not None:
        return name, 0, tz
    fixed = tz.utcoffset(None)  # a fixed offset answers without a date (timezone, tzutc, tzoffset)
    if fixed is not None:
        return None, int(fixed.total_seconds()), tz
    raise ZoneError("unknown_zone", f"cannot name the zone of {tz!r}: pass tz as an IANA name")


def exact_tzinfo(zone: tzinfo, name: Optional[str]) -> bool:
    """Whether `zone` is what recur computes in: zoneinfo of the IANA name, or a fixed offset
    (datetime.timezone); then datetimes can be built from recur's own wall-clock readings."""
    if name is None:
        return isinstance(zone, timezone)
    return isinstance(zone, ZoneInfo) and zone.key == name


def _load(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ZoneError("unknown_zone", f"unknown time zone '{name}'") from None


def _iana_name(tz: tzinfo) -> Optional[str]:
    """The IANA name a tzinfo object carries: zoneinfo's key, pytz's zone, dateutil's file name."""
    for attribute in ("key", "zone", "_filename"):
        value = getattr(tz, attribute, None)
        if isinstance(value, str) and value:
            if attribute == "_filename" and "zoneinfo/" in value:
                value = value.split("zoneinfo/", 1)[1]
            return value
    return None


def to_ms(value: TimeLike, zone: tzinfo) -> int:
    """Epoch ms of an aware datetime, of a naive one read on `zone`'s wall clock, or of an int
    (already epoch ms)."""
    if isinstance(value, bool):
        raise TimeError("bad_time", f"{value!r} is not a time")
    if isinstance(value, int):
        return value
    if not isinstance(value, datetime):
        raise TimeError("bad_time", f"{value!r} is not a datetime or epoch milliseconds")
    if value.tzinfo is None or value.utcoffset() is None:
        value = value.replace(tzinfo=zone)
    return (value - EPOCH) // _MS


def from_ms(ms: int, zone: tzinfo) -> datetime:
    """The datetime of epoch ms on `zone`'s wall clock (fold set in a repeated hour)."""
    return (EPOCH + timedelta(milliseconds=ms)).astimezone(zone)


def duration_ms(value: Union[timedelta, int, float]) -> int:
    """Milliseconds of a timedelta, or of a number of seconds."""
    if isinstance(value, timedelta):
        return value // _MS
    return int(round(value * 1000))
