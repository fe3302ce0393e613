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

# The port `amr serve` announced in LOG ("http://127.0.0.1:PORT"), waiting up to 30 s for it while
# process PID runs; empty if it never came.
serve_port() {  # serve_port LOG PID
  local port=""
  for _ in $(seq 300); do
    port=$(grep -o 'http://127.0.0.1:[0-9]*' "$1" | head -1 | sed 's/.*://')
    [[ -n "$port" ]] && break
    kill -0 "$2" 2>/dev/null || break
    sleep 0.1
  done
  echo "$port"
}
