"""python-dateutil's ``dateutil.rrule`` API, computed by recur with its "dateutil" profile.

Existing code switches by changing an import::

    from recur.dateutil_compat import rrule, rruleset, rrulestr, DAILY, WEEKLY, MO, FR

``rrule`` objects iterate, index, slice, ``count()``, ``before``, ``after``, ``between``,
``xafter`` and test membership (``in``) as dateutil's do: the dateutil profile reproduces
dateutil's readings (DTSTART only counts when on the rule, UNTIL as a date means its midnight,
...). Naive ``dtstart`` gives naive results (a floating wall clock); an aware one (zoneinfo,
datetime.timezone, dateutil.tz, pytz) gives results in its zone, DST included.

Not covered (README: Python): ``byeaster`` (NotImplementedError), ``cache`` (accepted; recur is
fast enough without it), ``rrulestr``'s ``tzinfos`` and ``compatible``; ``count`` together
with ``until`` is refused (RFC 5545 forbids it; dateutil only warns); ``count()`` (and list-building)
past 10 million occurrences raises recur.LimitError where dateutil runs on (both calendars end
with year 9999). Occurrences in a spring-forward gap
are the instants recur resolves (the wall clock after the change), where dateutil returns a
wall-clock time that does not exist.
"""

import heapq
import itertools
import re
from datetime import date, datetime, timedelta, timezone
from typing import Any, Dict, Iterable, Iterator, List, Optional, Union

from . import Series
from ._time import _load

__all__ = ["rrule", "rruleset", "rrulestr", "weekday", "YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY",
           "MINUTELY", "SECONDLY", "MO", "TU", "WE", "TH", "FR", "SA", "SU"]

YEARLY, MONTHLY, WEEKLY, DAILY, HOURLY, MINUTELY, SECONDLY = range(7)
FREQNAMES = ["YEARLY", "MONTHLY", "WEEKLY", "DAILY", "HOURLY", "MINUTELY", "SECONDLY"]
_DAY_NAMES = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


class weekday:
    """A weekday (0 = Monday), optionally the n-th in the period: ``FR(-1)``, ``MO(+2)``."""

    __slots__ = ("weekday", "n")

    def __init__(self, wday: int, n: Optional[int] = None) -> None:
        if n == 0:
            raise ValueError("Can't create weekday with n==0")
        self.weekday = wday
        self.n = n

    def __call__(self, n: Optional[int]) -> "weekday":
        return self if n == self.n else weekday(self.weekday, n)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, weekday) and (self.weekday, self.n) == (other.weekday, other.n)

    def __hash__(self) -> int:
        return hash((self.weekday, self.n))

    def __repr__(self) -> str:
        return _DAY_NAMES[self.weekday] if not self.n else f"{_DAY_NAMES[self.weekday]}({self.n:+d})"

    def ical(self) -> str:
        return _DAY_NAMES[self.weekday] if not self.n else f"{self.n:+d}{_DAY_NAMES[self.weekday]}"


MO, TU, WE, TH, FR, SA, SU = (weekday(i) for i in range(7))


def _ints(value: Union[int, Iterable[int], None]) -> Optional[List[int]]:
    if value is None:
        return None
    return [value] if isinstance(value, int) else list(value)


def _weekdays(value: Any) -> Optional[List[weekday]]:
    if value is None:
        return None
    items = [value] if isinstance(value, (int, weekday)) else list(value)
    return [weekday(v) if isinstance(v, int) else v for v in items]


def _as_datetime(value: Union[date, datetime]) -> datetime:
    if isinstance(value, datetime):
        return value
    return datetime(value.year, value.month, value.day)


