#!/usr/bin/env python3
"""Reconcile many locations as a Dask graph over recur's Python API.

    examples/dask_reconcile.py                      a LocalCluster of 2 workers, 200 generated locations
    examples/dask_reconcile.py --locations 5000     more locations
    examples/dask_reconcile.py --scheduler tcp://scheduler:8786 --locations 100000
                                                    the same graph on a real cluster

The graph is a Dask bag of location ids: each task loads its location's events (here:
generated from the id, so nothing but ids is shipped to the workers; on a real cluster, a fetch
from the calendar API or from storage) and reconciles them with recur.reconcile_request, which
runs in C++ without the GIL. Only each location's summary comes back to the client. Every
worker needs the recur package importable (README: Python). --check also runs the locations
serially in this process and exits 1 unless both give the same results.
"""

import argparse
import random
import sys
import time
from datetime import datetime, timedelta, timezone

import recur

ZONES = ["America/New_York", "America/Chicago", "Europe/Berlin", "Australia/Sydney", "Asia/Kolkata"]
RULES = ["RRULE:FREQ=DAILY;COUNT=40", "RRULE:FREQ=WEEKLY;BYDAY=MO,WE,FR", "RRULE:FREQ=MONTHLY;BYDAY=-1FR",
         "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;UNTIL=20270101T000000Z"]
WINDOW_START = datetime(2026, 10, 1, tzinfo=timezone.utc)
WINDOW_END = datetime(2026, 12, 31, tzinfo=timezone.utc)


def load_location(location_id: int) -> dict:
    """A location's reconcile request: a few masters and the instances the API "returned", with
    some occurrences left out and one stale id, all from the id (the same on every machine)."""
    rng = random.Random(location_id)
    tz = rng.choice(ZONES)
    events = []
    for n in range(rng.randint(2, 6)):
        master_id = f"loc{location_id}m{n}"
        start = WINDOW_START.replace(hour=rng.randint(8, 17)) - timedelta(days=rng.randint(0, 60))
        length = timedelta(minutes=rng.choice([15, 30, 60]))
        rule = rng.choice(RULES)
        events.append({"id": master_id, "rrule": rule, "isRecurring": True, "startTime": start.isoformat(),
                       "endTime": (start + length).isoformat()})
        series = recur.Series(rule, start, tz, length)
        for occurrence in series.occurrences(WINDOW_START, WINDOW_END):
            if rng.random() < 0.05:
                continue  # missing
            events.append(_instance(series, master_id, occurrence, length))
        if rng.random() < 0.3:  # a stale id, one minute off the rule
            events.append(_instance(series, master_id, WINDOW_START + timedelta(days=3, minutes=1), length))
    return {"location": location_id, "tz": tz, "events": events, "from": _ms(WINDOW_START), "to": _ms(WINDOW_END)}


def _instance(series: recur.Series, master_id: str, start: datetime, length: timedelta) -> dict:
    return {"id": series.instance_id(master_id, start), "masterEventId": master_id, "isRecurring": True,
            "startTime": start.isoformat(), "endTime": (start + length).isoformat()}


def _ms(t: datetime) -> int:
    return int(t.timestamp() * 1000)


def reconcile_location(location_id: int) -> dict:
    """One task: load, reconcile, keep the summary (what travels back to the client)."""
    answer = recur.reconcile_request(load_location(location_id))
    if "error" in answer:
        return {"location": location_id, "error": answer["error"]}
    return {"location": location_id, "summary": answer["summary"], "clean": answer["clean"]}


def run_on_dask(client, locations: int) -> list:
    import dask.bag as db

    partitions = max(1, min(locations, 8 * sum(client.nthreads().values())))
    bag = db.from_sequence(range(locations), npartitions=partitions).map(reconcile_location)
    return bag.compute()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--scheduler", help="address of a running Dask scheduler (default: start a LocalCluster)")
    parser.add_argument("--locations", type=int, default=200, help="how many locations (default 200)")
    parser.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes (default 2)")
    parser.add_argument("--check", action="store_true", help="also run serially; exit 1 unless the results are equal")
    args = parser.parse_args()
    if args.locations < 1:
        parser.error("--locations must be at least 1")

    from dask.distributed import Client, LocalCluster

    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    try:
        began = time.perf_counter()
        results = run_on_dask(client, args.locations)
        seconds = time.perf_counter() - began
    finally:
        client.close()
        if cluster is not None:
            cluster.close()

    clean = sum(1 for r in results if r.get("clean"))
    errors = sum(1 for r in results if "error" in r)
    print(f"{len(results)} locations in {seconds:.2f} s ({len(results) / seconds:.0f}/s): "
          f"{clean} clean, {len(results) - clean - errors} need attention, {errors} errors")
    if args.check:
        serial = [reconcile_location(i) for i in range(args.locations)]
        if serial != results:
            print("the Dask results differ from the serial run", file=sys.stderr)
            return 1
        print("the Dask results equal the serial run")
    return 0


if __name__ == "__main__":
    sys.exit(main())
