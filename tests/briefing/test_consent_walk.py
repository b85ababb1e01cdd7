"""The consent walk and the client's copy in client mode: the lock, refused and stale decisions, the cards' content."""

from __future__ import annotations

import re
from html import unescape

import pytest
from flask import url_for

from easyreport.briefing import consent_walk, service
from easyreport.briefing.facts import client_answers
from easyreport.briefing.needs import SECTIONS
from easyreport.content import consent_cards
from easyreport.content.observations import observations_for
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.preparation import service as preparations
from easyreport.preparation.client_views import ALLOWED_IN_CLIENT_MODE, WALK_ENDPOINTS
from easyreport.roles import Role
from easyreport.timeutil import utcnow
from easyreport.translatable import translate
from easyreport.web_session import SESSIONLESS_PATHS
from tests.briefing.factory import TYPICAL, get_preparation, make_preparation, ready_sheet, save_settings
from tests.conftest import PASSWORD, csrf_token, login

pytestmark = pytest.mark.usefixtures("compiled_catalogues")


@pytest.fixture
def counsellor(client, make_user):
    user = make_user(Role.COUNSELLOR)
    assert login(client, user.username).status_code == 302
    return user


def post(client, path, data):
    token = csrf_token(client.get("/about").text)
    return client.post(path, data={**data, "csrf_token": token})


def start_consent(client, public_id):
    """Press the counsellor's start button: the device goes into client mode for the consent walk."""
    status = client.get(f"/briefing/{public_id}/")
    response = client.post(
        f"/briefing/{public_id}/consent/start", data={"csrf_token": csrf_token(status.text)}
    )
    assert response.status_code == 302 and response.location.endswith(f"/briefing/{public_id}/consent")
    return response


def open_card(client, public_id, section):
    page = client.get(f"/briefing/{public_id}/consent/{section}")
    assert page.status_code == 200, page.text[:300]
    return page


def decide(client, public_id, section, decision="yes", card=None):
    page = open_card(client, public_id, section) if card is None else None
    if card is None:
        card = re.search(r'name="card" value="([^"]*)"', page.text).group(1)
        token = csrf_token(page.text)
    else:
        token = csrf_token(client.get("/client/locked").text)
    return client.post(
        f"/briefing/{public_id}/consent/{section}",
        data={"csrf_token": token, "decision": decision, "card": card},
    )


def through_intro(client, public_id):
    intro = client.get(f"/briefing/{public_id}/consent")
    assert intro.status_code == 200
    response = client.post(
        f"/briefing/{public_id}/consent", data={"csrf_token": csrf_token(intro.text), "submit": "go_on"}
    )
    assert response.location.endswith(f"/consent/{SECTIONS[0]}")


@pytest.fixture
def walk(app, client, counsellor):
    """A preparation ready for consent, the device in its consent walk, past the introduction."""
    public_id = make_preparation(app, counsellor.id)
    save_settings(app, public_id)
    start_consent(client, public_id)
    through_intro(client, public_id)
    return public_id


def staff_paths(app, public_id):
    """Every GET page of the app that is not a screen of the consent walk, with its arguments filled in."""
    paths = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "GET" not in rule.methods or rule.endpoint in WALK_ENDPOINTS["consent"]:
                continue
            if rule.endpoint in ALLOWED_IN_CLIENT_MODE or rule.endpoint.startswith(("speech.", "static")):
                continue
            values: dict[str, object] = {}
            for argument in rule.arguments:
                converter = type(rule._converters[argument]).__name__
                values[argument] = {"public_id": public_id, "module_id": "communication"}.get(
                    argument, 1 if converter in ("IntegerConverter", "RowIdConverter") else "x"
                )
            path = url_for(rule.endpoint, **values)
            # A machine endpoint such as /healthz never reads the session, so no client mode applies to it.
            if path not in SESSIONLESS_PATHS:
                paths.append((rule.endpoint, path))
    return paths


