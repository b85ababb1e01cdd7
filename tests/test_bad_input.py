"""Hostile or broken input on every form and query parameter: a clear answer, never a 500."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from easyreport.accounts.models import User
from easyreport.extensions import db
from easyreport.roles import Role
from tests.conftest import csrf_token

MEGABYTE = "a" * 1_000_000
BAD_VALUES = {
    "empty": "",
    "oversized": MEGABYTE,
    "nul": "ab\x00cd",
    "script": "<script>alert(1)</script>",
    "unicode": "\u202e\ufeffé\U0001f600",
}

# (path, fields) of every form on the foundation's pages, with the role needed to reach it.
FORMS = [
    (None, "/login", ["username", "password"]),
    (None, "/language", ["locale", "next"]),
    (Role.ADMIN, "/admin/accounts/new", ["username", "role", "password"]),
    (Role.ADMIN, "/admin/accounts/{id}/password", ["password"]),
    (Role.ADMIN, "/admin/accounts/{id}/active", ["submit"]),
]


@pytest.mark.parametrize("kind", BAD_VALUES)
@pytest.mark.parametrize(("role", "path", "fields"), FORMS)
def test_bad_values_in_every_field(client, logged_in, make_user, role, path, fields, kind):
    if role is not None:
        logged_in(role)
    target = make_user(Role.OFFICER)
    url = path.format(id=target.id)
    token = csrf_token(client.get("/about").text)
    for name in fields:
        data = {
            "csrf_token": token,
            "username": "valid.name",
            "password": "long enough password",
            "role": "officer",
        }
        data[name] = BAD_VALUES[kind]
        response = client.post(url, data=data)
        assert response.status_code in (200, 302, 400), (url, name, kind, response.status_code)
        assert "<script>alert(1)</script>" not in response.text
        assert "Traceback" not in response.text


def test_oversized_field_gets_a_form_error(client, logged_in):
    logged_in(Role.ADMIN)
    token = csrf_token(client.get("/admin/accounts/new").text)
    response = client.post(
        "/admin/accounts/new",
        data={"csrf_token": token, "username": MEGABYTE, "role": "officer", "password": "x" * 20},
    )
    assert response.status_code == 200
    assert "Gebruik 2 tot 63 tekens." in response.text


def test_nul_bytes_are_stripped(app, client, logged_in):
    logged_in(Role.ADMIN)
    token = csrf_token(client.get("/admin/accounts/new").text)
    client.post(
        "/admin/accounts/new",
        data={
            "csrf_token": token,
            "username": "ne\x00w.user",
            "role": "officer",
            "password": "a long password",
        },
    )
    with app.app_context():
        assert db.session.scalar(select(User.username).where(User.username == "new.user")) == "new.user"


def test_tampered_role_is_a_form_error(client, logged_in):
    logged_in(Role.ADMIN)
    token = csrf_token(client.get("/admin/accounts/new").text)
    response = client.post(
        "/admin/accounts/new",
        data={"csrf_token": token, "username": "x.y", "role": "superuser", "password": "x" * 20},
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text


def test_non_utf8_body_and_query(client):
    token = csrf_token(client.get("/login").text)
    body = b"username=%FF%FE%FD&password=%C3%28&csrf_token=" + token.encode()
    response = client.post("/login", data=body, content_type="application/x-www-form-urlencoded")
    assert response.status_code == 200
    assert "klopt niet" in response.text
    assert client.get("/login?next=%FF%FE").status_code == 200
    assert client.get("/about?x=%00%FF").status_code == 200


def test_hostile_next_parameter_is_ignored(client, make_user):
    user = make_user()
    token = csrf_token(client.get("/login").text)
    for target in ("https://evil.example/", "//evil.example", "javascript:alert(1)"):
        response = client.post(
            f"/login?next={target}", data={"username": user.username, "password": "x", "csrf_token": token}
        )
        assert response.status_code == 200
    from tests.conftest import PASSWORD

    response = client.post(
        "/login?next=https://evil.example/",
        data={"username": user.username, "password": PASSWORD, "csrf_token": token},
    )
    assert response.location == "/counsellor/"


def test_request_over_the_size_limit_gets_a_413_page(client):
    response = client.post("/login", data={"username": "a" * (5 * 1024 * 1024)})
    assert response.status_code == 413
    assert "Te veel informatie tegelijk" in response.text


@pytest.mark.parametrize(("method", "path"), [("PUT", "/login"), ("DELETE", "/about"), ("GET", "/language")])
def test_wrong_method_is_405(client, method, path):
    response = client.open(path, method=method)
    assert response.status_code == 405
    assert "Deze actie kan hier niet" in response.text


def test_unknown_account_id_is_404(client, logged_in):
    logged_in(Role.ADMIN)
    assert client.get("/admin/accounts/424242/password").status_code == 404
    assert client.get("/admin/accounts/abc/password").status_code == 404
