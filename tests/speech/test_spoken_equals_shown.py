"""The words spoken are the words shown: for every question, option and screen text, in Dutch and English.

Each read-aloud button on the rendered page names its text by id and carries the clip's key. The audio
route refuses any key other than the key of the text it translates itself, so the clip at that URL is
the engine speaking exactly ``spoken_text``. The test checks that text against the target element's
textContent in the HTML (what the browser shows and highlights), and that the key is the key of the
shown text.
"""

from __future__ import annotations

import json

import pytest

from easyreport.content.model import FIXED_OPTIONS
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.speech.web import speech_web
from tests.speech.conftest import answer_question, enter_client_mode, words_of
from tests.speech.pages import read_page


def check_page(app, html: str, locale: str, seen: set[str]) -> int:
    """Check every read-aloud button of a page; return how many there were."""
    state = speech_web(app)
    page = read_page(html)
    for button in page.buttons:
        for attribute in (
            "data-audio-src",
            "data-timings-src",
            "data-audio-src-slow",
            "data-timings-src-slow",
        ):
            address = button.address(attribute)
            assert address["locale"] == locale
            msgid = state.registry.msgid(address["text_id"])
            assert msgid is not None, address
            spoken = state.spoken_text(msgid, locale)
            assert spoken == button.target_text, (msgid, spoken, button.target_text)
            assert address["key"] == state.service.key_for(button.target_text, locale, address["speed"])
            seen.add(msgid)
    return len(page.buttons)


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_every_question_and_option_is_spoken_as_shown(speech_app, locale):
    client = speech_app.test_client()
    enter_client_mode(speech_app, client, username=f"spoken-{locale}", locale=locale)
    seen: set[str] = set()

    assert check_page(speech_app, client.get("/client/").text, locale, seen) >= 3
    visited = []
    location = f"/client/questions/{QUESTIONNAIRE.questions[0].id}"
    while location.startswith("/client/questions/"):
        question = QUESTIONNAIRE.find(location.rsplit("/", 1)[1])
        visited.append(question.id)
        page = client.get(location)
        assert page.status_code == 200
        assert check_page(speech_app, page.text, locale, seen) >= 1 + len(question.options)
        explained = client.get(f"{location}?explain=1")
        check_page(speech_app, explained.text, locale, seen)
        # Every question in order: the last content option keeps every follow-up question open.
        location = answer_question(client, question.id, question.content_options[-1].id)
    for extra in ("/client/break", "/client/stop", location):
        check_page(speech_app, client.get(extra).text, locale, seen)

    assert visited == [question.id for question in QUESTIONNAIRE]
    for question in QUESTIONNAIRE:
        assert question.text in seen and question.explanation in seen
        assert {option.text for option in question.options} <= seen
    assert {option.text for option in FIXED_OPTIONS} <= seen


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_the_route_speaks_the_shown_text(speech_app, locale):
    """End to end for one screen: the timings served for each button cover exactly the shown words."""
    client = speech_app.test_client()
    enter_client_mode(speech_app, client, username=f"spoken-route-{locale}", locale=locale)
    question = QUESTIONNAIRE.questions[0]

    page = read_page(client.get(f"/client/questions/{question.id}").text)

    for button in page.buttons:
        timings = json.loads(client.get(button.url("data-timings-src")).data)
        text = button.target_text
        assert [(s, text[s : s + n]) for s, n, _ in timings["words"]] == words_of(text)
