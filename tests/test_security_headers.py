"""Security headers, CSRF and friendly pages for broken forms."""

from __future__ import annotations

from easyreport.roles import Role
from tests.conftest import csrf_token


def test_strict_headers_on_every_page(client):
    for path in ("/login", "/about", "/does-not-exist"):
        response = client.get(path)
        csp = response.headers["Content-Security-Policy"]
        assert "default-src 'none'" in csp
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "no-referrer"
        assert response.headers["Cache-Control"] == "no-store"


def test_pages_behind_login_are_not_stored(client, logged_in):
    logged_in(Role.ADMIN)
    assert client.get("/admin/").headers["Cache-Control"] == "no-store"


def test_static_files_may_be_cached(client):
    with client.get("/static/css/app.css") as response:
        assert response.status_code == 200
        assert "no-store" not in response.headers.get("Cache-Control", "")


def test_pages_have_no_inline_script_or_style(client):
    html = client.get("/login").text
    assert "<script>" not in html and "style=" not in html and "<style" not in html


def test_form_without_csrf_token_gets_a_friendly_page(client):
    response = client.post("/login", data={"username": "x", "password": "y"})
    assert response.status_code == 400
    assert "Dit formulier is verlopen" in response.text
    assert "Traceback" not in response.text


def test_csrf_token_from_another_session_is_refused(app, client):
    token = csrf_token(client.get("/login").text)
    other = app.test_client()
    other.get("/login")
    response = other.post("/login", data={"username": "x", "password": "y", "csrf_token": token})
    assert response.status_code == 400
    assert "Dit formulier is verlopen" in response.text


def test_logout_needs_post(client, logged_in):
    logged_in(Role.COUNSELLOR)
    assert client.get("/logout").status_code == 405
