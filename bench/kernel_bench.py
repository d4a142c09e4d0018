#!/usr/bin/env python3
"""Juxta beside ipykernel, measured in the same run: start-up, round trips, output, interrupt, memory.

    /usr/bin/python3 bench/kernel_bench.py [--reps 200] [--starts 5] [--kernels juxta,python3] [--installed]

`juxta` is this checkout's build (dist/target/juxta, from `mvn -B package -DskipTests`), installed for the run
in a private Jupyter path; --installed measures the kernelspecs Jupyter finds instead.

Requests go through a small synchronous client (zmq DEALER/SUB + jupyter_client's Session for
signing) so the numbers are the kernel's, not asyncio's. Latencies are back to back: the next
request leaves when the previous reply (and, for execute, the idle status) has arrived.
Prints a table; results go to docs/benchmarks.md by hand, with this command.
"""
import argparse
import os
import pathlib
import re
import statistics
import subprocess
import sys
import tempfile
import time

import zmq
from jupyter_client.manager import KernelManager
from jupyter_client.session import Session

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
from procs import children, rss_mib, cpu_seconds  # noqa: E402


class SyncClient:
    def __init__(self, km):
        info = km.get_connection_info()
        self.session = Session(key=info["key"], signature_scheme=info["signature_scheme"])
        ctx = zmq.Context.instance()
        url = f"{info['transport']}://{info['ip']}:"
        self.shell = ctx.socket(zmq.DEALER)
        self.shell.connect(url + str(info["shell_port"]))
        self.control = ctx.socket(zmq.DEALER)
        self.control.connect(url + str(info["control_port"]))
        self.iopub = ctx.socket(zmq.SUB)
        self.iopub.setsockopt(zmq.RCVHWM, 0)
        self.iopub.setsockopt(zmq.SUBSCRIBE, b"")
        self.iopub.connect(url + str(info["iopub_port"]))
        self.poller = zmq.Poller()
        self.poller.register(self.shell, zmq.POLLIN)
        self.poller.register(self.iopub, zmq.POLLIN)

    def recv(self, sock, timeout=60):
        if not sock.poll(timeout * 1000):
            raise TimeoutError("no message")
        _, msg = self.session.feed_identities(sock.recv_multipart())
        return self.session.deserialize(msg)

    def request(self, msg_type, content, sock=None):
        sock = sock or self.shell
        msg = self.session.send(sock, msg_type, content)
        while True:
            reply = self.recv(sock)
            if reply["parent_header"]["msg_id"] == msg["header"]["msg_id"]:
                return reply

    def execute(self, code, collect=False):
        msg = self.session.send(self.shell, "execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True})
        mid = msg["header"]["msg_id"]
        outputs = []
        reply = idle = None
        # blocks on both sockets: a client that polled on a 1 ms timer would take CPU from the kernel it measures
        while reply is None or idle is None:
            ready = dict(self.poller.poll(60_000))
            if not ready:
                raise TimeoutError("no reply or idle status within 60 s")
            if self.shell in ready:
                r = self.recv(self.shell)
                if r["parent_header"].get("msg_id") == mid:
                    reply = r
            if self.iopub in ready:
                m = self.recv(self.iopub)
                if m["parent_header"].get("msg_id") != mid:
                    continue
                if m["msg_type"] == "status" and m["content"]["execution_state"] == "idle":
                    idle = m
                elif collect:
                    outputs.append(m)
        return reply, outputs

    def execute_at_sockets(self, code):
        """The round trip as the client's sockets see it, in ms: the request is signed before the clock starts and
        arriving messages are only kept (the reply and the idle status found by their bytes) until both are in; then
        each is verified and parsed as execute() does. What is left is the kernel, ZeroMQ and the wake-ups, not
        Python's handling of the five messages (about 1 ms of the round trip above)."""
        msg = self.session.msg("execute_request", {
            "code": code, "silent": False, "store_history": True, "user_expressions": {},
            "allow_stdin": False, "stop_on_error": True})
        frames = self.session.serialize(msg)
        kept = []
        reply_at = idle_at = None
        t0 = time.perf_counter()
        self.shell.send_multipart(frames)
        while reply_at is None or idle_at is None:
            ready = dict(self.poller.poll(60_000))
            if not ready:
                raise TimeoutError("no reply or idle status within 60 s")
            if self.shell in ready:
                kept.append(self.shell.recv_multipart())
                reply_at = time.perf_counter()
            if self.iopub in ready:
                f = self.iopub.recv_multipart()
                kept.append(f)
                if f[0].endswith(b".status") and b'"idle"' in f[-1]:
                    idle_at = time.perf_counter()
        trip = (max(reply_at, idle_at) - t0) * 1000
        for f in kept:
            _, m = self.session.feed_identities(f)
            m = self.session.deserialize(m)
            if m["parent_header"].get("msg_id") != msg["header"]["msg_id"]:
                raise AssertionError(f"{m['msg_type']} of another request arrived during the timed one")
        return trip

    def close(self):
        for s in (self.shell, self.control, self.iopub):
            s.close(0)


def own_eval_ms(client, code):
    """The worker's own eval of `code` (compiling and running it), in ms: what `%time` reports as its Wall time
    (the run) plus its Compiler time."""
    _, outputs = client.execute("%time " + code, collect=True)
    text = "".join(m["content"].get("text", "") for m in outputs if m["msg_type"] == "stream")
    total = 0.0
    for label in ("Wall time", "Compiler time"):
        found = re.search(label + r": ([0-9.]+) (s|ms|µs|ns)", text)
        if found:
            total += float(found.group(1)) * {"s": 1e3, "ms": 1, "µs": 1e-3, "ns": 1e-6}[found.group(2)]
    return total


def tree(pid):
    pids = [pid]
    for p in pids:
        pids += children(p)
    return pids


def ms(samples):
    return statistics.median(samples) * 1000


def start(name):
    km = KernelManager(kernel_name=name)
    t0 = time.perf_counter()
    km.start_kernel()
    c = SyncClient(km)
    time.sleep(0.05)
    # kernel_info is re-sent until the first reply: the sockets may not be bound yet
    while True:
        msg = c.session.send(c.shell, "kernel_info_request", {})
        if c.shell.poll(200):
            c.recv(c.shell)
            break
    seconds = time.perf_counter() - t0
    # iopub joins later than shell: until a status arrives there, a cell's idle could be missed
    while True:
        c.request("kernel_info_request", {})
        if c.iopub.poll(500):
            break
    while c.iopub.poll(100):
        c.iopub.recv_multipart()
    return km, c, seconds


def measure(name, args):
    row = {}
    starts = []
    for _ in range(args.starts):
        km, c, seconds = start(name)
        starts.append(seconds)
        c.close()
        km.shutdown_kernel(now=True)
    row["start → kernel_info_reply (s)"] = f"{statistics.median(starts):.2f}"

    km, c, _ = start(name)
    pid = km.provisioner.process.pid
    c.execute("1+1")  # waits for the session to be ready
    time.sleep(2.0)
    row["idle RSS, all processes (MiB)"] = f"{sum(rss_mib(p) for p in tree(pid)):.0f}"
    time.sleep(8.0)  # then idle for a while: the worker trims its C heap every second
    row["idle RSS after 10 s (MiB)"] = f"{sum(rss_mib(p) for p in tree(pid)):.0f}"
    first = []
    t = time.perf_counter(); c.execute("1+1"); first.append(time.perf_counter() - t)
    for _ in range(20):
        c.execute("1+1")
    for label, code in (("`1+1` execute round trip (ms)", "1+1"), ("`int x = 1;` round trip (ms)", "int x = 1;" if name != "python3" else "x = 1")):
        samples = []
        for _ in range(args.reps):
            t = time.perf_counter(); c.execute(code); samples.append(time.perf_counter() - t)
        row[label] = f"{ms(samples):.1f} (p95 {sorted(samples)[int(len(samples) * .95)] * 1000:.1f})"
    if name != "python3":
        # JShell's own eval of the same snippet in the same worker, as %time reports it, alternating with the round
        # trip: their difference is what the kernel adds, with the JIT, heap and imports of the worker on both sides
        trips, inside, at_sockets = [], [], []
        for _ in range(args.reps):
            t = time.perf_counter(); c.execute("1+1"); trips.append(time.perf_counter() - t)
            at_sockets.append(c.execute_at_sockets("1+1") / 1000)
            inside.append(own_eval_ms(c, "1+1") / 1000)
        row["`1+1` in the worker (`%time`) / round trip, alternating (ms)"] = f"{ms(inside):.1f} / {ms(trips):.1f}"
        row["what the kernel adds to the worker's own eval (ms)"] = f"{ms(trips) - ms(inside):.1f}"
        row["the same at the client's sockets: round trip / the kernel adds (ms)"] = (
            f"{ms(at_sockets):.1f} / {ms(at_sockets) - ms(inside):.1f}")
    comment = "// nothing" if name != "python3" else "# nothing"
    row["a cell that runs nothing, at the client's sockets (ms)"] = (
        f"{statistics.median(c.execute_at_sockets(comment) for _ in range(args.reps)):.2f}")
    samples = []
    for _ in range(args.reps):
        t = time.perf_counter(); c.request("kernel_info_request", {}); samples.append(time.perf_counter() - t)
    row["kernel_info round trip (ms)"] = f"{ms(samples):.2f}"
    code = "System.out.pri" if name != "python3" else "import o"
    for _ in range(5):
        c.request("complete_request", {"code": code, "cursor_pos": len(code)})
    samples = []
    for _ in range(50):
        t = time.perf_counter(); c.request("complete_request", {"code": code, "cursor_pos": len(code)})
        samples.append(time.perf_counter() - t)
    row["warm complete (ms)"] = f"{ms(samples):.1f}"
    lines = 104_857
    code = (f'for (int i = 0; i < {lines}; i++) System.out.println("x".repeat(99));' if name != "python3"
            else f'for i in range({lines}): print("x" * 99)')
    t = time.perf_counter()
    _, outputs = c.execute(code, collect=True)
    seconds = time.perf_counter() - t
    received = sum(len(m["content"]["text"]) for m in outputs if m["msg_type"] == "stream")
    row["10 MB as 100-byte lines (s, messages, complete)"] = (
        f"{seconds:.2f}, {sum(1 for m in outputs if m['msg_type'] == 'stream')}, {received == lines * 100}")
    # interrupt a busy loop: time to the reply, then CPU of the tree in the next 2 s
    loop = "while (true) { }" if name != "python3" else "while True: pass"
    c.session.send(c.shell, "execute_request", {"code": loop, "silent": False, "store_history": True,
                                                "user_expressions": {}, "allow_stdin": False, "stop_on_error": True})
    time.sleep(1.0)
    t = time.perf_counter()
    if name == "python3":
        km.interrupt_kernel()
    else:
        c.request("interrupt_request", {}, sock=c.control)
    while True:
        r = c.recv(c.shell)
        if r["msg_type"] == "execute_reply":
            break
    stop = time.perf_counter() - t
    time.sleep(0.5)
    before = sum(cpu_seconds(p) for p in tree(pid))
    time.sleep(2.0)
    cpu = (sum(cpu_seconds(p) for p in tree(pid)) - before) / 2.0
    row["interrupt busy loop → reply (ms) / CPU after"] = f"{stop * 1000:.0f} / {cpu * 100:.0f} %"
    c.close()
    t = time.perf_counter()
    km.shutdown_kernel(now=False)
    row["shutdown (s)"] = f"{time.perf_counter() - t:.2f}"
    return row


# the worker's JIT and heap settings (kernel/.../cli/KernelCommand.java): C1 only; a small heap for idle memory, so
# javac's garbage is collected often
WORKER_JVM = ["-XX:TieredStopAtLevel=1", "-Xms64m", "-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:NewRatio=4"]


def use_build():
    """Makes `juxta` mean this checkout's build: a kernelspec installed by an earlier build (in the user's
    Jupyter directory, say) would otherwise be measured instead, and nothing would say so."""
    lib = ROOT / "dist" / "target" / "juxta" / "lib"
    if not lib.is_dir():
        sys.exit(f"{lib} is missing: build first with `mvn -B package -DskipTests`")
    prefix = pathlib.Path(tempfile.mkdtemp(prefix="juxta-bench-"))
    subprocess.run(["java", "-cp", str(lib / "*"), "io.juxta.kernel.cli.Main", "install", "--prefix", str(prefix), "--quiet"],
                   check=True)
    os.environ["JUPYTER_PATH"] = os.pathsep.join(filter(None, [str(prefix / "share" / "jupyter"), os.environ.get("JUPYTER_PATH")]))


def jshell_eval_ms(reps, flags=()):
    """JShell's own in-process eval of the same snippets, with the worker's GC and stack flags and these."""
    src = pathlib.Path(__file__).with_name("JShellEval.java")
    out = subprocess.run(["java", "-XX:+UseSerialGC", "-Xss16m", *flags, str(src), str(reps)], capture_output=True,
                         text=True, check=True).stdout
    return dict(line.split("=", 1) for line in out.split())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--reps", type=int, default=200)
    ap.add_argument("--starts", type=int, default=5)
    ap.add_argument("--kernels", default="juxta,python3")
    ap.add_argument("--installed", action="store_true", help="measure the installed kernelspecs, not this build")
    args = ap.parse_args()
    if not args.installed:
        use_build()
    names = args.kernels.split(",")
    rows = {n: measure(n, args) for n in names}
    jshell = jshell_eval_ms(args.reps)
    jshell_as_worker = jshell_eval_ms(args.reps, WORKER_JVM)
    keys = list(rows[names[0]].keys())
    print("| metric | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for k in keys:
        print(f"| {k} | " + " | ".join(rows[n].get(k, "") for n in names) + " |")
    print(f"| JShell's own eval in-process, `1+1` / `int x = 1;` (ms, median of {args.reps}) | "
          f"{jshell['expr']} / {jshell['decl']} | |")
    print(f"| the same with the worker's JIT and heap settings (ms) | {jshell_as_worker['expr']} / {jshell_as_worker['decl']} | |")


if __name__ == "__main__":
    main()
