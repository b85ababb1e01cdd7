"""The client side in Arabic (right to left) and Ukrainian (Cyrillic) in Chromium: created in that language by the
counsellor, every question walked, read aloud with word highlighting, the language screen, axe, 320 px reflow, and
for Arabic a mirrored layout. Screenshots go to test-results/screenshots/ (look for tofu there).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from easyreport.content import client_screens, language_screen
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.roles import Role
from easyreport.translatable import translate
from tests.browser.a11y import check_page
from tests.browser.actions import log_in
from tests.browser.test_read_aloud_journeys import TRACK_AUDIO, assert_reads_aloud, with_keyboard, with_mouse

pytestmark = pytest.mark.browser
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
NAMES = {"ar": "العربية (Arabisch)", "uk": "Українська (Oekraïens)"}


def create_in_language(page: Page, live_server, locale: str, code: str) -> None:
    """The counsellor creates a preparation in the client's language and hands the screen over."""
    page.add_init_script(TRACK_AUDIO)
    log_in(page, live_server.url, Role.COUNSELLOR.value)
    page.goto(f"{live_server.url}/counsellor/preparations/new")
    page.get_by_label("Cliëntcode").fill(code)
    page.get_by_label("Leeftijd").select_option("18-22")
    page.get_by_label("Taal van de vragen").select_option(label=NAMES[locale])
    page.get_by_role("button", name="Voorbereiding aanmaken").click()
    # Not reviewed by a native speaker: the counsellor sees it before handing over, in Dutch.
    expect(page.locator("#language-review-note")).to_contain_text("moedertaal")
    check_page(page)
    page.get_by_role("button", name="Cliëntmodus starten").click()
    expect(page).to_have_url(f"{live_server.url}/client/")
    expect(page.locator("html")).to_have_attribute("lang", locale)


def shoot(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}-1024.png"), full_page=True)
    size = page.viewport_size
    page.set_viewport_size({"width": 320, "height": 640})
    page.screenshot(path=str(SCREENSHOTS / f"{name}-320.png"), full_page=True)
    if size:
        page.set_viewport_size(size)


def x(page: Page, selector: str) -> float:
    box = page.locator(selector).first.bounding_box()
    assert box is not None, selector
    return box["x"]


def answer_all_questions(page: Page, live_server, locale: str) -> None:
    dont_know = translate("I don't know", locale)
    for question in QUESTIONNAIRE:
        expect(page).to_have_url(f"{live_server.url}/client/questions/{question.id}")
        expect(page.locator("h1")).to_have_text(translate(question.text, locale))
        if question.kind.value == "several":
            page.locator("label.answer-button", has_text=dont_know).click()
            page.get_by_role("button", name=translate(client_screens.READY, locale)).click()
        else:
            page.get_by_role("button", name=dont_know, exact=True).click()
    expect(page).to_have_url(re.compile(r"/client/locked\?done=1"))


@pytest.mark.parametrize("locale", ["ar", "uk"])
def test_client_walk_in_a_client_only_language(page: Page, live_server, locale):
    create_in_language(page, live_server, locale, f"L{locale.upper()}")
    direction = "rtl" if locale == "ar" else "ltr"
    expect(page.locator("html")).to_have_attribute("dir", direction)
    check_page(page, client=True)
    shoot(page, f"lang-{locale}-welcome")
    assert_reads_aloud(page, "welcome-read-aloud", ["welcome-title", "welcome-1"], with_keyboard)

    # The language screen: every language by its own name, in its own script, each with its own speaker.
    page.get_by_role("link", name=translate(language_screen.LINK, locale)).click()
    check_page(page, client=True)
    shoot(page, f"lang-{locale}-choice")
    for code, own in (("ar", "العربية"), ("uk", "Українська"), ("nl", "Nederlands")):
        item = page.locator(f"#language-{code}")
        expect(item).to_have_text(own)
        expect(item).to_have_attribute("lang", code)
        expect(page.locator(f"#language-{code}-speaker")).to_have_accessible_name(
            translate(client_screens.READ_ALOUD_ITEM, locale) % {"text": own}
        )
    assert page.locator("img[src*='flag']").count() == 0
    # A one-word name: the speaker plays the name's own clip, said by that language's voice.
    speaker = page.locator(f"#language-{locale}-speaker")
    assert f"/audio/{locale}/" in (speaker.get_attribute("data-audio-src") or "")
    speaker.click()
    expect(speaker).to_have_attribute("aria-pressed", "true")
    page.wait_for_function("() => window.__audios.length > 0 && window.__audios.at(-1).currentTime > 0.1")
    if locale == "ar":  # Back sits on the right and its arrow points right: the way back in this script
        assert x(page, ".control-bar__back") > x(page, "h1") - 1
        transform = page.locator(".control-bar__back img").evaluate("e => getComputedStyle(e).transform")
        assert transform.startswith("matrix(-1")
    page.locator(".control-bar__back a").click()

    page.get_by_role("link", name=translate(client_screens.START, locale)).click()
    first = QUESTIONNAIRE.questions[0]
    expect(page).to_have_url(f"{live_server.url}/client/questions/{first.id}")
    check_page(page, client=True)
    shoot(page, f"lang-{locale}-question")
    option = first.content_options[0]
    assert_reads_aloud(page, "question-read-aloud", ["question-text", f"text-{option.id}"], with_mouse)
    if locale == "ar":
        # Mirrored: the control bar runs from the right (Stop leftmost); the pictogram on the right of the question; the back arrow
        # points the other way; the progress path starts on the right.
        assert (
            x(page, ".control-bar__explain") > x(page, ".control-bar__break") > x(page, ".control-bar__stop")
        )
        assert x(page, ".question-head .pictogram") > x(page, ".question-head__text")
        assert x(page, ".progress__path li:first-child") > x(page, ".progress__path li:last-child")
    page.get_by_role("link", name=translate(client_screens.DONT_UNDERSTAND, locale)).click()
    check_page(page, client=True)
    page.goto(f"{live_server.url}/client/questions/{first.id}")
    answer_all_questions(page, live_server, locale)
    check_page(page, client=True)
    shoot(page, f"lang-{locale}-done")
