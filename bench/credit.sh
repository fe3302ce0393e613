#!/usr/bin/env bash
# SPDX-License-Identifier: MulanPSL-2.0
# Credit at a large county's scale: ROWS entities (all existing by the end of
# 2025), about 86 % of them with a 2025 annual report (seeded by plain SQL),
# then on each engine, each on its own copy of the same store:
#   - the 1 July no-report batch: `amr credit abnormal-batch` against the plain
#     anti-join INSERT … SELECT a DBA would write (no audit, no change log);
#   - the risk classification: `amr credit classify` (every indicator, the
#     history row with its explanation, the class on the entity; in batches,
#     each its own write transaction) against one plain UPDATE computing the
#     same points from the same facts; then the month after, when few classes
#     change (the monthly run as it usually is).
# Reports wall time and the peak resident memory of `amr`, and for the
# classification the number of batches and the longest batch's write
# transaction (the longest time the SQLite write lock was held).
#   bench/run credit [ROWS]
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS="${1:-1000000}"
AMR=$PWD/build/amr
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

$AMR gen entities --count "$ROWS" --seed 11 --region 330106 --as-of 2025-12-31 \
  --out "$work/entities.csv" 2>/dev/null
unit_sql="INSERT INTO org_unit (code, name, kind, region_code) VALUES ('330106-amr', '西湖区市场监督管理局', 'county_bureau', '330106');"
plain_batch="WITH listed AS MATERIALIZED (SELECT uscc FROM abnormal_listing WHERE reason = 'no_annual_report' AND report_year = 2025)
INSERT INTO abnormal_listing (uscc, reason, report_year, listed_on, decision_no,
  authority_unit_id, state, created_at)
SELECT e.uscc, 'no_annual_report', 2025, '2026-07-01', 'x', (SELECT id FROM org_unit WHERE code = '330106-amr'),
  'listed', '2026-07-01T00:30:00+08:00' FROM entity e
WHERE e.status IN ('active', 'suspended') AND e.established_on <= '2025-12-31'
  AND NOT EXISTS (SELECT 1 FROM annual_report r WHERE r.uscc = e.uscc AND r.year = 2025)
  AND e.uscc NOT IN (SELECT uscc FROM listed);"
# The shipped indicators that these data can hit: report missing 20, late 8, listed 30.
plain_classify="UPDATE entity SET credit_class = CASE
    WHEN p.points <= 4 THEN 'A' WHEN p.points <= 19 THEN 'B' WHEN p.points <= 39 THEN 'C' ELSE 'D' END
  FROM (SELECT e.uscc,
          CASE WHEN r.uscc IS NULL THEN 20 WHEN r.late = 1 THEN 8 ELSE 0 END
          + CASE WHEN EXISTS (SELECT 1 FROM abnormal_listing l WHERE l.uscc = e.uscc AND l.state <> 'removed') THEN 30 ELSE 0 END AS points
        FROM entity e LEFT JOIN annual_report r ON r.uscc = e.uscc AND r.year = 2025 AND r.version = 1
        WHERE e.status IN ('active', 'suspended')) p
  WHERE entity.uscc = p.uscc;"

now() { date +%s.%N; }
declare -A out
# run NAME CMD… : wall seconds and peak RSS (MiB) of CMD; its output in
# $work/NAME.out.
run() {
  local name=$1; shift
  local t0 t1
  t0=$(now)
  /usr/bin/time -f '%M' -o "$work/rss" "$@" >"$work/$name.out"
  t1=$(now)
  out[$name]="$(echo "$t1 - $t0" | bc) $(( $(cat "$work/rss") / 1024 ))"
}

# SQLite
db=$work/s.db
$AMR migrate --db "sqlite:$db" >/dev/null
sqlite3 "$db" "$unit_sql"
$AMR import entities "$work/entities.csv" --db "sqlite:$db" >/dev/null
sqlite3 "$db" "INSERT INTO annual_report (uscc, year, version, entity_kind, content, withheld, channel, filed_on, late, filed_by, filed_at)
  SELECT uscc, 2025, 1, kind, '{}', '[]', 'online', '2026-05-01', CASE WHEN abs(random()) % 20 = 0 THEN 1 ELSE 0 END, 'bench', 'x'
  FROM entity WHERE abs(random()) % 100 < 86;"
