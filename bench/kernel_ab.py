#!/usr/bin/env python3
"""Two kernelspecs side by side: both kernels stay up and take turns in blocks of cells, so a shared
machine's changing load falls on both alike. For before/after comparisons of one change.

    /usr/bin/python3 bench/kernel_ab.py --kernels juxta-before,juxta [--blocks 20] [--cells 20] [--code '1+1']
    /usr/bin/python3 bench/kernel_ab.py --kernels juxta-before,juxta --fresh 5

--fresh N starts each kernel N times instead, alternating, and times cells 22-121 of each new session (as
kernel_bench does): what a user sees early in a notebook, while the JIT is still compiling javac. --adds also
runs `%time <code>` after each timed cell and reports the round trip minus the worker's own eval: what the kernel adds,
through the client's handling of the messages and at its sockets (kernel_bench's execute_at_sockets).

Install the old build under another name first (`juxta install --name juxta-before` from its jars).
"""
import argparse
import pathlib
import statistics
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from kernel_bench import own_eval_ms, start  # noqa: E402


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernels", required=True)
    ap.add_argument("--blocks", type=int, default=20)
    ap.add_argument("--cells", type=int, default=20)
    ap.add_argument("--code", default="1+1")
    ap.add_argument("--fresh", type=int, default=0, help="new kernels this many times each, instead of blocks")
    ap.add_argument("--adds", action="store_true",
                    help="with --fresh: alternate the code with `%%time` of it and report what the kernel adds")
    args = ap.parse_args()
    names = args.kernels.split(",")
    if args.fresh:
        fresh(names, args)
        return
    kernels = {}
    try:
        for name in names:
            km, client, _ = start(name)
            for _ in range(50):  # warm-up
                client.execute(args.code)
            kernels[name] = (km, client)
        samples = {name: [] for name in names}
        for block in range(args.blocks):
            for name in names if block % 2 == 0 else names[::-1]:
                client = kernels[name][1]
                for _ in range(args.cells):
                    t = time.perf_counter()
                    client.execute(args.code)
                    samples[name].append((time.perf_counter() - t) * 1000)
        print(f"{args.code!r}, {args.blocks} blocks of {args.cells} cells each")
        for name, v in samples.items():
            v.sort()
            print(f"  {name:16s} median {statistics.median(v):6.1f} ms  p10 {v[len(v) // 10]:6.1f}  "
                  f"p90 {v[len(v) * 9 // 10]:6.1f}  (n={len(v)})")
    finally:
        for km, client in kernels.values():
            client.close()
            km.shutdown_kernel(now=True)


def fresh(names, args):
    medians = {name: [] for name in names}
    adds = {name: [] for name in names}
    adds_at_sockets = {name: [] for name in names}
    for i in range(args.fresh):
        for name in names if i % 2 == 0 else names[::-1]:
            km, client, _ = start(name)
            try:
                for _ in range(21):
                    client.execute(args.code)
                samples, inside, at_sockets = [], [], []
                for _ in range(100):
                    t = time.perf_counter()
                    client.execute(args.code)
                    samples.append((time.perf_counter() - t) * 1000)
                    if args.adds:
                        at_sockets.append(client.execute_at_sockets(args.code))
                        inside.append(own_eval_ms(client, args.code))
                if args.adds:
                    adds[name].append(statistics.median(samples) - statistics.median(inside))
                    adds_at_sockets[name].append(statistics.median(at_sockets) - statistics.median(inside))
                medians[name].append(statistics.median(samples))
            finally:
                client.close()
                km.shutdown_kernel(now=True)
    print(f"{args.code!r}, cells 22-121 of {args.fresh} new sessions each")
    for name, v in medians.items():
        print(f"  {name:16s} median of the sessions' medians {statistics.median(v):6.1f} ms  ({', '.join(f'{x:.1f}' for x in v)})")
        if args.adds:
            a = adds[name]
            print(f"  {'':16s} the kernel adds to the worker's `%time` {statistics.median(a):6.1f} ms  "
                  f"({', '.join(f'{x:.1f}' for x in a)})")
            a = adds_at_sockets[name]
            print(f"  {'':16s} the same at the client's sockets {statistics.median(a):6.1f} ms  "
                  f"({', '.join(f'{x:.1f}' for x in a)})")


if __name__ == "__main__":
    main()
