"""Client screens with read-aloud: the control per text, the speed and auto-reading, and pages without audio."""

from __future__ import annotations

import os
import re

import pytest
from flask import render_template_string

from easyreport.config import ConfigError
from easyreport.content import client_screens
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.speech.web import close_speech, speech_web
from tests.conftest import make_test_app
from tests.speech.conftest import answer_question, enter_client_mode
from tests.speech.pages import read_page

UNAVAILABLE = {"nl": "Voorlezen werkt nu niet.", "en": "Reading aloud does not work right now."}


def test_every_text_on_a_question_screen_has_a_hidden_button_until_the_script_shows_it(speech_app):
    client = speech_app.test_client()
    enter_client_mode(speech_app, client, username="pages-buttons")
    question = QUESTIONNAIRE.questions[0]

    html = client.get(f"/client/questions/{question.id}").text
    page = read_page(html)

    targets = [button.attrs["aria-controls"] for button in page.buttons]
    assert targets[0] == "question-text"
    assert {f"text-{option.id}" for option in question.options} <= set(targets)
    # One read-aloud for the question block reads the question, then every answer in turn.
    block = [button for button in page.buttons if button.button.get("id") == "question-read-aloud"]
    assert [button.attrs["aria-controls"] for button in block] == ["question-text"] + [
        f"text-{option.id}" for option in question.options
    ]
    for button in page.buttons:
        assert "hidden" in button.attrs and button.attrs["aria-pressed"] == "false"
        assert button.attrs["type"] == "button"
        if "speaker" in (button.attrs.get("class") or ""):
            # The small speaker's name holds its answer; a description would say the answer twice.
            assert "aria-describedby" not in button.attrs
        else:
            # The name says what the button does; the description says which block it reads.
            assert button.attrs["aria-describedby"] == button.button["aria-controls"].split()[0]
        assert button.address()["speed"] == "normal"
        assert button.address("data-audio-src-slow")["speed"] == "slow"
        assert button.address("data-timings-src")["ext"] == "json"
        error = page.texts[button.attrs["data-error-target"]]
        assert error == UNAVAILABLE["nl"]
    blocks = {
        id(button.button) for button in page.buttons if "speaker" not in (button.attrs.get("class") or "")
    }
    assert html.count('<span class="read-aloud__label">Voorlezen</span>') == len(blocks)
    speakers = [button for button in page.buttons if "speaker" in (button.attrs.get("class") or "")]
    assert len(speakers) == len(question.options)
    for option in question.options:
        name = f'<span class="visually-hidden">Voorlezen: {option.text}'
        assert html.count(f'id="text-{option.id}-speaker"') == 1, name
    # The file's name carries a hash of its content (easyreport/static_files.py).
    assert re.search(r'<script src="/static/js/read-aloud\.[0-9a-f]{12}\.js" defer></script>', html)
    assert UNAVAILABLE["nl"] not in re.sub(
        r'<span class="read-aloud-error[^"]*"[^>]*hidden>[^<]*</span>', "", html
    )


def test_without_javascript_a_folded_native_audio_control_plays_the_clip(speech_app):
    client = speech_app.test_client()
    enter_client_mode(speech_app, client, username="pages-noscript", speed="slow")

    page = read_page(client.get("/client/").text)

    assert len(page.audios) == len(page.buttons) > 0
    for audio, button in zip(page.audios, page.buttons, strict=True):
        assert "controls" in audio and audio["preload"] == "none"
        assert audio["src"] == button.attrs["data-audio-src-slow"]  # the preparation's speed
    response = client.get(page.audios[0]["src"])
    assert response.status_code == 200 and response.mimetype == "audio/mpeg"
    html = client.get("/client/").text
    assert re.search(r"<noscript><details class=\"read-aloud-fallback\"><summary>.*?</summary><audio ", html)


def test_speed_and_auto_reading_come_from_the_preparation(speech_app):
    client = speech_app.test_client()
    enter_client_mode(speech_app, client, username="pages-auto", speed="slow", auto=True)
    question = QUESTIONNAIRE.questions[0]

    page = read_page(client.get(f"/client/questions/{question.id}").text)

    assert page.body["data-speed"] == "slow"
    assert "data-read-aloud-auto" in page.body
    auto = [button for button in page.buttons if "data-read-aloud-auto" in button.attrs]
    # The question block is read when the screen opens: the question first, then its answers.
    assert {button.button["id"] for button in auto} == {"question-read-aloud"}
    assert auto[0].attrs["aria-controls"] == "question-text"
    # After "I don't understand" the explanation gets the attention, not the question read again.
    explained = read_page(client.get(f"/client/questions/{question.id}?explain=1").text)
    assert not [button for button in explained.buttons if "data-read-aloud-auto" in button.attrs]


