#!/usr/bin/env bash
# Bounded work on hostile input (src/input/limits.hpp): each case runs the built haul under 500 MB of
# address space and a 5 s timeout, and must end as the promise says: bad input gets one line on
# stderr naming the key or flag, exit 2, nothing written; a run that cannot start its threads still
# finishes. Called by ctest with HAUL (the binary) and SRC (the source tree).
set -u
source "$(dirname "$0")/lib.sh"
slowest=0 slowest_name=""

# The memory limit, unless the binary cannot start under it (AddressSanitizer reserves terabytes of
# address space): then the cases run without it, and say so.
mem_kb=500000
if ! bash -c 'ulimit -v "$1" && "$2" --version; status=$?; exit $status' _ "$mem_kb" "$HAUL" >/dev/null 2>&1; then
  echo "note: $HAUL does not start under ulimit -v $mem_kb (a sanitizer build?); no memory limit"
  mem_kb=unlimited
fi

# limited ARGS...: haul under the limits of a case, timed; sets status and elapsed_ms.
limited() {
  local start end
  start=$(date +%s%N)
  ([ "$mem_kb" = unlimited ] || ulimit -v "$mem_kb"; exec timeout 5 "$HAUL" "$@")
  status=$?
  end=$(date +%s%N)
  elapsed_ms=$(((end - start) / 1000000))
}

# timed NAME: fails a case that took 5 s or more (timeout exits 124), keeps the slowest.
timed() {
  if [ "$elapsed_ms" -gt "$slowest" ]; then slowest=$elapsed_ms slowest_name=$1; fi
  [ "$status" -ne 124 ] && [ "$elapsed_ms" -lt 5000 ]
}

# expect_ok NAME PATTERN ARGS...: exit 0 and stdout matches the extended regex PATTERN.
expect_ok() {
  local name=$1 pattern=$2; shift 2
  limited "$@" >"$work/out" 2>"$work/err"
  if ! timed "$name"; then fail "$name: took $elapsed_ms ms"; return; fi
  if [ "$status" -ne 0 ]; then fail "$name: exit $status ($(head -c 300 "$work/err"))"; return; fi
  if ! grep -Eq -- "$pattern" "$work/out"; then fail "$name: stdout lacks /$pattern/"; return; fi
  ok
}

# expect_bad NAME KEY ARGS...: exit 2, exactly one line on stderr that names KEY, nothing on
# stdout, and no output file (every case writes to -o $work/never).
expect_bad() {
  local name=$1 key=$2; shift 2
  rm -f "$work/never"
  limited "$@" -o "$work/never" >"$work/out" 2>"$work/err"
  local lines
  lines=$(wc -l <"$work/err")
  if ! timed "$name"; then fail "$name: took $elapsed_ms ms"; return; fi
  if [ "$status" -ne 2 ]; then fail "$name: exit $status, expected 2 ($(head -c 300 "$work/err"))"; return; fi
  if [ "$lines" -ne 1 ]; then fail "$name: $lines lines on stderr, expected 1: $(cat "$work/err")"; return; fi
  if ! grep -qF -- "$key" "$work/err"; then fail "$name: stderr does not name '$key': $(cat "$work/err")"; return; fi
  if [ -e "$work/never" ]; then fail "$name: wrote an output file"; return; fi
  if [ -s "$work/out" ]; then fail "$name: wrote to stdout"; return; fi
  ok
}

# --- input files: regular files of at most 4 MiB (4,194,304 bytes) ---
mkdir "$work/dir"
mkfifo "$work/fifo"
ln -s "$work/loop-b" "$work/loop-a"
ln -s "$work/loop-a" "$work/loop-b"
head -c 4194305 /dev/zero | tr '\0' '#' >"$work/over.toml"
expect_bad "/dev/zero as the scenario" "/dev/zero: the scenario file is a character device" compare /dev/zero
expect_bad "a directory as the scenario" "dir: the scenario file is a directory" compare "$work/dir"
expect_bad "a directory as the sweep file" "dir: the sweep file is a directory" sweep "$work/dir"
expect_bad "a directory as the catalog" "--catalog: $work/dir: the catalog file is a directory" catalog --catalog "$work/dir"
expect_bad "a directory as the iperf3 result" "dir: the iperf3 result is a directory" calibrate "$work/dir"
expect_bad "a FIFO as the scenario (no writer: must not wait)" "fifo: the scenario file is a FIFO" compare "$work/fifo"
expect_bad "a file over 4 MiB" "has 4,194,305 bytes, over the limit of 4,194,304 bytes (4 MiB)" compare "$work/over.toml"
expect_bad "a symbolic link loop" "too many levels of symbolic links" compare "$work/loop-a"
# Big content within the size limit: a 4 MiB list on an axis (2,096,501 items, over 100,000) is
# refused before it is copied; a 4 MiB JSON list parses within the memory limit.
{ printf '[sweep]\nnetwork.streams = [1'; head -c 2096500 /dev/zero | sed 's/\x0/,1/g'; printf ']\n'; } >"$work/list.toml"
expect_bad "a 4 MiB list on an axis" "sweep.network.streams: a list of 2,096,501 values, over the limit of 100,000" sweep "$work/list.toml"
{ printf '[0'; head -c 2097000 /dev/zero | sed 's/\x0/,0/g'; printf ']'; } >"$work/list.json"
expect_bad "a 4 MiB JSON list as the iperf3 result" "list.json" calibrate "$work/list.json"

