#!/usr/bin/env python3
"""Files benchmark (issue 13, BENCHMARKS.md P11): uploads, downloads, refusals, previews.

One release server on SQLite in a throwaway directory (its blobs under data/uploads there),
pinned to core 0; the loaders (this script's threads) on core 1. Every file is exactly
MAX_FILE_SIZE (50 MiB) and another blob (a per-upload tag after the type's signature, then
the same random bytes), sent with sendfile from a file in the page cache.

RSS: 4 uploads at once, each over its own connection, on fresh servers (--rss-servers per
   kind, --rss-rounds rounds on each: the first on a server that never took a file, "cold",
   then "warm"). VmRSS of the server sampled every 5 ms (and VmHWM, the kernel's peak, after
   resetting it through clear_refs) from before the first byte until the last 201; growth =
   peak - before, divided by 4. Beside it, every 20 ms, the allocator's live heap
   (/api/health memory.heapUsed). Three kinds: a multipart form `POST /api/projects/{id}/files`
   of a ZIP (no preview is made of an archive), the same of a PNG (a PNG signature and header,
   then random bytes: queued for the preview worker, which fails on it; sampled until all
   four previews are settled), and tus (`POST /api/uploads`, then one `PATCH` with the body).
Refused: a form whose declared Content-Length is over MAX_FILE_SIZE + 64 KiB: the request's
   head only, then the answer is read before any byte of the body is sent (413 expected), and
   whether the server then closes the connection; tus `POST /api/uploads` with `Upload-Length`
   over MAX_FILE_SIZE; and a chunked form (no declared length) going on past the limit, in
   256 KiB and in 16 KiB chunks: what was sent before the answer came, and the answer.
Throughput, in one round, side by side: a plain copy of the same 50 MiB into the server's
   data/uploads (read, write, then fsync of the file and its directory, since the server
   fsyncs its blobs), the least a content-addressed upload does ("hashed receive": a thread
   of this script on the server's core receives the 50 MiB over TCP, hashes them with
   OpenSSL's SHA-256, writes them with a background fdatasync every 8 MiB and fsyncs), a
   form upload (first byte sent until the 201) and a tus upload (the
   POST's first byte until the PATCH's 204, which comes once the file is stored), their order
   turned around every other round; the copy again without fsync; a plain read of the stored
   blob file (page cache warm, as it is for the server), a download of the whole version and
   one in --range-mib Range requests over one keep-alive connection. Each with the CPU
   seconds of the server and of the loader. Medians over rounds; ratios per round, then the
   median.
Preview: a 6000 x 4000 photo-like JPEG (gradients, soft blotches and grain; made once per run
   with Pillow from bench/.venv, created on first use) uploaded as a form; the time from its
   201 until `GET /api/files/{id}` says the version's preview is `ready`, polled every 10 ms,
   with the server's CPU seconds and RSS peak over that time. Each run's JPEG differs by a
   comment segment (another blob, the same picture).

Prints one JSON line per measurement, then a summary table. Not a test: no assertions on the
figures (only that every upload and download succeeded).
"""

import argparse
import base64
import hashlib
import http.client
import json
import os
import re
import select
import socket
import statistics
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(__file__))
from accounts import PASSWORD  # noqa: E402
from collab import OWNER, Flux  # noqa: E402
from health_and_startup import ROOT, cpu_seconds, rss_kb  # noqa: E402

MIB = 1024 * 1024
LIMIT = 50 * MIB  # MAX_FILE_SIZE's default
FRAMING = 64 * 1024  # what the server allows a form beyond MAX_FILE_SIZE
BOUNDARY = "flux-bench-boundary-p11"
ZIP = b"PK\x03\x04\x14\0\0\0\x08\0"  # an archive: no preview is made of it
PNG = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x10\0\0\0\x10\x08\x06\0\0\0"
TAG = 64  # bytes of signature + tag before the shared random bytes
VENV = os.path.join(ROOT, "bench", ".venv")
CHUNK = MIB


def emit(row):
    print(json.dumps(row), flush=True)


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


# ---- HTTP on raw sockets (the body from sendfile; answers read by http.client) -------------


def error_of(data):
    """An error answer's code and message."""
    try:
        body = json.loads(data or b"null") or {}
    except ValueError:
        return repr(data[:100])
    return f"{body.get('error')}: {body.get('message')}"


def connect(port):
    sock = socket.create_connection(("127.0.0.1", port), timeout=120)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return sock


