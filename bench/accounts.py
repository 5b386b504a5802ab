#!/usr/bin/env python3
"""Accounts benchmarks (issue 3, BENCHMARKS.md P3), on SQLite and PostgreSQL.

Login throughput against the Argon2id cost: several client processes (pinned to core 1)
sign in with the right password for a fixed time against a server pinned to core 0; each
cost runs on a fresh server started with ARGON2_MEMORY_KIB / ARGON2_ITERATIONS.

P3: POST /api/auth/refresh at c=8: eight client processes each follow their own session's
chain (every answer carries the next refresh token, since each is single use), so every
request does the full rotation: claim the token, check session and user, insert the next
token, touch the session, commit. Reported with the same loader's floor side by side:
GET /api/health from the same eight processes, which is what the loader alone costs.

Both report medians over rounds, and server CPU-seconds per 1000 operations.
"""

import argparse
import http.client
import json
import multiprocessing
import os
import shutil
import signal
import statistics
import subprocess
import tempfile
import time

from health_and_startup import FLUX, ROOT, cpu_seconds, free_port, stop, wait_ok

PASSWORD = "Correct1horse"
COSTS = [(19456, 2, "default (OWASP)"), (47104, 1, "OWASP alt."), (65536, 3, "strong"), (9216, 1, "cheap")]
CLEAN_ENV = ("DATABASE_URL", "PORT", "JWT_SECRET", "FLUX_ENV", "ARGON2_MEMORY_KIB", "ARGON2_ITERATIONS")


