"""Faults: the worker JVM killed or crashing, and the per-cell time limit.

Each case checks the three things a user sees: the notebook says what happened, a fresh session
answers the next cell, and the kernel process itself (so the front end's connection) is the same.
The SIGKILL-during-a-cell case lives in test_protocol.py.
"""
import json
import os
import pathlib
import re
import signal
import subprocess
import time

import pytest
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import KernelManager, start_new_kernel

from conftest import JAVA, LIB
from juxta_client import execute, request, shell_replies
from procs import children, kernel_pid, worker_pid

ANSI = re.compile(r"\x1b\[[0-9;]*m")

CRASH_NATIVE = """
var field = sun.misc.Unsafe.class.getDeclaredField("theUnsafe");
field.setAccessible(true);
var unsafe = (sun.misc.Unsafe) field.get(null);
System.out.println("about to crash");
unsafe.putAddress(0L, 42L);
"""


def plain(text):
    return ANSI.sub("", text)


def wait_for_new_worker(km, old, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            pid = worker_pid(km)
            if pid != old:
                return pid
        except (AssertionError, FileNotFoundError):
            pass
        time.sleep(0.1)
    raise TimeoutError("no fresh worker")


def assert_fresh_session_on_same_kernel(km, kc, kernel_before, worker_before):
    assert km.is_alive() and kernel_pid(km) == kernel_before, "the kernel process must survive"
    assert request(kc, "kernel_info")["content"]["status"] == "ok"
    assert execute(kc, "1 + 1").result == "2"
    assert worker_pid(km) != worker_before
    assert execute(kc, "before").status == "error", "a fresh session has none of the old variables"


# ---- the worker dies ----

def test_native_crash_in_a_cell_is_reported_and_the_session_replaced(fresh_kernel):
    km, kc = fresh_kernel
    execute(kc, "int before = 1;")
    notebook_dir = execute(kc, 'System.getProperty("user.dir")').result.strip('"')
    kernel, worker = kernel_pid(km), worker_pid(km)
    cell = execute(kc, CRASH_NATIVE, timeout=120)
    assert cell.status == "error"
    assert cell.error["ename"] == "SessionEnded"
    tb = plain(cell.traceback)
    assert "crashed in native code" in tb, tb
    assert "fresh session" in tb
    out = cell.stream()
    assert out.startswith("about to crash\n")
    # the JVM's own crash banner reaches the notebook, and its report goes to the temp dir, not the notebook's folder
    report = re.search(r"(/\S+juxta-worker-crash-\d+\.log)", out)
    assert report and os.path.exists(report.group(1)), out
    os.remove(report.group(1))
    assert not list(pathlib.Path(notebook_dir).glob("hs_err_pid*.log"))
    assert_fresh_session_on_same_kernel(km, kc, kernel, worker)


def test_worker_killed_between_cells_is_replaced_and_next_cell_says_so(fresh_kernel):
    km, kc = fresh_kernel
    execute(kc, "int before = 1;")
    kernel, worker = kernel_pid(km), worker_pid(km)
    os.kill(worker, signal.SIGKILL)
    wait_for_new_worker(km, worker)
    assert_fresh_session_on_same_kernel(km, kc, kernel, worker)


def test_worker_killed_by_sigterm_during_a_cell_is_reported(fresh_kernel):
    km, kc = fresh_kernel
    execute(kc, "int before = 1;")
    kernel, worker = kernel_pid(km), worker_pid(km)
    msg_id = kc.execute("Thread.sleep(600_000);")
    time.sleep(1.0)
    os.kill(worker, signal.SIGTERM)
    while True:
        reply = kc.get_shell_msg(timeout=30)
        if reply["parent_header"]["msg_id"] == msg_id:
            break
    assert reply["content"]["status"] == "error"
    text = plain("\n".join(reply["content"]["traceback"]))
    assert "ended" in text and "fresh session" in text, text
    assert_fresh_session_on_same_kernel(km, kc, kernel, worker)


def start_private_kernel(tmp_path, name, *install_args, extra_argv=()):
    """Installs this build under its own name in tmp_path (extra_argv added to kernel.json, as by hand), starts it."""
    subprocess.run([JAVA, "-cp", str(LIB / "*"), "io.juxta.kernel.cli.Main", "install", "--prefix", str(tmp_path),
                    "--name", name, "--quiet", *install_args], check=True)
    kernels = tmp_path / "share" / "jupyter" / "kernels"
    if extra_argv:
        spec_file = kernels / name / "kernel.json"
        spec = json.loads(spec_file.read_text())
        spec["argv"].extend(extra_argv)
        spec_file.write_text(json.dumps(spec))
    km = KernelManager(kernel_name=name, kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)]))
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    return km, kc