def head_bytes(method, path, token, headers):
    lines = [f"{method} {path} HTTP/1.1", "Host: 127.0.0.1", f"Authorization: Bearer {token}"]
    lines += [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


def answer(sock, method="POST"):
    response = http.client.HTTPResponse(sock, method=method)
    response.begin()
    body = response.read()
    return response.status, response.headers, body  # an HTTPMessage: any case


def send_file(sock, path, offset, count):
    # socket.sendfile: os.sendfile, waiting for room on the socket (it has a timeout).
    with open(path, "rb") as f:
        if sock.sendfile(f, offset, count) != count:
            raise RuntimeError("sendfile stopped short")


class Body:
    """A file of `size` bytes: `prefix` (signature and a per-upload tag, TAG bytes) and then
    the shared random file from byte TAG on."""

    def __init__(self, random_path, signature, tag, size=LIMIT):
        self.random_path = random_path
        self.prefix = (signature + tag.encode()).ljust(TAG, b" ")[:TAG]
        self.size = size

    def send(self, sock):
        sock.sendall(self.prefix)
        send_file(sock, self.random_path, TAG, self.size - TAG)


class JpegBody:
    def __init__(self, data):
        self.prefix, self.size = data, len(data)

    def send(self, sock):
        sock.sendall(self.prefix)


def form_upload(port, token, project, body, name):
    """A multipart form upload; (seconds from the first byte to the answer, status, answer)."""
    pre = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{name}\"\r\n"
           "Content-Type: application/octet-stream\r\n\r\n").encode()
    post = f"\r\n--{BOUNDARY}--\r\n".encode()
    head = head_bytes("POST", f"/api/projects/{project}/files", token, {
        "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
        "Content-Length": len(pre) + body.size + len(post)})
    sock = connect(port)
    try:
        began = time.perf_counter()
        sock.sendall(head + pre)
        body.send(sock)
        sock.sendall(post)
        status, _, data = answer(sock)
        seconds = time.perf_counter() - began
    finally:
        sock.close()
    return seconds, status, json.loads(data or b"null")


def tus_upload(port, token, project, body, name):
    """Creation, then one PATCH with all the bytes; (seconds, status, {fileId...})."""
    meta = ",".join(f"{k} {base64.b64encode(v.encode()).decode()}"
                    for k, v in (("filename", name), ("projectId", project)))
    sock = connect(port)
    try:
        began = time.perf_counter()
        sock.sendall(head_bytes("POST", "/api/uploads", token, {
            "Tus-Resumable": "1.0.0", "Upload-Length": body.size, "Upload-Metadata": meta,
            "Content-Length": 0}))
        status, headers, data = answer(sock)
        if status != 201:
            return time.perf_counter() - began, status, json.loads(data or b"null")
        location = headers["Location"]
        sock.sendall(head_bytes("PATCH", location, token, {
            "Tus-Resumable": "1.0.0", "Upload-Offset": 0, "Content-Length": body.size,
            "Content-Type": "application/offset+octet-stream"}))
        body.send(sock)
        status, headers, data = answer(sock, "PATCH")
        seconds = time.perf_counter() - began
        if status != 204:
            return seconds, status, json.loads(data or b"null")
        sock.sendall(head_bytes("GET", location, token, {}))
        _, _, data = answer(sock, "GET")
    finally:
        sock.close()
    return seconds, status, json.loads(data)


def download(port, token, path, ranges=None, size=LIMIT):
    """GET `path` whole, or in `ranges`-byte Range requests on one connection; the bytes are
    received into one buffer and dropped. (seconds, bytes)."""
    buffer = bytearray(CHUNK)
    view = memoryview(buffer)
    sock = connect(port)
    got = 0
    try:
        began = time.perf_counter()
        spans = [(0, None)] if not ranges else [(a, min(a + ranges, size) - 1) for a in range(0, size, ranges)]
        pending = b""
        for first, last in spans:
            extra = {"Range": f"bytes={first}-{last}"} if last is not None else {}
            sock.sendall(head_bytes("GET", path, token, extra))
            # The head, then exactly Content-Length bytes.
            while b"\r\n\r\n" not in pending:
                chunk = sock.recv(65536)
                if not chunk:
                    raise RuntimeError("connection closed")
                pending += chunk
            head, pending = pending.split(b"\r\n\r\n", 1)
            status = int(head.split(b" ", 2)[1])
            if status != (206 if last is not None else 200):
                raise RuntimeError(f"download: HTTP {status}: {head[:200]!r}")
            length = int(re.search(rb"(?i)content-length:\s*(\d+)", head).group(1))
            left = length - len(pending)
            pending = b""
            while left > 0:
                n = sock.recv_into(view, min(left, CHUNK))
                if n == 0:
                    raise RuntimeError("connection closed")
                left -= n
            got += length
        seconds = time.perf_counter() - began
    finally:
        sock.close()
    return seconds, got


