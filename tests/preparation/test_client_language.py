"""The client's language: chosen by the counsellor, changed on the client's choice screen, never a 500."""

from __future__ import annotations

import dataclasses

import pytest

from easyreport import client_languages
from easyreport.extensions import db
from easyreport.preparation.models import Preparation
from tests.conftest import csrf_token


@pytest.fixture
def arabic_enabled(monkeypatch):
    """Offer Arabic and Ukrainian and not Bulgarian (the mechanism, whatever the languages' real status)."""
    languages = tuple(
        dataclasses.replace(
            language, enabled=language.code in {"ar", "uk"} or (language.enabled and language.code != "bg")
        )
        for language in client_languages.CLIENT_ONLY_LANGUAGES
    )
    monkeypatch.setattr(client_languages, "CLIENT_ONLY_LANGUAGES", languages)


def _preparation(app, public_id):
    with app.app_context():
        return db.session.query(Preparation).filter_by(public_id=public_id).one()


def _start_client_mode(client, public_id):
    page = client.get(f"/counsellor/preparations/{public_id}")
    response = client.post(
        f"/counsellor/preparations/{public_id}/client-mode", data={"csrf_token": csrf_token(page.text)}
    )
    assert response.location == "/client/"


def test_new_preparation_offers_each_enabled_language_by_its_own_name(client, counsellor, arabic_enabled):
    page = client.get("/counsellor/preparations/new")
    assert 'value="ar"' in page.text and "العربية (Arabisch)" in page.text
    assert "Українська (Oekraïens)" in page.text
    assert 'value="bg"' not in page.text  # not enabled, not offered


def test_unknown_language_on_creation_falls_back_with_a_note(app, client, counsellor):
    page = client.get("/counsellor/preparations/new")
    response = client.post(
        "/counsellor/preparations/new",
        data={
            "csrf_token": csrf_token(page.text),
            "client_code": "B2",
            "age_band": "18-22",
            "client_locale": "xx",
        },
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "Die taal wordt niet aangeboden. De cliëntschermen blijven in het Nederlands." in response.text
    with app.app_context():
        assert db.session.query(Preparation).one().client_locale == "nl"


def test_counsellor_changes_language_and_interpreter(
    app, client, counsellor, make_preparation, arabic_enabled
):
    public_id = make_preparation(counsellor)
    page = client.get(f"/counsellor/preparations/{public_id}")
    response = client.post(
        f"/counsellor/preparations/{public_id}/language",
        data={"csrf_token": csrf_token(page.text), "client_locale": "ar", "interpreter_needed": "y"},
        follow_redirects=True,
    )
    assert "De taal van de cliënt is Arabisch." in response.text
    # Not reviewed by a native speaker: the counsellor is told, next to the start of client mode.
    assert 'id="language-review-note"' in response.text and "Arabisch" in response.text
    stored = _preparation(app, public_id)
    assert stored.client_locale == "ar" and stored.interpreter_needed


@pytest.mark.parametrize("code", ["xx", "", "bg", "../en", "ar" * 40])
def test_unknown_language_change_keeps_the_preparations_language(
    app, client, counsellor, make_preparation, arabic_enabled, code
):
    public_id = make_preparation(counsellor, locale="en")
    page = client.get(f"/counsellor/preparations/{public_id}")
    response = client.post(
        f"/counsellor/preparations/{public_id}/language",
        data={"csrf_token": csrf_token(page.text), "client_locale": code},
        follow_redirects=True,
    )
    assert response.status_code == 200
    assert "De cliëntschermen blijven in het Engels." in response.text
    assert _preparation(app, public_id).client_locale == "en"


def test_client_mode_in_arabic_is_right_to_left(client, counsellor, make_preparation, arabic_enabled):
    public_id = make_preparation(counsellor, locale="ar")
    _start_client_mode(client, public_id)
    page = client.get("/client/")
    assert '<html lang="ar" dir="rtl">' in page.text


def test_client_chooses_a_language_on_the_choice_screen(
    app, client, counsellor, make_preparation, arabic_enabled
):
    public_id = make_preparation(counsellor)
    _start_client_mode(client, public_id)
    page = client.get("/client/language?next=/client/")
    assert page.status_code == 200
    assert '<span id="language-ar" lang="ar" dir="rtl">العربية</span>' in page.text
    assert '<span id="language-uk" lang="uk" dir="ltr">Українська</span>' in page.text
    assert "flag" not in page.text.lower()
    response = client.post(
        "/client/language", data={"csrf_token": csrf_token(page.text), "locale": "uk", "next": "/client/"}
    )
    assert response.status_code == 302 and response.location == "/client/"
    assert '<html lang="uk" dir="ltr">' in client.get("/client/").text
    assert _preparation(app, public_id).client_locale == "uk"


@pytest.mark.parametrize("code", ["xx", "bg", "", "<script>"])
def test_unknown_language_on_the_choice_screen_keeps_the_language(
    app, client, counsellor, make_preparation, arabic_enabled, code
):
    public_id = make_preparation(counsellor)
    _start_client_mode(client, public_id)
    page = client.get("/client/language")
    response = client.post("/client/language", data={"csrf_token": csrf_token(page.text), "locale": code})
    assert response.status_code == 400
    assert "Deze taal is er niet. De schermen blijven hetzelfde." in response.text
    assert '<html lang="nl" dir="ltr">' in response.text
    assert _preparation(app, public_id).client_locale == "nl"


def test_staff_pages_never_take_a_client_only_language(client, counsellor, arabic_enabled):
    page = client.get("/counsellor/preparations/new")
    client.post("/language", data={"csrf_token": csrf_token(page.text), "locale": "ar"})
    assert '<html lang="nl" dir="ltr">' in client.get("/counsellor/preparations/new").text


def test_disabled_language_is_not_used_even_if_stored(client, counsellor, make_preparation, arabic_enabled):
    # A preparation stored in a language that is no longer enabled shows the client screens in Dutch.
    public_id = make_preparation(counsellor, locale="bg")
    _start_client_mode(client, public_id)
    assert '<html lang="nl" dir="ltr">' in client.get("/client/").text
