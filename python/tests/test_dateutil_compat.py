"""recur.dateutil_compat against python-dateutil itself (the independent reference): the same
calls on generated rules give the same datetimes."""
import random
from datetime import date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

du = pytest.importorskip("dateutil.rrule")
import recur  # noqa: E402
from recur import dateutil_compat as rc  # noqa: E402


def random_rule(rng):
    """dateutil keyword arguments for a rule RFC 5545 allows (recur refuses the rest)."""
    freq = rng.choice([rc.YEARLY, rc.MONTHLY, rc.WEEKLY, rc.DAILY, rc.HOURLY, rc.MINUTELY])
    kw = {"interval": rng.choice([1, 1, 2, 3])}
    if freq == rc.YEARLY and rng.random() < 0.4:
        kw["bymonth"] = rng.sample(range(1, 13), rng.randint(1, 3))
    if freq in (rc.MONTHLY, rc.YEARLY) and rng.random() < 0.3:
        kw["bymonthday"] = rng.sample([1, 2, 10, 15, 28, 29, 30, 31, -1, -2], rng.randint(1, 3))
    elif freq in (rc.MONTHLY, rc.YEARLY) and rng.random() < 0.5:
        n = rng.choice([1, 2, -1, -2])
        kw["byweekday"] = [rng.choice([rc.MO, rc.TU, rc.WE, rc.TH, rc.FR])(n)]
    elif freq in (rc.WEEKLY, rc.DAILY, rc.HOURLY) and rng.random() < 0.5:
        kw["byweekday"] = rng.sample([rc.MO, rc.TU, rc.WE, rc.TH, rc.FR, rc.SA, rc.SU], rng.randint(1, 3))
    if freq == rc.YEARLY and not kw.get("bymonth") and not kw.get("bymonthday") and rng.random() < 0.2:
        kw["byyearday"] = rng.sample([1, 60, 100, 200, 365, 366, -1, -100], rng.randint(1, 2))
    if freq in (rc.MONTHLY, rc.YEARLY) and "byweekday" in kw and kw["byweekday"][0].n is None and rng.random() < 0.5:
        kw["bysetpos"] = [rng.choice([1, -1, 2])]
    if freq in (rc.DAILY, rc.WEEKLY) and rng.random() < 0.3:
        kw["byhour"] = rng.sample([8, 9, 13, 17], rng.randint(1, 2))
    if rng.random() < 0.7:
        kw["count"] = rng.randint(1, 25)
    else:
        kw["until"] = datetime(2026, 1, 1) + timedelta(days=rng.randint(1, 900))
    return freq, kw


def start_of(rng):
    return datetime(2025, rng.randint(1, 12), rng.randint(1, 28), rng.choice([0, 9, 13]), rng.choice([0, 30]))


def test_generated_rules_match_dateutil_naive():
    rng = random.Random(20261207)
    for _ in range(400):
        freq, kw = random_rule(rng)
        start = start_of(rng)
        expected = list(du.rrule(freq, dtstart=start, **_du_kwargs(kw))[:60])
        got = rc.rrule(freq, dtstart=start, **kw)[:60]
        assert got == expected, (freq, kw, start)


def test_generated_rules_match_dateutil_in_a_zone():
    # Wall-clock times that exist (dateutil returns nonexistent ones in a spring-forward gap:
    # a documented departure), compared as instants and wall clocks.
    rng = random.Random(7)
    zone = ZoneInfo("Europe/Berlin")
    for _ in range(200):
        freq, kw = random_rule(rng)
        if freq in (rc.HOURLY, rc.MINUTELY):
            continue
        start = start_of(rng).replace(hour=9, tzinfo=zone)
        if "until" in kw:
            kw["until"] = kw["until"].replace(tzinfo=timezone.utc)
        expected = list(du.rrule(freq, dtstart=start, **_du_kwargs(kw))[:40])
        got = rc.rrule(freq, dtstart=start, **kw)[:40]
        assert [(d.timestamp(), d.hour) for d in got] == [(d.timestamp(), d.hour) for d in expected], (freq, kw)


def _du_kwargs(kw):
    """The same arguments with dateutil's own weekday objects."""
    out = dict(kw)
    if "byweekday" in out:
        out["byweekday"] = [du.weekday(d.weekday, d.n) for d in out["byweekday"]]
    return out


