#!/usr/bin/env bash
# Compute v2 as a user meets it (MODEL.md sections 3 [compute], 4 "compute" and 6): tokens = "auto",
# the architecture's attention FLOPs, memory per GPU with fits and min_gpus, goodput from failures
# with the checkpoint interval; the keys that would change nothing alone, refused; haul scenario's
# TOML of the new keys read back. Every scenario is this script's own, on MODEL.md's defaults (the
# built-in examples change), and every expected number is worked out by hand beside it. Called by
# ctest with HAUL (the binary) and SRC (the source tree).
set -u
source "$(dirname "$0")/lib.sh"

# expect_bad_says NAME KEY TEXT ARGS...: expect_bad (exit 2, one line naming KEY, nothing written),
# and that line also holds TEXT (the reason or the expected form, not just the key).
expect_bad_says() {
  local name=$1 key=$2 text=$3; shift 3
  local before=$failed
  expect_bad "$name" "$key" "$@"
  [ "$failed" -eq "$before" ] || return
  if grep -qF -- "$text" "$work/err"; then ok; else fail "$name: stderr lacks '$text': $(cat "$work/err")"; fi
}

# json NAME FILE ARGS...: haul ARGS --format json into FILE; a failure is counted and returns 1.
json() {
  local name=$1 file=$2; shift 2
  if "$HAUL" "$@" --format json >"$file" 2>"$work/err"; then return 0; fi
  fail "$name: exit $? ($(head -c 300 "$work/err"))"
  return 1
}

# check NAME PYTHON ARGS...: runs the python PYTHON with ARGS (sys.argv[1:]); ok when it exits 0.
check() {
  local name=$1 program=$2; shift 2
  if python3 -c "$program" "$@" 2>"$work/py"; then ok; else fail "$name: $(tail -3 "$work/py")"; fi
}

# near(a, b): equal to 1e-12 of b, for figures that pass through a few floating-point operations.
PY_HEAD='
import json, math, sys
def near(a, b, rel=1e-12):
    assert a is not None and abs(a - b) <= rel * abs(b), (a, b)
'

job=(--params 7e9 --tokens 1e12)
arch=(--set compute.layers=32 --set compute.d_model=4096 --set compute.seq_len=4096)

# --- keys that would change nothing alone: exit 2, one line, naming the key and what it waits for ---
missing_two="given without compute.d_model and compute.seq_len"
expect_bad_says "layers alone" "compute.layers" "$missing_two" compute "${job[@]}" --set compute.layers=32
expect_bad_says "d_model alone" "compute.d_model" "given without compute.layers and compute.seq_len" \
  compute "${job[@]}" --set compute.d_model=4096
expect_bad_says "seq_len alone" "compute.seq_len" "given without compute.layers and compute.d_model" \
  compute "${job[@]}" --set compute.seq_len=4096
expect_bad_says "layers and d_model without seq_len" "compute.layers" "given without compute.seq_len" \
  compute "${job[@]}" --set compute.layers=32 --set compute.d_model=4096
missing_three="given without compute.layers and compute.d_model and compute.seq_len"
for key in "attention=full" "attention=window 1024" "vocab=32000" "micro_batch=4"; do
  expect_bad_says "$key without the architecture" "compute.${key%%=*}" "$missing_three" \
    compute "${job[@]}" --set "compute.$key"
done
# Two of the three are not enough for attention either: the refusal names the one missing.
expect_bad_says "attention with two of the three" "compute.layers" "given without compute.seq_len" \
  compute "${job[@]}" --set compute.d_model=4096 --set compute.layers=32 --set compute.attention=full
# epochs and bytes_per_token without tokens = "auto", and the checkpoint keys without
# failure_rate, run and are noted under the report (a command-line number for tokens must not make
# a file's epochs an error).
for key in epochs=2 bytes_per_token=2; do
  expect_ok "${key%%=*} with tokens given as a number is noted" \
    "^compute.${key%%=*} \\(--set\\) is not used: compute.tokens is a number, not \"auto\"" \
    compute "${job[@]}" --set "compute.$key"
done
expect_ok "epochs with a gpu_hours job is noted" \
  "^compute.epochs \\(--set\\) is not used: the job is compute.gpu_hours" \
  compute --set compute.gpu_hours=1000 --set compute.epochs=2
expect_ok "tokens auto with a flops job is noted" \
  "^compute.tokens \\(--tokens\\) is not used: the job is compute.flops" \
  compute --set compute.flops=1e21 --tokens auto
expect_ok "the architecture with a flops job and no parameter count is noted" \
  "^compute.layers, d_model and seq_len are not used: the job is compute.flops" \
  compute --set compute.flops=1e21 --set compute.layers=32 --set compute.d_model=4096 \
  --set compute.seq_len=4096
