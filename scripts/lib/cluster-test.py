#!/usr/bin/env python3
"""Tests on the scripts/cluster topology: HAProxy → two API nodes → PgBouncer → primary (+ replica).

1. Smoke: the main flows through HAProxy and PgBouncer in transaction mode (prepared statements
   off): lists, a create with Idempotency-Key replayed on the other node, conditional reads,
   batch reads, the change feed, a token revoked on one node refused by the other within 2.5 s.
2. Migrations: both nodes ran `migrate` at once; every migration was applied exactly once.
3. SIGKILL: clients send idempotent writes and reads through HAProxy; API node 1 is killed with
   SIGKILL. No request fails once its retries (same Idempotency-Key, at most 3) are spent, every
   acknowledged write is present, node 2 keeps serving, and node 1 comes back.
4. Rolling restart: under the same load each node in turn gets SIGTERM, drains, exits 0 and is
   started again. Zero failed requests, no client retry needed.
5. Prometheus scrapes every node and exporter and has loaded the alert rules.

Standard library only. Usage: cluster-test.py CLUSTER_DIR START_COMMAND PRIMARY_DATABASE_URL
(START_COMMAND N starts API node N again: `scripts/cluster node`.)
"""
import http.client
import json
import os
import signal
import subprocess
import sys
import threading
import time
import uuid

import checkkit
from checkkit import fail, failures

CLUSTER, START_COMMAND, DATABASE_URL = sys.argv[1:4]
LB = ("127.0.0.1", 18120)
NODES = {1: ("127.0.0.1", 18121), 2: ("127.0.0.1", 18122)}
PROMETHEUS = ("127.0.0.1", 19120)
TOKEN = open(os.path.join(CLUSTER, "admin-token")).read().strip()


def psql(sql):
    return checkkit.psql(DATABASE_URL, sql)


def call(address, method, path, body=None, headers=None, token=TOKEN, timeout=10):
    """One request on a fresh connection: (status, headers, parsed body or raw bytes)."""
    connection = http.client.HTTPConnection(*address, timeout=timeout)
    all_headers = dict(headers or {})
    if token:
        all_headers["Authorization"] = f"Bearer {token}"
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        all_headers["Content-Type"] = "application/json"
    try:
        connection.request(method, path, body=data, headers=all_headers)
        response = connection.getresponse()
        payload = response.read()
    finally:
        connection.close()
    headers = {k.lower(): v for k, v in response.getheaders()}
    if headers.get("content-type", "").startswith(("application/json", "application/problem+json")) and payload:
        return response.status, headers, json.loads(payload)
    return response.status, headers, payload


def expect(label, status, wanted, body=None):
    if status != wanted:
        fail(f"smoke: {label} answered {status} (expected {wanted}): {str(body)[:200]}")
        return False
    return True


def community_and_grid():
    status, _, page = call(LB, "GET", "/v1/areas?kind=grid&limit=1")
    grid = page["items"][0]
    status, _, community = call(LB, "GET", f"/v1/areas/{grid['parentId']}")
    return community["id"], grid["id"]


def mediation_intake(area):
    return {"areaId": area, "source": "grid_patrol", "category": "neighbour", "riskLevel": "low",
            "description": "集群测试", "complexity": "simple",
            "parties": [{"name": "测试甲", "role": "applicant"}, {"name": "测试乙", "role": "respondent"}]}


