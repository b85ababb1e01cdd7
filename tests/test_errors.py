"""Error pages: translated, friendly, no stack traces, no secrets in the logs."""

from __future__ import annotations

import logging

import pytest
from flask import abort

from easyreport.roles import Role
from tests.conftest import csrf_token, make_test_app


@pytest.fixture
def failing_app(tmp_path):
    app = make_test_app(tmp_path)

    @app.route("/boom")
    def boom():
        raise RuntimeError("secret detail that must not be shown")

    @app.route("/forbidden")
    def forbidden():
        abort(403)

    boom.is_public = True
    forbidden.is_public = True
    return app


def test_404_page(client):
    response = client.get("/nothing-here")
    assert response.status_code == 404
    assert "Pagina niet gevonden" in response.text
    assert "<h1>" in response.text


def test_500_page_hides_the_error(failing_app, caplog):
    client = failing_app.test_client()
    with caplog.at_level(logging.ERROR):
        response = client.get("/boom")
    assert response.status_code == 500
    assert "Er ging iets mis" in response.text
    assert "secret detail" not in response.text and "Traceback" not in response.text


def test_403_page_in_english(failing_app):
    client = failing_app.test_client()
    token = csrf_token(client.get("/login").text)
    client.post("/language", data={"locale": "en", "csrf_token": token})
    response = client.get("/forbidden")
    assert response.status_code == 403
    assert "You cannot open this page" in response.text


def test_wrong_role_gets_403(client, logged_in):
    logged_in(Role.OFFICER)
    response = client.get("/admin/")
    assert response.status_code == 403
    assert "Je kunt deze pagina niet openen" in response.text


def test_logs_hold_no_password(client, make_user, caplog):
    user = make_user()
    with caplog.at_level(logging.DEBUG):
        token = csrf_token(client.get("/login").text)
        client.post(
            "/login", data={"username": user.username, "password": "the-typed-secret", "csrf_token": token}
        )
    assert "the-typed-secret" not in caplog.text
