#!/usr/bin/env bash
# Backup and point-in-time recovery, end to end, with deploy/backup's scripts: a cluster with
# WAL archiving holds the service's schema and a demo city; a base backup; writes before a
# target time, writes after it and a destructive mistake (DROP TABLE area CASCADE); a recovery
# to the target into a new directory must hold the first writes and the table, and none of the
# later writes. Usage: pitr-test.sh BINARY
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
BIN="$1"
DIR="$DATA/pitr" PORT=25470 RESTORED_PORT=25471
bin="$(pg_bin)"
stop() { runuser -u postgres -- "$bin/pg_ctl" -D "$1" -m fast -w stop >/dev/null 2>&1 || true; }
stop "$DIR/primary"; stop "$DIR/restored"
rm -rf "$DIR"
mkdir -p "$DIR/archive" "$DIR/backups" "$DIR/run"
chown -R postgres:postgres "$DIR"
runuser -u postgres -- "$bin/initdb" -D "$DIR/primary" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$bin/pg_ctl" -D "$DIR/primary" -l "$DIR/primary.log" -w -t 60 -o "-p $PORT -k $DIR/run \
    -c listen_addresses=127.0.0.1 -c wal_level=replica -c archive_mode=on -c archive_timeout=60 \
    -c archive_command='test ! -f $DIR/archive/%f && cp %p $DIR/archive/%f'" start >/dev/null
trap 'stop "$DIR/primary"; stop "$DIR/restored"' EXIT
q() { PGOPTIONS="-c client_min_messages=warning" psql -X -q -tA -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$1" -U postgres -d grassroots -c "$2"; }
psql -X -q -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -c "CREATE DATABASE grassroots"
URL="$(database_url "$PORT" grassroots)"
DATABASE_URL="$URL" "$BIN" migrate >/dev/null
DATABASE_URL="$URL" "$BIN" seed --demo --token-file "$DIR/admin-token" >/dev/null
areas=$(q "$PORT" "SELECT count(*) FROM area")

base=$(runuser -u postgres -- "$ROOT/deploy/backup/base-backup.sh" "$(database_url "$PORT" postgres)" "$DIR/backups")
q "$PORT" "CREATE TABLE pitr_probe (label text PRIMARY KEY, at timestamptz DEFAULT clock_timestamp())"
q "$PORT" "INSERT INTO pitr_probe (label) VALUES ('before-1'), ('before-2')"
sleep 1.1
target=$(q "$PORT" "SELECT clock_timestamp()")
sleep 1.1
q "$PORT" "INSERT INTO pitr_probe (label) VALUES ('after-1')"
q "$PORT" "DROP TABLE area CASCADE"
# Close the current WAL segment so that the archive holds everything written so far.
q "$PORT" "SELECT pg_switch_wal()" >/dev/null
for _ in $(seq 1 100); do
    [ "$(q "$PORT" "SELECT last_archived_wal IS NOT NULL AND last_archived_wal >= pg_walfile_name(pg_current_wal_lsn() - 1) FROM pg_stat_archiver")" = t ] && break
    sleep 0.1
done

runuser -u postgres -- "$ROOT/deploy/backup/restore-to-point.sh" "$base" "$DIR/archive" "$target" "$DIR/restored" >/dev/null
runuser -u postgres -- "$bin/pg_ctl" -D "$DIR/restored" -l "$DIR/restored.log" -w -t 120 \
    -o "-p $RESTORED_PORT -k $DIR/run -c listen_addresses=127.0.0.1" start >/dev/null
for _ in $(seq 1 200); do
    [ "$(q "$RESTORED_PORT" "SELECT pg_is_in_recovery()")" = f ] && break
    sleep 0.1
done
labels=$(q "$RESTORED_PORT" "SELECT string_agg(label, ',' ORDER BY label) FROM pitr_probe")
restored_areas=$(q "$RESTORED_PORT" "SELECT count(*) FROM area")
[ "$labels" = "before-1,before-2" ] || { log "PITR: the restored probe rows are '$labels' (expected before-1,before-2)"; exit 1; }
[ "$restored_areas" = "$areas" ] || { log "PITR: $restored_areas areas restored of $areas"; exit 1; }
[ "$(q "$RESTORED_PORT" "SELECT pg_is_in_recovery()")" = f ] || { log "PITR: the restored cluster did not promote"; exit 1; }
# The restored database is the service's: the binary finds its schema current.
DATABASE_URL="$(database_url "$RESTORED_PORT" grassroots)" "$BIN" migrate | grep -q "schema is current" \
    || { log "PITR: the restored database's schema is not current"; exit 1; }
log "PITR: recovered to $target: the $areas areas and the 2 writes before it, not the write and the DROP TABLE after it"
