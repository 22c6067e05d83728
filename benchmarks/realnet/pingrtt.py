#!/usr/bin/env python3
"""ICMP echo round-trip times over a raw socket (root), for hosts without ping(8).

usage: pingrtt.py HOST [-c COUNT] [-i INTERVAL_S] [-W TIMEOUT_S] [-s PAYLOAD_BYTES]
Prints one line: "sent N received M min X avg Y max Z ms" (X, Y, Z are "nan" if nothing came back).
Exit 0 if at least one reply came back, 1 if none, 2 on bad arguments.
"""
import argparse
import os
import select
import socket
import struct
import sys
import time


def checksum(data: bytes) -> int:
    if len(data) % 2:
        data += b"\0"
    total = sum(struct.unpack(f"!{len(data) // 2}H", data))
    total = (total >> 16) + (total & 0xFFFF)
    total += total >> 16
    return ~total & 0xFFFF


def main() -> int:
    ap = argparse.ArgumentParser(description="ICMP echo RTTs (needs root)")
    ap.add_argument("host")
    ap.add_argument("-c", type=int, default=5, help="echo requests (default 5)")
    ap.add_argument("-i", type=float, default=0.2, help="interval, s (default 0.2)")
    ap.add_argument("-W", type=float, default=2.0, help="wait for each reply, s (default 2)")
    ap.add_argument("-s", type=int, default=56, help="payload bytes (default 56)")
    args = ap.parse_args()
    try:
        sock = socket.socket(socket.AF_INET, socket.SOCK_RAW, socket.IPPROTO_ICMP)
    except PermissionError:
        print("pingrtt: a raw socket needs root", file=sys.stderr)
        return 2
    dest = socket.gethostbyname(args.host)
    ident = os.getpid() & 0xFFFF
    rtts = []
    for seq in range(args.c):
        payload = bytes(args.s)
        header = struct.pack("!BBHHH", 8, 0, 0, ident, seq)
        packet = struct.pack("!BBHHH", 8, 0, checksum(header + payload), ident, seq) + payload
        start = time.monotonic()
        sock.sendto(packet, (dest, 0))
        deadline = start + args.W
        while True:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            ready, _, _ = select.select([sock], [], [], left)
            if not ready:
                break
            data, addr = sock.recvfrom(65536)
            now = time.monotonic()
            ihl = (data[0] & 0x0F) * 4
            icmp_type, _, _, rid, rseq = struct.unpack("!BBHHH", data[ihl:ihl + 8])
            if icmp_type == 0 and rid == ident and rseq == seq and addr[0] == dest:
                rtts.append((now - start) * 1e3)
                break
        if seq + 1 < args.c:
            time.sleep(max(0.0, args.i - (time.monotonic() - start)))
    if rtts:
        print(f"sent {args.c} received {len(rtts)} min {min(rtts):.3f} "
              f"avg {sum(rtts) / len(rtts):.3f} max {max(rtts):.3f} ms")
        return 0
    print(f"sent {args.c} received 0 min nan avg nan max nan ms")
    return 1


if __name__ == "__main__":
    sys.exit(main())
