"""recur: RFC 5545 recurrence expansion, instance ids, reconciliation and scheduling, in C++.

A :class:`Series` is a recurring event: recurrence text as the HighLevel calendar API carries
it (``RRULE:...`` with optional ``EXDATE``/``RDATE`` parts), a start, a zone and a duration.
Times go in as ``datetime`` (aware, or naive read on the series' wall clock) or epoch
milliseconds, and come out as ``datetime`` in the series' zone (``*_ms`` methods give epoch
milliseconds, the fastest path). Every error is a :class:`recur.Error` with a stable ``code``.

``recur.dateutil_compat`` offers python-dateutil's ``rrule`` API computed by recur.
Objects are immutable; the engine releases the GIL while it works, so threads run in parallel.
"""

import json as _json
from datetime import datetime, timedelta, tzinfo
from typing import Any, Dict, Iterator, List, NamedTuple, Optional, Union

from . import _recur
from ._errors import ApiError, Error, InstanceIdError, LimitError, ParseError, TimeError, ZoneError
from ._time import TimeLike, duration_ms, exact_tzinfo, from_ms, to_ms, zone_spec, _load

__all__ = [
    "Series", "Validation", "InstanceId", "reconcile", "reconcile_request", "conflicts", "free_busy", "free_slots",
    "parse_instance_id", "format_instance_id", "PROFILES",
    "Error", "ParseError", "ZoneError", "TimeError", "InstanceIdError", "LimitError", "ApiError",
]

PROFILES = ("rfc", "dateutil", "libical", "google")
MAX_OCCURRENCES = 10_000_000  # what one list-returning call gathers at most (LimitError beyond)


class Validation(NamedTuple):
    """Whether an instance id is an occurrence of a series; ``reason`` is a stable word
    ("not_on_rule", "excluded", "wrong_master", ...), ``message`` says why in a sentence."""

    valid: bool
    reason: str
    message: str

    def __bool__(self) -> bool:
        return self.valid


class InstanceId(NamedTuple):
    master: str
    start: datetime  # UTC
    duration: timedelta


