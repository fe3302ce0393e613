#!/usr/bin/env bash
# SPDX-License-Identifier: MulanPSL-2.0
# `amr names check` as a user runs it: word rules without a database, and
# Art. 17 and the similarity hints against an imported register.
#   tests/cli/names_cli_test.sh path/to/amr
set -uo pipefail
AMR="$(realpath "$1")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"

# --- word rules only (no --db) ---------------------------------------------
json=$("$AMR" names check 杭州云帆科技有限公司 --authority 330106 --json)
check "ok verdict" ok "$(jq -r .verdict <<<"$json")"
check "parts" "杭州 云帆 科技 有限公司" \
  "$(jq -r '"\(.parts.region) \(.parts.trade_name) \(.parts.industry) \(.parts.form)"' <<<"$json")"
check "ok exit" 0 "$(rc "$AMR" names check 杭州云帆科技有限公司 --authority 330106 --json)"
json=$("$AMR" names check 云帆（杭州）科技有限公司 --authority 330106 --json)
check "bracketed region" "杭州 云帆" "$(jq -r '"\(.parts.region) \(.parts.trade_name)"' <<<"$json")"
check "invalid exit" 5 "$(rc "$AMR" names check 杭州云科技有限公司 --authority 330106 --json)"
check "invalid verdict" invalid \
  "$("$AMR" names check 杭州云科技有限公司 --authority 330106 --json | jq -r .verdict)"
check "prohibited exit" 4 "$(rc "$AMR" names check 杭州风水咨询有限公司 --authority 330106 --json)"
check "prohibited rule" prohibited:superstitious \
  "$("$AMR" names check 杭州风水咨询有限公司 --authority 330106 --json | jq -r '.hits[0].rule')"
check "restricted hit" restricted_prefix \
  "$("$AMR" names check 中国云帆科技有限公司 --authority 330106 --json | jq -r '.hits[0].rule')"
check "bad authority" 1 "$(rc "$AMR" names check 杭州云帆科技有限公司 --authority 999999 --json)"
check "bad industry" 1 \
  "$(rc "$AMR" names check 杭州云帆科技有限公司 --authority 330106 --industry 9x --json)"

# --- against a register --------------------------------------------------------
db="sqlite:$work/amr.db"
"$AMR" migrate --db "$db" >/dev/null 2>&1
cat >"$work/e.csv" <<'CSV'
uscc,name,kind,org_form,family_farm,region_code,industry_code,legal_rep_id,legal_rep_name,registered_capital,address,credit_class,status,established_on
91330106MA2B00000U,杭州云帆科技有限公司,enterprise,有限责任公司,0,330106,75,11010519491231002X,张三,1000000,杭州市西湖区文三路1号,B,active,2024-03-01
CSV
"$AMR" import entities "$work/e.csv" --db "$db" >/dev/null 2>&1
json=$("$AMR" names check 杭州云帆科技有限公司 --authority 330105 --db "$db" --json)
check "conflict in the same city" conflict "$(jq -r .verdict <<<"$json")"
check "conflict names the uscc" "91330106MA2B00000U art17_identical_trade_name" \
  "$(jq -r '"\(.hits[0].uscc) \(.hits[0].rule)"' <<<"$json")"
check "conflict exit" 3 \
  "$(rc "$AMR" names check 杭州云帆科技有限公司 --authority 330105 --db "$db" --json)"
check "other city similar" similar \
  "$("$AMR" names check 宁波云帆科技有限公司 --authority 330203 --db "$db" --json | jq -r .verdict)"
check "traditional folds" conflict \
  "$("$AMR" names check 杭州雲帆科技有限公司 --authority 330106 --db "$db" --json | jq -r .verdict)"

echo "names cli: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
