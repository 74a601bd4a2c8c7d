# Shared set-up for scripts/run, scripts/test and scripts/bench: system packages and a private
# PostgreSQL cluster under .data/. Sourced, not run.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DATA="$ROOT/.data"
mkdir -p "$DATA"

log() { printf '==> %s\n' "$*" >&2; }

# The Debian packages the build needs beside the Swift toolchain, and those the binary needs at
# run time. deploy/Dockerfile's builder and runtime stages install exactly these: scripts/test
# diffs the lists, and checks RUNTIME_PACKAGES against the libraries the binary links.
BUILD_PACKAGES=(libpq-dev libssl-dev zlib1g-dev pkg-config)
RUNTIME_PACKAGES=(libpq5 libssl3 zlib1g libstdc++6 ca-certificates curl)

# Installs the Debian packages the build and the private cluster need, when any is missing.
ensure_packages() {
    local missing=()
    [ -n "$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | head -1)" ] || missing+=(postgresql)
    [ -f /usr/include/postgresql/libpq-fe.h ] || missing+=("${BUILD_PACKAGES[0]}")
    [ -f /usr/include/openssl/evp.h ] || missing+=("${BUILD_PACKAGES[1]}")
    [ -f /usr/include/zlib.h ] || missing+=("${BUILD_PACKAGES[2]}")
    command -v pkg-config >/dev/null || missing+=("${BUILD_PACKAGES[3]}")
    for tool in "$@"; do command -v "$tool" >/dev/null || missing+=("$tool"); done
    if [ ${#missing[@]} -gt 0 ]; then
        log "installing ${missing[*]}"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >/dev/null
        apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

pg_bin() { ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1; }

# start_cluster NAME PORT [OPTIONS]: initdb once under .data/NAME, then start it on 127.0.0.1:PORT if it
# is not running; with OPTIONS (server settings, `-c name=value`), a running one is restarted with
# them. initdb refuses root, so the cluster runs as the postgres user.
start_cluster() {
    local name="$1" port="$2" options="${3:-}" dir="$DATA/$1" bin
    bin="$(pg_bin)"
    mkdir -p "$dir"
    chown postgres:postgres "$dir"
    if [ ! -f "$dir/data/PG_VERSION" ]; then
        log "creating PostgreSQL cluster in .data/$name"
        runuser -u postgres -- "$bin/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
    fi
    mkdir -p "$dir/run"
    chown postgres:postgres "$dir/run"
    if ! runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        log "starting PostgreSQL on 127.0.0.1:$port"
        runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
            -o "-p $port -k $dir/run -c listen_addresses=127.0.0.1 -c max_connections=500 $options" start >/dev/null
    elif [ -n "$options" ]; then
        # Running already, perhaps without them (another script started it): restarted with them.
        log "restarting PostgreSQL on 127.0.0.1:$port with $options"
        runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 -m fast \
            -o "-p $port -k $dir/run -c listen_addresses=127.0.0.1 -c max_connections=500 $options" restart >/dev/null
    fi
}

# start_replica NAME PRIMARY_PORT PORT [fresh]: a streaming replica of the cluster on
# PRIMARY_PORT under .data/NAME (pg_basebackup -R: standby.signal and primary_conninfo), started
# on 127.0.0.1:PORT. With "fresh", an existing copy is dropped first (the primary may be new).
start_replica() {
    local name="$1" primary_port="$2" port="$3" fresh="${4:-}" dir="$DATA/$1" bin
    bin="$(pg_bin)"
    if [ "$fresh" = fresh ]; then
        stop_cluster "$name"
        rm -rf "$dir/data"
    fi
    mkdir -p "$dir/run"
    chown -R postgres:postgres "$dir"
    if [ ! -f "$dir/data/standby.signal" ]; then
        log "replica .data/$name: pg_basebackup from 127.0.0.1:$primary_port"
        rm -rf "$dir/data"
        runuser -u postgres -- "$bin/pg_basebackup" -h 127.0.0.1 -p "$primary_port" -U postgres \
            -D "$dir/data" -R -X stream -c fast >/dev/null
    fi
    if ! runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
        log "starting the replica on 127.0.0.1:$port"
        runuser -u postgres -- "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
            -o "-p $port -k $dir/run -c listen_addresses=127.0.0.1 -c max_connections=500" start >/dev/null
    fi
}

# stop_cluster NAME: stops the cluster this project started under .data/NAME.
stop_cluster() {
    local dir="$DATA/$1"
    runuser -u postgres -- "$(pg_bin)/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
}

# database_url PORT DB
database_url() { printf 'postgresql://postgres@127.0.0.1:%s/%s?sslmode=disable' "$1" "$2"; }

# create_database PORT DB [fresh]: creates DB if absent; with "fresh", drops it first.
create_database() {
    local port="$1" db="$2" fresh="${3:-}"
    if [ "$fresh" = fresh ]; then
        psql -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null
    fi
    if [ -z "$(psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
        psql -q -h 127.0.0.1 -p "$port" -U postgres -d postgres -c "CREATE DATABASE \"$db\"" >/dev/null
    fi
}

# wait_http URL SECONDS: waits until URL answers.
wait_http() {
    local url="$1" limit="$2" i
    for ((i = 0; i < limit * 10; i++)); do
        curl -fsS -o /dev/null "$url" 2>/dev/null && return 0
        sleep 0.1
    done
    return 1
}

# ensure_data_key: exports GRASSROOTS_DATA_KEY, creating .data/data-key once when it is unset.
# A key of this machine's own, for local runs and tests; production sets the variable.
ensure_data_key() {
    if [ -z "${GRASSROOTS_DATA_KEY:-}" ]; then
        if [ ! -s "$DATA/data-key" ]; then
            (umask 077 && head -c 32 /dev/urandom | base64 >"$DATA/data-key")
        fi
        GRASSROOTS_DATA_KEY="$(cat "$DATA/data-key")"
        export GRASSROOTS_DATA_KEY
    fi
}

# refresh_contract_link: the generator plugin watches the symlinks Sources/*/openapi.yaml
# by its own timestamp, not its target's; touch it when the contract is newer, or an incremental
# build would keep stale generated code.
refresh_contract_link() {
    local link
    for link in "$ROOT/Sources/GovernanceOpenAPI/openapi.yaml" "$ROOT/Sources/GrassrootsClient/openapi.yaml"; do
        if [ "$ROOT/openapi.yaml" -nt "$link" ]; then touch -h "$link"; fi
    done
}
