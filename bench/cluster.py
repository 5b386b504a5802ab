#!/usr/bin/env python3
"""Several instances (BENCHMARKS.md P13): two FluxStudio instances on one PostgreSQL and one
Redis, against one instance alone on PostgreSQL, run side by side in the same run.

Every server on core 0 (two instances share the one instance's CPU), the loaders on core 1;
Redis and PostgreSQL unpinned.

Fan-out: the P5 run (bench/socket-load) with CLIENTS receivers in the project's channel and one
    sender at RATE messages/s. One instance: everyone on it. Two: every other receiver on the
    second instance, the sender on the first, so half the deliveries cross through Redis.
Documents: one writer sends updates at UPDATES/s into a document on the first instance
    (bench/collab-load, as P7 paced); READERS read it on the same instance, then (a new
    document) on the second: p50/p99 update->reader, the cross-instance figure through Redis.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(__file__))
from accounts import Postgres  # noqa: E402
from collab import Flux, loader, read_json  # noqa: E402
from health_and_startup import ROOT, free_port  # noqa: E402
from realtime import LOAD, NS, PATH, UNLIMITED  # noqa: E402

REDIS_SCRIPT = os.path.join(ROOT, "scripts", "redis-server.sh")


class Redis:
    """A throwaway redis-server on a free port."""

    def __enter__(self):
        self.dir = tempfile.mkdtemp(prefix="flux-bench-redis-")
        self.port = free_port()
        subprocess.run(["bash", REDIS_SCRIPT, "start", self.dir, str(self.port)], check=True)
        return self

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/?protocol=resp3"

    def __exit__(self, *exc):
        subprocess.run(["bash", REDIS_SCRIPT, "stop", self.dir], check=False)
        shutil.rmtree(self.dir, ignore_errors=True)


def deployment(database, redis=None, instances=1):
    """`instances` servers of one deployment (the first makes the owner, project and folder)."""
    env = dict(UNLIMITED, DATABASE_URL=database)
    if redis:
        env["REDIS_URL"] = redis
    first = Flux(extra=env)
    others = [Flux(workdir=first.workdir, extra=env) for _ in range(instances - 1)]
    return [first, *others]


def fanout(servers, args, rate):
    first = servers[0]
    auth = json.dumps({"token": first.token, "conversationId": first.project})
    run = ["taskset", "-c", "1", LOAD, "fanout", f"http://127.0.0.1:{first.port}", PATH, NS, auth,
           str(args.clients), str(args.messages), str(rate), first.project]
    if len(servers) > 1:
        run.append(f"http://127.0.0.1:{servers[1].port}")
    out = subprocess.run(run, capture_output=True, text=True, timeout=600, check=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def document_latency(servers, args):
    """Writer on the first server; readers on the last (the second, when there are two)."""
    first, last = servers[0], servers[-1]
    document = first.document("P13")
    run = loader("ingest", first.url(document), args.readers, args.updates_total, args.updates,
                 last.url(document))
    assert read_json(run) == {"phase": "start"}
    assert read_json(run) == {"phase": "done"}
    result = read_json(run)
    run.wait()
    return result


def measure(label, database, redis, instances, args):
    servers = deployment(database, redis, instances)
    result = {"deployment": label}
    try:
        for rate in args.rate:
            result[f"fanout_at_{rate}"] = fanout(servers, args, rate)
        result["document"] = document_latency(servers, args)
        result["server_logs"] = [server.warnings() for server in servers]
    finally:
        for server in servers:
            server.stop()
        shutil.rmtree(servers[0].workdir, ignore_errors=True)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--messages", type=int, default=500)
    parser.add_argument("--rate", type=int, nargs="+", default=[60, 200])
    parser.add_argument("--readers", type=int, default=4)
    parser.add_argument("--updates", type=int, default=1000, help="document updates per second")
    parser.add_argument("--updates-total", type=int, default=10000)
    parser.add_argument("--rounds", type=int, default=1, help="alternating one / two rounds")
    args = parser.parse_args()
    with Postgres() as pg, Redis() as redis:
        for _ in range(args.rounds):
            one = measure("one instance", pg.database(), None, 1, args)
            print(json.dumps(one), flush=True)
            two = measure("two instances + Redis", pg.database(), redis.url, 2, args)
            print(json.dumps(two), flush=True)
            summary = {"ratios_two_over_one": {
                f"fanout_at_{rate}_deliveries_per_s": round(
                    two[f"fanout_at_{rate}"]["deliveries_per_s"] / one[f"fanout_at_{rate}"]["deliveries_per_s"], 3)
                for rate in args.rate}}
            summary["document_p99_ms"] = {"one": one["document"].get("p99_ms"),
                                          "cross": two["document"].get("p99_ms")}
            print(json.dumps(summary), flush=True)


if __name__ == "__main__":
    main()
