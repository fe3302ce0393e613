#!/usr/bin/env bash
# SPDX-License-Identifier: MulanPSL-2.0
# The credit commands as an operator runs them, on SQLite and (when
# AMR_TEST_PG_URL is set) PostgreSQL: `amr reports file` (a retry files
# nothing new; a year not yet ended is refused naming it), the no-report batch
# (refused on the window's last day, decided on the first working day after,
# idempotent), `amr credit classify --json` and `amr credit show`.
#   tests/cli/credit_cli_test.sh path/to/amr
set -uo pipefail
AMR="$(realpath "$1")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"

cat >"$work/e.csv" <<'CSV'
uscc,name,kind,org_form,family_farm,region_code,industry_code,legal_rep_id,legal_rep_name,registered_capital,address,credit_class,status,established_on
91330106MAGCWHUC74,杭州西湖某某电器有限公司,enterprise,有限责任公司,0,330106,52,11010519491231002X,张三,1000000,杭州市西湖区文三路1号,B,active,2020-01-02
91330106MAHR785W6Q,杭州按时年报有限公司,enterprise,有限责任公司,0,330106,52,11010519491231002X,张三,1000000,杭州市西湖区文三路2号,B,active,2020-01-02
CSV
cat >"$work/report.json" <<'JSON'
{"uscc": "91330106MAHR785W6Q", "year": 2025,
 "content": {"address": "杭州市西湖区文三路2号", "phone": "0571-88880000", "operating_status": "开业",
             "employees": 12, "total_assets": 3000000, "total_liabilities": 1200000,
             "revenue": 5000000, "net_profit": 300000, "tax_paid": 150000},
 "withheld": ["net_profit"]}
JSON
jq '.year = 2026' "$work/report.json" >"$work/not_ended.json"

credit_checks() {  # credit_checks ENGINE URL SQL_RUNNER
  local engine=$1 db=$2 run_sql=$3
  "$AMR" migrate --db "$db" >/dev/null 2>&1
  $run_sql "INSERT INTO org_unit (code, name, kind, region_code) VALUES ('330106-amr', '西湖区市场监督管理局', 'county_bureau', '330106')"
  "$AMR" import entities "$work/e.csv" --db "$db" >/dev/null 2>&1
  local json
  json=$("$AMR" reports file "$work/report.json" --db "$db")
  check "$engine: report filed" "1 paper" "$(jq -r '"\(.version) \(.channel)"' <<<"$json")"
  check "$engine: withheld not shown" true \
    "$(jq -r '.content[] | select(.id == "net_profit") | .withheld' <<<"$json")"
  json=$("$AMR" reports file "$work/report.json" --db "$db")
  check "$engine: the same report again is no new version" 1 "$(jq -r .version <<<"$json")"
  check "$engine: a year not ended exits 1" 1 \
    "$(rc "$AMR" reports file "$work/not_ended.json" --db "$db")"
  check "$engine: and names the field" 1 \
    "$("$AMR" reports file "$work/not_ended.json" --db "$db" 2>&1 | grep -c '字段 year')"
  check "$engine: batch on the window's last day refused" 1 \
    "$(rc "$AMR" credit abnormal-batch --report-year 2025 --as-of 2026-06-30 --db "$db" --json)"
  json=$("$AMR" credit abnormal-batch --report-year 2025 --as-of 2026-07-01 --db "$db" --json)
  check "$engine: batch lists the one that did not file" '1 2026-07-01' \
    "$(jq -r '"\(.listed) \(.decision_date)"' <<<"$json")"
  json=$("$AMR" credit abnormal-batch --report-year 2025 --as-of 2026-07-02 --db "$db" --json)
  check "$engine: batch again lists nobody" 0 "$(jq -r .listed <<<"$json")"
  json=$("$AMR" credit classify --db "$db" --json)
  # The one that filed today filed late (8 points: B); the listed one owes it (50: D).
  check "$engine: classified" '2 1 1' \
    "$(jq -r '"\(.classified) \(.by_class.B) \(.by_class.D)"' <<<"$json")"
  json=$("$AMR" credit show 91330106MAGCWHUC74 --db "$db")
  check "$engine: show says why" 'no_annual_report 2026-07-01 西湖区市场监督管理局' \
    "$(jq -r '.lists[0] | "\(.reason) \(.listed_on) \(.authority)"' <<<"$json")"
}

sqlite_sql() { sqlite3 "$work/amr.db" "$1"; }
credit_checks sqlite "sqlite:$work/amr.db" sqlite_sql

if [[ -n "${AMR_TEST_PG_URL:-}" ]]; then
  dbname="amr_credit_cli_$$"
  psql -q "$AMR_TEST_PG_URL" -c "CREATE DATABASE $dbname"
  pg_url="${AMR_TEST_PG_URL%/*}/$dbname"
  pg_sql() { psql -q -v ON_ERROR_STOP=1 "$pg_url" -c "$1" >/dev/null; }
  credit_checks postgresql "$pg_url" pg_sql
  psql -q "$AMR_TEST_PG_URL" -c "DROP DATABASE $dbname"
elif [[ "${AMR_REQUIRE_PG:-}" == 1 ]]; then
  check "PostgreSQL configured (AMR_TEST_PG_URL)" yes no
fi

echo "credit cli: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
