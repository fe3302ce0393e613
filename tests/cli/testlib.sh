# SPDX-License-Identifier: MulanPSL-2.0
# Shared by the CLI test scripts: `source` it, call `check`, end with `finish NAME`.
passed=0
failed=0

check() {  # check NAME EXPECTED ACTUAL
  if [[ "$2" == "$3" ]]; then
    passed=$((passed + 1))
  else
    failed=$((failed + 1))
    echo "FAIL: $1: expected [$2], got [$3]"
  fi
}

# The exit code of a command, its output discarded.
rc() { "$@" >/dev/null 2>&1; echo $?; }