for key in "checkpoint_time=30s" "checkpoint_rate=10GB/s" "restart_time=5min"; do
  expect_ok "${key%%=*} without failure_rate is noted" \
    "^compute.${key%%=*} \\(--set\\) is not used: it needs compute.failure_rate" \
    compute "${job[@]}" --set "compute.$key"
done
# From a file, the refusal gives the file, line and column of the key.
printf '[compute]\nparams = 7e9\ntokens = 1e12\nvocab = 32000\n' >"$work/vocab.toml"
expect_bad_says "vocab alone in a file" "compute.vocab" "vocab.toml:4:" compute "$work/vocab.toml"
printf '[compute]\nparams = 7e9\ntokens = 1e12\nrestart_time = "5 min"\n' >"$work/restart.toml"
expect_ok "restart_time alone in a file is noted with its place" \
  "^compute.restart_time \\(.*restart.toml:4:[0-9]+\\) is not used" compute "$work/restart.toml"
# tokens = "auto" waits for params like a number does.
expect_bad_says "tokens auto without params" "compute.tokens" "given without compute.params" compute --tokens auto
# The same keys with what they wait for are accepted: the refusals above are about the company kept.
expect_ok "the architecture whole, with attention, vocab and micro_batch" "^memory per GPU" \
  compute "${job[@]}" "${arch[@]}" --set "compute.attention=window 1024" --set compute.vocab=32000 \
  --set compute.micro_batch=2
expect_ok "epochs and bytes_per_token with tokens auto" "^tokens +" \
  compute --params 7e9 --tokens auto --set compute.epochs=2 --set compute.bytes_per_token=2
expect_ok "checkpoint keys with failure_rate" "^  checkpoints +every" \
  compute "${job[@]}" --set compute.failure_rate=0.001 --set compute.checkpoint_time=30s \
  --set compute.checkpoint_rate=10GB/s --set compute.restart_time=5min

# --- bounds and forms that the bad-input corpus cannot tell from a missing key: here the
# architecture is whole, so a refusal must be the value's own ---
bound() {  # bound KEY LIMIT_SHOWN GOOD BAD ARGS...: GOOD accepted, BAD refused naming KEY and LIMIT_SHOWN
  local key=$1 shown=$2 good=$3 bad=$4; shift 4
  expect_ok "$key = $good, the largest accepted" "^training time" compute "$@" --set "$key=$good"
  expect_bad_says "$key = $bad, one past the largest" "$key" "$shown" compute "$@" --set "$key=$bad"
}
bound compute.layers "from 1 to 100,000" 100000 100001 "${job[@]}" --set compute.d_model=64 --set compute.seq_len=64
bound compute.d_model "from 1 to 10,000,000" 10000000 10000001 "${job[@]}" --set compute.layers=1 --set compute.seq_len=64
bound compute.seq_len "from 1 to 10,000,000,000" 10000000000 10000000001 "${job[@]}" --set compute.layers=1 --set compute.d_model=64
bound compute.vocab "from 1 to 1,000,000,000" 1000000000 1000000001 "${job[@]}" "${arch[@]}"
bound compute.micro_batch "from 1 to 1,000,000" 1000000 1000001 "${job[@]}" "${arch[@]}"
bound compute.epochs "at most 1,000,000" 1000000 1000001 --params 7e9 --tokens auto
for value in 0 -3 1.5 10000000001; do
  expect_bad_says "attention window $value with the architecture" "compute.attention" '"window N"' \
    compute "${job[@]}" "${arch[@]}" --set "compute.attention=window $value"
done
expect_ok "attention window 10^10, the largest accepted" "^training time" \
  compute "${job[@]}" "${arch[@]}" --set "compute.attention=window 10000000000"
expect_bad_says "attention window without N" "compute.attention" '"window N"' \
  compute "${job[@]}" "${arch[@]}" --set "compute.attention=window"
expect_bad_says "attention misspelt" "compute.attention" 'did you mean "window N"' \
  compute "${job[@]}" "${arch[@]}" --set "compute.attention=windw 8"
for value in 0 -1 true 100001 32.5; do
  expect_bad_says "layers = $value with the architecture" "compute.layers" "$value" \
    compute "${job[@]}" "${arch[@]}" --set "compute.layers=$value"
done
expect_bad_says "tokens autoo" "compute.tokens" '"autoo"' compute --params 7e9 --tokens autoo
expect_bad_says "failure_rate with a unit" "compute.failure_rate" "a bare number" \
  compute "${job[@]}" --set compute.failure_rate=1/day
expect_bad_says "memory as a rate" "compute.memory" '"80 GB"' compute "${job[@]}" --set "compute.memory=80 GBps"
expect_bad_says "checkpoint_time without a unit, with failure_rate" "compute.checkpoint_time" '"30 s"' \
  compute "${job[@]}" --set compute.failure_rate=0.001 --set compute.checkpoint_time=30