class TestTheLock:
    def test_every_staff_page_shows_the_locked_screen_during_the_walk(self, app, client, walk):
        paths = staff_paths(app, walk)
        assert len(paths) > 20
        for endpoint, path in paths:
            response = client.get(path)
            assert response.status_code == 302, (endpoint, path, response.status_code)
            assert response.location == "/client/locked", (endpoint, path)

    def test_the_question_screens_are_locked_too(self, client, walk):
        for path in ("/client/", "/client/questions/reading", "/client/break", "/client/stop"):
            assert client.get(path).location == "/client/locked", path

    def test_another_preparations_consent_screens_are_locked(self, app, client, counsellor, walk):
        other = make_preparation(app, counsellor.id)
        save_settings(app, other)
        for path in ("consent", "consent/communication", "consent/done", "consent/break", "client-copy/1"):
            response = client.get(f"/briefing/{other}/{path}")
            assert response.location == "/client/locked", path
        response = decide(client, other, "communication", card="x" * 32)
        assert response.location == "/client/locked"

    def test_the_walk_screens_have_the_client_layout_and_no_staff_chrome(self, client, walk):
        pages = [
            client.get(f"/briefing/{walk}/consent").text,
            open_card(client, walk, "communication").text,
            client.get(f"/briefing/{walk}/consent/break?at=stress").text,
            client.get(f"/briefing/{walk}/consent/stop?at=stress").text,
            client.get(f"/briefing/{walk}/consent/done").text,
        ]
        for html in pages:
            assert "/client/closed" in html  # quick exit
            assert 'class="button language-link"' in html  # the client's own language screen
            for staff in ("/logout", "Uitloggen", "Ingelogd als", "/counsellor/"):
                assert staff not in html

    def test_done_leads_to_the_locked_screen_and_unlocking_to_the_record(self, client, walk):
        done = client.get(f"/briefing/{walk}/consent/done")
        assert 'href="/client/locked"' in done.text
        locked = client.get("/client/locked")
        response = client.post(
            "/client/unlock", data={"csrf_token": csrf_token(locked.text), "secret": PASSWORD}
        )
        assert response.location == f"/briefing/{walk}/consent/record"
        record = client.get(response.location)
        assert record.status_code == 200 and "Uitloggen" in record.text  # a staff page again

    def test_a_wrong_unlock_keeps_the_lock(self, client, walk):
        locked = client.get("/client/locked")
        response = client.post(
            "/client/unlock", data={"csrf_token": csrf_token(locked.text), "secret": "nope"}
        )
        assert response.status_code == 400
        assert client.get(f"/briefing/{walk}/consent/record").location == "/client/locked"

    def test_outside_client_mode_a_card_says_how_to_start_never_a_500(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        save_settings(app, public_id)
        for path in ("consent", "consent/communication", "consent/done", "consent/break", "consent/stop"):
            page = client.get(f"/briefing/{public_id}/{path}")
            assert page.status_code == (200 if path == "consent" else 409), path
            assert "Begin de toestemming met de cliënt" in page.text
            assert f'action="/briefing/{public_id}/consent/start"' in page.text
        refused = post(client, f"/briefing/{public_id}/consent/communication", {"decision": "yes"})
        assert refused.status_code == 409
        # The decision was not recorded: the walk starts with nothing decided.
        start_consent(client, public_id)
        through_intro(client, public_id)
        assert "Je antwoord:" not in open_card(client, public_id, "communication").text

    def test_starting_without_a_valid_form_does_not_lock(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        save_settings(app, public_id)
        response = client.post(f"/briefing/{public_id}/consent/start", data={})
        assert response.status_code in (400, 409)
        assert client.get(f"/briefing/{public_id}/").status_code == 200  # not locked

    def test_an_incomplete_preparation_cannot_start_the_walk(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id, answers={"reading": ["read_out"]})
        save_settings(app, public_id)
        response = post(client, f"/briefing/{public_id}/consent/start", {})
        assert response.status_code == 409
        assert client.get(f"/briefing/{public_id}/").status_code == 200


class TestDecisions:
    def test_the_whole_walk_records_each_choice(self, app, client, walk):
        for section in SECTIONS:
            response = decide(client, walk, section, "no" if section == "safety" else "yes")
            assert response.status_code == 302
        assert response.location.endswith("/consent/done")
        with app.app_context():
            draft = service.draft_for(db.session, get_preparation(walk), now=utcnow())
            assert draft.decisions == {s: ("no" if s == "safety" else "yes") for s in SECTIONS}

    def test_a_card_the_client_has_not_seen_is_refused(self, app, client, walk):
        page = open_card(client, walk, "communication")
        card = re.search(r'name="card" value="([^"]*)"', page.text).group(1)
        response = client.post(
            f"/briefing/{walk}/consent/stress",
            data={"csrf_token": csrf_token(page.text), "decision": "yes", "card": card},
        )
        assert response.status_code == 409
        assert translate(consent_cards.CARD_NOT_SEEN, "nl") in response.text
        with app.app_context():
            assert (
                "stress" not in service.draft_for(db.session, get_preparation(walk), now=utcnow()).decisions
            )
        # Having seen it now, the client can decide.
        assert decide(client, walk, "stress").status_code == 302

    def test_a_stale_card_after_a_changed_answer_is_refused_and_nothing_is_lost(self, app, client, walk):
        assert decide(client, walk, "communication").status_code == 302
        page = open_card(client, walk, "stress")
        card = re.search(r'name="card" value="([^"]*)"', page.text).group(1)
        with app.app_context():
            # The counsellor changes an answer of this part meanwhile (another tab, before the walk).
            preparation = get_preparation(walk)
            preparations.record_answer(
                db.session,
                preparation,
                QUESTIONNAIRE,
                "stress_signs",
                ["angry"],
                entered_by="counsellor",
                now=utcnow(),
            )
            db.session.commit()
        response = client.post(
            f"/briefing/{walk}/consent/stress",
            data={"csrf_token": csrf_token(page.text), "decision": "yes", "card": card},
        )
        assert response.status_code == 409
        assert translate(consent_cards.CARD_CHANGED, "nl") in response.text
        assert "Ik word boos" in response.text or "boos" in response.text  # the new answer is shown
        with app.app_context():
            decisions = service.draft_for(db.session, get_preparation(walk), now=utcnow()).decisions
            assert decisions == {"communication": "yes"}  # the earlier choice is kept
        fresh = re.search(r'name="card" value="([^"]*)"', response.text).group(1)
        again = client.post(
            f"/briefing/{walk}/consent/stress",
            data={"csrf_token": csrf_token(response.text), "decision": "yes", "card": fresh},
        )
        assert again.status_code == 302

    @pytest.mark.parametrize("value", ["", "maybe", "<b>", "a" * 5000, "\x00"])
    def test_bad_decisions_get_a_message_and_save_nothing(self, app, client, walk, value):
        response = decide(client, walk, "communication", value)
        assert response.status_code == 400
        with app.app_context():
            assert service.draft_for(db.session, get_preparation(walk), now=utcnow()).decisions == {}

    @pytest.mark.parametrize("card", ["", "0" * 32, "x" * 10_000, "\x00"])
    def test_a_tampered_card_fingerprint_is_refused(self, client, walk, card):
        open_card(client, walk, "communication")
        response = decide(client, walk, "communication", card=card)
        assert response.status_code == 409


class TestWhatTheClientSees:
    def test_every_ticked_observation_is_on_its_card_in_easy_words(self, app, client, counsellor):
        ticked = {module: [o.id for o in observations_for(module)] for module in SECTIONS}
        public_id = make_preparation(app, counsellor.id, observations=ticked, client_locale="en")
        save_settings(app, public_id)
        start_consent(client, public_id)
        through_intro(client, public_id)
        for section in SECTIONS:
            html = unescape(open_card(client, public_id, section).text)
            for observation in observations_for(section):
                assert translate(observation.client_text, "en") in html, observation.id
                assert observation.text not in html  # the counsellor's own wording stays on staff pages

    def test_the_goal_card_names_the_team_and_why(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        save_settings(app, public_id)  # criminal exploitation: the trafficking team
        start_consent(client, public_id)
        through_intro(client, public_id)
        html = open_card(client, public_id, "goal").text
        for line in consent_cards.ROUTE_TEAMS["avim"]:
            assert translate(line, "nl") in html
        assert translate(consent_cards.ROUTE_TEAMS["zeden"][0], "nl") not in html
        assert (
            translate(consent_cards.ROUTE_TEAMS["avim"][0], "nl")
            not in open_card(client, public_id, "stress").text
        )

    def test_without_the_mark_there_is_no_suspect_card(self, client, walk):
        assert client.get(f"/briefing/{walk}/consent/suspect").status_code == 404

    def test_a_possible_suspect_gets_the_suspect_card_after_the_goal_card(self, app, client, counsellor):
        public_id = make_preparation(app, counsellor.id)
        save_settings(app, public_id, possible_suspect=True)
        start_consent(client, public_id)
        through_intro(client, public_id)
        goal = open_card(client, public_id, "goal").text
        # The rights are the suspect card's own, not a line on the goal card.
        assert translate(consent_cards.CARD_RIGHTS[0], "nl") not in goal
        card = open_card(client, public_id, "suspect").text
        assert translate(consent_cards.SUSPECT_CARD_TITLE, "nl") in card
        for line in consent_cards.SUSPECT_CARD_LINES:
            assert translate(line, "nl") in card

    def test_the_decision_comes_before_what_is_shared_and_answers_fold_after_three(self, client, walk):
        html = open_card(client, walk, "communication").text
        assert html.index('name="decision"') < html.index(translate(consent_cards.CARD_SAID, "nl"))
        # Every answer but "I'd rather not say", which the card never shows.
        answered = len(client_answers(QUESTIONNAIRE, TYPICAL, "communication"))
        assert (
            html.count('class="said-line"') == answered
        )  # every answered question, all but three folded away
        details = html[html.index('<details class="said-more">') :]
        assert details.count('class="said-line"') == answered - 3

    def test_one_read_aloud_control_per_block(self, client, walk):
        html = open_card(client, walk, "communication").text
        blocks = html.count('class="card-block') + 1  # the head is a block too
        assert html.count('class="button read-aloud"') <= blocks


class TestClientCopy:
    def test_the_copy_is_a_few_pages_in_client_mode(self, app, client, counsellor):
        public_id = ready_sheet(app, counsellor.id, withheld=("safety",), client_locale="en")
        staff = client.get(f"/briefing/{public_id}/client-copy")
        assert staff.status_code == 200
        response = client.post(
            f"/briefing/{public_id}/client-copy/start", data={"csrf_token": csrf_token(staff.text)}
        )
        assert response.location.endswith(f"/briefing/{public_id}/client-copy/1")
        first = client.get(response.location)
        assert first.status_code == 200 and "Uitloggen" not in first.text and "/client/closed" in first.text
        total = int(re.search(r"Page 1 of (\d+)", first.text).group(1))
        assert total == 1 + (len(SECTIONS) - 1) + 1  # overview, each shared part, what happens next
        for number in range(1, total + 1):
            page = client.get(f"/briefing/{public_id}/client-copy/{number}")
            assert page.status_code == 200
            assert page.text.count("<h1") == 1
            # Every topic is in every page for print; only the current one is on screen.
            assert page.text.count('class="copy-page copy-page--current"') == 1
            assert page.text.count("copy-page--print") == total - 1
        assert client.get(f"/briefing/{public_id}/client-copy/{total + 1}").status_code == 404
        assert client.get(f"/briefing/{public_id}/sheet").location == "/client/locked"

    def test_the_staff_copy_still_shows_the_whole_copy_to_print(self, app, client, counsellor):
        public_id = ready_sheet(app, counsellor.id, withheld=("safety",))
        html = client.get(f"/briefing/{public_id}/client-copy").text
        assert translate(consent_cards.COPY_TITLE, "nl") in html
        assert translate(consent_cards.NEXT_TITLE, "nl") in html
        assert "data-print" in html
        assert html.count('class="copy-page"') == len(SECTIONS) + 1


class TestAnExtraCardDropsIn:
    """A card that is not a section (the possible-suspect card) needs only a builder in consent_walk.EXTRA_CARDS."""

    @pytest.fixture
    def extra_card(self, monkeypatch):
        def build(extras):
            if not extras.possible_suspect:
                return None
            lines = (consent_walk.Line("one", consent_cards.CARD_RIGHTS[1], "support_worker"),)
            block = consent_walk.Block(
                "extra", consent_cards.CARD_RIGHTS[0], "raised_hand", lines, important=True
            )
            return consent_walk.extra_card(
                "extra", consent_cards.CARD_RIGHTS[0], "raised_hand", consent_cards.CARD_RIGHTS[1], (block,)
            )

        monkeypatch.setitem(consent_walk.EXTRA_CARDS, "suspect", build)
        return build

    def test_the_extra_card_follows_the_sections_and_takes_the_rights_off_the_goal_card(
        self, app, client, counsellor, extra_card
    ):
        public_id = make_preparation(app, counsellor.id)
        save_settings(app, public_id, possible_suspect=True)
        start_consent(client, public_id)
        through_intro(client, public_id)
        goal = open_card(client, public_id, "goal").text
        assert 'id="block-rights"' not in goal
        assert "Deel 7 van 8" in goal  # the extra card counts in the progress
        card = open_card(client, public_id, "extra")
        assert card.status_code == 200
        assert "Deel 8 van 8" in card.text and 'id="block-extra"' in card.text
        assert translate(consent_cards.CARD_SAID, "nl") not in card.text  # an extra card lists no answers
        assert f'href="/briefing/{public_id}/consent/goal"' in card.text  # Back leads to the goal card

    def test_without_the_mark_there_is_no_extra_card(self, app, client, counsellor, extra_card):
        public_id = make_preparation(app, counsellor.id)
        save_settings(app, public_id)
        start_consent(client, public_id)
        through_intro(client, public_id)
        assert client.get(f"/briefing/{public_id}/consent/extra").status_code == 404
