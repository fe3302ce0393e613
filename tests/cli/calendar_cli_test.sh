#!/usr/bin/env bash
# SPDX-License-Identifier: MulanPSL-2.0
# The working-day calendar as an operator runs it: `amr calendar years`, the
# two questions with --db and --json (provisional in the year after the last
# entered), `amr calendar import` with every refusal naming the line and
# writing nothing, and a deadline in the store moved by the import. SQLite, and
# PostgreSQL when AMR_TEST_PG_URL is set.
#
# The file imported here is test input for the import itself: it lists only
# 元旦 2027-01-01, fixed by law (全国年节及纪念日放假办法 Art. 2), not a notice.
#   tests/cli/calendar_cli_test.sh path/to/amr
set -uo pipefail
AMR="$(realpath "$1")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"

printf 'date,kind,name\n2027-01-01,holiday,元旦\n' >"$work/2027.csv"
printf 'date,kind,name\n2027-01-01,holiday,元旦\n2027-01-04,makeup_workday,元旦\n' >"$work/weekday.csv"
printf 'date,kind,name\n2027-01-01,holiday,元旦\n2027-01-01,holiday,元旦\n' >"$work/twice.csv"
printf 'date,kind,name\n2029-01-01,holiday,元旦\n' >"$work/2029.csv"

# Without --db: the shipped file, 2027 provisional.
check "shipped add-workdays" 2027-01-06 "$("$AMR" calendar add-workdays 2026-12-30 5 2>/dev/null)"
check "shipped provisional note" 1 \
  "$("$AMR" calendar add-workdays 2026-12-30 5 2>&1 >/dev/null | grep -c '暂定')"
check "shipped json" '{"date":"2027-01-06","provisional":true}' \
  "$("$AMR" calendar add-workdays 2026-12-30 5 --json)"
check "shipped entered json" '{"date":"2026-10-08","provisional":false}' \
  "$("$AMR" calendar add-workdays 2026-09-30 1 --json)"
check "shipped is-workday json" '{"provisional":true,"workday":true}' \
  "$("$AMR" calendar is-workday 2027-01-01 --json)"
check "beyond the provisional year" 1 "$(rc "$AMR" calendar add-workdays 2027-12-30 5)"

# calendar_checks NAME URL SQL_RUNNER...
calendar_checks() {
  local name=$1 url=$2
  shift 2
  check "migrate ($name)" 0 "$(rc "$AMR" migrate --db "$url")"
  check "years ($name)" 2026 "$("$AMR" calendar years --db "$url" --json | jq .last_year)"
  check "years count ($name)" 23 "$("$AMR" calendar years --db "$url" --json | jq '.years | length')"
  check "provisional ($name)" 2027 \
    "$("$AMR" calendar years --db "$url" --json | jq .provisional_year)"
  check "db add-workdays ($name)" '{"date":"2027-01-06","provisional":true}' \
    "$("$AMR" calendar add-workdays 2026-12-30 5 --db "$url" --json)"

  # An open deadline counted into 2027, as a context tracks one.
  "$@" "INSERT INTO deadline (kind, subject, label, org_unit_path, start_on, rule, due_on,
          provisional, calendar_revision, state, created_at, updated_at)
        VALUES ('test.reply', 'cli:1', '测试期限', '', '2026-12-28',
                '{\"value\":5,\"unit\":\"working_days\"}', '2027-01-04', 1, 0, 'open',
                '2026-12-28T09:00:00+08:00', '2026-12-28T09:00:00+08:00')" >/dev/null

  # Refusals: each names the line, nothing is written.
  local out
  out=$("$AMR" calendar import "$work/weekday.csv" --db "$url" 2>&1)
  check "weekday make-up refused ($name)" 1 $?
  check "weekday make-up line ($name)" 1 "$(echo "$out" | grep -c '第 3 行')"
  out=$("$AMR" calendar import "$work/twice.csv" --db "$url" 2>&1)
  check "duplicate refused ($name)" 1 "$(echo "$out" | grep -c '重复')"
  check "gap refused ($name)" 1 "$(rc "$AMR" calendar import "$work/2029.csv" --db "$url")"
  check "wrong --year refused ($name)" 1 \
    "$(rc "$AMR" calendar import "$work/2027.csv" --year 2028 --db "$url")"
  check "nothing written ($name)" 2026 "$("$AMR" calendar years --db "$url" --json | jq .last_year)"

  # The import: 2027 entered, the deadline moved past 元旦.
  out=$("$AMR" calendar import "$work/2027.csv" --db "$url" --notice "测试文号" 2>&1)
  check "import ($name)" 0 $?
  check "import says moved ($name)" 1 "$(echo "$out" | grep -c '其中变动 1 项')"
  check "entered ($name)" 2027 "$("$AMR" calendar years --db "$url" --json | jq .last_year)"
  check "entered notice ($name)" '"测试文号"' \
    "$("$AMR" calendar years --db "$url" --json | jq '.years[-1].notice')"
  check "moved deadline ($name)" "2027-01-05|0" \
    "$("$@" "SELECT due_on || '|' || provisional FROM deadline WHERE subject = 'cli:1'" | tr -d ' ' | grep 2027)"
  check "new new-year ($name)" '{"provisional":false,"workday":false}' \
    "$("$AMR" calendar is-workday 2027-01-01 --db "$url" --json)"
  check "again without --replace ($name)" 1 \
    "$(rc "$AMR" calendar import "$work/2027.csv" --db "$url")"
  check "again with --replace: same ($name)" 1 \
    "$("$AMR" calendar import "$work/2027.csv" --db "$url" --replace --notice "测试文号" | grep -c '未改动')"
  check "audit verifies ($name)" 0 "$(rc "$AMR" audit verify --db "$url")"
}

sqlite_sql() { sqlite3 "$work/c.db" "$1"; }
calendar_checks sqlite "sqlite:$work/c.db" sqlite_sql

if [[ -n "${AMR_TEST_PG_URL:-}" ]]; then
  db="amr_cal_cli_$$"
  psql -q "$AMR_TEST_PG_URL" -c "CREATE DATABASE $db"
  pg_url="${AMR_TEST_PG_URL%/*}/$db"
  pg_sql() { psql -q -t -A -v ON_ERROR_STOP=1 "$pg_url" -c "$1"; }
  calendar_checks postgresql "$pg_url" pg_sql
  psql -q "$AMR_TEST_PG_URL" -c "DROP DATABASE $db"
elif [[ "${AMR_REQUIRE_PG:-}" == 1 ]]; then
  check "PostgreSQL configured (AMR_TEST_PG_URL)" yes no
fi

echo "calendar cli: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
