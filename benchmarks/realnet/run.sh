#!/usr/bin/env bash
# Real-TCP validation harness for haul's network model: iperf3 between two network namespaces joined
# by haul_linkemu (a userspace rate limit + drop-tail queue + delay + loss between two TUN devices).
# See benchmarks/realnet/README.md.
#
# usage: benchmarks/realnet/run.sh [--grid FILE] [--out DIR] [--quick] [--only REGEX] [--force]
#                                  [--dry-run] [--iperf-prio N] [--emu-prio N]
# Needs root. Builds nothing: the emulator comes from ${LINKEMU:-build/benchmarks/realnet/haul_linkemu}.
set -u -o pipefail

usage() {
  cat <<'EOF'
usage: benchmarks/realnet/run.sh [options]
  --grid FILE      points to run (default benchmarks/realnet/grid.txt); one per line:
                     rate_mbps rtt_ms loss cc streams duration_s [omit_s]
                   duration_s may be a size such as 100MB: that many bytes from a cold start
                   (slow start included), timed whole (iperf3 -n)
  --out DIR        results directory (default benchmarks/realnet/results, or .../results/quick)
  --quick          3 short points (about 10 s each): a smoke test (always reruns them)
  --only REGEX     run only the points whose name matches (grep -E), e.g. 'rtt300ms|_bbr_'
  --force          rerun points whose result already exists (default: skip them, so runs resume)
  --dry-run        list the points, their names and the expected time; run nothing
  --iperf-prio N   SCHED_FIFO priority for iperf3 (default 20; 0 = normal scheduling)
  --emu-prio N     SCHED_FIFO priority for haul_linkemu (default 50; 0 = normal scheduling)
Environment: LINKEMU (emulator binary), IPERF3 (default iperf3), PYTHON (default python3).
Each point writes NAME.json (iperf3 client --json), NAME.stats.json (emulator counters) and
NAME.params.json (the point and the check results) into the results directory.
EOF
}

msg() { printf 'realnet: %s\n' "$*" >&2; }

cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
HERE=benchmarks/realnet

GRID=$HERE/grid.txt
OUT=
QUICK=0
ONLY=
FORCE=0
DRY=0
IPERF_PRIO=20
EMU_PRIO=50
while [ $# -gt 0 ]; do
  case "$1" in
    --grid) GRID=${2:?--grid needs a file}; shift 2 ;;
    --out) OUT=${2:?--out needs a directory}; shift 2 ;;
    --quick) QUICK=1; FORCE=1; shift ;;
    --only) ONLY=${2:?--only needs a pattern}; shift 2 ;;
    --force) FORCE=1; shift ;;
    --dry-run) DRY=1; shift ;;
    --iperf-prio) IPERF_PRIO=${2:?--iperf-prio needs a number}; shift 2 ;;
    --emu-prio) EMU_PRIO=${2:?--emu-prio needs a number}; shift 2 ;;
    -h|--help) usage; exit 0 ;;
    *) msg "$1: unknown option (see --help)"; exit 2 ;;
  esac
done
if [ "$DRY" = 0 ] && [ "$(id -u)" -ne 0 ]; then
  echo "realnet: needs root (network namespaces and TUN devices); skipped"
  exit 0
fi
if [ -z "$OUT" ]; then
  if [ "$QUICK" = 1 ]; then OUT=$HERE/results/quick; else OUT=$HERE/results; fi
fi

LINKEMU=${LINKEMU:-build/benchmarks/realnet/haul_linkemu}
IPERF3=${IPERF3:-iperf3}
PYTHON=${PYTHON:-python3}
NS_C=haulc
NS_S=hauls
DEV_A=hauA
DEV_B=hauB
IP_C=10.77.0.1
IP_S=10.77.0.2

# ---- the points ---------------------------------------------------------------------------------
# Loss as a short tag for file names: 0.001 -> 1e-3, 2.5e-4 -> 2.5e-4, 0 -> 0.
loss_tag() { awk -v p="$1" 'BEGIN { if (p + 0 == 0) { print "0"; exit }
  s = sprintf("%.6e", p); split(s, a, "e"); printf "%ge%d\n", a[1] + 0, a[2] + 0 }'; }
