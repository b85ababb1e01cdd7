"""Unlocking the client's device: every wrong try counts against the counsellor's account, and idle devices lock."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select, update

from easyreport.accounts.models import LoginAttempt, StoredSession
from easyreport.audit.storage import AuditEntry
from easyreport.extensions import db
from easyreport.timeutil import utcnow
from tests.conftest import PASSWORD, csrf_token, login
from tests.preparation.conftest import answer
from tests.preparation.test_client_mode import FIRST, _first_content_option, _stored


def _unlock(client, secret: str):
    token = csrf_token(client.get("/client/locked").text)
    return client.post("/client/unlock", data={"csrf_token": token, "secret": secret})


def test_wrong_unlocks_count_as_failed_logins_and_are_audited(app, client, counsellor, in_client_mode):
    for _ in range(3):
        assert _unlock(client, "guess-password").status_code == 400
    with app.app_context():
        attempts = db.session.scalars(
            select(LoginAttempt).where(LoginAttempt.username == counsellor.username)
        )
        rows = [(a.kind, a.succeeded) for a in attempts if a.kind == "unlock"]
        assert rows == [("unlock", False)] * 3
        audited = db.session.scalars(select(AuditEntry).where(AuditEntry.action == "login_failed")).all()
        assert len(audited) == 3
        assert all(e.actor == str(counsellor.id) for e in audited)
        # Metadata only: the typed secret is in no audit entry.
        assert all("guess-password" not in str(e.metadata_json) for e in audited)


def test_after_the_limit_the_counsellor_must_log_in_again(app, client, counsellor, in_client_mode):
    for _ in range(4):
        assert _unlock(client, "guess-password").status_code == 400
    ended = _unlock(client, "guess-password")
    assert ended.status_code == 302
    assert ended.location == "/login"
    assert "opnieuw inloggen" in client.get("/login").text
    # The device no longer has a session: the client screens and the staff pages are closed.
    assert client.get("/client/").status_code in (302, 404)
    assert client.get("/counsellor/").location.startswith("/login")


def test_the_password_after_the_limit_does_not_reopen_the_device(app, client, counsellor, in_client_mode):
    for _ in range(5):
        _unlock(client, "guess-password")
    assert client.get("/counsellor/").location.startswith("/login")
    # 31 tries used to find the password; now the 6th try is on the login form, slowed down per account.
    relogin = login(client, counsellor.username, PASSWORD)
    assert relogin.status_code == 200
    assert "Te vaak geprobeerd" in relogin.text


def test_failed_logins_elsewhere_also_close_the_unlock_screen(app, client, counsellor, in_client_mode):
    other = app.test_client()
    for _ in range(5):
        login(other, counsellor.username, "wrong password")
    response = _unlock(client, PASSWORD)
    assert response.location == "/login"


def test_an_untouched_device_shows_the_locked_screen_and_keeps_answers(
    app, client, counsellor, in_client_mode
):
    option = _first_content_option(FIRST)
    answer(client, FIRST, option)
    with app.app_context():
        db.session.execute(update(StoredSession).values(last_seen=utcnow() - timedelta(hours=2, minutes=1)))
        db.session.commit()
    assert client.get(f"/client/questions/{FIRST}").location == "/client/locked"
    assert client.get("/client/").location == "/client/locked"
    assert client.get("/client/locked").status_code == 200
    assert FIRST in _stored(app, in_client_mode)
    assert _unlock(client, PASSWORD).location == f"/counsellor/preparations/{in_client_mode}"
    assert client.get("/counsellor/").status_code == 200


def test_the_idle_limit_is_configurable(tmp_path):
    from tests.conftest import make_test_app
    from tests.preparation.conftest import service

    app = make_test_app(tmp_path, CLIENT_IDLE_MINUTES=5)
    client = app.test_client()
    with app.app_context():
        from easyreport.accounts import service as accounts
        from easyreport.roles import Role

        user = accounts.create_account(db.session, "c1", Role.COUNSELLOR, PASSWORD, min_length=1)
        prep = service.create(db.session, user.id, "A7", "18-22", "nl", now=utcnow())
        db.session.commit()
        public_id = prep.public_id
    login(client, "c1")
    page = client.get(f"/counsellor/preparations/{public_id}")
    client.post(
        f"/counsellor/preparations/{public_id}/client-mode", data={"csrf_token": csrf_token(page.text)}
    )
    with app.app_context():
        db.session.execute(update(StoredSession).values(last_seen=utcnow() - timedelta(minutes=6)))
        db.session.commit()
    assert client.get("/client/").location == "/client/locked"


def test_purge_keeps_an_idle_client_device_locked_not_logged_out(app, client, counsellor, in_client_mode):
    from easyreport import purge as purge_module
    from easyreport.auth import CLIENT_MODE_KEY

    assert purge_module.CLIENT_MODE_KEY == CLIENT_MODE_KEY
    staff = app.test_client()
    login(staff, counsellor.username)
    with app.app_context():
        db.session.execute(update(StoredSession).values(last_seen=utcnow() - timedelta(hours=3)))
        db.session.commit()
    result = app.test_cli_runner().invoke(args=["purge"])
    assert result.exit_code == 0, result.output
    # The idle staff session went; the client's device still shows the locked screen for the counsellor.
    assert staff.get("/counsellor/").location.startswith("/login")
    assert client.get("/client/").location == "/client/locked"
    assert _unlock(client, PASSWORD).location == f"/counsellor/preparations/{in_client_mode}"