def start(workdir, port, database_url, extra=None):
    env = {k: v for k, v in os.environ.items() if k not in CLEAN_ENV}
    env.update({
        "AUTH_RATE_LIMIT_MAX": "1000000000",
        "RATE_LIMIT_MAX_REQUESTS": "1000000000",
        # The loaders open thousands of connections from one address, and keep theirs open
        # across the pauses between runs.
        "MAX_CONNECTIONS_PER_ADDRESS": "0",
        "HTTP_HEADER_READ_TIMEOUT_SECONDS": "3600",
        "RUST_LOG": "warn",
    })
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update(extra or {})
    cmd = ["taskset", "-c", "0", FLUX, "serve", "--host", "127.0.0.1", "--port", str(port)]
    proc = subprocess.Popen(cmd, cwd=workdir, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_ok(port, "/api/health", proc)
    return proc


class Client:
    """One keep-alive connection that speaks like the web app (CSRF cookie + header)."""

    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        self.conn.request("GET", "/api/csrf-token")
        response = self.conn.getresponse()
        self.csrf = json.loads(response.read())["csrfToken"]

    def post(self, path, body):
        headers = {"content-type": "application/json", "x-csrf-token": self.csrf,
                   "cookie": f"flux_csrf={self.csrf}"}
        self.conn.request("POST", path, json.dumps(body), headers)
        response = self.conn.getresponse()
        return response.status, json.loads(response.read() or b"null")

    def get(self, path):
        self.conn.request("GET", path)
        response = self.conn.getresponse()
        response.read()
        return response.status


def worker(args):
    """Runs one client process until `deadline`; returns its latencies in ms."""
    kind, port, email, deadline = args
    os.sched_setaffinity(0, {1})
    client = Client(port)
    latencies = []
    if kind == "refresh":
        status, auth = client.post("/api/auth/login", {"email": email, "password": PASSWORD})
        assert status == 200, auth
        token = auth["refreshToken"]
    while time.time() < deadline:
        began = time.perf_counter()
        if kind == "refresh":
            status, body = client.post("/api/auth/refresh", {"refreshToken": token})
            token = body["refreshToken"] if status == 200 else token
        elif kind == "login":
            status, body = client.post("/api/auth/login", {"email": email, "password": PASSWORD})
        else:
            status = client.get("/api/health")
        latencies.append((time.perf_counter() - began) * 1000)
        if status != 200:
            raise RuntimeError(f"{kind}: HTTP {status}")
    return latencies


def load(kind, port, clients, seconds, emails, pid):
    deadline = time.time() + seconds
    cpu0 = cpu_seconds(pid)
    with multiprocessing.get_context("fork").Pool(clients) as pool:
        results = pool.map(worker, [(kind, port, emails[i % len(emails)], deadline) for i in range(clients)])
    cpu = cpu_seconds(pid) - cpu0
    latencies = sorted(l for r in results for l in r)
    n = len(latencies)
    return {
        "ops": n / seconds,
        "p50": latencies[n // 2],
        "p99": latencies[min(n - 1, int(n * 0.99))],
        "cpu_per_1k": cpu / n * 1000,
    }


def signup(port, emails):
    client = Client(port)
    for email in emails:
        status, body = client.post("/api/auth/signup", {"email": email, "password": PASSWORD, "name": "Bench"})
        assert status == 201, body


def with_server(database, extra, body):
    workdir = tempfile.mkdtemp(prefix="flux-bench-")
    port = free_port()
    url = database() if database else None
    proc = start(workdir, port, url, extra)
    try:
        return body(port, proc.pid)
    finally:
        stop(proc)
        shutil.rmtree(workdir, ignore_errors=True)


def median_of(rows, key):
    return statistics.median(r[key] for r in rows)


def login_throughput(database, label, rounds, seconds, clients):
    print(f"\nLogin throughput vs Argon2id cost ({label}), {clients} clients on core 1, server on core 0, "
          f"{seconds}s x {rounds} rounds (medians)")
    print(f"{'cost':<28} {'logins/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'CPU-s/1k':>9}")
    for memory, iterations, name in COSTS:
        extra = {"ARGON2_MEMORY_KIB": str(memory), "ARGON2_ITERATIONS": str(iterations)}
        emails = [f"login{i}@bench.example" for i in range(clients)]

        def run(port, pid):
            signup(port, emails)
            load("login", port, clients, 1, emails, pid)  # warm-up
            return [load("login", port, clients, seconds, emails, pid) for _ in range(rounds)]

        rows = with_server(database, extra, run)
        title = f"m={memory // 1024}MiB t={iterations} {name}"
        print(f"{title:<28} {median_of(rows, 'ops'):>9.1f} {median_of(rows, 'p50'):>8.1f} "
              f"{median_of(rows, 'p99'):>8.1f} {median_of(rows, 'cpu_per_1k'):>9.2f}")


def refresh_p3(database, label, rounds, seconds, clients):
    emails = [f"refresh{i}@bench.example" for i in range(clients)]

    def run(port, pid):
        signup(port, emails)
        load("refresh", port, clients, 1, emails, pid)  # warm-up
        rows = {"refresh": [], "health (loader floor)": []}
        for _ in range(rounds):
            rows["refresh"].append(load("refresh", port, clients, seconds, emails, pid))
            rows["health (loader floor)"].append(load("health", port, clients, seconds, emails, pid))
        return rows

    rows = with_server(database, {}, run)
    print(f"\nP3 POST /api/auth/refresh ({label}), c={clients} on core 1, server on core 0, "
          f"{seconds}s x {rounds} rounds (medians); target p99 < 10 ms")
    print(f"{'workload':<24} {'req/s':>8} {'p50 ms':>8} {'p99 ms':>8} {'CPU-s/1k':>9}")
    for name, samples in rows.items():
        print(f"{name:<24} {median_of(samples, 'ops'):>8.0f} {median_of(samples, 'p50'):>8.2f} "
              f"{median_of(samples, 'p99'):>8.2f} {median_of(samples, 'cpu_per_1k'):>9.3f}")


class Postgres:
    """A throwaway, durable (fsync on) cluster from the machine's own binaries."""

    def __enter__(self):
        self.dir = tempfile.mkdtemp(prefix="flux-bench-pg-")
        self.port = free_port()
        env = dict(os.environ, PG_DURABLE="1")
        subprocess.run(["bash", os.path.join(ROOT, "scripts/pg-cluster.sh"), "start", self.dir, str(self.port)],
                       check=True, env=env)
        self.count = 0
        return self

    def database(self):
        self.count += 1
        name = f"bench_{os.getpid()}_{self.count}"
        subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-qc",
                        f"CREATE DATABASE {name}"], check=True)
        return f"postgres://postgres@127.0.0.1:{self.port}/{name}"

    def __exit__(self, *exc):
        subprocess.run(["bash", os.path.join(ROOT, "scripts/pg-cluster.sh"), "stop", self.dir], check=False)
        shutil.rmtree(self.dir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    signal.signal(signal.SIGINT, signal.default_int_handler)
    if args.backend in ("sqlite", "both"):
        login_throughput(None, "SQLite", args.rounds, args.seconds, 4)
        refresh_p3(None, "SQLite", args.rounds, args.seconds, 8)
    if args.backend in ("postgres", "both"):
        with Postgres() as pg:
            refresh_p3(pg.database, "PostgreSQL, fsync on", args.rounds, args.seconds, 8)


if __name__ == "__main__":
    main()
