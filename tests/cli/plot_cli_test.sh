#!/usr/bin/env bash
# haul plot (MODEL.md section 13) as a user meets it: each kind writes an SVG that parses, names
# the scenario and its base in the title and holds what it shows; the crossover's breakeven is
# compare's, and each side of it is won by the routes it names; a winner-map cell is compare's
# winner at that size and bandwidth; the cdf's medians are compare's; the pareto's points are the
# optimiser's front; the same bytes on any number of threads; bad requests get one line and exit 2
# (1 for a write that fails) and leave no file. Called by ctest with HAUL and SRC.
set -u
source "$(dirname "$0")/lib.sh"

# plot NAME FILE ARGS...: haul plot ARGS -o FILE succeeds and FILE is an SVG document.
plot() {
  local name=$1 file=$2; shift 2
  if ! "$HAUL" plot "$@" -o "$file" 2>"$work/err"; then fail "$name: exit $? ($(head -c 300 "$work/err"))"; return 1; fi
  if python3 - "$file" <<'PY'; then ok; else fail "$name: not an SVG document"; return 1; fi
import sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "{http://www.w3.org/2000/svg}svg", root.tag
PY
}

# svg_check FILE PYTHON: runs the Python with `svg` (the file's text), `root`, `groups(cls)`
# (the <g> elements of a class) and `texts` (every <text>'s content).
svg_check() {
  local file=$1; shift
  python3 - "$file" "$@" <<'PY'
import sys, json, xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
svg = open(sys.argv[1]).read()
root = ET.fromstring(svg)
texts = [t.text or "" for t in root.iter(ns + "text")]
def groups(cls):
    return [g for g in root.iter(ns + "g") if g.get("class") == cls]
title = root.find(ns + "title").text
exec(sys.argv[2])
PY
}

seed_json="$work/seed.json"
"$HAUL" compare --example seed --format json >"$seed_json"

# crossover on the seed: the title names it, the one breakeven is compare's breakeven size (the
# same model, solved by another method: plan.cpp's breakeven_size), labelled as compare shows it.
if plot "seed crossover" "$work/crossover.svg" crossover --example seed; then
  if svg_check "$work/crossover.svg" '
d = json.load(open(sys.argv[3]))
assert "Beijing -> Kuala Lumpur" in title, title
assert "base: example seed" in texts, texts
b = groups("breakeven")
assert len(b) == 1, len(b)
got, want = float(b[0].get("data-size-bytes")), d["breakeven"]["size_bytes"]
assert abs(got - want) <= 1e-9 * want, (got, want)
assert b[0].get("data-below") == "network" and b[0].get("data-above") == "ship"
assert "breakeven 1.17 TB" in texts, texts
assert {g.get("data-route") for g in groups("route")} == {"network", "ship"}
# Drawn where it belongs: the frame runs from x = 96 to 750 (960 wide, 210 for the legend) and the
# axis from 100 GB to 10 PB (the ticks around 800 GB .. 8 PB, two decades either side of 80 TB),
# so 1.166e12 B is at 96 + 654 * log10(1.166e12 / 1e11) / 5 = 96 + 654 * 0.21332 = 235.5.
import math
circle = b[0].find(ns + "circle")
want_x = 96 + 654 * math.log10(want / 1e11) / 5
assert abs(float(circle.get("cx")) - want_x) < 0.01, (circle.get("cx"), want_x)
assert abs(want_x - 235.5) < 0.1, want_x
' "$seed_json"; then ok; else fail "seed crossover contents"; fi
fi
expect_ok "compare says 1.17 TB" "Breakeven size: 1.17 TB" compare --example seed

# university-to-cloud: four routes; each breakeven is where compare's winner changes: 1 % below
# it the route named below wins, 1 % above it the route named above.
if plot "university crossover" "$work/u-crossover.svg" crossover --example university-to-cloud; then
  python3 - "$work/u-crossover.svg" >"$work/sides" <<'PY'
