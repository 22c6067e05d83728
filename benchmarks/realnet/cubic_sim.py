#!/usr/bin/env python3
"""CUBIC's mean window under random loss, by simulation, against RFC 8312's deterministic formula.

RFC 8312 §5.1 averages CUBIC's window assuming a loss exactly every 1/p packets:
    W_det = (C (3 + beta) / (4 (1 - beta)))^(1/4) * (RTT / p)^(3/4) = 1.054 (RTT / p)^(3/4)
(C = 0.4, beta = 0.7, RTT in seconds). Poojary & Sharma (arXiv:1510.08496) show that with random
(Bernoulli) losses the window process converges, suitably scaled, to a Markov chain whose mean
differs from the deterministic one. This script measures that difference directly: it runs the
window round by round (one RTT a round, as Linux's tcp_cubic.c grows it), loses each packet with
probability p, and applies Linux's rules on each loss (multiplicative decrease by beta, fast
convergence of W_max, the Reno-friendly window). It prints, for a grid of RTT and p, the simulated
mean window, the deterministic one, and their ratio; run it with --deterministic (periodic losses,
no fast convergence, as RFC 8312 assumes) to check that the simulator reproduces the formula.

Usage: python3 benchmarks/realnet/cubic_sim.py [--deterministic] [--rounds N] [--seed S]
"""
import argparse
import math
import random

C = 0.4
BETA = 0.7


def det_window(rtt, p):
    cubic = (C * (3 + BETA) / (4 * (1 - BETA))) ** 0.25 * (rtt / p) ** 0.75
    # AIMD with alpha = 3 (1 - beta) / (1 + beta): sqrt(alpha (1 + beta) / (2 (1 - beta) p))
    friendly = math.sqrt(1.5 / p)  # = 1.2247 / sqrt(p)
    return max(cubic, friendly), cubic, friendly


def simulate(rtt, p, rounds, rng, deterministic=False, fast_convergence=True, friendly=True):
    w = det_window(rtt, p)[0]  # start near steady state
    w_max = w
    w = BETA * w
    k = ((w_max - w) / C) ** (1 / 3)
    t = 0.0  # seconds since the last loss
    w_tcp = w
    total_w = 0.0
    to_next_loss = 1.0 / p if deterministic else rng.expovariate(p)  # packets until the next loss
    warmup = rounds // 10
    for n in range(rounds + warmup):
        if n >= warmup:
            total_w += w
        # this round sends w packets; is one of them lost?
        if to_next_loss <= w:
            # multiplicative decrease, with Linux's fast convergence of W_max
            if fast_convergence and w < w_max:
                w_max = w * (1 + BETA) / 2
            else:
                w_max = w
            w = max(BETA * w, 2.0)
            k = ((w_max - w) / C) ** (1 / 3) if w_max > w else 0.0
            t = 0.0
            w_tcp = w
            to_next_loss = 1.0 / p if deterministic else rng.expovariate(p)
            continue
        to_next_loss -= w
        t += rtt
        w_cubic = C * (t - k) ** 3 + w_max
        # Reno-friendly estimate: grows 3 (1 - beta) / (1 + beta) packets a round
        w_tcp += 3 * (1 - BETA) / (1 + BETA)
        w = max(w_cubic, w_tcp) if friendly else w_cubic
    return total_w / rounds


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--deterministic", action="store_true", help="periodic losses (checks RFC 8312)")
    ap.add_argument("--rounds", type=int, default=400000)
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    rng = random.Random(args.seed)
    print("| RTT | p | W simulated | W RFC 8312 | (cubic term, friendly term) | ratio |")
    print("|---|---|---|---|---|---|")
    for rtt in (0.01, 0.03, 0.1, 0.3):
        for p in (1e-5, 1e-4, 1e-3, 1e-2):
            w_sim = simulate(rtt, p, args.rounds, rng, args.deterministic,
                             fast_convergence=not args.deterministic)
            w_det, cubic, fr = det_window(rtt, p)
            print(f"| {rtt * 1e3:g} ms | {p:g} | {w_sim:.1f} | {w_det:.1f} | ({cubic:.1f}, {fr:.1f}) "
                  f"| {w_sim / w_det:.3f} |")


if __name__ == "__main__":
    main()
