#!/usr/bin/env bash
# SPDX-License-Identifier: MulanPSL-2.0
# The verifiable draw against the plain database way, same data, same run.
#   bench/draw.sh [ENTITIES] [RUNS]     (default 12,000,000 entities, 9 runs)
# Needs PostgreSQL: run under scripts/with-postgres (bench/run draw does).
#
# Data: ENTITIES synthetic entities in PostgreSQL (USCC-shaped keys in a
# scrambled order, credit class A 50 % / B 35 % / C 10 % / D 5 %, one in six
# deregistered); the filter "not deregistered" leaves 5/6 of them (10,000,000
# of 12,000,000). 300 officers. Draw 5 % of each class, 2 officers per visit.
#   ours:  the filtered pool is published once (SELECT … ORDER BY uscc, then
#          CheckedPool::Check in draw_bench: the pool check, SHA-256 and the
#          strata, reported apart), then each run: seed, stratified sampling,
#          the visit list, AssignOfficers (build/bench/draw_bench).
#   plain: per class `ORDER BY random() LIMIT k` on the same filter, then a join
#          to the officers (two per row, round robin by row number: no
#          constraints, no balance beyond that, no verifiability), counted.
#   bernoulli: the plain way on a Bernoulli oversample: per class the same
#          filter `AND random() < 1.2 × ratio`, then `ORDER BY random() LIMIT k`
#          and the same join. Plain and Bernoulli alternate, run by run.
set -euo pipefail
cd "$(dirname "$0")/.."
ENTITIES="${1:-12000000}"
RUNS="${RUNS:-${2:-9}}"
RATIO=0.05  # per class, as draw_bench draws
BENCH=build/bench/draw_bench
ninja -C build draw_bench >/dev/null
url="${AMR_TEST_PG_URL:?run under scripts/with-postgres}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
now() { date +%s.%N; }

psql -q "$url" -c "DROP DATABASE IF EXISTS drawbench" -c "CREATE DATABASE drawbench" >/dev/null
db="${url%/*}/drawbench"
psql -q -v ON_ERROR_STOP=1 "$db" >/dev/null <<SQL
CREATE TABLE bench_entity (
  id bigint PRIMARY KEY,
  uscc text NOT NULL UNIQUE,
  credit_class char(1) NOT NULL,
  status text NOT NULL);
-- 7919 is invertible modulo the prime 1000000000039, so keys are distinct.
INSERT INTO bench_entity
SELECT i, '91330' || lpad(((i * 7919) % 1000000000039)::text, 12, '0') || 'X',
       CASE WHEN (i * 31) % 100 < 50 THEN 'A' WHEN (i * 31) % 100 < 85 THEN 'B'
            WHEN (i * 31) % 100 < 95 THEN 'C' ELSE 'D' END,
       CASE WHEN i % 6 = 0 THEN '注销' ELSE '存续' END
FROM generate_series(1::bigint, $ENTITIES) AS i;
CREATE INDEX bench_entity_class ON bench_entity (status, credit_class);
CREATE TABLE bench_officer (id bigint PRIMARY KEY, slot int NOT NULL UNIQUE);
INSERT INTO bench_officer SELECT 1000 + s, s FROM generate_series(0, 299) AS s;
VACUUM ANALYZE;
SQL

# Publishing the pool: the filtered entities in key order, out of the store.
t0=$(now)
psql -q "$db" -c "\\copy (SELECT uscc, credit_class FROM bench_entity WHERE status = '存续' ORDER BY uscc) TO '$work/pool.csv' WITH (FORMAT csv)"
t1=$(now)
export_s=$(printf "%.3f" "$(echo "$t1 - $t0" | bc)")
pool_size=$(wc -l <"$work/pool.csv")

# Ours.
/usr/bin/time -v "$BENCH" "$work/pool.csv" "$RUNS" 2 300 >"$work/ours.txt" 2>"$work/ours.time"

