#!/usr/bin/env bash
# haul calibrate as a user meets it, on documents that are not sensible iperf3 results: each is
# refused with one line on stderr that names the JSON field, exit 2, no output; and the --set lines
# it prints for every document it accepts are accepted by `haul compare`. Called by ctest with HAUL
# (the binary) and SRC (the source tree), like cli_test.sh.
set -u
source "$(dirname "$0")/lib.sh"

# Here a bad input's stderr also holds no control character other than the final newline (an ESC
# would reach the terminal).
bad_stderr_also() {
  if LC_ALL=C tr -d '\n' <"$work/err" | LC_ALL=C grep -q '[[:cntrl:]]'; then
    fail "$1: a control character on stderr: $(cat -v "$work/err")"
    return 1
  fi
}

# A hand-made client result in iperf3's shape, two streams of cubic for 120 s: 260,640,000 bytes
# sent (17,376,000 bit/s) = 180,000 segments of 1448 B, 180 of them sent again (p = 180 / 180,180
# = 0.000999), mean RTT (50 + 52) / 2 = 51 ms; 17,359,433 bit/s received, which cubic's loss limit
# at that loss and RTT explains.
cat >"$work/base.json" <<'EOF'
{"start": {"tcp_mss_default": 1448,
           "test_start": {"protocol": "TCP", "num_streams": 2, "reverse": 0, "omit": 5}},
 "intervals": [{"streams": [{"socket": 5, "rtt": 50000, "sender": true},
                            {"socket": 7, "rtt": 52000, "sender": true}]}],
 "end": {"streams": [
           {"sender": {"socket": 5, "bytes": 130320000, "retransmits": 90, "min_rtt": 49000, "mean_rtt": 50000, "sender": true}},
           {"sender": {"socket": 7, "bytes": 130320000, "retransmits": 90, "min_rtt": 51000, "mean_rtt": 52000, "sender": true}}],
         "sum_sent": {"seconds": 120, "bytes": 260640000, "bits_per_second": 17376000, "retransmits": 180, "sender": true},
         "sum_received": {"seconds": 120.05, "bytes": 260500000, "bits_per_second": 17359433, "sender": true},
         "sender_tcp_congestion": "cubic", "receiver_tcp_congestion": "cubic"}}
EOF

# variant NAME SED-SCRIPT: $work/NAME.json, the base with SED-SCRIPT applied (which must change it).
variant() {
  sed -e "$2" "$work/base.json" >"$work/$1.json"
  if cmp -s "$work/base.json" "$work/$1.json"; then fail "variant $1: '$2' changed nothing"; fi
}

expect_ok "calibrate the base document" "fits +cubic" calibrate "$work/base.json"