class _setbase:
    """What dateutil's rrulebase offers, from iteration; rrule replaces the costly parts with
    recur's own queries."""

    def __iter__(self) -> Iterator[datetime]:
        raise NotImplementedError

    def __getitem__(self, item: Union[int, slice]) -> Union[datetime, List[datetime]]:
        if isinstance(item, slice):
            if (item.start or 0) >= 0 and (item.stop is None or item.stop >= 0) and (item.step or 1) > 0:
                return list(itertools.islice(self, item.start, item.stop, item.step))
            return list(self)[item]
        if item >= 0:
            found = next(itertools.islice(self, item, None), None)
            if found is None:
                raise IndexError(item)
            return found
        return list(self)[item]

    def __contains__(self, item: datetime) -> bool:
        for dt in self:
            if dt == item:
                return True
            if dt > item:
                return False
        return False

    def count(self) -> int:
        return sum(1 for _ in self)

    def before(self, dt: datetime, inc: bool = False) -> Optional[datetime]:
        last = None
        for i in self:
            if i > dt or (not inc and i == dt):
                break
            last = i
        return last

    def after(self, dt: datetime, inc: bool = False) -> Optional[datetime]:
        return next(self.xafter(dt, 1, inc), None)

    def xafter(self, dt: datetime, count: Optional[int] = None, inc: bool = False) -> Iterator[datetime]:
        later = (i for i in self._from(dt) if i > dt or (inc and i == dt))
        return itertools.islice(later, count)

    def between(self, after: datetime, before: datetime, inc: bool = False, count: int = 1) -> List[datetime]:
        out = []
        for i in self._from(after):
            if i > before or (not inc and i == before):
                break
            if i > after or (inc and i == after):
                out.append(i)
        return out

    def _from(self, dt: datetime) -> Iterator[datetime]:
        """Occurrences from about `dt` on (maybe some before)."""
        return iter(self)


class rrule(_setbase):
    """dateutil.rrule.rrule, computed by recur."""

    def __init__(self, freq: int, dtstart: Union[date, datetime, None] = None, interval: int = 1,
                 wkst: Union[int, weekday, None] = None, count: Optional[int] = None,
                 until: Union[date, datetime, None] = None, bysetpos: Any = None, bymonth: Any = None,
                 bymonthday: Any = None, byyearday: Any = None, byeaster: Any = None, byweekno: Any = None,
                 byweekday: Any = None, byhour: Any = None, byminute: Any = None, bysecond: Any = None,
                 cache: bool = False) -> None:
        if byeaster is not None:
            raise NotImplementedError("recur.dateutil_compat does not support byeaster")
        self._kwargs = dict(freq=freq, dtstart=dtstart, interval=interval, wkst=wkst, count=count, until=until,
                            bysetpos=bysetpos, bymonth=bymonth, bymonthday=bymonthday, byyearday=byyearday,
                            byweekno=byweekno, byweekday=byweekday, byhour=byhour, byminute=byminute,
                            bysecond=bysecond, cache=cache)
        start = datetime.now().replace(microsecond=0) if dtstart is None else _as_datetime(dtstart).replace(microsecond=0)
        if until is not None:
            until = _as_datetime(until) if isinstance(until, datetime) else until
            if isinstance(until, datetime) and (until.tzinfo is None) != (start.tzinfo is None):
                raise ValueError("RRULE UNTIL values must be specified in UTC when DTSTART is timezone-aware")
        self._dtstart = start
        self._naive = start.tzinfo is None
        self._body = _rule_body(freq, interval, wkst, count, until, bysetpos, bymonth, bymonthday, byyearday,
                                byweekno, byweekday, byhour, byminute, bysecond)
        anchor = start.replace(tzinfo=timezone.utc) if self._naive else start
        self._series = Series("RRULE:" + self._body, anchor, "UTC" if self._naive else None, profile="dateutil")
        self._out_zone = None if self._naive else start.tzinfo  # None: naive results

    def replace(self, **kwargs: Any) -> "rrule":
        """A copy with some arguments changed, as dateutil's replace."""
        return rrule(**{**self._kwargs, **kwargs})

    def __str__(self) -> str:
        start = self._dtstart.strftime("%Y%m%dT%H%M%S")
        tz = "" if self._naive or self._series.tz.startswith(("+", "-")) else f";TZID={self._series.tz}"
        return f"DTSTART{tz}:{start}\nRRULE:{self._body}"

    def __repr__(self) -> str:
        return f"<recur.dateutil_compat.rrule {self._body!r}>"

    def __iter__(self) -> Iterator[datetime]:
        return self._series._datetimes(None, None, False, self._out_zone)

    def __contains__(self, item: datetime) -> bool:
        return self._series.contains(self._in(item))

    def count(self) -> int:
        return len(self._series.between_ms())

    def between(self, after: datetime, before: datetime, inc: bool = False, count: int = 1) -> List[datetime]:
        found = self._series._datetimes(self._series._ms(self._in(after)), self._series._ms(self._in(before)), False,
                                        self._out_zone)
        if inc:
            return list(found)
        a, b = self._in(after), self._in(before)
        return [dt for dt in found if self._in(dt) != a and self._in(dt) != b]

    def before(self, dt: datetime, inc: bool = False) -> Optional[datetime]:
        found = self._series.before(self._in(dt), inc)
        return None if found is None else self._out_one(found)

    def after(self, dt: datetime, inc: bool = False) -> Optional[datetime]:
        found = self._series.after(self._in(dt), inc)
        return None if found is None else self._out_one(found)

    def _from(self, dt: datetime) -> Iterator[datetime]:
        return self._series._datetimes(self._series._ms(self._in(dt)), None, False, self._out_zone)

    def _in(self, dt: datetime) -> datetime:
        dt = _as_datetime(dt)
        return dt.replace(tzinfo=timezone.utc) if self._naive and dt.tzinfo is None else dt

    def _out_one(self, dt: datetime) -> datetime:
        return dt.replace(tzinfo=None) if self._naive else dt.astimezone(self._dtstart.tzinfo)


