#!/usr/bin/env bash
# SPDX-License-Identifier: MulanPSL-2.0
# `amr audit verify` and `amr audit head` on a real store whose audit_log is
# then tampered with through sqlite3 / psql, as someone with direct database
# access would: SQLite, and PostgreSQL when AMR_TEST_PG_URL is set.
#   tests/cli/audit_cli_test.sh path/to/amr path/to/audit_append_for_test
set -uo pipefail
AMR="$(realpath "$1")"
APPEND="$(realpath "$2")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"

# chain_checks NAME URL UNGUARD_SQL SQL_RUNNER...
# UNGUARD_SQL removes the append-only triggers; SQL_RUNNER runs one SQL text.
chain_checks() {
  local name=$1 url=$2 unguard=$3 out code head
  shift 3
  check "migrate ($name)" 0 "$(rc "$AMR" migrate --db "$url")"
  check "empty chain ($name)" "审计链完整：0 条记录" "$("$AMR" audit verify --db "$url" | head -1)"
  check "append ($name)" 0 "$(rc "$APPEND" "$url" 8)"

  out=$("$AMR" audit verify --db "$url")
  check "intact exit ($name)" 0 $?
  check "intact message ($name)" "审计链完整：8 条记录" "$(head -1 <<<"$out")"
  head=$("$AMR" audit head --db "$url" 2>/dev/null)
  check "head is record 8 ($name)" 8 "${head%%:*}"
  check "head hash is hex ($name)" yes "$([[ ${head#*:} =~ ^[0-9a-f]{64}$ ]] && echo yes || echo no)"
  check "verify prints the head ($name)" "链头检查点：$head" "$(tail -1 <<<"$out")"
  check "checkpoint matches ($name)" 0 "$(rc "$AMR" audit verify --db "$url" --checkpoint "$head")"

  # The program's own writes cannot change a record.
  check "update refused ($name)" no \
    "$("$@" "UPDATE audit_log SET username = 'x' WHERE seq = 3" >/dev/null 2>&1 && echo yes || echo no)"
  check "still intact ($name)" 0 "$(rc "$AMR" audit verify --db "$url")"

  "$@" "$unguard" >/dev/null
  "$@" "UPDATE audit_log SET summary = replace(summary, '张三5', '李四') WHERE seq = 5" >/dev/null
  out=$("$AMR" audit verify --db "$url")
  code=$?
  check "edited summary exit ($name)" 1 $code
  check "edited summary names record 5 ($name)" 1 "$(grep -c '审计链已损坏：第 5 条审计记录被改动' <<<"$out")"
  check "edited summary counts 4 good ($name)" 1 "$(grep -c '此前 4 条记录完好' <<<"$out")"
  "$@" "UPDATE audit_log SET summary = replace(summary, '李四', '张三5') WHERE seq = 5" >/dev/null
  check "undone ($name)" 0 "$(rc "$AMR" audit verify --db "$url")"

  "$@" "UPDATE audit_log SET username = 'mallory' WHERE seq = 2" >/dev/null
  out=$("$AMR" audit verify --db "$url")
  check "edited username exit ($name)" 1 $?
  check "edited username names record 2 ($name)" 1 "$(grep -c '第 2 条' <<<"$out")"
  "$@" "UPDATE audit_log SET username = 'clerk2' WHERE seq = 2" >/dev/null

  # Removing the tail is invisible to the bare chain, but not to a checkpoint.
  "$@" "DELETE FROM audit_log WHERE seq = 8" >/dev/null
  check "tail removed, bare chain ($name)" "审计链完整：7 条记录" "$("$AMR" audit verify --db "$url" | head -1)"
  out=$("$AMR" audit verify --db "$url" --checkpoint "$head")
  check "tail removed, checkpoint exit ($name)" 1 $?
  check "tail removed names record 8 ($name)" 1 "$(grep -c '第 8 条起的记录被删除' <<<"$out")"

  "$@" "DELETE FROM audit_log WHERE seq = 4" >/dev/null
  out=$("$AMR" audit verify --db "$url")
  check "deleted record exit ($name)" 1 $?
  check "deleted record names record 4 ($name)" 1 "$(grep -c '第 4 条审计记录缺失' <<<"$out")"

  check "bad checkpoint ($name)" 2 "$(rc "$AMR" audit verify --db "$url" --checkpoint 8:abc)"
}

sqlite_sql() { sqlite3 "$work/a.db" "$1"; }
chain_checks sqlite "sqlite:$work/a.db" \
  "DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete;" sqlite_sql

check "missing file exit" 2 "$(rc "$AMR" audit verify --db "sqlite:$work/none.db")"
check "missing file not created" no "$([[ -e "$work/none.db" ]] && echo yes || echo no)"
sqlite3 "$work/empty.db" "CREATE TABLE t (x INTEGER)"
check "unmigrated store exit" 2 "$(rc "$AMR" audit verify --db "sqlite:$work/empty.db")"
check "unmigrated store says migrate" 1 \
  "$("$AMR" audit verify --db "sqlite:$work/empty.db" 2>&1 | grep -c 'amr migrate')"

if [[ -n "${AMR_TEST_PG_URL:-}" ]]; then
  db="amr_audit_cli_$$"
  psql -q "$AMR_TEST_PG_URL" -c "CREATE DATABASE $db"
  pg_url="${AMR_TEST_PG_URL%/*}/$db"
  pg_sql() { psql -q -v ON_ERROR_STOP=1 "$pg_url" -c "$1"; }
  chain_checks postgresql "$pg_url" "ALTER TABLE audit_log DISABLE TRIGGER USER" pg_sql
  psql -q "$AMR_TEST_PG_URL" -c "DROP DATABASE $db"
elif [[ "${AMR_REQUIRE_PG:-}" == 1 ]]; then
  check "PostgreSQL configured (AMR_TEST_PG_URL)" yes no
fi

echo "audit cli: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
