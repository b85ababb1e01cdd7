"""The vulnerability check fails when it could not really check, instead of reporting a clean result."""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("vuln_check", ROOT / "scripts" / "vuln_check.py")
assert _spec and _spec.loader
vuln_check = importlib.util.module_from_spec(_spec)
sys.modules["vuln_check"] = vuln_check  # dataclasses look their module up while the file runs
_spec.loader.exec_module(vuln_check)


def test_skipped_packages_make_the_check_fail():
    report = {
        "dependencies": [{"name": "flask", "version": "3.1.0", "skip_reason": "could not reach the service"}]
    }
    assert vuln_check.interpret(report).exit_code == 2


def test_an_empty_report_is_not_clean():
    assert vuln_check.interpret({"dependencies": []}).exit_code == 2


def test_vulnerabilities_fail_and_a_full_clean_check_passes():
    vulnerable = {
        "dependencies": [{"name": "x", "version": "1", "vulns": [{"id": "PYSEC-1", "fix_versions": ["2"]}]}]
    }
    outcome = vuln_check.interpret(vulnerable)
    assert outcome.exit_code == 1 and outcome.vulnerable == ["x 1: PYSEC-1 (fixed in 2)"]
    assert vuln_check.interpret({"dependencies": [{"name": "x", "version": "1", "vulns": []}]}).exit_code == 0


def test_an_unreachable_service_fails_the_check(tmp_path):
    with socket.socket() as sock:  # a port where nothing listens: every request through this "proxy" fails
        sock.bind(("127.0.0.1", 0))
        dead = f"http://127.0.0.1:{sock.getsockname()[1]}"
    lock = tmp_path / "one.lock"
    lock.write_text(
        "six==1.16.0 \\\n    --hash=sha256:8abb2f1d86890a2dfb989f9a77cfcfd3e47c2a354b01111771326f8aa26e0254\n"
    )
    env = {
        **os.environ,
        "HTTPS_PROXY": dead,
        "HTTP_PROXY": dead,
        "https_proxy": dead,
        "http_proxy": dead,
        "NO_PROXY": "",
    }
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "vuln_check.py"), str(lock)],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "Checked" not in result.stdout
