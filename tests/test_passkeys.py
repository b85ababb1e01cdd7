"""Passkeys (WebAuthn): adding one after login, logging in with it, and every bad answer refused and counted."""

from __future__ import annotations

import html
import json
import re

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select

from easyreport.accounts import service
from easyreport.accounts.models import LoginAttempt
from easyreport.accounts.passkeys import RelyingParty
from easyreport.accounts.second_factor_models import PasskeyCredential
from easyreport.audit.storage import AuditEntry
from easyreport.extensions import db
from easyreport.roles import Role
from tests.conftest import PASSWORD, csrf_token, login, make_test_app
from tests.passkey_authenticator import SoftAuthenticator
from tests.test_second_factor import _code, _enrol, _logout


@pytest.fixture
def app(tmp_path):
    return make_test_app(tmp_path, SECOND_FACTOR_ROLES="counsellor,officer,admin")


def _options(page: str) -> dict:
    found = re.search(r'data-options="([^"]+)"', page)
    assert found, "the page offers no passkey"
    return json.loads(html.unescape(found.group(1)))


def _add_passkey(client, authenticator: SoftAuthenticator, **answer_kwargs):
    page = client.get("/account/passkeys").text
    answer = authenticator.create(_options(page), **answer_kwargs)
    return client.post("/account/passkeys", data={"csrf_token": csrf_token(page), "credential": answer})


def _passkey_login(client, authenticator: SoftAuthenticator, username: str, **answer_kwargs):
    """Log in with the password, then answer the code page's passkey request."""
    assert login(client, username).location == "/login/code"
    page = client.get("/login/code").text
    answer = authenticator.get(_options(page), **answer_kwargs)
    return client.post("/login/passkey", data={"csrf_token": csrf_token(page), "credential": answer}), answer


def _failures(app, username: str) -> int:
    with app.app_context():
        return db.session.scalar(
            select(func.count()).where(LoginAttempt.username == username, LoginAttempt.succeeded.is_(False))
        )


def _audited(app, **fields: str) -> list[str]:
    with app.app_context():
        return [
            row.metadata_json
            for row in db.session.scalars(select(AuditEntry).order_by(AuditEntry.seq))
            if all(getattr(row, k) == v for k, v in fields.items())
        ]


@pytest.fixture
def enrolled(app, client, make_user):
    """A counsellor with an authenticator app and one passkey, logged out again."""
    counsellor = make_user(Role.COUNSELLOR)
    _enrol(client, counsellor.username)
    authenticator = SoftAuthenticator()
    added = _add_passkey(client, authenticator)
    assert added.location == "/account/passkeys"
    _logout(client)
    return counsellor, authenticator


def test_a_passkey_is_added_and_logs_in_instead_of_the_code(app, client, enrolled):
    counsellor, authenticator = enrolled
    login(client, counsellor.username)
    page = client.get("/login/code").text
    # Hidden until static/js/passkeys.js finds WebAuthn: without it the page is the plain code form.
    assert re.search(r'<form[^>]*hidden[^>]*data-passkey="get"', page) and re.search(
        r"passkeys\.[0-9a-f]{12}\.js", page
    )
    _logout(client)
    done, _answer = _passkey_login(client, authenticator, counsellor.username)
    assert done.location == "/counsellor/"
    assert client.get("/counsellor/").status_code == 200
    with app.app_context():
        row = db.session.scalars(select(PasskeyCredential)).one()
        assert row.user_id == counsellor.id and row.sign_count == 1 and row.last_used_at is not None
    assert _audited(app, action="account_change") and any(
        "passkey_added" in d for d in _audited(app, action="account_change")
    )
    assert any('"passkey"' in d for d in _audited(app, action="login"))


def test_the_code_page_without_a_passkey_offers_none_and_totp_still_works(app, client, make_user):
    officer = make_user(Role.OFFICER)
    secret, _codes = _enrol(client, officer.username)
    _logout(client)
    login(client, officer.username)
    page = client.get("/login/code").text
    assert "data-options" not in page and "passkeys." not in page
    token = csrf_token(page)
    assert (
        client.post("/login/code", data={"csrf_token": token, "code": _code(secret, 1)}).location
        == "/officer/"
    )


def test_an_answer_to_an_old_challenge_is_refused_and_counted(app, client, enrolled):
    counsellor, authenticator = enrolled
    first, answer = _passkey_login(client, authenticator, counsellor.username)
    assert first.location == "/counsellor/"
    _logout(client)
    login(client, counsellor.username)
    page = client.get("/login/code").text
    before = _failures(app, counsellor.username)
    replayed = client.post("/login/passkey", data={"csrf_token": csrf_token(page), "credential": answer})
    assert replayed.status_code == 400 and "niet geaccepteerd" in replayed.text
    assert _failures(app, counsellor.username) == before + 1
    assert client.get("/counsellor/").location.startswith("/login")


