#!/usr/bin/env python3
"""Compare haul's network model with the iperf3 measurements that run.sh wrote.

For each NAME.json (iperf3 client --json) in the results directory: the point's parameters from
NAME.params.json (or, failing that, from the name), the measured goodput
(end.sum_received.bits_per_second), the sender's retransmits and mean RTT, the emulator's counters
from NAME.stats.json, and haul's prediction for the same link:

  haul network --bandwidth <rate>Mbps --utilization 1 --rtt <rtt>ms --loss <loss> --streams <P>
       --congestion <cc> --window 64MiB --set network.efficiency=0.96533
       --set network.mtu=1500B --data 100GB --files 1 --format json

(network.rate_bps). Efficiency 1448/1500: the emulator counts IP bytes and TCP with timestamps
carries 1448 B of payload in each 1500 B packet. --utilization 1 because the built-in scenario
leaves 20 % of its link for others. Prints a Markdown table (or CSV) and a summary. Exits 0.

Points given as a size (run.sh's 100MB form) are short transfers from a cold start: --short
prints them, measured time (end.sum_received.seconds) against haul's transfer time with and
without slow start (network.phases.transfer_s, less network.slow_start_s).

usage: compare.py [--dir DIR] [--haul PATH] [--markdown | --csv] [--short] [--tolerance 0.25]
"""
import argparse
import csv
import json
import math
import os
import re
import signal
import subprocess
import sys

REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
NAME_RE = re.compile(
    r"^bw(?P<rate>\d+)M_rtt(?P<rtt>\d+)ms_loss(?P<loss>[0-9.e-]+)_(?P<cc>reno|cubic|bbr)_P(?P<p>\d+)$")
EFFICIENCY = 1448 / 1500


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def point_params(directory, name):
    params = load_json(os.path.join(directory, name + ".params.json"))
    if params:
        return params
    m = NAME_RE.match(name)
    if not m:
        return None
    return {"rate_mbps": int(m["rate"]), "rtt_ms": int(m["rtt"]), "loss": float(m["loss"]),
            "cc": m["cc"], "streams": int(m["p"])}


def run_model(haul, p, data="100GB", whole=False):
    cmd = [haul, "network", "--bandwidth", f"{p['rate_mbps']}Mbps", "--utilization", "1",
           "--rtt", f"{p['rtt_ms']}ms", "--loss", repr(float(p["loss"])),
           "--streams", str(p["streams"]), "--congestion", p["cc"], "--window", "64MiB",
           "--set", f"network.efficiency={EFFICIENCY:.5f}", "--set", "network.mtu=1500B",
           "--data", data, "--files", "1", "--format", "json"]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, check=True).stdout
        net = json.loads(out)["network"]
        if whole:
            return net, None, None
        return float(net["rate_bps"]), str(net["limit"]), None
    except FileNotFoundError:
        return None, None, f"{haul}: not found"
    except subprocess.CalledProcessError as e:
        return None, None, (e.stderr or "").strip() or f"exit {e.returncode}"
    except (ValueError, KeyError) as e:
        return None, None, f"unexpected output: {e}"


def measure(d):
    end = d["end"]
    received = float(end["sum_received"]["bits_per_second"])
    sent = end["sum_sent"]
    retrans = int(sent.get("retransmits", 0) or 0)
    mss = int(d.get("start", {}).get("tcp_mss_default", 1448) or 1448)
    packets = float(sent.get("bytes", 0)) / mss
    rtts = [s["sender"]["mean_rtt"] for s in end.get("streams", [])
            if isinstance(s.get("sender"), dict) and "mean_rtt" in s["sender"]]
    mean_rtt_ms = sum(rtts) / len(rtts) / 1e3 if rtts else float("nan")
    return {"received_bps": received, "sent_bps": float(sent["bits_per_second"]),
            "retransmits": retrans, "retrans_share": retrans / packets if packets else float("nan"),
            "mean_rtt_ms": mean_rtt_ms}


