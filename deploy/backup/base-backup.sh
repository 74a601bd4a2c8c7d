#!/usr/bin/env bash
# base-backup.sh DATABASE_URL BACKUP_ROOT: a base backup of the whole cluster into
# BACKUP_ROOT/base-<UTC time>, plain format with its manifest, checked by pg_verifybackup.
# Together with the WAL archive (archive_command, deploy/OPERATIONS.md) it allows recovery to
# any point after it: restore-to-point.sh. Run it as the user owning the backup directory.
set -euo pipefail
url="$1" root="$2"
bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
target="$root/base-$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$root"
# The WAL needed to make the copy consistent is fetched into it, so the backup stands alone
# even before the archive has caught up.
"$bin/pg_basebackup" -d "$url" -D "$target" -Fp -X fetch -c fast --label "grassroots $(basename "$target")"
"$bin/pg_verifybackup" -n "$target" >/dev/null
echo "$target"
