"""When each message of one `1+1` execute reaches the client, median over many runs.

    /usr/bin/python3 bench/iopub_timeline.py [--kernel juxta] [--reps 60]

Prints the arrival time of busy, execute_input, execute_result, idle and the reply, measured from just
before the request is sent: it shows whether time goes before the cell starts, in it, or after.
"""
import argparse
import statistics
import time

from jupyter_client.manager import start_new_kernel


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kernel", default="juxta")
    parser.add_argument("--reps", type=int, default=60)
    args = parser.parse_args()
    km, kc = start_new_kernel(kernel_name=args.kernel)
    try:
        for _ in range(30):  # warm-up: JIT, class loading, the first snippets
            kc.execute_interactive("1+1", timeout=60, output_hook=lambda m: None)
        arrivals = {}
        for _ in range(args.reps):
            start = time.perf_counter()
            msg_id = kc.execute("1+1")
            seen = {}
            while "idle" not in seen:
                m = kc.get_iopub_msg(timeout=10)
                if m["parent_header"].get("msg_id") != msg_id:
                    continue
                kind = m["content"]["execution_state"] if m["msg_type"] == "status" else m["msg_type"]
                seen.setdefault(kind, (time.perf_counter() - start) * 1000)
            kc.get_shell_msg(timeout=10)
            seen["reply"] = (time.perf_counter() - start) * 1000
            for kind, ms in seen.items():
                arrivals.setdefault(kind, []).append(ms)
        print(f"kernel {args.kernel}, median of {args.reps} runs")
        for kind, values in arrivals.items():
            print(f"  {kind:16s} {statistics.median(values):6.1f} ms")
    finally:
        kc.stop_channels()
        km.shutdown_kernel(now=True)


if __name__ == "__main__":
    main()
