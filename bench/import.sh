#!/usr/bin/env bash
# SPDX-License-Identifier: MulanPSL-2.0
# `amr import entities` against the engines' own bulk paths on the same file
# and the same schema: sqlite3's .import and PostgreSQL's COPY (psql \copy).
# Each is run RUNS times on a fresh store; the median and the slowest run are
# reported with the ratio of medians.
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
RUNS="${RUNS:-3}"
AMR=build/amr
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

$AMR gen entities --count "$ROWS" --seed 1 --out "$work/entities.csv" 2>/dev/null
# The engines' bulk paths need every NOT NULL column in the file.
stamp=$(date -u +%Y-%m-%dT%H:%M:%S+08:00)
awk -v s="$stamp" 'NR==1 {print $0 ",created_at,updated_at"; next} {print $0 "," s "," s}' \
  "$work/entities.csv" >"$work/entities_full.csv"
cols=$(head -1 "$work/entities_full.csv")

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
maxof() { sort -g | tail -1; }

declare -A times
run_sqlite() {
  for i in $(seq "$RUNS"); do
    rm -f "$work"/s.db*
    $AMR migrate --db "sqlite:$work/s.db" >/dev/null
    t0=$(now); $AMR import entities "$work/entities.csv" --db "sqlite:$work/s.db" >/dev/null; t1=$(now)
    times[amr_sqlite]+="$(echo "$t1 - $t0" | bc) "
    rm -f "$work"/s.db*
    $AMR migrate --db "sqlite:$work/s.db" >/dev/null
    t0=$(now)
    # .import writes '' for an empty field; the schema wants NULL for a missing
    # capital, so load a staging table and insert from it, as a DBA would.
    sqlite3 "$work/s.db" >/dev/null <<SQL
PRAGMA journal_mode=WAL;
PRAGMA synchronous=FULL;
PRAGMA cache_size=-1048576;
.mode csv
.import $work/entities_full.csv staging
BEGIN;
INSERT INTO entity ($cols) SELECT uscc, name, kind, org_form, family_farm, region_code,
  industry_code, legal_rep_id, legal_rep_name, NULLIF(registered_capital, ''), address,
  credit_class, status, established_on, created_at, updated_at FROM staging;
COMMIT;
SQL
    [[ $(sqlite3 "$work/s.db" "SELECT COUNT(*) FROM entity") == "$ROWS" ]] || { echo "sqlite3 .import lost rows" >&2; exit 1; }
    t1=$(now)
    times[sqlite_import]+="$(echo "$t1 - $t0" | bc) "
  done
}

run_pg() {
  local url="$AMR_TEST_PG_URL"
  for i in $(seq "$RUNS"); do
    psql -q "$url" -c "DROP DATABASE IF EXISTS bench" -c "CREATE DATABASE bench" >/dev/null
    local db="${url%/*}/bench"
    $AMR migrate --db "$db" >/dev/null
    t0=$(now); $AMR import entities "$work/entities.csv" --db "$db" >/dev/null; t1=$(now)
    times[amr_pg]+="$(echo "$t1 - $t0" | bc) "
    psql -q "$url" -c "DROP DATABASE bench" -c "CREATE DATABASE bench" >/dev/null
    $AMR migrate --db "$db" >/dev/null
    t0=$(now)
    psql -q "$db" -c "\\copy entity ($cols) FROM '$work/entities_full.csv' WITH (FORMAT csv, HEADER true, FORCE_NOT_NULL (org_form, legal_rep_id, legal_rep_name, address))"
    t1=$(now)
    [[ $(psql -tA "$db" -c "SELECT COUNT(*) FROM entity") == "$ROWS" ]] || { echo "COPY lost rows" >&2; exit 1; }
    times[pg_copy]+="$(echo "$t1 - $t0" | bc) "
  done
}

run_sqlite
export -f run_pg now
declare -p times >"$work/times"
ROWS="$ROWS" AMR="$AMR" RUNS="$RUNS" work="$work" cols="$cols" scripts/with-postgres bash -c "
  source '$work/times'
  $(declare -f run_pg now)
  run_pg
  declare -p times > '$work/times'"
source "$work/times"

row() {
  local name=$1 what=$2 med mx
  med=$(echo "${times[$name]}" | tr ' ' '\n' | grep . | median)
  mx=$(echo "${times[$name]}" | tr ' ' '\n' | grep . | maxof)
  printf '| %s | %.2f | %.2f | %.0f |\n' "$what" "$med" "$mx" "$(echo "$ROWS / $med" | bc -l)"
}
ratio() {
  local a b
  a=$(echo "${times[$1]}" | tr ' ' '\n' | grep . | median)
  b=$(echo "${times[$2]}" | tr ' ' '\n' | grep . | median)
  printf '%.2f' "$(echo "$a / $b" | bc -l)"
}
echo
echo "### Entity import, $ROWS rows, $RUNS runs each ($(date -u +%Y-%m-%d))"
echo
echo "| path | median s | slowest s | rows/s (median) |"
echo "|---|---|---|---|"
row amr_sqlite '`amr import entities` → SQLite (validated, one transaction)'
row sqlite_import '`sqlite3 .import` → SQLite (no validation)'
row amr_pg '`amr import entities` → PostgreSQL 15 (validated, COPY)'
row pg_copy '`psql \copy` → PostgreSQL 15 (no validation)'
echo
echo "Ratio amr / engine (time, lower is better): SQLite $(ratio amr_sqlite sqlite_import), PostgreSQL $(ratio amr_pg pg_copy)."