@pytest.mark.parametrize("option, why", [("-XX:+JuxtaNoSuchOption", "Unrecognized VM option"),
                                         ("-Xmx16m", "larger value than the maximum heap size")])  # said on stdout
def test_a_worker_that_cannot_start_is_reported_and_not_relaunched_in_a_loop(tmp_path, option, why):
    # install refuses such options; a kernel.json edited by hand can still hold one
    km, kc = start_private_kernel(tmp_path, "juxta-broken", extra_argv=["--worker-jvm-opt=" + option])
    try:
        kc.wait_for_ready(timeout=120)
        for _ in range(2):  # each cell tries again and says why it failed
            cell = execute(kc, "1 + 1")
            assert cell.error["ename"] == "SessionNotStarted"
            text = plain(cell.traceback)
            assert why in text and "--jvm-opt" in text, text
        seen = set()
        deadline = time.monotonic() + 3
        while time.monotonic() < deadline:
            seen.update(children(kernel_pid(km)))
            time.sleep(0.05)
        assert not seen, f"worker JVMs started while no cell asked for one: {len(seen)}"
        assert request(kc, "kernel_info")["content"]["status"] == "ok"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


# ---- the per-cell time limit ----

@pytest.fixture(scope="module")
def limited_kernel(tmp_path_factory):
    """A kernel installed with `--cell-timeout 2`."""
    prefix = tmp_path_factory.mktemp("limited")
    subprocess.run([JAVA, "-cp", str(LIB / "*"), "io.juxta.kernel.cli.Main", "install", "--prefix", str(prefix),
                    "--name", "juxta-limited", "--cell-timeout", "2", "--quiet"], check=True)
    kernels = prefix / "share" / "jupyter" / "kernels"
    spec = json.loads((kernels / "juxta-limited" / "kernel.json").read_text())
    assert "--cell-timeout=2" in spec["argv"]
    km = KernelManager(kernel_name="juxta-limited", kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)]))
    km.start_kernel()
    kc = km.client()
    kc.start_channels()
    kc.wait_for_ready(timeout=120)
    execute(kc, "1")  # the session is up, so the limit times the cell, not the JVM start
    yield km, kc
    kc.stop_channels()
    km.shutdown_kernel(now=True)


def test_cell_past_the_time_limit_is_stopped_with_a_clear_message(limited_kernel):
    km, kc = limited_kernel
    execute(kc, "int kept = 41;")
    worker = worker_pid(km)
    started = time.monotonic()
    cell = execute(kc, 'System.out.println("started"); while (true) { }', timeout=60)
    assert cell.status == "error"
    assert cell.error["ename"] == "CellTimeout"
    tb = plain(cell.traceback)
    assert "time limit of 2 s" in tb and "--cell-timeout" in tb, tb
    assert cell.stream() == "started\n"
    assert time.monotonic() - started >= 2
    # an interrupt, not a restart: the session and its variables are still there
    assert worker_pid(km) == worker
    assert execute(kc, "kept + 1").result == "42"


def test_cells_under_the_time_limit_are_untouched(limited_kernel):
    _, kc = limited_kernel
    cell = execute(kc, 'Thread.sleep(1200); "done"')
    assert cell.status == "ok", cell.traceback
    assert cell.result == '"done"'
    # the limit is per cell: two cells of 1.2 s each are both fine
    assert execute(kc, 'Thread.sleep(1200); "again"').result == '"again"'