def smoke_test():
    community, grid = community_and_grid()
    status, _, page = call(LB, "GET", "/v1/areas?limit=50")
    expect("GET /v1/areas", status, 200, page)

    key = f"smoke-{uuid.uuid4()}"
    status, _, created = call(NODES[1], "POST", "/v1/mediation/cases", mediation_intake(community), {"Idempotency-Key": key})
    if not expect("POST /v1/mediation/cases on node 1", status, 201, created):
        return
    status, headers, replayed = call(NODES[2], "POST", "/v1/mediation/cases", mediation_intake(community), {"Idempotency-Key": key})
    if expect("the same POST replayed on node 2", status, 201, replayed) and replayed.get("id") != created["id"]:
        fail("smoke: the replay on node 2 created a second case instead of answering the first")

    status, headers, case = call(LB, "GET", f"/v1/mediation/cases/{created['id']}")
    if expect("GET a case", status, 200, case):
        status, _, _ = call(LB, "GET", f"/v1/mediation/cases/{created['id']}", headers={"If-None-Match": headers.get("etag", "")})
        expect("GET a case with If-None-Match", status, 304)

    people = []
    for n in range(2):
        person = {"residenceAreaId": grid, "name": f"集群{n}", "gender": "male", "birthYear": 1980,
                  "idNumber": checkkit.id_number(int(time.time() * 1000 + n), male=True)}
        status, _, made = call(LB, "POST", "/v1/people", person, {"Idempotency-Key": str(uuid.uuid4())})
        if expect("POST /v1/people", status, 201, made):
            people.append(made["id"])
    status, _, batch = call(LB, "GET", "/v1/people?ids=" + ",".join(people + [str(uuid.uuid4())]))
    if expect("GET /v1/people?ids=", status, 200, batch) and sorted(p["id"] for p in batch["items"]) != sorted(people):
        fail(f"smoke: the batch read answered {[p['id'] for p in batch['items']]}, expected {people}")

    status, _, changes = call(LB, "GET", "/v1/changes?limit=5")
    expect("GET /v1/changes", status, 200, changes)
    status, _, _ = call(LB, "GET", "/v1/audit-events?limit=5")
    expect("GET /v1/audit-events", status, 200)

    # A token revoked on node 2 is refused by node 1 (which had it cached) within 2.5 s.
    status, _, issued = call(LB, "POST", "/v1/tokens", {"role": "analyst", "areaId": community, "label": "cluster"})
    if expect("POST /v1/tokens", status, 201, issued):
        status, _, _ = call(NODES[1], "GET", "/v1/areas?limit=1", token=issued["token"])
        expect("the new token on node 1", status, 200)
        status, _, _ = call(NODES[2], "DELETE", f"/v1/tokens/{issued['id']}")
        expect("DELETE the token on node 2", status, 204)
        revoked_at = time.monotonic()
        while call(NODES[1], "GET", "/v1/areas?limit=1", token=issued["token"])[0] != 401:
            if time.monotonic() - revoked_at > 2.5:
                fail("smoke: node 1 still accepted a token revoked on node 2 after 2.5 s")
                break
            time.sleep(0.1)
    print(f"smoke: {len(failures)} failures through HAProxy → PgBouncer", flush=True)


def migrations_test():
    versions = [line.split("applied migrations ", 1)[1] for node in (1, 2)
                for line in open(os.path.join(CLUSTER, f"api{node}", "migrate.log")) if "applied migrations" in line]
    applied = [int(v) for text in versions for v in text.split(", ")]
    expected = [int(v) for v in psql("SELECT version FROM schema_migration ORDER BY version").split()]
    if sorted(applied) != expected:
        duplicates = sorted({v for v in applied if applied.count(v) > 1})
        fail(f"migrations: the two nodes applied {sorted(applied)} (twice: {duplicates}); the schema holds {expected}")
    shares = [len(text.split(", ")) for text in versions]
    print(f"migrations: both nodes ran migrate at once; {len(expected)} migrations, each applied once "
          f"(by the nodes: {shares})", flush=True)


class Load:
    """Clients sending idempotent writes and reads through HAProxy until stopped."""

    def __init__(self, area, client_retries):
        self.area = area
        self.client_retries = client_retries
        self.stop = threading.Event()
        self.lock = threading.Lock()
        self.acknowledged = []
        self.answers = {}
        self.failed = []
        self.retried = 0
        self.threads = [threading.Thread(target=self.client, args=(n,)) for n in range(6)]

    def client(self, number):
        sequence = 0
        while not self.stop.is_set():
            sequence += 1
            write = sequence % 2 == 0
            key = f"cluster-{number}-{sequence}-{uuid.uuid4().hex[:8]}"
            for attempt in range(1 + self.client_retries):
                try:
                    if write:
                        status, _, body = call(LB, "POST", "/v1/mediation/cases", mediation_intake(self.area),
                                               {"Idempotency-Key": key}, timeout=15)
                    else:
                        status, _, body = call(LB, "GET", "/v1/areas?limit=5", timeout=15)
                except Exception as error:
                    status, body = 0, repr(error)
                if status in (200, 201):
                    break
                if attempt < self.client_retries:
                    with self.lock:
                        self.retried += 1
                    time.sleep(0.2)
            with self.lock:
                self.answers[status] = self.answers.get(status, 0) + 1
                if status in (200, 201):
                    if write:
                        self.acknowledged.append(body["id"])
                else:
                    self.failed.append(f"{'POST' if write else 'GET'} → {status} {str(body)[:160]}")

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *_):
        self.stop.set()
        for thread in self.threads:
            thread.join()

    def check(self, label):
        for failure in self.failed[:5]:
            fail(f"{label}: {failure}")
        if self.failed:
            fail(f"{label}: {len(self.failed)} requests failed")
        if self.acknowledged:
            present = int(psql("SELECT count(*) FROM mediation_case WHERE id = ANY('{"
                               + ",".join(self.acknowledged) + "}'::uuid[])"))
            if present != len(self.acknowledged):
                fail(f"{label}: {len(self.acknowledged) - present} acknowledged writes are missing")
        else:
            present = 0
            fail(f"{label}: no write was acknowledged")
        return present


