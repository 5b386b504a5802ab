#!/usr/bin/env python3
"""Workspace benchmarks (issue 4, BENCHMARKS.md P2), on SQLite and PostgreSQL.

The data: one studio owner in one organization with 10,000 projects and 100,000 tasks
(2,000 of them on one project's board), written straight into the database after the
owner, the organization and one project were made through the API (the API would take
minutes to make 110,000 rows; the rows are the same shape it writes).

P2: `GET /api/projects?limit=50` as the owner, wrk c=50, server on core 0, wrk on core 1:
every request checks the access token and its session, finds the user's memberships and
returns the newest 50 projects with the caller's roles.
Board: `GET /api/projects/{id}/tasks` on the project with 2,000 tasks, c=10.
Baseline in the same run: `GET /api/health` through the same stack and loader.
"""

import argparse
import json
import os
import re
import shutil
import sqlite3
import statistics
import subprocess
import tempfile
import uuid
from datetime import datetime, timezone

from accounts import Client, Postgres, start
from health_and_startup import cpu_seconds, free_port, stop

PROJECTS = 10_000
TASKS = 100_000
BOARD_TASKS = 2_000
STATUSES = ["todo", "in_progress", "review", "done", "blocked"]


def uuid7():
    """Time-ordered ids, as the server makes them, so 'newest first' means something."""
    ms = int(datetime.now(timezone.utc).timestamp() * 1000)
    rand = uuid.uuid4().int & ((1 << 74) - 1)
    value = (ms << 80) | (0x7 << 76) | ((rand >> 62) << 64) | (0x2 << 62) | (rand & ((1 << 62) - 1))
    return str(uuid.UUID(int=value))


def rows(org, owner, board_project):
    now = datetime.now(timezone.utc).isoformat()
    projects = [(uuid7(), org, f"Project {n:05d}", now) for n in range(PROJECTS - 1)]
    project_ids = [p[0] for p in projects] + [board_project]
    tasks = []
    for n in range(TASKS):
        project = board_project if n < BOARD_TASKS else project_ids[n % len(project_ids)]
        tasks.append((uuid7(), project, f"Task {n}", STATUSES[n % 5], (n // 5 + 1) * 1024, owner, now))
    return projects, tasks


def fill_sqlite(path, org, owner, board_project):
    projects, tasks = rows(org, owner, board_project)
    db = sqlite3.connect(path)
    db.executemany(
        "INSERT INTO projects (id, organization_id, name, status, priority, created_at, updated_at) "
        "VALUES (?, ?, ?, 'active', 'medium', ?, ?)", [(i, o, n, t, t) for i, o, n, t in projects])
    db.executemany(
        "INSERT INTO tasks (id, project_id, title, status, priority, position, tags, created_by, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, 'medium', ?, '[]', ?, ?, ?)",
        [(i, p, t, s, pos, c, at, at) for i, p, t, s, pos, c, at in tasks])
    db.commit()
    db.close()


def fill_postgres(url, org, owner, board_project):
    projects, tasks = rows(org, owner, board_project)
    with tempfile.TemporaryDirectory() as tmp:
        with open(f"{tmp}/p.csv", "w") as f:
            for i, o, n, t in projects:
                f.write(f"{i},{o},{n},active,medium,{t},{t}\n")
        with open(f"{tmp}/t.csv", "w") as f:
            for i, p, t, s, pos, c, at in tasks:
                f.write(f"{i},{p},{t},{s},medium,{pos},[],{c},{at},{at}\n")
        os.chmod(tmp, 0o755)
        subprocess.run(["psql", url, "-qc",
                        f"\\copy projects (id, organization_id, name, status, priority, created_at, updated_at) FROM '{tmp}/p.csv' CSV"],
                       check=True)
        subprocess.run(["psql", url, "-qc",
                        f"\\copy tasks (id, project_id, title, status, priority, position, tags, created_by, created_at, updated_at) FROM '{tmp}/t.csv' CSV"],
                       check=True)
        subprocess.run(["psql", url, "-qc", "ANALYZE"], check=True)


def wrk(port, path, token, seconds, connections):
    script = f'wrk.headers["Authorization"] = "Bearer {token}"\n'
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    try:
        out = subprocess.run(
            ["taskset", "-c", "1", "wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", f.name,
             f"http://127.0.0.1:{port}{path}"], capture_output=True, text=True, check=True).stdout
    finally:
        os.unlink(f.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    total = int(re.search(r"(\d+) requests in", out).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)", out)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    if errors:
        raise RuntimeError(f"{path}: {errors.group(1)} non-2xx responses")
    return rps, p99_ms, total


def run(label, database_url, fill, rounds, seconds):
    workdir = tempfile.mkdtemp(prefix="flux-bench-ws-")
    port = free_port()
    proc = start(workdir, port, database_url)
    try:
        client = Client(port)
        status, auth = client.post("/api/auth/signup", {"email": "owner@bench.example", "password": "Correct1horse", "name": "Owner"})
        assert status == 201, auth
        token = auth["accessToken"]
        client.conn.request("POST", "/api/organizations", json.dumps({"name": "Bench"}),
                            {"content-type": "application/json", "authorization": f"Bearer {token}"})
        org = json.loads(client.conn.getresponse().read())["id"]
        client.conn.request("POST", "/api/projects", json.dumps({"organizationId": org, "name": "Board"}),
                            {"content-type": "application/json", "authorization": f"Bearer {token}"})
        board = json.loads(client.conn.getresponse().read())["id"]
        fill(database_url or os.path.join(workdir, "data/fluxstudio.db"), org, auth["user"]["id"], board)
        # A fresh token: the access token lives 15 minutes, longer than a run.
        status, auth = client.post("/api/auth/login", {"email": "owner@bench.example", "password": "Correct1horse"})
        token = auth["accessToken"]
        workloads = [
            ("GET /api/projects?limit=50 (c=50)", "/api/projects?limit=50", 50),
            (f"board, {BOARD_TASKS} tasks (c=10)", f"/api/projects/{board}/tasks", 10),
            ("GET /api/health (c=50), same stack", "/api/health", 50),
        ]
        results = {name: [] for name, _, _ in workloads}
        for name, path, c in workloads:
            wrk(port, path, token, 2, c)  # warm-up
        for _ in range(rounds):
            for name, path, c in workloads:
                cpu0 = cpu_seconds(proc.pid)
                rps, p99, total = wrk(port, path, token, seconds, c)
                results[name].append((rps, p99, (cpu_seconds(proc.pid) - cpu0) / total * 1000))
        print(f"\n{label}: {PROJECTS} projects, {TASKS} tasks; wrk -t1, {seconds}s x {rounds} rounds (medians)")
        print(f"{'workload':<40} {'req/s':>8} {'p99 ms':>8} {'CPU-ms/req':>11}")
        for name, samples in results.items():
            med = [statistics.median(col) for col in zip(*samples)]
            print(f"{name:<40} {med[0]:>8.0f} {med[1]:>8.2f} {med[2]:>11.3f}")
    finally:
        stop(proc)
        shutil.rmtree(workdir, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--backend", choices=["sqlite", "postgres", "both"], default="both")
    args = parser.parse_args()
    if args.backend in ("sqlite", "both"):
        run("SQLite", None, fill_sqlite, args.rounds, args.seconds)
    if args.backend in ("postgres", "both"):
        with Postgres() as pg:
            run("PostgreSQL (fsync on)", pg.database(), fill_postgres, args.rounds, args.seconds)


if __name__ == "__main__":
    main()
