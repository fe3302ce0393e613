#!/usr/bin/env bash
# SPDX-License-Identifier: MulanPSL-2.0
# Public read latency while failed logins pour in (docs/security.md, "Login").
#
# Starts `amr serve --demo` on a fresh SQLite store with the real argon2id
# cost, measures GET /api/v1/codes/industries (a public read) REQUESTS times
# with no load, then again while ATTACKERS clients — each from its own
# loopback address (127.0.0.11, .12, …), so each stays within its own
# per-address limit — send failed logins as fast as they are answered for the
# length of the measurement. Prints a Markdown table of the read latency
# (p50, p95, max) and the login answers by status. Traffic stays on this
# machine's loopback addresses; every loop is bounded.
#   bench/login_load.sh [ATTACKERS] [REQUESTS]     (defaults 12, 300)
set -euo pipefail
cd "$(dirname "$0")/.."
attackers="${1:-12}"
requests="${2:-300}"
amr=build/amr
[[ -x $amr ]] || { echo "build first: make build" >&2; exit 1; }

work=$(mktemp -d)
port=$((20000 + RANDOM % 20000))
"$amr" serve --db "sqlite:$work/amr.db" --listen "127.0.0.1:$port" --demo --no-scheduler \
  >"$work/serve.log" 2>&1 &
server=$!
cleanup() {
  kill "$server" 2>/dev/null || true
  wait "$server" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
for _ in $(seq 1 200); do
  curl -s -o /dev/null "http://127.0.0.1:$port/healthz" && break
  sleep 0.1
done

# Prints "p50 p95 max" in milliseconds of REQUESTS public reads.
measure() {
  for _ in $(seq 1 "$requests"); do
    curl -s -o /dev/null -w '%{time_total}\n' "http://127.0.0.1:$port/api/v1/codes/industries"
  done | sort -n | awk '{ v[NR] = $1 * 1000 } END {
    printf "%.1f %.1f %.1f", v[int(NR * 0.5)], v[int(NR * 0.95)], v[NR] }'
}

attack() {  # $1: the attacker's number; runs until $work/stop exists
  local ip="127.0.0.$((10 + $1))" n=0
  while [[ ! -e $work/stop && $n -lt 100000 ]]; do
    curl -s -o /dev/null -w '%{http_code}\n' --interface "$ip" \
      -H 'Content-Type: application/json' \
      -d "{\"username\":\"probe-$1-$((n % 50))\",\"password\":\"Wrong-pass-$n-x\"}" \
      "http://127.0.0.1:$port/api/v1/auth/login" >>"$work/codes-$1" || true
    n=$((n + 1))
  done
}

read -r q50 q95 qmax <<<"$(measure)"
pids=()
for i in $(seq 1 "$attackers"); do
  attack "$i" &
  pids+=($!)
done
sleep 2  # let the bursts arrive
read -r a50 a95 amax <<<"$(measure)"
touch "$work/stop"
wait "${pids[@]}"
answers=$(cat "$work"/codes-* | sort | uniq -c | awk '{printf "%s×%s ", $1, $2}')

echo "| public read (GET /api/v1/codes/industries) | p50 ms | p95 ms | max ms |"
echo "|---|--:|--:|--:|"
echo "| quiet | $q50 | $q95 | $qmax |"
echo "| during failed logins from $attackers addresses | $a50 | $a95 | $amax |"
echo
echo "Login answers during the run: $answers"
