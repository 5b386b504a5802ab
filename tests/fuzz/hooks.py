"""Schemathesis hooks for FluxStudio: every request carries a fresh access token.

The fuzzer also calls the endpoints that end sessions (logout, logout-all, revoking a
session, changing a password), so the token is renewed every few seconds by signing in
again; an operation that ran with an ended token was answered 401, which the document
lists. The account is created on first use.
"""

import os

import requests
import schemathesis

BASE = os.environ["FUZZ_BASE_URL"]
EMAIL = "fuzz@example.com"
PASSWORD = "Correct-horse-battery-1"


def sign_in() -> str:
    session = requests.Session()
    csrf = session.get(f"{BASE}/api/csrf-token", timeout=10).json()["csrfToken"]
    headers = {"X-CSRF-Token": csrf}
    answer = session.post(
        f"{BASE}/api/auth/login", json={"email": EMAIL, "password": PASSWORD}, headers=headers, timeout=10
    )
    if answer.status_code == 401:
        answer = session.post(
            f"{BASE}/api/auth/signup",
            json={"email": EMAIL, "password": PASSWORD, "name": "Fuzz Tester"},
            headers=headers,
            timeout=10,
        )
    answer.raise_for_status()
    return answer.json()["accessToken"]


@schemathesis.auth(refresh_interval=3)
class Bearer:
    def get(self, case, ctx):
        return sign_in()

    def set(self, case, data, ctx):
        case.headers = case.headers or {}
        case.headers["Authorization"] = f"Bearer {data}"
