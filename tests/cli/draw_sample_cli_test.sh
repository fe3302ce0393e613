#!/usr/bin/env bash
# SPDX-License-Identifier: MulanPSL-2.0
# `amr draw sample`, the offline draw, as a user runs it: the worked example of
# docs/draw-spec.md §7 (same seed, pool hash and selection), determinism, and
# every refusal with its exit code and Chinese message.
#   tests/cli/draw_sample_cli_test.sh path/to/amr
set -uo pipefail
AMR="$(realpath "$1")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "${BASH_SOURCE[0]}")/testlib.sh"

cat >"$work/pool.csv" <<'POOL'
# 抽查对象库：对象标识,信用风险分类
91330100MA2AXXXX1K,B
91330106MA27XXXX5H,A
91330102MA28XXXX3C,C
91330105MA2BXXXX8R,D
92330106MA2CXXXX0Q,B
91330108MA2DXXXX6U,D
93330109MA2EXXXX2Y,C
91330110MA2FXXXX9A,B
POOL
entropy='上证指数 3321.45 深证成指 10567.89'
sample() { "$AMR" draw sample --pool "$work/pool.csv" --task 2026-SJ-0001 --entropy "$entropy" "$@"; }

out=$(sample --ratio A=0.05,B=0.5,C=0.3,D=1 --json)
check "example exit" 0 $?
check "example pool hash" 5e84782c3345c261fb0846daf087ae30ed9159359955978439b80b618cbfb0af \
  "$(jq -r .pool_hash <<<"$out")"
check "example seed" e5b286c3895ce69a49fc2c20ea7d8eac54cb7c25f9f9b9bc0de99eead47deb69 \
  "$(jq -r .seed <<<"$out")"
check "example selection" \
  "91330100MA2AXXXX1K 91330102MA28XXXX3C 91330105MA2BXXXX8R 91330106MA27XXXX5H 91330108MA2DXXXX6U 92330106MA2CXXXX0Q" \
  "$(jq -r '.selected | join(" ")' <<<"$out")"
check "example count" 6 "$(jq -r .count <<<"$out")"
check "same input, same draw" "$out" "$(sample --ratio A=0.05,B=0.5,C=0.3,D=1 --json)"

# The pool hash does not depend on the file's order, comments or line ends.
{ echo "91330110MA2FXXXX9A,B"; grep -v '^#' "$work/pool.csv" | grep -v 9A | tac; } |
  sed 's/$/\r/' >"$work/shuffled.csv"
check "hash of the canonical text" 5e84782c3345c261fb0846daf087ae30ed9159359955978439b80b618cbfb0af \
  "$("$AMR" draw sample --pool "$work/shuffled.csv" --ratio A=0,B=0,C=0,D=0 --entropy x --json |
    jq -r .pool_hash)"
# The same as canonical text hashed by anyone with sha256sum.
check "sha256sum agrees" 5e84782c3345c261fb0846daf087ae30ed9159359955978439b80b618cbfb0af \
  "$(grep -v '^#' "$work/pool.csv" | sort | sha256sum | cut -d' ' -f1)"
other=$("$AMR" draw sample --pool "$work/pool.csv" --task 2026-SJ-0001 --entropy other \
  --ratio A=0.05,B=0.5,C=0.3,D=1 --json | jq -r .seed)
check "other entropy, other seed" yes \
  "$([[ $other =~ ^[0-9a-f]{64}$ && $other != e5b286c3895ce69a49fc2c20ea7d8eac54cb7c25f9f9b9bc0de99eead47deb69 ]] &&
    echo yes || echo no)"

human=$(sample --ratio A=0.05,B=0.5,C=0.3,D=1)
check "human output names the seed" "种子：e5b286c3895ce69a49fc2c20ea7d8eac54cb7c25f9f9b9bc0de99eead47deb69" \
  "$(grep '^种子' <<<"$human")"
check "human output lists the selection" 6 "$(grep -c ',[A-D]$' <<<"$human")"

# Refusals: exit 2 on bad input, 1 when the file cannot be read; nothing on stdout.
refuse() {  # refuse NAME CODE PATTERN ARGS...
  local name=$1 code=$2 pattern=$3 stdout
  shift 3
  stdout=$("$AMR" draw sample "$@" 2>"$work/err")
  check "$name: exit" "$code" $?
  check "$name: nothing printed" "" "$stdout"
  check "$name: message" yes "$(grep -q -- "$pattern" "$work/err" && echo yes || cat "$work/err")"
}
refuse "ratio above 1" 2 "C 类抽查比例 1.2 超出范围" \
  --pool "$work/pool.csv" --ratio A=0.05,B=0.1,C=1.2,D=0.8 --entropy x
refuse "negative ratio" 2 "A 类抽查比例" \
  --pool "$work/pool.csv" --ratio A=-0.05,B=0.1,C=0.2,D=0.8 --entropy x
refuse "class missing" 2 "缺少 D 类抽查比例" \
  --pool "$work/pool.csv" --ratio A=0.05,B=0.1,C=0.2 --entropy x
refuse "no entropy" 2 "公开随机数" --pool "$work/pool.csv" --ratio A=0,B=0,C=0,D=0 --entropy ''
printf '# 无对象\n\n' >"$work/empty.csv"
refuse "empty pool" 2 "抽查对象库为空" --pool "$work/empty.csv" --ratio A=0,B=0,C=0,D=0 --entropy x
printf 'K1,A\nK2,B\nK1,C\n' >"$work/dup.csv"
refuse "duplicate key" 2 "抽查对象 K1 在对象库中重复出现" \
  --pool "$work/dup.csv" --ratio A=0,B=0,C=0,D=0 --entropy x
printf 'K1,A\nK2,X\n' >"$work/class.csv"
refuse "bad class" 2 "第 2 行信用风险分类“X”无效" \
  --pool "$work/class.csv" --ratio A=0,B=0,C=0,D=0 --entropy x
refuse "missing file" 1 "无法读取抽查对象库文件" \
  --pool "$work/none.csv" --ratio A=0,B=0,C=0,D=0 --entropy x
check "missing option refused" yes \
  "$([[ $(rc "$AMR" draw sample --pool "$work/pool.csv" --entropy x) -ne 0 ]] && echo yes || echo no)"

echo "draw sample cli: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
