"""Fuzz: randomised malformed messages on every channel, with valid requests checked in between.

The kernel must not crash, must keep answering well-formed requests, and must refuse what is not
signed with its key or is an exact replay. JUXTA_FUZZ_MESSAGES sets how many malformed messages are
sent (default 3000); JUXTA_FUZZ_SEED picks the sequence (printed, so a failure can be replayed).
"""
import collections
import hashlib
import hmac
import json
import os
import random
import time
import uuid

import zmq

from juxta_client import execute, request
from procs import kernel_pid, rss_mib

MESSAGES = int(os.environ.get("JUXTA_FUZZ_MESSAGES", "3000"))
SEED = int(os.environ.get("JUXTA_FUZZ_SEED", str(random.SystemRandom().randrange(1 << 30))))
CHECK_EVERY = 150
DELIM = b"<IDS|MSG>"

SHELL_TYPES = ["execute_request", "complete_request", "inspect_request", "is_complete_request", "history_request",
               "kernel_info_request", "comm_info_request", "comm_open", "comm_msg", "comm_close"]
CONTROL_TYPES = ["kernel_info_request", "interrupt_request"]  # never a signed shutdown: that would be obeyed
STDIN_TYPES = ["input_reply"]
FIELDS = ["code", "cursor_pos", "detail_level", "silent", "store_history", "allow_stdin", "stop_on_error",
          "user_expressions", "hist_access_type", "n", "start", "stop", "session", "pattern", "unique", "raw",
          "output", "value", "comm_id", "target_name", "data", "restart"]
CODE_TOKENS = ["1", "+", "x", "(", ")", "{", "}", ";", "\"", "int", "var", " ", "\n", "System.out", ".", "é", "\u0000",
               "%", "%%", "%time", "//", "/*", "class", "\\u", "@", "<", ">", "[]", "'", "null"]


def weird_value(rng):
    return rng.choice([None, True, False, 0, -1, 2 ** 63, -2 ** 63, 1e308, -0.0, 3.5, "", "x" * rng.randrange(1, 300),
                       "\ud7ff\u0000\uffff", [], [1, "a", None], {}, {"nested": {"deeper": [{}]}},
                       "".join(rng.choice(CODE_TOKENS) for _ in range(rng.randrange(1, 40)))])


def weird_code(rng):
    return "".join(rng.choice(CODE_TOKENS) for _ in range(rng.randrange(0, 60)))


