"""Second factor for officers and admins: enrolment, codes, replay, recovery codes, throttling, admin resets."""

from __future__ import annotations

import re
import time

import pyotp
import pytest
from sqlalchemy import select, text

from easyreport.accounts.models import LoginAttempt
from easyreport.audit.storage import AuditEntry
from easyreport.config import Config, ConfigError
from easyreport.extensions import db
from easyreport.roles import Role
from tests.conftest import csrf_token, login, make_test_app


@pytest.fixture
def app(tmp_path):
    return make_test_app(tmp_path, SECOND_FACTOR_ROLES="officer,admin")


def _code(secret: str, steps_ahead: int = 0) -> str:
    return pyotp.TOTP(secret).at(time.time() + 30 * steps_ahead)


def _post_code(client, code: str, path: str = "/login/code"):
    token = csrf_token(client.get(path).text)
    return client.post(path, data={"csrf_token": token, "code": code})


def _enrol(client, username: str, seen: list[str] | None = None) -> tuple[str, list[str]]:
    """Log in with the password, add the authenticator from the enrol page; return its secret and codes."""
    assert login(client, username).location == "/login/enrol"
    page = client.get("/login/enrol")
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page.text).group(1).replace(" ", "")
    done = _post_code(client, _code(secret), "/login/enrol")
    assert done.status_code == 200
    codes = re.findall(r"<li><code>([a-z0-9-]+)</code></li>", done.text)
    if seen is not None:
        seen.append(done.text)
    return secret, codes


def _logout(client):
    token = csrf_token(client.get("/about").text)
    client.post("/logout", data={"csrf_token": token})


def test_a_right_password_alone_does_not_log_an_officer_in(client, make_user):
    officer = make_user(Role.OFFICER)
    assert login(client, officer.username).location == "/login/enrol"
    assert client.get("/officer/").location.startswith("/login")


def test_enrolment_shows_a_local_svg_qr_code_and_gives_recovery_codes(client, make_user):
    officer = make_user(Role.OFFICER)
    login(client, officer.username)
    page = client.get("/login/enrol")
    assert "<svg" in page.text and "<path" in page.text
    assert "style=" not in page.text and "http://" not in page.text and "https://" not in page.text
    secret = re.search(r'<code class="secret">([A-Z2-7 ]+)</code>', page.text).group(1).replace(" ", "")
    done = _post_code(client, _code(secret), "/login/enrol")
    codes = re.findall(r"<li><code>([a-z0-9-]+)</code></li>", done.text)
    assert len(codes) == 10 and len(set(codes)) == 10
    assert client.get("/officer/").status_code == 200
    with client.application.app_context():
        from easyreport.accounts.second_factor_models import RecoveryCode

        stored = db.session.scalars(select(RecoveryCode.code_hash)).all()
        assert not set(codes) & set(stored) and not {c.replace("-", "") for c in codes} & set(stored)
        raw = db.session.execute(text("SELECT secret FROM totp_factors")).scalar()
        assert secret not in str(raw)


def test_a_code_with_spaces_logs_in_and_the_same_code_is_refused_again(client, make_user):
    officer = make_user(Role.OFFICER)
    secret, _codes = _enrol(client, officer.username)
    _logout(client)
    assert login(client, officer.username).location == "/login/code"
    code = _code(secret, 1)
    spaced = f"{code[:3]} {code[3:]}"
    assert _post_code(client, spaced).location == "/officer/"
    _logout(client)
    login(client, officer.username)
    replay = _post_code(client, spaced)
    assert replay.status_code == 400
    assert "al gebruikt" in replay.text
    assert client.get("/officer/").location.startswith("/login")


def test_wrong_length_gets_a_clear_message_and_counts(app, client, make_user):
    officer = make_user(Role.OFFICER)
    _enrol(client, officer.username)
    _logout(client)
    login(client, officer.username)
    response = _post_code(client, "12345")
    assert response.status_code == 400
    assert "6 cijfers" in response.text
    with app.app_context():
        kinds = db.session.scalars(
            select(LoginAttempt.kind).where(
                LoginAttempt.username == officer.username, LoginAttempt.succeeded.is_(False)
            )
        ).all()
        assert kinds == ["second_factor"]
        reasons = [
            e.metadata_json
            for e in db.session.scalars(select(AuditEntry).where(AuditEntry.action == "login_failed"))
        ]
        assert any("second_factor_wrong_format" in r for r in reasons)


def test_a_recovery_code_works_once(client, make_user):
    officer = make_user(Role.OFFICER)
    _secret, codes = _enrol(client, officer.username)
    _logout(client)
    login(client, officer.username)
    assert _post_code(client, codes[0].upper()).location == "/officer/"
    _logout(client)
    login(client, officer.username)
    again = _post_code(client, codes[0])
    assert again.status_code == 400
    assert "herstelcode is al gebruikt" in again.text


def test_wrong_codes_count_in_the_throttle(client, make_user):
    officer = make_user(Role.OFFICER)
    secret, _codes = _enrol(client, officer.username)
    _logout(client)
    login(client, officer.username)
    for _ in range(5):
        assert _post_code(client, "000000").status_code == 400
    refused = _post_code(client, _code(secret, 1))
    assert refused.status_code == 400
    assert "Te vaak geprobeerd" in refused.text
    # Knowing the password gives no fresh tries: a right password does not clear the failures.
    login(client, officer.username)
    assert "Te vaak geprobeerd" in _post_code(client, _code(secret, 1)).text