# --- failures: no progress, and no checkpoint cost ---
# 1000 interruptions per GPU-day on 16,384 GPUs: one every 86,400 s / (1000 * 16,384) = 5.27 ms,
# far less than the 10 min restart: goodput 0.
expect_bad_says "failure_rate 1000 on 16,384 GPUs" "compute.failure_rate" "every 5.27 ms" \
  compute "${job[@]}" --gpus 16384 --set compute.failure_rate=1000
expect_bad_says "no progress says goodput 0" "compute.failure_rate" "goodput 0" \
  compute "${job[@]}" --gpus 16384 --set compute.failure_rate=1000
# goodput = 1 - delta / tau - (tau / 2 + restart) / M with tau = sqrt(2 delta M) is
# 1 - sqrt(2 delta / M) - restart / M. 8 GPUs, delta = 16 * 7e9 B / 100 GB/s = 1.12 s, restart 600 s:
# 20 a GPU-day: M = 86,400 / (20 * 8) = 540 s < 600 s, refused;
# 10 a GPU-day: M = 86,400 / 80 = 1,080 s, goodput = 1 - sqrt(2.24 / 1080) - 600 / 1080
# = 1 - 0.045542 - 0.555556 = 0.398902, accepted.
expect_bad_says "failure_rate 20 on 8 GPUs: restarts longer than the time between them" \
  "compute.failure_rate" "goodput 0" compute "${job[@]}" --gpus 8 --set compute.failure_rate=20
if json "failure_rate 10 on 8 GPUs" "$work/f10.json" compute "${job[@]}" --gpus 8 --set compute.failure_rate=10; then
  check "failure_rate 10 on 8 GPUs: goodput 0.3989" "$PY_HEAD
c = json.load(open(sys.argv[1]))['compute']
M = 86400 / (10 * 8)                        # 1,080 s between interruptions
delta = 16 * 7e9 / 100e9                    # 1.12 s a checkpoint
near(c['goodput'], 1 - math.sqrt(2 * delta / M) - 600 / M)   # 0.398902
assert abs(c['goodput'] - 0.398902) < 1e-6, c['goodput']
" "$work/f10.json"
fi
# A job with no parameter count has no checkpoint size: failure_rate needs checkpoint_time.
for jobkey in "compute.flops=1e24" "compute.gpu_hours=1e6"; do
  expect_bad_says "failure_rate with $jobkey and no checkpoint cost" "compute.failure_rate" \
    "compute.checkpoint_time" compute --set "$jobkey" --set compute.failure_rate=0.001
done
expect_ok "failure_rate with flops and checkpoint_time" "^goodput .*from failures" \
  compute --set compute.flops=1e24 --set compute.failure_rate=0.001 --set compute.checkpoint_time=60s
expect_ok "failure_rate with flops and total_params" "^goodput .*from failures" \
  compute --set compute.flops=1e24 --set compute.failure_rate=0.001 --set compute.total_params=7e9

# --- the peak: the dense figure, not the datasheet's sparse one ---
# h100-sxm's dense BF16 peak is 989 TFLOP/s (MODEL.md section 8); its sparse figure is 2 * 989 =
# 1,978 TFLOP/s, "1.98 PFLOP/s" to three digits.
expect_bad_says "peak 1979 TFLOPS on h100-sxm" "compute.peak" "sparse figure (1978 TFLOP/s)" \
  compute "${job[@]}" --gpu h100-sxm --set "compute.peak=1979 TFLOPS"
expect_bad_says "peak just above the dense figure" "compute.peak" "dense BF16 peak of 989 TFLOP/s" \
  compute "${job[@]}" --gpu h100-sxm --set "compute.peak=990 TFLOPS"
expect_ok "peak at the dense figure" "989 TFLOP/s" compute "${job[@]}" --gpu h100-sxm --set "compute.peak=989 TFLOPS"

# --- JSON: FLOPs, memory, fits and min_gpus ---
# 70e9 parameters at 16 B each = 1.12e12 B of state; on 8 GPUs 1.4e11 B a GPU, over 80 GB:
# fits false, min_gpus = ceil(1.12e12 / 8e10) = 14. FLOPs 6 * 70e9 * 1e12 = 4.2e23, all of it 6n.
if json "70B without architecture" "$work/m8.json" compute --params 70e9 --tokens 1e12 --gpus 8; then
  check "70B on 8 GPUs: fits false, min_gpus 14" "$PY_HEAD
c = json.load(open(sys.argv[1]))['compute']
near(c['flops'], 6 * 70e9 * 1e12)           # 4.2e23
near(c['flops_6n'], 6 * 70e9 * 1e12)
assert c['flops_counted'] == '6n', c['flops_counted']
near(c['tokens'], 1e12)
near(c['memory_per_gpu_bytes'], 16 * 70e9 / 8)   # 1.4e11
near(c['memory_bytes'], 80e9)
assert c['fits'] is False and c['min_gpus'] == 14, (c['fits'], c['min_gpus'])
assert 'checkpoint_interval_s' not in c and 'interruptions' not in c, sorted(c)
" "$work/m8.json"
fi
# On 14 GPUs exactly 1.12e12 / 14 = 8e10 B: fits (<=); on 13, 8.6e10 B: does not.
for gpus_fits in 14:True 13:False; do
  if json "70B on ${gpus_fits%%:*} GPUs" "$work/m.json" compute --params 70e9 --tokens 1e12 --gpus "${gpus_fits%%:*}"; then
    check "70B on ${gpus_fits%%:*} GPUs: fits ${gpus_fits#*:}" "$PY_HEAD
