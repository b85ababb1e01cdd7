"""/healthz against the real components: a database that cannot be opened, a speech worker killed with SIGKILL."""

from __future__ import annotations

import os
import signal

import pytest

from easyreport import create_app
from easyreport.speech.web import close_speech, speech_web
from tests.conftest import app_settings, make_test_app


def _assert_plain_health_response(response) -> None:
    assert response.mimetype == "application/json"
    assert response.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in response.headers


def test_healthz_answers_200_with_a_small_json_without_login(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.get_json() == {"status": "ok", "database": "ok", "speech": "off"}
    _assert_plain_health_response(response)


def _app_on(tmp_path, database_url: str):
    return create_app(app_settings(tmp_path, DATABASE_URL=database_url))


@pytest.mark.parametrize(
    "broken_url",
    [
        "sqlite:///{tmp}/no/such/directory/easyreport.sqlite",
        # A PostgreSQL server socket that does not exist: the driver really tries and fails.
        "postgresql+psycopg://easyreport:secret-password@/easyreport?host={tmp}/no-server&port=5432",
    ],
    ids=["sqlite", "postgresql"],
)
def test_a_broken_database_gives_503_with_a_reason_never_an_error_page(tmp_path, broken_url):
    url = broken_url.format(tmp=tmp_path)
    app = _app_on(tmp_path, url)
    client = app.test_client()
    # A proxy may pass on a stale session cookie: the session table is never asked.
    client.set_cookie("__Host-easyreport_session", "x" * 43)
    for method in (client.get, client.head):
        response = method("/healthz")
        assert response.status_code == 503
        _assert_plain_health_response(response)
    body = client.get("/healthz").get_json()
    assert body == {
        "status": "unavailable",
        "database": "unavailable",
        "speech": "off",
        "reason": "database unavailable",
    }
    text = client.get("/healthz").get_data(as_text=True)
    for secret in ("no-server", "no/such", "secret-password", "sqlite", "psycopg", "Error"):
        assert secret not in text


def test_a_killed_speech_worker_gives_503_until_a_new_one_runs(tmp_path):
    # The idle check for a dead worker is slowed down so this test sees the dead worker before it is replaced.
    app = make_test_app(tmp_path, SPEECH_ENGINE="espeak", SPEECH_WATCH_SECONDS=3600)
    client = app.test_client()
    try:
        healthy = client.get("/healthz")
        assert healthy.status_code == 200, healthy.get_json()
        assert healthy.get_json()["speech"] == "ok"

        service = speech_web(app).service
        assert service is not None
        pid = service.stats().worker_pid
        assert pid is not None
        os.kill(pid, signal.SIGKILL)
        os.waitid(os.P_PID, pid, os.WEXITED | os.WNOWAIT)  # dead now; multiprocessing still reaps it

        response = client.get("/healthz")
        assert response.status_code == 503
        _assert_plain_health_response(response)
        assert response.get_json() == {
            "status": "unavailable",
            "database": "ok",
            "speech": "unavailable",
            "reason": "speech worker is not running",
        }

        # The next clip starts a new worker, and health is back.
        service.clip("Hallo, dit is een test.", "nl")
        assert service.stats().worker_pid not in (None, pid)
        assert client.get("/healthz").status_code == 200
    finally:
        close_speech(app)
