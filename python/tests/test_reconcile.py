"""reconcile, conflicts and free time from Python, on the bundled examples (their figures are
documented with them: cli/examples, tests/cli_test.cpp)."""
import json
import os
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

import recur

CHICAGO = ZoneInfo("America/Chicago")


def load(examples, name):
    with open(os.path.join(examples, name)) as f:
        return json.load(f)


def test_reconcile_the_bundled_response(examples):
    events = load(examples, "events.json")
    report = recur.reconcile(events["events"], tz="America/New_York",
                             start=datetime(2026, 10, 26, tzinfo=ZoneInfo("America/New_York")),
                             end=datetime(2026, 11, 7, 23, 59, tzinfo=ZoneInfo("America/New_York")))
    s = report["summary"]
    assert (s["fetched"], s["expected"], s["matched"], s["moved"], s["missing"], s["duplicate"], s["unexpected"],
            s["single"], s["master"], s["cancelled"]) == (36, 30, 28, 1, 1, 1, 1, 1, 4, 1)
    assert report["clean"] is False
    moved = [i for i in report["items"] if i["category"] == "moved"]
    assert moved[0]["expected_start"] == "2026-10-27T18:00:00+00:00"
    # The same from JSON text, and from the {"events": [...]} object.
    with open(os.path.join(examples, "events.json")) as f:
        text = f.read()
    assert recur.reconcile(text, tz="America/New_York")["summary"] == recur.reconcile(events, tz="America/New_York")["summary"]


def test_reconcile_errors_raise_and_requests_answer():
    with pytest.raises(recur.ZoneError):
        recur.reconcile([], tz="Nowhere/Land", start=0, end=1)
    with pytest.raises(recur.TimeError):
        recur.reconcile([], tz="UTC", start=datetime(2026, 1, 1), end=1)  # naive
    answer = recur.reconcile_request({"location": 7, "tz": "UTC", "events": "nope"})
    assert answer["location"] == 7 and answer["error"]["code"] == "bad_value"


def test_conflicts_and_free_time_on_the_bundled_calendar(examples):
    events = load(examples, "calendar.json")
    found = recur.conflicts(events, tz="America/Chicago", start=datetime(2026, 11, 2, tzinfo=CHICAGO),
                            end=datetime(2026, 11, 15, tzinfo=CHICAGO))
    assert len(found) == 1
    c = found[0]
    assert (c["a"], c["b"], c["key"]) == ("dentistAlice00000005", "standupDaily00000001_1794409200000_900", "alice")
    assert c["start"] == datetime(2026, 11, 11, 9, tzinfo=CHICAGO) and c["end"] == datetime(2026, 11, 11, 9, 15, tzinfo=CHICAGO)
    rooms = recur.conflicts(events, tz="America/Chicago", start=datetime(2026, 11, 2, tzinfo=CHICAGO),
                            end=datetime(2026, 11, 15, tzinfo=CHICAGO), by="resource")
    assert len(rooms) == 2
    day = recur.free_busy(events, key="alice", tz="America/Chicago", start=datetime(2026, 11, 10, tzinfo=CHICAGO),
                          end=datetime(2026, 11, 11, tzinfo=CHICAGO), hours="Mon-Fri 09:00-17:00")
    assert day["busy"] == [(datetime(2026, 11, 10, 9, tzinfo=CHICAGO), datetime(2026, 11, 10, 9, 15, tzinfo=CHICAGO))]
    assert day["free"] == [(datetime(2026, 11, 10, 9, 15, tzinfo=CHICAGO), datetime(2026, 11, 10, 17, tzinfo=CHICAGO))]
    slots = recur.free_slots(day["free"], slot=timedelta(hours=1), step=timedelta(minutes=30), tz="America/Chicago")
    assert len(slots) == 14 and slots[0].hour == 9 and slots[0].minute == 30 and slots[-1].hour == 16
    with pytest.raises(recur.ParseError):
        recur.free_busy(events, key="alice", tz="America/Chicago", start=0, end=1, hours="weekdays")
    with pytest.raises(recur.ParseError):
        recur.conflicts(events, tz="America/Chicago", start=0, end=1, by="room")
