#!/usr/bin/env bash
# SPDX-License-Identifier: MulanPSL-2.0
# `amr entity suspend|extend-suspension|resume|suspensions` and
# `amr liquidation open|step|show` on a fresh store, on today's date.
#   tests/cli/suspension_cli_test.sh path/to/amr
set -uo pipefail
AMR="$(realpath "$1")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"

day() { TZ=Asia/Shanghai date -d "$1" +%F; }
today=$(day today)
db="sqlite:$work/amr.db"
"$AMR" migrate --db "$db" >/dev/null 2>&1
cat >"$work/e.csv" <<'CSV'
uscc,name,kind,org_form,family_farm,region_code,industry_code,legal_rep_id,legal_rep_name,registered_capital,address,credit_class,status,established_on
91330106MA2B00000U,杭州云帆科技有限公司,enterprise,有限责任公司,0,330106,75,11010519491231002X,张三,1000000,杭州市西湖区文三路1号,B,active,2024-03-01
91330106MA2B00019Q,杭州云海贸易有限公司,enterprise,有限责任公司,0,330106,51,11010519491231002X,张三,1000000,杭州市西湖区文三路2号,B,active,2024-03-01
CSV
"$AMR" import entities "$work/e.csv" --db "$db" >/dev/null 2>&1
# The registration authority of 330106.
sqlite3 "$work/amr.db" "INSERT INTO org_unit (parent_id, code, name, kind, department, region_code) \
  VALUES (NULL, 'xihu', '西湖区市场监督管理局', 'county_bureau', '', '330106')"

u=91330106MA2B00000U
json=$("$AMR" entity suspend $u --category 公共卫生事件 --start "$today" --end "$(day '+20 days')" --db "$db")
check "suspended today" in_effect "$(jq -r .state <<<"$json")"
id=$(jq -r .id <<<"$json")
check "past start refused" 1 \
  "$(rc "$AMR" entity suspend 91330106MA2B00019Q --category 自然灾害 --start "$(day yesterday)" \
    --end "$(day '+5 days')" --db "$db")"
json=$("$AMR" entity extend-suspension $u "$id" --end "$(day '+40 days')" --db "$db")
check "extended" "$(day '+40 days')" "$(jq -r .end_on <<<"$json")"
check "over 3 years refused" 1 \
  "$(rc "$AMR" entity extend-suspension $u "$id" --end "$(day '+4 years')" --db "$db")"
json=$("$AMR" entity resume $u "$id" --db "$db")
check "resumed" resumed "$(jq -r .state <<<"$json")"
json=$("$AMR" entity suspensions $u --db "$db")
check "one period" 1 "$(jq -r '.items | length' <<<"$json")"
check "used today only" 0 "$(jq -r .budget.used_days <<<"$json")"

l=91330106MA2B00019Q
json=$("$AMR" liquidation open $l --cause 股东会决议解散 --cause-on "$(day '-5 days')" \
  --formed-on "$(day '-3 days')" --member 王清 --document group_members \
  --document dissolution_decision --db "$db")
check "liquidating" liquidating "$(jq -r .state <<<"$json")"
check "filing deadline" "$(day '+10 days')" \
  "$(jq -r '.steps[] | select(.step == "group_filing") | .due_on' <<<"$json")"
lid=$(jq -r .id <<<"$json")
check "missing document refused" 1 "$(rc "$AMR" liquidation step "$lid" creditor_notice --db "$db")"
json=$("$AMR" liquidation step "$lid" creditor_notice --document creditor_notice_proof --db "$db")
check "creditors notified" done \
  "$(jq -r '.steps[] | select(.step == "creditor_notice") | .state' <<<"$json")"
check "show" "$lid" "$("$AMR" liquidation show "$lid" --db "$db" | jq -r .id)"

echo "suspension_cli_test: $passed passed, $failed failed"
((failed == 0))
