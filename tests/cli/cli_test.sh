#!/usr/bin/env bash
# SPDX-License-Identifier: MulanPSL-2.0
# End-to-end checks of the `amr` command forms other parts rely on, and of
# `amr serve` on SQLite and on PostgreSQL (AMR_TEST_PG_URL), as a user runs them.
#   tests/cli/cli_test.sh path/to/amr
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

# --- codes -----------------------------------------------------------------
for code in 91310110666007217T 91310115591693856A 91110000MA01A7RH2R 53640000MJX173672F \
  53640000MJX173680A 91350100M000100Y43 91512081MA62K0260E 91110000802100433B 91350582MA8RFY385R; do
  check "uscc valid $code" 0 "$(rc "$AMR" codes uscc "$code")"
done
check "uscc worked example exit" 1 "$(rc "$AMR" codes uscc 91350100M000100Y4Z)"
json=$("$AMR" codes uscc 91350100M000100Y4Z --json)
# Never the "correct" last character: it would invite making up a code.
check "uscc no expected_check" 'null' "$(jq -c .expected_check <<<"$json")"
check "uscc json keys" '["department","kind","legacy","region","valid"]' \
  "$(jq -c '[keys[] | select(. == "valid" or . == "legacy" or . == "expected_check" or . == "department" or . == "kind" or . == "region")]' <<<"$json")"
json=$("$AMR" codes uscc 91350211M00013FA1N --json)
check "uscc legacy" "false true" "$(jq -r '"\(.valid) \(.legacy)"' <<<"$json")"
check "uscc short" 1 "$(rc "$AMR" codes uscc 9135)"
check "uscc short says length" 1 "$("$AMR" codes uscc 9135 2>&1 | grep -c '应为 18 位')"

json=$("$AMR" codes id 11010519491231002X --json)
check "id fields" "true 1949-12-31 female 110105" \
  "$(jq -r '"\(.valid) \(.birth_date) \(.sex) \(.region)"' <<<"$json")"
check "id 1880" 0 "$(rc "$AMR" codes id 440524188001010014)"
check "id bad date" 1 "$(rc "$AMR" codes id 110105194902300020)"
check "region chain" "浙江省 杭州市 西湖区" "$("$AMR" codes region 330106)"
check "region unknown" 1 "$(rc "$AMR" codes region 999999)"

# --- calendar (2026 notice: Spring Festival 02-15..02-23, make-up 02-14; National Day 10-01..10-07, make-up 10-10)
check "spring festival eve" 2026-02-14 "$("$AMR" calendar add-workdays 2026-02-13 1)"
check "after spring festival" 2026-02-24 "$("$AMR" calendar add-workdays 2026-02-14 1)"
check "national day" 2026-10-08 "$("$AMR" calendar add-workdays 2026-09-30 1)"
check "20 workdays over national day" 2026-10-29 "$("$AMR" calendar add-workdays 2026-09-25 20)"
check "make-up saturday" yes "$("$AMR" calendar is-workday 2026-10-10)"
check "holiday" no "$("$AMR" calendar is-workday 2026-10-01)"
check "plain sunday" no "$("$AMR" calendar is-workday 2026-11-29)"
check "into the provisional year" 2027-01-06 "$("$AMR" calendar add-workdays 2026-12-30 5 2>/dev/null)"
check "beyond the provisional year" 1 "$(rc "$AMR" calendar add-workdays 2027-12-30 5)"
check "before the data" 1 "$(rc "$AMR" calendar is-workday 2003-06-02)"
check "bad date" 1 "$(rc "$AMR" calendar is-workday 2026-02-30)"

# --- gen and import ----------------------------------------------------------
"$AMR" gen entities --count 2000 --seed 9 --out "$work/a.csv" 2>/dev/null
"$AMR" gen entities --count 2000 --seed 9 --out "$work/b.csv" 2>/dev/null
check "gen is deterministic" "" "$(cmp "$work/a.csv" "$work/b.csv")"
check "gen rows" 2001 "$(wc -l <"$work/a.csv" | tr -d ' ')"
check "gen header" "uscc,name,kind,org_form,family_farm,region_code,industry_code,legal_rep_id,legal_rep_name,registered_capital,address,credit_class,status,established_on" \
  "$(head -1 "$work/a.csv")"
