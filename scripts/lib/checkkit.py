"""Helpers shared by the scripts' live checks (fault-test.py, cluster-test.py): failures are
collected and printed as they happen, and SQL runs through psql."""
import subprocess

failures = []


def fail(message):
    failures.append(message)
    if len(failures) <= 20:
        print(f"FAIL: {message}", flush=True)


def psql(database_url, sql):
    """The output of `sql` (tuples only, unaligned); raises when psql reports an error."""
    out = subprocess.run(["psql", "-X", "-tA", "-v", "ON_ERROR_STOP=1", database_url], input=sql,
                         capture_output=True, text=True)
    if out.returncode != 0:
        raise RuntimeError(f"psql failed: {out.stderr.strip()[:300]}")
    return out.stdout.strip()


def api(base, token, method, path, body=None):
    """One authenticated JSON call with a fresh Idempotency-Key, for seeding data through the
    API; a refusal ends the script with the problem it got."""
    import json
    import sys
    import urllib.error
    import urllib.request
    import uuid

    request = urllib.request.Request(
        base + path, method=method, data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json",
                 "Idempotency-Key": str(uuid.uuid4())})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.loads(response.read() or b"null")
    except urllib.error.HTTPError as error:
        sys.exit(f"{method} {path} answered {error.code}: {error.read()[:400]!r}")


def id_number(sequence, born="19800101", male=False):
    """A made-up resident ID number of Ningbo's Haishu district with a valid GB 11643 check
    character; for a man the 17th digit is made odd."""
    body = "330203" + born + "%03d" % (sequence % 1000)
    if male and int(body[-1]) % 2 == 0:
        body = body[:-1] + str(int(body[-1]) + 1)
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(d) * w for d, w in zip(body, weights)) % 11]
