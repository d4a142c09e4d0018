"""Security: the connection file is obeyed, messages must be signed, secrets stay out of logs.

These tests start the kernel process themselves (the installed kernelspec's argv), so they control
the connection file's address, ports and permissions and can read everything the kernel logs.
test_protocol.py already checks forged signatures on a managed kernel and that the default
kernel listens on loopback only.
"""
import hashlib
import hmac
import json
import os
import socket
import stat
import subprocess
import time
import uuid

import pytest
import zmq
from jupyter_client.blocking import BlockingKernelClient
from jupyter_client.kernelspec import KernelSpecManager

from juxta_client import execute, request
from procs import children

SECRET = "s3cr3t-" + uuid.uuid4().hex[:12]


def free_ports(n, ip="127.0.0.1"):
    socks = []
    for _ in range(n):
        s = socket.socket()
        s.bind((ip, 0))
        socks.append(s)
    ports = [s.getsockname()[1] for s in socks]
    for s in socks:
        s.close()
    return ports


class RunningKernel:
    """A kernel process started from a connection file we wrote, with its log in a file."""

    def __init__(self, tmp_path, ip="127.0.0.1", key=None, mode=0o600, transport="tcp", env=None):
        names = ["shell_port", "iopub_port", "stdin_port", "control_port", "hb_port"]
        self.info = dict(zip(names, free_ports(5, ip) if transport == "tcp" else range(1, 6)),
                         ip=ip if transport == "tcp" else str(tmp_path / "kernel-ipc"), transport=transport,
                         key=uuid.uuid4().hex if key is None else key, signature_scheme="hmac-sha256",
                         kernel_name="juxta")
        self.file = tmp_path / f"kernel-{uuid.uuid4().hex[:8]}.json"
        self.file.write_text(json.dumps(self.info))
        os.chmod(self.file, mode)
        argv = [a.replace("{connection_file}", str(self.file))
                for a in KernelSpecManager().get_kernel_spec("juxta").argv]
        self.log_path = tmp_path / "kernel.log"
        self.log = open(self.log_path, "w")
        self.proc = subprocess.Popen(argv, stdout=self.log, stderr=subprocess.STDOUT,
                                     env={**os.environ, "JUXTA_LOG": "ALL", **(env or {})}, cwd=tmp_path)
        self.client = BlockingKernelClient()
        self.client.load_connection_file(str(self.file))
        self.client.start_channels()
        self._wait_for_ready(120)

    def _wait_for_ready(self, timeout):
        # jupyter_client's wait_for_ready trusts a heartbeat that has not beaten yet: poll kernel_info instead
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc.poll() is None, "the kernel exited:\n" + self.log_text()
            try:
                if request(self.client, "kernel_info", timeout=2)["content"]["status"] == "ok":
                    return
            except Exception:  # queue.Empty: not up yet
                pass
        raise TimeoutError("the kernel did not answer kernel_info\n" + self.log_text())

    def log_text(self):
        self.log.flush()
        return self.log_path.read_text(errors="replace")

    def stop(self):
        if self.log.closed:  # stopped already
            return
        self.client.shutdown()
        try:
            self.proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            for pid in children(self.proc.pid):
                os.kill(pid, 9)
            self.proc.kill()
            self.proc.wait()
        self.client.stop_channels()
        self.log.close()


@pytest.fixture
def start(tmp_path):
    started = []

    def launch(**kw):
        k = RunningKernel(tmp_path, **kw)
        started.append(k)
        return k
    yield launch
    for k in started:
        k.stop()


def listening_sockets(pid):
    """(address hex, port) of the TCP sockets in LISTEN state that belong to the process."""
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as f:
            for line in f.readlines()[1:]:
                cols = line.split()
                if cols[3] == "0A" and cols[9] in inodes:
                    addr, port = cols[1].split(":")
                    found.add((addr.removeprefix("0000000000000000FFFF0000"), int(port, 16)))  # IPv4-mapped
    return found


