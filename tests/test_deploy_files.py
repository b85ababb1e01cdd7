"""The production files in deploy/ and scripts/run.sh call commands the app really has."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
UNITS = sorted((ROOT / "deploy" / "systemd").glob("*.service"))
RUN_SCRIPTS = [ROOT / "scripts" / "run.sh", *UNITS]


def _flask_commands(path: Path) -> list[list[str]]:
    """Every `flask ...` invocation in a unit or script, as its arguments."""
    text = path.read_text().replace("\\\n", " ")
    commands = []
    for line in text.splitlines():
        match = re.search(r"bin/flask\s+(.*)$", line)
        if match:
            words = shlex.split(match.group(1))
            commands.append([word for word in words if not word.startswith("$") and word != "||"][:2])
    return commands


@pytest.mark.parametrize("path", RUN_SCRIPTS, ids=lambda p: p.name)
def test_every_flask_command_in_the_deploy_files_exists(app, path):
    runner = app.test_cli_runner()
    for args in _flask_commands(path):
        words = [word for word in args if not word.startswith("-")]
        if words == ["run"]:
            continue  # Flask's own development server command (scripts/run.sh --dev), not the app's
        result = runner.invoke(args=[*words, "--help"])
        assert result.exit_code == 0, (
            f"{path.name}: `flask {' '.join(words)}` does not exist: {result.output}"
        )


def test_the_app_and_the_run_script_are_served_by_gunicorn_and_migrate_first():
    service = (ROOT / "deploy" / "systemd" / "easyreport.service").read_text()
    run = (ROOT / "scripts" / "run.sh").read_text()
    for text in (service, run):
        assert re.search(r"bin/gunicorn .*--workers", text.replace("\\\n", " "))
        assert '"easyreport:create_app()"' in text
    assert "Requires=easyreport-migrate.service" in service
    assert "flask db upgrade" in (ROOT / "deploy" / "systemd" / "easyreport-migrate.service").read_text()
    assert run.index("bin/flask db upgrade") < run.index("bin/gunicorn")


def test_the_purge_timer_starts_the_purge_service():
    timer = (ROOT / "deploy" / "systemd" / "easyreport-purge.timer").read_text()
    assert "OnCalendar=hourly" in timer and "Persistent=true" in timer
    assert "bin/flask purge" in (ROOT / "deploy" / "systemd" / "easyreport-purge.service").read_text()
