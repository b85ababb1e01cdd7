"""Display settings of the client screens: text size, line spacing, contrast; set by the counsellor or the client."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.preparation import display, service
from easyreport.preparation.models import Preparation
from tests.conftest import csrf_token

FIRST = QUESTIONNAIRE.questions[0].id


def _settings(app, public_id: str) -> display.DisplaySettings:
    with app.app_context():
        preparation = db.session.query(Preparation).filter_by(public_id=public_id).one()
        return service.display_settings(preparation)


def _body_classes(html: str) -> set[str]:
    match = re.search(r'<body class="([^"]*)"', html)
    assert match, "no body class"
    return set(match.group(1).split())


@given(st.text(max_size=6), st.text(max_size=8), st.text(max_size=8))
def test_only_the_offered_values_are_accepted(size, spacing, contrast):
    offered = (
        size.strip() in {str(s) for s in display.TEXT_SIZES}
        and spacing.strip() in display.SPACINGS
        and contrast.strip() in display.CONTRASTS
    )
    try:
        settings = display.parse(size, spacing, contrast)
    except display.InvalidDisplaySetting:
        assert not offered
    else:
        assert offered
        assert settings.text_size in display.TEXT_SIZES


@pytest.mark.parametrize("size", display.TEXT_SIZES)
@pytest.mark.parametrize("spacing", display.SPACINGS)
@pytest.mark.parametrize("contrast", display.CONTRASTS)
def test_every_combination_has_its_own_classes(size, spacing, contrast):
    classes = set(display.DisplaySettings(size, spacing, contrast).body_classes.split())
    assert ("text-125" in classes) == (size == 125) and ("text-150" in classes) == (size == 150)
    assert ("spacing-wide" in classes) == (spacing == "wide")
    assert ("contrast-high" in classes) == (contrast == "high")


def test_an_older_row_without_settings_reads_as_the_default():
    assert display.stored(None, None, None) == display.DEFAULT
    assert display.stored(130, None, True) == display.DisplaySettings(100, "normal", "high")


def test_the_counsellor_sets_them_and_every_client_screen_follows(app, client, counsellor, make_preparation):
    public_id = make_preparation(counsellor)
    page = client.get(f"/counsellor/preparations/{public_id}")
    assert 'name="text_size" value="125"' in page.text
    response = client.post(
        f"/counsellor/preparations/{public_id}/display",
        data={"csrf_token": csrf_token(page.text), "text_size": "150", "spacing": "wide", "contrast": "high"},
    )
    assert response.status_code == 302
    assert _settings(app, public_id) == display.DisplaySettings(150, "wide", "high")
    overview = client.get(f"/counsellor/preparations/{public_id}").text
    assert 'value="150" id="display-text_size-150" checked' in overview
    client.post(
        f"/counsellor/preparations/{public_id}/client-mode", data={"csrf_token": csrf_token(overview)}
    )
    for path in ("/client/", f"/client/questions/{FIRST}", "/client/break", "/client/stop", "/client/locked"):
        assert {"client", "text-150", "spacing-wide", "contrast-high"} <= _body_classes(
            client.get(path).text
        ), path


@pytest.mark.parametrize(
    "bad", [{"text_size": "175"}, {"text_size": "big"}, {"spacing": "double"}, {"contrast": "inverted"}, {}]
)
def test_a_value_outside_the_list_changes_nothing_and_says_why(
    app, client, counsellor, make_preparation, bad
):
    public_id = make_preparation(counsellor)
    page = client.get(f"/counsellor/preparations/{public_id}")
    good = {
        "csrf_token": csrf_token(page.text),
        "text_size": "125",
        "spacing": "normal",
        "contrast": "normal",
    }
    client.post(f"/counsellor/preparations/{public_id}/display", data=good)
    data = {**good, **bad} if bad else {"csrf_token": good["csrf_token"]}
    response = client.post(f"/counsellor/preparations/{public_id}/display", data=data, follow_redirects=True)
    assert response.status_code == 200
    assert "Kies een van de aangeboden weergave-instellingen. Er is niets veranderd." in response.text
    assert _settings(app, public_id) == display.DisplaySettings(125)


def test_the_client_changes_them_on_screen_and_goes_back(app, client, in_client_mode):
    question = client.get(f"/client/questions/{FIRST}").text
    link = re.search(r'<a class="button display-link" href="([^"]+)"', question)
    assert link, "no display link in the client header"
    screen = client.get(link.group(1).replace("&amp;", "&"))
    assert screen.status_code == 200 and "Letters en kleuren" in screen.text
    response = client.post(
        "/client/display",
        data={
            "csrf_token": csrf_token(screen.text),
            "text_size": "125",
            "spacing": "normal",
            "contrast": "high",
            "next": f"/client/questions/{FIRST}",
        },
    )
    assert response.status_code == 302 and response.location == f"/client/questions/{FIRST}"
    assert _settings(app, in_client_mode) == display.DisplaySettings(125, "normal", "high")
    assert {"text-125", "contrast-high"} <= _body_classes(client.get(f"/client/questions/{FIRST}").text)


def test_the_client_screen_refuses_a_bad_value_kindly(app, client, in_client_mode):
    screen = client.get("/client/display")
    response = client.post(
        "/client/display",
        data={
            "csrf_token": csrf_token(screen.text),
            "text_size": "999",
            "spacing": "normal",
            "contrast": "normal",
        },
    )
    assert response.status_code == 400
    assert "Kies een van de keuzes op het scherm. Er is niets veranderd." in response.text
    assert _settings(app, in_client_mode) == display.DEFAULT


@pytest.mark.parametrize(
    "next_url", ["https://example.org/", "//example.org/x", "/counsellor/", "/client/\\\\x"]
)
def test_going_back_stays_on_the_client_screens(client, in_client_mode, next_url):
    screen = client.get("/client/display")
    response = client.post(
        "/client/display",
        data={
            "csrf_token": csrf_token(screen.text),
            "text_size": "100",
            "spacing": "normal",
            "contrast": "normal",
            "next": next_url,
        },
    )
    assert response.status_code == 302 and response.location == "/client/"
