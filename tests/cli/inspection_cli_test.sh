#!/usr/bin/env bash
# SPDX-License-Identifier: MulanPSL-2.0
# `amr draw verify` and `amr inspection import` on a real store holding a drawn
# joint task (written by inspection_seed_for_test: planned, pool published,
# drawn with a witness's entropy, assigned, one visit inspected and
# published), then tampered with through sqlite3 / psql as someone with direct
# database access would: SQLite, and PostgreSQL when AMR_TEST_PG_URL is set.
#   tests/cli/inspection_cli_test.sh path/to/amr path/to/inspection_seed_for_test
set -uo pipefail
AMR="$(realpath "$1")"
SEED="$(realpath "$2")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"

# draw_checks NAME NEW_STORE SQL_RUNNER: NEW_STORE makes an empty store and
# prints its URL; SQL_RUNNER URL SQL runs one statement on it.
draw_checks() {
  local name=$1 new=$2 run=$3 url task out
  url=$($new)
  task=$("$SEED" "$url")
  check "seeded ($name)" 0 $?
  out=$("$AMR" draw verify --task "$task" --db "$url")
  check "intact draw exit ($name)" 0 $?
  check "intact draw message ($name)" 1 "$(grep -c '抽取结果核验一致' <<<"$out")"
  check "unknown task exit ($name)" 2 "$(rc "$AMR" draw verify --task 999 --db "$url")"

  # Library import: a bad line refuses the whole file and names the line.
  printf 'code,org_unit_code,name,category,legal_basis,content,entity_kinds,industries\nI-1,county-a,企业公示信息抽查,general,企业信息公示暂行条例,,,\nI-2,county-a,坏事项,urgent,,,,\n' >"$work/bad.csv"
  out=$("$AMR" inspection import items "$work/bad.csv" --db "$url" 2>&1)
  check "bad import exit ($name)" 2 $?
  check "bad import names line 3 ($name)" 1 "$(grep -c '第 3 行' <<<"$out")"
  check "bad import wrote nothing ($name)" 0 "$($run "$url" "SELECT COUNT(*) FROM inspection_item WHERE code = 'I-1'")"
  head -2 "$work/bad.csv" >"$work/good.csv"
  check "good import exit ($name)" 0 "$(rc "$AMR" inspection import items "$work/good.csv" --db "$url")"
  check "good import stored ($name)" 1 "$($run "$url" "SELECT COUNT(*) FROM inspection_item WHERE code = 'I-1'")"

  # A tampered result: one officer removed from a visit.
  $run "$url" "DELETE FROM inspection_visit_officer WHERE position = 0 AND visit_id = (SELECT MIN(id) FROM inspection_visit)" >/dev/null
  out=$("$AMR" draw verify --task "$task" --db "$url")
  check "tampered result exit ($name)" 1 $?
  check "tampered result named ($name)" 1 "$(grep -c '的检查人员不符' <<<"$out")"

  # A tampered pool on a fresh store: one entity's credit class changed.
  url=$($new)
  task=$("$SEED" "$url")
  $run "$url" "UPDATE inspection_pool SET credit_class = 'D' WHERE position = 0" >/dev/null
  out=$("$AMR" draw verify --task "$task" --db "$url")
  check "tampered pool exit ($name)" 1 $?
  check "tampered pool named ($name)" 1 "$(grep -c '名录哈希不符' <<<"$out")"

  # A tampered entropy: the seed no longer matches.
  url=$($new)
  task=$("$SEED" "$url")
  $run "$url" "UPDATE inspection_task SET entropy = 'other' WHERE id = $task" >/dev/null
  check "tampered entropy exit ($name)" 1 "$(rc "$AMR" draw verify --task "$task" --db "$url")"

  # A visit slipped in that the draw never chose.
  url=$($new)
  task=$("$SEED" "$url")
  $run "$url" "DELETE FROM inspection_visit_officer WHERE visit_id = (SELECT MAX(id) FROM inspection_visit)" >/dev/null
  $run "$url" "DELETE FROM inspection_visit WHERE id = (SELECT MAX(id) FROM inspection_visit)" >/dev/null
  out=$("$AMR" draw verify --task "$task" --db "$url")
  check "missing visit exit ($name)" 1 $?
  check "missing visit named ($name)" 1 "$(grep -c '抽中名单不符' <<<"$out")"
}

# Each runs in a subshell ($(…)), so names come from mktemp / $RANDOM.
sqlite_new() { echo "sqlite:$(mktemp -u -p "$work" sXXXXXX.db)"; }
sqlite_run() { sqlite3 "${1#sqlite:}" "$2"; }
draw_checks sqlite sqlite_new sqlite_run

check "missing file exit" 2 "$(rc "$AMR" draw verify --task 1 --db "sqlite:$work/none.db")"
check "missing file not created" no "$([[ -e "$work/none.db" ]] && echo yes || echo no)"

# The offline form (draw/draw_cli.h) runs on a pool file.
printf '91330106MA0000001X,A\n' >"$work/pool.txt"
check "draw sample runs" 0 "$(rc "$AMR" draw sample --pool "$work/pool.txt" --ratio A=1,B=0,C=0,D=0 --entropy x --json)"

if [[ -n "${AMR_TEST_PG_URL:-}" ]]; then
  pg_new() {
    local db="amr_insp_cli_$$_$RANDOM$RANDOM"
    psql -q "$AMR_TEST_PG_URL" -c "CREATE DATABASE $db" >/dev/null
    echo "${AMR_TEST_PG_URL%/*}/$db"
  }
  pg_run() { psql -qtA -v ON_ERROR_STOP=1 "$1" -c "$2"; }
  draw_checks postgresql pg_new pg_run
  for db in $(psql -qtA "$AMR_TEST_PG_URL" -c "SELECT datname FROM pg_database WHERE datname LIKE 'amr_insp_cli_$$_%'"); do
    psql -q "$AMR_TEST_PG_URL" -c "DROP DATABASE $db" >/dev/null
  done
elif [[ "${AMR_REQUIRE_PG:-}" == 1 ]]; then
  check "PostgreSQL configured (AMR_TEST_PG_URL)" yes no
fi

echo "inspection cli: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
