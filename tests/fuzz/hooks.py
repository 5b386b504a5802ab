"""Schemathesis hooks for FluxStudio: every request carries a fresh access token.

The fuzzer also calls the endpoints that end sessions (logout, logout-all, revoking a
session), so the token is renewed every few seconds by signing in again; an operation that
ran with an ended token was answered 401, which the document lists. The account is created
on first use; the first is the instance's admin.
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


@schemathesis.auth(refresh_interval=3)
class Bearer:
    def get(self, case, ctx):
        return sign_in()

    def set(self, case, data, ctx):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"