class Fuzzer:
    """Builds malformed messages; each kind is a method, picked at random."""

    def __init__(self, key, rng):
        self.key = key
        self.rng = rng
        self.sent_valid = []  # signed frames sent earlier, for replays

    def sign(self, parts):
        return hmac.new(self.key, b"".join(parts), hashlib.sha256).hexdigest().encode()

    def header(self, msg_type, msg_id=None):
        return {"msg_id": msg_id or uuid.uuid4().hex, "msg_type": msg_type, "session": "fuzz", "username": "fuzz",
                "date": "2026-01-01T00:00:00.000000Z", "version": "5.4"}

    def signed(self, header, content, parent=None, metadata=None, buffers=()):
        parts = [json.dumps(p).encode() if not isinstance(p, bytes) else p
                 for p in (header, parent or {}, metadata or {}, content)]
        return [DELIM, self.sign(parts), *parts, *buffers]

    def plausible_content(self, msg_type):
        rng = self.rng
        c = {"code": weird_code(rng), "cursor_pos": rng.randrange(-5, 80), "silent": rng.random() < 0.3,
             "store_history": rng.random() < 0.5, "allow_stdin": False, "stop_on_error": False,
             "user_expressions": {}, "hist_access_type": rng.choice(["tail", "range", "search", "bogus"]),
             "n": rng.randrange(-3, 5), "pattern": rng.choice(["*", "[", "**", "?", ""]), "value": "fuzz",
             "comm_id": uuid.uuid4().hex, "target_name": "fuzz", "data": {}}
        for field in rng.sample(list(c), rng.randrange(0, 4)):
            del c[field]
        return c

    # ---- the kinds ----

    def bad_json(self, msg_type):
        rng = self.rng
        junk = rng.choice([b"{not json", b"", b"\xff\xfe\x00", b"[1,2", b"{\"a\":}", b"nul", b"{" * 5000,
                           bytes(rng.randrange(256) for _ in range(rng.randrange(1, 200)))])
        parts = [json.dumps(self.header(msg_type)).encode(), b"{}", b"{}", b"{}"]
        parts[rng.randrange(4)] = junk
        return [DELIM, self.sign(parts), *parts]

    def missing_fields(self, msg_type):
        h = self.header(msg_type)
        for field in self.rng.sample(list(h), self.rng.randrange(1, 4)):
            del h[field]
        return self.signed(h, self.plausible_content(msg_type))

    def mistyped_fields(self, msg_type):
        rng = self.rng
        h = self.header(msg_type)
        c = self.plausible_content(msg_type)
        for field in rng.sample(FIELDS, rng.randrange(1, 6)):
            c[field] = weird_value(rng)
        if rng.random() < 0.3:
            h[rng.choice(["msg_id", "msg_type", "session", "date"])] = weird_value(rng)
        if rng.random() < 0.2:
            c = rng.choice([[], "content", 1, True])
        return self.signed(h, c, parent=rng.choice([{}, [1], "parent", 5]), metadata=rng.choice([{}, [2], "m"]))

    def huge_frame(self, msg_type):
        rng = self.rng
        # 40 MB is over the kernel's frame limit (ZeroMQ disconnects the peer); most are smaller to keep the run short
        size = rng.choices([64 << 10, 1 << 20, 8 << 20, 40 << 20], weights=[60, 25, 10, 5])[0]
        blob = b"x" * size
        if rng.random() < 0.5:
            return [DELIM, b"0" * 64, json.dumps(self.header(msg_type)).encode(), b"{}", b"{}", blob]
        # signed, with the bulk in an unknown field or a buffer, so no cell runs megabytes of code
        content = {"ignored": "y" * (size // 2)} if size <= 8 << 20 else {}
        return self.signed(self.header(rng.choice(["comm_msg", "unknown_huge_request"])), content, buffers=[blob])

    def wrong_signature(self, msg_type):
        rng = self.rng
        frames = self.signed(self.header(msg_type), self.plausible_content(msg_type))
        good = frames[1]
        frames[1] = rng.choice([b"", b"0" * 64, good[:-1], good + b"0", good.upper(), good[::-1],
                                hmac.new(b"other key", b"x", hashlib.sha256).hexdigest().encode(),
                                bytes(rng.randrange(256) for _ in range(64))])
        if frames[1] == good:
            frames[1] = b"f" * 64
        return frames

    def unknown_type(self, msg_type):
        rng = self.rng
        name = rng.choice(["execute_reply", "status", "shutdown_reques", "EXECUTE_REQUEST", "", " ", "x" * 5000,
                           "kernel_info_request\u0000", "dëbug_request", "debug_request", "usage_request",
                           "interrupt_reply", "input_request", uuid.uuid4().hex])
        return self.signed(self.header(name), self.plausible_content(msg_type))

    def bad_framing(self, msg_type):
        rng = self.rng
        valid = self.signed(self.header(msg_type), self.plausible_content(msg_type))
        return rng.choice([
            [b"no delimiter"], [DELIM], [DELIM, b""], valid[:rng.randrange(1, 6)], [DELIM, DELIM, *valid[1:]],
            [b""] * rng.randrange(1, 20), [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 64)))],
            [b"id1", b"id2", *valid[:4]]])

    def replayed(self, msg_type):
        if self.sent_valid and self.rng.random() < 0.7:
            return list(self.rng.choice(self.sent_valid))  # exact replay: refused
        # the same msg_id again, newly signed: an ordinary request
        return self.signed(self.header(msg_type, msg_id="fuzz-repeated-id"), self.plausible_content(msg_type))

    KINDS = ["bad_json", "missing_fields", "mistyped_fields", "huge_frame", "wrong_signature", "unknown_type",
             "bad_framing", "replayed"]


def _connect(ctx, kind, info, port_name):
    s = ctx.socket(kind)
    s.linger = 0
    s.connect(f"{info['transport']}://{info['ip']}:{info[port_name]}")
    return s


def _heartbeat_ok(ctx, info):
    s = _connect(ctx, zmq.REQ, info, "hb_port")
    try:
        s.send(b"ping")
        return s.poll(10_000) and s.recv() == b"ping"
    finally:
        s.close()


def _check_still_answering(kc, ctx, info):
    assert request(kc, "kernel_info", timeout=60)["content"]["status"] == "ok"
    assert request(kc, "complete", "System.out.pri", 14, timeout=60)["content"]["status"] == "ok"
    for _ in range(20):
        cell = execute(kc, "6 * 7", timeout=120)
        content = cell.reply["content"]
        # a fuzzed cell that failed may abort the next queued one, and a fuzzed interrupt_request is a valid one
        # that may still be on its way: the kernel obeying either is the protocol, so ask again
        if content["status"] != "aborted" and content.get("ename") != "Interrupted":
            break
    assert cell.result == "42", cell.reply["content"]
    assert _heartbeat_ok(ctx, info)


