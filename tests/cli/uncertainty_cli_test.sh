#!/usr/bin/env bash
# Uncertainty (MODEL.md section 11) as a user meets it: compare's spread on the seed, the same
# bytes for one seed on any number of threads and different bytes for another seed, --samples and
# --seed, a scenario without distributions or events unchanged, and bad distributions refused with
# one line. Called by ctest with HAUL (the binary) and SRC (the source tree).
set -u
source "$(dirname "$0")/lib.sh"

# The seed shows its spread, and the JSON has MODEL.md section 6's shape.
expect_ok "seed spread" "^arrival P10 " compare
expect_ok "seed win chances" "^wins on time +[0-9.]+% +[0-9.]+%" compare
"$HAUL" compare --format json >"$work/seed.json" 2>"$work/err" || fail "seed json: $(cat "$work/err")"
if python3 - "$work/seed.json" <<'PY'; then ok; else fail "seed json shape"; fi
import json, sys
d = json.load(open(sys.argv[1]))
u = d["uncertainty"]
assert u["samples"] == 10000 and u["seed"] == 1, u
for name in ("network", "ship"):
    r = u["routes"][name]
    for q in ("arrival_s", "time_to_model_s", "total_cost_usd"):
        assert r[q]["p10"] <= r[q]["p50"] <= r[q]["p90"], (name, q, r[q])
    assert 0 <= r["p_fail"] <= 1
# The chances of winning add up to 1 when some route always delivers.
assert abs(sum(u["p_win_time"].values()) - 1) < 1e-12, u["p_win_time"]
assert abs(sum(u["p_win_cost"].values()) - 1) < 1e-12, u["p_win_cost"]
# The point plan is each distribution's median: the seed's transit is 24 h.
assert d["inputs"]["ship"]["transit_s"] == {"dist": "lognormal", "p50": 86400, "p90": 108000}, d["inputs"]["ship"]
assert d["ship"]["phases"]["transit_s"] == 86400
PY

# One seed: the same bytes on 1, 2 and 5 threads, in every format; another seed differs.
for format in json csv md table; do
  "$HAUL" compare --threads 1 --format "$format" >"$work/t1" 2>&1
  "$HAUL" compare --threads 2 --format "$format" >"$work/t2" 2>&1
  "$HAUL" compare --threads 5 --format "$format" >"$work/t5" 2>&1
  if cmp -s "$work/t1" "$work/t2" && cmp -s "$work/t1" "$work/t5"; then ok; else fail "threads change $format"; fi
done
"$HAUL" compare --seed 2 --format json >"$work/s2" 2>&1
if cmp -s "$work/t1" "$work/s2"; then fail "seed 2 gives seed 1's output"; else ok; fi
"$HAUL" compare --example seed --format json --samples 500 --seed 9 >"$work/s9" 2>&1
if python3 -c 'import json,sys; u=json.load(open(sys.argv[1]))["uncertainty"]; assert (u["samples"], u["seed"]) == (500, 9)' "$work/s9"; then ok; else fail "--samples/--seed not used"; fi

# Without a distribution or an event nothing changes: no uncertainty rows or JSON.
expect_ok "no uncertainty" "Winner on time" compare --data 10TB --bandwidth 1Gbps
if "$HAUL" compare --data 10TB --bandwidth 1Gbps | grep -q "uncertainty"; then fail "uncertainty rows without a distribution"; else ok; fi
if "$HAUL" compare --data 10TB --format json | grep -q '"uncertainty"'; then fail "uncertainty JSON without a distribution"; else ok; fi

# A distribution from the command line moves the spread, not the point plan.
expect_ok "dist from --set" "^arrival P10 " compare --data 10TB --set 'ship.transit={dist="uniform", min="12 h", max="36 h"}'
expect_ok "point is the median" "transit 24 h" compare --data 10TB --set 'ship.transit={dist="uniform", min="12 h", max="36 h"}'

# Bad distributions: one line naming the key, exit 2, no file.
expect_bad "p90 below p50" ship.transit compare --set 'ship.transit={dist="lognormal", p50="72 h", p90="24 h"}'
expect_bad "min above max" network.rtt compare --set 'network.rtt={dist="uniform", min="200 ms", max="100 ms"}'
expect_bad "negative sd" network.loss compare --set 'network.loss={dist="normal", mean=0.001, sd=-0.001}'
expect_bad "word key" network.congestion compare --set 'network.congestion={dist="normal", mean=1, sd=0}'
expect_bad "samples 0" uncertainty.samples compare --samples 0
expect_bad "seed -1" uncertainty.seed compare --seed -1

echo "uncertainty_cli_test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