# --- ranges and grids: sized before any value is made ---
sweep_file() { { printf '[sweep]\n'; printf '%s\n' "$@"; } >"$work/s.toml"; }
sweep_file 'network.rtt = { from = "1 ms", to = "1 s", steps = 9223372036854775807 }'
expect_bad "steps = 2^63 - 1" "sweep.network.rtt.steps: 9223372036854775807 is over the limit of 100,000" sweep "$work/s.toml"
sweep_file 'network.rtt = { from = "1 ms", to = "1 s", steps = 10000000 }'
expect_bad "steps = 10^7" "sweep.network.rtt.steps: 10000000 is over the limit of 100,000" sweep "$work/s.toml"
# An integer key: 1 to 3 in 10^10 steps is the 3 whole numbers (a header and 3 rows).
sweep_file 'network.streams = { from = 1, to = 3, steps = 1e10 }' '[output]' 'columns = ["network.streams"]'
expect_ok "integer key, 10^10 steps, 3 values" '^network.streams' sweep "$work/s.toml" --format csv
if [ "$(tr -d '\r' <"$work/out" | tr '\n' ' ')" = "network.streams 1 2 3 " ]; then ok; else fail "integer key, 10^10 steps: $(cat "$work/out")"; fi
sweep_file 'network.streams = { from = 1, to = 1000000, steps = 1e10 }'
expect_bad "integer key, 10^6 whole numbers" "(1,000,000 whole numbers from 1 to 1,000,000)" sweep "$work/s.toml"
# 100,000 x 100,000 = 10^10 points, over 10^9 even with --yes.
sweep_file 'network.rtt = { from = "1 ms", to = "1 s", steps = 100000 }' \
  'network.loss = { from = 0, to = 0.01, steps = 100000 }'
expect_bad "a grid over 10^9 points with --yes" "the grid has 10,000,000,000 points, over the limit of 1,000,000,000" \
  sweep "$work/s.toml" --yes --format csv
# A pivot of 1,001 x 1,000 = 1,001,000 cells, over 1,000,000.
sweep_file 'network.rtt = { from = "1 ms", to = "1 s", steps = 1001 }' \
  'network.loss = { from = 0, to = 0.01, steps = 1000 }' '[output]' \
  'pivot = { rows = "network.rtt", columns = "network.loss", value = "network.time_s" }'
expect_bad "a pivot over 10^6 cells" "output.pivot: a pivot of 1,001,000 cells" sweep "$work/s.toml" --yes --format csv

# --- threads ---
expect_bad "--threads 100000" "--threads: 100,000 is over the limit of 256" sweep "$SRC/configs/sweep-network.toml" --threads 100000
expect_bad "--threads in a table" "--threads" table transfer --threads 257
# 100 x 1,000 = 100,000 rows in 25 chunks; the output of one thread is the reference.
sweep_file 'network.rtt = { from = "1 ms", to = "1 s", steps = 100 }' \
  'network.loss = { from = 0, to = 0.01, steps = 1000 }'
"$HAUL" sweep "$work/s.toml" --format csv --threads 1 -o "$work/one.csv" 2>/dev/null
# Threads that cannot be created: stacks as large as the address space left (ulimit -s) make
# pthread_create fail after a few threads or at once; the threads that started, or the calling
# thread alone, do the work. (RLIMIT_NPROC does not bind root, so prlimit --nproc is tried only
# for other users.)
if [ "$mem_kb" = unlimited ]; then
  echo "note: thread-creation failures skipped (they need the memory limit)"
else
  for stack_kb in 100000 600000; do
    rm -f "$work/few.csv"
    start=$(date +%s%N)
    (ulimit -v "$mem_kb" && ulimit -s "$stack_kb" &&
      exec timeout 5 "$HAUL" sweep "$work/s.toml" --format csv --threads 64 -o "$work/few.csv") 2>"$work/err"
    status=$?
    elapsed_ms=$((($(date +%s%N) - start) / 1000000))
    name="threads that cannot start (ulimit -s $stack_kb)"
    temps=("$work"/.few.csv.*)
    if timed "$name" && [ "$status" -eq 0 ] && cmp -s "$work/one.csv" "$work/few.csv" &&
      [ ! -e "${temps[0]}" ]; then ok; else
      fail "$name: exit $status, $(head -c 300 "$work/err")"
    fi
  done
fi
if [ "$(id -u)" -ne 0 ] && command -v prlimit >/dev/null; then
  rm -f "$work/few.csv"
  prlimit --nproc=1 "$HAUL" sweep "$work/s.toml" --format csv --threads 8 -o "$work/few.csv" 2>"$work/err"
  status=$?
  if [ "$status" -eq 0 ] && cmp -s "$work/one.csv" "$work/few.csv"; then ok; else fail "prlimit --nproc=1: exit $status, $(head -c 300 "$work/err")"; fi
