#!/usr/bin/env bash
# Where -o writes: through symbolic links to their target, whole or not at all, never onto a
# directory, a FIFO, a device node's name or an input; a failed write (a full device, a file size
# limit, a signal) is exit 1 or 128+N with one line, the earlier file unchanged and no temporary
# file left. Called by ctest with HAUL (the binary) and SRC (the source tree); runs as root or not.
set -u
ulimit -c 0  # SIGQUIT and SIGXCPU end haul with their default action: no core files
source "$(dirname "$0")/lib.sh"
umask 022
root=$([ "$(id -u)" -eq 0 ] && echo yes || echo no)

# expect_refused NAME KEY ARGS...: exit 1 within 5 s (a FIFO must not block), exactly one line on
# stderr that names KEY, nothing on stdout.
expect_refused() {
  local name=$1 key=$2; shift 2
  timeout 5 "$HAUL" "$@" >"$work/out" 2>"$work/err"
  local status=$?
  local lines
  lines=$(wc -l <"$work/err")
  if [ "$status" -ne 1 ]; then fail "$name: exit $status, expected 1 ($(head -c 300 "$work/err"))"; return; fi
  if [ "$lines" -ne 1 ]; then fail "$name: $lines lines on stderr, expected 1: $(cat "$work/err")"; return; fi
  if ! grep -qF -- "$key" "$work/err"; then fail "$name: stderr does not name '$key': $(cat "$work/err")"; return; fi
  if [ -s "$work/out" ]; then fail "$name: wrote to stdout"; return; fi
  ok
}

# No temporary file (.NAME.XXXXXX) left anywhere under the work folder.
no_temp() { [ -z "$(find "$work" -name '.*.??????' -print -quit)" ]; }

# A user's file and what it held before.
earlier() { printf 'earlier,contents\r\n' >"$1"; cp "$1" "$work/before"; }
unchanged() { cmp -s "$1" "$work/before"; }

# The output of haul compare, as the reference for what -o writes.
"$HAUL" compare >"$work/compare.txt" 2>/dev/null || fail "haul compare"

# --- a symbolic link: its target is written, atomically beside it; the link stays a link ---
mkdir "$work/data" "$work/links"
earlier "$work/data/plan.txt"
chmod 0600 "$work/data/plan.txt"
ln -s ../data/plan.txt "$work/links/plan.txt"  # relative: relative to the link's folder
ln -s "$work/links/plan.txt" "$work/chain.txt" # a chain of two links
if "$HAUL" compare -o "$work/chain.txt" 2>"$work/err" && [ -L "$work/chain.txt" ] && [ -L "$work/links/plan.txt" ] &&
   cmp -s "$work/data/plan.txt" "$work/compare.txt"; then ok; else fail "-o through links: $(cat "$work/err")"; fi
mode=$(stat -c %a "$work/data/plan.txt")
if [ "$mode" = 600 ]; then ok; else fail "-o through a link: mode $mode, expected 600 kept"; fi
if no_temp; then ok; else fail "-o through a link left a temporary file"; fi
# A file written directly keeps its mode too.
earlier "$work/private.txt"
chmod 0640 "$work/private.txt"
"$HAUL" compare -o "$work/private.txt" 2>/dev/null
mode=$(stat -c %a "$work/private.txt")
if [ "$mode" = 640 ]; then ok; else fail "-o onto a 0640 file: mode $mode"; fi
# As root the owner and group are kept too (another user's file stays theirs).
if [ "$root" = yes ]; then
  earlier "$work/theirs.txt"
  chown 65534:65534 "$work/theirs.txt"
  ln -s theirs.txt "$work/theirs.link"
  "$HAUL" compare -o "$work/theirs.link" 2>/dev/null
  owner=$(stat -c %u:%g "$work/theirs.txt")
  if [ "$owner" = 65534:65534 ] && cmp -s "$work/theirs.txt" "$work/compare.txt"; then ok; else fail "-o as root: owner $owner, expected 65534:65534 kept"; fi
fi
# Bad input through a link writes nothing: link and target unchanged.
earlier "$work/data/plan.txt"
"$HAUL" compare --rtt 100mss -o "$work/chain.txt" >/dev/null 2>&1
if [ $? -eq 2 ] && [ -L "$work/chain.txt" ] && unchanged "$work/data/plan.txt" && no_temp; then ok; else fail "bad input through a link"; fi

