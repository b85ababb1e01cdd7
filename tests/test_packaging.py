"""A wheel built from the project carries templates, static files and translations, and runs when installed."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# How long the installed app may take to answer: generous, since a busy machine can be very slow to start
# it; the wait ends as soon as the page comes, or at once when the server exits.
READY_CEILING_SECONDS = 300


def _wait_for_page(server: subprocess.Popen[bytes], url: str) -> str:
    deadline = time.monotonic() + READY_CEILING_SECONDS
    while True:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                return str(response.read().decode())
        except OSError:
            if server.poll() is not None:
                raise AssertionError(
                    f"the installed app exited with {server.returncode} before serving"
                ) from None
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


def test_wheel_installs_and_serves_the_login_page(tmp_path):
    subprocess.run(
        [
            sys.executable,
            "-m",
            "build",
            "--wheel",
            "--no-isolation",
            "--outdir",
            str(tmp_path / "dist"),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    wheel = next((tmp_path / "dist").glob("easyreport-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    for expected in (
        "easyreport/_shipped/templates/base.html",
        "easyreport/_shipped/static/css/app.css",
        "easyreport/_shipped/translations/nl/LC_MESSAGES/messages.po",
        "easyreport/_shipped/translations/nl/LC_MESSAGES/messages.mo",
        "easyreport/migrations/env.py",
        "easyreport/migrations/script.py.mako",
        "easyreport/migrations/versions/c0a1e5f3b001_baseline_the_schema_before_migrations.py",
    ):
        assert expected in names, f"{expected} is not in the wheel"

    venv = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "-q", str(wheel)], check=True, capture_output=True)

    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "EASYREPORT_ENV": "development",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'installed.sqlite'}",
        "FLASK_APP": "easyreport",
    }
    flask = str(venv / "bin" / "flask")
    subprocess.run([flask, "init-db"], check=True, env=env, cwd=tmp_path, capture_output=True)
    port = _free_port()
    server = subprocess.Popen(
        [flask, "run", "--host", "127.0.0.1", "--port", str(port)],
        env=env,
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        html = _wait_for_page(server, f"http://127.0.0.1:{port}/login")
        assert "Inloggen bij easyreport" in html  # Dutch: the compiled catalogue came along
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/static/css/app.css", timeout=30) as response:
            assert response.status == 200
    finally:
        server.terminate()
        server.wait(timeout=60)
