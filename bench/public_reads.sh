#!/usr/bin/env bash
# SPDX-License-Identifier: MulanPSL-2.0
# Public look-ups under wrk against nginx serving a static file of the same size, same run.
#
#   bench/public_reads.sh ENGINE [ENTITIES] [SECONDS]
#     ENGINE    sqlite | postgresql (postgresql: run under scripts/with-postgres)
#     ENTITIES  entities imported first (default 100000, `amr gen entities`, seed 1)
#     SECONDS   each wrk run (default 10)
#
# One `amr serve` on a fresh store (public limits raised to 1,000,000 per second and burst, so
# the limiter counts but never refuses; 128 connections per address) and Debian's nginx
# (worker_processes auto, its default access log and sendfile) serving two static files: a
# public profile (GET /api/v1/entities/{uscc}) and a name check answer
# (GET /api/v1/names/check), each byte for byte what amr answered. wrk: 2 threads,
# 64 connections, --latency. Paths:
#   nginx static profile       the same URL shape, one file
#   amr profile, one entity    the USCC of that file, every request
#   amr profile, random        1,000 USCCs of the store, a random one per request
#   nginx static name check    one file
#   amr name check, random     1,000 names: 500 registered ones at their own authority (each a
#                              conflict), 500 new ones at 330106
# Prints a Markdown table: requests/s, p50 and p99 latency, ratio to nginx's requests/s.
set -euo pipefail
cd "$(dirname "$0")/.."
engine="${1:?usage: bench/public_reads.sh sqlite|postgresql [ENTITIES] [SECONDS]}"
entities="${2:-100000}"
seconds="${3:-10}"
amr=build/amr
[[ -x $amr ]] || { echo "build first: make build" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing (scripts/bootstrap installs it)" >&2; exit 1; }
NGINX="$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)"
[[ -x $NGINX ]] || { echo "nginx is missing (scripts/bootstrap installs it)" >&2; exit 1; }

work=$(mktemp -d)
chmod 755 "$work"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
wait_http() {
  for _ in $(seq 1 600); do
    curl -s -o /dev/null "$1" && return 0
    sleep 0.1
  done
  echo "not answering: $1" >&2
  exit 1
}

case "$engine" in
  sqlite) db="sqlite:$work/amr.db" ;;
  postgresql)
    url="${AMR_TEST_PG_URL:?run under scripts/with-postgres}"
    psql -q "$url" -c "DROP DATABASE IF EXISTS publicreads" -c "CREATE DATABASE publicreads" >/dev/null
    db="${url%/*}/publicreads"
    ;;
  *) echo "ENGINE is sqlite or postgresql" >&2; exit 2 ;;
esac

"$amr" gen entities --count "$entities" --seed 1 --out "$work/entities.csv" >/dev/null
"$amr" import entities --db "$db" "$work/entities.csv" >/dev/null

port=$(free_port)
"$amr" serve --db "$db" --listen "127.0.0.1:$port" --no-scheduler \
  --public-rate 1000000 --public-burst 1000000 --max-connections-per-address 128 \
  >"$work/serve.log" 2>&1 &
pids+=($!)
base="http://127.0.0.1:$port"
wait_http "$base/healthz"

# 1,000 USCCs and names of the store (the CSV's first column is the USCC, the second the name).
python3 - "$work" <<'PY'
import csv, random, sys, urllib.parse
work = sys.argv[1]
rows = list(csv.reader(open(f"{work}/entities.csv", encoding="utf-8")))[1:]
random.seed(7)
pick = random.sample(rows, min(1000, len(rows)))
with open(f"{work}/profile.lua", "w") as f:
    f.write("paths = {" + ",".join(f'"/api/v1/entities/{r[0]}"' for r in pick) + "}\n")
    f.write("request = function() return wrk.format(nil, paths[math.random(#paths)]) end\n")
# Registered names at their own authority (conflicts), new ones at Hangzhou's Xihu district.
checks = [(r[1], r[5]) for r in pick[:500]] + [
    (f"杭州新{chr(0x4e00 + 97 * i % 20000)}{chr(0x4e00 + 31 * i % 20000)}科技有限公司", "330106")
    for i in range(500)]
