#!/usr/bin/env bash
# SPDX-License-Identifier: MulanPSL-2.0
# `amr license …` as an operator and a relying party run it:
#   src/license/license_cli_test.sh path/to/amr
set -uo pipefail
AMR="$(realpath "$1")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "${BASH_SOURCE[0]}")/../../tests/cli/testlib.sh"

db="sqlite:$work/l.db"
"$AMR" migrate --db "$db" >/dev/null 2>&1
"$AMR" gen entities --count 50 --seed 11 --out "$work/e.csv" 2>/dev/null
"$AMR" import entities "$work/e.csv" --db "$db" >/dev/null 2>&1
# One active entity and one deregistered one.
active=$(awk -F, 'NR > 1 && $13 == "active" { print $1; exit }' "$work/e.csv")
gone=$(awk -F, 'NR > 1 && $13 == "deregistered" { print $1; exit }' "$work/e.csv")
name=$(awk -F, -v u="$active" '$1 == u { print $2 }' "$work/e.csv")

check "verify without a store" 2 "$(rc "$AMR" license verify "$work/none.json" --db "sqlite:$work/none.db")"
check "issue" 0 "$(rc "$AMR" license issue "$active" --db "$db" --scope 软件开发 \
  --authority 杭州市西湖区市场监督管理局 --holder 1)"
check "issue twice" 1 "$(rc "$AMR" license issue "$active" --db "$db" --scope 软件开发 \
  --authority 杭州市西湖区市场监督管理局 --holder 1)"
if [[ -n "$gone" ]]; then
  check "issue to a deregistered entity" 1 "$(rc "$AMR" license issue "$gone" --db "$db" \
    --scope 软件开发 --authority 杭州市西湖区市场监督管理局 --holder 1)"
fi
"$AMR" license show "$active" --db "$db" >"$work/l.json" 2>/dev/null
check "show" "$active" "$(jq -r .payload.uscc "$work/l.json")"
check "show unknown" 1 "$(rc "$AMR" license show 91330106MA2Z00009X --db "$db")"

check "verify json (db)" 0 "$(rc "$AMR" license verify "$work/l.json" --db "$db")"
check "verify names the entity" 1 "$("$AMR" license verify "$work/l.json" --db "$db" | grep -c "执照有效：$name")"
check "pdf" 0 "$(rc "$AMR" license pdf "$active" --db "$db" -o "$work/l.pdf")"
check "pdf is a pdf" "%PDF-" "$(head -c 5 "$work/l.pdf")"
check "verify pdf (db)" 0 "$(rc "$AMR" license verify "$work/l.pdf" --db "$db")"

"$AMR" license keys --db "$db" -o "$work/keys.json" 2>/dev/null
check "keys" 1 "$(jq '.keys | length' "$work/keys.json")"
check "verify pdf (keys)" 0 "$(rc "$AMR" license verify "$work/l.pdf" --keys "$work/keys.json")"
check "verify needs --db or --keys" 2 "$(rc "$AMR" license verify "$work/l.json")"
check "verify missing file" 2 "$(rc "$AMR" license verify "$work/missing.json" --keys "$work/keys.json")"

# Tampering: one field changed.
jq -c '.payload.registered_capital = 999999999' "$work/l.json" >"$work/t.json"
check "tampered" 1 "$(rc "$AMR" license verify "$work/t.json" --keys "$work/keys.json")"
check "tampered reason" 1 "$("$AMR" license verify "$work/t.json" --db "$db" | grep -c '签名验证失败')"
# A PDF whose embedded document was edited.
head -c 200 "$work/l.pdf" >"$work/plain.pdf"
check "pdf without a document" 1 "$(rc "$AMR" license verify "$work/plain.pdf" --keys "$work/keys.json")"

# Rotation: the old licence still verifies with the new key list; an old key
# list does not know documents signed after the rotation.
check "rotate" 0 "$(rc "$AMR" license rotate-key --db "$db")"
"$AMR" license keys --db "$db" -o "$work/keys2.json" 2>/dev/null
check "two keys" 2 "$(jq '.keys | length' "$work/keys2.json")"
check "old licence, new keys" 0 "$(rc "$AMR" license verify "$work/l.json" --keys "$work/keys2.json")"
second=$(awk -F, -v a="$active" 'NR > 1 && $13 == "active" && $1 != a { print $1; exit }' "$work/e.csv")
"$AMR" license issue "$second" --db "$db" --scope 零售 --authority 杭州市西湖区市场监督管理局 \
  --holder 1 >"$work/l2.json" 2>/dev/null
check "new licence, new keys" 0 "$(rc "$AMR" license verify "$work/l2.json" --keys "$work/keys2.json")"
check "new licence, old keys" 1 "$(rc "$AMR" license verify "$work/l2.json" --keys "$work/keys.json")"
check "unknown key reason" 1 "$("$AMR" license verify "$work/l2.json" --keys "$work/keys.json" | grep -c 'unknown_key')"

# Deregistration: the signature stays good, the licence does not.
sqlite3 "$work/l.db" "UPDATE entity SET status = 'deregistered' WHERE uscc = '$active'"
check "deregistered (db)" 1 "$(rc "$AMR" license verify "$work/l.json" --db "$db")"
check "deregistered reason" 1 "$("$AMR" license verify "$work/l.json" --db "$db" | grep -c '已注销')"

echo "license_cli_test: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
