"""`flask` commands start the speech worker process only when they speak; a server starts it at once.

The commands run through Flask's own command line (FlaskGroup loads the app while parsing, as `flask`
does) with the real espeak engine configured, and the test counts the speech worker processes.
"""

from __future__ import annotations

import multiprocessing

import pytest
from click.testing import CliRunner
from flask.cli import FlaskGroup

from easyreport.speech.web import close_speech, speech_web
from tests.conftest import make_test_app


def _speech_workers() -> set[int]:
    return {p.pid for p in multiprocessing.active_children() if p.name == "easyreport-speech" and p.pid}


@pytest.mark.parametrize("args", [["--help"], ["audit", "verify"], ["users", "list"], ["db", "current"]])
def test_a_command_that_does_not_speak_starts_no_speech_worker(tmp_path, args):
    made = []

    def factory():
        app = make_test_app(tmp_path, SPEECH_ENGINE="espeak")
        made.append(app)
        return app

    before = _speech_workers()
    result = CliRunner().invoke(FlaskGroup(create_app=factory), args, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    [app] = made  # still referenced: a worker it had started would still be running
    try:
        assert _speech_workers() - before == set()
        assert not speech_web(app).started
        # The first use (as `flask speech build` makes) starts exactly one worker.
        assert speech_web(app).service is not None
        assert len(_speech_workers() - before) == 1
    finally:
        close_speech(app)


def test_a_server_app_starts_its_speech_worker_at_once(tmp_path):
    before = _speech_workers()
    app = make_test_app(tmp_path, SPEECH_ENGINE="espeak")
    try:
        assert speech_web(app).started
        assert len(_speech_workers() - before) == 1
    finally:
        close_speech(app)


def test_flask_speech_build_names_a_voice_the_engine_lacks(tmp_path):
    def factory():
        return make_test_app(tmp_path, SPEECH_ENGINE="espeak", SPEECH_VOICES="nl=gmw/nl,en=xx/none-such")

    result = CliRunner().invoke(FlaskGroup(create_app=factory), ["speech", "build"])
    assert result.exit_code == 1
    assert "xx/none-such" in result.output and "Traceback" not in result.output