check "gen bad count" 1 "$(rc "$AMR" gen entities --count 0 --seed 1 --out "$work/c.csv")"
check "gen wrote nothing" no "$([[ -e "$work/c.csv" ]] && echo yes || echo no)"

# Line 501 gets an unknown region code.
awk -F, 'NR == 501 { $6 = "339999" } { print }' OFS=, "$work/a.csv" >"$work/bad.csv"

import_checks() {  # import_checks URL COUNT_COMMAND...
  local url=$1
  shift
  check "import ok ($url)" 0 "$(rc "$AMR" import entities "$work/a.csv" --db "$url")"
  check "rows ($url)" 2000 "$("$@" "SELECT COUNT(*) FROM entity")"
  check "re-import refused ($url)" 1 "$(rc "$AMR" import entities "$work/a.csv" --db "$url")"
  check "rows unchanged ($url)" 2000 "$("$@" "SELECT COUNT(*) FROM entity")"
}
sqlite_count() { sqlite3 "$work/i.db" "$1"; }
import_checks "sqlite:$work/i.db" sqlite_count
msg=$("$AMR" import entities "$work/bad.csv" --db "sqlite:$work/j.db" 2>&1)
check "malformed exit" 1 $?
check "malformed names line" 1 "$(grep -c '第 501 行' <<<"$msg")"
check "malformed names column" 1 "$(grep -c 'region_code' <<<"$msg")"
check "malformed loads nothing" 0 "$(sqlite3 "$work/j.db" 'SELECT COUNT(*) FROM entity')"