# ---- the baselines: a plain copy and a plain read on the same file system --------------------


def plain_copy(source, target, durable=True):
    """Reads `source` and writes it to `target` in 1 MiB pieces, then (`durable`) fsync of the
    file and of its directory, as a durable rename would; seconds."""
    buffer = bytearray(CHUNK)
    began = time.perf_counter()
    with open(source, "rb", buffering=0) as src, open(target, "wb", buffering=0) as dst:
        while True:
            n = src.readinto(buffer)
            if not n:
                break
            dst.write(memoryview(buffer)[:n])
        if durable:
            os.fsync(dst.fileno())
    if durable:
        fd = os.open(os.path.dirname(target), os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    seconds = time.perf_counter() - began
    os.unlink(target)
    return seconds


def hashed_receive(source, target):
    """The least a content-addressed upload does, with nothing else: a receiver thread pinned
    to the server's core (idle meanwhile) takes 50 MiB over loopback TCP in 1 MiB reads,
    hashes them (SHA-256, OpenSSL's, as fast as the server's), writes them to `target` with a
    background fdatasync every 8 MiB (as the server does), then fsyncs the file and its
    directory. Sent from here with sendfile; seconds from the first byte to the receiver's
    answer."""
    listener = socket.create_server(("127.0.0.1", 0))
    failure = []

    def receive():
        os.sched_setaffinity(0, {0})  # this thread only
        try:
            conn, _ = listener.accept()
            buffer = bytearray(CHUNK)
            view = memoryview(buffer)
            digest = hashlib.sha256()
            fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
            syncing, synced, got = None, 0, 0
            while got < LIMIT:
                n = conn.recv_into(buffer, CHUNK)
                if not n:
                    raise RuntimeError("the sender stopped short")
                digest.update(view[:n])
                os.write(fd, view[:n])
                got += n
                if got - synced >= 8 * MIB and (syncing is None or not syncing.is_alive()):
                    syncing = threading.Thread(target=os.fdatasync, args=(fd,))
                    syncing.start()
                    synced = got
            if syncing is not None:
                syncing.join()
            os.fsync(fd)
            os.close(fd)
            folder = os.open(os.path.dirname(target), os.O_RDONLY)
            os.fsync(folder)
            os.close(folder)
            conn.sendall(digest.hexdigest().encode()[:2])
            conn.close()
        except Exception as error:  # reported by the sender
            failure.append(error)
        finally:
            listener.close()

    receiver = threading.Thread(target=receive)
    receiver.start()
    sock = connect(listener.getsockname()[1])
    try:
        began = time.perf_counter()
        send_file(sock, source, 0, LIMIT)
        if len(sock.recv(2)) != 2:
            raise RuntimeError(f"the receiver failed: {failure}")
        seconds = time.perf_counter() - began
    finally:
        sock.close()
        receiver.join()
    os.unlink(target)
    if failure:
        raise failure[0]
    return seconds


def plain_read(path):
    buffer = bytearray(CHUNK)
    began = time.perf_counter()
    with open(path, "rb", buffering=0) as f:
        while f.readinto(buffer):
            pass
    return time.perf_counter() - began


# ---- server memory ---------------------------------------------------------------------------


def status_kb(pid, field):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(rf"{field}:\s+(\d+)", f.read()).group(1))