# --- every number is checked for sense: the field, the value, the expected form ---
variant rate-subnormal 's/"bits_per_second": 17359433/"bits_per_second": 5e-324/'
expect_bad "received rate 5e-324" "end.sum_received.bits_per_second: 5e-324 (expected a throughput > 0" calibrate "$work/rate-subnormal.json"
variant rate-negative 's/"bits_per_second": 17359433/"bits_per_second": -5e6/'
expect_bad "received rate -5e6" "end.sum_received.bits_per_second: -5000000" calibrate "$work/rate-negative.json"
variant rate-zero 's/"bits_per_second": 17359433/"bits_per_second": 0/'
expect_bad "received rate 0" "end.sum_received.bits_per_second: 0" calibrate "$work/rate-zero.json"
variant rate-huge 's/"bits_per_second": 17359433/"bits_per_second": 1e300/'
expect_bad "received rate 1e300" "end.sum_received.bits_per_second: 1e+300" calibrate "$work/rate-huge.json"
variant sent-negative 's/"bits_per_second": 17376000/"bits_per_second": -5e6/'
expect_bad "sent rate -5e6" "end.sum_sent.bits_per_second: -5000000" calibrate "$work/sent-negative.json"
variant sent-string 's/"bits_per_second": 17376000/"bits_per_second": "fast"/'
expect_bad "sent rate as text" 'end.sum_sent.bits_per_second: "fast"' calibrate "$work/sent-string.json"
variant seconds-zero 's/"seconds": 120.05/"seconds": 0/'
expect_bad "seconds 0" "end.sum_received.seconds: 0 (expected a duration" calibrate "$work/seconds-zero.json"
variant seconds-subnormal 's/"seconds": 120.05/"seconds": 4e-320/'
expect_bad "seconds subnormal" "end.sum_received.seconds: 4e-320" calibrate "$work/seconds-subnormal.json"
variant bytes-zero 's/"bytes": 260640000/"bytes": 0/'
expect_bad "sent bytes 0" "end.sum_sent.bytes: 0 (expected a whole number of bytes from 1 to 1e20)" calibrate "$work/bytes-zero.json"
variant bytes-fraction 's/"bytes": 260640000/"bytes": 1448.5/'
expect_bad "sent bytes 1448.5" "end.sum_sent.bytes: 1448.5" calibrate "$work/bytes-fraction.json"
variant retransmits-negative 's/"retransmits": 180/"retransmits": -3/'
expect_bad "retransmits -3" "end.sum_sent.retransmits: -3 (expected a whole number >= 0)" calibrate "$work/retransmits-negative.json"
variant retransmits-half 's/"retransmits": 180/"retransmits": 0.5/'
expect_bad "retransmits 0.5" "end.sum_sent.retransmits: 0.5" calibrate "$work/retransmits-half.json"
# 1e30 retransmits beside 180,000 segments: a loss rate of exactly 1 in doubles
variant retransmits-absurd 's/"retransmits": 180/"retransmits": 1e30/'
expect_bad "retransmits 1e30" "end.sum_sent.retransmits: 1e+30 (expected a number the data sent can explain" calibrate "$work/retransmits-absurd.json"
variant rtt-negative 's/"mean_rtt": 52000/"mean_rtt": -52000/'
expect_bad "mean RTT -52000" "end.streams[1].sender.mean_rtt: -52000 (expected a round-trip time in microseconds" calibrate "$work/rtt-negative.json"
variant rtt-absurd 's/"mean_rtt": 50000/"mean_rtt": 1e300/'
expect_bad "mean RTT 1e300 us" "end.streams[0].sender.mean_rtt: 1e+300" calibrate "$work/rtt-absurd.json"
variant rtt-subnormal 's/"min_rtt": 51000/"min_rtt": 5e-324/'
expect_bad "min RTT 5e-324" "end.streams[1].sender.min_rtt: 5e-324" calibrate "$work/rtt-subnormal.json"
variant mss-small 's/"tcp_mss_default": 1448/"tcp_mss_default": 12/'
expect_bad "MSS 12" "start.tcp_mss_default: 12 (expected a whole number of bytes from 88 to 65535" calibrate "$work/mss-small.json"
variant mss-set 's/"tcp_mss_default": 1448/"tcp_mss": 100000/'
expect_bad "-M 100000" "start.tcp_mss: 100000" calibrate "$work/mss-set.json"
variant streams-zero 's/"num_streams": 2/"num_streams": 0/'
expect_bad "0 streams" "start.test_start.num_streams: 0 (expected a whole number of streams from 1 to 128" calibrate "$work/streams-zero.json"
variant streams-many 's/"num_streams": 2/"num_streams": 1e9/'
expect_bad "1e9 streams" "start.test_start.num_streams: 1000000000" calibrate "$work/streams-many.json"

# --- runs calibrate cannot read: UDP, --bidir ---
variant udp 's/"protocol": "TCP"/"protocol": "UDP"/'
expect_bad "UDP run" 'start.test_start.protocol: "UDP" (expected "TCP"' calibrate "$work/udp.json"
variant bidir-flag 's/"omit": 5/"omit": 5, "bidir": 1/'
expect_bad "bidir flag" "start.test_start.bidir: 1 (expected a one-way test" calibrate "$work/bidir-flag.json"
variant bidir-sums 's/"sender_tcp_congestion"/"sum_received_bidir_reverse": {"bits_per_second": 1e6}, "sender_tcp_congestion"/'
expect_bad "bidir sums" "end.sum_received_bidir_reverse: present" calibrate "$work/bidir-sums.json"
variant bidir-streams '/"socket": 7, "bytes"/s/"sender": true}/"sender": false}/'
expect_bad "bidir streams" "end.streams[1].sender.sender: false where end.streams[0].sender.sender is true" calibrate "$work/bidir-streams.json"
variant bidir-intervals 's/"socket": 7, "rtt": 52000, "sender": true/"socket": 7, "rtt": 52000, "sender": false/'
expect_bad "bidir intervals" "intervals[0].streams[1].sender: false" calibrate "$work/bidir-intervals.json"
expect_bad "bidir, as iperf3 3.12 writes it" "calibrate-bidir.json: end.sum_sent_bidir_reverse: present" \
  calibrate "$SRC/tests/data/calibrate-bidir.json"
# -R is read: the rate and the loss, no RTT (the receiving client has none)
expect_ok "reverse run" "reverse \(-R\)" calibrate "$SRC/tests/data/calibrate-reverse.json"
expect_ok "reverse run: no RTT setting" "^ --set network.measured_rate=17.1Mbps --set network.loss=0.00107 --set network.streams=2 --set network.congestion=reno$" \
  calibrate "$SRC/tests/data/calibrate-reverse.json"

