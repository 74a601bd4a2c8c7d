#!/usr/bin/env bash
# restore-to-point.sh BASE_BACKUP WAL_ARCHIVE TARGET_TIME NEW_DATA_DIR: prepares NEW_DATA_DIR to
# recover the base backup, replaying the archived WAL up to TARGET_TIME (e.g. '2026-11-30
# 10:15:00+00'), then to promote itself to a primary. Start it with pg_ctl as the postgres user;
# it stops replaying at the target, before any transaction that committed after it.
# The old data directory is never touched: recover beside it, check, then switch over.
set -euo pipefail
base="$1" archive="$2" target_time="$3" data="$4"
[ -f "$base/backup_label" ] || { echo "$base is not a base backup (no backup_label)" >&2; exit 1; }
[ ! -e "$data" ] || { echo "$data exists: restore into a new directory" >&2; exit 1; }
mkdir -p "$data"
cp -a "$base/." "$data/"
rm -f "$data/postmaster.pid" "$data/standby.signal"
cat >>"$data/postgresql.auto.conf" <<CONF
# Point-in-time recovery (restore-to-point.sh, $(date -u +%FT%TZ))
restore_command = 'cp "$archive/%f" "%p"'
recovery_target_time = '$target_time'
recovery_target_inclusive = off
recovery_target_action = 'promote'
archive_mode = off
CONF
touch "$data/recovery.signal"
chmod 700 "$data"
echo "$data is ready: start it, and it replays to $target_time and promotes"
