# What the CLI test scripts share (sourced by cli_test.sh, output_test.sh, calibrate_cli_test.sh
# and limits_test.sh): a scratch folder removed on exit, the pass/fail count, and the two checks
# that every script makes of the built binary. Each script gets HAUL (the binary) and SRC (the
# source tree) from ctest.
: "${HAUL:?set HAUL to the haul binary}" "${SRC:?set SRC to the source tree}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
passed=0 failed=0

fail() { echo "FAIL: $*"; failed=$((failed + 1)); }
ok() { passed=$((passed + 1)); }

# run_haul ARGS...: how a script runs haul for expect_ok and expect_bad; limits_test.sh runs it
# under a memory limit and a timeout instead.
run_haul() { "$HAUL" "$@"; }
# bad_stderr_also NAME: a script's own further check of a bad input's stderr (none by default);
# prints nothing and succeeds when the check passes.
bad_stderr_also() { :; }

# expect_ok NAME PATTERN ARGS...: exit 0 and stdout matches the extended regex PATTERN.
expect_ok() {
  local name=$1 pattern=$2; shift 2
  if ! run_haul "$@" >"$work/out" 2>"$work/err"; then fail "$name: exit $? ($(head -c 300 "$work/err"))"; return; fi
  if ! grep -Eq -- "$pattern" "$work/out"; then fail "$name: stdout lacks /$pattern/"; return; fi
  ok
}

# expect_bad NAME KEY ARGS...: exit 2, exactly one line on stderr that names KEY, nothing on
# stdout, and no output file (every case writes to -o $work/never).
expect_bad() {
  local name=$1 key=$2; shift 2
  rm -f "$work/never"
  run_haul "$@" -o "$work/never" >"$work/out" 2>"$work/err"
  local status=$?
  local lines
  lines=$(wc -l <"$work/err")
  if [ "$status" -ne 2 ]; then fail "$name: exit $status, expected 2 ($(head -c 300 "$work/err"))"; return; fi
  if [ "$lines" -ne 1 ]; then fail "$name: $lines lines on stderr, expected 1: $(cat "$work/err")"; return; fi
  if ! grep -qF -- "$key" "$work/err"; then fail "$name: stderr does not name '$key': $(cat "$work/err")"; return; fi
  if ! bad_stderr_also "$name"; then return; fi
  if [ -e "$work/never" ]; then fail "$name: wrote an output file"; return; fi
  if [ -s "$work/out" ]; then fail "$name: wrote to stdout"; return; fi
  ok
}
