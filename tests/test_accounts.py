"""Accounts: hashing, throttling, server-side sessions and their limits."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from easyreport.accounts import service
from easyreport.accounts.models import StoredSession, User
from easyreport.accounts.passwords import hash_password, verify_password
from easyreport.accounts.throttle import AccountSlowedDown
from easyreport.extensions import db
from easyreport.roles import Role
from easyreport.timeutil import utcnow
from tests.conftest import PASSWORD, csrf_token, login


def test_passwords_are_hashed_with_argon2id():
    stored = hash_password("s3cret-enough")
    assert stored.startswith("$argon2id$")
    assert verify_password(stored, "s3cret-enough")
    assert not verify_password(stored, "wrong")
    assert not verify_password(None, "anything")


def test_login_lands_on_role_home(client, make_user):
    for role, home in [
        (Role.COUNSELLOR, "/counsellor/"),
        (Role.OFFICER, "/officer/"),
        (Role.ADMIN, "/admin/"),
        (Role.COORDINATOR, "/coordinator/evaluation"),
    ]:
        user = make_user(role)
        response = login(client, user.username)
        assert response.status_code == 302
        assert response.location == home
        assert client.get(home).status_code == 200
        # Every role can log out again (the coordinator once could not).
        out = client.post("/logout", data={"csrf_token": csrf_token(client.get(home).text)})
        assert out.status_code == 302 and out.location.endswith("/login")
        assert client.get(home).status_code == 302


def test_wrong_password_and_unknown_user_get_the_same_message(client, make_user):
    user = make_user(Role.COUNSELLOR)
    wrong = login(client, user.username, "not the password")
    unknown = login(client, "nobody-here", "not the password")
    assert wrong.status_code == unknown.status_code == 200
    assert "De gebruikersnaam of het wachtwoord klopt niet" in wrong.text
    assert "De gebruikersnaam of het wachtwoord klopt niet" in unknown.text


def test_five_failures_lock_that_account_only(client, make_user):
    victim = make_user(Role.COUNSELLOR)
    other = make_user(Role.COUNSELLOR)
    for _ in range(5):
        login(client, victim.username, "wrong password")
    refused = login(client, victim.username)  # even the right password is refused now
    assert refused.status_code == 200
    assert "Te vaak geprobeerd" in refused.text
    assert login(client, other.username).status_code == 302


def test_unknown_username_locks_the_same_way(client):
    for _ in range(5):
        login(client, "ghost", "wrong password")
    assert "Te vaak geprobeerd" in login(client, "ghost", "wrong password").text


def test_account_slow_down_ends_after_the_delay(app, make_user):
    user = make_user(Role.COUNSELLOR)
    policy = service.ThrottlePolicy()
    start = utcnow() - timedelta(minutes=40)
    with app.app_context():
        for i in range(5):
            with pytest.raises(service.LoginFailed):
                service.authenticate(db.session, user.username, "wrong", start + timedelta(minutes=i), policy)
        fifth = start + timedelta(minutes=4)
        with pytest.raises(AccountSlowedDown):
            service.authenticate(db.session, user.username, PASSWORD, fifth + timedelta(seconds=29), policy)
        ok = service.authenticate(db.session, user.username, PASSWORD, fifth + timedelta(seconds=31), policy)
        assert ok.id == user.id


def test_failures_spread_over_more_than_the_window_do_not_lock(app, make_user):
    user = make_user(Role.COUNSELLOR)
    policy = service.ThrottlePolicy()
    start = utcnow() - timedelta(hours=2)
    with app.app_context():
        for i in range(5):
            with pytest.raises(service.LoginFailed):
                service.authenticate(
                    db.session, user.username, "wrong", start + timedelta(minutes=5 * i), policy
                )
        assert service.authenticate(
            db.session, user.username, PASSWORD, start + timedelta(minutes=21), policy
        )


def test_session_id_changes_at_login(client, make_user):
    user = make_user(Role.COUNSELLOR)
    client.get("/login")
    before = client.get_cookie("easyreport_session").value
    login(client, user.username)
    after = client.get_cookie("easyreport_session").value
    assert before != after


def test_cookie_copied_before_logout_is_useless_after(app, client, make_user):
    user = make_user(Role.COUNSELLOR)
    login(client, user.username)
    copied = client.get_cookie("easyreport_session").value
    home = client.get("/counsellor/")
    logout = client.post("/logout", data={"csrf_token": csrf_token(home.text)})
    assert logout.status_code == 302
    assert "cache" in logout.headers["Clear-Site-Data"]
    replay = app.test_client()
    replay.set_cookie("easyreport_session", copied)
    response = replay.get("/counsellor/")
    assert response.status_code == 302
    assert response.location.startswith("/login")


def test_deactivation_and_password_reset_end_sessions(app, client, make_user):
    for action in ("deactivate", "reset"):
        user = make_user(Role.COUNSELLOR)
        login(client, user.username)
        assert client.get("/counsellor/").status_code == 200
        with app.app_context():
            if action == "deactivate":
                service.set_active(db.session, user.id, False)
            else:
                service.reset_password(db.session, user.id, "another password", min_length=1, now=utcnow())
            db.session.commit()
        response = client.get("/counsellor/")
        assert response.status_code == 302 and response.location.startswith("/login")


def test_idle_session_ends_with_a_message(app, client, make_user):
    user = make_user(Role.COUNSELLOR)
    login(client, user.username)
    with app.app_context():
        db.session.execute(update(StoredSession).values(last_seen=utcnow() - timedelta(minutes=31)))
        db.session.commit()
    response = client.get("/counsellor/", follow_redirects=True)
    assert "Je sessie is afgelopen" in response.text
    with app.app_context():
        assert (
            db.session.scalars(select(StoredSession).where(StoredSession.user_id == user.id)).first() is None
        )


def test_session_ends_after_twelve_hours_even_when_active(app, client, make_user):
    user = make_user(Role.COUNSELLOR)
    login(client, user.username)
    with app.app_context():
        db.session.execute(
            update(StoredSession).values(
                created_at=utcnow() - timedelta(hours=12, minutes=1), last_seen=utcnow()
            )
        )
        db.session.commit()
    assert client.get("/counsellor/").location.startswith("/login")


def test_session_cookie_flags(client, make_user):
    user = make_user(Role.COUNSELLOR)
    response = login(client, user.username)
    cookie = response.headers["Set-Cookie"]
    assert "HttpOnly" in cookie
    assert "SameSite=Lax" in cookie


def test_cookie_is_secure_outside_local_runs(tmp_path):
    from tests.conftest import make_test_app

    app = make_test_app(
        tmp_path,
        ENV="production",
        WEBAUTHN_RP_ID="report.example.org",
        WEBAUTHN_ORIGIN="https://report.example.org",
    )
    assert app.config["SESSION_COOKIE_SECURE"] is True


def test_inactive_account_cannot_log_in(app, client, make_user):
    user = make_user(Role.OFFICER)
    with app.app_context():
        db.session.get(User, user.id).active = False
        db.session.commit()
    assert login(client, user.username).status_code == 200