# ---- the connection file is honoured ----

def test_kernel_binds_exactly_the_ports_and_address_of_its_connection_file(start):
    # 127.0.0.2 is loopback too, but no default: a kernel that ignored "ip" would not be found there
    k = start(ip="127.0.0.2")
    assert execute(k.client, "1 + 1").result == "2"
    wanted = {("0200007F", k.info[p]) for p in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")}
    assert listening_sockets(k.proc.pid) == wanted


def test_connections_that_do_not_speak_zeromq_are_closed_and_the_kernel_keeps_answering(start):
    k = start()
    ports = [k.info[p] for p in ("shell_port", "iopub_port", "stdin_port", "control_port", "hb_port")]
    greeting = b"\xff" + b"\0" * 8 + b"\x7f" + b"\x03\x00NULL" + b"\0" * 48
    ready = b"\x04\x1c\x05READY\x0bSocket-Type\0\0\0\x06DEALER"
    probes = {
        "an HTTP request": b"GET / HTTP/1.1\r\nHost: x\r\n\r\n",
        "random bytes": os.urandom(4096),
        "a ZMTP 2 greeting": b"\xff" + b"\0" * 8 + b"\x7f\x01\x05",
        "a CURVE greeting": b"\xff" + b"\0" * 8 + b"\x7f\x03\x00CURVE" + b"\0" * 47,
        "a frame of 1 GB after the handshake": greeting + ready + b"\x02" + (1 << 30).to_bytes(8, "big"),
    }
    for what, data in probes.items():
        for port in ports:
            with socket.create_connection(("127.0.0.1", port), timeout=10) as s:
                s.sendall(data)
                received = b""
                while chunk := s.recv(65536):  # until the kernel closes the connection
                    received += chunk
                assert received[:1] == b"\xff", f"{what} on {port}: the kernel's greeting came first"
    assert k.proc.poll() is None
    assert execute(k.client, "1 + 1").result == "2", "the kernel answers after every probe"
    k.client.stop_channels()  # a front end that reconnects under the same session, as a reloaded browser tab
    again = BlockingKernelClient()
    again.load_connection_file(str(k.file))
    again.session.session = k.client.session.session
    again.start_channels()
    k.client = again
    assert execute(again, "2 + 2").result == "4"
    log = k.log_text()
    assert "not a ZeroMQ peer" in log and "CURVE" in log and "over the limit" in log


def test_ipc_transport_listens_on_the_files_the_connection_file_names_and_removes_them(start, tmp_path):
    k = start(transport="ipc")
    files = [tmp_path / f"kernel-ipc-{n}" for n in range(1, 6)]  # jupyter_client's ipc endpoints: ip-port
    assert all(stat.S_ISSOCK(f.stat().st_mode) for f in files)
    assert listening_sockets(k.proc.pid) == set(), "no TCP port"
    assert execute(k.client, "1 + 1").result == "2"
    k.stop()
    assert not any(f.exists() for f in files)


def test_an_unknown_transport_is_refused_with_a_clear_message(tmp_path):
    file = tmp_path / "kernel.json"  # jupyter_client itself knows only tcp and ipc: the kernel is run directly
    file.write_text(json.dumps(dict(transport="pgm", ip="127.0.0.1", shell_port=1, iopub_port=2, stdin_port=3,
                                    control_port=4, hb_port=5, key="k", signature_scheme="hmac-sha256")))
    os.chmod(file, 0o600)
    argv = [a.replace("{connection_file}", str(file)) for a in KernelSpecManager().get_kernel_spec("juxta").argv]
    done = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    assert done.returncode != 0
    first = (done.stdout + done.stderr).splitlines()[0]
    assert first.startswith("juxta kernel: the connection file asks for the 'pgm' transport") and "tcp and ipc" in first


# ---- HMAC ----

def _raw(k, port_name, kind=zmq.DEALER):
    s = zmq.Context.instance().socket(kind)
    s.linger = 0
    s.connect(f"tcp://{k.info['ip']}:{k.info[port_name]}")
    return s


def _frames(key, msg_type, content, sign=True):
    header = {"msg_id": uuid.uuid4().hex, "msg_type": msg_type, "session": "s", "username": "u",
              "date": "2026-01-01T00:00:00.000000Z", "version": "5.4"}
    parts = [json.dumps(p).encode() for p in (header, {}, {}, content)]
    sig = hmac.new(key.encode(), b"".join(parts), hashlib.sha256).hexdigest().encode() if sign else b""
    return [b"<IDS|MSG>", sig, *parts]


def test_with_a_key_unsigned_and_wrongly_signed_requests_get_no_answer(start):
    k = start()
    shell, control = _raw(k, "shell_port"), _raw(k, "control_port")
    try:
        shell.send_multipart(_frames(k.info["key"], "kernel_info_request", {}, sign=False))
        shell.send_multipart(_frames("another key", "kernel_info_request", {}))
        control.send_multipart(_frames(k.info["key"], "shutdown_request", {"restart": False}, sign=False))
        assert shell.poll(1500) == 0 and control.poll(200) == 0
        # the same request properly signed is answered: the silence above was the signature check
        shell.send_multipart(_frames(k.info["key"], "kernel_info_request", {}))
        assert shell.poll(10_000)
    finally:
        shell.close()
        control.close()
    assert k.proc.poll() is None
    assert "invalid signature" in k.log_text()


def test_with_an_empty_key_messages_are_unsigned_and_the_kernel_warns(start):
    k = start(key="")
    assert execute(k.client, "2 + 2").result == "4"
    assert "has no key" in k.log_text()


# ---- the connection file's permissions ----

def test_warning_when_the_connection_file_is_readable_by_others(start):
    k = start(mode=0o644)
    assert execute(k.client, "1").result == "1"
    log = k.log_text()
    assert "can be read by other users" in log and "chmod 600" in log and str(k.file) in log


def test_no_warning_for_a_private_connection_file(start):
    k = start(mode=0o600)
    assert execute(k.client, "1").result == "1"
    assert "can be read by other users" not in k.log_text()


# ---- logs ----

def test_no_message_contents_in_logs_even_at_the_finest_level(start):
    k = start()
    kc = k.client
    assert execute(kc, f'String secret = "{SECRET}-code"; System.out.println(secret + "-out");').status == "ok"
    assert execute(kc, f'System.err.println("{SECRET}-err");').status == "ok"
    assert execute(kc, f'throw new IllegalStateException("{SECRET}-exception");').status == "error"
    assert execute(kc, f'int broken = "{SECRET}-compile";').status == "error"
    cell = execute(kc, 'readLine("password? ")', stdin_answers=[f"{SECRET}-typed"])
    assert cell.result == f'"{SECRET}-typed"'
    request(kc, "complete", f'"{SECRET}-complete".len', 30)
    request(kc, "inspect", f'"{SECRET}-inspect"', 3)
    request(kc, "history", hist_access_type="search", pattern=f"*{SECRET}*")
    # messages the kernel drops or does not know, carrying the secret
    shell = _raw(k, "shell_port")
    try:
        shell.send_multipart(_frames("wrong key", "execute_request", {"code": f"{SECRET}-forged"}))
        shell.send_multipart(_frames(k.info["key"], "unknown_request", {"code": f"{SECRET}-unknown"}))
        shell.send_multipart([b"<IDS|MSG>", b"", f"{{{SECRET}-notjson".encode(), b"{}", b"{}", b"{}"])
        time.sleep(1)
    finally:
        shell.close()
    assert execute(kc, "1 + 1").result == "2"
    log = k.log_text()
    assert "FINE" in log or "dropped a message" in log, "the log is being written"
    assert "unknown_request" in log, "the unknown message was logged, by its type only"
    leaks = [line for line in log.splitlines() if SECRET in line]
    assert not leaks, leaks