else
  echo "note: prlimit --nproc skipped (running as root, which RLIMIT_NPROC does not bind, or no prlimit)"
fi

# --- drives ---
expect_bad "a 1 B drive" "ship.capacity: drives of 1 B need" compare --set 'ship.capacity=1 B'
expect_bad "a 1 B drive names data.size" "80 TB (data.size), over the limit of 10,000,000" compare --set 'ship.capacity=1 B' --data 80TB
expect_bad "drives given over the limit" "ship.drives: 20,000,000 drives is over the limit" compare --drives 20000000
expect_bad "an erasure set over 256 drives" "ship.redundancy: \"255+2\" is a set of 257 drives" compare --redundancy 255+2
sweep_file 'data.size = ["1 TB", "1000 EB"]'
expect_bad "a sweep row over the drive limit" "row 2 of the sweep (data.size = \"1000 EB\"): ship.capacity" sweep "$work/s.toml"

# --- breakeven columns count against the --yes budget: 20,000 rows x (1 + 100) = 2,020,000 ---
sweep_file 'network.rtt = { from = "1 ms", to = "1 s", steps = 20000 }' '[output]' \
  'columns = ["network.rtt", "breakeven.size_bytes"]'
expect_bad "breakeven columns without --yes" "20,000 points and 1 breakeven column" sweep "$work/s.toml" --format csv
sweep_file 'network.rtt = { from = "1 ms", to = "1 s", steps = 20000 }' '[output]' \
  'columns = ["network.rtt", "breakeven.bandwidth_bps"]'
expect_ok "breakeven columns with --yes" '^network.rtt_s,breakeven.bandwidth_bps' sweep "$work/s.toml" --format csv --yes

# --- text that would cost its length squared or overflow a parser's stack ---
python3 -c "print('a' + '.a' * 40000 + ' = 1')" >"$work/deep-key.toml"
expect_bad "a key of 40,000 dotted parts" "a key of more than 64 dotted parts" compare "$work/deep-key.toml"
python3 -c "print('[a' + '.a' * 40000 + ']')" >"$work/deep-header.toml"
expect_bad "a table header of 40,000 dotted parts" "deep-header.toml:1:" catalog --catalog "$work/deep-header.toml"
printf '[network]\nrtt = "1 %s s"\n' "$(head -c 4000000 /dev/zero | tr '\0' m)" >"$work/long-unit.toml"
expect_bad "a 4 MB unit word" "network.rtt" compare "$work/long-unit.toml"
printf '[network]\nbandwidth = "1 %sbps"\n' "$(head -c 4000000 /dev/zero | tr '\0' G)" >"$work/long-prefix.toml"
expect_bad "a 4 MB unit prefix" "network.bandwidth" compare "$work/long-prefix.toml"
# Many workers under the memory limit: a sweep with a worker a core on a large machine.
cat >"$work/wide.toml" <<'T'
[sweep]
network.bandwidth = { from = "100 Mbps", to = "100 Gbps", steps = 1000, scale = "log" }
network.rtt = { from = "1 ms", to = "300 ms", steps = 900 }
T
if [ "$mem_kb" != unlimited ]; then
  expect_ok "16 workers within the memory limit" "^network.bandwidth_bps," sweep "$work/wide.toml" --format csv --yes --threads 16
fi

# --- Monte Carlo (MODEL.md section 11): samples, samples x routes, a sweep's sample plans ---
expect_bad "10^7 samples" "uncertainty.samples" compare --example seed --samples 10000000
{
  printf '[ship]\ndrive_loss = 0.01\n'
  for i in $(seq 1 10); do printf '[route.r%d]\nkind = "network"\n' "$i"; done
} >"$work/many-routes.toml"
expect_bad "10^6 samples of 12 routes" "uncertainty.samples" compare "$work/many-routes.toml" --samples 1000000
# 4,000 one-drive trips (4 TB on 1 GB drives), each held half the time: 2,000 held trips a sample are
# drawn by the normal past a thousand, so 10^4 samples stay fast.
expect_ok "4,000 trips held half the time" "^wins on time" compare --data 4TB --set ship.capacity=1GB --set ship.per_courier=1 \
  --set ship.hold_probability=0.5 --set 'ship.hold={dist="uniform", min="0 h", max="2 h"}'
sweep_file 'network.bandwidth = { from = "1 Gbps", to = "100 Gbps", steps = 101 }' \
  'network.rtt = { from = "1 ms", to = "300 ms", steps = 100 }' '[output]' \
  'columns = ["network.rtt", "uncertainty.p_win_time.ship"]'
printf '[ship]\ndrive_loss = 0.01\n' >>"$work/s.toml"
expect_bad "10^8 sample plans without --yes" "[uncertainty] samples" sweep "$work/s.toml" --format csv

echo "limits: $passed passed, $failed failed; slowest case $slowest ms ($slowest_name); memory limit: $([ "$mem_kb" = unlimited ] && echo none || echo "$mem_kb KB")"
[ "$failed" -eq 0 ]