# A dangling link: the file it names is created (0666 less the umask), the link stays.
ln -s new.txt "$work/dangling"
if "$HAUL" compare -o "$work/dangling" 2>"$work/err" && [ -L "$work/dangling" ] && cmp -s "$work/new.txt" "$work/compare.txt" &&
   [ "$(stat -c %a "$work/new.txt")" = 644 ]; then ok; else fail "dangling link: $(cat "$work/err")"; fi

# A link loop: one line, exit 1, nothing created.
ln -s loop.b "$work/loop.a"
ln -s loop.a "$work/loop.b"
expect_refused "a link loop" "-o $work/loop.a" compare -o "$work/loop.a"
if [ -L "$work/loop.a" ] && [ -L "$work/loop.b" ] && no_temp; then ok; else fail "a link loop changed the links"; fi

# The devices and descriptors used below: the system's as a user (who cannot replace them); copies
# in the work folder as root (see "devices and descriptors").
dev_stdin=/dev/stdin dev_stdout=/dev/stdout dev_null=/dev/null dev_full=/dev/full
if [ "$root" = yes ]; then
  dev_stdin=$work/stdin dev_stdout=$work/stdout dev_null=$work/null dev_full=$work/full
  ln -s /proc/self/fd/0 "$dev_stdin"
  ln -s /proc/self/fd/1 "$dev_stdout"
  # Without CAP_MKNOD (some containers) the device cases are skipped.
  mknod "$dev_null" c 1 3 2>/dev/null && mknod "$dev_full" c 1 7 2>/dev/null || dev_null= dev_full=
fi

# --- what is not a file is refused with one line, before any work (even for bad input) ---
mkdir "$work/folder"
ln -s folder "$work/folder.link"
expect_refused "a directory" "is a directory" compare -o "$work/folder"
expect_refused "a link to a directory" "is a directory" compare -o "$work/folder.link"
expect_refused "a missing directory" "-o $work/nowhere/" compare -o "$work/nowhere/"
mkfifo "$work/fifo"
expect_refused "a FIFO, no reader" "named pipe" compare -o "$work/fifo"
expect_refused "a FIFO, bad input" "named pipe" compare --rtt 100mss -o "$work/fifo"
if [ -p "$work/fifo" ]; then ok; else fail "the FIFO was replaced"; fi
expect_refused "an empty name" "-o: an empty file name" compare -o ""
# A block device node made here (major 240 is for local use: no driver behind it), so that a
# regression cannot write to a real disk.
if [ "$root" = yes ] && mknod "$work/block" b 240 0 2>/dev/null; then
  expect_refused "a block device" "block device" compare -o "$work/block"
  if [ -b "$work/block" ]; then ok; else fail "the block device was replaced"; fi
fi
expect_refused "stdin, read only" "reading only" compare -o "$dev_stdin" </dev/null
if [ "$root" = no ]; then  # root may write anything
  earlier "$work/readonly.txt"
  chmod 0444 "$work/readonly.txt"
  expect_refused "a file we may not write" "-o $work/readonly.txt" compare -o "$work/readonly.txt"
  if unchanged "$work/readonly.txt"; then ok; else fail "a read-only file was replaced"; fi
fi

# --- an input file is never the output ---
cp "$SRC/configs/appliance-vs-upload.toml" "$work/scenario.toml"
cp "$work/scenario.toml" "$work/scenario.before"
ln -s scenario.toml "$work/scenario.link"
ln "$work/scenario.toml" "$work/scenario.hard"
expect_refused "-o the input scenario" "is the input file $work/scenario.toml" compare "$work/scenario.toml" -o "$work/scenario.toml"
expect_refused "-o a link to the input" "-o $work/scenario.link" compare "$work/scenario.toml" -o "$work/scenario.link"
expect_refused "-o a hard link to the input" "-o $work/scenario.hard" compare --config "$work/scenario.link" -o "$work/scenario.hard"
expect_refused "-o the bad input scenario" "is the input file" compare "$work/scenario.toml" --rtt 100mss -o "$work/scenario.toml"
cp "$SRC/configs/catalog.toml" "$work/catalog.toml"
expect_refused "-o the catalog" "is the input file $work/catalog.toml" catalog --catalog "$work/catalog.toml" -o "$work/catalog.toml"
cp "$SRC/configs/sweep-network.toml" "$work/sweep.toml"
expect_refused "-o the sweep file" "is the input file $work/sweep.toml" sweep "$work/sweep.toml" --format csv -o "$work/sweep.toml"
cp "$SRC/tests/data/iperf3-bbr-100ms-1pct.json" "$work/iperf3.json"
expect_refused "-o the iperf3 result" "is the input file $work/iperf3.json" calibrate "$work/iperf3.json" -o "$work/iperf3.json"
if cmp -s "$work/scenario.toml" "$work/scenario.before" && [ -L "$work/scenario.link" ] &&
   cmp -s "$work/iperf3.json" "$SRC/tests/data/iperf3-bbr-100ms-1pct.json"; then ok; else fail "an input was changed"; fi

