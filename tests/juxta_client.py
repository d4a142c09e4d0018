"""A small helper over jupyter_client: run a cell, collect everything it produced."""
import queue
import time
from dataclasses import dataclass, field


@dataclass
class Cell:
    code: str
    reply: dict = None
    messages: list = field(default_factory=list)
    seconds: float = 0.0

    @property
    def status(self):
        return self.reply["content"]["status"]

    def of_type(self, msg_type):
        return [m for m in self.messages if m["msg_type"] == msg_type]

    def stream(self, name="stdout"):
        return "".join(m["content"]["text"] for m in self.of_type("stream") if m["content"]["name"] == name)

    @property
    def result(self):
        """The text/plain of the execute_result, or None."""
        results = self.of_type("execute_result")
        return results[0]["content"]["data"]["text/plain"] if results else None

    @property
    def results(self):
        return [m["content"] for m in self.of_type("execute_result")]

    @property
    def error(self):
        errors = self.of_type("error")
        return errors[0]["content"] if errors else None

    @property
    def traceback(self):
        return "\n".join(self.error["traceback"]) if self.error else ""


def execute(kc, code, timeout=60, stdin_answers=None, **kwargs):
    """Runs code, answers input requests from stdin_answers, returns a Cell once the kernel is idle."""
    cell = Cell(code)
    start = time.perf_counter()
    allow_stdin = stdin_answers is not None
    msg_id = kc.execute(code, allow_stdin=allow_stdin, **kwargs)
    answers = list(stdin_answers or [])
    prompts = []
    idle = False
    deadline = time.monotonic() + timeout
    while not idle:
        if time.monotonic() > deadline:
            raise TimeoutError(f"no idle status within {timeout} s for {code!r}")
        if allow_stdin:
            try:
                req = kc.get_stdin_msg(timeout=0.01)
                prompts.append(req["content"])
                kc.input(answers.pop(0))
            except queue.Empty:
                pass
        try:
            msg = kc.get_iopub_msg(timeout=0.05)
        except queue.Empty:
            continue
        if msg["parent_header"].get("msg_id") != msg_id:
            continue
        if msg["msg_type"] == "status" and msg["content"]["execution_state"] == "idle":
            idle = True
        else:
            cell.messages.append(msg)
    while True:
        reply = kc.get_shell_msg(timeout=timeout)
        if reply["parent_header"].get("msg_id") == msg_id:
            break
    cell.reply = reply
    cell.seconds = time.perf_counter() - start
    cell.prompts = prompts
    return cell


def request(kc, method, *args, timeout=30, **kwargs):
    """Sends a shell request through the client's method and returns the matching reply."""
    msg_id = getattr(kc, method)(*args, **kwargs)
    return shell_replies(kc, msg_id, timeout=timeout)[msg_id]


def shell_replies(kc, *msg_ids, timeout=30):
    """Waits for the shell replies to the given requests, in whatever order they come: {msg_id: reply}."""
    replies = {}
    while len(replies) < len(msg_ids):
        reply = kc.get_shell_msg(timeout=timeout)
        parent = reply["parent_header"].get("msg_id")
        if parent in msg_ids:
            replies[parent] = reply
    return replies
