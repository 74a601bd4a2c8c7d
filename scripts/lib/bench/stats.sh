#!/usr/bin/env bash
# scripts/bench stats: the statistics endpoints, the change feed and CSV exports on a city seeded
# by `grassroots seed --city` (issue 14). The city's shape follows CITY_* (defaults: the full
# city, 10 × 10 streets × 60 communities × 8 grids, 40 residents and 20 cases per grid).
# BENCH_STATS_REUSE=1 measures the city seeded by an earlier run again (a new build, say)
# instead of seeding a fresh one; STATS_PARTS (metrics,feed,csv) picks what stats.py measures.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../setup.sh"
cd "$ROOT"

PG_PORT=25435
API_PORT=18083
OUT="$DATA/bench-stats"
rm -rf "$OUT"
mkdir -p "$OUT"

ensure_packages curl
ensure_data_key
refresh_contract_link
# The city (3 GB) is kept in PostgreSQL's own buffers and read into them before measuring: this
# machine reclaims page cache left idle for a while (kdamond), and a cold export was seen timing
# the disk (1,000-7,000 rows/s) instead of the service.
start_cluster pg-bench "$PG_PORT" "-c shared_buffers=4GB"
export DATABASE_URL="$(database_url "$PG_PORT" grassroots_city)"
reuse="${BENCH_STATS_REUSE:-}"
if [ -n "$reuse" ] && [ -z "$(psql -X -tAc "SELECT 1 FROM pg_database WHERE datname = 'grassroots_city'" \
        "$(database_url "$PG_PORT" postgres)")" ]; then
    reuse=""
fi
[ -n "$reuse" ] || create_database "$PG_PORT" grassroots_city fresh

log "building (release)"
swift build -c release --product grassroots
BIN="$(swift build -c release --show-bin-path)/grassroots"
"$BIN" migrate >/dev/null
if [ -n "$reuse" ]; then
    city="$(psql -X -tAc "SELECT id FROM area WHERE kind = 'city'" "$DATABASE_URL")"
    TOKEN="$("$BIN" token issue --role admin --area "$city" --label bench 2>/dev/null | tail -1)"
    log "reusing the seeded city $city"
else
    log "seeding the city"
    seed_started=$(date +%s)
    TOKEN="$("$BIN" seed --city --seed "${CITY_SEED:-1}" \
        --districts "${CITY_DISTRICTS:-10}" --streets-per-district "${CITY_STREETS:-10}" \
        --communities-per-street "${CITY_COMMUNITIES:-60}" --grids-per-community "${CITY_GRIDS:-8}" \
        --residents-per-grid "${CITY_RESIDENTS:-40}" --cases-per-grid "${CITY_CASES:-20}" | tail -1)"
    log "seeded in $(( $(date +%s) - seed_started )) s"
    psql -X -q "$DATABASE_URL" -c "VACUUM ANALYZE" >/dev/null
fi

log "reading the city into shared buffers"
psql -X -q "$DATABASE_URL" -c "CREATE EXTENSION IF NOT EXISTS pg_prewarm" \
    -c "SELECT sum(pg_prewarm(c.oid)) FROM pg_class c
        WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'i', 'm')" >/dev/null
export RATE_LIMIT_PER_TOKEN=1000000 REQUEST_TIMEOUT_MS=60000 LOG_LEVEL=warning
"$BIN" serve --port "$API_PORT" >"$OUT/server.log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null || true' EXIT
wait_http "http://127.0.0.1:$API_PORT/healthz" 60 || { log "server did not start"; exit 1; }
python3 scripts/lib/bench/stats.py "http://127.0.0.1:$API_PORT" "$TOKEN" "$OUT"
log "table: $OUT/stats.md"