def node_pid(node):
    return int(open(os.path.join(CLUSTER, f"api{node}", "pid")).read())


def wait_ready(address, seconds):
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        try:
            if call(address, "GET", "/readyz", token=None, timeout=2)[0] == 200:
                return True
        except OSError:
            pass
        time.sleep(0.1)
    return False


def wait_in_rotation(node, seconds):
    """Until HAProxy's health check has the node UP again."""
    started = time.monotonic()
    while time.monotonic() - started < seconds:
        status, _, text = call(("127.0.0.1", 18129), "GET", "/metrics", token=None)
        if f'haproxy_server_status{{proxy="api",server="api{node}",state="UP"}} 1' in text.decode():
            return True
        time.sleep(0.1)
    return False


def restart_node(node):
    subprocess.run(["bash", "-c", f"{START_COMMAND} {node}"], check=True, stdout=subprocess.DEVNULL)


def sigkill_test(area):
    with Load(area, client_retries=3) as load:
        time.sleep(2)
        os.kill(node_pid(1), signal.SIGKILL)
        killed = time.monotonic()
        time.sleep(4)
        served_by_two = call(NODES[2], "GET", "/readyz", token=None)[0] == 200
        with load.lock:
            after_kill = len(load.acknowledged)
        time.sleep(1)
        with load.lock:
            progressed = len(load.acknowledged) > after_kill
    if not served_by_two or not progressed:
        fail("sigkill: node 2 did not keep serving after node 1 was killed")
    present = load.check("sigkill")
    restart_node(1)
    if not wait_ready(NODES[1], 30) or not wait_in_rotation(1, 10):
        fail("sigkill: node 1 did not come back into rotation")
    print(f"sigkill: {sum(load.answers.values())} requests, answers {dict(sorted(load.answers.items()))}, "
          f"{load.retried} client retries; {present}/{len(load.acknowledged)} acknowledged writes present; "
          f"node 1 back {time.monotonic() - killed:.1f} s after the kill", flush=True)


def rolling_restart_test(area):
    exits = {}
    with Load(area, client_retries=0) as load:
        time.sleep(1.5)
        for node in (1, 2):
            pid = node_pid(node)
            os.kill(pid, signal.SIGTERM)
            started = time.monotonic()
            while os.path.exists(f"/proc/{pid}") and open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()[0] != "Z":
                if time.monotonic() - started > 20:
                    fail(f"rolling restart: node {node} did not exit within 20 s of SIGTERM")
                    break
                time.sleep(0.05)
            exits[node] = round(time.monotonic() - started, 2)
            restart_node(node)
            if not wait_ready(NODES[node], 30) or not wait_in_rotation(node, 10):
                fail(f"rolling restart: node {node} did not come back into rotation")
            time.sleep(1)
    present = load.check("rolling restart")
    # The nodes' logs say how they ended: a clean drain logs no error.
    for node in (1, 2):
        log = open(os.path.join(CLUSTER, f"api{node}", "server.log")).read()
        if '"level":"error"' in log:
            fail(f"rolling restart: node {node} logged an error")
    print(f"rolling restart: {sum(load.answers.values())} requests, answers {dict(sorted(load.answers.items()))}, "
          f"no client retries; {present}/{len(load.acknowledged)} acknowledged writes present; "
          f"SIGTERM to exit: {exits} s", flush=True)


def prometheus_test():
    deadline = time.monotonic() + 20
    while True:
        _, _, targets = call(PROMETHEUS, "GET", "/api/v1/targets", token=None)
        active = targets["data"]["activeTargets"]
        down = [t["scrapeUrl"] for t in active if t["health"] != "up"]
        if not down and len(active) == 5:
            break
        if time.monotonic() > deadline:
            fail(f"prometheus: targets not all up: {down} of {len(active)}")
            break
        time.sleep(1)
    _, _, rules = call(PROMETHEUS, "GET", "/api/v1/rules", token=None)
    loaded = sorted(r["name"] for g in rules["data"]["groups"] for r in g["rules"] if r["type"] == "alerting")
    if len(loaded) < 7:
        fail(f"prometheus: alert rules loaded: {loaded}")
    _, _, result = call(PROMETHEUS, "GET", "/api/v1/query?query=pg_replication_lag", token=None)
    if not result["data"]["result"]:
        fail("prometheus: no pg_replication_lag series from the exporters")
    print(f"prometheus: {len(active)} targets up, {len(loaded)} alert rules loaded", flush=True)


def main():
    started = time.monotonic()
    smoke_test()
    migrations_test()
    community, _ = community_and_grid()
    sigkill_test(community)
    rolling_restart_test(community)
    prometheus_test()
    print(f"cluster tests: {len(failures)} failures in {time.monotonic() - started:.0f} s", flush=True)
    sys.exit(1 if failures else 0)


main()
