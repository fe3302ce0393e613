#!/usr/bin/env bash
# SPDX-License-Identifier: MulanPSL-2.0
# Beyond one database server, for real (docs/operations.md, "A read replica" and "A province:
# federation of county stores"), with PostgreSQL's own replication only:
#   - a primary and its streaming standby (pg_basebackup -R); `amr serve --read-db` on them:
#       the public look-up of a caller who is not logged in is answered by the standby — with the
#       standby's replay paused, an entity just registered is 404 to an anonymous caller and 200
#       to the logged-in applicant who registered it, and the replica's read counter grows;
#       the lag metric is a number, grows while replay is paused; a second instance with
#       --read-db-max-lag 1 sends those reads to the primary (fallback counter); replay resumed,
#       the standby has the entity; the standby stopped, the reads fall back to the primary;
#   - two county primaries publish (amr federation publish), an aggregate subscribes to both
#       (amr federation subscribe) and `amr serve --aggregate` finds an entity of each county in
#       the province-wide search, counts both in the figures, follows a later registration, never
#       receives an ID number, and refuses business routes.
#
#   tests/ops/replication_test.sh path/to/amr
#
# PostgreSQL 15 binaries: PG_BIN, /usr/lib/postgresql/15/bin or initdb on PATH. Without them the
# test is skipped (exit 77), or fails when AMR_REQUIRE_PG=1. Five clusters on free loopback ports
# in a temp dir (as user postgres when run as root), every one stopped and removed at exit.
set -uo pipefail
AMR="$(realpath "$1")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
source "$repo/tests/cli/testlib.sh"

now_ms() { date +%s%3N; }
started_ms=$(now_ms)
say() {
  local ms=$(($(now_ms) - started_ms))
  printf 'replication: %3d.%d s  %s\n' $((ms / 1000)) $((ms % 1000 / 100)) "$*"
}

PG_BIN="${PG_BIN:-}"
if [[ -z "$PG_BIN" ]]; then
  for dir in /usr/lib/postgresql/15/bin "$(dirname "$(command -v initdb 2>/dev/null || echo /x/x)")"; do
    if [[ -x "$dir/initdb" && -x "$dir/pg_basebackup" ]]; then PG_BIN=$dir; break; fi
  done
fi
if [[ -z "$PG_BIN" || ! -x "$PG_BIN/initdb" ]]; then
  if [[ "${AMR_REQUIRE_PG:-}" == 1 ]]; then
    echo "FAIL: AMR_REQUIRE_PG=1 but the PostgreSQL 15 binaries are not installed"
    exit 1
  fi
  echo "SKIP: the PostgreSQL 15 binaries are not installed (PG_BIN, postgresql-15)"
  exit 77
fi

as_pg() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

