#!/usr/bin/env bash
# SPDX-License-Identifier: MulanPSL-2.0
# A city deployment, for real: two `amr serve` on one PostgreSQL behind Debian's nginx, configured
# with the nginx block of docs/operations.md ("A city deployment") — only its addresses, ports and
# certificate paths replaced by loopback ones and a throwaway certificate — and driven through nginx
# and directly:
#   - nginx keeps each client address on one instance and spreads addresses over both;
#   - a name reserved, or an entity registered, on one instance is a conflict on the other (the
#     delay is measured and printed); two concurrent reservations of one name on both: one wins;
#   - a token issued by one instance works on the other; logout ends it on both;
#   - an account's lockout counts failures made on either instance;
#   - outbox deliveries and due timers are handled once while both instances run;
#   - the client address comes from X-Forwarded-For only through the trusted proxy (nginx);
#   - every metric the section names exists; the name indexes agree; the audit chain verifies;
#   - an instance stopped, nginx sends its clients to the other.
#
#   tests/ops/multi_instance_test.sh path/to/amr
#
# PostgreSQL: the cluster of AMR_TEST_PG_URL (make test), else a throwaway one (scripts/with-postgres).
# nginx: /usr/sbin/nginx (Debian package nginx, scripts/bootstrap). Without it the test is skipped
# (exit 77), or fails when AMR_REQUIRE_NGINX=1 (make test sets it). Everything runs as the current
# user on loopback ports, in a temp dir removed at exit.
set -uo pipefail
AMR="$(realpath "$1")"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
source "$repo/tests/cli/testlib.sh"

now_ms() { date +%s%3N; }
started_ms=$(now_ms)
say() {  # say TEXT...: a line of the report, after the seconds since the start
  local ms=$(($(now_ms) - started_ms))
  printf 'multi: %3d.%d s  %s\n' $((ms / 1000)) $((ms % 1000 / 100)) "$*"
}

NGINX="${NGINX:-}"
if [[ -z "$NGINX" ]]; then
  NGINX="$(command -v nginx 2>/dev/null || true)"
  [[ -z "$NGINX" && -x /usr/sbin/nginx ]] && NGINX=/usr/sbin/nginx
fi
if [[ -z "$NGINX" || ! -x "$NGINX" ]]; then
  if [[ "${AMR_REQUIRE_NGINX:-}" == 1 ]]; then
    echo "FAIL: AMR_REQUIRE_NGINX=1 but nginx is not installed" \
      "(scripts/bootstrap installs the Debian package nginx)"
    exit 1
  fi
  echo "SKIP: nginx is not installed" \
    "(scripts/bootstrap installs it; AMR_REQUIRE_NGINX=1 makes this a failure)"
  exit 77
fi
if [[ -z "${AMR_TEST_PG_URL:-}" ]]; then
  if [[ -z "${AMR_MULTI_PG_STARTED:-}" ]] &&
    { [[ -n "${PG_BIN:-}" ]] || [[ -x /usr/lib/postgresql/15/bin/initdb ]] || command -v initdb >/dev/null; }; then
    export AMR_MULTI_PG_STARTED=1
    exec "$repo/scripts/with-postgres" "$0" "$@"
  fi
  if [[ "${AMR_REQUIRE_PG:-}" == 1 ]]; then
    echo "FAIL: AMR_REQUIRE_PG=1 but PostgreSQL is not available (AMR_TEST_PG_URL unset, no PostgreSQL 15)"
    exit 1
  fi
  echo "SKIP: PostgreSQL 15 is not available (AMR_TEST_PG_URL unset)"
  exit 77
fi

