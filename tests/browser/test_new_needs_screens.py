"""The screens of content version 2 (issue 12) in Chromium, in Dutch and English: axe, client rules, screenshots.

Every new or changed client question as the client sees it (with "No need" or "Something else" where they are
offered, and the two fixed answers), answering one of them, the settings page with the preferred name and the
interpreter's language, and the sheet that shows them. Screenshots at 1024x768 and 320x640 go to
test-results/screenshots/new-needs-*.png.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from easyreport import accessibility
from easyreport.content.model import DONT_KNOW, RATHER_NOT_SAY
from easyreport.content.questionnaire import ADDED_IN_VERSION_2, QUESTIONNAIRE
from easyreport.translatable import translate
from tests.briefing.factory import (
    TYPICAL_V2,
    admin_adds_organisation,
    counsellor_id,
    give_consent,
    make_preparation,
    save_settings,
)
from tests.browser.a11y import check_page
from tests.browser.actions import log_in

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
CHANGED = (
    "how_to_tell",
    "what_makes_it_worse",
    "same_question_again",
    "know_each_step",
    "see_room_first",
    "officer_photo_first",
    "same_officer",
    "door_open",
    "camera",
    "getting_there",
    "someone_to_translate",
)
SCREENS = sorted(ADDED_IN_VERSION_2) + list(CHANGED)
# The screens photographed at both sizes (the rest at tablet size only, to keep the run short).
PHOTOGRAPHED = ("hearing_and_seeing", "during_the_talk", "same_question_again", "someone_to_translate")


def into_client_mode(page: Page, live_server, locale: str) -> str:
    public_id = make_preparation(
        live_server.app, counsellor_id(live_server.app, "counsellor"), client_locale=locale
    )
    log_in(page, live_server.url, "counsellor", locale=locale)
    page.goto(f"{live_server.url}/counsellor/preparations/{public_id}")
    page.locator("form[action$='/client-mode'] button").click()
    expect(page).to_have_url(re.compile("/client/"))
    return public_id


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_every_new_and_changed_question_as_the_client_sees_it(page: Page, live_server, locale):
    into_client_mode(page, live_server, locale)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for question_id in SCREENS:
        question = QUESTIONNAIRE.find(question_id)
        assert question is not None
        page.set_viewport_size({"width": 1024, "height": 768})
        page.goto(f"{live_server.url}/client/questions/{question_id}")
        expect(page.get_by_role("heading", level=1)).to_contain_text(translate(question.text, locale)[:20])
        answers = page.locator(".answer-button")
        expect(answers).to_have_count(len(question.options))
        for option in (DONT_KNOW, RATHER_NOT_SAY):
            expect(answers.filter(has_text=translate(option.text, locale))).to_have_count(1)
        check_page(page, client=True)
        sizes = accessibility.CLIENT_VIEWPORTS if question_id in PHOTOGRAPHED else ((1024, 768),)
        for width, height in sizes:
            page.set_viewport_size({"width": width, "height": height})
            page.screenshot(path=str(SCREENSHOTS / f"new-needs-{locale}-{question_id}-{width}x{height}.png"))
        page.goto(f"{live_server.url}/client/questions/{question_id}?explain=1")
        expect(page.get_by_text(translate(question.explanation, locale))).to_be_visible()


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_the_client_answers_a_rebalanced_question_with_no_need(page: Page, live_server, locale):
    into_client_mode(page, live_server, locale)
    page.goto(f"{live_server.url}/client/questions/see_room_first")
    no_need = page.locator(".answer-button").filter(has_text=translate("No need", locale))
    expect(no_need).to_have_count(1)
    no_need.first.focus()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile("/client/questions/(?!see_room_first)"))
    check_page(page, client=True)


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_settings_with_name_and_language_then_the_sheet(page: Page, live_server, locale):
    def ui(msgid: str) -> str:
        return translate(msgid, locale)

    app = live_server.app
    owner = counsellor_id(app, "counsellor")
    public_id = make_preparation(app, owner, answers=TYPICAL_V2)
    admin_adds_organisation(app, "Koraal")
    save_settings(app, public_id, prepared_by_organisation="Koraal")
    log_in(page, live_server.url, "counsellor", locale=locale)
    page.goto(f"{live_server.url}/briefing/{public_id}/settings")
    check_page(page)
    page.get_by_label(ui("The name the client wants to be called (optional)")).fill("Sam")
    page.get_by_label(f"Polski ({ui('Polish')})", exact=True).check()
    page.set_viewport_size({"width": 1024, "height": 768})
    page.get_by_label(f"Polski ({ui('Polish')})", exact=True).scroll_into_view_if_needed()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"new-needs-{locale}-settings-1024x768.png"))
    page.set_viewport_size({"width": 320, "height": 640})
    page.screenshot(path=str(SCREENSHOTS / f"new-needs-{locale}-settings-320x640.png"))
    page.set_viewport_size({"width": 1024, "height": 768})
    page.get_by_role("button", name=ui("Save and show the route")).click()
    expect(page.get_by_role("region", name=ui("Route suggestion"))).to_be_visible()
    check_page(page)
    # A code that is not on the list gets a message, not an error page.
    page.evaluate("document.querySelector('input[name=interpreter_language][value=pl]').value = 'xx'")
    page.get_by_role("button", name=ui("Save and show the route")).click()
    expect(page.get_by_text(ui("Choose a language from the list, or something else.")).first).to_be_visible()
    check_page(page)

    give_consent(app, public_id, owner)
    page.goto(f"{live_server.url}/briefing/{public_id}/sheet")
    expect(page.get_by_text(f"{ui('Wants to be called')}:")).to_be_visible()
    # The language once, in "arrange before the interview" on page one, with its own name.
    expect(page.locator(".arrange__topic--interpreter").filter(has_text="Polski")).to_have_count(1)
    expect(page.get_by_text("Polski")).to_have_count(1)
    check_page(page)
    page.screenshot(path=str(SCREENSHOTS / f"new-needs-{locale}-sheet-1024x768.png"), full_page=True)
