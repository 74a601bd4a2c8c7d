#!/usr/bin/env python3
"""`scripts/bench stats`: every statistics endpoint for the seeded city, a district, a street and
a community; the change feed drained from its oldest change; CSV exports read for a while.

  stats.py BASE TOKEN OUT_DIR

Each metric is asked SAMPLES times per level (after one warm-up); a row gives p50 and p95 in ms
(with few samples p95 is close to the slowest). Targets (issue 14): city-level p95 < 200 ms, the
feed ≥ 20,000 changes/s to one consumer, CSV ≥ 50,000 rows/s.
"""
import json
import os
import sys
import time
import urllib.request

SAMPLES = int(os.environ.get("STATS_SAMPLES", "7"))
PARTS = set(os.environ.get("STATS_PARTS", "metrics,feed,csv").split(","))
READ_SECONDS = float(os.environ.get("EXPORT_SECONDS", "20"))


def get(base, token, path, timeout=600):
    request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        return json.loads(response.read())


def timed(base, token, path):
    started = time.monotonic()
    get(base, token, path)
    return (time.monotonic() - started) * 1000


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def first_area(base, token, kind):
    items = get(base, token, f"/v1/areas?kind={kind}&limit=1")["items"]
    return items[0] if items else None


def main():
    base, token, out = sys.argv[1], sys.argv[2], sys.argv[3]
    city = get(base, token, "/v1/areas?kind=city&limit=1")["items"][0]
    levels = [("city", city)] + [(kind, first_area(base, token, kind)) for kind in ("district", "street", "community")]
    metrics = [m["key"] for m in get(base, token, "/v1/stats/metrics")["items"]]
    rows = []
    for level, area in levels if "metrics" in PARTS else []:
        for key in metrics + ["dashboard"]:
            path = (f"/v1/stats/dashboard?areaId={area['id']}" if key == "dashboard"
                    else f"/v1/stats/{key}?areaId={area['id']}")
            timed(base, token, path)
            samples = [timed(base, token, path) for _ in range(SAMPLES)]
            rows.append((level, key, percentile(samples, 0.5), percentile(samples, 0.95)))
            print(f"{level:9} {key:40} p50 {rows[-1][2]:8.1f} ms  p95 {rows[-1][3]:8.1f} ms", flush=True)

    # The feed from its oldest change, one consumer, pages of 1,000.
    changes, cursor, started = 0, None, time.monotonic()
    while "feed" in PARTS and time.monotonic() - started < READ_SECONDS:
        page = get(base, token, "/v1/changes?limit=1000" + (f"&since={cursor}" if cursor else ""))
        changes += len(page["items"])
        cursor = page["nextCursor"]
        if not page["items"]:
            break
    feed_seconds = max(time.monotonic() - started, 1e-9)
    print(f"feed: {changes} changes in {feed_seconds:.1f} s ({changes / feed_seconds:,.0f}/s)", flush=True)

    exports = []
    for path in ("/v1/people?format=csv", "/v1/mediation/cases?format=csv") if "csv" in PARTS else ():
        request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
        lines, started = 0, time.monotonic()
        with urllib.request.urlopen(request, timeout=600) as response:
            while time.monotonic() - started < READ_SECONDS:
                block = response.read(1 << 16)
                if not block:
                    break
                lines += block.count(b"\n")
        seconds = time.monotonic() - started
        exports.append((path, lines - 1, seconds))
        print(f"CSV {path}: {lines - 1} rows in {seconds:.1f} s ({(lines - 1) / seconds:,.0f} rows/s)", flush=True)

    city_rows = [r for r in rows if r[0] == "city"]
    with open(os.path.join(out, "stats.md"), "w") as handle:
        if city_rows:
            slowest = max(city_rows, key=lambda r: r[3])
            met = sum(1 for r in city_rows if r[3] < 200)
            handle.write("| level | endpoint | p50 ms | p95 ms |\n|---|---|---|---|\n")
            for level, key, p50, p95 in rows:
                handle.write(f"| {level} | {key} | {p50:.1f} | {p95:.1f} |\n")
            handle.write(f"\nCity level: {met} of {len(city_rows)} endpoints with p95 < 200 ms; slowest "
                         f"{slowest[1]} at {slowest[3]:.0f} ms.\n")
        if "feed" in PARTS:
            handle.write(f"Feed: {changes / feed_seconds:,.0f} changes/s (target 20,000).\n")
        for path, count, seconds in exports:
            handle.write(f"CSV {path}: {count / seconds:,.0f} rows/s (target 50,000).\n")
    print(open(os.path.join(out, "stats.md")).read().split("\n\n")[-1])


if __name__ == "__main__":
    main()