# --- text from the document is quoted: escaped, one line, cut at 200 bytes ---
printf '{"error": "unable to connect\\n\\u001b[31mto server\\u001b[0m"}' >"$work/err-escapes.json"
expect_bad "iperf3 error with escapes" 'not a result: "unable to connect\n\x1b[31mto server\x1b[0m"' calibrate "$work/err-escapes.json"
printf '{"error": "%s"}' "$(printf 'e%.0s' $(seq 1 5000))" >"$work/err-long.json"
expect_bad "iperf3 error of 5000 characters" 'not a result: "eeee' calibrate "$work/err-long.json"
if [ "$(wc -c <"$work/err")" -gt 300 ]; then fail "long iperf3 error: $(wc -c <"$work/err") bytes on stderr"; else ok; fi
printf '{"error": "bad \xff\xc2\x9b byte"}' >"$work/err-bytes.json"
expect_bad "iperf3 error with a bad byte and a C1 CSI" 'not a result: "bad \xff\u009b byte"' calibrate "$work/err-bytes.json"
variant udp-escape 's/"protocol": "TCP"/"protocol": "U\\u001b]0;title\\u0007DP"/'
expect_bad "protocol with an escape" 'start.test_start.protocol: "U\x1b]0;title\x07DP"' calibrate "$work/udp-escape.json"
variant cc-escape 's/"sender_tcp_congestion": "cubic"/"sender_tcp_congestion": "\\u001b[2Jcubic"/'
expect_bad "congestion name with an escape" 'end.sender_tcp_congestion: "\x1b[2Jcubic"' calibrate "$work/cc-escape.json"

# --- what it prints, haul compare accepts: every fixture and the edges of every range ---
variant edge-1bps 's/"bits_per_second": 17359433/"bits_per_second": 1/'
variant edge-1pbps 's/"bits_per_second": 17359433/"bits_per_second": 1e15/'
variant edge-rtt-1us 's/"min_rtt": [0-9]*, "mean_rtt": [0-9]*/"min_rtt": 1, "mean_rtt": 1/g'
variant edge-rtt-100s 's/"min_rtt": [0-9]*, "mean_rtt": [0-9]*/"min_rtt": 1e8, "mean_rtt": 1e8/g'
variant edge-loss-near-1 's/"retransmits": 180,/"retransmits": 1000000000000,/'
variant edge-no-loss 's/"retransmits": 180,/"retransmits": 0,/'
variant edge-no-retransmits 's/"retransmits": 180,/"retransmits": null,/'
variant edge-no-rtt 's/"min_rtt": [0-9]*, "mean_rtt": [0-9]*/"min_rtt": 0, "mean_rtt": 0/g'
variant edge-streams-128 's/"num_streams": 2/"num_streams": 128/; s/"tcp_mss_default": 1448/"tcp_mss": 88/'
variant edge-mss-max 's/"tcp_mss_default": 1448/"tcp_mss_default": 65535/'
for doc in "$SRC"/tests/data/iperf3-*.json "$SRC/tests/data/calibrate-reverse.json" "$work/base.json" "$work"/edge-*.json; do
  name=$(basename "$doc")
  if ! "$HAUL" calibrate "$doc" >"$work/out" 2>"$work/err"; then fail "feed back $name: calibrate exit $? ($(cat "$work/err"))"; continue; fi
  settings=$(tail -1 "$work/out")
  case "$settings" in " --set network.measured_rate="*) ;; *) fail "feed back $name: last line is not the settings: $settings"; continue ;; esac
  # shellcheck disable=SC2086
  if "$HAUL" compare $settings >"$work/out" 2>"$work/err"; then ok; else fail "feed back $name: compare $settings: exit $? ($(cat "$work/err"))"; fi
  # the JSON's settings are the same keys
  "$HAUL" calibrate "$doc" --format json >"$work/json" 2>&1 || fail "feed back $name: --format json"
  if grep -q '"measured_rate": ' "$work/json"; then ok; else fail "feed back $name: no measured_rate in JSON"; fi
done
expect_ok "1 Pbps prints as Pbps" "network.measured_rate=1Pbps " calibrate "$work/edge-1pbps.json"
expect_ok "1 bps prints as bps" "network.measured_rate=1bps " calibrate "$work/edge-1bps.json"
expect_ok "a loss of 0.999999 prints below 1" "network.loss=0.999 " calibrate "$work/edge-loss-near-1.json"

echo "calibrate cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