c = json.load(open(sys.argv[1]))['compute']
near(c['memory_per_gpu_bytes'], 16 * 70e9 / int(sys.argv[2]))
assert c['fits'] is ${gpus_fits#*:} and c['min_gpus'] == 14, (c['fits'], c['min_gpus'])
" "$work/m.json" "${gpus_fits%%:*}"
  fi
done
# A GPU's memory given: 141 GB holds 1.12e12 / 8 = 1.4e11 B: fits on 8, from ceil(1.12e12 / 1.41e11)
# = ceil(7.94) = 8. 12 B a parameter on 80 GB: 70e9 * 12 = 8.4e11 B, ceil(8.4e11 / 8e10) = ceil(10.5) = 11.
if json "memory 141 GB" "$work/m141.json" compute --params 70e9 --tokens 1e12 --gpus 8 --set "compute.memory=141 GB" &&
  json "12 B a parameter" "$work/s12.json" compute --params 70e9 --tokens 1e12 --gpus 8 --set compute.state_bytes_per_param=12; then
  check "memory and state_bytes_per_param given" "$PY_HEAD
a = json.load(open(sys.argv[1]))['compute']
near(a['memory_bytes'], 141e9)
assert a['fits'] is True and a['min_gpus'] == 8, (a['fits'], a['min_gpus'])
b = json.load(open(sys.argv[2]))['compute']
near(b['memory_per_gpu_bytes'], 12 * 70e9 / 8)   # 1.05e11
assert b['fits'] is False and b['min_gpus'] == 11, (b['fits'], b['min_gpus'])
" "$work/m141.json" "$work/s12.json"
fi
# With the architecture (70B, 80 layers, d_model 8192, seq_len 8192, vocab 128,000, micro_batch 1,
# causal): attention FLOPs per token 12 * 80 * 8192 * (8192 / 2) = 32,212,254,720, so flops =
# 1e12 * (4.2e11 + 3.221225472e10) = 4.5221225472e23 and flops_6n = 4.2e23. Activations a GPU:
# 2 * 8192 * 8192 * 80 = 10,737,418,240 (layer inputs) + 34 * 8192 * 8192 = 2,281,701,376 (one
# layer recomputed) + 10 * 8192 * 128,000 = 10,485,760,000 (logits) = 23,504,879,616 B. On 16 GPUs:
# 1.12e12 / 16 + that = 93,504,879,616 B > 80 GB: fits false. min_gpus: 1.12e12 / g <= 8e10 -
# 23,504,879,616 = 56,495,120,384 needs g >= 19.82, so 20 (at 20: 5.6e10 + 2.35e10 = 7.95e10 fits).
big=(--params 70e9 --tokens 1e12 --set compute.layers=80 --set compute.d_model=8192 --set compute.seq_len=8192
  --set compute.vocab=128000)
if json "70B architecture on 16 GPUs" "$work/a16.json" compute "${big[@]}" --gpus 16 &&
  json "70B architecture on 20 GPUs" "$work/a20.json" compute "${big[@]}" --gpus 20; then
  check "70B architecture: attention FLOPs, activations, min_gpus 20" "$PY_HEAD
a, b = (json.load(open(p))['compute'] for p in sys.argv[1:3])
attention = 12 * 80 * 8192 * (8192 / 2)                       # 32,212,254,720 a token
near(a['flops'], 1e12 * (6 * 70e9 + attention))              # 4.5221225472e23
near(a['flops_6n'], 6 * 70e9 * 1e12)                         # 4.2e23
assert a['flops_counted'] == '6n+attention', a['flops_counted']
act = 2 * 8192 * 8192 * 80 + 34 * 8192 * 8192 + 10 * 8192 * 128000   # 23,504,879,616
near(a['memory_per_gpu_bytes'], 16 * 70e9 / 16 + act)        # 93,504,879,616
assert a['fits'] is False and a['min_gpus'] == 20, (a['fits'], a['min_gpus'])
near(b['memory_per_gpu_bytes'], 16 * 70e9 / 20 + act)        # 79,504,879,616
assert b['fits'] is True and b['min_gpus'] == 20, (b['fits'], b['min_gpus'])
" "$work/a16.json" "$work/a20.json"
fi
# Attention kinds in a sweep (7B, 32 layers, d_model 4096, seq_len 8192; A the positions a token
# attends to): causal A = 4096, full A = 8192, window 1024: A = 1024 * (1 - 1024 / 16384) = 960,
# window 100000 > seq_len: as causal. flops = 1e12 * (4.2e10 + 12 * 32 * 4096 * A).
cat >"$work/attention.toml" <<'T'
[compute]
params = 7e9
tokens = 1e12
layers = 32
d_model = 4096
seq_len = 8192
[sweep]
compute.attention = ["causal", "full", "window 1024", "window 100000"]
[output]
columns = ["compute.attention", "compute.flops", "compute.flops_6n"]
T
if "$HAUL" sweep "$work/attention.toml" --format csv >"$work/attention.csv" 2>"$work/err"; then
  check "attention kinds: causal, full, window N, a window longer than seq_len" "$PY_HEAD
import csv
rows = list(csv.DictReader(open(sys.argv[1])))
A = {'causal': 4096, 'full': 8192, 'window 1024': 1024 * (1 - 1024 / 16384), 'window 100000': 4096}
assert [r['compute.attention'] for r in rows] == list(A), rows
for r in rows:
    near(float(r['compute.flops']), 1e12 * (4.2e10 + 12 * 32 * 4096 * A[r['compute.attention']]))
    near(float(r['compute.flops_6n']), 4.2e22)
" "$work/attention.csv"
else fail "attention sweep: $(cat "$work/err")"; fi

# --- JSON: goodput from failures and the checkpoint interval ---
# 7B on 64 GPUs, 0.001 interruptions a GPU-day, checkpoints at the default 100 GB/s, restarts 10 min:
# M = 86,400 s / (0.001 * 64) = 1,350,000 s; delta = 16 * 7e9 / 1e11 = 1.12 s;
# tau = sqrt(2 * 1.12 * 1,350,000) = sqrt(3,024,000) = 1,738.97 s;
# goodput = 1 - 1.12 / 1738.97 - (869.48 + 600) / 1,350,000 = 0.998267;
# train_time = 6 * 7e9 * 1e12 / (64 * 989e12 * 0.4 * goodput); interruptions = train_time / M.
# A goodput given beside failure_rate is not used (the report says so): the same figures with 0.5.
for extra in "" "compute.goodput=0.5"; do
  if json "failure_rate ${extra:-alone}" "$work/fr.json" compute "${job[@]}" --gpus 64 --mfu 0.4 \
    --set compute.failure_rate=0.001 ${extra:+--set "$extra"}; then
    check "failure_rate ${extra:-alone}: Young/Daly interval and goodput by hand" "$PY_HEAD
c = json.load(open(sys.argv[1]))['compute']
M = 86400 / (0.001 * 64)                    # 1,350,000 s
delta = 16 * 7e9 / 100e9                    # 1.12 s
tau = math.sqrt(2 * delta * M)              # 1,738.97 s
near(c['checkpoint_interval_s'], tau)
assert abs(c['checkpoint_interval_s'] - 1738.965) < 1e-3, c['checkpoint_interval_s']
goodput = 1 - delta / tau - (tau / 2 + 600) / M   # 0.998267
near(c['goodput'], goodput)
train = 6 * 7e9 * 1e12 / (64 * 989e12 * 0.4 * goodput)
near(c['train_time_s'], train)
near(c['interruptions'], train / M)
" "$work/fr.json"
  fi
done
expect_ok "a goodput given beside failure_rate is said to be unused" "compute.goodput \(--set\) is not used" \
  compute "${job[@]}" --set compute.failure_rate=0.001 --set compute.goodput=0.5
# checkpoint_time and restart_time given, a flops job on 1024 GPUs at 0.002 a GPU-day:
# M = 86,400 / (0.002 * 1024) = 42,187.5 s; tau = sqrt(2 * 30 * 42,187.5) = sqrt(2,531,250)
# = 1,590.99 s; goodput = 1 - 30 / 1590.99 - (795.495 + 300) / 42,187.5 = 0.955177.
# total_params 70e9 and checkpoint_rate 10 GB/s, 256 GPUs at 0.001: delta = 16 * 70e9 / 1e10 = 112 s
# (all parameters, not the 7e9 active ones); M = 86,400 / 0.256 = 337,500 s;
# tau = sqrt(2 * 112 * 337,500) = sqrt(75,600,000) = 8,694.83 s.
if json "checkpoint_time and restart_time" "$work/ct.json" compute --set compute.flops=1e24 --gpus 1024 \
  --set compute.failure_rate=0.002 --set compute.checkpoint_time=30s --set compute.restart_time=5min &&
  json "checkpoint_rate and total_params" "$work/cr.json" compute "${job[@]}" --total-params 70e9 --gpus 256 \
    --set compute.failure_rate=0.001 --set compute.checkpoint_rate=10GB/s; then
  check "checkpoint_time, restart_time, checkpoint_rate, total_params" "$PY_HEAD
a, b = (json.load(open(p))['compute'] for p in sys.argv[1:3])
M = 86400 / (0.002 * 1024)                  # 42,187.5 s
tau = math.sqrt(2 * 30 * M)                 # 1,590.99 s
near(a['checkpoint_interval_s'], tau)
near(a['goodput'], 1 - 30 / tau - (tau / 2 + 300) / M)      # 0.955177
assert abs(a['goodput'] - 0.955177) < 1e-6, a['goodput']
M = 86400 / (0.001 * 256)                   # 337,500 s
near(b['checkpoint_interval_s'], math.sqrt(2 * 112 * M))   # 8,694.83 s
assert abs(b['checkpoint_interval_s'] - 8694.826) < 1e-3, b['checkpoint_interval_s']
" "$work/ct.json" "$work/cr.json"
fi
# Without failure_rate: the given goodput, and no interval or interruptions.
if json "no failure_rate" "$work/nf.json" compute "${job[@]}" --set compute.goodput=0.8; then
  check "no failure_rate: no checkpoint_interval_s" "$PY_HEAD
c = json.load(open(sys.argv[1]))['compute']
assert 'checkpoint_interval_s' not in c and 'interruptions' not in c, sorted(c)
assert c.get('goodput', 0.8) == 0.8, c.get('goodput')
" "$work/nf.json"
fi
expect_ok "no failure_rate: no checkpoints row" "^training time" compute "${job[@]}"
if ! grep -q "checkpoints" "$work/out"; then ok; else fail "a checkpoints row without failure_rate"; fi

# --- tokens = "auto": epochs * data.size / bytes_per_token ---
# 1e9 params on 64 GPUs: 4 TB / 4 B a token = 1e12 tokens, 6e21 FLOP, train_time
# 6e21 / (64 * 989e12 * 0.4 * 0.9) = 6e21 / 2.278656e16 = 263,313.11 s; 8 TB and 40 TB twice and ten
# times that. data.compression does not change the tokens (counted before compression).
cat >"$work/auto.toml" <<'T'
[data]
compression = 2.0
[compute]
params = 1e9
tokens = "auto"
gpus = 64
mfu = 0.4
goodput = 0.9
[sweep]
data.size = ["4 TB", "8 TB", "40 TB"]
[output]
columns = ["data.size", "compute.tokens", "compute.flops", "compute.train_time_s"]
T
if "$HAUL" sweep "$work/auto.toml" --format csv >"$work/auto.csv" 2>"$work/err"; then
  check "tokens auto over data.size: size / 4, train time proportional" "$PY_HEAD
import csv
rows = list(csv.DictReader(open(sys.argv[1])))
assert len(rows) == 3, rows
for r in rows:
    size = float(r['data.size_bytes'])
    near(float(r['compute.tokens']), size / 4)              # 1e12, 2e12, 1e13
    near(float(r['compute.flops']), 6 * 1e9 * size / 4)
    near(float(r['compute.train_time_s']), 6 * 1e9 * size / 4 / (64 * 989e12 * 0.4 * 0.9))
near(float(rows[0]['compute.train_time_s']), 263313.1108864173, 1e-9)
t = [float(r['compute.train_time_s']) for r in rows]
near(t[1] / t[0], 2)                        # 8 TB / 4 TB
near(t[2] / t[0], 10)                       # 40 TB / 4 TB
" "$work/auto.csv"
else fail "tokens auto sweep: $(cat "$work/err")"; fi
# epochs 2.5 and bytes_per_token 2 on 80 TB: 2.5 * 80e12 / 2 = 1e14 tokens; the report says where
# they came from.
if json "epochs and bytes_per_token" "$work/ep.json" compute --params 1e9 --tokens auto --data 80TB \
  --set compute.epochs=2.5 --set compute.bytes_per_token=2; then
  check "epochs 2.5, 2 B a token: 1e14 tokens" "$PY_HEAD
c = json.load(open(sys.argv[1]))['compute']
near(c['tokens'], 2.5 * 80e12 / 2)          # 1e14
near(c['flops'], 6 * 1e9 * 1e14)            # 6e23
" "$work/ep.json"
fi
expect_ok "tokens auto says where the tokens came from" "80 TB / 2 B a token x 2.5 epochs" \
  compute --params 1e9 --tokens auto --data 80TB --set compute.epochs=2.5 --set compute.bytes_per_token=2
# haul table winner with tokens auto: it runs, one winner a cell. Its cells are the winner and the
# lead, where the training time cancels (both routes train the same model), so the training time is
# checked in a pivot over the same axes: it grows with the size and not with the bandwidth.
expect_ok "table winner with tokens auto" "^100 GB +(ship|network) by " \
  table winner --params 1e9 --tokens auto --gpus 64
cat >"$work/pivot.toml" <<'T'
[compute]
params = 1e9
tokens = "auto"
gpus = 64
mfu = 0.4
goodput = 0.9
[sweep]
data.size = ["4 TB", "40 TB"]
network.bandwidth = ["100 Mbps", "10 Gbps"]
[output]
pivot = { rows = "data.size", columns = "network.bandwidth", value = "compute.train_time_s" }
T
if "$HAUL" sweep "$work/pivot.toml" --format csv >"$work/pivot.csv" 2>"$work/err"; then
  check "training time by size and bandwidth with tokens auto" "$PY_HEAD
import csv
rows = list(csv.reader(open(sys.argv[1])))
assert rows[0][0].startswith('compute.train_time_s by data.size_bytes'), rows[0]
for row in rows[1:]:
    size = float(row[0])
    for cell in row[1:]:      # 6 * 1e9 * size / 4 FLOP at 64 * 989e12 * 0.4 * 0.9 FLOP/s
        near(float(cell), 6 * 1e9 * size / 4 / (64 * 989e12 * 0.4 * 0.9))
near(float(rows[2][1]) / float(rows[1][1]), 10)   # 40 TB / 4 TB
" "$work/pivot.csv"
else fail "tokens auto pivot: $(cat "$work/err")"; fi

# --- haul scenario: the new keys written and read back ---
# compare_compute NAME A.json B.json: the compute results and the compute inputs are the same.
same_compute() {
  check "$1" "
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert a['compute'] == b['compute'], (a['compute'], b['compute'])
assert a['inputs']['compute'] == b['inputs']['compute'], (a['inputs']['compute'], b['inputs']['compute'])
assert a['inputs']['data'] == b['inputs']['data']
" "$2" "$3"
}
every=(--params 7e9 --tokens auto --total-params 9e9 --gpus 64 --set compute.layers=32 --set compute.d_model=4096
  --set compute.seq_len=4096 --set "compute.attention=window 1024" --set compute.vocab=32000
  --set compute.micro_batch=2 --set compute.epochs=2.5 --set compute.bytes_per_token=2
  --set compute.failure_rate=0.001 --set compute.checkpoint_time=30s --set compute.restart_time=5min
  --set compute.checkpoint_rate=50GB/s --set "compute.memory=40 GB" --set compute.state_bytes_per_param=12)
if "$HAUL" scenario "${every[@]}" -o "$work/every.toml" 2>"$work/err"; then
  # every new key given is written as a value, not a comment
  for key in layers d_model seq_len attention vocab micro_batch epochs bytes_per_token failure_rate \
    checkpoint_time restart_time checkpoint_rate memory state_bytes_per_param; do
    if grep -Eq "^$key = .*# --set" "$work/every.toml"; then ok; else fail "scenario does not write $key as given"; fi
  done
  if grep -q '^tokens = "auto" ' "$work/every.toml" && grep -q '^attention = "window 1024" ' "$work/every.toml"; then
    ok; else fail "scenario writes tokens or attention in another form"; fi
  if json "every new key, read back" "$work/every-back.json" compare "$work/every.toml" &&
    json "every new key, direct" "$work/every-direct.json" compare "${every[@]}"; then
    same_compute "every new key: the scenario reads back to the same compute" "$work/every-back.json" "$work/every-direct.json"
  fi
else fail "scenario with every new key: $(cat "$work/err")"; fi
# A flops job with failures and a checkpoint time, and a gpu_hours job with a GPU's memory.
for case in "--set compute.flops=3e23 --set compute.failure_rate=0.0005 --set compute.checkpoint_time=45s" \
  "--set compute.gpu_hours=50000 --set compute.memory=141GB --gpus 512"; do
  # shellcheck disable=SC2086
  if "$HAUL" scenario $case -o "$work/case.toml" 2>"$work/err" &&
    json "read back: $case" "$work/case-back.json" compare "$work/case.toml" &&
    json "direct: $case" "$work/case-direct.json" compare $case; then
    same_compute "scenario round trip: $case" "$work/case-back.json" "$work/case-direct.json"
  else fail "scenario round trip: $case: $(cat "$work/err")"; fi
done

# The defaults: the keys that wait for others are written commented out, with their defaults
# (MODEL.md section 3), and the whole file reads back.
if "$HAUL" scenario -o "$work/defaults.toml" 2>"$work/err"; then
  for line in '# bytes_per_token = 4 ' '# epochs = 1 ' '# attention = "causal" ' '# micro_batch = 1 ' \
    '# checkpoint_rate = "100 GB/s" ' '# restart_time = "10 min" ' '# layers = ... ' '# d_model = ... ' \
    '# seq_len = ... ' '# vocab = ... ' '# failure_rate = ... ' '# checkpoint_time = ... '; do
    if grep -qF -- "$line" "$work/defaults.toml"; then ok; else fail "scenario of the defaults lacks '$line'"; fi
  done
  # state_bytes_per_param and memory count without the others: written (memory from the preset).
  if grep -q '^state_bytes_per_param = 16 ' "$work/defaults.toml"; then ok; else fail "state_bytes_per_param not written"; fi
  if json "defaults read back" "$work/defaults-back.json" compare "$work/defaults.toml" &&
    json "defaults direct" "$work/defaults-direct.json" compare --set data.size=80TB; then
    check "the defaults' scenario reads back to the same inputs" "
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
assert a['inputs'] == b['inputs'], [k for k in a['inputs'] if a['inputs'][k] != b['inputs'][k]]
" "$work/defaults-back.json" "$work/defaults-direct.json"
  fi
  # The commented keys wait: uncommenting the job and one of them gives what the flags give.
  sed -e 's/^# params = \.\.\..*/params = 7e9/' -e 's/^# tokens = \.\.\..*/tokens = "auto"/' \
    -e 's/^# epochs = 1 .*/epochs = 3/' "$work/defaults.toml" >"$work/uncommented.toml"
  if json "uncommented" "$work/unc.json" compute "$work/uncommented.toml" &&
    json "flags" "$work/flags.json" compute --params 7e9 --tokens auto --set compute.epochs=3; then
    check "uncommented epochs read back" "$PY_HEAD
a, b = (json.load(open(p))['compute'] for p in sys.argv[1:3])
near(a['tokens'], 3 * 80e12 / 4)            # 6e13
assert a == b, (a, b)
" "$work/unc.json" "$work/flags.json"
  fi
else fail "scenario of the defaults: $(cat "$work/err")"; fi
# With what they wait for given, the waiting keys are written as values and read back.
for case in "--params 7e9 --tokens 1e12 --set compute.layers=32 --set compute.d_model=4096 --set compute.seq_len=4096:attention micro_batch" \
  "--params 7e9 --tokens auto:epochs bytes_per_token" \
  "--params 7e9 --tokens 1e12 --set compute.failure_rate=0.001:checkpoint_rate restart_time"; do
  flags=${case%%:*} keys=${case#*:}
  # shellcheck disable=SC2086
  if "$HAUL" scenario $flags -o "$work/w.toml" 2>"$work/err"; then
    for key in $keys; do
      if grep -Eq "^$key = .*# default" "$work/w.toml"; then ok; else fail "scenario $flags: $key not written as a value"; fi
    done
    # shellcheck disable=SC2086
    if json "read back: $flags" "$work/w-back.json" compare "$work/w.toml" && json "direct: $flags" "$work/w-direct.json" compare $flags; then
      same_compute "scenario round trip: $flags" "$work/w-back.json" "$work/w-direct.json"
    fi
  else fail "scenario $flags: $(cat "$work/err")"; fi
done

# Unknown results are empty cells in a sweep, not an overflow: interruptions without failure_rate,
# min_gpus where the activations alone overflow a GPU (10 GB: 2 x 8192 x 4096 x 32 + 34 x 8192 x
# 4096 + 10 x 8192 x 128,256 = 2.15 + 1.14 + 10.5 = 13.8 GB > 10 GB).
cat >"$work/unknown.toml" <<'EOT'
[compute]
params = 7e9
tokens = 1e12
layers = 32
d_model = 4096
seq_len = 8192
vocab = 128256
[sweep]
compute.memory = ["80 GB", "10 GB"]
[output]
columns = ["compute.memory", "compute.interruptions", "compute.fits", "compute.min_gpus"]
EOT
if "$HAUL" sweep "$work/unknown.toml" --format csv >"$work/unknown.csv" 2>"$work/err"; then
  # 80 GB: 7e9 x 16 = 112 GB of state; (112e9 / 2) + 13.8e9 = 69.8e9 <= 80e9 -> min_gpus 2.
  if [ "$(sed -n 2p "$work/unknown.csv" | tr -d "\r")" = "80000000000,,true,2" ] &&
    [ "$(sed -n 3p "$work/unknown.csv" | tr -d "\r")" = "10000000000,,false," ]; then ok
  else fail "unknown sweep cells: $(cat "$work/unknown.csv")"; fi
else fail "a sweep with unknown cells failed: $(cat "$work/err")"; fi

# Beside failure_rate, haul scenario writes the default goodput commented out (it is not used),
# and the file reads back without a note.
if "$HAUL" scenario --params 7e9 --tokens 1e12 --set compute.failure_rate=0.001 -o "$work/g.toml" 2>"$work/err"; then
  if grep -Eq '^# goodput = 0.9 +# default \(not used with compute.failure_rate' "$work/g.toml"; then ok
  else fail "goodput beside failure_rate not commented out: $(grep goodput "$work/g.toml")"; fi
  if "$HAUL" compute "$work/g.toml" >"$work/out" 2>&1 && ! grep -q "is not used" "$work/out"; then ok
  else fail "the scenario with failure_rate reads back with a note: $(cat "$work/out")"; fi
else fail "scenario with failure_rate: $(cat "$work/err")"; fi

echo "compute cli: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
