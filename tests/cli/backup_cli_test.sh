#!/usr/bin/env bash
# SPDX-License-Identifier: MulanPSL-2.0
# A backup taken while a server writes restores to a store whose audit chain
# verifies, with the head `amr backup` printed; a restore into a store that
# has tables, or of the other engine's file, is refused. SQLite, and
# PostgreSQL when AMR_TEST_PG_URL is set.
#   tests/cli/backup_cli_test.sh path/to/amr
set -uo pipefail
AMR="$(realpath "$1")"
work=$(mktemp -d)
server_pid=""
writer_pid=""
cleanup() {
  [[ -n "$writer_pid" ]] && kill "$writer_pid" 2>/dev/null
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
source "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"

# backup_checks NAME URL EMPTY_URL OTHER_ENGINE_FILE
backup_checks() {
  local name=$1 url=$2 empty=$3 log="$work/serve-$1.log"
  AMR_ADMIN_PASSWORD='Backup-root-pass-2026' "$AMR" serve --db "$url" --listen 127.0.0.1:0 \
    --demo --login-burst 1000 >"$log" 2>&1 &
  server_pid=$!
  local base=""
  for _ in $(seq 600); do
    base=$(grep -o 'http://127.0.0.1:[0-9]*' "$log" | head -1)
    [[ -n "$base" ]] && break
    sleep 0.1
  done
  check "server started ($name)" yes "$([[ -n "$base" ]] && echo yes || echo no)"
  # Writes go on while the backup is taken: logins, each a session and an
  # audit record.
  (
    while true; do
      curl -s -o /dev/null -X POST "$base/api/v1/auth/login" -H 'Content-Type: application/json' \
        -d '{"username":"demo-applicant-01","password":"Xihu-Demo-2026"}'
    done
  ) &
  writer_pid=$!
  sleep 1
  local out="$work/backup-$name"
  local taken
  taken=$("$AMR" backup --db "$url" --out "$out" --json)
  check "backup exit ($name)" 0 $?
  sleep 0.5
  kill "$writer_pid" 2>/dev/null
  wait "$writer_pid" 2>/dev/null
  writer_pid=""
  kill "$server_pid"
  wait "$server_pid" 2>/dev/null
  server_pid=""
  check "backup not overwritten ($name)" 1 "$(rc "$AMR" backup --db "$url" --out "$out")"

  local restored
  restored=$("$AMR" restore "$out" --db "$empty" --json)
  check "restore exit ($name)" 0 $?
  check "same audit head ($name)" "$(echo "$taken" | jq -r .audit_head.checkpoint)" \
    "$(echo "$restored" | jq -r .audit_head.checkpoint)"
  check "head is not empty ($name)" yes \
    "$([[ $(echo "$taken" | jq -r .audit_head.seq) -gt 0 ]] && echo yes || echo no)"
  check "restored chain verifies ($name)" 0 "$(rc "$AMR" audit verify --db "$empty")"
  check "restore into a store with tables refused ($name)" 1 "$(rc "$AMR" restore "$out" --db "$url")"
  check "restored store serves ($name)" 2026 \
    "$("$AMR" calendar years --db "$empty" --json | jq .last_year)"
}

backup_checks sqlite "sqlite:$work/live.db" "sqlite:$work/restored.db"
check "not a backup" 1 "$(rc "$AMR" restore "$work/serve-sqlite.log" --db "sqlite:$work/x.db")"

if [[ -n "${AMR_TEST_PG_URL:-}" ]]; then
  live="amr_backup_live_$$"
  copy="amr_backup_copy_$$"
  psql -q "$AMR_TEST_PG_URL" -c "CREATE DATABASE $live" -c "CREATE DATABASE $copy"
  backup_checks postgresql "${AMR_TEST_PG_URL%/*}/$live" "${AMR_TEST_PG_URL%/*}/$copy"
  check "sqlite file into postgresql refused" 1 \
    "$(rc "$AMR" restore "$work/backup-sqlite" --db "${AMR_TEST_PG_URL%/*}/$copy")"
  check "postgresql dump into sqlite refused" 1 \
    "$(rc "$AMR" restore "$work/backup-postgresql" --db "sqlite:$work/y.db")"
  psql -q "$AMR_TEST_PG_URL" -c "DROP DATABASE $live WITH (FORCE)" -c "DROP DATABASE $copy WITH (FORCE)"
elif [[ "${AMR_REQUIRE_PG:-}" == 1 ]]; then
  check "PostgreSQL configured (AMR_TEST_PG_URL)" yes no
fi

echo "backup cli: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