def fmt_loss(x):
    return "0" if x == 0 else f"{x:.0e}".replace("e-0", "e-")


def main():
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet under | head
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--dir", default=os.path.join(REPO, "benchmarks", "realnet", "results"),
                    help="results directory (default benchmarks/realnet/results)")
    ap.add_argument("--haul", default=os.environ.get("HAUL", os.path.join(REPO, "build", "haul")),
                    help="haul binary (default $HAUL or build/haul)")
    fmt = ap.add_mutually_exclusive_group()
    fmt.add_argument("--markdown", dest="format", action="store_const", const="md",
                     help="a Markdown table (the default)")
    fmt.add_argument("--csv", dest="format", action="store_const", const="csv", help="CSV")
    ap.add_argument("--short", action="store_true",
                    help="the short transfers (points given as a size): time, not rate")
    ap.add_argument("--tolerance", type=float, default=0.25,
                    help="the band counted as agreement, as a fraction (default 0.25)")
    ap.set_defaults(format="md")
    args = ap.parse_args()

    try:
        names = sorted(f[:-5] for f in os.listdir(args.dir)
                       if f.endswith(".json") and not f.endswith((".params.json", ".stats.json",
                                                                  ".failed.json")))
    except OSError as e:
        print(f"compare: {args.dir}: {e.strerror}", file=sys.stderr)
        return 0
    rows = []
    short = []
    for name in names:
        d = load_json(os.path.join(args.dir, name + ".json"))
        p = point_params(args.dir, name)
        if not d or not p or "end" not in d or "sum_received" not in d["end"]:
            print(f"compare: {name}: unreadable result, skipped", file=sys.stderr)
            continue
        if p.get("bytes"):
            # A short transfer from a cold start. iperf3 -n stops when the sender has written the
            # bytes, some still in flight, so the receiver's side is the measurement: it had
            # sum_received.bytes after sum_received.seconds. iperf3 starts its clock with the
            # connections open, so the model's time for those bytes without the handshake
            # (phases.transfer_s).
            received = float(d["end"]["sum_received"]["bytes"])
            net, _, err = run_model(args.haul, p, data=f"{received:.0f}B", whole=True)
            if err:
                print(f"compare: {name}: haul: {err}", file=sys.stderr)
                continue
            measured_s = float(d["end"]["sum_received"]["seconds"])
            with_ss = float(net["phases"]["transfer_s"])
            without = with_ss - float(net.get("slow_start_s", 0.0))
            short.append({"name": name, "p": p, "received": received,
                          "measured_s": measured_s, "model_s": with_ss,
                          "flat_s": without, "ratio": with_ss / measured_s,
                          "flat_ratio": without / measured_s,
                          "retransmits": int(d["end"]["sum_sent"].get("retransmits", 0) or 0)})
            continue
        m = measure(d)
        model_bps, limit, err = run_model(args.haul, p)
        if err:
            print(f"compare: {name}: haul: {err}", file=sys.stderr)
        stats = load_json(os.path.join(args.dir, name + ".stats.json")) or {}
        fwd = stats.get("forward", {})
        rx = fwd.get("rx_packets", 0)
        ratio = model_bps / m["received_bps"] if model_bps and m["received_bps"] > 0 else float("nan")
        rows.append({
            "name": name, "rate_mbps": p["rate_mbps"], "rtt_ms": p["rtt_ms"],
            "loss": float(p["loss"]), "cc": p["cc"], "streams": p["streams"],
            "measured_mbps": m["received_bps"] / 1e6, "sent_mbps": m["sent_bps"] / 1e6,
            "model_mbps": model_bps / 1e6 if model_bps else float("nan"), "ratio": ratio,
            "limit": limit or "?", "retransmits": m["retransmits"],
            "retrans_pct": 100 * m["retrans_share"], "mean_rtt_ms": m["mean_rtt_ms"],
            "emu_loss_pct": 100 * fwd.get("drops_loss", 0) / rx if rx else float("nan"),
            "queue_drops": fwd.get("drops_queue", ""),
            "within": abs(ratio - 1) <= args.tolerance if ratio == ratio else False})
    rows.sort(key=lambda r: (r["rate_mbps"], r["rtt_ms"], r["loss"], r["cc"], r["streams"]))

    if args.format == "csv":
        w = csv.writer(sys.stdout)
        keys = ["name", "rate_mbps", "rtt_ms", "loss", "cc", "streams", "measured_mbps",
                "sent_mbps", "model_mbps", "ratio", "limit", "retransmits", "retrans_pct",
                "emu_loss_pct", "queue_drops", "mean_rtt_ms", "within"]
        w.writerow(keys)
        for r in rows:
            w.writerow([f"{r[k]:.4g}" if isinstance(r[k], float) else r[k] for k in keys])
        return 0

    if args.short:
        print("| rate Mbit/s | RTT ms | cc | sent | received | measured s | model s (slow start) | "
              "ratio | model s (full speed from the start) | ratio | retransmits |")
        print("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in sorted(short, key=lambda r: (r["p"]["rate_mbps"], r["p"]["rtt_ms"], r["p"]["bytes"])):
            p = r["p"]
            print(f"| {p['rate_mbps']} | {p['rtt_ms']} | {p['cc']} | {p['bytes'] / 1e6:g} MB | "
                  f"{r['received'] / 1e6:.1f} MB | "
                  f"{r['measured_s']:.2f} | {r['model_s']:.2f} | {r['ratio']:.2f} | "
                  f"{r['flat_s']:.2f} | {r['flat_ratio']:.2f} | {r['retransmits']} |")
        return 0

    band = f"±{args.tolerance * 100:.0f} %"
    print(f"| rate Mbit/s | RTT ms | loss | cc | streams | measured Mbit/s | model Mbit/s | "
          f"model/measured | limit | retransmits | retrans % | queue drops | mean RTT ms | "
          f"within {band} |")
    print("|" + "---:|" * 3 + "---|" + "---:|" * 4 + "---|" + "---:|" * 4 + "---|")
    for r in rows:
        print(f"| {r['rate_mbps']} | {r['rtt_ms']} | {fmt_loss(r['loss'])} | {r['cc']} | "
              f"{r['streams']} | {r['measured_mbps']:.2f} | {r['model_mbps']:.2f} | "
              f"{r['ratio']:.2f} | {r['limit']} | {r['retransmits']} | {r['retrans_pct']:.3f} | "
              f"{r['queue_drops']} | {r['mean_rtt_ms']:.1f} | {'yes' if r['within'] else 'no'} |")
    print()
    n = len(rows)
    if n == 0:
        print(f"No results in {args.dir}.")
        return 0
    good = [r for r in rows if r["ratio"] == r["ratio"]]
    within = sum(r["within"] for r in rows)
    off2 = sum(1 for r in good if r["ratio"] >= 2 or r["ratio"] <= 0.5)
    worst = max(good, key=lambda r: abs(math.log(r["ratio"])), default=None)
    worst_text = f"{worst['ratio']:.2f} ({worst['name']})" if worst else "n/a"
    print(f"**{n} points: {within} ({100 * within / n:.0f} %) within {band}, "
          f"{off2} off by 2x or more, worst ratio {worst_text}.**")
    print()
    for key in ("cc", "limit"):
        parts = []
        for value in sorted({r[key] for r in rows}):
            group = [r for r in rows if r[key] == value]
            ratios = sorted(r["ratio"] for r in group if r["ratio"] == r["ratio"])
            median = ratios[len(ratios) // 2] if ratios else float("nan")
            parts.append(f"{value}: {sum(r['within'] for r in group)}/{len(group)} within, "
                         f"median ratio {median:.2f}")
        print(f"By {key}: " + "; ".join(parts) + ".")
    return 0


if __name__ == "__main__":
    sys.exit(main())
