#!/usr/bin/env bash
# The command as a user meets it: runs the built haul on fixed inputs and checks exit status,
# stdout and stderr. Called by ctest with HAUL (the binary) and SRC (the source tree).
set -u
source "$(dirname "$0")/lib.sh"

# --- the default job: MODEL.md section 9 says shipping wins on time, as it did in practice ---
expect_ok "compare default" "Winner on time: ship" compare
expect_ok "compare default shows the network's binding limit" "bound by +loss" compare
# The seed's link: 1 Gbps x 0.8 x 1460 / 1538 = 759.43 Mbit/s of payload; cubic at 0.1 % loss and
# 100 ms, 633,393.09 B/s = 5.07 Mbit/s a stream (tests/model/network_test.cpp): 149.87, so 150.
expect_ok "compare default: streams to reach the link" \
  "^Streams: the network is loss-bound at 81\.1 Mbps \(5\.07 Mbps a stream\); 150 streams \(now 16\) would reach the link's payload rate, 759 Mbps\.$" compare
# The drives take 46.2 h = 166,400 s. At 1 Pbps, N streams take at least 0.1 + (8e13 / 633,393.09
# + 80,000 files * 1 rtt * 0.1 s) / N = 0.1 + (126,303,872.9 + 8,000) / N s: N >= 759.09, so 760
# (with slow start, 760 take 166,200.0 s and 759 take 166,419.0 s). The seed's own link carries
# 759.43 Mbit/s at most: 80 TB take at least 9.75 d on it, against 46.2 h, so a faster link is needed.
expect_ok "compare default: streams to arrive first" \
  "^Breakeven bandwidth: none; packet loss caps the network at 81\.1 Mbps at any bandwidth; 760 streams \(now 16\) would let it arrive first on a faster link\.$" compare
# The defaults: 1 Gbps x 1460 / 1538 = 949.28 Mbit/s of payload, 4 MiB / 100 ms = 335.54 Mbit/s a
# stream: 2.83, so 3.
expect_ok "network: streams to reach the link" \
  "^Streams: the network is window-bound at 336 Mbps \(336 Mbps a stream\); 3 streams \(now 1\)" network
expect_ok "compare default names both routes" "network +ship" compare
expect_ok "help has examples" "Examples:" --help
expect_ok "version" "^haul 1\.0\.0" --version
expect_ok "catalog lists presets" "hdd-24tb" catalog
expect_ok "catalog lists GPUs" "h100-sxm" catalog
expect_ok "network only" "bound by" network
expect_ok "ship only" "ingest" ship
expect_ok "compute only" "GPU-hours" compute --params 7e9 --tokens 1e12
expect_ok "appliance example" "Winner on time" compare "$SRC/configs/appliance-vs-upload.toml"
expect_ok "markdown" "^\| +\| network \| ship \|" compare --format md
expect_ok "csv header in base units" "^base,name,network.time_s,network.rate_bps," compare --format csv
# 80 TB over an ideal 1 Gbps link: 8e13 B * 8 / 1e9 bit/s = 640,000 s (+ 0 handshake at rtt 0)
expect_ok "ideal link json" '"time_s": 640000,' network --data 80TB --bandwidth 1Gbps --rtt 0s \
  --set network.efficiency=1 --set network.utilization=1 --set data.files=1 --format json
# From 365 days on, years: 8e13 B * 8 / 1e6 bit/s = 640,000,000 s / 31,536,000 s = 20.29 y
expect_ok "years from 365 days on" ' 20\.3 y( |$)' network --data 80TB --bandwidth 1Mbps --rtt 0s \
  --set network.efficiency=1 --set network.utilization=1 --set data.files=1
# --set reads TOML values and plain strings alike: 100ms and "100 ms" are the same.
"$HAUL" network --set network.rtt=100ms --format json >"$work/a" 2>&1
"$HAUL" network --set 'network.rtt="100 ms"' --format json >"$work/b" 2>&1
if cmp -s "$work/a" "$work/b"; then ok; else fail "--set plain vs quoted string differ"; fi

# A FILE after --set is still the file.
expect_ok "--set before FILE" "rtt 20 ms" compare --set network.rtt=20ms "$SRC/configs/appliance-vs-upload.toml"

