"""The app as the benchmarks serve it under gunicorn, plus a bare route that only the benchmarks add.

gunicorn loads ``benchmarks._served:app()``; the settings come from the environment as in production.
The rest is shared by the benchmarks that drive it over HTTP (pages.py, load.py): the environment of a
throwaway instance, starting gunicorn, and a browserless HTTP session with cookies and CSRF tokens.
"""

from __future__ import annotations

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

from flask import Flask

from easyreport import create_app
from easyreport.auth import public

BARE_PATH = "/_bench/bare"
ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "benchmark password 1"


def app() -> Flask:
    """Return the app with one more route: a short string, through the same hooks as every page."""
    served = create_app()

    @public
    def bare() -> str:
        return "ok"

    served.add_url_rule(BARE_PATH, endpoint="bench_bare", view_func=bare)
    return served


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(home: Path) -> dict[str, str]:
    """Settings of a throwaway instance under ``home``; BENCH_DATABASE_URL picks another database than SQLite."""
    from easyreport.security.crypto import generate_key

    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "EASYREPORT_ENV": "development",
        "SECRET_KEY": "benchmark-secret-key",
        "DATABASE_URL": os.environ.get("BENCH_DATABASE_URL", f"sqlite:///{home / 'bench.sqlite'}"),
        "EASYREPORT_ENCRYPTION_KEYS": f"bench:{generate_key()}",
        "EASYREPORT_AUDIT_KEY": generate_key(),
        "EASYREPORT_AUDIT_HEAD_FILE": str(home / "audit_head.json"),
        "EASYREPORT_SPEECH_CACHE_DIR": str(home / "audio"),
        "EASYREPORT_STATIC_BUILD_DIR": str(home / "static-build"),
    }


@contextmanager
def instance(env: dict[str, str]) -> Iterator[Flask]:
    """The app in this process with the server's settings (to fill or read its database), without audio."""
    saved = dict(os.environ)
    os.environ.update(env)
    try:
        yield create_app({"SPEECH_ENGINE": "none"})
    finally:
        os.environ.clear()
        os.environ.update(saved)


@contextmanager
def gunicorn(env: dict[str, str], home: Path, workers: int, threads: int = 1) -> Iterator[int]:
    """Serve the app under gunicorn until the block ends; yield its port once the bare route answers."""
    port = free_port()
    executable = Path(sys.executable).with_name("gunicorn")
    log = home / "gunicorn.log"
    with open(log, "w") as errors:
        server = subprocess.Popen(
            [
                str(executable),
                "-b",
                f"127.0.0.1:{port}",
                "-w",
                str(workers),
                "--threads",
                str(threads),
                "--keep-alive",
                "30",
                "benchmarks._served:app()",
            ],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        try:
            deadline = time.monotonic() + 300
            while True:
                try:
                    Browserless(port).request("GET", BARE_PATH)
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        print(log.read_text(), file=sys.stderr)
                        raise
                    time.sleep(0.2)
            yield port
        finally:
            server.terminate()
            server.wait(timeout=60)


class Browserless:
    """One HTTP session over one keep-alive connection: cookies kept, no redirects followed."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.cookies: dict[str, str] = {}
        self.location = ""  # the Location header of the last answer (where a redirect leads)
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)

    def request(self, method: str, path: str, form: dict[str, object] | None = None) -> tuple[int, str]:
        headers = {"Accept-Encoding": "identity"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urlencode(form, doseq=True)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for attempt in range(2):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode("utf-8", "replace")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
                if attempt:
                    raise
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                pair = value.split(";", 1)[0]
                key, _, val = pair.partition("=")
                self.cookies[key.strip()] = val.strip()
        self.location = response.getheader("Location") or ""
        return response.status, text

    def get(self, path: str) -> str:
        status, text = self.request("GET", path)
        if status != 200:
            raise RuntimeError(f"GET {path} answered {status}")
        return text

    def post(self, path: str, form: dict[str, object], page: str) -> int:
        status, _ = self.request("POST", path, {**form, "csrf_token": csrf(self.get(page))})
        return status

    def log_in(self, username: str) -> None:
        status = self.post("/login", {"username": username, "password": PASSWORD}, "/login")
        if status != 302:
            raise RuntimeError(f"login of {username} answered {status}")


def csrf(html: str) -> str:
    """The CSRF token of a rendered form, as the browser would send it back."""
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    if not match:
        raise RuntimeError("no CSRF token on the page")
    return match.group(1)
