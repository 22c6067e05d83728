#!/usr/bin/env bash
# The optimiser (MODEL.md section 12) as a user meets it: the examples' best plans and fronts,
# JSON in section 12's shape, the same bytes on any number of threads in every format, an unmet
# goal answered with exit 0 and the nearest candidates, and bad [choose] / [goal] entries refused
# with one line naming the key (exit 2, no file written). Called by ctest with HAUL and SRC.
set -u
source "$(dirname "$0")/lib.sh"

budget="$SRC/configs/optimize-budget.toml"
deadline="$SRC/configs/optimize-deadline.toml"

# The examples answer.
expect_ok "budget example" "." optimize "$budget"
expect_ok "deadline example" "." optimize "$deadline"

# JSON: {"candidates", "feasible", "best", "front"}, each point {choices, route, time_to_model_s,
# total_cost_usd}; the best meets the budget and is on the front; the front is non-dominated and
# by time.
"$HAUL" optimize "$budget" --format json >"$work/b.json" 2>"$work/err" || fail "budget json: $(cat "$work/err")"
if python3 - "$work/b.json" <<'PY'; then ok; else fail "budget json shape"; fi
import json, sys
d = json.load(open(sys.argv[1]))
# 8 GPU counts x 4 drives x 4 courier counts x 3 slot counts, on the network and ship routes.
assert d["candidates"] == 8 * 4 * 4 * 3 * 2, d["candidates"]
assert 0 < d["feasible"] < d["candidates"], d["feasible"]
best, front = d["best"], d["front"]
assert best["total_cost_usd"] <= 2e6, best
assert set(best["choices"]) == {"compute.gpus", "ship.drive", "ship.couriers", "ship.copy_slots"}, best
assert isinstance(best["choices"]["compute.gpus"], (int, float)), best
assert isinstance(best["choices"]["ship.drive"], str), best
assert best["route"] in ("network", "ship"), best
assert any(p["choices"] == best["choices"] and p["route"] == best["route"] for p in front), "best not on the front"
for a, b in zip(front, front[1:]):
    assert a["time_to_model_s"] < b["time_to_model_s"] and a["total_cost_usd"] > b["total_cost_usd"], (a, b)
# The best is the fastest point of the front within the budget.
within = [p for p in front if p["total_cost_usd"] <= 2e6]
assert best["time_to_model_s"] == min(p["time_to_model_s"] for p in within), best
PY

# The same bytes on 1, 2 and 5 threads, in every format.
for format in json csv md table; do
  "$HAUL" optimize "$deadline" --threads 1 --format "$format" >"$work/t1" 2>/dev/null
  "$HAUL" optimize "$deadline" --threads 2 --format "$format" >"$work/t2" 2>/dev/null
  "$HAUL" optimize "$deadline" --threads 5 --format "$format" >"$work/t5" 2>/dev/null
  if [ -s "$work/t1" ] && cmp -s "$work/t1" "$work/t2" && cmp -s "$work/t1" "$work/t5"; then ok; else fail "threads change $format"; fi
done

# An unmet goal is an answer: exit 0, "no plan meets", and the nearest candidates.
sed 's/^budget = "\$2M"/budget = "$1M"/' "$budget" >"$work/unmet.toml"
expect_ok "unmet goal" "no plan meets" optimize "$work/unmet.toml"
"$HAUL" optimize "$work/unmet.toml" --format json >"$work/u.json" 2>/dev/null
if python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["feasible"] == 0 and d["best"] is None and d["front"], d' "$work/u.json"; then ok; else fail "unmet json"; fi

# Bad [choose] and [goal] entries: one line naming the key, exit 2, no file.
scenario=$(sed -n '1,/^\[choose\]/p' "$budget" | sed '$d')
case_file() { printf '%s\n%s\n' "$scenario" "$1" >"$work/case.toml"; echo "$work/case.toml"; }
choose='[choose]
ship.couriers = [1, 2]'
goal='[goal]
minimize = "time"'
expect_bad "no goal" "[goal]" optimize "$(case_file "$choose")"
expect_bad "no choose" "[choose]" optimize "$(case_file "$goal")"
expect_bad "goal not a table" "goal" optimize "$(case_file "$choose
[[goal]]
minimize = \"time\"")"
expect_bad "no minimize" "goal.minimize" optimize "$(case_file "$choose
[goal]
deadline = \"30 d\"")"
expect_bad "minimize speed" "goal.minimize" optimize "$(case_file "$choose
[goal]
minimize = \"speed\"")"
expect_bad "deadline no unit" "goal.deadline" optimize "$(case_file "$choose
$goal
deadline = 30")"
expect_bad "deadline negative" "goal.deadline" optimize "$(case_file "$choose
$goal
deadline = \"-3 d\"")"
expect_bad "budget a word" "goal.budget" optimize "$(case_file "$choose
$goal
budget = \"lots\"")"
expect_bad "budget boolean" "goal.budget" optimize "$(case_file "$choose
$goal
budget = true")"
expect_bad "unknown route" "goal.route" optimize "$(case_file "$choose
$goal
route = \"shipp\"")"
expect_bad "at without draws" "goal.at" optimize "$(case_file "$choose
$goal
at = \"p90\"")"
expect_bad "at p95" "goal.at" optimize "$(case_file "$choose
$goal
at = \"p95\"")"
expect_bad "unknown goal key" "goal.deadlin" optimize "$(case_file "$choose
$goal
deadlin = \"3 d\"")"
expect_bad "unknown choice" "choose.ship.courier" optimize "$(case_file "[choose]
ship.courier = [1, 2]
$goal")"
expect_bad "empty choice" "choose.ship.couriers" optimize "$(case_file "[choose]
ship.couriers = []
$goal")"
expect_bad "bad value" "ship.couriers" optimize "$(case_file "[choose]
ship.couriers = [1, -2]
$goal")"
expect_bad "range steps" "choose.network.streams.steps" optimize "$(case_file "[choose]
network.streams = { from = 1, to = 64, steps = 1 }
$goal")"
expect_bad "a single value" "choose.ship.couriers" optimize "$(case_file "[choose]
ship.couriers = 2
$goal")"
expect_bad "a sweep table" "[sweep]" optimize "$(case_file "$choose
$goal
[sweep]
ship.couriers = [1]")"
expect_bad "a distributed key" "ship.transit" optimize "$(case_file "[choose]
ship.transit = [\"24 h\", \"48 h\"]
$goal")" --set 'ship.transit={dist="lognormal", p50="24 h", p90="30 h"}'
expect_bad "a route's kind" "choose.route.lease.kind" optimize "$(case_file "[route.lease]
kind = \"network\"
[choose]
route.lease.kind = [\"network\", \"ship\"]
$goal")"
expect_bad "--set over a choice" "ship.couriers" optimize "$(case_file "$choose
$goal")" --set ship.couriers=3
expect_bad "too many combinations" "[choose]" optimize "$(case_file "[choose]
network.streams = { from = 1, to = 10000, steps = 10000 }
ship.couriers = { from = 1, to = 200, steps = 200 }
$goal")"
expect_bad "too many sample plans" "[uncertainty] samples" optimize "$(case_file "[uncertainty]
samples = 100000
[choose]
network.streams = { from = 1, to = 2000, steps = 2000 }
[goal]
minimize = \"time\"
at = \"p90\"")" --set 'ship.transit={dist="lognormal", p50="24 h", p90="30 h"}'

echo "optimize_cli_test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
