#!/usr/bin/env python3
"""Collaboration benchmarks (BENCHMARKS.md P7-P9): FluxStudio's /collab on SQLite beside the
Node y-websocket server from npm (@y/websocket-server, bench/collab-load/server.mjs), driven
by the same loader (bench/collab-load/load.mjs) in the same run. Server on core 0, the
loader on core 1. Not a test: the figures are for ratios, never assertions.

P7 ingest: one writer replays the B4 editing trace (259,778 single-character edits), one
   Yjs update per edit, each in its own sync Update frame, as fast as the socket takes
   them; READERS clients are in the document beforehand. A reader does not apply what it
   gets: it reads how far the writer's clock (inserts) and deletions have come, which tells
   which of the writer's updates it has. Reports updates/s (first send until the last
   reader has everything), the writer's send time, p50/p99 update->reader latency over all
   (update, reader) pairs, server CPU-seconds and peak RSS; then a fresh client syncs and
   its text must equal the trace's endContent (or the replayed prefix with --edits).
   FluxStudio stores every update in SQLite before it relays it; the Node server stores
   nothing. Unpaced, the writer hands over every update within a second or so, so that
   run's latency is mostly the time to drain the queue; a second, paced run (--rate,
   default 5,000 updates/s, the first --paced-edits edits on a new document) gives the
   latency of an update arriving at a server that is keeping up.
P8 open: a fresh client opens the stored document: WebSocket open -> sync step 1 (empty
   state vector) -> sync step 2, OPENS times; p50/p99 with the document loaded (warm). For
   FluxStudio also cold: the server restarted on the same database with
   COLLAB_IDLE_UNLOAD_SECONDS=2 (P7 runs with the defaults); each cold open comes after
   /collab/health reports activeRooms 0, so it reads the stored state and update tail from
   SQLite. The first open after the restart is reported apart, with how many stored updates
   were not compacted yet when the first server stopped (it reads and merges them);
   --uncompacted leaves the whole trace uncompacted for it.
P9: ROOMS documents x 2 editors (each sends one small update and an awareness update),
   then all leave; RSS before, with all connected and after leaving, over 3 cycles on the
   same documents; for FluxStudio (default COLLAB_IDLE_UNLOAD_SECONDS=30) also the seconds
   from the last client leaving until /collab/health reports activeRooms 0.
"""

import argparse
import http.client
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
import accounts  # noqa: E402
from accounts import PASSWORD, Client  # noqa: E402
from health_and_startup import ROOT, cpu_seconds, free_port, rss_kb, stop, wait_ok  # noqa: E402

LOAD_DIR = os.path.join(ROOT, "bench", "collab-load")
LOAD = os.path.join(LOAD_DIR, "load.mjs")
NODE_SERVER = os.path.join(LOAD_DIR, "server.mjs")
OWNER = "owner@bench.example"


def peak_rss_kb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return None


def pct(values, p):
    values = sorted(values)
    return round(values[min(len(values) - 1, int(len(values) * p))], 3) if values else None