import sys, xml.etree.ElementTree as ET
ns = "{http://www.w3.org/2000/svg}"
for g in ET.parse(sys.argv[1]).getroot().iter(ns + "g"):
    if g.get("class") == "breakeven":
        x = float(g.get("data-size-bytes"))
        print("%.6e %s" % (x * 0.99, g.get("data-below")))
        print("%.6e %s" % (x * 1.01, g.get("data-above")))
PY
  [ "$(wc -l <"$work/sides")" -ge 2 ] && ok || fail "university crossover: no breakeven"
  while read -r size route; do
    got=$("$HAUL" compare --example university-to-cloud --drives auto --set "data.size=\"$size B\"" --format json |
      python3 -c 'import json,sys; print(json.load(sys.stdin)["winner"]["time"])')
    [ "$got" = "$route" ] && ok || fail "university crossover: at $size B compare's winner is $got, not $route"
  done <"$work/sides"
fi
# With only the network and ship routes, the breakeven is compare's network/ship breakeven.
if plot "university two routes" "$work/u2.svg" crossover --example university-to-cloud --set 'plan.routes=["network","ship"]'; then
  "$HAUL" compare --example university-to-cloud --set 'plan.routes=["network","ship"]' --format json >"$work/u2.json"
  if svg_check "$work/u2.svg" '
want = json.load(open(sys.argv[3]))["breakeven"]["size_bytes"]
b = groups("breakeven")
assert len(b) == 1 and abs(float(b[0].get("data-size-bytes")) - want) <= 1e-9 * want, (len(b), want)
assert "(modified)" in title, title
' "$work/u2.json"; then ok; else fail "university two-route breakeven"; fi
fi

# winner-map: 11 sizes x 9 bandwidths; the cell at 1 TB and 1 Gbps is compare's winner there, and
# its lead is the next route's time to model less the winner's.
if plot "seed winner map" "$work/map.svg" winner-map --example seed; then
  "$HAUL" compare --example seed --data 1TB --bandwidth 1Gbps --drives auto --format json >"$work/cell.json"
  if svg_check "$work/map.svg" '
d = json.load(open(sys.argv[3]))
cells = groups("cell")
assert len(cells) == 11 * 9, len(cells)
cell = [c for c in cells if float(c.get("data-size-bytes")) == 1e12 and float(c.get("data-bandwidth-bps")) == 1e9]
assert len(cell) == 1
times = sorted(p["time_to_model_s"] for p in d["plan"].values())
assert cell[0].get("data-winner") == d["winner"]["time"], (cell[0].get("data-winner"), d["winner"])
lead = float(cell[0].get("data-margin-s"))
assert abs(lead - (times[1] - times[0])) <= 1e-9 * times[1], (lead, times)
' "$work/cell.json"; then ok; else fail "seed winner map contents"; fi
fi
plot "university winner map" "$work/u-map.svg" winner-map --example university-to-cloud

# cdf: the seed's ship route always delivers, so its median over every sample is compare's P50.
if plot "seed cdf" "$work/cdf.svg" cdf --example seed; then
  if svg_check "$work/cdf.svg" '
d = json.load(open(sys.argv[3]))["uncertainty"]["routes"]
for g in groups("route"):
    r = d[g.get("data-route")]
    if r["p_fail"] == 0 and r.get("p_impossible", 0) == 0:
        want = r["time_to_model_s"]["p50"]
        assert abs(float(g.get("data-p50-s")) - want) <= 1e-9 * want, (g.get("data-route"), want)
assert len(groups("route")) == 2
' "$seed_json"; then ok; else fail "seed cdf contents"; fi
fi
plot "university cdf" "$work/u-cdf.svg" cdf --example university-to-cloud

# pareto: one point per front point of haul optimize's JSON, the best among them.
if plot "budget pareto" "$work/pareto.svg" pareto "$SRC/configs/optimize-budget.toml"; then
  "$HAUL" optimize "$SRC/configs/optimize-budget.toml" --format json >"$work/opt.json" 2>/dev/null
  if svg_check "$work/pareto.svg" '
