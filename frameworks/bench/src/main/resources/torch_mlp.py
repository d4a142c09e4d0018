"""Python PyTorch worker for the interleaved benchmark (io.juxta.frameworks.bench.Interleaved).

Loads the batch and initial weights the Java side wrote, builds the same MLP 784-128-10 (ReLU, cross-entropy,
SGD lr 0.1), then answers commands on stdin, one per line, with one line on stdout:
  first            -> the loss of one step from the initial weights (must equal the Java API's first loss)
  mlp N            -> median microseconds of N training steps
  add N            -> median microseconds of N adds of two 1-element tensors
  matmul N         -> median milliseconds of N 1024x1024 float32 matmuls
  quit
Usage: python3 torch_mlp.py DATA_FILE [THREADS]
"""
import statistics
import struct
import sys
import time

import torch
import torch.nn.functional as F


def main():
    path = sys.argv[1]
    torch.set_num_threads(int(sys.argv[2]) if len(sys.argv) > 2 else 2)   # Debian's build defaults to 1
    with open(path, "rb") as f:
        raw = f.read()
    b, d, h, c = struct.unpack_from("<4i", raw, 0)
    offset = 16

    def floats(n, shape):
        nonlocal offset
        t = torch.frombuffer(bytearray(raw[offset:offset + 4 * n]), dtype=torch.float32).reshape(shape).clone()
        offset += 4 * n
        return t

    x = floats(b * d, (b, d))
    y = torch.frombuffer(bytearray(raw[offset:offset + 4 * b]), dtype=torch.int32).long().clone()
    offset += 4 * b
    model = torch.nn.Sequential(torch.nn.Linear(d, h), torch.nn.ReLU(), torch.nn.Linear(h, c))
    with torch.no_grad():
        model[0].weight.copy_(floats(h * d, (h, d)))
        model[0].bias.copy_(floats(h, (h,)))
        model[2].weight.copy_(floats(c * h, (c, h)))
        model[2].bias.copy_(floats(c, (c,)))
    opt = torch.optim.SGD(model.parameters(), lr=0.1)

    def step():
        opt.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        opt.step()
        return loss.item()

    one_a, one_b = torch.ones(1), torch.ones(1)
    ma, mb = torch.randn(1024, 1024), torch.randn(1024, 1024)

    def median_of(n, fn, scale):
        times = []
        for _ in range(n):
            t0 = time.perf_counter_ns()
            fn()
            times.append((time.perf_counter_ns() - t0) / scale)
        return statistics.median(times)

    for line in sys.stdin:
        parts = line.split()
        if not parts:
            continue
        cmd, n = parts[0], int(parts[1]) if len(parts) > 1 else 1
        if cmd == "first":
            out = repr(step())
        elif cmd == "mlp":
            out = repr(median_of(n, step, 1e3))
        elif cmd == "add":
            out = repr(median_of(n, lambda: one_a + one_b, 1e3))
        elif cmd == "matmul":
            out = repr(median_of(n, lambda: ma @ mb, 1e6))
        elif cmd == "quit":
            break
        else:
            out = "error unknown command " + cmd
        print(out, flush=True)


if __name__ == "__main__":
    main()
