"""recur.Series: expected values from RFC 5545's examples, the API documentation's instance id,
and independent arithmetic with zoneinfo."""
import itertools
import threading
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

import recur

NY = ZoneInfo("America/New_York")


def test_rfc_example_every_other_week_on_tuesday_and_thursday():
    # RFC 5545 3.8.5.3: "Every other week on Tuesday and Thursday, for 8 occurrences", DTSTART
    # 19970902T090000 America/New_York: Sep 2,4,16,18,30; Oct 2,14,16.
    s = recur.Series("RRULE:FREQ=WEEKLY;INTERVAL=2;COUNT=8;WKST=SU;BYDAY=TU,TH", datetime(1997, 9, 2, 9, tzinfo=NY))
    assert [(d.month, d.day) for d in s] == [(9, 2), (9, 4), (9, 16), (9, 18), (9, 30), (10, 2), (10, 14), (10, 16)]
    assert all(d.hour == 9 and d.tzinfo is NY for d in s)


def test_wall_clock_kept_across_dst_and_instants_shift():
    s = recur.Series("RRULE:FREQ=DAILY;COUNT=3", datetime(2026, 3, 7, 9, tzinfo=NY), duration=timedelta(minutes=45))
    days = list(s)
    assert [d.hour for d in days] == [9, 9, 9]
    assert [d.utcoffset() for d in days] == [timedelta(hours=-5), timedelta(hours=-4), timedelta(hours=-4)]
    ms = list(s.occurrences_ms())
    assert ms[1] - ms[0] == 23 * 3600 * 1000  # the spring-forward day is 23 hours long


def test_instance_ids_as_the_api_documents_them():
    # The API documentation's id: 2024-10-25T02:00:00Z = 1729821600000, 30 minutes.
    s = recur.Series("RRULE:FREQ=WEEKLY;COUNT=3", datetime(2024, 10, 24, 22, tzinfo=NY), duration=1800)
    ids = s.instance_ids("ocQHyuzHvysMo5N5VsXc")
    assert ids == ["ocQHyuzHvysMo5N5VsXc_1729821600000_1800", "ocQHyuzHvysMo5N5VsXc_1730426400000_1800",
                   "ocQHyuzHvysMo5N5VsXc_1731034800000_1800"]
    assert s.validate("ocQHyuzHvysMo5N5VsXc", ids[1])
    wrong = s.validate("ocQHyuzHvysMo5N5VsXc", "ocQHyuzHvysMo5N5VsXc_1729821600001_1800")
    assert not wrong and wrong.reason == "not_on_rule" and wrong.message
    assert s.validate("other", ids[0]).reason == "wrong_master"
    assert s.instance_id("ocQHyuzHvysMo5N5VsXc", datetime(2024, 10, 25, 2, tzinfo=timezone.utc)) == ids[0]
    parsed = recur.parse_instance_id(ids[0])
    assert parsed.master == "ocQHyuzHvysMo5N5VsXc"
    assert parsed.start == datetime(2024, 10, 25, 2, tzinfo=timezone.utc)
    assert parsed.duration == timedelta(minutes=30)
    assert recur.format_instance_id("m", parsed.start, timedelta(minutes=30)) == "m_1729821600000_1800"
    with pytest.raises(recur.InstanceIdError) as e:
        recur.parse_instance_id("no-separators")
    assert e.value.code == "bad_instance_id"


def test_windows_point_queries_and_neighbours():
    s = recur.Series("RRULE:FREQ=DAILY", datetime(2026, 1, 1, 9, tzinfo=timezone.utc), duration=timedelta(hours=2))
    w = s.between(datetime(2026, 1, 10, 10, tzinfo=timezone.utc), datetime(2026, 1, 12, 9, tzinfo=timezone.utc))
    assert [d.day for d in w] == [11, 12]  # starts in the window, both ends inclusive
    over = s.between(datetime(2026, 1, 10, 10, tzinfo=timezone.utc), datetime(2026, 1, 12, 9, tzinfo=timezone.utc),
                     overlapping=True)
    assert [d.day for d in over] == [10, 11, 12]  # the 10th still runs at 10:00
    assert s.between_ms(0, 1767258000000) == [1767258000000]  # through 2026-01-01T09:00Z
    assert datetime(2030, 6, 1, 9, tzinfo=timezone.utc) in s
    assert datetime(2030, 6, 1, 10, tzinfo=timezone.utc) not in s
    assert s.after(datetime(2026, 1, 5, 9, tzinfo=timezone.utc)).day == 6
    assert s.after(datetime(2026, 1, 5, 9, tzinfo=timezone.utc), inclusive=True).day == 5
    assert s.before(datetime(2026, 1, 5, 9, tzinfo=timezone.utc)).day == 4
    assert s.before(datetime(2025, 1, 1, tzinfo=timezone.utc)) is None
    endless = list(itertools.islice(s, 1000))  # lazy: an endless series iterates
    assert endless[-1] == datetime(2026, 1, 1, 9, tzinfo=timezone.utc) + timedelta(days=999)
    assert not s.finite
    with pytest.raises(recur.LimitError):
        s.between(limit=100)