def reset_peak(pid):
    """Resets VmHWM to the current RSS (clear_refs 5); False where not allowed."""
    try:
        with open(f"/proc/{pid}/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


class Sampler(threading.Thread):
    """VmRSS of the server every `interval` seconds until stopped, and (every fourth look)
    the bytes its allocator holds live (`/api/health` memory.heapUsed, counted by the
    allocator itself); the highest of each."""

    def __init__(self, server, interval=0.005):
        super().__init__(daemon=True)
        self.pid, self.port, self.interval = server.pid, server.port, interval
        self.peak = rss_kb(self.pid)
        self.heap_peak = self.heap()
        self.done = threading.Event()

    def heap(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            conn.request("GET", "/api/health")
            return json.loads(conn.getresponse().read())["memory"]["heapUsed"] // 1024
        finally:
            conn.close()

    def run(self):
        looks = 0
        while not self.done.is_set():
            self.peak = max(self.peak, rss_kb(self.pid))
            if looks % 4 == 0:
                self.heap_peak = max(self.heap_peak, self.heap())
            looks += 1
            time.sleep(self.interval)

    def stop(self):
        self.done.set()
        self.join()
        return max(self.peak, rss_kb(self.pid))


def quiet(pid, limit=30.0):
    """Waits until the server used under 20 ms of CPU in half a second."""
    began = time.monotonic()
    while time.monotonic() - began < limit:
        cpu = cpu_seconds(pid)
        time.sleep(0.5)
        if cpu_seconds(pid) - cpu < 0.02:
            return


# ---- the server ------------------------------------------------------------------------------


class Server(Flux):
    def login(self):
        """An access token at least 5 minutes from its end (they live 15). A sign-in is rare
        on purpose: its Argon2id hash takes 19 MiB, which the allocator may keep resident."""
        if time.monotonic() - getattr(self, "signed_in", 0) > 600:
            if hasattr(self, "signed_in"):
                status, auth = self.client.post("/api/auth/login", {"email": OWNER, "password": PASSWORD})
                assert status == 200, auth
                self.token = auth["accessToken"]
            self.signed_in = time.monotonic()
        return self.token

    def file(self, file_id):
        return self.api("GET", f"/api/files/{file_id}")

    def blob_path(self, sha256):
        return os.path.join(self.workdir, "data", "uploads", "blobs", sha256[:2], sha256)


def wait_previews(server, ids, limit=120.0):
    """Polls until no version in `ids` is pending; {id: (state, seconds after the call)}."""
    began = time.perf_counter()
    left, done = set(ids), {}
    while left and time.perf_counter() - began < limit:
        for file_id in list(left):
            latest = server.file(file_id)["latest"]
            if latest["preview"] != "pending":
                done[file_id] = (latest["preview"], time.perf_counter() - began, latest)
                left.discard(file_id)
        if left:
            time.sleep(0.01)
    for file_id in left:
        done[file_id] = ("pending", None, None)
    return done


# ---- the parts -------------------------------------------------------------------------------


def rss_round(server, kind, random_path, label, uploads):
    """`uploads` uploads of `kind` at once; RSS before and at its peak, the growth per upload,
    and the allocator's live heap at its peak."""
    token = server.login()
    quiet(server.pid)
    before = rss_kb(server.pid)
    hwm_reset = reset_peak(server.pid)
    sampler = Sampler(server)
    heap_before = sampler.heap_peak
    sampler.start()
    signature = PNG if kind == "form-png" else ZIP
    results = [None] * uploads

    def one(i):
        body = Body(random_path, signature, f"rss-{kind}-{label}-{i}")
        name = f"rss-{label}-{i}" + (".png" if kind == "form-png" else ".zip")
        if kind == "tus":
            results[i] = tus_upload(server.port, token, server.project, body, name)
        else:
            results[i] = form_upload(server.port, token, server.project, body, name)

    began = time.perf_counter()
    threads = [threading.Thread(target=one, args=(i,)) for i in range(uploads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.perf_counter() - began
    statuses = [r[1] for r in results]
    peak_uploads = max(sampler.peak, rss_kb(server.pid))
    previews = None
    if kind == "form-png":
        ids = [r[2]["id"] for r in results if r[1] == 201]
        previews = sorted({state for state, _, _ in wait_previews(server, ids).values()})
    peak = sampler.stop()
    hwm = status_kb(server.pid, "VmHWM") if hwm_reset else None
    peak = max(peak, hwm or 0)
    time.sleep(2)
    after = rss_kb(server.pid)
    row = {"part": "rss", "kind": kind, "round": label, "uploads": uploads, "statuses": statuses,
           "seconds": round(seconds, 3), "rss_before_mb": round(before / 1024, 1),
           "peak_during_uploads_mb": round(peak_uploads / 1024, 1),
           "peak_mb": round(peak / 1024, 1), "vmhwm_mb": round(hwm / 1024, 1) if hwm else None,
           "rss_2s_after_mb": round(after / 1024, 1),
           "growth_per_upload_mb": round((peak - before) / 1024 / uploads, 2),
           "growth_per_upload_during_uploads_mb": round((peak_uploads - before) / 1024 / uploads, 2),
           "heap_before_mb": round(heap_before / 1024, 2),
           "heap_peak_mb": round(sampler.heap_peak / 1024, 2)}
    if previews is not None:
        row["previews"] = previews
    emit(row)
    assert all(status in (201, 204) for status in statuses), row
    return row


def rss_set(kind, random_path, number, rounds, uploads):
    """A fresh server (so `before` is a server that never took a file): `rounds` rounds of
    concurrent uploads, the first cold, the others warm."""
    server = Server(extra={"MAX_FILE_SIZE": str(LIMIT)})
    try:
        return [rss_round(server, kind, random_path, f"{number}.{r}", uploads) for r in range(rounds)]
    finally:
        server.stop()
        server.remove()


def chunked_past_limit(server, token, frame):
    """A chunked form (no declared length) whose file goes on past the limit, in `frame`-byte
    chunks, until the server answers: how much was sent, and what the answer was."""
    sock = connect(server.port)
    chunk = os.urandom(frame)
    first = ZIP + chunk[len(ZIP):]
    pre = (f"--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.zip\"\r\n"
           "Content-Type: application/octet-stream\r\n\r\n").encode()
    sent, status, code = 0, None, None
    try:
        began = time.perf_counter()
        sock.sendall(head_bytes("POST", f"/api/projects/{server.project}/files", token, {
            "Content-Type": f"multipart/form-data; boundary={BOUNDARY}", "Transfer-Encoding": "chunked"}))
        sock.sendall(b"%x\r\n%s\r\n" % (len(pre), pre))
        piece = first
        while sent < 2 * LIMIT:
            readable, _, _ = select.select([sock], [], [], 0)
            if readable:
                break
            try:
                sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
            except OSError:
                break
            sent += len(piece)
            piece = chunk
        readable, _, _ = select.select([sock], [], [], 10)
        if readable:
            try:
                status, _, data = answer(sock)
                code = error_of(data)
            except (OSError, http.client.HTTPException) as error:
                code = f"no answer read: {error!r}"
        ms = (time.perf_counter() - began) * 1000
    finally:
        sock.close()
    return {"part": "refused", "case": f"form, chunked in {frame // 1024} KiB chunks past the limit",
            "body_bytes_sent": sent, "body_mb_sent": round(sent / MIB, 2), "status": status,
            "code": code, "answer_ms": round(ms, 2)}


def closed_within(sock, seconds):
    """Whether the server closes the connection within `seconds` (it reads nothing more)."""
    readable, _, _ = select.select([sock], [], [], seconds)
    try:
        return bool(readable) and sock.recv(1) == b""
    except OSError:
        return True


def refused(server):
    """What is refused before the body is read, and what is cut off while streaming."""
    token = server.login()
    rows = []
    # 1. A form declaring more than the limit allows: headers only, then wait for the answer.
    declared = LIMIT + FRAMING + 1
    sock = connect(server.port)
    try:
        began = time.perf_counter()
        sock.sendall(head_bytes("POST", f"/api/projects/{server.project}/files", token, {
            "Content-Type": f"multipart/form-data; boundary={BOUNDARY}", "Content-Length": declared}))
        readable, _, _ = select.select([sock], [], [], 10)
        if readable:
            status, headers, data = answer(sock)
            code = error_of(data)
        else:
            status, headers, code = None, {}, "no answer within 10 s"
        ms = (time.perf_counter() - began) * 1000
        closed = closed_within(sock, 2)
    finally:
        sock.close()
    rows.append({"part": "refused", "case": "form, declared Content-Length over the limit",
                 "declared_bytes": declared, "body_bytes_sent": 0, "status": status, "code": code,
                 "connection_header": headers.get("Connection"), "closed_by_server_within_2s": closed,
                 "answer_ms": round(ms, 2)})
    # 2. tus creation with an Upload-Length over the limit (it has no body at all).
    sock = connect(server.port)
    try:
        began = time.perf_counter()
        meta = f"filename {base64.b64encode(b'big.zip').decode()},projectId {base64.b64encode(server.project.encode()).decode()}"
        sock.sendall(head_bytes("POST", "/api/uploads", token, {
            "Tus-Resumable": "1.0.0", "Upload-Length": LIMIT + 1, "Upload-Metadata": meta,
            "Content-Length": 0}))
        status, headers, data = answer(sock)
        ms = (time.perf_counter() - began) * 1000
    finally:
        sock.close()
    rows.append({"part": "refused", "case": "tus creation, Upload-Length over the limit",
                 "declared_bytes": LIMIT + 1, "body_bytes_sent": 0, "status": status,
                 "code": error_of(data), "answer_ms": round(ms, 2)})
    # 3. No declared length (chunked), going on past the limit: what was sent until the answer,
    # in large and in small chunks.
    for frame in (256 * 1024, 16 * 1024):
        rows.append(chunked_past_limit(server, token, frame))
    for row in rows:
        emit(row)
    return rows


def throughput_round(server, random_path, round_no, ranges):
    """One round: the plain copy and the two uploads (their order turned around every other
    round), then the plain read and the two downloads. Each timed, with the CPU-seconds the
    server and this loader used over it."""
    token = server.login()
    row = {"part": "throughput", "round": round_no}
    ids = {}

    def timed(key, work):
        quiet(server.pid)
        server0, loader0 = cpu_seconds(server.pid), time.process_time()
        row[f"{key}_s"] = work()
        row[f"{key}_server_cpu_ms"] = round((cpu_seconds(server.pid) - server0) * 1000)
        row[f"{key}_loader_cpu_ms"] = round((time.process_time() - loader0) * 1000)

    def copy(durable):
        target = os.path.join(server.workdir, "data", "uploads", f"plain-copy-{round_no}")
        return lambda: plain_copy(random_path, target, durable)

    def form():
        seconds, status, view = form_upload(server.port, token, server.project,
                                            Body(random_path, ZIP, f"tp-form-{round_no}"), f"tp-{round_no}.zip")
        assert status == 201, (status, view)
        ids["form"] = view
        return seconds

    def tus():
        seconds, status, upload = tus_upload(server.port, token, server.project,
                                             Body(random_path, ZIP, f"tp-tus-{round_no}"), f"tp-tus-{round_no}.zip")
        assert status == 204 and upload.get("fileId"), (status, upload)
        return seconds

    def floor():
        return hashed_receive(random_path, os.path.join(server.workdir, "data", "uploads", f"floor-{round_no}"))

    writes = [("copy", copy(True)), ("hashed_receive", floor), ("form_upload", form), ("tus_upload", tus)]
    for key, work in writes if round_no % 2 == 0 else reversed(writes):
        timed(key, work)
    # Not durable: what the copy costs without its fsync (after the others: its dirty pages
    # are dropped with the file).
    timed("copy_no_fsync", copy(False))
    content = f"/api/files/{ids['form']['id']}/versions/1/content"
    blob = server.blob_path(ids["form"]["latest"]["sha256"])

    def fetch(size):
        def work():
            seconds, got = download(server.port, token, content, size)
            assert got == LIMIT, got
            return seconds
        return work

    timed("read", lambda: plain_read(blob))
    timed("download", fetch(None))
    timed("range_download", fetch(ranges))
    mb = LIMIT / MIB
    out = {"part": "throughput", "round": round_no}
    for key in ("copy", "copy_no_fsync", "hashed_receive", "form_upload", "tus_upload", "read", "download",
                "range_download"):
        out[f"{key}_mib_s"] = round(mb / row[f"{key}_s"], 1)
    out["form_upload_vs_copy"] = round(row["copy_s"] / row["form_upload_s"], 3)
    out["tus_upload_vs_copy"] = round(row["copy_s"] / row["tus_upload_s"], 3)
    out["hashed_receive_vs_copy"] = round(row["copy_s"] / row["hashed_receive_s"], 3)
    out["form_upload_vs_hashed_receive"] = round(row["hashed_receive_s"] / row["form_upload_s"], 3)
    out["download_vs_read"] = round(row["read_s"] / row["download_s"], 3)
    out["range_download_vs_read"] = round(row["read_s"] / row["range_download_s"], 3)
    # The downloads against the plain copy too (the target's words): both move 50 MiB.
    out["download_vs_copy"] = round(row["copy_s"] / row["download_s"], 3)
    out["range_download_vs_copy"] = round(row["copy_s"] / row["range_download_s"], 3)
    for key in ("form_upload", "tus_upload", "download", "range_download"):
        out[f"{key}_server_cpu_ms"] = row[f"{key}_server_cpu_ms"]
        out[f"{key}_loader_cpu_ms"] = row[f"{key}_loader_cpu_ms"]
    out["copy_cpu_ms"] = row["copy_loader_cpu_ms"]
    emit(out)
    return out


def make_jpeg(path):
    """A 6000 x 4000 photo-like JPEG (gradients, soft blotches, grain), made with Pillow from a
    venv under bench/.venv (created and filled on first use; ignored by git)."""
    python = os.path.join(VENV, "bin", "python")
    check = [python, "-c", "import PIL"]
    if not os.path.exists(python) or subprocess.run(check, capture_output=True).returncode:
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
        subprocess.run([python, "-m", "pip", "install", "-q", "pillow"], check=True)
    script = r"""
import sys
from PIL import Image, ImageChops
W, H = 6000, 4000
def blotches(scale):
    # Gaussian noise at a low resolution, enlarged: soft shapes over the whole picture.
    return Image.effect_noise((W // scale, H // scale), 60).resize((W, H), Image.BICUBIC)
across = Image.linear_gradient("L").rotate(90).resize((W, H))
down = Image.linear_gradient("L").resize((W, H))
grain = Image.effect_noise((W, H), 18)
bands = []
for gradient, scale in ((across, 40), (down, 25), (ImageChops.invert(across), 60)):
    band = ImageChops.blend(gradient, blotches(scale), 0.55)
    bands.append(ImageChops.add(band, grain, scale=1.0, offset=-128))
Image.merge("RGB", bands).save(sys.argv[1], "JPEG", quality=90)
"""
    subprocess.run(["taskset", "-c", "1", python, "-c", script, path], check=True)


def with_comment(jpeg, text):
    """The same JPEG with a comment segment after SOI: another blob, the same picture."""
    payload = text.encode()
    return jpeg[:2] + b"\xff\xfe" + (len(payload) + 2).to_bytes(2, "big") + payload + jpeg[2:]


def preview_run(server, jpeg, run_no):
    token = server.login()
    quiet(server.pid)
    body = JpegBody(with_comment(jpeg, f"flux bench preview {run_no} {time.time_ns()}"))
    before = rss_kb(server.pid)
    hwm_reset = reset_peak(server.pid)
    sampler = Sampler(server)
    sampler.start()
    seconds, status, view = form_upload(server.port, token, server.project, body, f"photo-{run_no}.jpg")
    assert status == 201, (status, view)
    cpu0 = cpu_seconds(server.pid)
    state, after, latest = wait_previews(server, [view["id"]])[view["id"]]
    cpu = cpu_seconds(server.pid) - cpu0
    peak = sampler.stop()
    if hwm_reset:
        peak = max(peak, status_kb(server.pid, "VmHWM"))
    row = {"part": "preview", "run": run_no, "jpeg_mb": round(body.size / MIB, 2),
           "upload_s": round(seconds, 3), "state": state,
           "ready_after_201_s": round(after, 3) if after is not None else None,
           "server_cpu_s": round(cpu, 3), "rss_before_mb": round(before / 1024, 1),
           "rss_peak_growth_mb": round((peak - before) / 1024, 1),
           "width": latest and latest.get("width"), "height": latest and latest.get("height")}
    emit(row)
    return row


# ---- the run ---------------------------------------------------------------------------------


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=7, help="throughput rounds (medians)")
    parser.add_argument("--rss-servers", type=int, default=3, help="fresh servers per kind for RSS")
    parser.add_argument("--rss-rounds", type=int, default=2,
                        help="rounds of concurrent uploads on each (the first cold, then warm)")
    parser.add_argument("--uploads", type=int, default=4, help="concurrent uploads in an RSS round")
    parser.add_argument("--previews", type=int, default=5, help="6000 x 4000 JPEG previews timed")
    parser.add_argument("--range-mib", type=int, default=8, help="size of a Range request")
    parser.add_argument("--parts", nargs="+", default=["refused", "rss", "throughput", "preview"],
                        choices=["refused", "rss", "throughput", "preview"])
    args = parser.parse_args()
    os.sched_setaffinity(0, {1})

    server = Server(extra={"MAX_FILE_SIZE": str(LIMIT)})
    random_path = os.path.join(server.workdir, "random.bin")
    with open(random_path, "wb") as f:
        for _ in range(LIMIT // MIB):
            f.write(os.urandom(MIB))
    rss, tp, previews, refusals = {}, [], [], []
    try:
        emit({"server_pid": server.pid, "workdir": server.workdir,
              "filesystem": subprocess.run(["df", "-T", server.workdir], capture_output=True,
                                           text=True).stdout.splitlines()[-1].split()[:2],
              "idle_rss_mb": round(rss_kb(server.pid) / 1024, 1)})
        # Warm-up: one of each kind (first connections, the first parts, the first rows).
        token = server.login()
        for kind in ("form", "tus"):
            body = Body(random_path, ZIP, f"warm-{kind}")
            up = form_upload if kind == "form" else tus_upload
            seconds, status, got = up(server.port, token, server.project, body, f"warm-{kind}.zip")
            assert status in (201, 204), (kind, status, got)
            latest = server.file(got["id"] if kind == "form" else got["fileId"])["latest"]
            assert (latest["size"], latest["preview"]) == (LIMIT, "none"), latest
        if "refused" in args.parts:
            refusals = refused(server)
        if "rss" in args.parts:
            for kind in ("form-zip", "form-png", "tus"):
                rss[kind] = [rss_set(kind, random_path, n, args.rss_rounds, args.uploads)
                             for n in range(args.rss_servers)]
        if "throughput" in args.parts:
            tp = [throughput_round(server, random_path, r, args.range_mib * MIB) for r in range(args.rounds)]
        if "preview" in args.parts:
            jpeg_path = os.path.join(server.workdir, "photo.jpg")
            made = time.perf_counter()
            make_jpeg(jpeg_path)
            with open(jpeg_path, "rb") as f:
                jpeg = f.read()
            emit({"jpeg": "6000x4000", "bytes": len(jpeg), "made_in_s": round(time.perf_counter() - made, 1)})
            previews = [preview_run(server, jpeg, r) for r in range(args.previews)]
    finally:
        warnings = server.warnings()
        server.stop()
        server.remove()

    print(f"\nP11 files: server on core 0, loaders on core 1; files of {LIMIT // MIB} MiB")
    if refusals:
        print("\nRefused")
        for row in refusals:
            print(f"  {row['case']:<52} {row['status']} {row['code']}, body sent {row['body_bytes_sent']:,} B, "
                  f"answered in {row['answer_ms']} ms")
    if rss:
        print(f"\nRSS, {args.uploads} uploads at once, {args.rss_servers} fresh servers per kind, "
              f"{args.rss_rounds} rounds each (cold = a server's first; medians, min-max)")
        print(f"  {'kind':<9} {'round':<5} {'before MB':>9} {'peak MB':>8} {'MB/upload':>9} {'min-max':>12} "
              f"{'heap peak MB':>12} {'2 s after MB':>12}")
        for kind, sets in rss.items():
            for label, rows in (("cold", [s[0] for s in sets]), ("warm", [r for s in sets for r in s[1:]])):
                if not rows:
                    continue
                per = [r["growth_per_upload_mb"] for r in rows]
                print(f"  {kind:<9} {label:<5} {median([r['rss_before_mb'] for r in rows]):>9.1f} "
                      f"{median([r['peak_mb'] for r in rows]):>8.1f} {median(per):>9.2f} "
                      f"{min(per):>5.2f}-{max(per):<6.2f} {median([r['heap_peak_mb'] for r in rows]):>12.2f} "
                      f"{median([r['rss_2s_after_mb'] for r in rows]):>12.1f}")
    if tp:
        print(f"\nThroughput ({len(tp)} rounds; medians; ratios per round, then the median)")
        for key, label in (("copy", "plain copy + fsync"), ("copy_no_fsync", "plain copy, no fsync"),
                           ("hashed_receive", "receive + SHA-256 + write"),
                           ("form_upload", "form upload"),
                           ("tus_upload", "tus upload"), ("read", "plain read (warm)"),
                           ("download", "download, whole"),
                           ("range_download", f"download, {args.range_mib} MiB ranges")):
            cpu = ""
            if f"{key}_server_cpu_ms" in tp[0]:
                cpu = (f"   server CPU {median([r[f'{key}_server_cpu_ms'] for r in tp]):.0f} ms, "
                       f"loader CPU {median([r[f'{key}_loader_cpu_ms'] for r in tp]):.0f} ms")
            elif key == "copy":
                cpu = f"   CPU {median([r['copy_cpu_ms'] for r in tp]):.0f} ms"
            print(f"  {label:<28} {median([r[f'{key}_mib_s'] for r in tp]):>8.1f} MiB/s{cpu}")
        for key in ("form_upload_vs_copy", "tus_upload_vs_copy", "hashed_receive_vs_copy",
                    "form_upload_vs_hashed_receive", "download_vs_read",
                    "range_download_vs_read", "download_vs_copy", "range_download_vs_copy"):
            values = [r[key] for r in tp]
            print(f"  {key:<28} {median(values):>8.3f}  ({min(values):.3f}-{max(values):.3f})")
    if previews:
        ready = [r["ready_after_201_s"] for r in previews]
        print(f"\nPreview of a 6000 x 4000 JPEG ({previews[0]['jpeg_mb']} MiB), {len(previews)} runs: "
              f"201 -> ready median {median(ready):.3f} s ({min(ready):.3f}-{max(ready):.3f}); "
              f"server CPU {median([r['server_cpu_s'] for r in previews]):.3f} s; "
              f"RSS peak growth {median([r['rss_peak_growth_mb'] for r in previews]):.1f} MB; "
              f"states {sorted({r['state'] for r in previews})}")
    print(f"\nserver log: {warnings['count']} lines" + (f", first: {warnings['first']}" if warnings["count"] else ""))


if __name__ == "__main__":
    main()
