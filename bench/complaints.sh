#!/usr/bin/env bash
# SPDX-License-Identifier: MulanPSL-2.0
# 12315 at a year's history of a large city: `amr import complaints` of ROWS
# transferred records (validated, matched to the register, clocks counted on
# the calendar) against each engine's own bulk path on the same rows without
# validation (sqlite3 .import + INSERT … SELECT; psql \copy into a staging
# table + INSERT … SELECT); then the hot spots (top businesses, industries and
# problem kinds over the year) as the platform computes them against the
# plain GROUP BY queries a DBA would type, on the same store. RUNS runs each;
# the median and the slowest are reported with the ratio of medians.
#   bench/run complaints [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
RUNS="${RUNS:-3}"
AMR=$PWD/build/amr
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

$AMR gen entities --count 100000 --seed 7 --region 330106 --out "$work/entities.csv" 2>/dev/null
$AMR gen complaints --count "$ROWS" --seed 1 --entities "$work/entities.csv" \
  --from 2026-01-01 --to 2026-11-30 --out "$work/complaints.csv" 2>/dev/null
unit_sql="INSERT INTO org_unit (code, name, kind, region_code) VALUES ('330106-amr', '西湖区市场监督管理局', 'county_bureau', '330106');"
# The plain load: the same columns, the derived ones computed in SQL.
plain_insert="INSERT INTO complaint (query_code, client_key, kind, channel, state, business_uscc,
  business_name, region_code, consumer_phone, summary, received_at, received_on, unit_id,
  unit_path, accept_due_on, decided_on, decided_by, outcome, amount_recovered, closed_on,
  problem_kind, updated_at)
SELECT 'Q' || external_ref, 'import:' || channel || ':' || external_ref, kind, channel, state,
  business_uscc, business_name, region_code, consumer_phone, summary,
  received_on || 'T09:00:00+08:00', received_on, (SELECT id FROM org_unit WHERE code = '330106-amr'),
  (SELECT path FROM org_unit WHERE code = '330106-amr'), '', decided_on, 'import', outcome,
  CAST(amount_recovered AS INTEGER), closed_on, problem_kind, '2026-12-07T09:00:00+08:00'
FROM staging;"
spots_sql="SELECT business_uscc, business_name, COUNT(*) FROM complaint WHERE received_on >= '2026-01-01' AND received_on <= '2026-12-31' AND kind = 'complaint' GROUP BY business_uscc, business_name ORDER BY COUNT(*) DESC LIMIT 10;
SELECT SUBSTR(industry_code, 1, 2), COUNT(*) FROM complaint WHERE received_on >= '2026-01-01' AND received_on <= '2026-12-31' AND kind = 'complaint' AND industry_code <> '' GROUP BY SUBSTR(industry_code, 1, 2) ORDER BY COUNT(*) DESC LIMIT 10;
SELECT problem_kind, COUNT(*) FROM complaint WHERE received_on >= '2026-01-01' AND received_on <= '2026-12-31' AND kind = 'complaint' AND problem_kind <> '' GROUP BY problem_kind ORDER BY COUNT(*) DESC LIMIT 10;"

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
maxof() { sort -g | tail -1; }
amr_spots() { $AMR complaints hot-spots --unit 330106-amr --from 2026-01-01 --to 2026-12-31 --db "$1" | sed 's/.*"seconds":\([0-9.e-]*\).*/\1/'; }

declare -A times
run_sqlite() {
  for i in $(seq "$RUNS"); do
    rm -f "$work"/s.db*
    $AMR migrate --db "sqlite:$work/s.db" >/dev/null
    sqlite3 "$work/s.db" "$unit_sql"
    $AMR import entities "$work/entities.csv" --db "sqlite:$work/s.db" >/dev/null
    t0=$(now); $AMR import complaints "$work/complaints.csv" --db "sqlite:$work/s.db" >/dev/null; t1=$(now)
    times[amr_sqlite]+="$(echo "$t1 - $t0" | bc) "
    for j in 1 2 3; do times[spots_amr_sqlite]+="$(amr_spots "sqlite:$work/s.db") "; done
    for j in 1 2 3; do
      t=$(printf '.timer on\n%s\n' "$spots_sql" | sqlite3 "$work/s.db" | awk '/^Run Time/ {s += $4} END {print s}')
      times[spots_plain_sqlite]+="$t "
    done
    rm -f "$work"/s.db*
    $AMR migrate --db "sqlite:$work/s.db" >/dev/null
    sqlite3 "$work/s.db" "$unit_sql"
    t0=$(now)
    sqlite3 "$work/s.db" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
PRAGMA synchronous=FULL;
PRAGMA cache_size=-1048576;
.mode csv
.import $work/complaints.csv staging
BEGIN;
$plain_insert
COMMIT;
SQL
    t1=$(now)
    [[ $(sqlite3 "$work/s.db" "SELECT COUNT(*) FROM complaint") == "$ROWS" ]] || { echo "sqlite3 .import lost rows" >&2; exit 1; }
    times[sqlite_import]+="$(echo "$t1 - $t0" | bc) "
  done
}

