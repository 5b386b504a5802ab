#!/usr/bin/env python3
"""P1 and P10 of BENCHMARKS.md, fluxstudio side by side with a bare axum baseline.

P1: wrk (c=100, pinned to core 1) against GET /api/health of fluxstudio and GET /health of
bare axum (each pinned to core 0), alternating, several rounds; medians and the ratio, plus
server CPU-seconds per million requests (from /proc/PID/stat).
P10: cold start (process spawn to first 200 on the health URL) on an empty database (with
migrations) and on an existing one, and the idle RSS one second after.
"""

import argparse
import http.client
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FLUX = os.path.join(ROOT, "target/release/fluxstudio")
BARE = os.path.join(ROOT, "target/release/bare-axum")
TICKS = os.sysconf("SC_CLK_TCK")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(kind, workdir, port, pin=True):
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "PORT", "JWT_SECRET", "FLUX_ENV")}
    if kind == "fluxstudio":
        cmd = [FLUX, "serve", "--host", "127.0.0.1", "--port", str(port)]
        path = "/api/health"
    else:
        cmd = [BARE, str(port)]
        path = "/health"
    if pin:
        cmd = ["taskset", "-c", "0"] + cmd
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return proc, path, started


def wait_ok(port, path, proc, timeout=30.0):
    deadline = time.perf_counter() + timeout
    while time.perf_counter() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
            conn.request("GET", path)
            if conn.getresponse().status == 200:
                return time.perf_counter()
        except OSError:
            pass
        time.sleep(0.0005)
    raise RuntimeError("server never answered 200")


def rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+)", f.read()).group(1))


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def server_pid(proc):
    # taskset execs the server, so the pid is the server's.
    return proc.pid


def wrk(port, path, seconds, connections):
    out = subprocess.run(
        ["taskset", "-c", "1", "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency",
         f"http://127.0.0.1:{port}{path}"],
        capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return rps, float(p99.group(1)) * scale, total, int(errors.group(1)) if errors else 0


def p1(rounds, seconds, connections):
    results = {"bare-axum": [], "fluxstudio": []}
    for _ in range(rounds):
        for kind in ("bare-axum", "fluxstudio"):
            workdir = tempfile.mkdtemp(prefix="flux-bench-")
            port = free_port()
            proc, path, _ = start(kind, workdir, port)
            try:
                wait_ok(port, path, proc)
                wrk(port, path, 2, connections)  # warm-up
                cpu0 = cpu_seconds(server_pid(proc))
                rps, p99, total, errors = wrk(port, path, seconds, connections)
                cpu = cpu_seconds(server_pid(proc)) - cpu0
                if errors:
                    raise RuntimeError(f"{kind}: {errors} non-2xx responses")
                results[kind].append((rps, p99, cpu / total * 1e6))
            finally:
                stop(proc)
                shutil.rmtree(workdir, ignore_errors=True)
    print(f"\nP1  GET health, wrk -t1 -c{connections} -d{seconds}s, server on core 0, wrk on core 1, {rounds} rounds (medians)")
    print(f"{'server':<12} {'req/s':>10} {'p99 ms':>8} {'CPU-s per 1M req':>17}")
    med = {}
    for kind, rows in results.items():
        med[kind] = [statistics.median(col) for col in zip(*rows)]
        rps, p99, cpu = med[kind]
        print(f"{kind:<12} {rps:>10.0f} {p99:>8.2f} {cpu:>17.2f}")
    ratios = [f[0] / b[0] for f, b in zip(results["fluxstudio"], results["bare-axum"])]
    print(f"ratio fluxstudio / bare axum: {statistics.median(ratios):.1%} "
          f"(per round: {', '.join(f'{r:.1%}' for r in ratios)})")


def p10(rounds):
    rows = {"bare-axum": [], "fluxstudio (empty db, migrates)": [], "fluxstudio (existing db)": []}
    for _ in range(rounds):
        for kind in ("bare-axum", "fluxstudio"):
            workdir = tempfile.mkdtemp(prefix="flux-start-")
            try:
                labels = ["bare-axum"] if kind == "bare-axum" else [
                    "fluxstudio (empty db, migrates)", "fluxstudio (existing db)"]
                for label in labels:
                    port = free_port()
                    proc, path, started = start(kind, workdir, port, pin=False)
                    try:
                        ready = wait_ok(port, path, proc)
                        time.sleep(1.0)
                        rows[label].append(((ready - started) * 1000, rss_kb(proc.pid) / 1024))
                    finally:
                        stop(proc)
            finally:
                shutil.rmtree(workdir, ignore_errors=True)
    print(f"\nP10 cold start: spawn to first 200 on the health URL; idle RSS 1 s later ({rounds} rounds, medians)")
    print(f"{'server':<34} {'start ms':>9} {'idle RSS MB':>12}")
    for label, samples in rows.items():
        ms = statistics.median(s[0] for s in samples)
        rss = statistics.median(s[1] for s in samples)
        print(f"{label:<34} {ms:>9.1f} {rss:>12.1f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=100)
    args = parser.parse_args()
    p10(max(args.rounds, 5))
    p1(args.rounds, args.seconds, args.connections)


if __name__ == "__main__":
    main()
