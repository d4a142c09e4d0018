"""Process facts from /proc: the worker JVM of a kernel, CPU time and memory."""
import os
import pathlib


def kernel_pid(km):
    return km.provisioner.process.pid


def children(pid):
    kids = []
    for task in pathlib.Path(f"/proc/{pid}/task").iterdir():
        try:
            kids += [int(x) for x in (task / "children").read_text().split()]
        except FileNotFoundError:
            pass
    return kids


def worker_pid(km):
    kids = children(kernel_pid(km))
    assert kids, "the kernel has no worker process"
    return kids[0]


def cpu_seconds(pid):
    fields = pathlib.Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def rss_mib(pid):
    for line in pathlib.Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0
