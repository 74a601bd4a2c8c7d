#!/usr/bin/env python3
"""Fault tests against a live server and its private PostgreSQL (issue: the libpq layer under faults).

1. Crash: several clients send mediation intakes (retry-safe, Idempotency-Key) while PostgreSQL
   is killed with SIGKILL and restarted. Every acknowledged write must be present afterwards, no
   5xx other than 503 (with Retry-After), no request slower than the deadline + 1 s, and writes
   succeed again within 5 s of the restart.
3. Slowloris: clients that send one header byte per second are cut within the idle timeout
   (HTTP_IDLE_TIMEOUT_MS) while normal requests keep their p99.
2. Frozen backend: one of the server's pipelined read connections has its backend stopped with
   SIGSTOP. Reads sent from 0.5 s after the freeze must all succeed quickly: the node keeps
   serving on its other connection.

Standard library only. Usage: fault-test.py BASE_URL TOKEN_FILE DATABASE_URL PGDATA START_COMMAND
"""
import http.client
import json
import os
import select
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import uuid

import checkkit
from checkkit import fail, failures

BASE, TOKEN_FILE, DATABASE_URL, PGDATA, START_COMMAND = sys.argv[1:6]
TOKEN = open(TOKEN_FILE).read().strip()
DEADLINE = float(os.environ.get("REQUEST_TIMEOUT_MS", "5000")) / 1000
IDLE = float(os.environ.get("HTTP_IDLE_TIMEOUT_MS", "10000")) / 1000
URL = urllib.parse.urlparse(BASE)


def psql(sql):
    return checkkit.psql(DATABASE_URL, sql)


