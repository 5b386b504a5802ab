"""Schemathesis hooks for FluxStudio: every request carries a fresh access token, and half
the ids in paths name things that exist.

The fuzzer also calls the endpoints that end sessions (logout, logout-all, revoking a
session), so the token is renewed every few seconds by signing in again; an operation that
ran with an ended token was answered 401, which the document lists. The account is created
on first use; the first is the instance's admin.

Random ids reach little beyond 404, so each sign-in also makes a small workspace of the
account's own (an organization, a team, a project with a task, a milestone and a document,
a message in the project's channel) and every other drawn path id is replaced by the id of
that kind; the fuzzer may delete them, and the next sign-in makes them again.
"""

import os
import sys

import requests
import schemathesis

BASE = os.environ["FUZZ_BASE_URL"]
PASSWORD = "Correct-horse-battery-1"

# The account in use. The fuzzer may disable it (as the instance admin it is) or lock it out:
# then a fresh one is signed up.
account = {"n": 0}
# Each sign-in comes from an address of its own (the server runs with TRUST_PROXY=1): the
# fuzzer's own failed sign-ins, all from 127.0.0.1, pause that address, not these.
addresses = {"n": 0}


def address() -> str:
    addresses["n"] += 1
    n = addresses["n"]
    return f"10.{n >> 16 & 255}.{n >> 8 & 255}.{n & 255}"


def email() -> str:
    return f"fuzz-{account['n']}@example.com"


def sign_in() -> str:
    session = requests.Session()
    csrf = session.get(f"{BASE}/api/csrf-token", timeout=10).json()["csrfToken"]
    headers = {"X-CSRF-Token": csrf, "X-Forwarded-For": address()}
    for _ in range(3):
        body = {"email": email(), "password": PASSWORD}
        answer = session.post(f"{BASE}/api/auth/login", json=body, headers=headers, timeout=10)
        if answer.status_code == 401 and answer.json().get("error") == "invalid_credentials":
            body["name"] = "Fuzz Tester"
            answer = session.post(f"{BASE}/api/auth/signup", json=body, headers=headers, timeout=10)
        if answer.ok:
            return answer.json()["accessToken"]
        print(f"fuzz hooks: {email()} cannot sign in ({answer.status_code} {answer.text[:120]}); "
              "signing up another account", file=sys.stderr)
        account["n"] += 1
    answer.raise_for_status()
    return ""


# A whole PNG of one pixel, the file the workspace holds.
TINY_PNG = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201e2f0e1a0"
    "0000000049454e44ae426082")

# The ids of the workspace the current account made, by the path segment that names them.
seeded: dict = {}
draws = {"n": 0}


def seed(token: str) -> None:
    """Makes the account's small workspace; what cannot be made is left out."""
    headers = {"Authorization": f"Bearer {token}"}

    def made(path: str, body: dict) -> str | None:
        answer = requests.post(f"{BASE}{path}", json=body, headers=headers, timeout=10)
        return answer.json().get("id") if answer.ok else None

    seeded.clear()
    org = made("/api/organizations", {"name": "Fuzz studio"})
    if not org:
        return
    seeded[("organizations", "id")] = org
    seeded[("teams", "teamId")] = made(f"/api/organizations/{org}/teams", {"name": "Crew"})
    project = made("/api/projects", {"organizationId": org, "name": "Fuzz project"})
    if not project:
        return
    seeded[("projects", "id")] = project
    seeded[("tasks", "taskId")] = made(f"/api/projects/{project}/tasks", {"title": "A task"})
    seeded[("milestones", "milestoneId")] = made(
        f"/api/projects/{project}/milestones", {"title": "A milestone"})
    seeded[("documents", "id")] = made(f"/api/projects/{project}/documents", {"title": "Notes"})
    uploaded = requests.post(f"{BASE}/api/projects/{project}/files", headers=headers, timeout=10,
                             files={"file": ("tiny.png", TINY_PNG, "image/png")})
    if uploaded.ok:
        seeded[("files", "id")] = uploaded.json()["id"]
        seeded[("versions", "number")] = 1
    listed = requests.get(f"{BASE}/api/conversations", headers=headers, timeout=10)
    channels = [c["id"] for c in (listed.json().get("items", []) if listed.ok else [])
                if c.get("projectId") == project]
    if channels:
        seeded[("conversations", "id")] = channels[0]
        seeded[("messages", "id")] = made(
            f"/api/conversations/{channels[0]}/messages", {"body": "Hello"})


# Seeded ids are on unless `FUZZ_SEED_IDS=0`: with random ids only, a third of the operations
# answer nothing but 404 and their handlers are never reached.
SEED_IDS = os.environ.get("FUZZ_SEED_IDS", "1") != "0"


def map_path_parameters(ctx, path_parameters):
    """Every other draw, each path id of a kind the workspace holds becomes that id."""
    draws["n"] += 1
    if not path_parameters or draws["n"] % 2:
        return path_parameters
    segments = ctx.operation.path.strip("/").split("/")
    for before, segment in zip(segments, segments[1:]):
        name = segment.strip("{}")
        real = seeded.get((before, name))
        if segment.startswith("{") and name in path_parameters and real:
            path_parameters[name] = real
    return path_parameters


if SEED_IDS:
    schemathesis.hook(map_path_parameters)


@schemathesis.serializer("application/offset+octet-stream")
def offset_octets(ctx, value):
    """A resumable upload's bytes (tus) go on the wire as they are."""
    if isinstance(value, bytes):
        return {"data": value}
    return {"data": str(value).encode("utf8")}


@schemathesis.auth(refresh_interval=3)
class Bearer:
    def get(self, case, ctx):
        token = sign_in()
        if SEED_IDS:
            seed(token)
        return token

    def set(self, case, data, ctx):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"