def test_zones_given_every_way():
    as_name = recur.Series("FREQ=DAILY;COUNT=2", datetime(2026, 3, 7, 9), tz="America/New_York")
    aware = recur.Series("FREQ=DAILY;COUNT=2", datetime(2026, 3, 7, 9, tzinfo=NY))
    assert list(as_name) == list(aware)
    assert as_name.tz == "America/New_York"
    fixed = recur.Series("FREQ=DAILY;COUNT=2", datetime(2026, 3, 7, 9, tzinfo=timezone(timedelta(hours=5, minutes=30))))
    assert fixed.tz == "+05:30"
    assert [d.utcoffset() for d in fixed] == [timedelta(hours=5, minutes=30)] * 2
    dateutil_tz = pytest.importorskip("dateutil.tz")
    via_dateutil = recur.Series("FREQ=DAILY;COUNT=2", datetime(2026, 3, 7, 9, tzinfo=dateutil_tz.gettz("America/New_York")))
    assert via_dateutil.tz == "America/New_York"
    assert [d.timestamp() for d in via_dateutil] == [d.timestamp() for d in aware]
    by_ms = recur.Series("FREQ=DAILY;COUNT=2", 1772892000000, tz="America/New_York", end=1772894700000)
    assert by_ms.start == datetime(2026, 3, 7, 9, tzinfo=NY) and by_ms.duration == timedelta(minutes=45)


def test_errors_carry_stable_codes_and_name_the_part():
    with pytest.raises(recur.ParseError) as e:
        recur.Series("RRULE:FREQ=DAILY;BYHOUR=25", datetime(2026, 1, 1, tzinfo=NY))
    assert e.value.code == "out_of_range" and "BYHOUR" in str(e.value)
    assert isinstance(e.value, ValueError) and isinstance(e.value, recur.Error)
    with pytest.raises(recur.ZoneError) as z:
        recur.Series("FREQ=DAILY", datetime(2026, 1, 1), tz="Mars/Olympus_Mons")
    assert z.value.code == "unknown_zone"
    with pytest.raises(recur.ZoneError):
        recur.Series("FREQ=DAILY", datetime(2026, 1, 1))  # naive and no tz
    with pytest.raises(recur.ParseError) as c:
        recur.Series("RRULE:FREQ=DAILY;COUNT=2;UNTIL=20260101T000000Z", datetime(2025, 1, 1, tzinfo=NY))
    assert c.value.code == "conflict"
    with pytest.raises(recur.ParseError):
        recur.Series("FREQ=DAILY", datetime(2026, 1, 1, tzinfo=NY), profile="outlook")
    lenient = recur.Series("RRULE:FREQ=DAILY;BYWEEKNO=3;COUNT=1", datetime(2026, 1, 1, tzinfo=NY), lenient=True)
    assert lenient.warnings and "BYWEEKNO" in lenient.warnings[0]


def test_threads_share_a_series():
    s = recur.Series("RRULE:FREQ=MINUTELY;INTERVAL=7", datetime(2026, 1, 1, tzinfo=timezone.utc))
    expected = s.between_ms(0, 1767225600000 + 30 * 86400000)
    results = []

    def work():
        results.append(s.between_ms(0, 1767225600000 + 30 * 86400000))

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results == [expected] * 4
    assert len(expected) == 30 * 24 * 60 // 7 + 1


def test_datetimes_across_a_fall_back_carry_fold_and_the_right_instant():
    # 2026-11-01 in New York: 01:00-01:59 happens twice (EDT, then EST). The hourly rule runs on
    # the wall clock (00:00, 01:00 EDT, 02:00 EST, 03:00 EST); the RDATE 06:30Z is the second
    # 01:30 (EST), so its datetime needs fold=1 (PEP 495).
    s = recur.Series("RRULE:FREQ=HOURLY;COUNT=4\nRDATE:20261101T063000Z", datetime(2026, 11, 1, 0, tzinfo=NY))
    hour = 3600000
    four_z = 1793505600000  # 2026-11-01T04:00:00Z
    assert s.between_ms() == [four_z, four_z + hour, four_z + 2.5 * hour, four_z + 3 * hour, four_z + 4 * hour]
    for listing in (list(s), s.between(), list(s.occurrences())):
        assert [(d.hour, d.minute, d.fold) for d in listing] == [(0, 0, 0), (1, 0, 0), (1, 30, 1), (2, 0, 0), (3, 0, 0)]
        assert [int(d.timestamp() * 1000) for d in listing] == s.between_ms()
    dateutil_tz = pytest.importorskip("dateutil.tz")
    other = recur.Series("RRULE:FREQ=HOURLY;COUNT=4\nRDATE:20261101T063000Z",
                         datetime(2026, 11, 1, 0, tzinfo=dateutil_tz.gettz("America/New_York")))
    assert [int(d.timestamp() * 1000) for d in other] == s.between_ms()  # a tzinfo recur does not build: converted


def test_milliseconds_and_years_at_the_edges():
    s = recur.Series("RRULE:FREQ=YEARLY;COUNT=2", datetime(9998, 12, 31, 23, 59, 59, 250000, tzinfo=timezone.utc))
    assert [d.year for d in s] == [9998, 9999] and all(d.microsecond == 250000 for d in s)
    old = recur.Series("RRULE:FREQ=DAILY;COUNT=2", datetime(1, 1, 1, 0, 0, 0, 1000, tzinfo=timezone.utc))
    assert [(d.year, d.day, d.microsecond) for d in old] == [(1, 1, 1000), (1, 2, 1000)]