def alive(pid):
    """Whether the process runs; a zombie (killed, not reaped: PID 1 here may not reap) does not."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            return handle.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def request(connection, method, path, body=None, headers=None):
    """Sends one request on a kept-alive connection; returns (status, headers, body, seconds)."""
    all_headers = {"Authorization": f"Bearer {TOKEN}", **(headers or {})}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        all_headers["Content-Type"] = "application/json"
    started = time.monotonic()
    connection.request(method, path, body=data, headers=all_headers)
    response = connection.getresponse()
    payload = response.read()
    return response.status, dict(response.getheaders()), payload, time.monotonic() - started


def new_connection():
    return http.client.HTTPConnection(URL.hostname, URL.port, timeout=DEADLINE + 5)


def postmaster_pid():
    with open(os.path.join(PGDATA, "postmaster.pid")) as handle:
        return int(handle.readline())


def check_answer(kind, status, headers, seconds):
    if status >= 500 and status != 503:
        fail(f"{kind}: answered {status}")
    if status == 503 and "Retry-After" not in headers and "retry-after" not in headers:
        fail(f"{kind}: 503 without Retry-After")
    if seconds > DEADLINE + 1:
        fail(f"{kind}: took {seconds:.2f} s (deadline {DEADLINE} s + 1 s)")


def crash_test():
    area = psql("SELECT id FROM area WHERE kind = 'community' ORDER BY id LIMIT 1")
    acknowledged, lock = [], threading.Lock()
    outcomes = {}
    stop = threading.Event()
    events = {}

    def writer(number):
        connection = new_connection()
        sequence = 0
        while not stop.is_set():
            sequence += 1
            key = f"fault-{number}-{sequence}-{uuid.uuid4().hex[:8]}"
            body = {"areaId": area, "source": "grid_patrol", "category": "neighbour", "riskLevel": "low", "description": "故障测试",
                    "complexity": "simple", "parties": [{"name": "测试甲", "role": "applicant"},
                                                        {"name": "测试乙", "role": "respondent"}]}
            sent_at = time.monotonic()
            try:
                status, headers, payload, seconds = request(
                    connection, "POST", "/v1/mediation/cases", body, {"Idempotency-Key": key})
            except Exception as error:  # the service itself must never drop the connection
                fail(f"write: HTTP error {error!r}")
                connection = new_connection()
                continue
            check_answer("write", status, headers, seconds)
            with lock:
                outcomes[status] = outcomes.get(status, 0) + 1
                if status == 201:
                    acknowledged.append((json.loads(payload)["id"], sent_at))
            if status != 201:
                time.sleep(0.05)

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(6)]
    for thread in threads:
        thread.start()
    time.sleep(3)
    pid = postmaster_pid()
    children = subprocess.run(["pgrep", "-P", str(pid)], capture_output=True, text=True).stdout.split()
    os.kill(pid, signal.SIGKILL)
    for child in children:
        try:
            os.kill(int(child), signal.SIGKILL)
        except ProcessLookupError:
            pass
    events["killed"] = time.monotonic()
    time.sleep(1)
    while any(alive(p) for p in [pid, *map(int, children)]):
        time.sleep(0.05)
    # The lock file names a dead (or zombie) postmaster; PostgreSQL itself would refuse a live one.
    os.remove(os.path.join(PGDATA, "postmaster.pid"))
    sockets = os.path.join(os.path.dirname(PGDATA.rstrip("/")), "run")
    for name in os.listdir(sockets):
        if name.startswith(".s.PGSQL.") and name.endswith(".lock"):
            with open(os.path.join(sockets, name)) as handle:
                if handle.readline().strip() == str(pid):
                    os.remove(os.path.join(sockets, name))
    subprocess.run(["bash", "-c", START_COMMAND], check=True)
    events["restarted"] = time.monotonic()
    time.sleep(6)
    stop.set()
    for thread in threads:
        thread.join()

    after_restart = [sent for _, sent in acknowledged if sent >= events["restarted"]]
    if not after_restart:
        fail("no write succeeded after the restart")
    else:
        recovery = min(after_restart) - events["restarted"]
        if recovery > 5:
            fail(f"writes succeeded again only {recovery:.2f} s after the restart")
    ids = [identifier for identifier, _ in acknowledged]
    present = int(psql(
        "SELECT count(*) FROM mediation_case WHERE id = ANY('{" + ",".join(ids) + "}'::uuid[])")) if ids else 0
    if present != len(ids):
        fail(f"{len(ids) - present} of {len(ids)} acknowledged writes are missing after the crash")
    first_after = (min(after_restart) - events["restarted"]) if after_restart else float("nan")
    print(f"crash: {sum(outcomes.values())} writes, statuses {dict(sorted(outcomes.items()))}; "
          f"{present}/{len(ids)} acknowledged writes present; first success {first_after:.2f} s after the restart",
          flush=True)


def frozen_backend_test():
    area = psql("SELECT id FROM area ORDER BY id LIMIT 1")
    pids = psql("SELECT pid FROM pg_stat_activity WHERE application_name = 'grassroots/read' ORDER BY pid").split()
    if len(pids) < 2:
        fail(f"expected at least two pipelined read connections, found {len(pids)}")
        return
    frozen = int(pids[0])
    results, lock = [], threading.Lock()
    stop = threading.Event()
    os.kill(frozen, signal.SIGSTOP)
    frozen_at = time.monotonic()

    def reader():
        connection = new_connection()
        while not stop.is_set():
            sent_at = time.monotonic()
            try:
                status, headers, _, seconds = request(connection, "GET", f"/v1/areas/{area}")
            except Exception as error:
                fail(f"read: HTTP error {error!r}")
                connection = new_connection()
                continue
            check_answer("read", status, headers, seconds)
            with lock:
                results.append((sent_at - frozen_at, status, seconds))

    try:
        threads = [threading.Thread(target=reader) for _ in range(4)]
        for thread in threads:
            thread.start()
        time.sleep(4)
        stop.set()
        for thread in threads:
            thread.join()
    finally:
        os.kill(frozen, signal.SIGCONT)
    later = [(status, seconds) for offset, status, seconds in results if offset >= 0.5]
    bad = [entry for entry in later if entry[0] != 200 or entry[1] > 1.0]
    if not later:
        fail("no read was sent after the freeze")
    elif bad:
        fail(f"{len(bad)} of {len(later)} reads sent 0.5 s after the freeze failed or took over 1 s: {bad[:5]}")
    early = [entry for entry in results if entry[0] < 0.5]
    slowest = max((seconds for _, seconds in later), default=0)
    print(f"frozen backend: {len(later)} reads from 0.5 s on, all 200 in under 1 s (slowest {slowest * 1000:.0f} ms); "
          f"{len(early)} sent earlier: {sum(1 for e in early if e[1] == 200)} × 200, "
          f"{sum(1 for e in early if e[1] == 503)} × 503", flush=True)


def slowloris_test():
    area = psql("SELECT id FROM area ORDER BY id LIMIT 1")
    head = f"GET /v1/areas/{area} HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {TOKEN}\r\n"

    def timed_reads(seconds):
        connection, latencies = new_connection(), []
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            status, headers, _, elapsed = request(connection, "GET", f"/v1/areas/{area}")
            check_answer("read", status, headers, elapsed)
            latencies.append(elapsed)
        latencies.sort()
        return latencies[int(0.99 * (len(latencies) - 1))]

    baseline = timed_reads(2)
    cut_after = []

    def slow_client():
        sock = socket.create_connection((URL.hostname, URL.port))
        started = time.monotonic()
        try:
            for byte in head.encode():
                sock.send(bytes([byte]))
                # Wait a second for the next byte, watching for the server's close meanwhile.
                readable, _, _ = select.select([sock], [], [], 1)
                if readable and sock.recv(1) == b"":
                    break
                if time.monotonic() - started > IDLE + 10:
                    break
        except OSError:
            pass
        finally:
            cut_after.append(time.monotonic() - started)
            sock.close()

    body_answers = []

    def slow_body_client():
        """Complete headers, then a body a byte every half second: the idle timer never fires,
        the request's deadline does (408)."""
        body = b'{"idNumber": "11010519491231002X"}'
        sock = socket.create_connection((URL.hostname, URL.port))
        started = time.monotonic()
        try:
            sock.sendall(
                (f"POST /v1/people/search HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer {TOKEN}\r\n"
                 f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n").encode())
            answer = b""
            for byte in body:
                sock.send(bytes([byte]))
                readable, _, _ = select.select([sock], [], [], 0.5)
                if readable:
                    answer = sock.recv(200)
                    break
            body_answers.append((answer.split(b"\r\n", 1)[0].decode(errors="replace"), time.monotonic() - started))
        except OSError as error:
            body_answers.append((f"error {error!r}", time.monotonic() - started))
        finally:
            sock.close()

    threads = [threading.Thread(target=slow_client) for _ in range(20)]
    threads += [threading.Thread(target=slow_body_client) for _ in range(3)]
    for thread in threads:
        thread.start()
    during = timed_reads(IDLE)
    for thread in threads:
        thread.join()
    for status_line, seconds in body_answers:
        if " 408 " not in status_line or seconds > DEADLINE + 1.5:
            fail(f"a slow-body client got {status_line!r} after {seconds:.1f} s (expected 408 by the deadline)")
    slowest_cut = max(cut_after)
    if slowest_cut > IDLE + 2:
        fail(f"a slow-header client held its connection {slowest_cut:.1f} s (idle timeout {IDLE} s)")
    if during > max(2 * baseline, baseline + 0.05):
        fail(f"reads p99 {during * 1000:.1f} ms under slowloris against {baseline * 1000:.1f} ms before")
    print(f"slowloris: 20 slow-header clients cut after at most {slowest_cut:.1f} s (idle timeout {IDLE:.0f} s); "
          f"3 slow-body clients answered {sorted({line for line, _ in body_answers})} after at most "
          f"{max((t for _, t in body_answers), default=0):.1f} s; "
          f"reads p99 {during * 1000:.1f} ms during, {baseline * 1000:.1f} ms before", flush=True)


try:
    with urllib.request.urlopen(f"{BASE}/readyz", timeout=5) as ready:
        assert ready.status == 200
except Exception as error:
    sys.exit(f"fault tests: the server is not ready at {BASE}: {error!r}")
crash_test()
frozen_backend_test()
slowloris_test()
if failures:
    print(f"fault tests: {len(failures)} failure(s)", flush=True)
    sys.exit(1)
print("fault tests: passed", flush=True)
