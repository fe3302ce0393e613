#!/usr/bin/env bash
# SPDX-License-Identifier: MulanPSL-2.0
# `amr scheduler list` and `amr scheduler run-due` on a migrated store holding
# timers written as the lifecycle procedures write them: SQLite, and
# PostgreSQL when AMR_TEST_PG_URL is set.
#   tests/cli/scheduler_cli_test.sh path/to/amr
set -uo pipefail
AMR="$(realpath "$1")"
work=$(mktemp -d)
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
source "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"

# scheduler_checks NAME URL SQL_RUNNER...
scheduler_checks() {
  local name=$1 url=$2 out
  shift 2
  check "migrate ($name)" 0 "$(rc "$AMR" migrate --db "$url")"
  check "empty list ($name)" "" "$("$AMR" scheduler list --db "$url" 2>/dev/null)"
  # Timers of kinds nobody handles (retired kinds), long due: one pending, one fired, one
  # that failed once and waits for its retry.
  "$@" "INSERT INTO scheduled_timer (kind, key, due_at, payload, state, created_at, updated_at)
        VALUES ('retired.kind', 'x:1', '2026-01-05T00:00:00+08:00', '{}', 'pending',
                '2026-01-01T09:00:00+08:00', '2026-01-01T09:00:00+08:00')" >/dev/null
  "$@" "INSERT INTO scheduled_timer (kind, key, due_at, payload, state, fired_at, fired_by,
          outcome, created_at, updated_at)
        VALUES ('retired.expiry', 'suspension:7', '2026-02-01T00:00:00+08:00', '{\"id\":7}',
                'fired', '2026-02-01T00:00:30+08:00', 'node-a:41', '已视为恢复营业',
                '2026-01-01T09:00:00+08:00', '2026-02-01T00:00:30+08:00')" >/dev/null
  "$@" "INSERT INTO scheduled_timer (kind, key, due_at, payload, state, attempts, last_error,
          next_attempt_at, created_at, updated_at)
        VALUES ('retired.expiry', 'suspension:8', '2026-03-01T00:00:00+08:00', '{}',
                'pending', 2, '歇业记录 8 不存在', '2026-03-01T00:03:00+08:00',
                '2026-01-01T09:00:00+08:00', '2026-03-01T00:02:00+08:00')" >/dev/null

  out=$("$AMR" scheduler list --db "$url" 2>/dev/null)
  check "list shows all ($name)" 3 "$(wc -l <<<"$out")"
  check "oldest due first ($name)" "retired.kind" "$(head -1 <<<"$out" | cut -f2)"
  check "fired line ($name)" 1 "$(grep -c 'suspension:7.*fired.*由 node-a:41 触发：已视为恢复营业' <<<"$out")"
  check "failed line ($name)" 1 "$(grep -c 'suspension:8.*pending.*已失败 2 次.*歇业记录 8 不存在' <<<"$out")"
  out=$("$AMR" scheduler list --db "$url" --kind retired.expiry --state pending --json)
  check "json total ($name)" 1 "$(jq .total <<<"$out")"
  check "json key ($name)" '"suspension:8"' "$(jq '.items[0].key' <<<"$out")"
  check "json next attempt ($name)" '"2026-03-01T00:03:00+08:00"' "$(jq '.items[0].next_attempt_at' <<<"$out")"
  check "bad state exit ($name)" 1 "$(rc "$AMR" scheduler list --db "$url" --state done)"
  check "bad state names the field ($name)" 1 \
    "$("$AMR" scheduler list --db "$url" --state done 2>&1 | grep -c 'state')"

  # No handler is registered for these kinds: nothing fires, nothing changes.
  out=$("$AMR" scheduler run-due --db "$url" 2>/dev/null)
  check "run-due exit ($name)" 0 $?
  check "run-due count ($name)" "已触发 0 个到期定时任务，失败 0 个" "$out"
  check "unhandled stays pending ($name)" 2 \
    "$("$AMR" scheduler list --db "$url" --state pending --json | jq .total)"
}

sqlite_sql() { sqlite3 "$work/s.db" "$1"; }
scheduler_checks sqlite "sqlite:$work/s.db" sqlite_sql

check "missing file exit" 1 "$(rc "$AMR" scheduler list --db "sqlite:$work/none.db")"
check "missing file not created" no "$([[ -e "$work/none.db" ]] && echo yes || echo no)"
check "run-due on missing file" 1 "$(rc "$AMR" scheduler run-due --db "sqlite:$work/none.db")"
sqlite3 "$work/empty.db" "CREATE TABLE t (x INTEGER)"
check "unmigrated store says migrate" 1 \
  "$("$AMR" scheduler list --db "sqlite:$work/empty.db" 2>&1 | grep -c 'amr migrate')"

# `amr serve` runs the scheduler beside the outbox worker, and stops it on SIGTERM.
serve_log() {  # serve_log LOG ARGS...: starts amr serve, waits until it listens
  local log=$1
  shift
  AMR_ADMIN_PASSWORD='Sched-root-pass-2026' "$AMR" serve --db "sqlite:$work/serve.db" \
    --listen 127.0.0.1:0 "$@" >"$log" 2>&1 &
  server_pid=$!
  for _ in $(seq 300); do
    grep -q 'http://127.0.0.1:[0-9]' "$log" && break
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
  done
}
serve_log "$work/serve.log" --scheduler-interval 0.5
# The announcement may follow the listening line: wait for it (a loaded machine is slow).
for _ in $(seq 100); do
  grep -q '定时任务已启用' "$work/serve.log" && break
  sleep 0.1
done
check "serve announces the scheduler" 1 "$(grep -c '定时任务已启用：每 0.5 秒' "$work/serve.log")"
kill -TERM "$server_pid"
wait "$server_pid"
check "SIGTERM stops serve and scheduler cleanly" 0 $?
server_pid=""
check "serve stopped" 1 "$(grep -c 'OpenAMR 已停止' "$work/serve.log")"
serve_log "$work/serve2.log" --no-scheduler
check "--no-scheduler" 1 "$(grep -c '定时任务未启用' "$work/serve2.log")"
kill -TERM "$server_pid"
wait "$server_pid"
server_pid=""
check "bad interval refused" 1 "$(rc "$AMR" serve --db "sqlite:$work/serve.db" --scheduler-interval 0)"

if [[ -n "${AMR_TEST_PG_URL:-}" ]]; then
  db="amr_sched_cli_$$"
  psql -q "$AMR_TEST_PG_URL" -c "CREATE DATABASE $db"
  pg_url="${AMR_TEST_PG_URL%/*}/$db"
  pg_sql() { psql -q -v ON_ERROR_STOP=1 "$pg_url" -c "$1"; }
  scheduler_checks postgresql "$pg_url" pg_sql
  psql -q "$AMR_TEST_PG_URL" -c "DROP DATABASE $db"
elif [[ "${AMR_REQUIRE_PG:-}" == 1 ]]; then
  check "PostgreSQL configured (AMR_TEST_PG_URL)" yes no
fi

echo "scheduler cli: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