if [[ -n "${AMR_TEST_PG_URL:-}" ]]; then
  db="amr_cli_$$"
  psql -q "$AMR_TEST_PG_URL" -c "CREATE DATABASE $db"
  pg_url="${AMR_TEST_PG_URL%/*}/$db"
  pg_count() { psql -tA "$pg_url" -c "$1"; }
  import_checks "$pg_url" pg_count
  psql -q "$AMR_TEST_PG_URL" -c "CREATE DATABASE ${db}_bad"
  check "pg malformed exit" 1 "$(rc "$AMR" import entities "$work/bad.csv" --db "${AMR_TEST_PG_URL%/*}/${db}_bad")"
  check "pg malformed loads nothing" 0 "$(psql -tA "${AMR_TEST_PG_URL%/*}/${db}_bad" -c 'SELECT COUNT(*) FROM entity')"
elif [[ "${AMR_REQUIRE_PG:-}" == 1 ]]; then
  check "PostgreSQL configured (AMR_TEST_PG_URL)" yes no
fi

# --- serve -----------------------------------------------------------------------
serve_checks() {  # serve_checks URL
  local url=$1 log="$work/serve.log" port=""
  AMR_ADMIN_PASSWORD='Cli-root-pass-2026' "$AMR" serve --db "$url" --listen 127.0.0.1:0 --demo >"$log" 2>&1 &
  server_pid=$!
  port=$(serve_port "$log" "$server_pid")
  check "serve started ($url)" yes "$([[ -n "$port" ]] && echo yes || echo no)"
  [[ -z "$port" ]] && { cat "$log"; return; }
  local base="http://127.0.0.1:$port"
  check "healthz ($url)" '{"status":"ok"}' "$(curl -s "$base/healthz")"
  check "demo entities ($url)" 3000 "$(curl -s "$base/api/v1/entities?limit=1" | jq .total)"
  local uscc
  uscc=$(curl -s "$base/api/v1/entities?limit=1" | jq -r '.items[0].uscc')
  check "profile ($url)" "$uscc" "$(curl -s "$base/api/v1/entities/$uscc" | jq -r .uscc)"
  check "profile hides ID ($url)" null "$(curl -s "$base/api/v1/entities/$uscc" | jq -r .legal_rep_id)"
  check "uscc route ($url)" 200 "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/codes/uscc/91350100M000100Y43")"
  check "uscc route invalid ($url)" "400 null" \
    "$(curl -s -w ' %{http_code}' "$base/api/v1/codes/uscc/91350100M000100Y4Z" | sed 's/^\(.*\) \([0-9]*\)$/\2 \1/' | { read -r c j; echo "$c $(jq -r .expected_check <<<"$j")"; })"
  check "workdays ($url)" 2026-10-08 "$(curl -s "$base/api/v1/calendar/workdays?from=2026-09-30&add=1" | jq -r .date)"
  check "workdays bad field ($url)" "from" "$(curl -s "$base/api/v1/calendar/workdays?from=2026-9-30&add=1" | jq -r .error.field)"
  check "workdays provisional ($url)" "2027-01-06 true" "$(curl -s "$base/api/v1/calendar/workdays?from=2026-12-30&add=5" | jq -r '.date + " " + (.provisional|tostring)')"
  check "workdays out of range ($url)" "out_of_range" "$(curl -s "$base/api/v1/calendar/workdays?from=2027-12-30&add=5" | jq -r .error.code)"
  check "unknown route ($url)" 404 "$(curl -s -o /dev/null -w '%{http_code}' "$base/api/v1/nothing")"
  # Identity: the demo's staff log in with the demo password; admin's comes from the environment.
  check "demo password announced ($url)" 1 "$(grep -c 'Xihu-Demo-2026' "$log")"
  local token admin
  token=$(curl -s -X POST "$base/api/v1/auth/login" -d '{"username":"330106-amr-01","password":"Xihu-Demo-2026"}' | jq -r .token)
  check "demo login ($url)" 43 "${#token}"
  code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
  check "no token ($url)" 401 "$(code "$base/api/v1/users")"
  check "leader is no admin ($url)" 403 "$(code -H "Authorization: Bearer $token" "$base/api/v1/users")"
  check "leader sees own unit ($url)" 200 "$(code -H "Authorization: Bearer $token" "$base/api/v1/org-units")"
  admin=$(curl -s -X POST "$base/api/v1/auth/login" -d '{"username":"admin","password":"Cli-root-pass-2026"}' | jq -r .token)
  check "admin lists users ($url)" 75 "$(curl -s -H "Authorization: Bearer $admin" "$base/api/v1/users?limit=1" | jq .total)"
  check "logout ($url)" 200 "$(code -X POST -H "Authorization: Bearer $token" "$base/api/v1/auth/logout")"
  check "token ended ($url)" 401 "$(code -H "Authorization: Bearer $token" "$base/api/v1/auth/me")"
  kill -TERM "$server_pid"
  wait "$server_pid"
  check "SIGTERM exits cleanly ($url)" 0 $?
  server_pid=""
  # Staff import: generated passwords printed once; a bad row names its line; nothing half-written.
  printf 'username,display_name,org_unit_code,roles,password\nwang.wu,王五,330106-beishan,inspector,\nzhao.liu,赵六,330106-amr,window_clerk;registrar,Cli-pass-2026x\n' >"$work/staff.csv"
  check "users import ($url)" "username wang.wu" "$("$AMR" users import "$work/staff.csv" --db "$url" 2>/dev/null | cut -d, -f1 | xargs)"
  check "users import twice ($url)" 1 "$(rc "$AMR" users import "$work/staff.csv" --db "$url")"
  printf 'username,display_name,org_unit_code,roles,password\nli.si,李四,330106-amr,leader,\nzhou.qi,周七,330106-amr,wizard,\n' >"$work/bad_staff.csv"
  check "users import bad row ($url)" 1 "$("$AMR" users import "$work/bad_staff.csv" --db "$url" 2>&1 | grep -c '第 3 行')"
  check "users unlock ($url)" 0 "$(rc "$AMR" users unlock wang.wu --db "$url")"
  # A second start does not seed again.
  "$AMR" serve --db "$url" --listen 127.0.0.1:0 --demo >"$log" 2>&1 &
  server_pid=$!
  port=$(serve_port "$log" "$server_pid")
  check "demo seeded once ($url)" 3000 "$(curl -s "http://127.0.0.1:$port/api/v1/entities?limit=1" | jq .total)"
  kill -TERM "$server_pid"
  wait "$server_pid"
  server_pid=""
}
serve_checks "sqlite:$work/serve.db"
[[ -n "${AMR_TEST_PG_URL:-}" ]] && {
  psql -q "$AMR_TEST_PG_URL" -c "CREATE DATABASE ${db}_serve"
  serve_checks "${AMR_TEST_PG_URL%/*}/${db}_serve"
}

# The first start without AMR_ADMIN_PASSWORD prints a one-time admin password, once.
first_admin() {
  local log="$work/first.log" port="" password
  "$AMR" serve --db "sqlite:$work/first.db" --listen 127.0.0.1:0 >"$log" 2>&1 &
  server_pid=$!
  port=$(serve_port "$log" "$server_pid")
  password=$(grep -o '一次性初始密码：[^ ]*' "$log" | sed 's/.*：//')
  check "one-time admin password" 19 "${#password}"
  check "admin must change it" true "$(curl -s -X POST "http://127.0.0.1:$port/api/v1/auth/login" -d "{\"username\":\"admin\",\"password\":\"$password\"}" | jq .must_change_password)"
  kill -TERM "$server_pid"
  wait "$server_pid"
  server_pid=""
}
first_admin
check "permissions table" 1 "$("$AMR" users permissions --markdown | grep -c '^| `users.write` |')"
check "reset password prints one" 19 "$("$AMR" users reset-password admin --db "sqlite:$work/first.db" 2>/dev/null | tr -d '\n' | wc -c)"

# The client limits (docs/operations.md "Limits"): a bad value stops the start before the store
# is touched, naming the option; flags and the environment reach the running server, and behind
# a trusted proxy each forwarded client has its own bucket.
msg=$("$AMR" serve --db "sqlite:$work/l.db" --listen 127.0.0.1:0 --public-burst 0 2>&1)
check "bad --public-burst exit" 1 $?
check "bad --public-burst named" 1 "$(grep -c -- '--public-burst' <<<"$msg")"
msg=$(AMR_TRUSTED_PROXY=10.0.0.1/8 "$AMR" serve --db "sqlite:$work/l.db" --listen 127.0.0.1:0 2>&1)
check "bad AMR_TRUSTED_PROXY exit" 1 $?
check "bad AMR_TRUSTED_PROXY named" 1 "$(grep -c 'AMR_TRUSTED_PROXY' <<<"$msg")"
check "bad limits touch no store" no "$([[ -e "$work/l.db" ]] && echo yes || echo no)"
limits_checks() {
  local log="$work/limits.log" port="" url
  AMR_ADMIN_PASSWORD='Cli-root-pass-2026' AMR_PUBLIC_BURST=2 "$AMR" serve --db "sqlite:$work/l.db" \
    --listen 127.0.0.1:0 --public-rate 0.001 --trusted-proxy 127.0.0.1 >"$log" 2>&1 &
  server_pid=$!
  port=$(serve_port "$log" "$server_pid")
  url="http://127.0.0.1:$port/healthz"
  get() { curl -s -o /dev/null -w '%{http_code}' -H "X-Forwarded-For: $1" "$url"; }
  check "forwarded client's burst" "200 200 429" "$(get 198.51.100.7) $(get 198.51.100.7) $(get 198.51.100.7)"
  check "another forwarded client" 200 "$(get 198.51.100.8)"
  check "access log names the proxy" 1 "$(grep -c '198.51.100.8 "GET /healthz" 200 .* via=127.0.0.1' "$log")"
  kill -TERM "$server_pid"
  wait "$server_pid"
  server_pid=""
}
limits_checks

# Without --demo a new store starts empty; a bad listen address is refused.
check "bad listen" 1 "$(rc "$AMR" serve --db "sqlite:$work/e.db" --listen nonsense)"
check "migrate" 0 "$(rc "$AMR" migrate --db "sqlite:$work/e.db")"
check "empty store" 0 "$(sqlite3 "$work/e.db" 'SELECT COUNT(*) FROM entity')"
check "bad db url" 1 "$(rc "$AMR" migrate --db "mysql://x")"

echo "cli: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
