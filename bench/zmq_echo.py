#!/usr/bin/env python3
"""How fast does each ZeroMQ deliver? The same Python client (DEALER + SUB, as a Jupyter client) against a
ROUTER+PUB echo on the kernel's own sockets (bench/ZmtpEcho.java), in JeroMQ (bench/JeromqEcho.java; both with
the kernel JVM's flags) and in pyzmq.

    /usr/bin/python3 bench/zmq_echo.py [--reps 2000] [--busy 2] [--pin]

Prints the median and p90 time from send to the PUB copy and to the ROUTER answer. --busy N runs N
busy-looping processes meanwhile, as a cell's javac and JIT threads keep the cores busy; --pin runs
each echo server on one CPU (`taskset -c 0`), as when the others are taken.
"""
import argparse
import pathlib
import statistics
import subprocess
import sys
import time

import zmq

ROOT = pathlib.Path(__file__).resolve().parents[1]
PY_SERVER = """
import sys, zmq
ctx = zmq.Context(); r = ctx.socket(zmq.ROUTER); p = ctx.socket(zmq.PUB)
r.bind(f"tcp://127.0.0.1:{sys.argv[1]}"); p.bind(f"tcp://127.0.0.1:{sys.argv[2]}")
while True:
    i, payload = r.recv_multipart(); p.send(payload); r.send_multipart([i, payload])
"""


def free_port():
    s = zmq.Context.instance().socket(zmq.ROUTER)
    port = s.bind_to_random_port("tcp://127.0.0.1")
    s.close(0)
    return port


def measure(command, reps):
    """command(shell_port, pub_port) is the server's argv; returns (PUB ms, ROUTER ms) per request."""
    shell, iopub = free_port(), free_port()
    proc = subprocess.Popen(command(shell, iopub))
    try:
        ctx = zmq.Context.instance()
        dealer, sub = ctx.socket(zmq.DEALER), ctx.socket(zmq.SUB)
        sub.setsockopt(zmq.SUBSCRIBE, b"")
        dealer.connect(f"tcp://127.0.0.1:{shell}")
        sub.connect(f"tcp://127.0.0.1:{iopub}")
        poller = zmq.Poller()
        poller.register(dealer, zmq.POLLIN)
        poller.register(sub, zmq.POLLIN)

        def one(timeout_ms):
            t0 = time.perf_counter()
            dealer.send(b"x" * 300)
            published = answered = None
            while published is None or answered is None:
                ready = poller.poll(timeout_ms)
                if not ready:
                    raise TimeoutError("the echo server did not answer")
                for sock, _ in ready:
                    sock.recv()
                    if sock is sub:
                        published = time.perf_counter() - t0
                    else:
                        answered = time.perf_counter() - t0
            return published * 1e3, answered * 1e3

        deadline = time.time() + 60
        while True:  # the server starts (the JVM compiles the source first) and SUB joins; earlier copies are lost
            try:
                one(1000)
                break
            except TimeoutError:
                if proc.poll() is not None:
                    raise RuntimeError(f"the echo server exited with {proc.returncode}; run again (a port was taken?)")
                if time.time() > deadline:
                    raise
        time.sleep(0.2)
        while poller.poll(0):  # answers to the lost tries
            for sock, _ in poller.poll(0):
                sock.recv()
        for _ in range(200):
            one(10_000)
        samples = [one(10_000) for _ in range(reps)]
        dealer.close(0)
        sub.close(0)
        return samples
    finally:
        proc.kill()
        proc.wait()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=2000)
    ap.add_argument("--busy", type=int, default=0)
    ap.add_argument("--pin", action="store_true")
    args = ap.parse_args()
    hogs = [subprocess.Popen([sys.executable, "-c", "while True: pass"]) for _ in range(args.busy)]
    try:
        table(args)
    finally:
        for h in hogs:
            h.kill()


def table(args):
    java = ["java", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp"]
    ours = java + [str(ROOT / "dist/target/juxta/lib/*"), str(ROOT / "bench/ZmtpEcho.java")]
    servers = {
        "juxta's ZmtpSocket, answered on the reading thread": lambda s, p: ours + [str(s), str(p), "direct"],
        "juxta's ZmtpSocket, answered from another thread": lambda s, p: ours + [str(s), str(p), "handoff"],
    }
    # the kernel no longer ships JeroMQ: its rows run when Maven has it (mvn dependency:get -Dartifact=org.zeromq:jeromq:0.6.0)
    m2 = pathlib.Path.home() / ".m2/repository"
    jars = [m2 / "org/zeromq/jeromq/0.6.0/jeromq-0.6.0.jar", m2 / "eu/neilalexander/jnacl/1.0.0/jnacl-1.0.0.jar"]
    if all(j.exists() for j in jars):
        jeromq = java + [":".join(map(str, jars)), str(ROOT / "bench/JeromqEcho.java")]
        servers.update({
            "jeromq, answered on the polling thread": lambda s, p: jeromq + [str(s), str(p), "direct"],
            "jeromq, answered from another thread": lambda s, p: jeromq + [str(s), str(p), "handoff"],
            "jeromq, waiting in a blocking recv (no poller)": lambda s, p: jeromq + [str(s), str(p), "blocking"],
        })
    else:
        print(f"(JeroMQ rows left out: {jars[0]} is not there)")
    servers["pyzmq"] = lambda s, p: [sys.executable, "-c", PY_SERVER, str(s), str(p)]
    if args.pin:
        servers = {name: (lambda command: lambda s, p: ["taskset", "-c", "0"] + command(s, p))(command)
                   for name, command in servers.items()}
    print("| echo server | PUB copy median (p90) ms | ROUTER answer median (p90) ms |")
    print("|---|---|---|")
    for name, command in servers.items():
        samples = measure(command, args.reps)
        cells = []
        for i in range(2):
            v = sorted(s[i] for s in samples)
            cells.append(f"{statistics.median(v):.3f} ({v[len(v) * 9 // 10]:.3f})")
        print(f"| {name} | {cells[0]} | {cells[1]} |")


if __name__ == "__main__":
    main()