run_pg() {
  local url="$AMR_TEST_PG_URL"
  for i in $(seq "$RUNS"); do
    psql -q "$url" -c "DROP DATABASE IF EXISTS bench" -c "CREATE DATABASE bench" >/dev/null
    local db="${url%/*}/bench"
    $AMR migrate --db "$db" >/dev/null
    psql -q "$db" -c "$unit_sql" >/dev/null
    $AMR import entities "$work/entities.csv" --db "$db" >/dev/null
    t0=$(now); $AMR import complaints "$work/complaints.csv" --db "$db" >/dev/null; t1=$(now)
    times[amr_pg]+="$(echo "$t1 - $t0" | bc) "
    psql -q "$db" -c "ANALYZE complaint" >/dev/null
    for j in 1 2 3; do times[spots_amr_pg]+="$(amr_spots "$db") "; done
    for j in 1 2 3; do
      t=$( (echo '\timing on'; echo "$spots_sql") | psql -q "$db" | awk '/^Time:/ {s += $2} END {print s / 1000}')
      times[spots_plain_pg]+="$t "
    done
    psql -q "$url" -c "DROP DATABASE bench" -c "CREATE DATABASE bench" >/dev/null
    $AMR migrate --db "$db" >/dev/null
    psql -q "$db" -c "$unit_sql" >/dev/null
    t0=$(now)
    psql -q "$db" >/dev/null <<SQL
BEGIN;
CREATE TEMP TABLE staging (channel text, external_ref text, kind text, received_on text,
  business_uscc text, business_name text, region_code text, consumer_phone text, summary text,
  problem_kind text, state text, decided_on text, outcome text, amount_recovered text,
  closed_on text);
\\copy staging FROM '$work/complaints.csv' WITH (FORMAT csv, HEADER true, FORCE_NOT_NULL (business_uscc, business_name))
$plain_insert
COMMIT;
SQL
    t1=$(now)
    [[ $(psql -tA "$db" -c "SELECT COUNT(*) FROM complaint") == "$ROWS" ]] || { echo "COPY lost rows" >&2; exit 1; }
    times[pg_copy]+="$(echo "$t1 - $t0" | bc) "
  done
}

run_sqlite
declare -p times >"$work/times"
ROWS="$ROWS" AMR="$AMR" RUNS="$RUNS" work="$work" unit_sql="$unit_sql" plain_insert="$plain_insert" \
  spots_sql="$spots_sql" scripts/with-postgres bash -c "
  source '$work/times'
  $(declare -f run_pg now amr_spots)
  run_pg
  declare -p times > '$work/times'"
source "$work/times"

stat() {
  local med mx
  med=$(echo "${times[$1]}" | tr ' ' '\n' | grep . | median)
  mx=$(echo "${times[$1]}" | tr ' ' '\n' | grep . | maxof)
  printf '%.3f | %.3f' "$med" "$mx"
}
ratio() {
  local a b
  a=$(echo "${times[$1]}" | tr ' ' '\n' | grep . | median)
  b=$(echo "${times[$2]}" | tr ' ' '\n' | grep . | median)
  printf '%.2f' "$(echo "$a / $b" | bc -l)"
}
echo
echo "### 12315 import and hot spots, $ROWS records, $RUNS runs ($(date -u +%Y-%m-%d), load average $(cut -d' ' -f1 /proc/loadavg))"
echo
echo "| what | median s | slowest s |"
echo "|---|---|---|"
echo "| \`amr import complaints\` → SQLite (validated, register, calendar) | $(stat amr_sqlite) |"
echo "| \`sqlite3 .import\` + INSERT … SELECT → SQLite (no validation) | $(stat sqlite_import) |"
echo "| \`amr import complaints\` → PostgreSQL 15 (validated, COPY) | $(stat amr_pg) |"
echo "| \`psql \\copy\` + INSERT … SELECT → PostgreSQL 15 (no validation) | $(stat pg_copy) |"
echo "| hot spots, platform → SQLite | $(stat spots_amr_sqlite) |"
echo "| hot spots, plain GROUP BY (sqlite3) | $(stat spots_plain_sqlite) |"
echo "| hot spots, platform → PostgreSQL | $(stat spots_amr_pg) |"
echo "| hot spots, plain GROUP BY (psql) | $(stat spots_plain_pg) |"
echo
echo "Ratios amr / plain (time): import SQLite $(ratio amr_sqlite sqlite_import), PostgreSQL $(ratio amr_pg pg_copy); hot spots SQLite $(ratio spots_amr_sqlite spots_plain_sqlite), PostgreSQL $(ratio spots_amr_pg spots_plain_pg)."