def test_a_challenge_works_once(app, client, enrolled):
    counsellor, authenticator = enrolled
    login(client, counsellor.username)
    page = client.get("/login/code").text
    answer = authenticator.get(_options(page))
    with client.session_transaction() as sess:
        assert "passkey_login_challenge" in sess  # kept server-side with the session
    token = csrf_token(page)
    assert client.post("/login/passkey", data={"csrf_token": token, "credential": "{}"}).status_code == 400
    # The failed try used the challenge up; the page shown with the error holds a new one.
    late = client.post("/login/passkey", data={"csrf_token": token, "credential": answer})
    assert late.status_code == 400 and "niet geaccepteerd" in late.text
    with client.session_transaction() as sess:
        sess.pop("passkey_login_challenge")
    none_open = client.post("/login/passkey", data={"csrf_token": token, "credential": answer})
    assert none_open.status_code == 400 and "Deze inlogvraag" in none_open.text
    assert client.get("/counsellor/").location.startswith("/login")


def test_an_assertion_of_another_account_is_refused(app, client, make_user, enrolled):
    counsellor, _authenticator = enrolled
    other = make_user(Role.OFFICER)
    other_client = app.test_client()
    _enrol(other_client, other.username)
    theirs = SoftAuthenticator()
    assert _add_passkey(other_client, theirs).location == "/account/passkeys"
    login(client, counsellor.username)
    page = client.get("/login/code").text
    options = _options(page)
    options["allowCredentials"] = []  # a hostile client ignores the list
    answer = theirs.get(options)
    before = _failures(app, counsellor.username)
    refused = client.post("/login/passkey", data={"csrf_token": csrf_token(page), "credential": answer})
    assert refused.status_code == 400 and "hoort niet bij dit account" in refused.text
    assert _failures(app, counsellor.username) == before + 1
    assert client.get("/counsellor/").location.startswith("/login")
    assert any("passkey_unknown" in d for d in _audited(app, action="login_failed"))


def test_a_foreign_origin_and_a_cloned_sign_count_are_refused(app, client, enrolled):
    counsellor, authenticator = enrolled
    foreign, _ = _passkey_login(client, authenticator, counsellor.username, origin="https://evil.example")
    assert foreign.status_code == 400 and "niet geaccepteerd" in foreign.text
    page = client.get("/login/code").text
    good = authenticator.get(_options(page))
    assert client.post("/login/passkey", data={"csrf_token": csrf_token(page), "credential": good}).location
    _logout(client)
    # A copy of the key that did not count up: its sign count is not above the stored one.
    cloned, _ = _passkey_login(client, authenticator, counsellor.username, count_up=False)
    assert cloned.status_code == 400
    with app.app_context():
        assert db.session.scalars(select(PasskeyCredential)).one().sign_count == authenticator.sign_count


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    garbage=st.one_of(
        st.text(max_size=300),
        st.recursive(
            st.none() | st.booleans() | st.integers() | st.text(max_size=20),
            lambda inner: (
                st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
            ),
            max_leaves=12,
        ).map(json.dumps),
        st.fixed_dictionaries(
            {
                "id": st.text(max_size=40),
                "rawId": st.text(max_size=40),
                "type": st.just("public-key"),
                "response": st.dictionaries(
                    st.sampled_from(["clientDataJSON", "authenticatorData", "signature", "userHandle"]),
                    st.text(max_size=60),
                ),
            }
        ).map(json.dumps),
    )
)
# PostgreSQL refuses NUL in text: found by this property on the PostgreSQL pass, kept as a fixed case.
@example(garbage=json.dumps({"id": "\u0000", "response": {}}))
def test_garbled_answers_get_a_message_never_a_500(app, enrolled, garbage):
    counsellor, _authenticator = enrolled
    client = app.test_client()
    login(client, counsellor.username)
    page = client.get("/login/code").text
    answer = client.post("/login/passkey", data={"csrf_token": csrf_token(page), "credential": garbage})
    assert answer.status_code == 400 and 'role="alert"' in answer.text
    registering = app.test_client()
    assert login(registering, counsellor.username).location == "/login/code"
    with app.app_context():
        db.session.query(LoginAttempt).delete()  # keep the throttle out of the way of the next example
        db.session.commit()


