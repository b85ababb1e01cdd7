"""Break, Stop and "I don't understand" in the consent walk, as on the question screens.

A break keeps the client's choices and goes back to the same card; stopping records no consent; the
explanation says that not knowing is a fine answer. All in the client's language, never a 500.
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from easyreport.briefing.models import ConsentDraft, ConsentRecord
from easyreport.briefing.needs import SECTIONS
from easyreport.content import client_screens, consent_cards
from easyreport.extensions import db
from easyreport.roles import Role
from tests.briefing.factory import make_preparation, save_settings
from tests.conftest import PASSWORD, csrf_token, login

pytestmark = pytest.mark.usefixtures("compiled_catalogues")


@pytest.fixture
def counsellor(client, make_user):
    user = make_user(Role.COUNSELLOR)
    assert login(client, user.username).status_code == 302
    return user


@pytest.fixture
def walk(app, client, counsellor):
    """A preparation (client answered in English) with settings, the device in its consent walk, the intro seen."""
    public_id = make_preparation(app, counsellor.id, client_locale="en")
    save_settings(app, public_id)
    base = f"/briefing/{public_id}/consent"
    status = client.get(f"/briefing/{public_id}/")
    client.post(f"{base}/start", data={"csrf_token": csrf_token(status.text)})
    intro = client.get(base)
    client.post(base, data={"csrf_token": csrf_token(intro.text), "submit": "go_on"})
    return base


def links(html: str) -> dict[str, str]:
    """Map each link of the control bar to its address, by its visible text."""
    found = re.findall(r'<a class="control" href="([^"]+)">.*?<span>([^<>]+)</span></a>', html, re.S)
    return {text.strip(): href.replace("&amp;", "&") for href, text in found}


def choose(client, base: str, section: str, decision: str) -> None:
    card = client.get(f"{base}/{section}")
    shown = re.search(r'name="card" value="([^"]*)"', card.text).group(1)
    response = client.post(
        f"{base}/{section}", data={"csrf_token": csrf_token(card.text), "decision": decision, "card": shown}
    )
    assert response.status_code == 302


def test_every_card_and_the_introduction_have_break_and_stop_in_the_clients_language(client, walk):
    for path in [walk, *(f"{walk}/{section}" for section in SECTIONS)]:
        page = client.get(path)
        assert page.status_code == 200
        found = links(page.text)
        assert {"Break", "Stop"} <= set(found), path
        assert "Pauze" not in found
    card = links(client.get(f"{walk}/stress").text)
    assert {"Back", "I don't understand"} <= set(card)


def test_a_break_keeps_the_choices_and_goes_back_to_the_same_card(app, client, walk):
    choose(client, walk, "communication", "no")
    pause = client.get(links(client.get(f"{walk}/stress").text)["Break"])
    assert pause.status_code == 200
    for line in client_screens.PAUSE_LINES:
        assert line in pause.text
    go_on = re.search(r'class="button button--primary answer-ready" href="([^"]+)"', pause.text)
    assert go_on and go_on.group(1) == f"{walk}/stress"
    back = client.get(f"{walk}/communication").text
    assert "Your answer: No, rather not" in back
    with app.app_context():
        draft = db.session.scalars(select(ConsentDraft)).one()
        assert draft.decisions == {"communication": "no"}


def test_stop_asks_first_then_records_no_consent_and_keeps_the_choices(app, client, walk):
    choose(client, walk, "communication", "yes")
    question = client.get(links(client.get(f"{walk}/stress").text)["Stop"])
    assert question.status_code == 200
    assert client_screens.STOP_QUESTION in question.text and client_screens.STOP_CONFIRM in question.text
    stopped = client.post(f"{walk}/stop?at=stress", data={"csrf_token": csrf_token(question.text)})
    assert stopped.status_code == 200
    for line in (*consent_cards.STOPPED_LINES, client_screens.HAND_BACK):
        assert line in stopped.text
    # As at the end of the walk, the whole screen is in the client's language (English here).
    assert '<html lang="en"' in stopped.text
    # The device goes back to the counsellor through the locked screen; unlocking leads to the overview.
    assert consent_cards.HAND_BACK_BUTTON in stopped.text and 'href="/client/locked"' in stopped.text
    locked = client.get("/client/locked")
    unlocked = client.post("/client/unlock", data={"csrf_token": csrf_token(locked.text), "secret": PASSWORD})
    assert unlocked.location == walk.removesuffix("consent")
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(ConsentRecord)) == 0
        assert db.session.scalars(select(ConsentDraft)).one().decisions == {"communication": "yes"}


def test_i_dont_understand_explains_that_not_knowing_is_fine(client, walk):
    card = client.get(f"{walk}/safety")
    assert consent_cards.CARD_EXPLAIN[0] not in card.text
    explained = client.get(links(card.text)["I don't understand"])
    assert explained.status_code == 200
    for line in consent_cards.CARD_EXPLAIN:
        assert line in explained.text
    assert 'id="explanation"' in explained.text


@pytest.mark.parametrize("at", ["", "nowhere", "../../admin", "<script>", "a" * 5000, "stress\x00"])
def test_a_strange_way_back_leads_to_the_introduction(client, walk, at):
    for path in (f"{walk}/break", f"{walk}/stop"):
        page = client.get(path, query_string={"at": at})
        assert page.status_code == 200
        assert f'href="{walk}"' in page.text


def test_stop_without_the_form_token_is_refused_kindly_and_changes_nothing(app, client, walk):
    choose(client, walk, "communication", "yes")
    response = client.post(f"{walk}/stop")
    assert response.status_code == 400
    assert "Traceback" not in response.text
    with app.app_context():
        assert db.session.scalars(select(ConsentDraft)).one().decisions == {"communication": "yes"}


def test_another_counsellors_client_cannot_be_paused_or_stopped(app, walk, make_user):
    # Another counsellor's device is not in client mode: the preparation is simply not found.
    other = make_user(Role.COUNSELLOR)
    other_client = app.test_client()
    login(other_client, other.username)
    for path in (f"{walk}/break", f"{walk}/stop"):
        assert other_client.get(path).status_code == 404
