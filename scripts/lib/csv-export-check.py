#!/usr/bin/env python3
"""A 200,000-row CSV export from the live server, read as a client would, with the server's
resident memory sampled throughout: the export is streamed when the memory grows by less than
20 MiB however long the list is (issue 14).

  csv-export-check.py BASE TOKEN_FILE DATABASE_URL SERVER_PID [ROWS]

The rows are audit events written straight into the database (the audit log carries no personal
data, and its list pages like every other); the export is `GET /v1/audit-events?format=csv`.
Prints the rows, the time, rows per second and the memory growth.
"""
import sys
import threading
import time
import urllib.request

from checkkit import fail, failures, psql

MARKER = "csv_export_check"
LIMIT_MIB = 20


def resident_kib(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def export(base, token, path, chunk=1 << 16):
    """Reads the export; returns (rows, bytes, seconds, first bytes)."""
    request = urllib.request.Request(base + path, headers={"Authorization": "Bearer " + token})
    started = time.monotonic()
    rows = size = 0
    head = b""
    with urllib.request.urlopen(request, timeout=600) as response:
        if response.headers.get("Content-Type") != "text/csv; charset=utf-8":
            fail(f"{path}: Content-Type {response.headers.get('Content-Type')}")
        while True:
            block = response.read(chunk)
            if not block:
                break
            if len(head) < 64:
                head += block[:64]
            size += len(block)
            rows += block.count(b"\n")  # a CRLF split between two reads still counts once
    return rows - 1, size, time.monotonic() - started, head


def main():
    base, token_file, database_url, pid = sys.argv[1:5]
    wanted = int(sys.argv[5]) if len(sys.argv) > 5 else 200_000
    token = open(token_file).read().strip()
    present = int(psql(database_url, f"SELECT count(*) FROM audit_event WHERE resource_type = '{MARKER}'"))
    if present < wanted:
        psql(database_url, f"""
            INSERT INTO audit_event (token_id, role, operation_id, resource_type, resource_id, area_path, request_id,
                                     summary)
            SELECT NULL, 'admin', 'csvExportCheck', '{MARKER}', gen_random_uuid(),
                   (SELECT path FROM area WHERE parent_id IS NULL ORDER BY created_at LIMIT 1),
                   'csv-' || n, jsonb_build_object('n', n, 'note', '=formula, "quoted"')
            FROM generate_series({present + 1}, {wanted}) n""")
    path = f"/v1/audit-events?resourceType={MARKER}&format=csv"
    # A short export first, so that the baseline includes what any export allocates once.
    export(base, token, "/v1/audit-events?resourceType=none&format=csv")
    baseline = resident_kib(pid)
    peak = [baseline]
    done = threading.Event()

    def sample():
        while not done.is_set():
            peak[0] = max(peak[0], resident_kib(pid))
            time.sleep(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    rows, size, seconds, head = export(base, token, path)
    done.set()
    sampler.join()
    growth_mib = (peak[0] - baseline) / 1024
    if not head.startswith(b"\xef\xbb\xbfsequence,"):
        fail(f"the export starts with {head[:20]!r}, not the byte-order mark and the header")
    if rows != wanted:
        fail(f"the export had {rows} rows, not {wanted}")
    if growth_mib >= LIMIT_MIB:
        fail(f"resident memory grew by {growth_mib:.1f} MiB during the export (limit {LIMIT_MIB} MiB)")
    print(f"CSV export: {rows} rows, {size / 1048576:.1f} MiB in {seconds:.1f} s ({rows / seconds:,.0f} rows/s); "
          f"server resident memory {baseline / 1024:.1f} MiB before, peak {peak[0] / 1024:.1f} MiB "
          f"(+{growth_mib:.1f} MiB)", flush=True)
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
