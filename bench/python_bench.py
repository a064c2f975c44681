#!/usr/bin/env python3
"""recur's Python package against python-dateutil on the same rules, in one process.

    PYTHONPATH=build/python /usr/bin/python3 bench/python_bench.py

Three kinds of work, each timed for both libraries on the same rule, start and window (best of
5 alternating rounds; ratio = dateutil's time / recur's):
  expand    every occurrence as a datetime: dateutil.rrule vs recur.dateutil_compat.rrule (the
            drop-in), plus recur.Series.between_ms (epoch ms, no datetime objects)
  window    the occurrences of one month ten years after DTSTART (rule.between)
  validate  is this datetime an occurrence? (`dt in rule`), for 1,000 datetimes ten years on
Aware rules use zoneinfo zones, as a backend would.
"""
import statistics
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule as du

from recur import dateutil_compat as rc

NY, BERLIN, SYDNEY = ZoneInfo("America/New_York"), ZoneInfo("Europe/Berlin"), ZoneInfo("Australia/Sydney")

# (name, freq, dtstart, keyword arguments, years expanded): the engine benchmark's workloads.
WORKLOADS = [
    ("1 minutely, 1 week, UTC", "MINUTELY", datetime(2026, 1, 1, tzinfo=ZoneInfo("UTC")), {}, 7 / 365),
    ("2 daily x3, 5 y, New York", "DAILY", datetime(2026, 1, 1, 9, tzinfo=NY), {"byhour": [9, 13, 17]}, 5),
    ("3 weekly MO,WE,FR, 10 y, Berlin", "WEEKLY", datetime(2026, 1, 5, 9, tzinfo=BERLIN),
     {"byweekday": [0, 2, 4]}, 10),
    ("4 monthly -1FR, 40 y, Sydney", "MONTHLY", datetime(2026, 1, 30, 9, tzinfo=SYDNEY), {"byweekday": "FR(-1)"}, 40),
    ("5 yearly Feb 29, 400 y", "YEARLY", datetime(2028, 2, 29, 9, tzinfo=NY), {"bymonth": 2, "bymonthday": 29}, 400),
    ("6 last weekday (BYSETPOS), 40 y", "MONTHLY", datetime(2026, 1, 30, 9, tzinfo=NY),
     {"byweekday": [0, 1, 2, 3, 4], "bysetpos": -1}, 40),
]


def rule(module, freq, start, kwargs, years):
    kw = dict(kwargs)
    if kw.get("byweekday") == "FR(-1)":
        kw["byweekday"] = module.FR(-1)
    until = start + timedelta(days=365.25 * years)
    return module.rrule(getattr(module, freq), dtstart=start, until=until, **kw)


def best(fn, rounds=5):
    times = []
    for _ in range(rounds):
        began = time.perf_counter()
        fn()
        times.append(time.perf_counter() - began)
    return min(times)


def compare(label, make_work):
    """Alternates the two libraries, best of 5 each; prints times and the ratio."""
    theirs, ours = make_work(du), make_work(rc)
    t_du, t_rc = [], []
    for _ in range(5):
        t_du.append(best(theirs, 1))
        t_rc.append(best(ours, 1))
    a, b = min(t_du), min(t_rc)
    print(f"    {label:<28} dateutil {a * 1e3:9.2f} ms   recur {b * 1e3:8.2f} ms   {a / b:7.1f}x")
    return a / b


def main():
    ratios = []
    for name, freq, start, kwargs, years in WORKLOADS:
        n = len(list(rule(rc, freq, start, kwargs, years)))
        print(f"{name}: {n} occurrences")
        ratios.append(compare("expand (datetime)", lambda m: (lambda r=rule(m, freq, start, kwargs, years): list(r))))
        series = rule(rc, freq, start, kwargs, years)._series
        theirs = rule(du, freq, start, kwargs, years)
        t_ms = best(lambda: series.between_ms())
        t_du = best(lambda: list(theirs), 3)
        print(f"    {'expand (recur epoch ms)':<28} dateutil {t_du * 1e3:9.2f} ms   recur {t_ms * 1e3:8.2f} ms   "
              f"{t_du / t_ms:7.1f}x")
        month = start.replace(year=start.year + min(10, int(years)) if years >= 1 else start.year, day=1)
        later = month + timedelta(days=31)
        ratios.append(compare("window (1 month, +10 y)", lambda m: (
            lambda r=rule(m, freq, start, kwargs, years): r.between(month, later))))
        probes = [month + timedelta(minutes=37 * i) for i in range(1000)]
        ratios.append(compare("validate (1,000 x `in`)", lambda m: (
            lambda r=rule(m, freq, start, kwargs, years): [p in r for p in probes])))
    print(f"geometric mean of the ratios: {statistics.geometric_mean(ratios):.1f}x")


if __name__ == "__main__":
    main()
