#!/usr/bin/env python3
"""Real-time benchmarks (issue 5, BENCHMARKS.md P4-P6), FluxStudio on SQLite beside a plain
Node socket.io server (bench/node-peer) run the same way in the same run.

Server on core 0, the compiled loader (bench/socket-load) on core 1.

P4: 1,000 sequential Socket.IO handshakes to /messaging over WebSocket, each carrying a JWT
    that the server verifies (signature, expiry, live session) before accepting; then a storm
    of 10,000 connects started at 1,000/s.
P5: one room of 1,000 clients (FluxStudio: the project channel every client's person belongs
    to; Node: a room joined at connect), one sender emitting 200-byte `message:send` at a fixed
    rate; every receiver times send -> `message:new`. FluxStudio stores and numbers each
    message in SQLite before it broadcasts; the Node peer stores nothing.
P6: RSS with 5,000 and 10,000 idle connections, and after they leave.
"""

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(__file__))
from accounts import Client, start  # noqa: E402
from health_and_startup import cpu_seconds, free_port, rss_kb, stop  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
LOAD = os.path.join(ROOT, "target", "release", "socket-load")
NODE_PEER = os.path.join(ROOT, "bench", "node-peer", "server.mjs")
PATH = "/api/socket.io"
NS = "/messaging"
UNLIMITED = {"SOCKET_EVENTS_PER_SECOND": "100000000", "SOCKET_EVENT_BURST": "100000000"}


def loader(*args, timeout=300):
    out = subprocess.run(["taskset", "-c", "1", LOAD, *map(str, args)], capture_output=True,
                         text=True, timeout=timeout, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def flux():
    workdir = tempfile.mkdtemp(prefix="flux-bench-rt-")
    port = free_port()
    proc = start(workdir, port, None, UNLIMITED)
    client = Client(port)
    status, auth = client.post("/api/auth/signup", {"email": "owner@bench.example",
                                                     "password": "Correct1horse", "name": "Owner"})
    assert status == 201, auth
    token = auth["accessToken"]
    headers = {"content-type": "application/json", "authorization": f"Bearer {token}"}
    client.conn.request("POST", "/api/organizations", json.dumps({"name": "Bench"}), headers)
    org = json.loads(client.conn.getresponse().read())["id"]
    client.conn.request("POST", "/api/projects", json.dumps({"organizationId": org, "name": "Show"}), headers)
    project = json.loads(client.conn.getresponse().read())["id"]
    # The project's channel has the project's id; every socket of the owner is in it.
    auth_json = json.dumps({"token": token, "conversationId": project})
    return proc, port, auth_json, project


def node():
    port = free_port()
    proc = subprocess.Popen(["taskset", "-c", "0", "node", NODE_PEER, str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    line = proc.stdout.readline()
    assert line.startswith("listening"), line
    room = "bench-room"
    return proc, port, json.dumps({"token": "unused", "conversationId": room}), room


def measure(label, make, args):
    proc, port, auth, room = make()
    base = f"http://127.0.0.1:{port}"
    result = {"server": label}
    try:
        if "p4" in args.parts:
            result["p4_handshake"] = loader("handshake", base, PATH, NS, auth, args.handshakes)
            result["p4_storm"] = loader("storm", base, PATH, NS, auth, args.storm, 1000)
            time.sleep(2)  # the storm's sockets close
        if "p5" in args.parts:
            for rate in args.rate:
                cpu = cpu_seconds(proc.pid)
                run = loader("fanout", base, PATH, NS, auth, args.clients, args.messages, rate, room)
                # The server's own cost, whatever bounds the loader: CPU time per delivery.
                run["server_cpu_us_per_delivery"] = round(
                    (cpu_seconds(proc.pid) - cpu) * 1e6 / max(run["delivered"], 1), 3)
                result[f"p5_fanout_at_{rate}"] = run
                time.sleep(2)
    finally:
        stop(proc)
    if "p6" in args.parts:
        # A fresh server for each count: memory an earlier run left behind would hide the cost.
        result["p6_idle"] = [idle(make, n) for n in args.idle]
    return result


def idle(make, n):
    """RSS of a fresh server before, while holding `n` idle sockets, and 15 s after they left."""
    proc, port, auth, _ = make()
    base = f"http://127.0.0.1:{port}"
    try:
        time.sleep(1)
        before = rss_kb(proc.pid)
        hold = subprocess.Popen(["taskset", "-c", "1", LOAD, "idle", base, PATH, NS, auth, str(n)],
                                stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
        ready = json.loads(hold.stdout.readline())
        time.sleep(3)
        held = rss_kb(proc.pid)
        hold.stdin.close()
        hold.wait(60)
        time.sleep(15)
        after = rss_kb(proc.pid)
    finally:
        stop(proc)
    return {"connections": ready["ready"], "errors": ready["errors"], "rss_before_kb": before,
            "rss_held_kb": held, "rss_after_kb": after,
            "kb_per_connection": round((held - before) / max(ready["ready"], 1), 2),
            "after_vs_before": round(after / before, 2)}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--handshakes", type=int, default=1000)
    parser.add_argument("--storm", type=int, default=10000)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--rate", type=int, nargs="+", default=[60, 200],
                        help="messages per second the sender emits (one fan-out run each)")
    parser.add_argument("--parts", nargs="+", default=["p4", "p5", "p6"])
    parser.add_argument("--idle", type=int, nargs="+", default=[5000, 10000])
    args = parser.parse_args()
    for label, make in (("fluxstudio", flux), ("node-socket.io", node)):
        print(json.dumps(measure(label, make, args)), flush=True)


if __name__ == "__main__":
    main()