class Series:
    """A recurring series: recurrence text anchored at ``start`` in a zone.

    ``tz`` is an IANA name, a ``zoneinfo.ZoneInfo``, a ``datetime.timezone`` (a fixed offset),
    or None for ``start``'s own tzinfo. ``duration`` (a timedelta or seconds) or ``end`` gives
    the occurrences' length. ``profile`` chooses how open points of RFC 5545 are read:
    "rfc" (default), "dateutil", "libical" or "google". ``lenient`` drops parts the RFC forbids
    for the FREQ (with a warning) instead of refusing them; ``gaps`` ("shift" or "skip") says
    what happens to an occurrence in a spring-forward gap.
    """

    __slots__ = ("_s", "_zone", "_rule", "_exact")

    def __init__(self, rule: str, start: TimeLike, tz: Union[str, tzinfo, None] = None,
                 duration: Union[timedelta, int, float] = 0, *, end: Optional[TimeLike] = None,
                 profile: str = "rfc", lenient: bool = False, gaps: str = "shift") -> None:
        name, offset, self._zone = zone_spec(tz, start if isinstance(start, datetime) else None)
        start_ms = to_ms(start, self._zone)
        length = to_ms(end, self._zone) - start_ms if end is not None else duration_ms(duration)
        self._rule = rule
        self._s = _recur.Series(rule, start_ms, name, offset, length, profile, lenient, gaps)
        # datetimes are built in C++ when the tzinfo is one it can stand behind: the series'
        # own zone as zoneinfo, or a fixed offset.
        self._exact = exact_tzinfo(self._zone, name)

    # -- the occurrences ------------------------------------------------------------------
    def __iter__(self) -> Iterator[datetime]:
        return self.occurrences()

    def occurrences(self, start: Optional[TimeLike] = None, end: Optional[TimeLike] = None, *,
                    overlapping: bool = False) -> Iterator[datetime]:
        """Occurrence starts in [start, end] (either open), ascending, generated lazily; with
        ``overlapping``, every occurrence that overlaps the window (one that started before
        ``start`` and still runs included)."""
        return self._datetimes(self._ms(start), self._ms(end), overlapping, self._zone)

    def occurrences_ms(self, start: Optional[TimeLike] = None, end: Optional[TimeLike] = None, *,
                       overlapping: bool = False) -> Iterator[int]:
        """As :meth:`occurrences`, in epoch milliseconds (no datetime is built)."""
        return self._s.cursor(self._ms(start), self._ms(end), overlapping)

    def between(self, start: Optional[TimeLike] = None, end: Optional[TimeLike] = None, *,
                overlapping: bool = False, limit: int = MAX_OCCURRENCES) -> List[datetime]:
        """The occurrences of :meth:`occurrences` as a list (LimitError past ``limit``)."""
        if self._exact:
            return self._s.collect_datetimes(self._ms(start), self._ms(end), overlapping, limit, self._zone)
        zone = self._zone
        return [from_ms(ms, zone) for ms in self.between_ms(start, end, overlapping=overlapping, limit=limit)]

    def between_ms(self, start: Optional[TimeLike] = None, end: Optional[TimeLike] = None, *,
                   overlapping: bool = False, limit: int = MAX_OCCURRENCES) -> List[int]:
        """As :meth:`between`, in epoch milliseconds; the GIL is released while it runs."""
        return self._s.collect(self._ms(start), self._ms(end), overlapping, limit)

    def after(self, t: TimeLike, inclusive: bool = False) -> Optional[datetime]:
        """The first occurrence after ``t`` (at or after, with ``inclusive``), or None."""
        ms = self._s.after(self._ms(t), inclusive)
        return None if ms is None else from_ms(ms, self._zone)

    def before(self, t: TimeLike, inclusive: bool = False) -> Optional[datetime]:
        """The last occurrence before ``t`` (at or before, with ``inclusive``), or None."""
        ms = self._s.before(self._ms(t), inclusive)
        return None if ms is None else from_ms(ms, self._zone)

    def contains(self, t: TimeLike) -> bool:
        """Whether an occurrence starts exactly at ``t``: a point query, as cheap for a series
        of 1970 as for one that started today."""
        return self._s.contains(self._ms(t))

    __contains__ = contains

    # -- instance ids ---------------------------------------------------------------------
    def instance_id(self, master_id: str, t: TimeLike) -> str:
        """masterId_startMillis_durationSeconds of the occurrence starting at ``t``."""
        return _recur.format_instance_id(master_id, self._ms(t), self._s.duration_ms // 1000)

    def instance_ids(self, master_id: str, start: Optional[TimeLike] = None, end: Optional[TimeLike] = None, *,
                     limit: int = MAX_OCCURRENCES) -> List[str]:
        """The ids of the occurrences overlapping [start, end]."""
        return self._s.instance_ids(master_id, self._ms(start), self._ms(end), limit)

    def validate(self, master_id: str, instance_id: str) -> Validation:
        """Whether a server's instance id names an occurrence of this series (see Validation)."""
        return Validation(*self._s.validate(master_id, instance_id))

    # -- what the series is ---------------------------------------------------------------
    @property
    def rule(self) -> str:
        return self._rule

    @property
    def start(self) -> datetime:
        return from_ms(self._s.start_ms, self._zone)

    @property
    def duration(self) -> timedelta:
        return timedelta(milliseconds=self._s.duration_ms)

    @property
    def tz(self) -> str:
        """The IANA name, or "+05:30" for a fixed offset."""
        return self._s.tz

    @property
    def finite(self) -> bool:
        """True when the rule has COUNT or UNTIL."""
        return self._s.finite

    @property
    def warnings(self) -> List[str]:
        """What a lenient parse dropped."""
        return list(self._s.warnings)

    def __repr__(self) -> str:
        return f"recur.Series({self._rule!r}, start={self.start.isoformat()!r}, tz={self.tz!r}, duration={self.duration!r})"

    def _datetimes(self, start_ms: Optional[int], end_ms: Optional[int], overlapping: bool,
                   zone: Optional[tzinfo]) -> Iterator[datetime]:
        """Occurrences as datetimes carrying `zone` (naive, on the series' wall clock, for None)."""
        if zone is None or (zone is self._zone and self._exact):
            return self._s.datetimes(start_ms, end_ms, overlapping, zone)
        return (from_ms(ms, zone) for ms in self._s.cursor(start_ms, end_ms, overlapping))

    def _ms(self, t: Optional[TimeLike]) -> Optional[int]:
        return None if t is None else to_ms(t, self._zone)


# -- many events --------------------------------------------------------------------------
Events = Union[str, List[Dict[str, Any]], Dict[str, Any]]


def _event_list(events: Events) -> List[Dict[str, Any]]:
    """The event dicts of a list, of ``{"events": [...]}``, or of its JSON text."""
    if isinstance(events, (str, bytes)):
        events = _json.loads(events)
    if isinstance(events, dict):
        events = events.get("events", [events.get("event")] if "event" in events else None)
    if not isinstance(events, list):
        raise ParseError("bad_value", "events must be a list of event dicts, {\"events\": [...]} or its JSON text")
    return events


def _time_field(t: Optional[TimeLike]) -> Any:
    if t is None or isinstance(t, int):
        return t
    if isinstance(t, datetime) and (t.tzinfo is None or t.utcoffset() is None):
        raise TimeError("bad_time", f"{t.isoformat()} has no zone: give an aware datetime or epoch ms")
    return to_ms(t, _load("UTC"))


def reconcile_request(request: Union[str, Dict[str, Any]], *, profile: str = "rfc", lenient: bool = False,
                      gaps: str = "shift", max_missing: int = 200_000) -> Dict[str, Any]:
    """One location's reconcile, as ``recur reconcile --batch`` answers a line: the request
    {"location", "tz", "events", "masters", "from", "to", "profile"} (dict or JSON text) in, the
    answer dict out, with "error" instead of a report when it cannot be made (never raises for
    bad input: for batch jobs)."""
    text = request if isinstance(request, str) else _json.dumps(request)
    answer, _status = _recur.reconcile_json(text, profile, lenient, gaps, max_missing)
    return _json.loads(answer)


def reconcile(events: Events, *, tz: str, masters: Optional[Events] = None, start: Optional[TimeLike] = None,
              end: Optional[TimeLike] = None, profile: str = "rfc", location: Any = None, lenient: bool = False,
              gaps: str = "shift", max_missing: int = 200_000) -> Dict[str, Any]:
    """The events the API returned for a window checked against their series (recur
    reconcile): {"summary", "items", "notes", "warnings", "clean"}. ``events`` and ``masters``
    are event dicts as the API writes them (or ``{"events": [...]}`` or its JSON text); the
    window defaults to the span of the events. Raises recur.Error when it cannot be made."""
    request: Dict[str, Any] = {"location": location, "tz": tz, "events": _event_list(events),
                               "from": _time_field(start), "to": _time_field(end), "profile": profile}
    if masters is not None:
        request["masters"] = _event_list(masters)
    answer = reconcile_request(request, profile=profile, lenient=lenient, gaps=gaps, max_missing=max_missing)
    if "error" in answer:
        from ._errors import error_for
        raise error_for(answer["error"]["code"], answer["error"]["message"])
    return answer


def conflicts(events: Events, *, tz: str, start: TimeLike, end: TimeLike, by: str = "user",
              profile: str = "rfc") -> List[Dict[str, Any]]:
    """Double bookings among the events' series and single events in [start, end]: dicts
    {"a", "b", "key", "start", "end"} (instance or event ids, the shared key, the overlap)."""
    zone = _load(tz)
    text = _json.dumps({"events": _event_list(events)})
    found, _notes = _recur.conflicts(text, tz, to_ms(start, zone), to_ms(end, zone), by, profile)
    return [{"a": a, "b": b, "key": key, "start": from_ms(s, zone), "end": from_ms(e, zone)} for a, b, key, s, e in found]


def free_busy(events: Events, *, key: str, tz: str, start: TimeLike, end: TimeLike, by: str = "user",
              hours: Optional[str] = None, profile: str = "rfc", max_items: int = 200_000) -> Dict[str, Any]:
    """Busy and free time of one user, calendar or resource (``by``) in [start, end]:
    {"busy": [(start, end)], "free": [(start, end)], "notes": [...]}; ``hours`` limits free
    time to working hours ("Mon-Fri 09:00-17:00")."""
    zone = _load(tz)
    text = _json.dumps({"events": _event_list(events)})
    busy, free, notes = _recur.free_busy(text, tz, to_ms(start, zone), to_ms(end, zone), by, key, hours, profile,
                                         max_items)
    pairs = lambda spans: [(from_ms(s, zone), from_ms(e, zone)) for s, e in spans]  # noqa: E731
    return {"busy": pairs(busy), "free": pairs(free), "notes": list(notes)}


def free_slots(free: List[tuple], *, slot: timedelta, tz: str, step: Optional[timedelta] = None,
               max_items: int = 200_000) -> List[datetime]:
    """Bookable slot starts: each instant on the ``step`` grid (default: the slot length) of
    the local day whose slot fits inside one of the ``free`` intervals."""
    zone = _load(tz)
    spans = [(to_ms(s, zone), to_ms(e, zone)) for s, e in free]
    starts = _recur.free_slots(spans, duration_ms(slot), duration_ms(step or slot), tz, max_items)
    return [from_ms(ms, zone) for ms in starts]


def parse_instance_id(instance_id: str) -> InstanceId:
    """The parts of masterId_startMillis_durationSeconds (InstanceIdError when malformed)."""
    master, start, seconds = _recur.parse_instance_id(instance_id)
    return InstanceId(master, from_ms(start, _load("UTC")), timedelta(seconds=seconds))


def format_instance_id(master_id: str, start: TimeLike, duration: Union[timedelta, int]) -> str:
    """masterId_startMillis_durationSeconds; ``start`` aware (or epoch ms)."""
    return _recur.format_instance_id(master_id, _time_field(start), duration_ms(duration) // 1000)