def test_queued_cells_after_a_timed_out_cell_are_aborted_then_the_kernel_runs_again(limited_kernel):
    _, kc = limited_kernel
    slow = kc.execute("Thread.sleep(60_000);")
    queued = kc.execute("1")
    replies = shell_replies(kc, slow, queued)
    assert replies[slow]["content"]["ename"] == "CellTimeout"
    assert replies[queued]["content"]["status"] == "aborted"
    assert execute(kc, "3 * 3").result == "9"


def _answer_late(kc, code, answer, after):
    """Runs code that reads a line, answers its input request `after` seconds later; returns the shell reply."""
    msg_id = kc.execute(code, allow_stdin=True)
    request = kc.get_stdin_msg(timeout=30)
    assert request["parent_header"]["msg_id"] == msg_id
    time.sleep(after)
    kc.input(answer)
    return shell_replies(kc, msg_id, timeout=60)[msg_id]["content"]


def test_time_waiting_for_the_users_answer_does_not_count_against_the_limit(limited_kernel):
    _, kc = limited_kernel
    read = 'String answer = new Scanner(System.in).nextLine();\n'
    # 3 s at the prompt, past the 2 s limit: the student was typing, not running away
    reply = _answer_late(kc, read + 'Thread.sleep(500);\nanswer.toUpperCase()', "late", after=3)
    assert reply["status"] == "ok", reply
    assert execute(kc, "answer").result == '"late"'
    # the cell waits on a thread that asks: the same
    reply = _answer_late(kc, "var asked = CompletableFuture.supplyAsync(() -> new Scanner(System.in).nextLine());\n"
                             "asked.get()", "from a pool", after=3)
    assert reply["status"] == "ok", reply
    # the thread asks while the cell still runs for a moment (a CI run once lost this race), then the cell waits
    reply = _answer_late(kc, "var asking = new CountDownLatch(1);\n"
                             "var askedEarly = CompletableFuture.supplyAsync(() -> {\n"
                             "    asking.countDown(); return new Scanner(System.in).nextLine(); });\n"
                             "{ asking.await(); for (long t = System.nanoTime(); System.nanoTime() - t < 200_000_000L; ) { } }\n"
                             "askedEarly.get()", "while it ran", after=3)
    assert reply["status"] == "ok", reply
    # the clock goes on after the answer: a loop after it is still stopped
    reply = _answer_late(kc, read + "while (true) { }", "then a loop", after=1)
    assert reply["status"] == "error" and reply["ename"] == "CellTimeout", reply


def test_a_prompt_from_a_thread_the_cell_started_does_not_stop_the_running_cells_clock(limited_kernel):
    _, kc = limited_kernel
    execute(kc, 'var asker = new Thread(() -> { try { Thread.sleep(500); } catch (InterruptedException e) { }\n'
                '  new Scanner(System.in).nextLine(); });\nasker.setDaemon(true);\nasker.start();')
    looping = kc.execute("long n = 0; while (true) { n++; }", allow_stdin=True)
    prompt = kc.get_stdin_msg(timeout=30)  # the thread asks while the loop runs
    reply = shell_replies(kc, looping, timeout=30)[looping]["content"]
    assert reply["status"] == "error" and reply["ename"] == "CellTimeout", reply
    kc.input("now")  # let the thread finish
    assert prompt["parent_header"]["msg_id"] == looping
    assert execute(kc, "asker.join(5000); asker.isAlive()").result == "false"


def test_cell_stuck_in_native_code_past_the_limit_costs_its_session_and_says_so(limited_kernel, tmp_path):
    km, kc = limited_kernel
    execute(kc, "int before = 1;")
    kernel, worker = kernel_pid(km), worker_pid(km)
    fifo = tmp_path / "never-written"
    os.mkfifo(fifo)
    # opening a FIFO that nobody writes blocks inside the OS; neither interrupt nor JShell's stop reaches it
    cell = execute(kc, f'new java.io.FileInputStream("{fifo}").read()', timeout=60)
    assert cell.status == "error"
    assert cell.error["ename"] == "CellTimeout"
    tb = plain(cell.traceback)
    assert "time limit of 2 s" in tb and "did not stop" in tb and "fresh session" in tb, tb
    assert_fresh_session_on_same_kernel(km, kc, kernel, worker)