cp "$db" "$work/plain.db"
run amr_batch_sqlite $AMR credit abnormal-batch --report-year 2025 --as-of 2026-07-01 --db "sqlite:$db" --json
run plain_batch_sqlite sqlite3 "$work/plain.db" "$plain_batch"
run amr_classify_sqlite $AMR credit classify --as-of 2026-07-02 --db "sqlite:$db"
run plain_classify_sqlite sqlite3 "$work/plain.db" "$plain_classify"
run amr_month_sqlite $AMR credit classify --as-of 2026-08-03 --db "sqlite:$db"
listed_sqlite=$(sqlite3 "$db" "SELECT COUNT(*) FROM abnormal_listing")
[[ "$listed_sqlite" == $(sqlite3 "$work/plain.db" "SELECT COUNT(*) FROM abnormal_listing") ]] \
  || { echo "the batch and the plain SQL listed different counts" >&2; exit 1; }
rm -f "$work"/*.db*

# PostgreSQL
declare -p out >"$work/out"
ROWS="$ROWS" AMR="$AMR" work="$work" unit_sql="$unit_sql" plain_batch="$plain_batch" \
  plain_classify="$plain_classify" scripts/with-postgres bash -c "
  source '$work/out'
  $(declare -f run now)
  url=\"\$AMR_TEST_PG_URL\"
  psql -q \"\$url\" -c 'CREATE DATABASE bench' >/dev/null
  db=\"\${url%/*}/bench\"
  \$AMR migrate --db \"\$db\" >/dev/null
  psql -q \"\$db\" -c \"\$unit_sql\" >/dev/null
  \$AMR import entities \"\$work/entities.csv\" --db \"\$db\" >/dev/null
  psql -q \"\$db\" -c \"INSERT INTO annual_report (uscc, year, version, entity_kind, content, withheld, channel, filed_on, late, filed_by, filed_at)
    SELECT uscc, 2025, 1, kind, '{}', '[]', 'online', '2026-05-01', CASE WHEN random() < 0.05 THEN 1 ELSE 0 END, 'bench', 'x'
    FROM entity WHERE random() < 0.86\" -c 'ANALYZE' >/dev/null
  psql -q \"\$url\" -c 'CREATE DATABASE plain TEMPLATE bench' >/dev/null
  plain=\"\${url%/*}/plain\"
  run amr_batch_pg \$AMR credit abnormal-batch --report-year 2025 --as-of 2026-07-01 --db \"\$db\" --json
  run plain_batch_pg psql -q \"\$plain\" -c \"\$plain_batch\"
  run amr_classify_pg \$AMR credit classify --as-of 2026-07-02 --db \"\$db\"
  run plain_classify_pg psql -q \"\$plain\" -c \"\$plain_classify\"
  run amr_month_pg \$AMR credit classify --as-of 2026-08-03 --db \"\$db\"
  declare -p out > '$work/out'"
source "$work/out"

cell() { read -r s m <<<"${out[$1]}"; printf '%.2f | %s' "$s" "$m"; }
# The batches and the longest batch's write of a classification, from its
# text ("…分 N 批，最长一批 M 毫秒").
batches() {
  sed -n 's/.*分 \([0-9]*\) 批，最长一批 \([0-9]*\) 毫秒.*/\1 | \2/p' "$work/$1.out"
}
ratio() {
  read -r a _ <<<"${out[$1]}"; read -r b _ <<<"${out[$2]}"
  printf '%.2f' "$(echo "$a / $b" | bc -l)"
}
echo
echo "### Credit batch and classification, $ROWS entities ($(date -u +%Y-%m-%d), load average $(cut -d' ' -f1 /proc/loadavg)); $listed_sqlite listed"
echo
echo "| what | seconds | peak RSS MiB | batches | longest batch ms | ratio to plain SQL |"
echo "|---|--:|--:|--:|--:|--:|"
for e in sqlite pg; do
  echo "| \`amr credit abnormal-batch\` ($e) | $(cell amr_batch_$e) | | | $(ratio amr_batch_$e plain_batch_$e) |"
  echo "| plain anti-join INSERT … SELECT ($e) | $(cell plain_batch_$e) | | | |"
  echo "| \`amr credit classify\` ($e) | $(cell amr_classify_$e) | $(batches amr_classify_$e) | $(ratio amr_classify_$e plain_classify_$e) |"
  echo "| plain UPDATE … FROM ($e) | $(cell plain_classify_$e) | | | |"
  echo "| \`amr credit classify\`, the month after ($e) | $(cell amr_month_$e) | $(batches amr_month_$e) | |"
done