def loader(*args):
    """The loader on core 1; its progress goes to stderr, its results to stdout as JSON lines."""
    return subprocess.Popen(["taskset", "-c", "1", "node", LOAD, *map(str, args)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True)


def read_json(proc):
    line = proc.stdout.readline()
    if not line:
        proc.wait()
        raise RuntimeError(f"the loader ended (exit {proc.returncode}) without an answer")
    return json.loads(line)


def settle(pid, limit=120.0):
    """Waits until the server has been (nearly) idle for a second; returns the seconds it took.
    After P7 FluxStudio compacts the document's stored updates in the background."""
    began = time.monotonic()
    while time.monotonic() - began < limit:
        cpu = cpu_seconds(pid)
        time.sleep(1.0)
        if cpu_seconds(pid) - cpu < 0.03:
            break
    return round(time.monotonic() - began, 1)


# ---- the servers ------------------------------------------------------------------------


class Flux:
    """fluxstudio serve on SQLite in a temporary directory, its log in server.log there."""

    def __init__(self, workdir=None, extra=None):
        self.fresh = workdir is None
        self.workdir = workdir or tempfile.mkdtemp(prefix="flux-bench-collab-")
        self.port = free_port()
        env = {k: v for k, v in os.environ.items() if k not in accounts.CLEAN_ENV}
        # What accounts.start sets (no rate limits in the way), plus the caller's.
        env.update({"AUTH_RATE_LIMIT_MAX": "1000000000", "RATE_LIMIT_MAX_REQUESTS": "1000000000",
                    "MAX_CONNECTIONS_PER_ADDRESS": "0", "HTTP_HEADER_READ_TIMEOUT_SECONDS": "3600",
                    "RUST_LOG": "warn"})
        env.update(extra or {})
        self.log = open(os.path.join(self.workdir, "server.log"), "ab")
        cmd = ["taskset", "-c", "0", accounts.FLUX, "serve", "--host", "127.0.0.1", "--port", str(self.port)]
        self.proc = subprocess.Popen(cmd, cwd=self.workdir, env=env, stdout=self.log, stderr=self.log)
        wait_ok(self.port, "/api/health", self.proc)
        self.pid = self.proc.pid  # taskset execs the server
        self.client = Client(self.port)
        if self.fresh:
            status, auth = self.client.post("/api/auth/signup", {"email": OWNER, "password": PASSWORD,
                                                                 "name": "Owner"})
            assert status == 201, auth
        else:
            status, auth = self.client.post("/api/auth/login", {"email": OWNER, "password": PASSWORD})
            assert status == 200, auth
        self.token = auth["accessToken"]
        if self.fresh:
            org = self.api("POST", "/api/organizations", {"name": "Bench"})["id"]
            self.project = self.api("POST", "/api/projects", {"organizationId": org, "name": "Show"})["id"]

    def api(self, method, path, body=None):
        headers = {"content-type": "application/json", "authorization": f"Bearer {self.token}"}
        self.client.conn.request(method, path, json.dumps(body) if body is not None else None, headers)
        response = self.client.conn.getresponse()
        data = json.loads(response.read() or b"null")
        assert response.status in (200, 201), (path, response.status, data)
        return data

    def document(self, title):
        return self.api("POST", f"/api/projects/{self.project}/documents", {"title": title})["id"]

    def url(self, document):
        return f"ws://127.0.0.1:{self.port}/collab/{document}?token={self.token}"

    def health(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        conn.request("GET", "/collab/health")
        return json.loads(conn.getresponse().read())

    def wait_unloaded(self, limit=180.0):
        """Seconds until /collab/health reports no loaded document (None if never)."""
        began = time.monotonic()
        while time.monotonic() - began < limit:
            if self.health()["activeRooms"] == 0:
                return round(time.monotonic() - began, 2)
            time.sleep(0.1)
        return None

    def warnings(self):
        """What the server logged (warnings and errors) so far."""
        if not self.log.closed:
            self.log.flush()
        with open(os.path.join(self.workdir, "server.log"), errors="replace") as f:
            lines = [re.sub(r"\x1b\[[0-9;]*m", "", line).strip() for line in f if line.strip()]
        return {"count": len(lines), "first": lines[:5]}

    def stop(self):
        stop(self.proc)
        self.log.close()

    def remove(self):
        shutil.rmtree(self.workdir, ignore_errors=True)


class Node:
    """The y-websocket server from npm (bench/collab-load/server.mjs); document = URL path."""

    def __init__(self):
        self.port = free_port()
        self.proc = subprocess.Popen(["taskset", "-c", "0", "node", NODE_SERVER, str(self.port)],
                                     stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
        line = self.proc.stdout.readline()
        assert line.startswith("listening"), line
        self.pid = self.proc.pid

    def url(self, document):
        return f"ws://127.0.0.1:{self.port}/{document}"

    def stop(self):
        stop(self.proc)


# ---- the parts --------------------------------------------------------------------------


def p7(server, url, args, edits=None, rate=0):
    """One writer replays the trace (or its first `edits`) into `url` with args.readers
    readers, as fast as it can or at `rate` updates/s."""
    run = loader("ingest", url, args.readers, args.edits if edits is None else edits, rate)
    assert read_json(run) == {"phase": "start"}
    cpu0, rss0, loader0 = cpu_seconds(server.pid), rss_kb(server.pid), cpu_seconds(run.pid)
    assert read_json(run) == {"phase": "done"}
    cpu = cpu_seconds(server.pid) - cpu0
    # Near `seconds` means the loader, not the server, set the pace.
    loader_cpu = cpu_seconds(run.pid) - loader0
    result = read_json(run)
    run.wait()
    result["server_cpu_s"] = round(cpu, 2)
    result["loader_cpu_s"] = round(loader_cpu, 2)
    result["server_cpu_s_per_1m_updates"] = round(cpu * 1e6 / max(result["updates"], 1), 2)
    result["server_rss_before_kb"] = rss0
    result["server_rss_after_kb"] = rss_kb(server.pid)
    result["server_peak_rss_kb"] = peak_rss_kb(server.pid)
    return result


def opens(run, url, n):
    """`n` sequential opens of `url` by the loader process `run`."""
    run.stdin.write(json.dumps({"url": url, "n": n}) + "\n")
    run.stdin.flush()
    return read_json(run)


def p8_warm(server, url, args):
    result = {"settled_after_s": settle(server.pid)}
    run = loader("opens")
    try:
        opens(run, url, 3)  # the loader's own warm-up
        got = opens(run, url, args.opens)
    finally:
        run.stdin.close()
        run.wait()
    result.update({"opens": len(got["ms"]), "p50_ms": pct(got["ms"], 0.5), "p99_ms": pct(got["ms"], 0.99),
                   "max_ms": max(got["ms"], default=None), "step2_bytes": got["step2_bytes"],
                   "errors": got["errors"]})
    return result


def stored_tail(workdir, document):
    """How much of the document is compacted: the stored updates not yet merged into a
    state are read and applied one by one when the document is loaded."""
    path = os.path.join(workdir, "data", "fluxstudio.db")
    if not os.path.exists(path):
        return None
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
        tail = db.execute("SELECT count(*) FROM document_updates WHERE document_id = ?", (document,)).fetchone()[0]
        state_seq, last_seq = db.execute("SELECT state_seq, last_seq FROM documents WHERE id = ?",
                                         (document,)).fetchone()
    return {"updates_not_compacted": tail, "state_seq": state_seq, "last_seq": last_seq}


def p8_cold(workdir, document, args):
    """FluxStudio restarted on the same database with documents unloaded after 2 s idle."""
    tail = stored_tail(workdir, document)  # what the first open after the restart reads
    server = Flux(workdir, {"COLLAB_IDLE_UNLOAD_SECONDS": "2"})
    run = loader("opens")
    try:
        url = server.url(document)
        opens(run, url, 0)  # starts the loader's process before timing anything
        first = opens(run, url, 1)  # the first open of the restarted process
        samples, waits, errors = [], [], list(first["errors"])
        for _ in range(args.cold):
            waits.append(server.wait_unloaded(30))
            got = opens(run, url, 1)
            samples += got["ms"]
            errors += got["errors"]
        warm = opens(run, url, args.opens)  # the same process, document loaded, for reference
    finally:
        run.stdin.close()
        run.wait()
        server.stop()
    return {"stored_at_restart": tail, "first_after_restart_ms": (first["ms"] or [None])[0], "cold_ms": samples,
            "cold_p50_ms": pct(samples, 0.5), "cold_max_ms": max(samples, default=None),
            "unload_waits_s": waits, "warm_after_restart_p50_ms": pct(warm["ms"], 0.5),
            "warm_after_restart_p99_ms": pct(warm["ms"], 0.99), "errors": errors + warm["errors"],
            "server_log": server.warnings()}


def p9(server, template, ids, args):
    """args.cycles of: every document's two editors join, hold, leave."""
    ids_file = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
    json.dump(ids, ids_file)
    ids_file.close()
    time.sleep(1)
    result = {"rooms": len(ids), "rss_before_kb": rss_kb(server.pid), "cycles": []}
    try:
        for _ in range(args.cycles):
            run = loader("rooms", template, ids_file.name)
            ready = read_json(run)
            time.sleep(3)
            cycle = {"ready": ready["ready"], "errors": ready["errors"], "connect_s": ready["seconds"],
                     "rss_held_kb": rss_kb(server.pid)}
            if ready["errors"]:
                cycle["first_errors"] = ready["first_errors"]
            if isinstance(server, Flux):
                health = server.health()
                cycle["held_health"] = {"connections": health["connections"], "activeRooms": health["activeRooms"]}
            run.stdin.close()
            left = read_json(run)
            run.wait()
            if left["closed_while_held"]:
                cycle["closed_while_held"] = left["closed_while_held"]
                cycle["first_closes"] = left["first_closes"]
            cycle["rss_left_kb"] = rss_kb(server.pid)
            if isinstance(server, Flux):
                cycle["unloaded_after_s"] = server.wait_unloaded()
                time.sleep(1)
            else:
                time.sleep(5)  # the Node server keeps its documents: nothing to wait for
            cycle["rss_after_kb"] = rss_kb(server.pid)
            result["cycles"].append(cycle)
    finally:
        os.unlink(ids_file.name)
    after = [c["rss_after_kb"] for c in result["cycles"]]
    result["rss_after_kb"] = after
    result["held_kb_per_room"] = round((result["cycles"][0]["rss_held_kb"] - result["rss_before_kb"]) / len(ids), 2)
    result["last_vs_first_after"] = round(after[-1] / after[0], 3) if after else None
    return result


def flux_run(args):
    result = {"server": "fluxstudio", "binary": os.path.relpath(accounts.FLUX, ROOT)}
    if "p7" in args.parts or "p8" in args.parts:
        # --uncompacted: the first server never compacts, so the first open after the
        # restart reads the whole trace as single updates (what a crash could leave).
        server = Flux(extra={"COLLAB_COMPACT_AFTER": "1000000000"} if args.uncompacted else None)
        workdir = server.workdir
        try:
            document = server.document("P7 trace")
            key = "p7_ingest" if "p7" in args.parts else "p8_setup_ingest"
            result[key] = p7(server, server.url(document), args)
            if "p8" in args.parts:
                result["p8_open_warm"] = p8_warm(server, server.url(document), args)
            if "p7" in args.parts and args.rate:
                paced = server.document("P7 paced")
                result["p7_paced"] = p7(server, server.url(paced), args, args.paced_edits, args.rate)
            result["server_log"] = server.warnings()
        finally:
            server.stop()
        try:
            if "p8" in args.parts and args.cold:
                result["p8_open_cold"] = p8_cold(workdir, document, args)
        finally:
            shutil.rmtree(workdir, ignore_errors=True)
    if "p9" in args.parts:
        server = Flux()
        try:
            began = time.monotonic()
            ids = [server.document(f"Room {i}") for i in range(args.rooms)]
            created = round(time.monotonic() - began, 2)
            result["p9_rooms"] = p9(server, server.url("{doc}"), ids, args)
            result["p9_rooms"]["documents_created_s"] = created
            result["p9_server_log"] = server.warnings()
        finally:
            server.stop()
            server.remove()
    return result


def node_run(args):
    result = {"server": "node-y-websocket"}
    if "p7" in args.parts or "p8" in args.parts:
        server = Node()
        try:
            key = "p7_ingest" if "p7" in args.parts else "p8_setup_ingest"
            result[key] = p7(server, server.url("p7-trace"), args)
            if "p8" in args.parts:
                result["p8_open_warm"] = p8_warm(server, server.url("p7-trace"), args)
            if "p7" in args.parts and args.rate:
                result["p7_paced"] = p7(server, server.url("p7-paced"), args, args.paced_edits, args.rate)
        finally:
            server.stop()
    if "p9" in args.parts:
        server = Node()
        try:
            result["p9_rooms"] = p9(server, server.url("{doc}"), [f"p9-room-{i}" for i in range(args.rooms)], args)
        finally:
            server.stop()
    return result


def ratio(a, b):
    return round(a / b, 2) if a and b else None


def comparison(flux, node):
    f7, n7 = flux.get("p7_ingest", {}), node.get("p7_ingest", {})
    f8, n8 = flux.get("p8_open_warm", {}), node.get("p8_open_warm", {})
    fp, np_ = flux.get("p7_paced", {}), node.get("p7_paced", {})
    out = {
        "p7_updates_per_s_flux_over_node": ratio(f7.get("updates_per_s"), n7.get("updates_per_s")),
        "p7_server_cpu_per_update_flux_over_node": ratio(f7.get("server_cpu_s_per_1m_updates"),
                                                         n7.get("server_cpu_s_per_1m_updates")),
        "p7_paced_p99_flux_over_node": ratio(fp.get("p99_ms"), np_.get("p99_ms")),
        "p8_warm_p99_flux_over_node": ratio(f8.get("p99_ms"), n8.get("p99_ms")),
    }
    # The targets of BENCHMARKS.md, for the eye (absolute figures drift on a shared box).
    targets = {}
    if f7:
        targets["p7_updates_per_s>=50k"] = (f7.get("updates_per_s") or 0) >= 50_000
        targets["p7_saturated_p99<50ms"] = (f7.get("p99_ms") or 1e9) < 50
    if fp:
        targets["p7_paced_p99<50ms"] = (fp.get("p99_ms") or 1e9) < 50
        targets["p7_text_equal"] = f7.get("check", {}).get("ok")
    if f8:
        targets["p8_warm_p99<10ms"] = (f8.get("p99_ms") or 1e9) < 10
    cold = flux.get("p8_open_cold")
    if cold and cold.get("cold_ms"):
        targets["p8_cold_max<10ms"] = max(cold["cold_ms"]) < 10
    f9 = flux.get("p9_rooms")
    if f9:
        waits = [c.get("unloaded_after_s") for c in f9["cycles"]]
        targets["p9_unloaded<=30s"] = all(w is not None and w <= 30 for w in waits)
        targets["p9_rss_flat(last/first after<=1.1)"] = (f9["last_vs_first_after"] or 9) <= 1.1
    out["targets"] = targets
    return {"comparison": out}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--parts", nargs="+", default=["p7,p8,p9"], help="p7,p8,p9 (commas or spaces)")
    parser.add_argument("--readers", type=int, default=10)
    parser.add_argument("--edits", type=int, default=0, help="replay only the first N edits (0: all 259,778)")
    parser.add_argument("--rate", type=int, default=5000,
                        help="P7 paced run: updates/s for the latency figure (0: none)")
    parser.add_argument("--paced-edits", type=int, default=50000, help="edits replayed in the paced run")
    parser.add_argument("--opens", type=int, default=50, help="P8 warm opens")
    parser.add_argument("--cold", type=int, default=5, help="P8 cold opens, each after an unload (0: none)")
    parser.add_argument("--uncompacted", action="store_true",
                        help="P8 cold: nothing compacted before the restart (the first open reads every update)")
    parser.add_argument("--rooms", type=int, default=1000)
    parser.add_argument("--cycles", type=int, default=3, help="P9 join/leave cycles")
    parser.add_argument("--servers", default="fluxstudio,node", help="which servers to run")
    parser.add_argument("--bin", default=accounts.FLUX, help="the fluxstudio binary (default: the release build)")
    args = parser.parse_args()
    args.parts = {p for part in args.parts for p in part.split(",") if p}
    unknown = args.parts - {"p7", "p8", "p9"}
    if unknown:
        parser.error(f"unknown parts: {', '.join(sorted(unknown))}")
    accounts.FLUX = os.path.abspath(args.bin)
    servers = {s for s in args.servers.split(",") if s}
    results = {}
    for label, run in (("fluxstudio", flux_run), ("node", node_run)):
        if label in servers:
            results[label] = run(args)
            print(json.dumps(results[label]), flush=True)
    if len(results) == 2:
        print(json.dumps(comparison(results["fluxstudio"], results["node"])), flush=True)


if __name__ == "__main__":
    main()