# --- devices and descriptors are streams: written in place, never replaced ---
# As root a regression could replace the system's /dev/stdout or /dev/null, so root uses copies
# made here: a link to /proc/self/fd/1 (which /dev/stdout is) and device nodes of the same numbers.
if [ -n "$dev_full" ]; then
  expect_refused "-o /dev/full" "$dev_full: write failed" compare -o "$dev_full"
  "$HAUL" compare -o "$dev_null" >"$work/out" 2>"$work/err"
  if [ $? -eq 0 ] && [ ! -s "$work/out" ] && [ ! -s "$work/err" ]; then ok; else fail "-o /dev/null: $(cat "$work/err")"; fi
  if [ -c "$dev_null" ] && [ -c "$dev_full" ]; then ok; else fail "a device was replaced"; fi
fi
# /dev/stdout is stdout itself (a link to /proc/self/fd/1): written in place, never replaced.
"$HAUL" compare -o "$dev_stdout" >"$work/stdout.txt" 2>"$work/err"
if [ $? -eq 0 ] && cmp -s "$work/stdout.txt" "$work/compare.txt" && [ -L "$dev_stdout" ]; then ok; else fail "-o /dev/stdout: $(cat "$work/err")"; fi
printf 'first line\n' >"$work/appended.txt"
"$HAUL" compare -o "$dev_stdout" >>"$work/appended.txt" 2>/dev/null
if [ "$(head -1 "$work/appended.txt")" = "first line" ] && [ "$(wc -l <"$work/appended.txt")" -eq $(($(wc -l <"$work/compare.txt") + 1)) ]; then ok; else fail "-o /dev/stdout under >> did not append"; fi
if "$HAUL" compare -o "$dev_stdout" | cmp -s - "$work/compare.txt"; then ok; else fail "-o /dev/stdout into a pipe"; fi
ln -s /dev/fd/1 "$work/fd1.link"  # a link to a link to /proc/self/fd/1
"$HAUL" compare -o "$work/fd1.link" >"$work/fd1.txt" 2>"$work/err"
if [ $? -eq 0 ] && cmp -s "$work/fd1.txt" "$work/compare.txt" && [ -L "$work/fd1.link" ]; then ok; else fail "-o a link to /dev/fd/1: $(cat "$work/err")"; fi

# --- stdout that cannot be written: exit 1, one line ---
for args in "--help" "--version" "compare --help" "compare" "compare -o -"; do
  # shellcheck disable=SC2086
  "$HAUL" $args >/dev/full 2>"$work/err"
  status=$?
  if [ "$status" -eq 1 ] && [ "$(wc -l <"$work/err")" -eq 1 ] && grep -q "stdout: write failed" "$work/err"; then ok; else fail "haul $args >/dev/full: exit $status, $(cat "$work/err")"; fi
done

# --- a file size limit (SIGXFSZ, which haul ignores) is an ordinary write error ---
earlier "$work/limited.txt"
(ulimit -f 1; exec "$HAUL" compare -o "$work/limited.txt") 2>"$work/err"
status=$?
if [ "$status" -eq 1 ] && [ "$(wc -l <"$work/err")" -eq 1 ] && grep -q "File too large" "$work/err" &&
   unchanged "$work/limited.txt" && no_temp; then ok; else fail "ulimit -f, compare: exit $status, $(cat "$work/err")"; fi