def test_the_rrule_api_surface():
    start = datetime(2026, 1, 5, 9)  # a Monday
    mine = rc.rrule(rc.WEEKLY, dtstart=start, byweekday=(rc.MO, rc.FR), count=10)
    ref = du.rrule(du.WEEKLY, dtstart=start, byweekday=(du.MO, du.FR), count=10)
    assert list(mine) == list(ref)
    assert mine.count() == ref.count() == 10
    assert mine[3] == ref[3] and mine[-1] == ref[-1] and mine[2:7:2] == ref[2:7:2]
    assert mine[-3:] == list(ref)[-3:]  # dateutil itself refuses a negative slice start
    with pytest.raises(IndexError):
        mine[10]
    probe = datetime(2026, 1, 16, 9)
    for inc in (False, True):
        assert mine.before(probe, inc) == ref.before(probe, inc)
        assert mine.after(probe, inc) == ref.after(probe, inc)
        assert mine.between(start, probe, inc) == ref.between(start, probe, inc)
        assert list(mine.xafter(start, 3, inc)) == list(ref.xafter(start, 3, inc))
    assert (probe in mine) == (probe in ref) and (datetime(2026, 1, 6, 9) in mine) is False
    assert str(mine).splitlines()[1] == "RRULE:FREQ=WEEKLY;COUNT=10;BYDAY=MO,FR"
    assert list(mine.replace(count=3)) == list(ref.replace(count=3))
    assert repr(rc.FR(-1)) == "FR(-1)" and rc.MO(+1) == rc.weekday(0, 1)
    endless = rc.rrule(rc.DAILY, dtstart=start)
    assert endless.after(datetime(2100, 1, 1)) == datetime(2100, 1, 1, 9)
    assert endless.count() == (date(9999, 12, 31) - date(2026, 1, 5)).days + 1  # both calendars end with 9999
    with pytest.raises(recur.LimitError):
        rc.rrule(rc.MINUTELY, dtstart=start).count()  # over 10 million: dateutil would take hours
    with pytest.raises(NotImplementedError):
        rc.rrule(rc.YEARLY, dtstart=start, byeaster=0)
    with pytest.raises(ValueError):
        rc.rrule(rc.DAILY, dtstart=start, until=datetime(2026, 2, 1, tzinfo=timezone.utc))  # naive with aware
    assert list(rc.rrule(rc.DAILY, dtstart=date(2026, 1, 1), count=2)) == list(du.rrule(du.DAILY, dtstart=date(2026, 1, 1), count=2))


def test_rruleset_matches_dateutil():
    start = datetime(2026, 3, 1, 10)
    mine, ref = rc.rruleset(), du.rruleset()
    mine.rrule(rc.rrule(rc.DAILY, dtstart=start, count=20))
    ref.rrule(du.rrule(du.DAILY, dtstart=start, count=20))
    mine.rrule(rc.rrule(rc.WEEKLY, dtstart=start, count=5, byhour=15))
    ref.rrule(du.rrule(du.WEEKLY, dtstart=start, count=5, byhour=15))
    mine.exrule(rc.rrule(rc.WEEKLY, dtstart=start, byweekday=rc.SA, count=3))
    ref.exrule(du.rrule(du.WEEKLY, dtstart=start, byweekday=du.SA, count=3))
    for s in (mine, ref):
        s.exdate(datetime(2026, 3, 4, 10))
        s.rdate(datetime(2026, 3, 4, 12))
        s.rdate(datetime(2026, 3, 2, 10))  # already an occurrence: once
    assert list(mine) == list(ref)
    assert mine.count() == ref.count()
    assert mine.between(datetime(2026, 3, 3), datetime(2026, 3, 9)) == ref.between(datetime(2026, 3, 3), datetime(2026, 3, 9))


@pytest.mark.parametrize("text", [
    "DTSTART:20260101T090000\nRRULE:FREQ=MONTHLY;BYDAY=-1FR;COUNT=6",
    "DTSTART:20260101T090000\nRRULE:FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29;COUNT=3",
    "DTSTART:20260101T090000\nRRULE:FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1;COUNT=5",
    "DTSTART:20260101T090000\nRRULE:FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO;COUNT=3",
    "DTSTART:20260101T090000\nRRULE:FREQ=DAILY;UNTIL=20260110\nEXDATE:20260103T090000,20260105T090000\nRDATE:20260220T100000",
    "DTSTART;TZID=America/New_York:20260307T093000\nRRULE:FREQ=DAILY;COUNT=4",
    "FREQ=WEEKLY;INTERVAL=2;COUNT=4;BYDAY=TU,TH",
])
def test_rrulestr_matches_dateutil(text):
    start = None if text.startswith("DTSTART") else datetime(2026, 1, 1, 9)
    mine = rc.rrulestr(text, dtstart=start)
    ref = du.rrulestr(text, dtstart=start)
    assert type(mine).__name__ == type(ref).__name__
    assert [d.isoformat() for d in mine] == [d.isoformat() for d in ref]
    assert [d.isoformat() for d in rc.rrulestr(text, dtstart=start, forceset=True)] == [d.isoformat() for d in ref]