def test_normal_speed_and_no_auto_reading_by_default(speech_app):
    client = speech_app.test_client()
    enter_client_mode(speech_app, client, username="pages-default")

    page = read_page(client.get(f"/client/questions/{QUESTIONNAIRE.questions[0].id}").text)

    assert page.body["data-speed"] == "normal"
    assert "data-read-aloud-auto" not in page.body


def test_english_screens_link_english_audio(speech_app):
    client = speech_app.test_client()
    enter_client_mode(speech_app, client, username="pages-english", locale="en")

    page = read_page(client.get("/client/").text)

    assert page.texts["welcome-title"] == "Questions about what you need"
    assert {button.address()["locale"] for button in page.buttons} == {"en"}


def test_read_aloud_takes_only_the_apps_own_texts(speech_app):
    with speech_app.test_request_context("/"):
        with pytest.raises(ValueError, match="app's own texts"):
            render_template_string(
                '{% from "macros/read_aloud.html" import read_aloud %}{{ read_aloud(text, "x") }}',
                text="Anything a request could send",
            )
        with pytest.raises(ValueError, match="placeholders"):
            render_template_string(
                '{% from "macros/read_aloud.html" import read_aloud %}{{ read_aloud(text, "x") }}',
                text="Question %(number)s of %(total)s",
            )
        # Any fixed message of the app may be read aloud, also outside the client texts.
        html = render_template_string(
            '{% from "macros/read_aloud.html" import read_aloud %}{{ read_aloud(text, "x") }}',
            text="Log in to easyreport",
        )
    assert "data-read-aloud" in html


@pytest.fixture(params=["none", "no-such-engine"])
def app_without_audio(request, tmp_path):
    """Audio switched off, or an engine that fails to start in the worker process."""
    app = make_test_app(tmp_path, SPEECH_ENGINE=request.param)
    yield app
    close_speech(app)


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_pages_work_and_say_once_that_audio_does_not_work(app_without_audio, locale):
    app = app_without_audio
    assert speech_web(app).service is None
    client = app.test_client()
    enter_client_mode(app, client, username="no-audio", locale=locale)

    pages = [client.get("/client/")]
    question = QUESTIONNAIRE.questions[0]
    pages.append(client.get(f"/client/questions/{question.id}"))
    pages.append(client.get(f"/client/questions/{question.id}?explain=1"))
    pages.append(client.get(f"/client/break?at={question.id}"))
    pages.append(client.get(f"/client/stop?at={question.id}"))
    answer_question(client, question.id, question.content_options[0].id)
    pages.append(client.get(f"/client/questions/{QUESTIONNAIRE.questions[1].id}"))

    for response in pages:
        assert response.status_code == 200
        assert response.text.count(UNAVAILABLE[locale]) == 1
        assert read_page(response.text).buttons == []
        assert "<audio" not in response.text


def test_audio_urls_answer_503_when_the_engine_is_down(app_without_audio):
    response = app_without_audio.test_client().get(f"/audio/nl/normal/{'0' * 16}/{'a' * 64}.mp3")
    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert response.headers["Cache-Control"] == "no-store"


def test_an_unknown_voice_stops_the_app_at_start_up(tmp_path):
    with pytest.raises(ConfigError, match="xx/none-such"):
        make_test_app(tmp_path, SPEECH_ENGINE="espeak", SPEECH_VOICES="nl=gmw/nl,en=xx/none-such")


def test_a_malformed_voice_setting_is_explained(tmp_path):
    with pytest.raises(ConfigError, match="SPEECH_VOICES"):
        make_test_app(tmp_path, SPEECH_VOICES="nl:gmw/nl")


def test_the_worker_process_ends_with_the_app(tmp_path):
    app = make_test_app(tmp_path, SPEECH_ENGINE="espeak")
    pid = speech_web(app).service.stats().worker_pid
    assert pid is not None and _alive(pid)

    close_speech(app)

    assert not _alive(pid)
    assert speech_web(app).service is None


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_forked_server_process_starts_its_own_worker(speech_app):
    """gunicorn --preload forks after create_app: the child must not use the parent's worker."""
    parent_worker = speech_web(speech_app).service.stats().worker_pid
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: report its worker and whether it made a clip, then leave at once
        code = 1
        try:
            state = speech_web(speech_app)
            service = state.service
            clip = service.clip(state.spoken_text(client_screens.GO_ON, "en"), "en", "slow")
            os.write(write_end, f"{service.stats().worker_pid} {clip.duration_ms}".encode())
            state.close()
            code = 0
        finally:
            os._exit(code)
    os.close(write_end)
    report = os.read(read_end, 100).decode().split()
    os.close(read_end)
    _, status = os.waitpid(pid, 0)

    assert os.waitstatus_to_exitcode(status) == 0
    child_worker, duration_ms = int(report[0]), int(report[1])
    assert child_worker != parent_worker and duration_ms > 0
    assert speech_web(speech_app).service.stats().worker_pid == parent_worker  # the parent's is untouched