def test_an_admin_password_reset_does_not_let_the_admin_in_and_the_officer_is_told(app, make_user):
    officer = make_user(Role.OFFICER)
    officer_client = app.test_client()
    secret, _codes = _enrol(officer_client, officer.username)
    _logout(officer_client)
    admin = make_user(Role.ADMIN)
    admin_client = app.test_client()
    _enrol(admin_client, admin.username)
    page = admin_client.get(f"/admin/accounts/{officer.id}/password")
    reset = admin_client.post(
        f"/admin/accounts/{officer.id}/password",
        data={"csrf_token": csrf_token(page.text), "password": "a-new-password-set-by-admin"},
    )
    assert reset.location == "/admin/"
    # The admin tries the new password: the officer's second factor is still asked for.
    intruder = app.test_client()
    assert login(intruder, officer.username, "a-new-password-set-by-admin").location == "/login/code"
    assert intruder.get("/officer/").location.startswith("/login")
    # The officer, at the next login, is told.
    assert login(officer_client, officer.username, "a-new-password-set-by-admin").location == "/login/code"
    _post_code(officer_client, _code(secret, 1))
    home = officer_client.get("/officer/")
    assert "Een beheerder heeft een nieuw wachtwoord ingesteld" in home.text
    with app.app_context():
        changes = [
            e.metadata_json
            for e in db.session.scalars(select(AuditEntry).where(AuditEntry.action == "account_change"))
        ]
        assert any("password_reset" in c for c in changes)
        assert any("notice_shown" in c for c in changes)


def test_an_admin_reset_of_the_second_factor_forces_enrolment_and_is_told(app, make_user):
    officer = make_user(Role.OFFICER)
    officer_client = app.test_client()
    _enrol(officer_client, officer.username)
    admin = make_user(Role.ADMIN)
    admin_client = app.test_client()
    _enrol(admin_client, admin.username)
    token = csrf_token(admin_client.get("/admin/").text)
    assert (
        admin_client.post(f"/admin/accounts/{officer.id}/second-factor", data={"csrf_token": token}).location
        == "/admin/"
    )
    # The officer's open session ended; at the next login they set the factor up again and are told.
    assert officer_client.get("/officer/").location.startswith("/login")
    pages: list[str] = []
    _enrol(officer_client, officer.username, pages)
    assert "tweede stap van je account opnieuw ingesteld" in pages[0]


def test_counsellors_log_in_with_the_password_when_not_required(client, make_user):
    counsellor = make_user(Role.COUNSELLOR)
    assert login(client, counsellor.username).location == "/counsellor/"


def test_a_pending_login_expires(app, client, make_user):
    officer = make_user(Role.OFFICER)
    login(client, officer.username)
    with client.session_transaction() as sess:
        sess["pending_login"] = {**sess["pending_login"], "at": sess["pending_login"]["at"] - 301}
    assert client.get("/login/enrol").location == "/login"


def test_production_requires_the_second_factor_of_every_staff_role_by_default(tmp_path):
    config = Config(
        ENV="production",
        SECRET_KEY="x",
        ENCRYPTION_KEYS="k:" + "A" * 43 + "=",
        AUDIT_KEY="A" * 44,
        WEBAUTHN_ENABLED=False,
    )
    config.finalise(tmp_path)
    assert config.second_factor_roles() == {"counsellor", "officer", "admin"}
    local = Config(ENV="test")
    local.finalise(tmp_path)
    assert local.second_factor_roles() == frozenset()
    counsellors = Config(
        ENV="production",
        SECRET_KEY="x",
        ENCRYPTION_KEYS="k:x",
        AUDIT_KEY="x",
        SECOND_FACTOR_ROLES="officer,admin",
        WEBAUTHN_RP_ID="report.example.org",
        WEBAUTHN_ORIGIN="https://report.example.org",
    )
    counsellors.finalise(tmp_path)
    assert counsellors.second_factor_roles() == {"officer", "admin"}


def test_the_command_line_reset_tells_the_account_holder_too(app, client, make_user):
    officer = make_user(Role.OFFICER)
    _enrol(client, officer.username)
    _logout(client)
    runner = app.test_cli_runner()
    result = runner.invoke(args=["users", "reset-second-factor", officer.username])
    assert result.exit_code == 0, result.output
    pages: list[str] = []
    _enrol(client, officer.username, pages)
    assert "tweede stap van je account opnieuw ingesteld" in pages[0]


def test_production_with_passkeys_requires_the_relying_party(tmp_path):
    settings = dict(ENV="production", SECRET_KEY="x", ENCRYPTION_KEYS="k:x", AUDIT_KEY="x")
    with pytest.raises(ConfigError, match="WEBAUTHN_RP_ID"):
        Config(**settings, WEBAUTHN_RP_ID="report.example.org").finalise(tmp_path)
    Config(**settings, WEBAUTHN_ENABLED=False).finalise(tmp_path)
