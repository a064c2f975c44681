#!/usr/bin/env python3
"""`recur reconcile --batch`: locations per second with 1 and 2 worker threads, and peak
memory as the input grows ten-fold (it must stay flat: at most 4 x jobs lines are in flight).

    bench/batch_bench.py [RECUR_BINARY] [--locations N]

The input is generated and piped while recur runs (never held in a file): N locations, each
with 3-6 masters (daily, weekly, monthly rules in five zones) and ~150 instances over a
quarter, some missing or stale. Figures are medians of 3 alternating runs.
"""
import argparse
import json
import random
import resource
import statistics
import subprocess
import threading
import time
from datetime import datetime, timedelta, timezone

ZONES = ["America/New_York", "America/Chicago", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata"]
START = datetime(2026, 10, 1, 9, tzinfo=timezone.utc)


def location_line(i: int) -> bytes:
    rng = random.Random(i)
    events = []
    for n in range(rng.randint(3, 6)):
        master = f"loc{i}m{n}"
        start = START + timedelta(hours=rng.randint(0, 8))
        step_days, rule = rng.choice([(1, "RRULE:FREQ=DAILY"), (7, "RRULE:FREQ=WEEKLY"), (14, "RRULE:FREQ=WEEKLY;INTERVAL=2")])
        events.append({"id": master, "rrule": rule, "isRecurring": True, "startTime": start.isoformat(),
                       "endTime": (start + timedelta(minutes=30)).isoformat()})
        for d in range(0, 90, step_days):
            if rng.random() < 0.05:
                continue
            t = start + timedelta(days=d)  # UTC wall clock: the rules run in UTC here
            ms = int(t.timestamp() * 1000)
            events.append({"id": f"{master}_{ms}_1800", "masterEventId": master, "isRecurring": True,
                           "startTime": t.isoformat(), "endTime": (t + timedelta(minutes=30)).isoformat()})
    request = {"location": i, "tz": "UTC", "events": events, "from": int(START.timestamp() * 1000),
               "to": int((START + timedelta(days=90)).timestamp() * 1000)}
    return (json.dumps(request, separators=(",", ":")) + "\n").encode()


def run(recur: str, lines: list, copies: int, jobs: int) -> tuple:
    """(seconds, answer lines) of one run; the input is `lines` repeated `copies` times."""
    proc = subprocess.Popen([recur, "reconcile", "--batch", "-", "--jobs", str(jobs)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE)

    def feed():
        for _ in range(copies):
            for line in lines:
                proc.stdin.write(line)
        proc.stdin.close()

    began = time.perf_counter()
    writer = threading.Thread(target=feed)
    writer.start()
    answers = sum(chunk.count(b"\n") for chunk in iter(lambda: proc.stdout.read(1 << 20), b""))
    writer.join()
    proc.wait()
    return time.perf_counter() - began, answers


def peak_rss_mib(recur: str, lines: list, copies: int) -> float:
    """Peak RSS of one run in a fresh child (ru_maxrss of RUSAGE_CHILDREN is the largest child
    so far, so runs go from the smallest input up)."""
    run(recur, lines, copies, 2)
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("recur", nargs="?", default="build/cli/recur")
    parser.add_argument("--locations", type=int, default=1000)
    args = parser.parse_args()
    lines = [location_line(i) for i in range(args.locations)]
    events = sum(line.count(b'"startTime"') for line in lines)
    print(f"{args.locations} locations, {events} events ({sum(map(len, lines)) / 1e6:.1f} MB of JSON Lines)")
    times = {1: [], 2: []}
    for _ in range(3):
        for jobs in (1, 2):
            seconds, answers = run(args.recur, lines, 1, jobs)
            assert answers == args.locations
            times[jobs].append(seconds)
    for jobs in (1, 2):
        median = statistics.median(times[jobs])
        print(f"  --jobs {jobs}: {args.locations / median:8.0f} locations/s ({median * 1000:.0f} ms)")
    print(f"  speed-up with 2 threads: {statistics.median(times[1]) / statistics.median(times[2]):.2f}x")
    for copies in (1, 10):
        print(f"  peak RSS, {copies * args.locations:>6} locations: {peak_rss_mib(args.recur, lines, copies):.1f} MiB")


if __name__ == "__main__":
    main()