# JSON follows MODEL.md section 6: every key present, valid JSON.
if "$HAUL" compare --format json >"$work/plan.json" 2>"$work/err" && python3 - "$work/plan.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
need = {
  "network": ["time_s", "rate_bps", "limit", "cost_usd", "phases", "costs"],
  "ship": ["time_s", "rate_bps", "cost_usd", "drives", "trips", "p_data_loss", "phases", "costs"],
  "compute": ["flops", "train_time_s", "gpu_hours", "cost_usd", "weights_bytes"],
  "winner": ["time", "cost"], "breakeven": ["bandwidth_bps", "size_bytes"],
}
for section, keys in need.items():
    for k in keys:
        assert k in d[section], (section, k)
for route in ("network", "ship"):
    for k in ["arrival_s", "weights_back_s", "idle_usd", "time_to_model_s", "total_cost_usd"]:
        assert k in d["plan"][route], (route, k)
assert set(d["network"]["phases"]) == {"handshake_s", "transfer_s", "per_file_s"}
assert set(d["ship"]["phases"]) == {"write_s", "verify_s", "transit_s", "ingest_s"}
assert d["winner"]["time"] == "ship"
assert d["network"]["streams_to_link"] == 150  # the seed's, as the note above
PY
then ok; else fail "compare json does not follow MODEL.md section 6"; fi

# -o writes the whole file.
if "$HAUL" compare --format json -o "$work/out.json" && python3 -c "import json,sys; json.load(open(sys.argv[1]))" "$work/out.json"; then ok; else fail "-o FILE"; fi

