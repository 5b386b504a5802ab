#!/usr/bin/env python3
"""Does the server keep memory it should give back? (issue 11: the probe saw RSS grow from
38 MB to 156 MB over an hour of mixed traffic with 1,000 sockets opened and closed.)

One server (SQLite, release build) goes through cycles of the traffic the probe sent:
sign-ups, sign-ins right and wrong, workspace writes and reads, messages, 1,000 Socket.IO
connections opened and closed, 100 documents each opened by two editors and left. After each
cycle the server settles (documents unloaded, freed memory offered back to the system) and
the heap its allocator holds (`/api/health` memory.heapUsed, counted by the allocator itself)
and the RSS are read. Something kept would grow the heap cycle after cycle; memory that the
allocator keeps for reuse shows in RSS only, and stops growing once the peak is reached.

Server on core 0, loaders on core 1. Prints one JSON line per cycle, then a summary.
"""

import argparse
import http.client
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from accounts import PASSWORD, Client  # noqa: E402
from collab import Flux, loader as collab_loader, read_json  # noqa: E402
from realtime import LOAD, NS, PATH, UNLIMITED, loader as socket_loader  # noqa: E402

MB = 1024 * 1024


def health(port):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", "/api/health")
    return json.loads(conn.getresponse().read())


def rest_mix(server, cycle, people):
    """Sign-ups, sign-ins right and wrong, board writes and reads, messages."""
    client = Client(server.port)
    for i in range(people):
        email = f"p{cycle}-{i}@bench.example"
        status, _ = client.post("/api/auth/signup", {"email": email, "password": PASSWORD, "name": f"P {i}"})
        assert status == 201, status
        # Past 20 failures from this address sign-ins are refused (429): still traffic.
        client.post("/api/auth/login", {"email": email, "password": PASSWORD})
        client.post("/api/auth/login", {"email": email, "password": "Wrong1password"})
    for i in range(100):
        server.api("POST", f"/api/projects/{server.project}/tasks", {"title": f"Task {cycle}-{i}"})
        server.api("POST", f"/api/conversations/{server.project}/messages", {"body": f"Message {cycle}-{i}"})
    for _ in range(20):
        server.api("GET", f"/api/projects/{server.project}/tasks")
        server.api("GET", f"/api/conversations/{server.project}/messages?limit=50")
        server.api("GET", "/api/notifications")


def sockets(server, count):
    """`count` Socket.IO connections (JWT handshake) opened at 1,000/s, each closing again;
    then `count` held open together, and all let go."""
    auth = json.dumps({"token": server.token, "conversationId": server.project})
    base = f"http://127.0.0.1:{server.port}"
    storm = socket_loader("storm", base, PATH, NS, auth, count, 1000)
    hold = subprocess.Popen(["taskset", "-c", "1", LOAD, "idle", base, PATH, NS, auth, str(count)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    held = json.loads(hold.stdout.readline())
    hold.stdin.close()
    hold.wait(60)
    return {"storm": storm["connected"], "held": held["ready"]}


def documents(server, ids_file):
    """Two editors in each document, then everyone leaves; waits until all are unloaded."""
    run = collab_loader("rooms", server.url("{doc}"), ids_file)
    ready = read_json(run)
    run.stdin.close()
    read_json(run)
    run.wait()
    return ready, server.wait_unloaded()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--cycles", type=int, default=6)
    parser.add_argument("--sockets", type=int, default=1000)
    parser.add_argument("--documents", type=int, default=100)
    parser.add_argument("--people", type=int, default=20, help="sign-ups per cycle")
    parser.add_argument("--settle", type=float, default=12.0,
                        help="seconds to wait after a cycle (the server trims freed memory every 10 s)")
    args = parser.parse_args()

    extra = dict(UNLIMITED, COLLAB_IDLE_UNLOAD_SECONDS="1")
    server = Flux(extra=extra)
    rows = []
    try:
        ids = [server.document(f"Doc {i}") for i in range(args.documents)]
        ids_file = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
        json.dump(ids, ids_file)
        ids_file.close()
        time.sleep(args.settle)
        start = health(server.port)["memory"]
        print(json.dumps({"cycle": 0, "heap_mb": round(start["heapUsed"] / MB, 2),
                          "rss_mb": round(start["rss"] / MB, 2)}), flush=True)
        for cycle in range(1, args.cycles + 1):
            began = time.monotonic()
            rest_mix(server, cycle, args.people)
            storm = sockets(server, args.sockets)
            ready, unloaded = documents(server, ids_file.name)
            time.sleep(args.settle)
            memory = health(server.port)["memory"]
            row = {"cycle": cycle, "seconds": round(time.monotonic() - began, 1),
                   "sockets": storm, "documents_ready": ready["ready"],
                   "unloaded_after_s": unloaded, "heap_mb": round(memory["heapUsed"] / MB, 2),
                   "rss_mb": round(memory["rss"] / MB, 2)}
            rows.append(row)
            print(json.dumps(row), flush=True)
    finally:
        warnings = server.warnings()
        server.stop()
        server.remove()
    # The first cycles fill what is sized once (pools, caches, the allocator's arenas); a
    # leak shows as growth over the second half.
    half = rows[len(rows) // 2:]
    print(json.dumps({
        "heap_start_mb": round(start["heapUsed"] / MB, 2),
        "heap_first_cycle_mb": rows[0]["heap_mb"],
        "heap_last_cycle_mb": rows[-1]["heap_mb"],
        "heap_growth_per_cycle_second_half_kb": round(
            (half[-1]["heap_mb"] - half[0]["heap_mb"]) * 1024 / max(len(half) - 1, 1), 1),
        "rss_growth_per_cycle_second_half_kb": round(
            (half[-1]["rss_mb"] - half[0]["rss_mb"]) * 1024 / max(len(half) - 1, 1), 1),
        "rss_start_mb": round(start["rss"] / MB, 2),
        "rss_last_mb": rows[-1]["rss_mb"],
        "server_warnings": warnings,
    }), flush=True)


if __name__ == "__main__":
    main()