# The plain way, with the same counts per class (5 % of each stratum, rounded).
counts=$(psql -tA -F' ' "$db" -c "SELECT credit_class, round(count(*) * $RATIO) FROM bench_entity
  WHERE status = '存续' GROUP BY 1 ORDER BY 1")
stratum_sql=""
while read -r cls k; do
  [[ -n "$stratum_sql" ]] && stratum_sql+=" UNION ALL "
  stratum_sql+="(SELECT uscc FROM bench_entity WHERE status = '存续' AND credit_class = '$cls' ORDER BY random() LIMIT $k)"
done <<<"$counts"
bernoulli_sql=""
while read -r cls k; do
  [[ -n "$bernoulli_sql" ]] && bernoulli_sql+=" UNION ALL "
  bernoulli_sql+="(SELECT uscc FROM bench_entity WHERE status = '存续' AND credit_class = '$cls'"
  bernoulli_sql+=" AND random() < 1.2 * $RATIO ORDER BY random() LIMIT $k)"
done <<<"$counts"
with_officers() {  # the selection $1 joined to two officers per row, counted
  echo "SET work_mem = '256MB';
SELECT count(*) FROM (
  WITH sel AS ($1),
  numbered AS (SELECT uscc, row_number() OVER () - 1 AS rn FROM sel)
  SELECT n.uscc, o1.id AS first_officer, o2.id AS second_officer FROM numbered n
  JOIN bench_officer o1 ON o1.slot = n.rn % 300
  JOIN bench_officer o2 ON o2.slot = (n.rn + 1) % 300) AS drawn;"
}
plain_sql=$(with_officers "$stratum_sql")
bernoulli_sql=$(with_officers "$bernoulli_sql")
plain=""
bernoulli=""
for i in $(seq "$RUNS"); do
  t0=$(now)
  rows=$(psql -tA "$db" -c "$plain_sql" | tail -1)
  t1=$(now)
  bernoulli_rows=$(psql -tA "$db" -c "$bernoulli_sql" | tail -1)
  t2=$(now)
  plain+="$(echo "$t1 - $t0" | bc) "
  bernoulli+="$(echo "$t2 - $t1" | bc) "
done
psql -q "$url" -c "DROP DATABASE drawbench" >/dev/null

stats() {  # median and nearest-rank p99 of the numbers on stdin
  sort -g | awk '{a[NR]=$1} END {m = (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2);
    r = int(0.99 * NR + 0.999999); if (r < 1) r = 1; printf "%.3f %.3f", m, a[r]}'
}
field() { grep "^$1_median_p99 " "$work/ours.txt" | cut -d' ' -f2-; }
once() { grep "^$1 " "$work/ours.txt" | cut -d' ' -f2; }
read -r ours_med ours_p99 <<<"$(field total)"
read -r ours_cpu_med ours_cpu_p99 <<<"$(field total_cpu)"
read -r samp_med samp_p99 <<<"$(field sample)"
read -r samp_cpu_med samp_cpu_p99 <<<"$(field sample_cpu)"
read -r visits_med visits_p99 <<<"$(field visits)"
read -r visits_cpu_med visits_cpu_p99 <<<"$(field visits_cpu)"
read -r assign_med assign_p99 <<<"$(field assign)"
read -r assign_cpu_med assign_cpu_p99 <<<"$(field assign_cpu)"
read -r plain_med plain_p99 <<<"$(echo "$plain" | tr ' ' '\n' | grep . | stats)"
read -r bern_med bern_p99 <<<"$(echo "$bernoulli" | tr ' ' '\n' | grep . | stats)"
peak_kib=$(grep 'Maximum resident' "$work/ours.time" | awk '{print $NF}')

echo
echo "### Verifiable draw, pool $pool_size of $ENTITIES entities, $RUNS runs ($(date -u +%Y-%m-%d), load average $(cut -d' ' -f1-3 /proc/loadavg))"
echo
grep -E '^(selected|pool|result_digest) ' "$work/ours.txt" | sed 's/^/    /'
echo
echo "| path | median s | p99 s |"
echo "|---|---|---|"
echo "| ours: draw + assignment, per run (wall) | $ours_med | $ours_p99 |"
echo "| ours: draw + assignment, per run (CPU) | $ours_cpu_med | $ours_cpu_p99 |"
echo "| ours: of which seed + stratified sampling (wall / CPU) | $samp_med / $samp_cpu_med | $samp_p99 / $samp_cpu_p99 |"
echo "| ours: of which the visit list (wall / CPU) | $visits_med / $visits_cpu_med | $visits_p99 / $visits_cpu_p99 |"
echo "| ours: of which AssignOfficers (wall / CPU) | $assign_med / $assign_cpu_med | $assign_p99 / $assign_cpu_p99 |"
echo "| plain: PostgreSQL ORDER BY random() LIMIT k per class + join to officers ($rows rows) | $plain_med | $plain_p99 |"
echo "| bernoulli: random() < 1.2 × $RATIO, then ORDER BY random() LIMIT k per class + join ($bernoulli_rows rows) | $bern_med | $bern_p99 |"
echo
echo "Once per task, not in the per-run figures (wall / CPU seconds):"
echo
echo "| step | wall s | CPU s |"
echo "|---|---|---|"
echo "| export the filtered pool from PostgreSQL in key order (\\copy) | $export_s | – |"
echo "| pool check (CheckPool) | $(once pool_check) | $(once pool_check_cpu) |"
echo "| pool hash (SHA-256 of the canonical text) | $(once pool_hash) | $(once pool_hash_cpu) |"
echo "| publish = CheckedPool::Check (check + hash + strata) | $(once publish) | $(once publish_cpu) |"
echo
echo "Ratio plain / ours (median wall time): $(echo "scale=1; $plain_med / $ours_med" | bc -l)×."
echo "Ratio bernoulli / ours (median wall time): $(echo "scale=1; $bern_med / $ours_med" | bc -l)×."
echo "Peak resident memory of draw_bench: $((peak_kib / 1024)) MiB (the $pool_size-entry pool as std::vector<PoolEntry> included;"
echo "$(grep '^peak_rss_mib' "$work/ours.txt" | awk '{print "after loading the pool " $4 " MiB, the draws added " $6 " MiB"}'))."