work=$(mktemp -d)
db="amr_multi_$$"
pg_url="${AMR_TEST_PG_URL%/*}/$db"
pids=()  # every process started here: the amr instances, nginx's master, the receiver
cleanup() {
  local pid
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null; done
  for pid in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
  done
  psql -q "$AMR_TEST_PG_URL" -c "DROP DATABASE IF EXISTS $db" >/dev/null 2>&1
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# The logs of a failed start or check, to read in ctest's output.
show_logs() {
  local f
  for f in "$work"/a.log "$work"/b.log "$work"/nginx/error.log; do
    [[ -s "$f" ]] || continue
    echo "--- last lines of $(basename "$f")"
    tail -n 25 "$f"
  done
}
die() {
  echo "FAIL: $*"
  show_logs
  exit 1
}
sql() { psql -tA -q -v ON_ERROR_STOP=1 "$pg_url" -c "$1"; }

psql -q "$AMR_TEST_PG_URL" -c "CREATE DATABASE $db" || die "cannot create database $db"

# --- the receiver of outbox webhooks -------------------------------------------------------------
# Checks each request's signature (docs/outbox.md), records "event-id delivery-id verdict" and
# answers 200.
hook_secret="multi-instance-hook-secret"
cat >"$work/receiver.py" <<'EOF'
import hashlib, hmac, http.server, sys
secret, out = sys.argv[1].encode(), open(sys.argv[2], "a", buffering=1)
class Hook(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        signed = self.headers.get("X-AMR-Timestamp", "").encode() + b"." + body
        expected = "v1=" + hmac.new(secret, signed, hashlib.sha256).hexdigest()
        ok = hmac.compare_digest(expected, self.headers.get("X-AMR-Signature", ""))
        out.write("%s %s %s\n" % (self.headers.get("X-AMR-Event-Id"),
                                  self.headers.get("X-AMR-Delivery-Id"), "signed" if ok else "bad"))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()
    def log_message(self, *args):
        pass
server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
print(server.server_address[1], flush=True)
server.serve_forever()
EOF
: >"$work/hooks.txt"
python3 "$work/receiver.py" "$hook_secret" "$work/hooks.txt" >"$work/receiver.port" \
  2>"$work/receiver.log" &
pids+=($!)
for _ in $(seq 100); do [[ -s "$work/receiver.port" ]] && break; sleep 0.1; done
hook_port=$(head -1 "$work/receiver.port")
[[ -n "$hook_port" ]] || die "the webhook receiver did not start: $(cat "$work/receiver.log")"

# --- two instances --------------------------------------------------------------------------------
admin_password='Multi-root-pass-2026'
demo_password='Xihu-Demo-2026'
start_instance() {  # start_instance NAME ARGS...: sets port_NAME and pid_NAME
  local name=$1 log="$work/$1.log" port pid
  shift
  AMR_ADMIN_PASSWORD="$admin_password" "$AMR" serve --db "$pg_url" --listen 127.0.0.1:0 \
    --trusted-proxy 127.0.0.1/32 --scheduler-interval 0.2 --webhook-allow 'http://127.0.0.1:' \
    --outbox-first-retry 1 "$@" >"$log" 2>&1 &
  pid=$!
  pids+=("$pid")
  port=$(serve_port "$log" "$pid")
  [[ -n "$port" ]] || die "instance $name did not start"
  # Ready: the schema is current and the name index built.
  for _ in $(seq 300); do
    [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz") == 200 ]] && break
    sleep 0.1
  done
  [[ $(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/readyz") == 200 ]] ||
    die "instance $name is not ready"
  printf -v "port_$name" '%s' "$port"
  printf -v "pid_$name" '%s' "$pid"
}
port_a="" port_b="" pid_a="" pid_b=""
# The first one seeds the demo county; the second starts on the seeded store.
start_instance a --demo
start_instance b
A="http://127.0.0.1:$port_a"
B="http://127.0.0.1:$port_b"
say "instances a on $port_a, b on $port_b, one PostgreSQL database ($db)"

# --- nginx, as docs/operations.md configures it ---------------------------------------------------
# The section "A city deployment" of docs/operations.md.
city_section() {
  awk '/^## A city deployment/ { in_section = 1; next } in_section && /^## / { exit }
       in_section { print }' "$repo/docs/operations.md"
}
n="$work/nginx"
mkdir -p "$n/tls"
city_section | awk '/^```nginx/ { in_block = 1; next } in_block && /^```/ { exit }
                   in_block { print }' >"$n/documented.conf"
[[ -s "$n/documented.conf" ]] ||
  die "docs/operations.md has no nginx block under \"## A city deployment\""
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 \
  -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 \
  -keyout "$n/tls/amr.key" -out "$n/tls/amr.crt" >/dev/null 2>&1 ||
  die "openssl could not make a certificate"

# Replaces FROM by TO in conf, the documented configuration, which must hold FROM exactly once.
replace() {
  local count
  count=$(grep -cF -- "$1" <<<"$conf")
  [[ "$count" == 1 ]] ||
    die "the nginx block of docs/operations.md should hold \"$1\" once (found $count)"
  conf=${conf//"$1"/"$2"}
}
free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}
user_line=""
# As root, nginx's workers would run as nobody, who cannot enter the private temp dir.
[[ $(id -u) -eq 0 ]] && user_line="user root;"
cat >"$n/nginx.conf" <<EOF
# The documented server, wrapped in what a Debian /etc/nginx/nginx.conf gives, in a temp dir.
$user_line
worker_processes 1;
pid $n/nginx.pid;
events { worker_connections 256; }
http {
    access_log $n/access.log;
    client_body_temp_path $n/client_body;
    proxy_temp_path $n/proxy;
    fastcgi_temp_path $n/fastcgi;
    uwsgi_temp_path $n/uwsgi;
    scgi_temp_path $n/scgi;
    include $n/amr.conf;
}
EOF
nginx_port=""
# Another process may take the port between choosing and binding: retry.
for _ in 1 2 3 4 5; do
  port=$(free_port)
  conf=$(cat "$n/documented.conf")
  replace "server 10.0.1.11:8080;" "server 127.0.0.1:$port_a;"
  replace "server 10.0.1.12:8080;" "server 127.0.0.1:$port_b;"
  replace "listen 443 ssl;" "listen 127.0.0.1:$port ssl;"
  replace "/etc/nginx/tls/amr.crt" "$n/tls/amr.crt"
  replace "/etc/nginx/tls/amr.key" "$n/tls/amr.key"
  echo "$conf" >"$n/amr.conf"
  "$NGINX" -t -q -e "$n/error.log" -p "$n" -c "$n/nginx.conf" ||
    die "nginx refuses the documented configuration: $(cat "$n/error.log")"
  "$NGINX" -e "$n/error.log" -p "$n" -c "$n/nginx.conf" -g 'daemon off;' &
  pids+=($!)
  for _ in $(seq 50); do
    if curl -s -o /dev/null --cacert "$n/tls/amr.crt" "https://127.0.0.1:$port/healthz"; then
      nginx_port=$port
      break 2
    fi
    kill -0 "${pids[-1]}" 2>/dev/null || break
    sleep 0.1
  done
  kill -TERM "${pids[-1]}" 2>/dev/null
  wait "${pids[-1]}" 2>/dev/null
done
[[ -n "$nginx_port" ]] || die "nginx did not start"
N="https://127.0.0.1:$nginx_port"
say "nginx on $nginx_port with the configuration of docs/operations.md"

# curl's options for a request through nginx, the client's loopback address (127.0.0.x) to follow:
#   curl "${nginx_from[@]}" 127.0.0.2 "$N/healthz"
nginx_from=(--cacert "$n/tls/amr.crt" --interface)
via() { curl -s "${nginx_from[@]}" "$@"; }  # via FROM CURL_ARGS...
code() { curl -s -o /dev/null -w '%{http_code}' "$@"; }  # code CURL_ARGS...: the HTTP status
login() {  # login BASE USER PASSWORD [CURL_ARGS...]: prints the token
  local base=$1 user=$2 password=$3
  shift 3
  curl -s "$@" -X POST "$base/api/v1/auth/login" \
    -d "{\"username\":\"$user\",\"password\":\"$password\"}" | jq -r '.token // empty'
}
# Which instance served the request a client tagged with X-Request-Id ID.
served_by() {
  local id=$1 instance
  for _ in $(seq 50); do
    for instance in a b; do
      if grep -q "client-id=$id\b" "$work/$instance.log"; then
        echo "$instance"
        return
      fi
    done
    sleep 0.1
  done
  echo none
}

# --- affinity: hash $remote_addr consistent -------------------------------------------------------
# Clients at 127.0.0.2 … 127.0.0.21 through nginx: each address stays on one instance, and both
# instances get some. from_a / from_b: an address nginx sends to a / to b.
routed() {  # routed FROM ID: the instance nginx sends a request from FROM to
  via "$1" -o /dev/null -H "X-Request-Id: $2" "$N/healthz"
  served_by "$2"
}
from_a=""
from_b=""
for i in $(seq 2 21); do
  first=$(routed "127.0.0.$i" "route-$i-1")
  second=$(routed "127.0.0.$i" "route-$i-2")
  [[ "$first" != none ]] || die "a request from 127.0.0.$i through nginx reached no instance" \
    "(curl --interface 127.0.0.$i: this test needs the loopback network 127.0.0.0/8)"
  check "127.0.0.$i stays on one instance" "$first" "$second"
  [[ "$first" == a && -z "$from_a" ]] && from_a="127.0.0.$i"
  [[ "$first" == b && -z "$from_b" ]] && from_b="127.0.0.$i"
done
check "nginx spreads client addresses over both instances" yes \
  "$([[ -n "$from_a" && -n "$from_b" ]] && echo yes || echo no)"
[[ -n "$from_a" && -n "$from_b" ]] || die "no client address reached both instances"
say "through nginx, $from_a goes to a and $from_b to b"

# --- names: what one instance writes is a conflict on the other -----------------------------------
applicant=$(login "$A" demo-applicant-01 "$demo_password")
applicant3=$(login "$B" demo-applicant-03 "$demo_password")
[[ -n "$applicant" ]] || die "demo-applicant-01 cannot log in"
urlencode() { jq -rn --arg v "$1" '$v|@uri'; }
verdict() {  # verdict BASE NAME INDUSTRY [CURL_ARGS...]: the name check's verdict at 西湖区
  local base=$1 name=$2 industry=$3
  shift 3
  curl -s "$@" "$base/api/v1/names/check?name=$(urlencode "$name")&authority=330106&industry=$industry" |
    jq -r '.verdict // .error.message'
}
reserve() {  # reserve BASE TOKEN NAME KEY [CURL_ARGS...]: prints the HTTP status
  local base=$1 token=$2 name=$3 key=$4
  shift 4
  curl -s -o "$work/reserve-$key.json" -w '%{http_code}' "$@" -X POST \
    -H "Authorization: Bearer $token" -H "Idempotency-Key: $key" \
    "$base/api/v1/names/reservations" \
    -d "{\"name\":\"$name\",\"authority\":\"330106\",\"industry\":\"65\"}"
}
# Runs the name check CMD... until it answers "conflict", for at most 30 s: sets delay (the
# milliseconds from the call to that answer, "never" without one) and checks (how many it took).
poll_conflict() {
  local start deadline
  start=$(now_ms)
  deadline=$((start + 30000))
  delay=never
  checks=0
  while (($(now_ms) < deadline)); do
    checks=$((checks + 1))
    if [[ $("$@") == conflict ]]; then
      delay=$(($(now_ms) - start))
      return
    fi
    sleep 0.01
  done
}
seen() { [[ "$delay" != never ]] && echo yes || echo no; }

# 1. Reserved on a, a conflict on b.
name1="杭州翠岚栖科技有限公司"
check "free on a" ok "$(verdict "$A" "$name1" 65)"
t0=$(now_ms)
check "free on b" ok "$(verdict "$B" "$name1" 65)"
one_check=$(($(now_ms) - t0))  # what one check takes here, for comparison
check "reserved on a" 201 "$(reserve "$A" "$applicant" "$name1" reserve-1)"
poll_conflict verdict "$B" "$name1" 65
check "a reservation on a is a conflict on b" yes "$(seen)"
delay_reserve="$delay ms (check $checks)"
say "a reservation on a: a conflict on b at check $checks, $delay ms after a's 201" \
  "(one check before it: $one_check ms)"
check "and on a" conflict "$(verdict "$A" "$name1" 65)"

# 2. Through nginx: reserved by a client nginx sends to a, checked by one it sends to b.
name2="杭州澄昕微科技有限公司"
check "reserved through nginx" 201 \
  "$(reserve "$N" "$applicant" "$name2" reserve-2 "${nginx_from[@]}" "$from_a")"
poll_conflict verdict "$N" "$name2" 65 "${nginx_from[@]}" "$from_b"
check "reserved through nginx on a, a conflict through nginx on b" yes "$(seen)"
delay_nginx="$delay ms (check $checks)"
say "reserved through nginx (a): a conflict through nginx (b) at check $checks," \
  "$delay ms after the 201"

# 3. An entity registered on b (个体工商户, 秒批): its name is a conflict on a.
shop_name="西湖区翎岫百货店"
shopkeeper=$(login "$B" demo-applicant-02 "$demo_password")
check "shop name free on a" ok "$(verdict "$A" "$shop_name" 52)"
# Outbox: a subscription to the steps the registration dispatches, to the local receiver.
admin=$(login "$A" admin "$admin_password")
subscription=$(jq -nc --arg url "http://127.0.0.1:$hook_port/hook" --arg secret "$hook_secret" \
  '{topic: "establishment.step.dispatched", endpoint_url: $url, secret: $secret}')
check "subscription" 201 "$(code -X POST -H "Authorization: Bearer $admin" \
  -H 'Idempotency-Key: sub-1' "$A/api/v1/outbox/subscriptions" -d "$subscription")"
shop_form=$(jq -nc --arg name "$shop_name" '{kind: "个体工商户", name: $name,
  legal_rep: {name: "王五", citizen_id: "330106198507220122"},
  address: "浙江省杭州市西湖区古荡新村 12 幢 1 号", address_commitment: true,
  scope: ["G01", "G03"], region_code: "330106", industry_code: "52",
  materials: ["application_form", "legal_rep_id", "address_commitment"],
  options: {tax: {invoice_kinds: ["全面数字化的电子发票"], tax_ukey: false},
            bank_account: {bank: "中国建设银行", branch: "古荡支行"}}}')
shop=$(curl -s -w '\n%{http_code}' -X POST -H "Authorization: Bearer $shopkeeper" \
  -H 'Idempotency-Key: shop-1' "$B/api/v1/establishments" -d "$shop_form")
check "shop registered on b" "201 registered" \
  "$(tail -1 <<<"$shop") $(head -n -1 <<<"$shop" | jq -r .state)"
poll_conflict verdict "$A" "$shop_name" 52
check "an entity registered on b is a conflict on a" yes "$(seen)"
delay_entity="$delay ms (check $checks)"
say "an entity registered on b: a conflict on a at check $checks, $delay ms after b's 201"

# 4. The store decides: the same name reserved on a and on b at once, five times: one wins each time.
round=0
for trade in 沐岚 翊霖 珩澈 琰曦 璟屿; do
  round=$((round + 1))
  name="杭州${trade}科技有限公司"
  reserve "$A" "$applicant" "$name" "race-a-$round" >"$work/race-a.code" &
  ra=$!
  reserve "$B" "$applicant3" "$name" "race-b-$round" >"$work/race-b.code" &
  rb=$!
  wait "$ra" "$rb"
  codes="$(cat "$work/race-a.code") $(cat "$work/race-b.code")"
  winners=$(tr ' ' '\n' <<<"$codes" | grep -c '^201$')
  losers=$(tr ' ' '\n' <<<"$codes" | grep -cE '^(422|409)$')
  check "race $round ($codes): one 201 and one refusal" "1 1" "$winners $losers"
  check "race $round: one reservation stored" 1 \
    "$(sql "SELECT COUNT(*) FROM name_reservation WHERE name = '$name' AND status = 'reserved'")"
  say "race $round on $name: a answered ${codes% *}, b answered ${codes#* }"
done

# --- tokens: one instance's login is the other's; logout ends it everywhere -----------------------
token=$(login "$N" 330106-amr-01 "$demo_password" "${nginx_from[@]}" "$from_a")
check "login through nginx" 43 "${#token}"
me() { code -H "Authorization: Bearer $token" "$@" ; }  # me [CURL_ARGS...] URL
check "the token on a" 200 "$(me "$A/api/v1/auth/me")"
check "the token on b" 200 "$(me "$B/api/v1/auth/me")"
check "the token through nginx to b" 200 "$(me "${nginx_from[@]}" "$from_b" "$N/api/v1/auth/me")"
check "logout on b" 200 "$(me -X POST "$B/api/v1/auth/logout")"
check "ended on a" 401 "$(me "$A/api/v1/auth/me")"
check "ended on b" 401 "$(me "$B/api/v1/auth/me")"
check "ended through nginx" 401 "$(me "${nginx_from[@]}" "$from_a" "$N/api/v1/auth/me")"

# --- the lockout: failures on either instance count toward one lock -------------------------------
wrong_login() {
  code -X POST "$1/api/v1/auth/login" -d '{"username":"330106-amr-02","password":"wrong-Password-1"}'
}
check "four wrong passwords, three on a and one on b" "401 401 401 401" \
  "$(for base in "$A" "$A" "$A" "$B"; do wrong_login "$base"; echo; done | xargs)"
check "the fifth failure, on b, locks" 429 "$(wrong_login "$B")"
check "locked on a too, even with the password" 429 "$(code -X POST "$A/api/v1/auth/login" \
  -d "{\"username\":\"330106-amr-02\",\"password\":\"$demo_password\"}")"

# --- outbox: each delivery made once while both instances' workers run ----------------------------
# A company registered on a with the name reserved there (six department steps), beside the shop
# registered on b: both dispatch their steps, announced to the subscription made above.
reservation_id=$(jq -r .id "$work/reserve-reserve-1.json")
company_form=$(jq -nc --arg name "$name1" --argjson reservation "$reservation_id" '{
  kind: "有限责任公司", name: $name, name_reservation_id: ($reservation | tostring),
  legal_rep: {name: "张三", citizen_id: "33010619800315001X"},
  investors: [{name: "张三", citizen_id: "33010619800315001X", subscribed_capital: 600000},
              {name: "李四", citizen_id: "440524188001010014", subscribed_capital: 400000}],
  registered_capital: 1000000, address: "浙江省杭州市西湖区文三路 90 号 301 室",
  address_commitment: true, scope: ["G04", "G05", "G06"], region_code: "330106",
  industry_code: "65",
  materials: ["application_form", "legal_rep_id", "articles", "investor_ids",
              "officer_appointment", "address_commitment"],
  options: {seal: {kinds: ["公章", "财务专用章", "发票专用章"]},
            tax: {invoice_kinds: ["全面数字化的电子发票"], tax_ukey: true},
            social_insurance: true, medical_insurance: true, housing_fund: true,
            bank_account: {bank: "中国工商银行", branch: "杭州文三路支行"}}}')
company=$(curl -s -w '\n%{http_code}' -X POST -H "Authorization: Bearer $applicant" \
  -H 'Idempotency-Key: company-1' "$A/api/v1/establishments" -d "$company_form")
check "company registered on a" "201 registered" \
  "$(tail -1 <<<"$company") $(head -n -1 <<<"$company" | jq -r .state)"
events=$(sql "SELECT COUNT(*) FROM outbox_event WHERE topic = 'establishment.step.dispatched'")
deliveries=$(sql "SELECT COUNT(*) FROM outbox_delivery")
check "one delivery per dispatched step" "$events" "$deliveries"
check "steps dispatched (the shop's 2, the company's 6)" 8 "$events"
undelivered="SELECT COUNT(*) FROM outbox_delivery WHERE status <> 'delivered'"
t0=$(now_ms)
for _ in $(seq 300); do
  [[ $(sql "$undelivered") == 0 ]] && break
  sleep 0.1
done
check "every delivery delivered within 30 s" 0 "$(sql "$undelivered")"
say "$deliveries outbox deliveries made in $(($(now_ms) - t0)) ms"
sleep 1.5  # a second delivery, if any, would arrive within a worker's poll (1 s)
check "the receiver got each delivery once" "$deliveries $deliveries" \
  "$(wc -l <"$work/hooks.txt") $(cut -d' ' -f2 "$work/hooks.txt" | sort -u | wc -l)"
check "each event once" "$events" "$(cut -d' ' -f1 "$work/hooks.txt" | sort -u | wc -l)"
check "every request signed" 0 "$(grep -vc ' signed$' "$work/hooks.txt")"
check "one attempt per delivery" "$deliveries" "$(sql "SELECT COUNT(*) FROM outbox_attempt")"

# --- timers: each fired once by whichever instance sees it due first ------------------------------
# A hundred 受益所有人 filing deadlines long passed (no filing): each firing records
# beneficial_owner.overdue in the audit trail, so a timer fired twice would show twice.
# Times as the store keeps them: RFC 3339 in China time (+08:00).
hour_ago=$(date -u -d '+7 hours' +%Y-%m-%dT%H:%M:%S+08:00)
month_ago=$(date -u -d '-30 days' +%F)
sql "INSERT INTO scheduled_timer (kind, key, due_at, payload, state, created_at, updated_at)
     SELECT 'beneficial_owner.filing_due', 'beneficial_owner:' || uscc, '$hour_ago',
            '{\"uscc\":\"' || uscc || '\",\"changed_on\":\"$month_ago\"}', 'pending',
            '$hour_ago', '$hour_ago'
     FROM (SELECT uscc FROM entity ORDER BY uscc LIMIT 100) e" >/dev/null
ours="FROM scheduled_timer WHERE kind = 'beneficial_owner.filing_due'"
t0=$(now_ms)
for _ in $(seq 300); do
  [[ $(sql "SELECT COUNT(*) $ours AND state = 'pending'") == 0 ]] && break
  sleep 0.1
done
check "every timer fired within 30 s" "100 0" "$(sql "SELECT COUNT(*) FILTER (WHERE state = 'fired'),
  COUNT(*) FILTER (WHERE state <> 'fired') $ours" | tr '|' ' ')"
check "each timer's handler ran once" "100 100" "$(sql "SELECT COUNT(*), COUNT(DISTINCT target_id)
  FROM audit_log WHERE action = 'beneficial_owner.overdue'" | tr '|' ' ')"
say "100 timers fired in $(($(now_ms) - t0)) ms: $(sql "SELECT string_agg(n || ' by ' || who, ', ')
  FROM (SELECT COUNT(*) AS n, fired_by AS who $ours GROUP BY fired_by) f")"

# --- the client address: from X-Forwarded-For only through the trusted proxy ----------------------
# The instances trust 127.0.0.1 (nginx's address towards them); clients come from 127.0.0.x.
# "CLIENT VIA" of the request tagged with X-Request-Id ID, from its access-log line on either
# instance: the address it is counted under, and via=PROXY (or "direct").
client_of() {
  local line=""
  for _ in $(seq 50); do
    line=$(grep -h "client-id=$1\b" "$work/a.log" "$work/b.log") && break
    sleep 0.1
  done
  awk '{ for (i = 2; i <= NF; ++i) if ($i ~ /^"/) { client = $(i - 1); break }
         via = "direct"; for (i = 1; i <= NF; ++i) if ($i ~ /^via=/) via = $i
         print client, via }' <<<"$line"
}
spoof=(-H 'X-Forwarded-For: 203.0.113.9')
via "$from_a" -o /dev/null -H 'X-Request-Id: xff-nginx' "${spoof[@]}" "$N/healthz"
check "through nginx: the client nginx saw, not the one it wrote" "$from_a via=127.0.0.1" \
  "$(client_of xff-nginx)"
curl -s -o /dev/null --interface 127.0.0.2 -H 'X-Request-Id: xff-direct' "${spoof[@]}" "$A/healthz"
check "directly from an untrusted address: the header is ignored" "127.0.0.2 direct" \
  "$(client_of xff-direct)"
curl -s -o /dev/null --interface 127.0.0.1 -H 'X-Request-Id: xff-trusted' "${spoof[@]}" "$B/healthz"
check "from the trusted address: the header names the client" "203.0.113.9 via=127.0.0.1" \
  "$(client_of xff-trusted)"
# The audit trail records the real client of a failed login through nginx.
via "$from_b" -o /dev/null "${spoof[@]}" -X POST "$N/api/v1/auth/login" \
  -d '{"username":"330106-amr-03","password":"wrong-Password-1"}'
check "the audit trail records the client nginx saw" "$from_b" "$(sql "SELECT ip FROM audit_log
  WHERE target_type = 'user' AND target_id = (SELECT id::text FROM app_user
                                              WHERE username = '330106-amr-03')
  ORDER BY seq DESC LIMIT 1")"

# --- monitoring -----------------------------------------------------------------------------------
check "/metrics is not served through nginx" 403 "$(code "${nginx_from[@]}" "$from_a" "$N/metrics")"
verdict "$A" "$name1" 65 >/dev/null
verdict "$B" "$name1" 65 >/dev/null
metrics_a=$(curl -s "$A/metrics")
metrics_b=$(curl -s "$B/metrics")
# Every metric docs/operations.md names for a city deployment exists.
documented=$(city_section | grep -o 'amr_[a-z_]*' | sort -u)
check "docs/operations.md names metrics to watch" yes \
  "$([[ $(wc -l <<<"$documented") -ge 5 ]] && echo yes || echo no)"
for metric in $documented; do
  check "/metrics has $metric" yes \
    "$(grep -qE "^$metric([ {]|_bucket\{|_sum |_count )" <<<"$metrics_a" && echo yes || echo no)"
done
names_a=$(grep '^amr_name_index_names ' <<<"$metrics_a" | cut -d' ' -f2)
names_b=$(grep '^amr_name_index_names ' <<<"$metrics_b" | cut -d' ' -f2)
check "both name indexes hold the same names" "$names_a" "$names_b"
# docs/operations.md counts four connections an instance (the pool) in max_connections.
connections=$(sql "SELECT COUNT(*) - 1 FROM pg_stat_activity WHERE datname = '$db'")
check "at most four PostgreSQL connections an instance" yes \
  "$( ((connections <= 8)) && echo yes || echo no)"
say "name index: $names_a names on a, $names_b on b; PostgreSQL connections of both: $connections"

# --- the audit chain, written by both instances at once, verifies ---------------------------------
check "amr audit verify" 0 "$(rc "$AMR" audit verify --db "$pg_url")"

# --- an instance stops: nginx sends its clients to the other --------------------------------------
kill -TERM "$pid_b"
wait "$pid_b"
check "instance b stops cleanly on SIGTERM" 0 $?
status=$(code "${nginx_from[@]}" "$from_b" -H 'X-Request-Id: failover-get' "$N/healthz")
check "b's client still served through nginx (GET)" "200 a" "$status $(served_by failover-get)"
status=$(code "${nginx_from[@]}" "$from_b" -H 'X-Request-Id: failover-post' -X POST \
  "$N/api/v1/auth/login" -d "{\"username\":\"330106-amr-04\",\"password\":\"$demo_password\"}")
check "b's client still served through nginx (POST)" "200 a" "$status $(served_by failover-post)"
kill -TERM "$pid_a"
wait "$pid_a"
check "instance a stops cleanly on SIGTERM" 0 $?

[[ $failed -eq 0 ]] || show_logs
echo "multi-instance: $passed passed, $failed failed; conflict on the other instance:" \
  "reservation a→b $delay_reserve, through nginx $delay_nginx, registration b→a $delay_entity"
[[ $failed -eq 0 ]]
