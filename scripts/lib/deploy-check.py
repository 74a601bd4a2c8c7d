#!/usr/bin/env python3
"""Checks deploy/ against the scripts and the binary, since its images cannot be built here.

- deploy/Dockerfile installs exactly BUILD_PACKAGES (builder) and RUNTIME_PACKAGES (runtime) of
  scripts/lib/setup.sh, and RUNTIME_PACKAGES covers every system library the binary and the
  Swift runtime it links load (readelf NEEDED → dpkg -S); it copies every resource bundle the
  build produces, runs as a non-root user and has a HEALTHCHECK on /healthz.
- deploy/compose.yaml has the components of scripts/cluster; its HAProxy and Prometheus
  configurations pass `haproxy -c` and `promtool check config`.
- deploy/k8s: a Deployment probing /readyz (readiness) and /healthz (liveness) with resource
  requests, a PodDisruptionBudget, a migration Job, the data key from a Secret.

Usage: deploy-check.py BIN_DIR   (run with a Python that has PyYAML)
"""
import glob
import os
import re
import subprocess
import sys

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN_DIR = sys.argv[1]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)
        print(f"FAIL: {message}", flush=True)


def script_list(name):
    out = subprocess.run(["bash", "-c", f'. "{ROOT}/scripts/lib/setup.sh"; echo "${{{name}[@]}}"'],
                         capture_output=True, text=True, check=True)
    return set(out.stdout.split())


def dockerfile_stages():
    """The packages each stage's apt-get install names, in order of the stages."""
    text = open(os.path.join(ROOT, "deploy/Dockerfile")).read().replace("\\\n", " ")
    stages = re.split(r"^FROM ", text, flags=re.M)[1:]
    packages = []
    for stage in stages:
        found = set()
        for match in re.finditer(r"apt-get install ([^&\n]*)", stage):
            found |= {word for word in match.group(1).split() if not word.startswith("-")}
        packages.append(found)
    return stages, packages


def needed(path):
    out = subprocess.run(["readelf", "-d", path], capture_output=True, text=True, check=True).stdout
    return re.findall(r"\(NEEDED\).*\[(.+)\]", out)


def library_path(name):
    out = subprocess.run(["ldd", os.path.join(BIN_DIR, "grassroots")], capture_output=True, text=True).stdout
    for line in out.splitlines():
        if line.strip().startswith(name + " "):
            parts = line.split("=>")
            if len(parts) == 2 and parts[1].strip().startswith("/"):
                return parts[1].split("(")[0].strip()
    return None


def runtime_packages_needed():
    """Debian packages of the system libraries loaded by the binary and its Swift runtime."""
    binary = os.path.join(BIN_DIR, "grassroots")
    libraries = set(needed(binary))
    for name in list(libraries):
        path = library_path(name)
        if path and "/swift/" in path:
            libraries |= set(needed(path))
    packages = {}
    for name in sorted(libraries):
        path = library_path(name)
        if not path or "/swift/" in path:
            continue  # Swift's own runtime: linked statically in the image (--static-swift-stdlib)
        owner = subprocess.run(["dpkg", "-S", os.path.realpath(path)], capture_output=True, text=True).stdout
        if not owner:
            owner = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True).stdout
        packages[name] = owner.split(":")[0] if owner else "?"
    return packages


def dockerfile_checks():
    stages, (builder, runtime) = dockerfile_stages()
    check(builder == script_list("BUILD_PACKAGES"),
          f"Dockerfile builder installs {sorted(builder)}, scripts install {sorted(script_list('BUILD_PACKAGES'))}")
    check(runtime == script_list("RUNTIME_PACKAGES"),
          f"Dockerfile runtime installs {sorted(runtime)}, RUNTIME_PACKAGES is {sorted(script_list('RUNTIME_PACKAGES'))}")
    # libc6 and libgcc-s1 are essential in every Debian image.
    for library, package in runtime_packages_needed().items():
        if package not in ("libc6", "libgcc-s1"):
            check(package in runtime, f"the binary loads {library} from {package}, which the runtime image lacks")
    for bundle in glob.glob(os.path.join(BIN_DIR, "*.resources")):
        check(os.path.basename(bundle) in stages[0], f"the Dockerfile does not copy {os.path.basename(bundle)}")
    check(re.search(r"^USER (?!root)\w+", stages[1], re.M) is not None, "the runtime stage runs as root")
    check("HEALTHCHECK" in stages[1] and "/healthz" in stages[1], "no HEALTHCHECK on /healthz")


def compose_checks():
    compose = yaml.safe_load(open(os.path.join(ROOT, "deploy/compose.yaml")))
    services = set(compose["services"])
    for component in ["primary", "replica", "pgbouncer", "migrate", "api1", "api2", "haproxy", "prometheus",
                      "exporter-primary", "exporter-replica"]:
        check(component in services, f"compose.yaml lacks the {component} of scripts/cluster")
    for node in ["api1", "api2"]:
        environment = compose["services"][node]["environment"]
        check(environment.get("DATABASE_PREPARED_STATEMENTS") == "false", f"{node} keeps prepared statements behind PgBouncer")
    check("5432" in compose["services"]["migrate"]["environment"]["DATABASE_URL"],
          "migrate must reach the primary, not PgBouncer")
    ha = subprocess.run(["haproxy", "-c", "-q", "-f", os.path.join(ROOT, "deploy/haproxy/haproxy.cfg")],
                        capture_output=True, text=True)
    check(ha.returncode == 0, f"haproxy -c: {ha.stderr.strip()[:300]}")
    prom = subprocess.run(["promtool", "check", "config", os.path.join(ROOT, "deploy/prometheus/prometheus.yml")],
                          capture_output=True, text=True)
    check(prom.returncode == 0, f"promtool check config: {(prom.stdout + prom.stderr).strip()[:300]}")


def k8s_checks():
    documents = {}
    for path in glob.glob(os.path.join(ROOT, "deploy/k8s/*.yaml")):
        for document in yaml.safe_load_all(open(path)):
            if document and "kind" in document:
                documents.setdefault(document["kind"], []).append(document)
    listed = yaml.safe_load(open(os.path.join(ROOT, "deploy/k8s/kustomization.yaml")))["resources"]
    for name in listed:
        check(os.path.exists(os.path.join(ROOT, "deploy/k8s", name)), f"kustomization lists a missing {name}")
    deployment = documents.get("Deployment", [None])[0]
    check(deployment is not None, "no Deployment")
    if deployment:
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        check(container.get("readinessProbe", {}).get("httpGet", {}).get("path") == "/readyz", "readiness is not /readyz")
        check(container.get("livenessProbe", {}).get("httpGet", {}).get("path") == "/healthz", "liveness is not /healthz")
        check({"cpu", "memory"} <= set(container.get("resources", {}).get("requests", {})), "no resource requests")
        keys = [e["valueFrom"]["secretKeyRef"]["key"] for e in container.get("env", []) if "valueFrom" in e]
        check("GRASSROOTS_DATA_KEY" in keys, "the data key does not come from a Secret")
    check("PodDisruptionBudget" in documents, "no PodDisruptionBudget")
    jobs = documents.get("Job", [])
    check(any(c.get("args") == ["migrate"] for j in jobs for c in j["spec"]["template"]["spec"]["containers"]),
          "no migration Job")


dockerfile_checks()
compose_checks()
k8s_checks()
print(f"deploy checks: {len(failures)} failures; the runtime image covers {sorted(set(runtime_packages_needed().values()))}", flush=True)
sys.exit(1 if failures else 0)
