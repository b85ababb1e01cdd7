"""Read-aloud on the real client screens in Chromium: it plays, highlights word by word, stops, and stays accessible."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from easyreport.accounts.models import User
from easyreport.content import client_screens
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.preparation import service
from easyreport.roles import Role
from easyreport.timeutil import utcnow
from easyreport.translatable import translate
from tests.browser.a11y import check_page
from tests.browser.actions import log_in

pytestmark = pytest.mark.browser

START_CLIENT_MODE = {"nl": "Cliëntmodus starten", "en": "Start client mode"}
READ_ALOUD = {"nl": "Voorlezen", "en": "Read aloud"}

# Every clip the page starts is kept, so the test can see its playing time. (Waits below are written as
# functions: the app's CSP forbids eval, which Playwright would use for a bare expression.)
TRACK_AUDIO = """
window.__audios = [];
const play = HTMLMediaElement.prototype.play;
HTMLMediaElement.prototype.play = function () {
  window.__audios.push(this);
  return play.apply(this, arguments);
};
"""

# Record each highlighted word inside the page, so a busy machine cannot make the test miss one.
RECORD_HIGHLIGHTS = """target => {
  window.spoken = [];
  window.mostAtOnce = 0;
  new MutationObserver(() => {
    const lit = target.querySelectorAll('.is-speaking-word');
    window.mostAtOnce = Math.max(window.mostAtOnce, lit.length);
    const word = lit.length ? lit[0].textContent : null;
    if (word && window.spoken[window.spoken.length - 1] !== word) window.spoken.push(word);
  }).observe(target, {subtree: true, attributes: true, attributeFilter: ['class']});
}"""


def start_client_mode(
    page: Page, live_server, locale: str, *, speed: str = "normal", auto: bool = False
) -> None:
    """Log in as the counsellor, make a preparation for this test, and hand the screen to the client."""
    with live_server.app.app_context():
        owner = db.session.query(User).filter_by(username=Role.COUNSELLOR.value).one()
        preparation = service.create(db.session, owner.id, "B3", "18-22", locale, now=utcnow())
        service.set_speech(db.session, preparation, speed=speed, read_aloud_auto=auto)
        db.session.commit()
        public_id = preparation.public_id
    page.add_init_script(TRACK_AUDIO)
    log_in(page, live_server.url, Role.COUNSELLOR.value, locale=locale)
    page.goto(f"{live_server.url}/counsellor/preparations/{public_id}")
    page.get_by_role("button", name=START_CLIENT_MODE[locale]).click()
    expect(page).to_have_url(f"{live_server.url}/client/")


def words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:['’][^\W_]+)*", text)


def assert_reads_aloud(page: Page, button_id: str, targets: list[str], press) -> None:
    """Press a read-aloud control: it plays, lights up the words in order, text by text, and stops when pressed again.

    ``targets`` are the texts the control reads, in order; with two or more, the test waits until the light has
    moved on from the first text to the second (one control per block reads the question, then each answer).
    """
    button = page.locator(f"#{button_id}")
    assert button.get_attribute("aria-controls").split()[: len(targets)] == targets
    shown = {target: page.locator(f"#{target}").text_content() for target in targets}
    page.locator("body").evaluate(RECORD_HIGHLIGHTS)
    clips_before = page.evaluate("window.__audios.length")

    press(button)

    expect(button).to_have_attribute("aria-pressed", "true")
    page.wait_for_function(
        f"() => window.__audios.length > {clips_before} && window.__audios.at(-1).currentTime > 0.4",
        timeout=10_000,
    )
    page.wait_for_function("() => window.spoken.length >= 3", timeout=10_000)
    first = words(shown[targets[0]])
    if len(targets) > 1:
        second = f"#{targets[1]} .is-speaking-word"
        page.wait_for_function(f"() => !!document.querySelector({second!r})", timeout=30_000)
    spoken = page.evaluate("window.spoken")
    remaining = iter(first + (words(shown[targets[1]]) if len(targets) > 1 else []))
    assert all(word in remaining for word in spoken), (spoken, shown)  # in speaking order, text after text
    assert page.evaluate("window.mostAtOnce") == 1
    for target, text in shown.items():
        assert page.locator(f"#{target}").text_content() == text  # highlighting never changes the text
    assert page.evaluate("document.activeElement.id") == button_id

    press(button)  # a second press stops

    expect(button).to_have_attribute("aria-pressed", "false")
    assert page.evaluate("window.__audios.at(-1).paused")
    assert page.locator(".is-speaking-word").count() == 0


def with_keyboard(button) -> None:
    button.focus()
    button.press("Enter")


def with_space(button) -> None:
    button.focus()
    button.press(" ")


def with_mouse(button) -> None:
    button.click()


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_client_reads_screens_aloud_word_by_word(page: Page, live_server, locale):
    start_client_mode(page, live_server, locale)
    check_page(page, client=True)
    # One control reads the whole welcome block.
    buttons = page.get_by_role("button", name=READ_ALOUD[locale], exact=True)
    expect(buttons.first).to_be_visible()
    assert buttons.count() == 1
    assert_reads_aloud(page, "welcome-read-aloud", ["welcome-title", "welcome-1"], with_keyboard)

    page.get_by_role("link", name=translate(client_screens.START, locale)).click()
    question = QUESTIONNAIRE.questions[0]
    expect(page).to_have_url(f"{live_server.url}/client/questions/{question.id}")
    check_page(page, client=True)
    # The block's control is described by the question; it reads the question, then each answer.
    button = page.locator("#question-read-aloud")
    expect(button).to_have_accessible_description(translate(question.text, locale))
    option = question.content_options[0]
    assert_reads_aloud(page, "question-read-aloud", ["question-text", f"text-{option.id}"], with_mouse)
    # Each answer has its own small speaker, named after the answer.
    speaker = page.locator(f"#text-{option.id}-speaker")
    name = f"{READ_ALOUD[locale]}: {translate(option.text, locale)}"
    expect(speaker).to_have_accessible_name(name)
    assert_reads_aloud(page, f"text-{option.id}-speaker", [f"text-{option.id}"], with_space)

    page.get_by_role("link", name=translate(client_screens.DONT_UNDERSTAND, locale)).click()
    check_page(page, client=True)
    assert_reads_aloud(page, "explanation-read-aloud", ["explanation-text"], with_keyboard)

    page.get_by_role("link", name=translate(client_screens.PAUSE, locale)).click()
    check_page(page, client=True)
    page.get_by_role("link", name=translate(client_screens.GO_ON, locale)).click()
    page.get_by_role("link", name=translate(client_screens.STOP, locale), exact=True).click()
    check_page(page, client=True)
    page.get_by_role("button", name=translate(client_screens.STOP_CONFIRM, locale), exact=True).click()
    expect(page).to_have_url(re.compile(r"/client/locked"))
    check_page(page, client=True)
    assert_reads_aloud(page, "thanks-read-aloud", ["thanks-title", "thanks-1"], with_mouse)


def test_slow_speed_plays_the_slow_clip(page: Page, live_server):
    start_client_mode(page, live_server, "nl", speed="slow")
    media: list[str] = []
    page.on("request", lambda request: media.append(request.url) if "/audio/" in request.url else None)
    button = page.locator("#welcome-read-aloud")

    button.click()

    page.wait_for_function("() => window.__audios.length > 0 && window.__audios[0].currentTime > 0.2")
    assert any("/audio/nl/slow/" in url for url in media)
    assert not any("/audio/nl/normal/" in url for url in media)


def test_question_is_read_when_it_opens_if_the_counsellor_chose_that(page: Page, live_server):
    start_client_mode(page, live_server, "nl", auto=True)

    page.get_by_role("link", name=translate(client_screens.START, "nl")).click()

    button = page.locator("#question-read-aloud")
    page.wait_for_function(
        "() => window.__audios.length > 0 && window.__audios[0].currentTime > 0.4", timeout=10_000
    )
    expect(button).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("document.activeElement.id") != "question-read-aloud"  # focus is not moved
    button.click()
    expect(button).to_have_attribute("aria-pressed", "false")
    check_page(page, client=True)


def test_blocked_autoplay_waits_quietly_for_a_press(browser, live_server):
    """A browser that refuses sound without a gesture (like Safari): no error, and the button still works."""
    context = browser.new_context()
    page = context.new_page()
    page.add_init_script(
        "HTMLMediaElement.prototype.play = function () {"
        " return Promise.reject(new DOMException('blocked', 'NotAllowedError')); };"
    )
    start_client_mode(page, live_server, "en", auto=True)
    page.get_by_role("link", name="Start").click()
    button = page.locator("#question-read-aloud")

    expect(button).to_be_visible()
    page.wait_for_timeout(300)

    expect(button).to_have_attribute("aria-pressed", "false")
    expect(page.locator("#question-audio-error")).to_be_hidden()
    context.close()


def test_without_javascript_the_native_control_is_there(browser, live_server):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    start_client_mode(page, live_server, "nl")

    fallback = page.locator("details.read-aloud-fallback").first
    expect(fallback).to_be_visible()
    expect(page.locator("button[data-read-aloud]").first).to_be_hidden()
    fallback.locator("summary").click()
    # The block's fallback holds one native control per text, in reading order.
    assert fallback.locator("audio").count() == 1 + len(client_screens.WELCOME_LINES)
    audio = fallback.locator("audio").first
    expect(audio).to_be_visible()
    response = page.request.get(f"{live_server.url}{audio.get_attribute('src')}")
    assert response.status == 200 and response.headers["content-type"] == "audio/mpeg"
    context.close()