work=$(mktemp -d "${TMPDIR:-/tmp}/amr-replication.XXXXXX")
[[ $(id -u) -eq 0 ]] && chown postgres: "$work"
chmod 700 "$work"
clusters=()  # data directories of the clusters started
pids=()      # the amr instances
cleanup() {
  local pid dir
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  for dir in "${clusters[@]}"; do
    as_pg "$PG_BIN/pg_ctl" -D "$dir" -m immediate -w stop >/dev/null 2>&1
  done
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

show_logs() {
  local f
  for f in "$work"/*.log; do
    [[ -s "$f" ]] || continue
    echo "--- last lines of $(basename "$f")"
    tail -n 20 "$f"
  done
}
die() {
  echo "FAIL: $*"
  show_logs
  exit 1
}

# --- clusters -------------------------------------------------------------------------------------
# One initdb, copied for each primary (a standby comes from pg_basebackup).
as_pg "$PG_BIN/initdb" -D "$work/template" -A trust -U postgres -E UTF8 --locale=C \
  >"$work/initdb.log" 2>&1 || die "initdb failed: $(cat "$work/initdb.log")"

# start_cluster NAME [SETTINGS...]: starts $work/NAME in the background; wait_cluster NAME then
# sets port_NAME.
starting=()
start_cluster() {
  local name=$1 dir="$work/$1"
  shift
  local settings="$*"
  clusters+=("$dir")
  (
    for _ in 1 2 3 4 5; do
      port=$(free_port)
      if as_pg "$PG_BIN/pg_ctl" -D "$dir" -l "$work/pg-$name.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $port -k $work -c fsync=off \
            -c synchronous_commit=off -c full_page_writes=off $settings" >/dev/null; then
        echo "$port" >"$work/$name.port"
        exit 0
      fi
    done
    exit 1
  ) &
  printf -v "starting_$name" '%s' "$!"
}
wait_cluster() {  # wait_cluster NAME
  local pid_var="starting_$1"
  wait "${!pid_var}" || die "cluster $1 did not start"
  printf -v "port_$1" '%s' "$(cat "$work/$1.port")"
}
until_equal() {  # until_equal EXPECTED CMD...: runs CMD until it prints EXPECTED (at most 30 s)
  local expected=$1
  shift
  for _ in $(seq 300); do
    [[ "$("$@")" == "$expected" ]] && return 0
    sleep 0.1
  done
  return 1
}
url() { echo "postgresql://postgres@127.0.0.1:$1/postgres"; }  # url PORT
psql_at() {  # psql_at PORT SQL: one value
  local port=$1
  shift
  psql -tA -q -v ON_ERROR_STOP=1 "$(url "$port")" -c "$*"
}

port_primary="" port_standby="" port_county1="" port_county2="" port_aggregate=""
for name in primary county1 county2 aggregate; do
  as_pg cp -a "$work/template" "$work/$name"
done
start_cluster primary
start_cluster county1 -c wal_level=logical
start_cluster county2 -c wal_level=logical
start_cluster aggregate
wait_cluster primary
as_pg "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$port_primary" -U postgres -D "$work/standby" \
  -R -X stream >"$work/basebackup.log" 2>&1 || die "pg_basebackup failed: $(cat "$work/basebackup.log")"
start_cluster standby
wait_cluster standby
check "the standby is in recovery" t "$(psql_at "$port_standby" "SELECT pg_is_in_recovery()")"
until_streaming() {
  psql_at "$port_primary" "SELECT COUNT(*) FROM pg_stat_replication WHERE state = 'streaming'"
}
for name in county1 county2 aggregate; do wait_cluster "$name"; done
check "the primary streams to it" yes "$(until_equal 1 until_streaming && echo yes || echo no)"
say "clusters: primary $port_primary, standby $port_standby, counties $port_county1" \
  "and $port_county2, aggregate $port_aggregate"

# --- amr serve with a read replica ----------------------------------------------------------------
admin_password='Replica-root-pass-2026'
demo_password='Xihu-Demo-2026'
start_amr() {  # start_amr NAME ARGS...: sets AMR_NAME (the base URL)
  local name=$1 log="$work/amr-$1.log" port pid
  shift
  AMR_ADMIN_PASSWORD="$admin_password" "$AMR" serve --listen 127.0.0.1:0 --no-scheduler "$@" \
    >"$log" 2>&1 &
  pid=$!
  pids+=("$pid")
  port=$(serve_port "$log" "$pid")
  [[ -n "$port" ]] || die "amr $name did not start"
  for _ in $(seq 300); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz") == 200 ]] && break
    sleep 0.1
  done
  printf -v "AMR_$name" '%s' "http://127.0.0.1:$port"
}
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }
metric() {  # metric BASE NAME: its value (empty when absent)
  curl -s "$1/metrics" | awk -v n="$2" '$1 == n { print $2 }'
}
login() {  # login BASE USER PASSWORD: the token
  curl -s -X POST "$1/api/v1/auth/login" -d "{\"username\":\"$2\",\"password\":\"$3\"}" |
    jq -r '.token // empty'
}
is_number() { [[ "$1" =~ ^[0-9]+(\.[0-9]+)?(e[-+]?[0-9]+)?$ ]] && echo yes || echo no; }

AMR_a="" AMR_b="" AMR_g=""
check "--read-db beside SQLite is refused" 1 \
  "$(rc "$AMR" serve --db "sqlite:$work/refused.db" --read-db "$(url "$port_standby")")"
"$AMR" serve --db "sqlite:$work/refused.db" --read-db "$(url "$port_standby")" 2>"$work/refused.txt"
check "… saying why, naming the option" yes \
  "$(grep -q 'read-db.*SQLite' "$work/refused.txt" && echo yes || echo no)"

start_amr a --demo --db "$(url "$port_primary")" --read-db "$(url "$port_standby")"
A=$AMR_a
say "amr a on the primary with --read-db (demo county seeded)"
demo_uscc=$(psql_at "$port_primary" "SELECT uscc FROM entity ORDER BY uscc LIMIT 1")
until_equal 1 metric "$A" amr_read_replica_in_use || die "the replica is never in use"
reads_before=$(metric "$A" amr_read_replica_reads_total)
until_equal 200 code "$A/api/v1/entities/$demo_uscc" ||
  die "the standby never has the demo entity $demo_uscc"
reads_after=$(metric "$A" amr_read_replica_reads_total)
check "an anonymous look-up is read from the replica" yes \
  "$( ((reads_after > reads_before)) && echo yes || echo no)"
lag=$(metric "$A" amr_read_replica_lag_seconds)
check "amr_read_replica_lag_seconds is a number ($lag)" yes "$(is_number "$lag")"
check "amr_read_replica_up" 1 "$(metric "$A" amr_read_replica_up)"
check "amr_read_replica_fallbacks_total exists" yes "$(is_number "$(metric "$A" amr_read_replica_fallbacks_total)")"

# A second instance whose bound is one second.
start_amr b --db "$(url "$port_primary")" --read-db "$(url "$port_standby")" --read-db-max-lag 1
B=$AMR_b

# Replay paused on the standby: what the primary gets now, the standby does not have.
psql_at "$port_standby" "SELECT pg_wal_replay_pause()" >/dev/null
until_equal paused psql_at "$port_standby" "SELECT pg_get_wal_replay_pause_state()" ||
  die "the standby's replay does not pause"
shopkeeper=$(login "$A" demo-applicant-02 "$demo_password")
[[ -n "$shopkeeper" ]] || die "demo-applicant-02 cannot log in"
shop_form=$(jq -nc '{kind: "个体工商户", name: "西湖区翎岫百货店",
  legal_rep: {name: "王五", citizen_id: "330106198507220122"},
  address: "浙江省杭州市西湖区古荡新村 12 幢 1 号", address_commitment: true,
  scope: ["G01", "G03"], region_code: "330106", industry_code: "52",
  materials: ["application_form", "legal_rep_id", "address_commitment"],
  options: {tax: {invoice_kinds: ["全面数字化的电子发票"], tax_ukey: false},
            bank_account: {bank: "中国建设银行", branch: "古荡支行"}}}')
shop=$(curl -s -X POST -H "Authorization: Bearer $shopkeeper" -H 'Idempotency-Key: shop-1' \
  "$A/api/v1/establishments" -d "$shop_form")
check "a shop registered (秒批) on the primary" registered "$(jq -r .state <<<"$shop")"
shop_uscc=$(jq -r '.uscc // empty' <<<"$shop")
[[ -n "$shop_uscc" ]] || die "the registration gave no USCC: $shop"
check "the logged-in applicant reads the entity just registered (the primary)" 200 \
  "$(code -H "Authorization: Bearer $shopkeeper" "$A/api/v1/entities/$shop_uscc")"
check "the replica is still in use on a" 1 "$(metric "$A" amr_read_replica_in_use)"
reads_before=$(metric "$A" amr_read_replica_reads_total)
fallbacks_before=$(metric "$A" amr_read_replica_fallbacks_total)
check "an anonymous caller does not see it yet: the replica answered" 404 \
  "$(code "$A/api/v1/entities/$shop_uscc")"
check "… counted as a replica read, not a fallback" "yes $fallbacks_before" \
  "$( (($(metric "$A" amr_read_replica_reads_total) > reads_before)) && echo yes || echo no) $(
    metric "$A" amr_read_replica_fallbacks_total)"
lag_positive() { awk '{ print ($1 > 0 ? "yes" : "no") }' <<<"$(metric "$A" amr_read_replica_lag_seconds)"; }
check "the lag grows while replay is paused" yes \
  "$(until_equal yes lag_positive && echo yes || echo no)"
# b's bound (1 s) is passed: its anonymous reads go to the primary.
until_equal 0 metric "$B" amr_read_replica_in_use || die "b keeps the lagging replica in use"
check "beyond --read-db-max-lag an anonymous caller reads the primary" 200 \
  "$(code "$B/api/v1/entities/$shop_uscc")"
check "… counted as a fallback" yes \
  "$( (($(metric "$B" amr_read_replica_fallbacks_total) > 0)) && echo yes || echo no)"
say "replay paused: anonymous 404 on a (replica), 200 on b (lag beyond 1 s: primary)"

psql_at "$port_standby" "SELECT pg_wal_replay_resume()" >/dev/null
check "replay resumed, the replica has the entity" yes \
  "$(until_equal 200 code "$A/api/v1/entities/$shop_uscc" && echo yes || echo no)"
check "b uses the replica again once it caught up" yes \
  "$(until_equal 1 metric "$B" amr_read_replica_in_use && echo yes || echo no)"
check "the public search finds it" 1 \
  "$(curl -s "$A/api/v1/entities?q=$(jq -rn '"翎岫" | @uri')" | jq -r .total)"

# The standby stops: reads fall back to the primary.
as_pg "$PG_BIN/pg_ctl" -D "$work/standby" -m fast -w stop >/dev/null 2>&1
until_equal 0 metric "$A" amr_read_replica_up || die "a never sees the standby gone"
fallbacks_before=$(metric "$A" amr_read_replica_fallbacks_total)
check "the standby stopped: anonymous look-ups still answered (by the primary)" 200 \
  "$(code "$A/api/v1/entities/$shop_uscc")"
check "… counted as a fallback" yes \
  "$( (($(metric "$A" amr_read_replica_fallbacks_total) > fallbacks_before)) && echo yes || echo no)"
say "standby stopped: a answers from the primary"

# --- federation: two counties, one aggregate ------------------------------------------------------
c1=$(url "$port_county1")
c2=$(url "$port_county2")
g=$(url "$port_aggregate")
for county in "$c1" "$c2"; do
  "$AMR" migrate --db "$county" >/dev/null || die "amr migrate $county failed"
done
"$AMR" gen entities --count 1 --seed 11 --region 330106 --out "$work/xihu.csv" >/dev/null
"$AMR" gen entities --count 2 --seed 12 --region 330108 --out "$work/binjiang.csv" >/dev/null
xihu_uscc=$(sed -n 2p "$work/xihu.csv" | cut -d, -f1)
binjiang_uscc=$(sed -n 2p "$work/binjiang.csv" | cut -d, -f1)
later_uscc=$(sed -n 3p "$work/binjiang.csv" | cut -d, -f1)
head -2 "$work/binjiang.csv" >"$work/binjiang-1.csv"
(head -1 "$work/binjiang.csv" && sed -n 3p "$work/binjiang.csv") >"$work/binjiang-2.csv"
check "an entity in county 1" 0 "$(rc "$AMR" import entities "$work/xihu.csv" --db "$c1")"
check "an entity in county 2" 0 "$(rc "$AMR" import entities "$work/binjiang-1.csv" --db "$c2")"
check "publish refused without wal_level=logical" 1 \
  "$(rc "$AMR" federation publish --db "$(url "$port_primary")")"
check "county 1 publishes" 0 "$(rc "$AMR" federation publish --db "$c1")"
check "county 2 publishes" 0 "$(rc "$AMR" federation publish --db "$c2")"
check "publishing again is harmless" 0 "$(rc "$AMR" federation publish --db "$c2")"
check "the aggregate subscribes to county 1" 0 "$(rc "$AMR" federation subscribe --db "$g" \
  --name xihu --from "host=127.0.0.1 port=$port_county1 dbname=postgres user=postgres")"
check "the aggregate subscribes to county 2" 0 "$(rc "$AMR" federation subscribe --db "$g" \
  --name binjiang --from "host=127.0.0.1 port=$port_county2 dbname=postgres user=postgres")"
check "a subscription name twice is refused" 1 "$(rc "$AMR" federation subscribe --db "$g" \
  --name xihu --from "host=127.0.0.1 port=$port_county1 dbname=postgres user=postgres")"
start_amr g --aggregate --db "$g"
G=$AMR_g
province_total() { curl -s "$G/api/v1/entities?region_code=33" | jq -r .total; }
check "the province-wide search finds both counties' entities" yes \
  "$(until_equal 2 province_total && echo yes || echo no)"
check "county 1's entity on the aggregate" 200 "$(code "$G/api/v1/entities/$xihu_uscc")"
check "county 2's entity on the aggregate" 200 "$(code "$G/api/v1/entities/$binjiang_uscc")"
check "no ID number reaches the aggregate" 0 \
  "$(psql_at "$port_aggregate" "SELECT COUNT(*) FROM entity WHERE legal_rep_id <> ''")"
say "aggregate: both counties' entities in the province-wide search"

# The province's figures, for a leader of the aggregate's own.
root_unit=$(psql_at "$port_aggregate" "SELECT code FROM org_unit WHERE parent_id IS NULL")
printf 'Qiantang-Tide-2026\n' | "$AMR" users create --db "$g" --username province-leader \
  --display-name 省局领导 --org-unit "$root_unit" --role leader --password-stdin \
  >"$work/users.txt" 2>&1 || die "cannot create the province's leader: $(cat "$work/users.txt")"
leader=$(login "$G" province-leader Qiantang-Tide-2026)
curl -s -o /dev/null -X POST -H "Authorization: Bearer $leader" "$G/api/v1/auth/password" \
  -d '{"current_password":"Qiantang-Tide-2026","new_password":"Qiantang-Wave-2027"}'
leader=$(login "$G" province-leader Qiantang-Wave-2027)
[[ -n "$leader" ]] || die "the province's leader cannot log in"
figures() { curl -s -H "Authorization: Bearer $leader" "$G/api/v1/entities/stats?region_code=33"; }
check "the province's figures count both counties" 2 "$(figures | jq -r .total)"
# A registration in a county after the subscription follows.
check "a later entity in county 2" 0 "$(rc "$AMR" import entities "$work/binjiang-2.csv" --db "$c2")"
check "… reaches the aggregate" yes "$(until_equal 200 code "$G/api/v1/entities/$later_uscc" &&
  echo yes || echo no)"
check "… and its figures" 3 "$(figures | jq -r .total)"
refusal=$(curl -s -w '\n%{http_code}' -X POST -H "Authorization: Bearer $leader" \
  -H 'Idempotency-Key: agg-1' "$G/api/v1/establishments" -d "$shop_form")
check "the aggregate refuses business routes" "422 failed_precondition" \
  "$(tail -1 <<<"$refusal") $(head -n -1 <<<"$refusal" | jq -r .error.code)"
check "… saying it is the province's aggregate" yes \
  "$(head -n -1 <<<"$refusal" | jq -r .error.message | grep -q 汇总库 && echo yes || echo no)"
check "amr federation status lists both subscriptions" 2 \
  "$("$AMR" federation status --db "$g" | grep -c '正在同步')"

[[ $failed -eq 0 ]] || show_logs
say "$passed passed, $failed failed"
[[ $failed -eq 0 ]]
