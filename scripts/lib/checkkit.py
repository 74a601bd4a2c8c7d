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