def _until_text(until: Union[date, datetime]) -> str:
    if not isinstance(until, datetime):
        return until.strftime("%Y%m%d")
    if until.tzinfo is not None:
        return until.astimezone(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    return until.strftime("%Y%m%dT%H%M%S")


def _rule_body(freq: int, interval: int, wkst: Any, count: Optional[int], until: Any, *by: Any) -> str:
    if not isinstance(freq, int) or not 0 <= freq <= 6:
        raise ValueError(f"invalid frequency {freq!r}: use YEARLY ... SECONDLY")
    parts = [f"FREQ={FREQNAMES[freq]}"]
    if interval != 1:
        parts.append(f"INTERVAL={interval}")
    if wkst is not None:
        parts.append("WKST=" + _DAY_NAMES[wkst.weekday if isinstance(wkst, weekday) else wkst])
    if count is not None:
        parts.append(f"COUNT={count}")
    if until is not None:
        parts.append("UNTIL=" + _until_text(until))
    names = ["BYSETPOS", "BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYDAY", "BYHOUR", "BYMINUTE", "BYSECOND"]
    for name, value in zip(names, by):
        if name == "BYDAY":
            days = _weekdays(value)
            if days:
                parts.append("BYDAY=" + ",".join(d.ical() for d in days))
            continue
        numbers = _ints(value)
        if numbers:
            parts.append(f"{name}=" + ",".join(str(n) for n in numbers))
    return ";".join(parts)


class rruleset(_setbase):
    """dateutil.rrule.rruleset: the union of rrules and rdates, less exrules and exdates."""

    def __init__(self, cache: bool = False) -> None:
        self._rrule: List[rrule] = []
        self._rdate: List[datetime] = []
        self._exrule: List[rrule] = []
        self._exdate: List[datetime] = []

    def rrule(self, rrule: rrule) -> None:
        self._rrule.append(rrule)

    def rdate(self, rdate: datetime) -> None:
        self._rdate.append(rdate)

    def exrule(self, exrule: rrule) -> None:
        self._exrule.append(exrule)

    def exdate(self, exdate: datetime) -> None:
        self._exdate.append(exdate)

    def __iter__(self) -> Iterator[datetime]:
        include = heapq.merge(*self._rrule, sorted(self._rdate))
        exclude = heapq.merge(*self._exrule, sorted(self._exdate))
        excluded = next(exclude, None)
        last = None
        for dt in include:
            if dt == last:
                continue
            while excluded is not None and excluded < dt:
                excluded = next(exclude, None)
            if excluded is not None and excluded == dt:
                continue
            last = dt
            yield dt


_DATE_TIME = re.compile(r"^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z?))?$")


def _parse_time(text: str, tz: Any) -> datetime:
    m = _DATE_TIME.match(text.strip())
    if not m:
        raise ValueError(f"unsupported date-time {text!r}")
    y, mo, d, h, mi, s, z = m.groups()
    dt = datetime(int(y), int(mo), int(d), int(h or 0), int(mi or 0), int(s or 0))
    if z:
        return dt.replace(tzinfo=timezone.utc)
    return dt.replace(tzinfo=tz) if tz is not None else dt


def _property(line: str) -> tuple:
    """(NAME, {PARAM: value}, value) of a content line."""
    head, _, value = line.partition(":")
    name, *params = head.split(";")
    return name.upper(), dict(p.split("=", 1) for p in params if "=" in p), value


def _kwargs_of_rule(body: str, dtstart: Optional[datetime]) -> Dict[str, Any]:
    kwargs: Dict[str, Any] = {"dtstart": dtstart}
    for part in body.split(";"):
        name, _, value = part.partition("=")
        name = name.upper()
        if name == "FREQ":
            if value.upper() not in FREQNAMES:
                raise ValueError(f"invalid FREQ {value!r}")
            kwargs["freq"] = FREQNAMES.index(value.upper())
        elif name in ("INTERVAL", "COUNT"):
            kwargs[name.lower()] = int(value)
        elif name == "UNTIL":
            until = _parse_time(value, None)
            kwargs["until"] = until.date() if len(value.strip()) == 8 else until
        elif name == "WKST":
            kwargs["wkst"] = _DAY_NAMES.index(value.upper())
        elif name in ("BYDAY", "BYWEEKDAY"):
            kwargs["byweekday"] = [_weekday_of(v) for v in value.split(",")]
        elif name in ("BYSETPOS", "BYMONTH", "BYMONTHDAY", "BYYEARDAY", "BYWEEKNO", "BYHOUR", "BYMINUTE", "BYSECOND"):
            kwargs[name.lower()] = [int(v) for v in value.split(",")]
        else:
            raise ValueError(f"unknown parameter name {name!r}")
    if "freq" not in kwargs:
        raise ValueError("the rule has no FREQ")
    return kwargs


def _weekday_of(text: str) -> weekday:
    m = re.match(r"^([+-]?\d{1,2})?(MO|TU|WE|TH|FR|SA|SU)$", text.strip().upper())
    if not m:
        raise ValueError(f"invalid weekday {text!r}")
    return weekday(_DAY_NAMES.index(m.group(2)), int(m.group(1)) if m.group(1) else None)


def rrulestr(s: str, dtstart: Optional[datetime] = None, cache: bool = False, unfold: bool = False,
             forceset: bool = False, compatible: bool = False, ignoretz: bool = False, tzids: Any = None,
             tzinfos: Any = None) -> Union[rrule, rruleset]:
    """An rrule (or, with several parts or ``forceset``, an rruleset) from iCalendar text:
    DTSTART (with TZID), RRULE, RDATE, EXRULE and EXDATE lines, or a bare rule body."""
    text = re.sub(r"\r?\n[ \t]", "", s) if unfold else s
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    if len(lines) == 1 and ":" not in lines[0]:
        lines = ["RRULE:" + lines[0]]
    found: Dict[str, List[tuple]] = {}
    for line in lines:
        name, params, value = _property(line)
        if name not in ("DTSTART", "RRULE", "RDATE", "EXRULE", "EXDATE"):
            raise ValueError(f"unsupported property: {name}")
        found.setdefault(name, []).append((params, value))
    for params, value in found.get("DTSTART", []):
        tz = None if ignoretz or "TZID" not in params else _zone_of(params["TZID"], tzids)
        dtstart = _parse_time(value, tz)
        if ignoretz:
            dtstart = dtstart.replace(tzinfo=None)
    rules = [rrule(**_kwargs_of_rule(v, dtstart)) for _, v in found.get("RRULE", [])]
    if not forceset and len(rules) == 1 and set(found) <= {"DTSTART", "RRULE"}:
        return rules[0]
    out = rruleset()
    for r in rules:
        out.rrule(r)
    for r in found.get("EXRULE", []):
        out.exrule(rrule(**_kwargs_of_rule(r[1], dtstart)))
    for name, add in (("RDATE", out.rdate), ("EXDATE", out.exdate)):
        for params, value in found.get(name, []):
            tz = dtstart.tzinfo if dtstart is not None and "TZID" not in params else (
                _zone_of(params["TZID"], tzids) if "TZID" in params else None)
            for v in value.split(","):
                add(_parse_time(v, tz))
    return out


def _zone_of(name: str, tzids: Any) -> Any:
    if callable(tzids):
        return tzids(name)
    if isinstance(tzids, dict) and name in tzids:
        return tzids[name]
    return _load(name)
