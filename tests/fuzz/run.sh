#!/usr/bin/env bash
# Runs each libFuzzer harness for SECONDS (default 30) from a seed corpus made of configs/, the test
# data (TOML scenarios, iperf3 JSON results) and tests/fuzz/units_seeds.txt. Usage: tests/fuzz/run.sh BUILD_DIR [SECONDS]
# A crash or hang fails the run; the input that caused it is saved as crash-*/timeout-* in the
# current folder: add it to the tests as a regression case.
set -euo pipefail
build=${1:?usage: run.sh BUILD_DIR [SECONDS]}
seconds=${2:-30}
src=$(cd "$(dirname "$0")/../.." && pwd)
corpus=$(mktemp -d)
trap 'rm -rf "$corpus"' EXIT
mkdir -p "$corpus/units" "$corpus/scenario" "$corpus/sweep" "$corpus/optimize" "$corpus/plot" "$corpus/calibrate" "$corpus/ranges"
n=0
while IFS= read -r line; do n=$((n + 1)); printf '%s' "$line" >"$corpus/units/seed-$n"; done <"$src/tests/fuzz/units_seeds.txt"
cp "$src"/configs/*.toml "$src"/tests/data/*.toml "$corpus/scenario/"
cp "$src"/configs/sweep-*.toml "$src"/configs/transfer-table.toml "$src"/benchmarks/*.toml "$corpus/sweep/" 2>/dev/null || true
cp "$src"/configs/optimize-*.toml "$src"/benchmarks/optimize-*.toml "$corpus/optimize/"
cp "$src"/configs/*.toml "$corpus/plot/"
cp "$src"/tests/data/*.json "$corpus/calibrate/"
# fuzz_ranges reads its bytes as numbers (FuzzedDataProvider); any bytes make a start.
cp "$src"/configs/sweep-*.toml "$corpus/ranges/"
for harness in units scenario sweep optimize plot calibrate ranges; do
  log="$corpus/$harness.log"
  if ! "$build/tests/fuzz/fuzz_$harness" "$corpus/$harness" -max_total_time="$seconds" -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 >"$log" 2>&1; then
    tail -40 "$log"
    echo "fuzz_$harness: FAILED" >&2
    exit 1
  fi
  runs=$(grep -m1 'stat::number_of_executed_units' "$log" | awk '{print $2}')
  echo "fuzz_$harness: ${runs:-?} inputs in ${seconds} s, no crash"
done