d = json.load(open(sys.argv[3]))
points = groups("point")
assert len(points) == len(d["front"]), (len(points), len(d["front"]))
for p, q in zip(points, d["front"]):
    assert abs(float(p.get("data-time-s")) - q["time_to_model_s"]) <= 1e-9 * q["time_to_model_s"]
    assert abs(float(p.get("data-cost-usd")) - q["total_cost_usd"]) <= 1e-9 * q["total_cost_usd"]
best = d["best"]
assert any(abs(float(p.get("data-time-s")) - best["time_to_model_s"]) <= 1e-9 * best["time_to_model_s"] for p in points)
assert any(t.startswith("budget $2M") for t in texts), texts
' "$work/opt.json"; then ok; else fail "budget pareto contents"; fi
fi
plot "deadline pareto" "$work/pareto-d.svg" pareto "$SRC/configs/optimize-deadline.toml"

# A long name of two-byte characters is broken between characters, never inside one: the picture
# stays UTF-8 and parses.
plot "a long UTF-8 name" "$work/utf8.svg" crossover --set "name=\"a$(printf 'é%.0s' $(seq 60))\""

# IEC sizes on the axes with --iec.
if plot "iec crossover" "$work/iec.svg" crossover --example seed --iec; then
  if svg_check "$work/iec.svg" 'assert "1 TiB" in texts and any(t.startswith("breakeven") and "TiB" in t for t in texts), texts'; then ok; else fail "iec labels"; fi
fi

# The same bytes on any number of threads.
for kind in crossover winner-map cdf; do
  "$HAUL" plot "$kind" --example seed --threads 1 -o "$work/t1.svg" 2>/dev/null
  "$HAUL" plot "$kind" --example seed --threads 2 -o "$work/t2.svg" 2>/dev/null
  if [ -s "$work/t1.svg" ] && cmp -s "$work/t1.svg" "$work/t2.svg"; then ok; else fail "threads change $kind"; fi
done

# A pipe takes the SVG; a terminal does not.
if "$HAUL" plot crossover --example seed 2>/dev/null | grep -q "</svg>"; then ok; else fail "plot to a pipe"; fi
if command -v script >/dev/null; then
  script -qec "$HAUL plot crossover --example seed" /dev/null >"$work/tty" 2>&1
  status=$?
  if [ "$status" -eq 2 ] && grep -q "would go to the terminal" "$work/tty" && ! grep -q "<svg" "$work/tty"; then ok; else fail "plot to a terminal: exit $status"; fi
fi

# Bad requests: one line naming the kind, flag or key, exit 2, no file.
expect_bad "unknown kind" "crossovr" plot crossovr --example seed
expect_bad "did you mean" "did you mean crossover" plot crossovr --example seed
expect_bad "no kind" "kind" plot
expect_bad "cdf without uncertainty" "draws nothing" plot cdf
expect_bad "cdf, a scenario without distributions" "draws nothing" plot cdf --example appliance-vs-upload
# The message's own suggestion works.
plot "cdf with the suggested distribution" "$work/sugg.svg" cdf --example appliance-vs-upload --set 'ship.transit={dist="lognormal",p50="24 h",p90="30 h"}'
expect_bad "pareto without a file" "optimiser file" plot pareto --example seed
expect_bad "pareto on a plain scenario" "[choose]" plot pareto "$SRC/configs/seed.toml"
expect_bad "drives set on a crossover" "ship.drives" plot crossover --example seed --drives 60
expect_bad "size set on a winner map" "data.size" plot winner-map --example seed --data 10TB
expect_bad "bad key" "network.rtt" plot crossover --example seed --set network.rtt=fast
expect_bad "format is not a plot's" "--format" plot crossover --example seed --format json

# A write that fails: exit 1, one line, no file.
"$HAUL" plot crossover --example seed -o "$work/missing/dir/x.svg" >"$work/out" 2>"$work/err"
status=$?
if [ "$status" -eq 1 ] && [ "$(wc -l <"$work/err")" -eq 1 ] && [ ! -e "$work/missing" ]; then ok; else fail "unwritable -o: exit $status: $(cat "$work/err")"; fi

echo "plot_cli_test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