(ulimit -f 1; exec "$HAUL" compare >"$work/limited.out") 2>"$work/err"
status=$?
if [ "$status" -eq 1 ] && grep -q "stdout: write failed (File too large)" "$work/err"; then ok; else fail "ulimit -f, stdout: exit $status, $(cat "$work/err")"; fi
earlier "$work/grid.csv"
(ulimit -f 64; exec "$HAUL" sweep "$SRC/benchmarks/sweep-1e7.toml" --format csv --yes -o "$work/grid.csv") 2>"$work/err"
status=$?
if [ "$status" -eq 1 ] && tail -1 "$work/err" | grep -q "grid.csv: write failed (File too large)" &&
   unchanged "$work/grid.csv" && no_temp; then ok; else fail "ulimit -f, sweep: exit $status, $(cat "$work/err")"; fi

# --- a signal ends the write: exit 128+N, the temporary file removed, the earlier file kept ---
# The job starts with every signal at its default (a background job in a script has SIGINT and
# SIGQUIT ignored, which haul respects); the signal is sent once the temporary
# file exists, so that the run is past the point where it takes over the signals.
for signal in QUIT ALRM USR1 USR2 HUP INT XCPU PIPE; do
  earlier "$work/grid.csv"
  (trap - INT QUIT; exec "$HAUL" sweep "$SRC/benchmarks/sweep-1e7.toml" --format csv --yes --threads 1 -o "$work/grid.csv") 2>/dev/null &
  pid=$!
  for _ in $(seq 200); do
    [ -n "$(find "$work" -maxdepth 1 -name '.grid.csv.*' -print -quit)" ] && break
    sleep 0.02
  done
  kill -s "$signal" "$pid" 2>/dev/null
  wait "$pid"
  status=$?
  expected=$((128 + $(kill -l "$signal")))
  if [ "$status" -eq "$expected" ] && unchanged "$work/grid.csv" && no_temp; then ok; else fail "SIG$signal: exit $status (expected $expected), earlier file changed or temp left"; fi
done

# Ctrl-C on a script running haul -o stops the script too: haul ends by the signal itself, so
# the shell knows (a plain exit(130) would let the script carry on).
if python3 - "$HAUL" "$SRC" "$work" <<'PY'
import os, signal, subprocess, sys, time
haul, src, work = sys.argv[1:4]
script = (f'"{haul}" sweep "{src}/benchmarks/sweep-1e7.toml" --format csv --yes --threads 1 '
          f'-o "{work}/ctrl-c.csv"; echo CONTINUED')
p = subprocess.Popen(["bash", "-c", script], start_new_session=True, stdout=subprocess.PIPE,
                     stderr=subprocess.DEVNULL,
                     preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
for _ in range(200):
    if any(f.startswith(".ctrl-c.csv.") for f in os.listdir(work)):
        break
    time.sleep(0.02)
os.killpg(p.pid, signal.SIGINT)
out, _ = p.communicate()
left = [f for f in os.listdir(work) if f.startswith(".ctrl-c.csv.")]
sys.exit(0 if b"CONTINUED" not in out and not left else 1)
PY
then ok; else fail "Ctrl-C on a script: the script carried on, or a temporary file was left"; fi

# Another user's file in a sticky folder cannot be renamed over: refused before any work.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
  sticky=$(mktemp -d)  # a folder of its own, reachable by the other user (the work folder is not)
  chmod 1777 "$sticky"
  echo keep >"$sticky/theirs.csv"
  chmod 666 "$sticky/theirs.csv"
  setpriv --reuid=65534 --regid=65534 --clear-groups "$HAUL" keys -o "$sticky/theirs.csv" >/dev/null 2>"$work/err"
  status=$?
  if [ "$status" -eq 1 ] && grep -q "sticky folder" "$work/err" && [ "$(cat "$sticky/theirs.csv")" = keep ] &&
    [ -z "$(find "$sticky" -name '.*' -print -quit)" ]; then ok; else fail "sticky folder: exit $status, $(cat "$work/err")"; fi
  rm -rf "$sticky"
fi

# A sweep's summary comes after the file is in place: a closed stderr does not undo the work.
"$HAUL" sweep "$SRC/configs/sweep-network.toml" --format csv -o "$work/closed-stderr.csv" 2>&1 | true
if [ -s "$work/closed-stderr.csv" ] && no_temp; then ok; else fail "a closed stderr lost the sweep's output"; fi

echo "output: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