def test_time_limit_from_the_environment_variable(tmp_path):
    km, kc = start_new_kernel(kernel_name="juxta", startup_timeout=120, env={**os.environ, "JUXTA_CELL_TIMEOUT": "1.5"})
    try:
        execute(kc, "1")
        cell = execute(kc, "while (true) { }", timeout=60)
        assert cell.error["ename"] == "CellTimeout"
        assert "time limit of 1.5 s" in plain(cell.traceback)
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


@pytest.mark.parametrize("value", ["soon", "-1", "NaN"])
def test_bad_time_limit_is_refused_at_install_with_usage(tmp_path, value):
    r = subprocess.run([JAVA, "-cp", str(LIB / "*"), "io.juxta.kernel.cli.Main", "install", "--prefix", str(tmp_path),
                        "--cell-timeout", value], capture_output=True, text=True)
    assert r.returncode == 2
    assert "--cell-timeout takes a number of seconds" in r.stderr
    assert "Exception" not in r.stderr
    assert not (tmp_path / "share" / "jupyter" / "kernels" / "juxta").exists()


def orphaned_workers():
    """This test run's worker JVMs whose kernel is gone: init has adopted them. Other runs' are not counted."""
    mine = ("JUXTA_TEST_HOME=" + os.environ["JUXTA_TEST_HOME"]).encode()
    found = set()
    for proc in pathlib.Path("/proc").iterdir():
        try:
            if not proc.name.isdigit() or (proc / "stat").read_text().rsplit(")", 1)[1].split()[1] != "1":
                continue
            args = (proc / "cmdline").read_bytes().split(b"\0")
            if (b"--link" in args and any(a.endswith(b"/worker.sock") for a in args)
                    and mine in (proc / "environ").read_bytes().split(b"\0")):
                found.add(int(proc.name))
        except (FileNotFoundError, ProcessLookupError, PermissionError, IndexError):
            pass
    return found


@pytest.mark.parametrize("when", ["after it started", "while it started"])
def test_a_kernel_whose_jupyter_died_ends_too(when):
    # jupyter_client names its process in JPY_PARENT_PID; a killed server must not leave kernels running for good.
    # Killed in the second the kernel takes to start, the kernel finds itself orphaned with its named parent already
    # gone (no longer an ancestor to watch), and must end all the same, leaving no worker behind
    before = orphaned_workers()
    ready = "kc = km.client(); kc.start_channels(); kc.wait_for_ready(timeout=60)\n" if when == "after it started" else ""
    script = ("import os\n"
              "from jupyter_client import KernelManager\n"
              "km = KernelManager(kernel_name='juxta'); km.start_kernel()\n"
              + ready +
              "print(km.provisioner.process.pid, flush=True)\n"
              "os._exit(0)\n")
    parent = subprocess.Popen(["/usr/bin/python3", "-c", script], stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                              text=True)
    pid = int(parent.stdout.readline())
    parent.wait(timeout=60)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.2)
    else:
        os.kill(pid, signal.SIGKILL)
        raise AssertionError(f"kernel {pid} outlived the process that started it by 20 s")
    time.sleep(3)  # a worker launched as the kernel ended has this long to notice
    left = orphaned_workers() - before
    for w in left:
        os.kill(w, signal.SIGKILL)
    assert not left, "a worker outlived its kernel"


def test_an_interrupt_that_comes_while_the_cell_compiles_still_stops_it(tmp_path):
    # a 1 ms limit interrupts every cell while javac compiles it, before its thread exists: the sleep must not
    # run its full time, and the session must not be ended for "ignoring" the interrupt
    km, kc = start_private_kernel(tmp_path, "juxta-quick", "--cell-timeout", "0.001")
    try:
        kc.wait_for_ready(timeout=120)
        execute(kc, "1")  # the session is up
        worker = worker_pid(km)
        for code in ("Thread.sleep(10_000);", "Thread.sleep(10_000);"):
            cell = execute(kc, code, timeout=60)
            assert cell.error["ename"] == "CellTimeout", cell.reply["content"]
            assert cell.seconds < 2.5, f"{code} took {cell.seconds:.1f} s"
        assert worker_pid(km) == worker, "the session was ended"
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)