def test_a_garbled_registration_is_refused_counted_and_audited(app, client, make_user):
    officer = make_user(Role.OFFICER)
    _enrol(client, officer.username)
    page = client.get("/account/passkeys").text
    refused = client.post("/account/passkeys", data={"csrf_token": csrf_token(page), "credential": "{nope"})
    assert refused.status_code == 400 and "kon niet worden gelezen" in refused.text
    assert _failures(app, officer.username) == 1
    assert any("passkey_registration_failed" in d for d in _audited(app, action="account_change"))
    # A foreign origin at registration: refused, nothing stored.
    refused = _add_passkey(client, SoftAuthenticator(), origin="https://evil.example")
    assert refused.status_code == 400
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PasskeyCredential)) == 0


def test_an_admin_reset_removes_the_passkeys(app, client, make_user, enrolled):
    counsellor, _authenticator = enrolled
    admin = make_user(Role.ADMIN)
    admin_client = app.test_client()
    _enrol(admin_client, admin.username)
    token = csrf_token(admin_client.get("/admin/").text)
    admin_client.post(f"/admin/accounts/{counsellor.id}/second-factor", data={"csrf_token": token})
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PasskeyCredential)) == 0
    assert any('"passkeys_removed":1' in d.replace(" ", "") for d in _audited(app, action="account_change"))
    assert login(client, counsellor.username).location == "/login/enrol"


def test_without_an_authenticator_app_no_passkey_can_be_added(tmp_path):
    # An app of its own where counsellors need no second factor, so this one has no authenticator app.
    app = make_test_app(tmp_path / "plain")
    client = app.test_client()
    with app.app_context():
        service.create_account(db.session, "plain-counsellor", Role.COUNSELLOR, PASSWORD, min_length=1)
        db.session.commit()
    login(client, "plain-counsellor")
    page = client.get("/account/passkeys")
    assert page.status_code == 200 and "data-options" not in page.text
    assert (
        client.post(
            "/account/passkeys", data={"csrf_token": csrf_token(page.text), "credential": "{}"}
        ).status_code
        == 200
    )
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PasskeyCredential)) == 0


def test_the_relying_party_comes_from_the_config_or_else_from_the_host(tmp_path):
    from easyreport.accounts.passkey_web import relying_party

    (tmp_path / "local").mkdir()
    (tmp_path / "configured").mkdir()
    local = make_test_app(tmp_path / "local")
    with local.test_request_context("/login/code", base_url="http://localhost:5000"):
        assert relying_party() == RelyingParty("localhost", "http://localhost:5000")
    configured = make_test_app(
        tmp_path / "configured",
        WEBAUTHN_RP_ID="report.example.org",
        WEBAUTHN_ORIGIN="https://report.example.org",
    )
    with configured.test_request_context("/login/code", base_url="http://evil.example"):
        assert relying_party() == RelyingParty("report.example.org", "https://report.example.org")


def test_one_passkey_is_removed_by_its_owner_and_no_longer_logs_in(app, client, enrolled):
    counsellor, lost = enrolled
    done, _answer = _passkey_login(client, lost, counsellor.username)
    assert done.location == "/counsellor/"
    spare = SoftAuthenticator()
    assert _add_passkey(client, spare).location == "/account/passkeys"
    page = client.get("/account/passkeys").text
    assert "Passkey 1 verwijderen" in page and "Passkey 2 verwijderen" in page
    with app.app_context():
        first, second = db.session.scalars(select(PasskeyCredential.id).order_by(PasskeyCredential.id))
    removed = client.post(f"/account/passkeys/{first}/remove", data={"csrf_token": csrf_token(page)})
    assert removed.location == "/account/passkeys"
    assert "Passkey 2 verwijderen" not in client.get("/account/passkeys").text
    assert any("passkey_removed" in d for d in _audited(app, action="account_change"))
    with app.app_context():
        assert list(db.session.scalars(select(PasskeyCredential.id))) == [second]
    _logout(client)
    # The browser no longer offers the lost device, and the server refuses it if it answers anyway.
    assert login(client, counsellor.username).location == "/login/code"
    page = client.get("/login/code").text
    offered = _options(page)
    assert len(offered["allowCredentials"]) == 1
    answer = lost.get({**offered, "allowCredentials": []})
    refused = client.post("/login/passkey", data={"csrf_token": csrf_token(page), "credential": answer})
    assert refused.status_code == 400
    _logout(client)
    done, _answer = _passkey_login(client, spare, counsellor.username)
    assert done.location == "/counsellor/"


def test_nobody_removes_another_accounts_passkey(app, client, enrolled, make_user):
    with app.app_context():
        (row,) = db.session.scalars(select(PasskeyCredential.id))
    other = make_user(Role.COUNSELLOR)
    _enrol(client, other.username)
    page = client.get("/account/passkeys").text
    response = client.post(f"/account/passkeys/{row}/remove", data={"csrf_token": csrf_token(page)})
    assert response.status_code == 404
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(PasskeyCredential)) == 1
