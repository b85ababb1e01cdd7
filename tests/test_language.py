"""Dutch by default, English on request, kept for the session; <html lang> follows."""

from __future__ import annotations

from tests.conftest import csrf_token


def _switch(client, locale: str, next_path: str = "/login"):
    token = csrf_token(client.get("/login").text)
    return client.post("/language", data={"locale": locale, "next": next_path, "csrf_token": token})


def test_dutch_is_the_default(client):
    html = client.get("/login").text
    assert '<html lang="nl" dir="ltr">' in html
    assert "Inloggen bij easyreport" in html


def test_switch_to_english_sticks_for_the_session(client):
    response = _switch(client, "en")
    assert response.status_code == 302 and response.location == "/login"
    html = client.get("/login").text
    assert '<html lang="en" dir="ltr">' in html
    assert "Log in to easyreport" in html
    assert 'lang="en" dir="ltr"' in client.get("/about").text


def test_unknown_language_keeps_the_current_one(client):
    _switch(client, "en")
    _switch(client, "xx")
    assert '<html lang="en"' in client.get("/login").text
    _switch(client, "<script>")
    assert '<html lang="en"' in client.get("/login").text


def test_language_switch_does_not_redirect_elsewhere(client):
    for target in ("https://example.org/", "//example.org", "/\\example.org"):
        response = _switch(client, "en", target)
        assert response.location == "/"


def test_language_survives_login(client, make_user):
    from tests.conftest import login

    _switch(client, "en")
    user = make_user()
    login(client, user.username)
    assert '<html lang="en"' in client.get("/counsellor/").text


def test_about_page_credits_the_pictograms(client):
    html = client.get("/about").text
    assert "OpenMoji" in html and "CC BY-SA 4.0" in html
    with client.get("/static/pictograms/LICENSE.md") as licence:
        assert licence.status_code == 200 and b"CC BY-SA" in licence.data