def test_malformed_messages_on_every_channel(fresh_kernel, capsys):
    km, kc = fresh_kernel
    info = km.get_connection_info()
    key = info["key"] if isinstance(info["key"], bytes) else info["key"].encode()
    assert key, "the test kernel is started with a key"
    with capsys.disabled():
        print(f"\nfuzz seed {SEED} (JUXTA_FUZZ_SEED={SEED} replays this run)")
    rng = random.Random(SEED)
    fuzzer = Fuzzer(key, rng)
    ctx = zmq.Context()
    sockets = {name: _connect(ctx, zmq.DEALER, info, f"{name}_port") for name in ("shell", "control", "stdin")}
    sockets["hb"] = _connect(ctx, zmq.DEALER, info, "hb_port")
    sockets["iopub"] = _connect(ctx, zmq.XSUB, info, "iopub_port")
    kernel = kernel_pid(km)
    tried = collections.Counter()
    replies = collections.Counter()

    def drain():
        for name in ("shell", "control", "stdin"):
            while sockets[name].poll(0):
                frames = sockets[name].recv_multipart()
                replies[name] += 1
                # a reply to a replayed (exact duplicate) message would mean the replay was accepted
                parent = json.loads(frames[frames.index(DELIM) + 3])
                assert parent.get("msg_id") not in replayed_ids, "an exact replay was answered"
        while sockets["hb"].poll(0):
            sockets["hb"].recv_multipart()

    replayed_ids = set()
    try:
        # valid signed requests first, answered once, so there is something to replay
        for msg_type, content in [("kernel_info_request", {}), ("is_complete_request", {"code": "int a = 1;"}),
                                  ("complete_request", {"code": "Math.ma", "cursor_pos": 7}),
                                  ("history_request", {"hist_access_type": "tail", "n": 1})]:
            valid = fuzzer.signed(fuzzer.header(msg_type), content)
            sockets["shell"].send_multipart(valid)
            assert sockets["shell"].poll(30_000)
            sockets["shell"].recv_multipart()
            fuzzer.sent_valid.append(valid)
            replayed_ids.add(json.loads(valid[2])["msg_id"])

        for i in range(MESSAGES):
            channel = rng.choice(["shell", "shell", "control", "stdin", "hb", "iopub"])
            if channel == "hb":
                frames = rng.choice([[b"", b"x" * rng.randrange(0, 2000)], [b"no envelope"], [b"", b"a", b"b"],
                                     [bytes(rng.randrange(256) for _ in range(rng.randrange(1, 100)))]])
                kind = "hb_garbage"
            elif channel == "iopub":
                frames = [rng.choice([b"\x01", b"\x00", b"\x02", b""]) + rng.randbytes(rng.randrange(0, 100))]
                kind = "subscription_garbage"
            else:
                types = {"shell": SHELL_TYPES, "control": CONTROL_TYPES, "stdin": STDIN_TYPES}[channel]
                kind = rng.choice(Fuzzer.KINDS)
                frames = getattr(fuzzer, kind)(rng.choice(types))
                if frames is None:
                    continue
                if kind == "replayed" and frames in fuzzer.sent_valid:
                    channel = "shell"
            sockets[channel].send_multipart(frames)
            tried[(channel, kind)] += 1
            if (i + 1) % CHECK_EVERY == 0:
                time.sleep(0.05)
                drain()
                _check_still_answering(kc, ctx, info)
                assert km.is_alive() and kernel_pid(km) == kernel
        time.sleep(0.5)
        drain()
        _check_still_answering(kc, ctx, info)
        assert km.is_alive() and kernel_pid(km) == kernel, "the kernel process must be the same one"
        kernel_rss = rss_mib(kernel)
    finally:
        for s in sockets.values():
            s.close()
        ctx.term()

    by_kind = collections.Counter()
    by_channel = collections.Counter()
    for (channel, kind), n in tried.items():
        by_kind[kind] += n
        by_channel[channel] += n
    with capsys.disabled():
        print(f"\nfuzz: {sum(tried.values())} malformed messages, seed {SEED} (JUXTA_FUZZ_SEED to replay)")
        print("  by kind:    " + ", ".join(f"{k} {n}" for k, n in sorted(by_kind.items())))
        print("  by channel: " + ", ".join(f"{k} {n}" for k, n in sorted(by_channel.items())))
        print(f"  replies to fuzzed requests: {dict(replies)}; kernel RSS after: {kernel_rss:.0f} MiB")
    assert sum(tried.values()) >= MESSAGES * 0.9
    assert len(by_kind) == len(Fuzzer.KINDS) + 2 or MESSAGES < 200
