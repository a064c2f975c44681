#!/usr/bin/env python3
"""Whole-process figures: `recur expand` against `libical_expand` (the same command line
answered by libical, bench/libical_expand.cpp) on workloads 1-3 in each output format, and the
start-up of a three-occurrence expansion in a named zone. Each pair runs alternately, so both
see the same machine; the figures are medians of wall time, start-up included, output to
/dev/null. Before timing, each pair's outputs are compared byte for byte.

    bench/process_bench.py [build-dir] [rounds]     (run by scripts/bench)
"""
import hashlib
import os
import statistics
import subprocess
import sys
import time

BUILD = sys.argv[1] if len(sys.argv) > 1 else "build"
ROUNDS = int(sys.argv[2]) if len(sys.argv) > 2 else 11
RECUR = [f"{BUILD}/cli/recur", "expand"]
LIBICAL = [f"{BUILD}/bench/libical_expand"]
MASTER = ["--master", "ocQHyuzHvysMo5N5VsXc"]

WORKLOADS = [  # bench/expand_bench.cpp's workloads 1-3
    ("1 minutely, one year, UTC", ["--rrule", "FREQ=MINUTELY", "--start", "2026-01-01T00:00:00Z", "--tz", "UTC",
                                   "--from", "2026-01-01T00:00:00Z", "--to", "2026-12-31T23:59:59Z"]),
    ("2 daily x3, 50 years, New York",
     ["--rrule", "FREQ=DAILY;BYHOUR=8,12,16", "--start", "2000-01-01T08:00:00-05:00", "--tz", "America/New_York",
      "--from", "2000-01-01T00:00:00Z", "--to", "2049-12-31T23:59:59Z"]),
    ("3 weekly MO,WE,FR, 100 years, Berlin",
     ["--rrule", "FREQ=WEEKLY;BYDAY=MO,WE,FR", "--start", "2000-01-03T09:00:00+01:00", "--tz", "Europe/Berlin",
      "--from", "2000-01-01T00:00:00Z", "--to", "2099-12-31T23:59:59Z"]),
]
STARTUP = ["--rrule", "FREQ=DAILY;COUNT=3", "--start", "2026-01-05T09:00:00-05:00", "--tz", "America/New_York"]


def wall_ms(args):
    with open(os.devnull, "wb") as null:
        begin = time.perf_counter_ns()
        subprocess.run(args, stdout=null, check=True)
        return (time.perf_counter_ns() - begin) / 1e6


def digest(args):
    out = subprocess.run(args, stdout=subprocess.PIPE, check=True).stdout
    return hashlib.sha256(out).hexdigest(), out.count(b"\n")


def pair(arguments):
    """Medians (recur, libical) in ms, alternating the two processes."""
    mine, theirs = [], []
    for _ in range(ROUNDS):
        mine.append(wall_ms(RECUR + arguments))
        theirs.append(wall_ms(LIBICAL + arguments))
    return statistics.median(mine), statistics.median(theirs)


def main():
    print(f"{'workload':<38} {'format':<6} {'lines':>8} {'recur':>9} {'libical':>9} {'ratio':>7}  output")
    for name, arguments in WORKLOADS:
        for fmt in ("ms", "ids", "json"):
            args = arguments + MASTER + ["--format", fmt]
            (ours, lines), (their_digest, _) = digest(RECUR + args), digest(LIBICAL + args)
            recur_ms, libical_ms = pair(args)
            same = "identical" if ours == their_digest else "DIFFERS"
            print(f"{name:<38} {fmt:<6} {lines:>8} {recur_ms:>7.1f}ms {libical_ms:>7.1f}ms {libical_ms / recur_ms:>6.1f}x  {same}")
    recur_ms, libical_ms = pair(STARTUP)
    true_ms = statistics.median(wall_ms(["/bin/true"]) for _ in range(ROUNDS))
    print(f"start-up: 'expand' of 3 occurrences in America/New_York: recur {recur_ms:.2f} ms, "
          f"libical_expand {libical_ms:.2f} ms, /bin/true {true_ms:.2f} ms")


if __name__ == "__main__":
    main()
