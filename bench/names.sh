#!/usr/bin/env bash
# SPDX-License-Identifier: MulanPSL-2.0
# Name check: in-memory index vs PostgreSQL pg_trgm, same names, same queries;
# the index's memory, its snapshot written and read back (amr_name_bench).
#   bench/names.sh COUNT [QUERIES]     (needs build/ and scripts/with-postgres)
# AMR_BENCH_SNAPSHOT_DIR: where the snapshot file goes (about 200 bytes per
# name; default the temporary folder, which may be in memory: give a disk
# folder at tens of millions of names).
set -euo pipefail
cd "$(dirname "$0")/.."
count="${1:-1000000}"
queries="${2:-2000}"
ninja -C build amr_name_bench >/dev/null
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# First run: index only, and the rows for PostgreSQL.
snapdir="${AMR_BENCH_SNAPSHOT_DIR:-$work}"
build/bench/amr_name_bench "$count" "$queries" "rows:$work/name_bench_rows.tsv" --snapshot-dir "$snapdir" >/dev/null
scripts/with-postgres bash -c '
  set -euo pipefail
  db="namebench_$$"
  psql "$AMR_TEST_PG_URL" -qc "CREATE DATABASE $db TEMPLATE template0 ENCODING UTF8 LC_COLLATE \"C.UTF-8\" LC_CTYPE \"C.UTF-8\""
  url="${AMR_TEST_PG_URL%/*}/$db"
  psql "$url" -qc "CREATE EXTENSION pg_trgm; CREATE TABLE bench_name (city text, trade_name text, name text)"
  psql "$url" -qc "\\copy bench_name FROM '"$work"'/name_bench_rows.tsv"
  start=$(date +%s.%N)
  psql "$url" -qc "CREATE INDEX bench_name_trgm ON bench_name USING gin (trade_name gin_trgm_ops); CREATE INDEX bench_name_city ON bench_name (city); ANALYZE bench_name"
  echo "pg_trgm: rows $(psql "$url" -tAc "SELECT count(*) FROM bench_name"), GIN index build $(echo "$(date +%s.%N) - $start" | bc) s, size $(psql "$url" -tAc "SELECT pg_size_pretty(pg_total_relation_size('"'"'bench_name'"'"'))")"
  /usr/bin/time -f "max RSS %M KiB" build/bench/amr_name_bench '"$count"' '"$queries"' "$url" --snapshot-dir '"$snapdir"'
'
