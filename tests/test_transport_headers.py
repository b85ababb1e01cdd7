"""HTTPS-only in production: HSTS, a __Host- session cookie, a full Clear-Site-Data, no versions in Server."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from werkzeug.serving import make_server

from easyreport.roles import Role
from tests.conftest import (
    PASSWORD,
    TEST_AUDIT_KEY,
    TEST_DATA_KEY,
    csrf_token,
    make_test_app,
)


def _production(tmp_path, **overrides):
    overrides = {
        "WEBAUTHN_RP_ID": "report.example.org",
        "WEBAUTHN_ORIGIN": "https://report.example.org",
        # These tests log a counsellor in with a password only; the second factor has its own tests.
        "SECOND_FACTOR_ROLES": "officer,admin",
        **overrides,
    }
    return make_test_app(tmp_path, ENV="production", **overrides)


def _https(client):
    """Make every request of a test client arrive over HTTPS (secure cookies are sent only then)."""
    client.environ_base["wsgi.url_scheme"] = "https"
    return client


def _login(client, username):
    page = client.get("/login")
    return client.post(
        "/login", data={"username": username, "password": PASSWORD, "csrf_token": csrf_token(page.text)}
    )


def test_production_sends_hsts_with_the_configured_max_age(tmp_path):
    client = _https(_production(tmp_path).test_client())
    assert client.get("/login").headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"
    shorter = _production(tmp_path, fresh=False, HSTS_MAX_AGE=600).test_client()
    assert shorter.get("/login").headers["Strict-Transport-Security"] == "max-age=600; includeSubDomains"
    off = _production(tmp_path, fresh=False, HSTS_MAX_AGE=0).test_client()
    assert "Strict-Transport-Security" not in off.get("/login").headers


def test_local_runs_send_no_hsts(client):
    assert "Strict-Transport-Security" not in client.get("/login").headers


def test_secure_session_cookie_has_the_host_prefix(tmp_path, make_user):
    app = _production(tmp_path, fresh=False)
    user = make_user(Role.COUNSELLOR)
    client = _https(app.test_client())
    cookie = _login(client, user.username).headers["Set-Cookie"]
    assert cookie.startswith("__Host-easyreport_session=")
    assert "Secure" in cookie and "Path=/" in cookie and "Domain" not in cookie
    assert client.get("/counsellor/").status_code == 200


def test_logout_clears_cache_cookies_and_storage(client, logged_in):
    logged_in(Role.COUNSELLOR)
    token = csrf_token(client.get("/counsellor/").text)
    response = client.post("/logout", data={"csrf_token": token})
    assert response.headers["Clear-Site-Data"] == '"cache", "cookies", "storage"'


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _server_header(url: str, deadline: float) -> str:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return str(response.headers["Server"])
        except urllib.error.HTTPError as error:  # an error page still carries the header
            return str(error.headers["Server"])
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_development_server_names_no_version(app):
    server = make_server("127.0.0.1", _free_port(), app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        header = _server_header(f"http://127.0.0.1:{server.server_port}/login", time.monotonic() + 60)
    finally:
        server.shutdown()
    assert header == "easyreport"
    assert not re.search(r"\d", header)


def test_gunicorn_names_no_version(tmp_path):
    app = make_test_app(tmp_path)  # the tables, in the database the server below opens
    port = _free_port()
    env = {
        **os.environ,
        "EASYREPORT_ENV": "test",
        "SECRET_KEY": "test-secret-key-not-for-production",
        "DATABASE_URL": app.config["EASYREPORT"].DATABASE_URL,
        "EASYREPORT_ENCRYPTION_KEYS": f"test:{TEST_DATA_KEY}",
        "EASYREPORT_AUDIT_KEY": TEST_AUDIT_KEY,
        "EASYREPORT_AUDIT_HEAD_FILE": str(tmp_path / "head.json"),
        "EASYREPORT_SPEECH_ENGINE": "none",
    }
    gunicorn = Path(sys.executable).with_name("gunicorn")
    process = subprocess.Popen(
        [str(gunicorn), "-b", f"127.0.0.1:{port}", "-w", "1", "easyreport:create_app()"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # /about needs no database table.
        header = _server_header(f"http://127.0.0.1:{port}/about", time.monotonic() + 120)
    finally:
        process.terminate()
        process.wait(timeout=30)
    assert header == "gunicorn"