# --- bad input: exit 2, one line naming the key, nothing written ---
cat >"$work/unknown.toml" <<'T'
[network]
bandwith = "1 Gbps"
T
cat >"$work/broken.toml" <<'T'
[network
rtt = "100 ms"
T
cat >"$work/bare.toml" <<'T'
[data]
size = 80
T
cat >"$work/section.toml" <<'T'
[netwrok]
rtt = "100 ms"
T
cat >"$work/table.toml" <<'T'
[network]
rtt = { value = 100 }
T
expect_bad "unknown key in file" "network.bandwith" compare "$work/unknown.toml"
expect_bad "unknown key suggests" "did you mean network.bandwidth" compare "$work/unknown.toml"
expect_bad "unknown key has file:line:col" "unknown.toml:2:" compare "$work/unknown.toml"
expect_bad "malformed TOML" "broken.toml:1:" compare "$work/broken.toml"
expect_bad "bare number for a size" "data.size" compare "$work/bare.toml"
expect_bad "bare number shows the form" '"80 TB"' compare "$work/bare.toml"
expect_bad "unknown section" "[netwrok]" compare "$work/section.toml"
expect_bad "table where a value goes" "network.rtt" compare "$work/table.toml"
expect_bad "missing file" "nope.toml" compare "$work/nope.toml"
expect_bad "negative bandwidth" "network.bandwidth" compare --bandwidth=-1Gbps
expect_bad "zero bandwidth" "network.bandwidth" compare --set network.bandwidth=0Gbps
expect_bad "loss of 1" "network.loss" compare --loss 1
expect_bad "loss of 150%" "network.loss" compare --set network.loss=150%
expect_bad "too few drives" "ship.drives" compare --drives 3
expect_bad "misspelt unit" "network.rtt" compare --rtt 100mss
expect_bad "misspelt unit suggests" '100 ms' compare --rtt 100mss
expect_bad "rate where a size goes" "data.size" compare --data 1Gbps
expect_bad "bare prefix for a size" 'did you mean "10 GB"?' compare --data 10G
expect_bad "bare prefix for a rate" 'did you mean "10 Gbps"?' compare --bandwidth 10G
expect_bad "unknown --set key" "network.rt" compare --set network.rt=1ms
expect_bad "--set without =" "network.rtt" compare --set network.rtt
expect_bad "unknown preset" "ship.drive" compare --drive hdd-42tb
expect_bad "unknown congestion" "network.congestion" compare --congestion vegas
expect_bad "bad redundancy" "ship.redundancy" compare --redundancy 3y
expect_bad "utilization 0" "network.utilization" compare --utilization 0
expect_bad "streams 0" "network.streams" compare --streams 0
expect_bad "fractional streams" "network.streams" compare --streams 2.5
expect_bad "window below one segment" "network.window" compare --window 1KiB
expect_bad "params without tokens" "compute.params" compute "$SRC/configs/appliance-vs-upload.toml" --set compute.params=7e9
expect_bad "total_params < params" "compute.total_params" compute --params 7e9 --tokens 1e12 --set compute.total_params=1e9
expect_bad "mfu > 1" "compute.mfu" compare --mfu 1.5
expect_bad "unknown billing" "compute.billing" compare --billing later
expect_bad "boolean for a size" "data.size" compare --set data.size=true
expect_bad "string for a count" "data.files" compare --set data.files=many
expect_bad "bad format" "--format" compare --format xml
expect_bad "unknown subcommand" "teleport" teleport
expect_bad "no job for compute" "compute" compute "$SRC/configs/appliance-vs-upload.toml"

# The bad-input corpus (tests/cli/bad_inputs.txt): every key with a wrong type, unit and range.
# Each case runs within 500 MB of address space and 5 s (issue 10's bounded work); a sanitizer
# build cannot start under ulimit -v, so it runs without the memory limit.
limit_v="ulimit -v 500000"
bash -c "$limit_v && \"\$1\" --version" _ "$HAUL" >/dev/null 2>&1 || limit_v=":"
printf '#!/bin/bash\n%s\nexec timeout 5 "%s" "$@"\n' "$limit_v" "$HAUL" >"$work/limited"
chmod +x "$work/limited"
unlimited_haul=$HAUL
HAUL=$work/limited
corpus_start=$(date +%s%N)
corpus=0
while IFS= read -r line; do
  case "$line" in "#"* | "") continue ;; esac
  key=${line%% | *}
  assignment=${line#* | }
  # One --set for each assignment after " | " (a route's kind, then its key).
  sets=()
  rest=$assignment
  while [[ "$rest" == *" | "* ]]; do
    sets+=(--set "${rest%% | *}")
    rest=${rest#* | }
  done
  sets+=(--set "$rest")
  # Each case within 500 MB of address space and 5 s (issue 10's bounded work).
  expect_bad "corpus: $assignment" "$key" compare --example seed "${sets[@]}"
  # and no control character reaches stderr
  # (C0, DEL or C1), and stderr is UTF-8
  if LC_ALL=C grep -qP '[\x01-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' "$work/err" ||
    ! iconv -f UTF-8 -t UTF-8 "$work/err" >/dev/null 2>&1; then
    fail "corpus: $assignment: a control character or a byte that is not UTF-8 on stderr"
  fi
  corpus=$((corpus + 1))
done <"$SRC/tests/cli/bad_inputs.txt"
HAUL=$unlimited_haul
echo "corpus: $corpus cases in $(( ($(date +%s%N) - corpus_start) / 1000000 )) ms ($limit_v, timeout 5 s each)"
if [ "$corpus" -ge 60 ]; then ok; else fail "the bad-input corpus has $corpus cases, expected 60 or more"; fi

# A failing -o leaves an earlier file as it was.
echo "previous" >"$work/keep.txt"
"$HAUL" compare --drives 3 -o "$work/keep.txt" 2>/dev/null
if [ "$(cat "$work/keep.txt")" = "previous" ]; then ok; else fail "bad input replaced an earlier -o file"; fi
"$HAUL" compare -o "$work/no/such/dir/out.txt" 2>"$work/err"
status=$?
if [ "$status" -eq 1 ] && [ "$(wc -l <"$work/err")" -eq 1 ]; then ok; else fail "unwritable -o: exit $status"; fi

# --- sweeps and tables ---
expect_ok "sweep network example" "^network.bandwidth +network.rtt" sweep "$SRC/configs/sweep-network.toml"
expect_ok "sweep drives example" "portable-hdd-2tb" sweep "$SRC/configs/sweep-drives.toml"
expect_ok "sweep transfer table example" "1 TiB" sweep "$SRC/configs/transfer-table.toml" --format md
expect_ok "sweep csv header in base units" "^network.bandwidth_bps,network.rtt_s,network.loss," \
  sweep "$SRC/configs/sweep-network.toml" --format csv
# The classic table: 1 TiB at 1 Gbps and 80 % utilization, IEC bytes:
# 2^40 B * 8 / (0.8 * 1e9 bit/s) = 10,995 s = 3.05 h; 1 GiB at 1 Mbps: 2^30 * 8 / 8e5 = 10,737 s = 2.98 h
expect_ok "table transfer 1 TiB at 1 Gbps" '^\| 1 TiB \|.*\| 3\.05 h \|' table transfer --utilization 0.8 --iec --format md
expect_ok "table transfer 1 GiB at 1 Mbps" '^\| 1 GiB \| 2\.98 h \|' table transfer --utilization 0.8 --iec --format md
expect_ok "table winner" "ship by" table winner
# A pivot's CSV corner and JSON name the value with its unit; sizes from 10^16 bytes print in full:
# 10 PB at 1 Mbps on the ideal link is 8 * 10^16 B / 10^6 bit/s = 8 * 10^10 s.
expect_ok "pivot csv names the value" '^network\.time_s by data\.size_bytes \\ network\.bandwidth_bps,' \
  sweep "$SRC/configs/transfer-table.toml" --format csv
expect_ok "pivot json names the value" '"value": "network\.time_s"' sweep "$SRC/configs/transfer-table.toml" --format json
expect_ok "table transfer 10 PB in full" '^10000000000000000,80000000000,' table transfer --format csv
# Shards concatenate to exactly the whole output.
"$HAUL" sweep "$SRC/configs/sweep-network.toml" --format csv >"$work/whole.csv" 2>/dev/null
: >"$work/joined.csv"
for k in 1 2 3; do "$HAUL" sweep "$SRC/configs/sweep-network.toml" --format csv --shard "$k/3" >>"$work/joined.csv" 2>/dev/null; done
if cmp -s "$work/whole.csv" "$work/joined.csv" && [ -s "$work/whole.csv" ]; then ok; else fail "shards do not concatenate to the whole"; fi
cat >"$work/big.toml" <<'T'
[sweep]
network.bandwidth = { from = "1 Mbps", to = "1 Tbps", steps = 1001, scale = "log" }
network.rtt = { from = "1 ms", to = "1 s", steps = 1001, scale = "log" }
T
cat >"$work/empty.toml" <<'T'
[sweep]
network.rtt = []
T
cat >"$work/steps.toml" <<'T'
[sweep]
network.rtt = { from = "1 ms", to = "2 ms", steps = 1 }
T
cat >"$work/logzero.toml" <<'T'
[sweep]
network.loss = { from = 0, to = 0.01, steps = 4, scale = "log" }
T
cat >"$work/mixed.toml" <<'T'
[sweep]
network.bandwidth = { from = "10 Mbps", to = "10 TB", steps = 4 }
T
cat >"$work/unknownaxis.toml" <<'T'
[sweep]
network.latency = ["10 ms"]
T
cat >"$work/combo.toml" <<'T'
[ship]
drive = "portable-hdd-2tb"
[sweep]
data.size = ["80 TB", "200 TB"]
ship.drives = [120, 60]
T
expect_bad "sweep over a million points without --yes" "--yes" sweep "$work/big.toml"
expect_bad "sweep empty list" "sweep.network.rtt" sweep "$work/empty.toml"
expect_bad "sweep steps < 2" "sweep.network.rtt.steps" sweep "$work/steps.toml"
expect_bad "sweep log range through zero" "sweep.network.loss" sweep "$work/logzero.toml"
expect_bad "sweep mixed units" "sweep.network.bandwidth" sweep "$work/mixed.toml"
expect_bad "sweep unknown axis" "sweep.network.latency" sweep "$work/unknownaxis.toml"
expect_bad "sweep bad combination" "ship.drives" sweep "$work/combo.toml"
expect_bad "sweep bad shard" "--shard" sweep "$SRC/configs/sweep-network.toml" --format csv --shard 4/3
expect_bad "sweep shard of a table" "--shard" sweep "$SRC/configs/sweep-network.toml" --shard 1/3
expect_bad "sweep without a file" "sweep" sweep
expect_bad "unknown table" "table" table teleport
expect_bad "FILE and --config both" "--config" compare "$SRC/configs/seed.toml" --config "$SRC/configs/appliance-vs-upload.toml"
expect_bad "format twice with a bad one" "--format" compare --format csv --format yaml

# --- haul calibrate on real iperf3 runs (tests/data, from benchmarks/realnet) ---
expect_ok "calibrate reno fixture" "fits +reno" calibrate "$SRC/tests/data/iperf3-reno-50ms-0.1pct.json"
expect_ok "calibrate bbr fixture" "fits +bbr" calibrate "$SRC/tests/data/iperf3-bbr-100ms-1pct.json"
expect_ok "calibrate prints --set lines" "--set network.measured_rate=17.1Mbps --set network.rtt=50.59ms" \
  calibrate "$SRC/tests/data/iperf3-reno-50ms-0.1pct.json"
# the throughput exactly as iperf3 wrote it (end.sum_received.bits_per_second)
expect_ok "calibrate json rate" '"rate_bps": 17102513.655721493,' calibrate "$SRC/tests/data/iperf3-reno-50ms-0.1pct.json" --format json
expect_ok "calibrate json settings" '"measured_rate": "94.55Mbps",' calibrate "$SRC/tests/data/iperf3-bbr-100ms-1pct.json" --format json
expect_ok "calibrate csv" '^calibrate.rate_bps,calibrate.rtt_s,calibrate.retransmits,calibrate.loss,calibrate.congestion' \
  calibrate "$SRC/tests/data/iperf3-reno-50ms-0.1pct.json" --format csv
# The settings it prints are accepted as they are, and the measured rate replaces the model's.
settings=$("$HAUL" calibrate "$SRC/tests/data/iperf3-reno-50ms-0.1pct.json" | tail -1)
# shellcheck disable=SC2086
expect_ok "calibrate settings apply" "rate +17.1 Mbps" compare $settings
expect_ok "measured rate in the network view" "bound by +measured" network --set network.measured_rate=50Mbps
expect_ok "measured rate none" "bound by +loss" compare --example seed --set network.measured_rate=none
printf 'hello' >"$work/notjson.json"
printf '{"start": {"test_start": {"protocol": "UDP"}}}' >"$work/udp.json"
printf '{"error": "unable to connect to server: Connection refused"}' >"$work/err.json"
printf '{"end": {"sum_received": {"bits_per_second": 1e6}}}' >"$work/partial.json"
expect_bad "calibrate missing file" "nope.json" calibrate "$work/nope.json"
expect_bad "calibrate not JSON" "notjson.json: line 1, column 1" calibrate "$work/notjson.json"
expect_bad "calibrate UDP" "start.test_start.protocol" calibrate "$work/udp.json"
expect_bad "calibrate iperf3 error" "unable to connect" calibrate "$work/err.json"
expect_bad "calibrate partial" "end.sum_received.seconds" calibrate "$work/partial.json"
expect_bad "calibrate without a file" "file" calibrate
# A measurement replaces the model, whatever the nominal bandwidth says (a 10 GbE calibration on
# the built-in 1 Gbps scenario).
expect_ok "measured above the nominal bandwidth" "rate +9.4 Gbps" compare --set network.measured_rate=9.4Gbps

# --- the base of a run (MODEL.md section 3.0): defaults unless a FILE or an example is named ---
expect_ok "bare compare says it shows the seed example" "^base: example seed \(haul compare with no input" compare
expect_ok "flags alone start from the defaults" "^base: defaults; command line: data.size = 1TB \(--data\)" \
  network --data 1TB --bandwidth 1Gbps --rtt 0s
expect_ok "a file is its own base" "^base: .*appliance-vs-upload.toml$" compare "$SRC/configs/appliance-vs-upload.toml"
expect_ok "an example by name" "^base: example appliance-vs-upload" compare --example appliance-vs-upload
expect_ok "a changed example's name says modified" "waiting \(modified\)$" compare --example seed --data 250TB --drives auto
expect_ok "examples lists the built-in scenarios" "^appliance-vs-upload +configs/appliance-vs-upload.toml" examples
expect_bad "unknown example" "--example" compare --example sead
expect_bad "example and FILE" "--example" compare --example seed "$SRC/configs/seed.toml"
# RFC 6349 section 3.3: 1e9 * 1460 / 1538 = 949,284,785 bit/s of payload on gigabit Ethernet, from
# the defaults alone (one stream, no loss, utilization 1).
if "$HAUL" network --data 1TB --bandwidth 1Gbps --rtt 0s --format json >"$work/ideal.json" 2>"$work/err" &&
  python3 - "$work/ideal.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["base"] == "defaults", d["base"]
assert abs(d["network"]["rate_bps"] - 1e9 * 1460 / 1538) < 1e-3, d["network"]["rate_bps"]
assert d["overrides"]["data"]["size"] == "--data"
assert d["inputs"]["network"]["streams"] == 1 and d["inputs"]["network"]["loss"] == 0
assert d["inputs"]["network"]["rtt_s"] == 0 and d["inputs"]["network"]["congestion"] == "cubic"
assert d["inputs"]["data"]["size_bytes"] == 1e12 and d["inputs"]["ship"]["drives"] == "auto"
PY
then ok; else fail "the defaults give RFC 6349's 949.2 Mbit/s, with base and inputs in JSON"; fi
# Llama 3 405B: 6 * 405e9 * 15.6e12 FLOP at 989e12 * 0.41 * 0.9 FLOP/s a GPU = 28,853,979 GPU-hours.
expect_ok "Llama 3 405B from flags" "GPU-hours +28,853,979" compute --params 405e9 --tokens 15.6e12 --gpus 16384 --mfu 0.41
expect_ok "weights from params" "weights +810 GB" compute --params 405e9 --tokens 15.6e12 --gpus 16384
expect_ok "250 TB on the defaults" "^data arrives" compare --data 250TB
# haul scenario: every key with its origin, and the round trip gives the same results.
expect_ok "scenario names each origin" 'rtt = "20 ms" +# --rtt' scenario --example seed --rtt 20ms
expect_ok "scenario shows preset fields" 'capacity = "2 TB" +# preset portable-hdd-2tb' scenario --example seed
for example in seed appliance-vs-upload; do
  "$HAUL" scenario --example "$example" --loss 0.2% -o "$work/$example.toml" 2>/dev/null
  "$HAUL" compare "$work/$example.toml" --format json >"$work/back.json" 2>/dev/null
  "$HAUL" compare --example "$example" --loss 0.2% --format json >"$work/direct.json" 2>/dev/null
  if python3 - "$work/back.json" "$work/direct.json" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for d in (a, b):
    d.pop("base"); d.pop("overrides", None)
sys.exit(0 if a == b else 1)
PY
  then ok; else fail "haul scenario round trip of $example"; fi
done

# --- rough edges a new user meets ---
for command in compare network ship compute sweep table calibrate scenario examples catalog keys; do
  if "$HAUL" "$command" --help >"$work/help" 2>&1 && grep -q "^Examples:" "$work/help" &&
    [ "$(grep -c "^  haul \|^  iperf3" "$work/help")" -ge 2 ]; then ok; else fail "$command --help has its own examples"; fi
done
expect_ok "compute --help names the job keys" "compute.gpu_hours;" compute --help
expect_ok "compute --help names the failure rate" "compute.failure_rate" compute --help
expect_bad "value and unit as two words" 'quote the value (--data "80 TB")' compare --data 80 TB
expect_bad "a key without its section" "did you mean network.rtt?" compare --set rtt=100ms
expect_bad "an abbreviated key" "did you mean network.bandwidth?" compare --set network.bw=1Gbps
expect_bad "the start of a preset's name" '"h100-sxm" or "h100-pcie"' compare --gpu h100
expect_bad "a monthly price as a fixed cost" "network.lease" compare --set 'network.fixed_cost=15000 USD/month'
expect_bad "a table axis given as a flag" "haul table transfer: --data sets data.size" table transfer --data 5TB
expect_bad "a table's drives" "ship.drives" table winner --drives 9
expect_bad "an unknown table" 'haul table: "trnsfer" is not a table' table trnsfer
expect_ok "catalog footer names the units it shows" "drive rates in SI units" catalog
expect_ok "ship line shows the drive's rates" "portable-hdd-2tb \(2 TB, write 120 MB/s, read 120 MB/s\)" ship --example seed
expect_ok "a changed preset is custom" "custom, based on hdd-24tb \(30 TB" ship --set 'ship.capacity=30 TB'
# 10 TiB at 80 % of 1 Mbit/s: 10 * 2^40 * 8 bit / 0.8e6 bit/s = 1.0995e8 s = 3.487 years of 365 d.
expect_ok "years from 365 days" "time +3\.49 y" network --data 10TiB --bandwidth 1Mbps --rtt 0s \
  --utilization 0.8 --set network.efficiency=1
# The --yes guard counts the whole grid, not the shard; an empty shard says so and writes nothing
# (48 points in 64 shards: shard K holds rows floor(48 (K-1) / 64) .. floor(48 K / 64) - 1, so
# shard 5 holds rows 3 .. 2, none; shard 1, rows 0 .. -1, none, but it carries the CSV header).
expect_bad "--yes counts the whole grid" "--yes" sweep "$SRC/benchmarks/sweep-1e7.toml" --format csv --shard 1/100
"$HAUL" sweep "$SRC/configs/sweep-network.toml" --format csv --shard 5/64 >"$work/out" 2>"$work/err"
if [ $? -eq 0 ] && [ ! -s "$work/out" ] && grep -q "shard 5/64 is empty" "$work/err"; then ok; else fail "empty shard: $(cat "$work/err")"; fi
"$HAUL" sweep "$SRC/configs/sweep-network.toml" --format csv --shard 1/64 >"$work/out" 2>"$work/err"
if [ $? -eq 0 ] && [ "$(wc -l <"$work/out")" -eq 1 ] && grep -q "^network.bandwidth_bps," "$work/out"; then ok; else fail "empty first shard keeps the header"; fi
# Colour only on a terminal, not with NO_COLOR set to anything, not on a dumb terminal; an empty
# NO_COLOR does not count (no-color.org).
if command -v script >/dev/null; then
  colored() { env -u NO_COLOR -u TERM "$@" script -qec "$HAUL keys" /dev/null | grep -q $'\033\['; }
  if colored NO_COLOR= TERM=xterm; then ok; else fail "empty NO_COLOR turned colour off"; fi
  if ! colored NO_COLOR=1 TERM=xterm; then ok; else fail "NO_COLOR=1 left colour on"; fi
  if ! colored TERM=dumb; then ok; else fail "TERM=dumb left colour on"; fi
fi

# JSON's overrides: one object a section, one entry a key, however the flags interleave.
if "$HAUL" compare --example seed --set network.rtt=0s --set data.size=100TB --set network.loss=0 \
  --rtt 50ms --format json >"$work/o.json" 2>"$work/err" && python3 - "$work/o.json" <<'PY'
import json, sys
text = open(sys.argv[1]).read()
def unique(pairs):
    keys = [k for k, _ in pairs]
    if len(keys) != len(set(keys)):
        sys.exit("duplicate key in " + repr(keys))
    return dict(pairs)
o = json.loads(text, object_pairs_hook=unique)["overrides"]
assert o == {"data": {"size": "--set"}, "network": {"loss": "--set", "rtt": "--rtt"}}, o
PY
then ok; else fail "overrides: one entry a key, one object a section"; fi
# Sweeps and tables say "(modified)" too when the command line changed their scenario.
expect_ok "a table of a changed example says modified" "waiting \(modified\)$" table winner --example seed --gpus 512
expect_ok "a sweep with a changed file says modified" "couriers \(modified\)$" sweep "$SRC/configs/sweep-network.toml" --gpus 512
expect_bad "a flag on a swept key" "which the sweep's axis" sweep "$SRC/configs/sweep-network.toml" --rtt 10ms
expect_ok "a pivot's JSON names its base" '^\{"base": "defaults with an ideal link", "name": ' table transfer --format json
expect_bad "a peak above the catalog's dense figure" "sparse figure" compute --params 7e9 --tokens 1e12 --set 'compute.peak=1979 TFLOPS'
expect_ok "a word after a number that is not a unit is not split" "^base: defaults with an ideal link" table --utilization 0.8 transfer
expect_bad "a name that is not UTF-8" "UTF-8" compare --set "name=$(printf '\xff')"
# A name with a line break stays on one line in the report and reads back from haul scenario.
"$HAUL" scenario --set "name=$(printf 'two\nlines \033[31m')" -o "$work/nl.toml" 2>"$work/err"
if "$HAUL" compare "$work/nl.toml" --format json 2>"$work/err" | python3 -c '
import json, sys; assert json.load(sys.stdin)["name"] == "two\nlines \x1b[31m"'; then ok; else fail "a name with a line break: $(cat "$work/err")"; fi
if [ "$("$HAUL" compare --set "name=$(printf 'a\nb')" | head -2 | tail -1)" = '"a\nb"' ]; then ok; else fail "a name with a line break prints on one line"; fi

# Every example in every command's --help runs as written (from the source tree, into a scratch
# folder): the examples are the first thing a new user copies.
"$HAUL" examples --format csv >/dev/null 2>&1
for command in compare network ship compute sweep table scenario examples catalog keys; do
  "$HAUL" "$command" --help | sed -n 's/^  \(haul [^ ].*\)$/\1/p' | sed 's/   .*$//' | while IFS= read -r line; do
    case "$line" in *my.toml* | *big.toml* | *run.json* | *my-catalog.toml* | *mine.toml*) continue ;; esac
    args=${line#haul }
    args=${args//configs\//$SRC/configs/}
    args=${args%% > *}
    args=${args%% && *}
    # shellcheck disable=SC2086
    if (cd "$work" && eval "\"$HAUL\" $args" >/dev/null 2>"$work/err"); then ok; else fail "$command --help example fails: $line: $(cat "$work/err")"; fi
  done
done
# And the README's command blocks: every `haul ...` line of a ```sh block that needs no file of
# the reader's own.
python3 - "$SRC/README.md" >"$work/readme-commands" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
for block in re.findall(r"```sh\n(.*?)```", text, re.S):
    for line in block.splitlines():
        line = line.strip()
        if line.startswith("haul ") and not re.search(r"my[-.]|grid\.toml|link\.json|FILE|\$\(|\{\}|HOST", line):
            print(line)
PY
while IFS= read -r line; do
  args=${line#haul }
  args=${args//configs\//$SRC/configs/}
  if (cd "$work" && eval "\"$HAUL\" $args" >/dev/null 2>"$work/err"); then ok; else fail "README example fails: $line: $(cat "$work/err")"; fi
done <"$work/readme-commands"
if [ "$(wc -l <"$work/readme-commands")" -ge 2 ]; then ok; else fail "found only $(wc -l <"$work/readme-commands") README commands to run"; fi

# --- one clean line per error (issue 10) ---
printf '[network]\ncongestion = """cu\nbic"""\n' >"$work/multiline.toml"
expect_bad "a multi-line string in a file" 'network.congestion: "cu\nbic"' compare "$work/multiline.toml"
python3 -c 'print("[network]\n" + "k" * 3_000_000 + " = 1")' >"$work/longkey.toml"
start=$(date +%s%N)
expect_bad "a 3 MB unknown key" "unknown key" compare "$work/longkey.toml"
elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
if [ "$(wc -c <"$work/err")" -le 1100 ] && [ "$elapsed" -lt 5000 ]; then ok; else fail "a 3 MB key: $(wc -c <"$work/err") bytes of message, $elapsed ms"; fi
expect_bad "an escape sequence in a key" 'x1b' compare --set "$(printf 'network.\033[2Jrtt=1s')"
expect_bad "an escape sequence in a command" 'x1b' "$(printf 'comp\033[2Jare')"
expect_bad "an escape sequence in an option" 'x1b' compare "$(printf -- '--r\033[2Jtt')" 1s
expect_bad "an escape sequence in a file name" 'x1b' compare "$(printf '/nonexistent/\033[2J.toml')"
printf '[data]\nfiles = 9223372036854775808\n' >"$work/bigint.toml"
expect_bad "an integer past 64 bits names its key" "data.files: " compare "$work/bigint.toml"
printf '[network]\nrtt = 1e400\n' >"$work/bigfloat.toml"
expect_bad "a float past a double names its key" "network.rtt: " compare "$work/bigfloat.toml"
# An overflowing result names what the user gave, and a sweep says nothing before its error.
expect_bad "an overflow names the keys given" "compute.params (--set)" compare --set compute.params=1e300 --set compute.tokens=1e300
cat >"$work/overflow-sweep.toml" <<'T'
[compute]
params = 1e150
tokens = 1e10
[sweep]
compute.tokens = [1e10, 1e300]
[output]
columns = ["compute.tokens", "compute.flops"]
T
expect_bad "a sweep row that overflows, alone on stderr" "row 2 of the sweep" sweep "$work/overflow-sweep.toml" --format csv
cat >"$work/long-table.toml" <<'T'
[sweep]
data.size = { from = "1 GB", to = "1 PB", steps = 400, scale = "log" }
network.bandwidth = { from = "1 Mbps", to = "100 Gbps", steps = 300, scale = "log" }
T
expect_bad "a terminal table too long, alone on stderr" "100,000 rows" sweep "$work/long-table.toml"

# A write that fails half-way (the file size limit) or is interrupted leaves the earlier file
# byte-identical, and no temporary file behind.
printf 'earlier,contents\r\n' >"$work/grid.csv"
cp "$work/grid.csv" "$work/grid.before"
(trap "" XFSZ; ulimit -f 64; exec "$HAUL" sweep "$SRC/benchmarks/sweep-1e7.toml" --format csv --yes -o "$work/grid.csv") 2>"$work/err"
status=$?
if [ "$status" -eq 1 ] && cmp -s "$work/grid.csv" "$work/grid.before" && [ "$(wc -l <"$work/err")" -le 2 ] &&
   [ -z "$(ls -A "$work" | grep '^\.grid\.csv\.')" ]; then ok; else fail "failing write: exit $status, earlier file changed or temp left"; fi
"$HAUL" sweep "$SRC/benchmarks/sweep-1e7.toml" --format csv --yes --threads 1 -o "$work/grid.csv" 2>/dev/null &
pid=$!
sleep 0.5
kill -TERM "$pid" 2>/dev/null
wait "$pid"
status=$?
if [ "$status" -eq 143 ] && cmp -s "$work/grid.csv" "$work/grid.before" &&
   [ -z "$(ls -A "$work" | grep '^\.grid\.csv\.')" ]; then ok; else fail "interrupted write: exit $status, earlier file changed or temp left"; fi

echo "cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
