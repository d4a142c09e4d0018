#!/usr/bin/env python3
"""Where the CPU of one cell goes: CPU time per thread of the kernel's process tree (kernel JVM,
worker JVM) and of this client, per cell, over many back-to-back runs of one cell.

    /usr/bin/python3 bench/cell_cpu.py [--kernel juxta] [--cells 300] [--code '1+1']

On two cores a cell whose threads need more CPU than its wall time keeps both cores busy, and
every hand-off between threads then waits for a core. Linux only (reads /proc).
"""
import argparse
import os
import pathlib
import statistics
import sys
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from kernel_bench import SyncClient, start, tree, use_build  # noqa: E402


def cpu_of(path):
    stat = open(path).read()
    return stat[stat.index("(") + 1:stat.rindex(")")], stat[stat.rindex(")") + 2:].split()


def cpu_by_thread(pids):
    """Seconds per live thread, and per process under the thread name "(threads that ended)" the
    rest of the process's total: JShell runs each snippet on a fresh thread."""
    tick = os.sysconf("SC_CLK_TCK")
    seconds = {}
    for pid in pids:
        _, fields = cpu_of(f"/proc/{pid}/stat")
        seconds[(pid, "-", "(threads that ended)")] = (int(fields[11]) + int(fields[12])) / tick
        for tid in os.listdir(f"/proc/{pid}/task"):
            try:
                stat = open(f"/proc/{pid}/task/{tid}/stat").read()
            except OSError:
                continue  # the thread ended
            name = stat[stat.index("(") + 1:stat.rindex(")")]
            fields = stat[stat.rindex(")") + 2:].split()
            seconds[(pid, tid, name)] = (int(fields[11]) + int(fields[12])) / tick
            seconds[(pid, "-", "(threads that ended)")] -= seconds[(pid, tid, name)]
    return seconds


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--kernel", default="juxta")
    ap.add_argument("--cells", type=int, default=300)
    ap.add_argument("--code", default="1+1")
    ap.add_argument("--installed", action="store_true", help="measure the installed kernelspec, not this build")
    args = ap.parse_args()
    if not args.installed:
        use_build()
    km, client, _ = start(args.kernel)
    try:
        for _ in range(50):  # warm-up
            client.execute(args.code)
        pids = tree(km.provisioner.process.pid)
        roles = {pids[0]: "kernel"} | {p: "worker" for p in pids[1:]} | {os.getpid(): "client"}
        before = cpu_by_thread(roles)
        t0 = time.perf_counter()
        latencies = []
        for _ in range(args.cells):
            t = time.perf_counter()
            client.execute(args.code)
            latencies.append((time.perf_counter() - t) * 1000)
        wall = (time.perf_counter() - t0) * 1000 / args.cells
        after = cpu_by_thread(roles)
        used = sorted(((after[k] - before.get(k, 0)) * 1000 / args.cells, k) for k in after)
        used.reverse()
        total = sum(ms for ms, _ in used)
        print(f"{args.cells} × {args.code!r} on {args.kernel}: wall {wall:.1f} ms per cell (median round trip "
              f"{statistics.median(latencies):.1f} ms), CPU {total:.1f} ms per cell in these threads, "
              f"load average {os.getloadavg()[0]:.1f}")
        print("| process | thread | CPU ms per cell |")
        print("|---|---|---:|")
        for ms, (pid, _, name) in used[:12]:
            print(f"| {roles[pid]} | {name} | {ms:.2f} |")
    finally:
        client.close()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