# Default warm-up to leave out of the average: longer at long RTT where slow start takes longer.
default_omit() { awk -v r="$1" 'BEGIN { print (r <= 50 ? 3 : (r <= 150 ? 5 : 8)) }'; }

POINTS=()  # "rate rtt loss cc streams duration omit name"
add_point() {
  local rate=$1 rtt=$2 loss=$3 cc=$4 streams=$5 dur=$6 omit=${7:-}
  [ -n "$omit" ] || omit=$(default_omit "$rtt")
  local name
  name="bw${rate}M_rtt${rtt}ms_loss$(loss_tag "$loss")_${cc}_P${streams}"
  # A size instead of a duration (e.g. 100MB): a short transfer from a cold start, timed whole.
  if [[ $dur =~ MB$ ]]; then
    name="${name}_${dur}"
    omit=0
  fi
  POINTS+=("$rate $rtt $loss $cc $streams $dur $omit $name")
}
bad_line() { msg "$GRID:$1: $2"; exit 2; }
if [ "$QUICK" = 1 ]; then
  add_point 100 20 0 cubic 1 10 2
  add_point 100 50 1e-3 reno 2 10 2
  add_point 100 100 1e-2 bbr 2 10 3
else
  [ -r "$GRID" ] || { msg "$GRID: cannot read the grid"; exit 2; }
  lineno=0
  while IFS= read -r line || [ -n "$line" ]; do
    lineno=$((lineno + 1))
    line=${line%%#*}
    read -r -a f <<<"$line"
    [ ${#f[@]} -eq 0 ] && continue
    [ ${#f[@]} -eq 6 ] || [ ${#f[@]} -eq 7 ] ||
      bad_line $lineno "want: rate_mbps rtt_ms loss cc streams duration_s [omit_s]"
    [[ ${f[0]} =~ ^[0-9]+$ ]] || bad_line $lineno "rate_mbps: an integer"
    [[ ${f[1]} =~ ^[0-9]+$ ]] || bad_line $lineno "rtt_ms: an integer"
    [[ ${f[2]} =~ ^[0-9.]+([eE]-?[0-9]+)?$ ]] || bad_line $lineno "loss: a number"
    [[ ${f[3]} =~ ^(reno|cubic|bbr)$ ]] || bad_line $lineno "cc: reno, cubic or bbr"
    [[ ${f[4]} =~ ^[0-9]+$ ]] || bad_line $lineno "streams: an integer"
    [[ ${f[5]} =~ ^[0-9]+(MB)?$ ]] || bad_line $lineno "duration_s: an integer, or a size like 100MB"
    [ ${#f[@]} -eq 7 ] && { [[ ${f[6]} =~ ^[0-9]+$ ]] || bad_line $lineno "omit_s: an integer"; }
    add_point "${f[@]}"
  done <"$GRID"
fi
if [ -n "$ONLY" ]; then
  kept=()
  for p in "${POINTS[@]}"; do
    grep -Eq -- "$ONLY" <<<"${p##* }" && kept+=("$p")
  done
  POINTS=("${kept[@]}")
fi
[ ${#POINTS[@]} -gt 0 ] || { msg "no points to run"; exit 0; }

TODO=()
total_s=0
for p in "${POINTS[@]}"; do
  read -r rate rtt loss cc streams dur omit name <<<"$p"
  if [ "$FORCE" = 0 ] && [ -s "$OUT/$name.json" ]; then
    [ "$DRY" = 1 ] && printf 'done  %s\n' "$name"
    continue
  fi
  TODO+=("$p")
  [[ $dur =~ MB$ ]] && dur=30
  total_s=$((total_s + dur + omit + 5))  # + setup, pings and teardown
  [ "$DRY" = 1 ] && printf 'todo  %-40s %4ss + %ss warm-up\n' "$name" "$dur" "$omit"
done
msg "${#POINTS[@]} points, ${#TODO[@]} to run, about $(((total_s + 59) / 60)) min"
[ "$DRY" = 1 ] && exit 0
[ ${#TODO[@]} -gt 0 ] || exit 0

# ---- requirements: anything missing is a skip, not a failure ------------------------------------
for tool in ip "$IPERF3" "$PYTHON" awk; do
  command -v "$tool" >/dev/null 2>&1 || { echo "realnet: $tool not found; skipped"; exit 0; }
done
[ -c /dev/net/tun ] || { echo "realnet: /dev/net/tun missing (no TUN support); skipped"; exit 0; }
probe_ns="haulprobe$$"
if ! ip netns add "$probe_ns" 2>/dev/null; then
  echo "realnet: cannot create network namespaces (ip netns add failed); skipped"
  exit 0
fi
ip netns del "$probe_ns"
probe_dev="hauprobe$$"
if ! ip tuntap add dev "$probe_dev" mode tun 2>/dev/null; then
  echo "realnet: cannot create TUN devices (ip tuntap add failed); skipped"
  exit 0
fi
ip tuntap del dev "$probe_dev" mode tun 2>/dev/null
if [ ! -x "$LINKEMU" ]; then
  msg "$LINKEMU: not built; run: cmake --build build --target haul_linkemu (or set LINKEMU)"
  exit 1
fi
CHRT_EMU=()
CHRT_IPERF=()
if command -v chrt >/dev/null 2>&1; then
  if [ "$EMU_PRIO" -gt 0 ] && chrt -f "$EMU_PRIO" true 2>/dev/null; then
    CHRT_EMU=(chrt -f "$EMU_PRIO")
  fi
  if [ "$IPERF_PRIO" -gt 0 ] && chrt -f "$IPERF_PRIO" true 2>/dev/null; then
    CHRT_IPERF=(chrt -f "$IPERF_PRIO")
  fi
fi

# One harness at a time: the namespace and device names are fixed.
exec 9>/tmp/haul-realnet.lock
if command -v flock >/dev/null 2>&1 && ! flock -n 9; then
  msg "another run.sh holds /tmp/haul-realnet.lock"
  exit 1
fi

mkdir -p "$OUT" || exit 1
WORK=$(mktemp -d /tmp/haul-realnet.XXXXXX) || exit 1

# ---- setup and teardown -------------------------------------------------------------------------
EMU_PID=
SERVER_PID=
CLIENT_PID=
stop_pid() {  # stop_pid PID SIGNAL: signal it, give it 5 s, then kill it
  local pid=$1 sig=$2
  [ -n "$pid" ] || return 0
  kill -"$sig" "$pid" 2>/dev/null || return 0
  for _ in $(seq 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  return 0
}
teardown() {
  stop_pid "$CLIENT_PID" TERM; CLIENT_PID=
  stop_pid "$SERVER_PID" TERM; SERVER_PID=
  stop_pid "$EMU_PID" TERM; EMU_PID=  # TERM: it writes its counters
  local ns pid
  for ns in $NS_C $NS_S; do
    if ip netns list | grep -qw "$ns"; then
      for pid in $(ip netns pids "$ns" 2>/dev/null); do kill -KILL "$pid" 2>/dev/null; done
      ip netns del "$ns" 2>/dev/null
    fi
  done
}
on_exit() {
  teardown
  rm -rf "$WORK"
}
trap on_exit EXIT
trap 'msg "interrupted"; exit 130' INT
trap 'msg "terminated"; exit 143' TERM

# sysctl_check NS KEY VALUE: set it in the namespace and read it back.
sysctl_check() {
  local ns=$1 key=$2 want=$3 got
  ip netns exec "$ns" sysctl -q -w "$key=$want" >/dev/null 2>&1
  got=$(ip netns exec "$ns" sysctl -n "$key" 2>/dev/null | tr -s ' \t' '  ')
  if [ "$got" != "$want" ]; then
    msg "$ns: $key is '$got', wanted '$want'"
    return 1
  fi
}

setup() {  # setup RATE_MBPS RTT_MS LOSS SEED STATS_FILE: namespaces, emulator, addresses
  local rate=$1 rtt=$2 loss=$3 seed=$4 stats=$5 ns
  teardown
  ip netns add $NS_C && ip netns add $NS_S || return 1
  for ns in $NS_C $NS_S; do
    ip -n "$ns" link set lo up || return 1
    sysctl_check "$ns" net.ipv4.tcp_rmem "4096 131072 134217728" || return 1
    sysctl_check "$ns" net.ipv4.tcp_wmem "4096 65536 134217728" || return 1
    sysctl_check "$ns" net.ipv4.tcp_no_metrics_save 1 || return 1
  done
  local delay
  delay=$(awk -v r="$rtt" 'BEGIN { printf "%.9g", r / 2000 }')
  : >"$WORK/emu.out"
  "${CHRT_EMU[@]}" "$LINKEMU" --a $DEV_A --b $DEV_B --rate "${rate}M" --delay "$delay" \
    --loss "$loss" --seed "$seed" --stats "$stats" >"$WORK/emu.out" 2>"$WORK/emu.err" &
  EMU_PID=$!
  for _ in $(seq 100); do
    grep -q '^ready' "$WORK/emu.out" && break
    kill -0 "$EMU_PID" 2>/dev/null || break
    sleep 0.05
  done
  if ! grep -q '^ready' "$WORK/emu.out"; then
    msg "haul_linkemu did not start: $(head -c 300 "$WORK/emu.err")"
    return 1
  fi
  ip link set $DEV_A netns $NS_C && ip link set $DEV_B netns $NS_S || return 1
  ip -n $NS_C addr add $IP_C peer $IP_S dev $DEV_A || return 1
  ip -n $NS_S addr add $IP_S peer $IP_C dev $DEV_B || return 1
  # A long device queue: the TUN ring drops (no backpressure) if a GSO burst outruns the emulator.
  ip -n $NS_C link set $DEV_A txqueuelen 10000 up || return 1
  ip -n $NS_S link set $DEV_B txqueuelen 10000 up || return 1
}

# ---- the run ------------------------------------------------------------------------------------
msg "emulator $LINKEMU${CHRT_EMU[*]:+ under ${CHRT_EMU[*]}}; iperf3${CHRT_IPERF[*]:+ under ${CHRT_IPERF[*]}}; results in $OUT"
done_n=0
failed_n=0
index=0
for p in "${TODO[@]}"; do
  index=$((index + 1))
  read -r rate rtt loss cc streams dur omit name <<<"$p"
  seed=$(printf '%s' "$name" | cksum | awk '{ print $1 }')
  msg "[$index/${#TODO[@]}] $name: ${dur}s + ${omit}s warm-up ($(date +%H:%M:%S))"
  rm -f "$WORK"/*.json
  if ! setup "$rate" "$rtt" "$loss" "$seed" "$WORK/stats.json"; then
    msg "$name: setup failed"
    failed_n=$((failed_n + 1))
    continue
  fi

  # Round-trip check with small echoes (their serialisation is negligible): RTT ~ 2 * delay.
  ping_line=$(ip netns exec $NS_C "$PYTHON" $HERE/pingrtt.py $IP_S -c 5 -i 0.2 2>&1)
  ping_avg=$(awk '{ for (i = 1; i < NF; i++) if ($i == "avg") print $(i + 1) }' <<<"$ping_line")
  ping_min=$(awk '{ for (i = 1; i < NF; i++) if ($i == "min") print $(i + 1) }' <<<"$ping_line")
  ping_ok=$(awk -v m="${ping_min:-nan}" -v r="$rtt" \
    'BEGIN { d = m - r; if (d < 0) d = -d; print (m == m && d <= 1 + 0.05 * r) ? "true" : "false" }')
  if [ "$ping_ok" != true ]; then
    msg "$name: ping RTT ${ping_min:-none} ms (min) does not match $rtt ms: $ping_line"
  fi

  ip netns exec $NS_S "${CHRT_IPERF[@]}" "$IPERF3" -s -1 -B $IP_S >"$WORK/server.log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 100); do
    ip netns exec $NS_S ss -Hltn 'sport = :5201' 2>/dev/null | grep -q . && break
    sleep 0.05
  done
  if [[ $dur =~ MB$ ]]; then  # -n: this many bytes (iperf3's M is 2^20, so give bytes)
    length=(-n "$((${dur%MB} * 1000000))")
    bytes=$((${dur%MB} * 1000000))
    limit_s=600
  else
    length=(-t "$dur" -O "$omit")
    bytes=null
    limit_s=$((dur + omit + 60))
  fi
  ip netns exec $NS_C "${CHRT_IPERF[@]}" timeout "$limit_s" "$IPERF3" -c $IP_S \
    "${length[@]}" -P "$streams" -C "$cc" --json >"$WORK/client.json" 2>"$WORK/client.err" &
  CLIENT_PID=$!
  wait "$CLIENT_PID"
  client_rc=$?
  CLIENT_PID=
  stop_pid "$SERVER_PID" TERM; SERVER_PID=
  stop_pid "$EMU_PID" TERM; EMU_PID=

  check=$("$PYTHON" - "$WORK/client.json" <<'PY'
import json, sys
try:
    d = json.load(open(sys.argv[1]))
except Exception as e:
    print(f"unreadable iperf3 JSON: {e}"); sys.exit(1)
if d.get("error"):
    print(f"iperf3: {d['error']}"); sys.exit(1)
try:
    e = d["end"]
    print(f"{e['sum_received']['bits_per_second'] / 1e6:.2f} Mbit/s received, "
          f"{e['sum_sent'].get('retransmits', 0)} retransmits")
except KeyError as e:
    print(f"iperf3 JSON without {e}"); sys.exit(1)
PY
  )
  check_rc=$?
  if [ $client_rc -ne 0 ] || [ $check_rc -ne 0 ] || [ ! -s "$WORK/stats.json" ]; then
    msg "$name: failed (iperf3 exit $client_rc): $check $(head -c 300 "$WORK/client.err")"
    [ -s "$WORK/client.json" ] && cp "$WORK/client.json" "$OUT/$name.failed.json"
    failed_n=$((failed_n + 1))
    teardown
    continue
  fi
  cat >"$WORK/params.json" <<EOF
{"name": "$name", "rate_mbps": $rate, "rtt_ms": $rtt, "loss": $loss, "cc": "$cc", "streams": $streams,
 "duration_s": $([ "$bytes" = null ] && echo "$dur" || echo null), "bytes": $bytes, "omit_s": $omit, "seed": $seed,
 "ping_min_ms": ${ping_min:-null}, "ping_avg_ms": ${ping_avg:-null}, "ping_ok": $ping_ok,
 "emulator_sched": "${CHRT_EMU[*]:-normal}", "iperf_sched": "${CHRT_IPERF[*]:-normal}",
 "kernel": "$(uname -r)", "iperf3": "$("$IPERF3" --version 2>/dev/null | head -n 1)",
 "date": "$(date -u +%Y-%m-%dT%H:%M:%SZ)"}
EOF
  # The result file last, so that an interrupted point is rerun on resume.
  cp "$WORK/stats.json" "$OUT/$name.stats.json"
  cp "$WORK/params.json" "$OUT/$name.params.json"
  cp "$WORK/client.json" "$OUT/$name.json.tmp" && mv "$OUT/$name.json.tmp" "$OUT/$name.json"
  rm -f "$OUT/$name.failed.json"
  msg "$name: $check; ping ${ping_min:-?}/${ping_avg:-?} ms min/avg"
  done_n=$((done_n + 1))
  teardown
done
msg "finished: $done_n done, $failed_n failed, $((${#POINTS[@]} - ${#TODO[@]})) skipped (already there)"
[ $failed_n -eq 0 ]