with open(f"{work}/names.lua", "w") as f:
    f.write("paths = {" + ",".join(f'"/api/v1/names/check?authority={a}&name={urllib.parse.quote(n)}"' for n, a in checks) + "}\n")
    f.write("request = function() return wrk.format(nil, paths[math.random(#paths)]) end\n")
open(f"{work}/one_uscc", "w").write(pick[0][0])
open(f"{work}/one_check", "w").write(f"authority={checks[0][1]}&name={urllib.parse.quote(checks[0][0])}")
PY
one_uscc=$(cat "$work/one_uscc")
mkdir -p "$work/www/api/v1/entities" "$work/www/names"
curl -sf "$base/api/v1/entities/$one_uscc" >"$work/www/api/v1/entities/$one_uscc"
curl -sf "$base/api/v1/names/check?$(cat "$work/one_check")" \
  >"$work/www/names/check.json"
profile_bytes=$(wc -c <"$work/www/api/v1/entities/$one_uscc")
check_bytes=$(wc -c <"$work/www/names/check.json")

nport=$(free_port)
user_line=""
[[ $(id -u) -eq 0 ]] && user_line="user root;"
cat >"$work/nginx.conf" <<EOF
$user_line
worker_processes auto;
pid $work/nginx.pid;
events { worker_connections 1024; }
http {
    include /etc/nginx/mime.types;
    default_type application/json;
    sendfile on;
    access_log $work/access.log;
    client_body_temp_path $work/client_body;
    proxy_temp_path $work/proxy;
    fastcgi_temp_path $work/fastcgi;
    uwsgi_temp_path $work/uwsgi;
    scgi_temp_path $work/scgi;
    server {
        listen 127.0.0.1:$nport;
        root $work/www;
        location / { default_type application/json; }
    }
}
EOF
"$NGINX" -e "$work/nginx-error.log" -p "$work" -c "$work/nginx.conf" -g 'daemon off;' &
pids+=($!)
nbase="http://127.0.0.1:$nport"
wait_http "$nbase/names/check.json"

# Prints "requests/s p50_ms p99_ms" of one wrk run.
run_wrk() {
  wrk -t2 -c64 -d"${seconds}s" --latency "$@" 2>&1 | awk '
    function ms(v) { if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0; if (v ~ /s$/) return v * 1000; return v }
    /^ *50%/ { p50 = ms($2) } /^ *99%/ { p99 = ms($2) } /^Requests\/sec/ { rps = $2 }
    /Non-2xx/ { bad = $NF }
    END { printf "%s %.2f %.2f %s\n", rps, p50, p99, (bad == "" ? 0 : bad) }'
}
row() {  # label, result line, nginx requests/s
  read -r rps p50 p99 bad <<<"$2"
  printf '| %s | %.0f | %.2f | %.2f | %.2f× | %s |\n' "$1" "$rps" "$p50" "$p99" \
    "$(echo "$rps / $3" | bc -l)" "$bad"
}

load=$(cut -d' ' -f1-3 /proc/loadavg)
nginx_profile=$(run_wrk "$nbase/api/v1/entities/$one_uscc")
amr_one=$(run_wrk "$base/api/v1/entities/$one_uscc")
amr_random=$(run_wrk -s "$work/profile.lua" "$base")
nginx_check=$(run_wrk "$nbase/names/check.json")
amr_check=$(run_wrk -s "$work/names.lua" "$base")
n_profile=$(echo "$nginx_profile" | cut -d' ' -f1)
n_check=$(echo "$nginx_check" | cut -d' ' -f1)

echo "engine $engine, $entities entities, wrk -t2 -c64 -d${seconds}s; profile $profile_bytes bytes," \
  "name check $check_bytes bytes; load average before: $load"
echo
echo "| path | requests/s | p50 ms | p99 ms | × nginx | non-2xx |"
echo "|---|---|---|---|---|---|"
row "nginx, static profile file" "$nginx_profile" "$n_profile"
row "amr, profile of one entity" "$amr_one" "$n_profile"
row "amr, profile of a random entity (1,000)" "$amr_random" "$n_profile"
row "nginx, static name check file" "$nginx_check" "$n_check"
row "amr, name check of a random name (1,000)" "$amr_check" "$n_check"
