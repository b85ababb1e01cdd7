"""The consent cards and the client's copy as the client meets them, in real Chromium at tablet and phone size.

The client holds the device: no staff link in the chrome, the decision in the first screen at 1024×768, one
read-aloud control per block, and every observation and the route visible on its card. Screenshots go to
$EASYREPORT_SCREENSHOTS when it is set (CI keeps them as artefacts).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from easyreport.briefing.needs import SECTIONS
from easyreport.content import client_screens, consent_cards
from easyreport.content.observations import ticked_in
from easyreport.translatable import translate
from tests.briefing.factory import TYPICAL_ROUTE, counsellor_id, give_consent, make_preparation, save_settings
from tests.browser.a11y import check_page
from tests.browser.actions import log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

TABLET = {"width": 1024, "height": 768}
PHONE = {"width": 320, "height": 640}
# Observations in several parts, the goal's one included, so cards show the counsellor's lines.
OBSERVED = {
    "communication": ["says_yes", "literal", "slow_processing"],
    "stress": ["laughs"],
    "conversation": ["breaks_often"],
    "goal": ["time_to_decide"],
}
STAFF_CHROME = (
    "a[href^='/counsellor'], a[href^='/admin'], a[href^='/briefing/'][href$='/'], form[action='/logout']"
)


def screenshot(page: Page, name: str) -> None:
    """Save what the client sees first, and the whole screen, when a folder is given."""
    folder = os.environ.get("EASYREPORT_SCREENSHOTS")
    if not folder:
        return
    Path(folder).mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(Path(folder) / f"{name}.png"))
    # Only the content under the header scrolls on a client screen: a tall window shows all of it at once.
    size = page.viewport_size
    assert size is not None
    tall = page.evaluate(
        "Math.max(document.documentElement.scrollHeight, ...[...document.querySelectorAll('main, .client-main')].map(e => e.scrollHeight + e.getBoundingClientRect().top))"
    )
    page.set_viewport_size({"width": size["width"], "height": int(tall) + 8})
    page.screenshot(path=str(Path(folder) / f"{name}-whole.png"))
    page.set_viewport_size(size)


def assert_client_chrome(page: Page, locale: str) -> None:
    """No staff navigation, no "logged in as", no log-out; the quick exit is there."""
    assert page.locator(STAFF_CHROME).count() == 0, page.url
    assert page.locator(".site-nav").count() == 0
    for text in ("Logged in as", "Ingelogd als", "Log out", "Uitloggen"):
        assert page.get_by_text(text).count() == 0, text
    expect(page.get_by_role("link", name=translate("Close screen", locale))).to_be_visible()


def assert_one_read_aloud_per_block(page: Page) -> None:
    """At most one full-width read-aloud control in any block of the screen."""
    counts = page.evaluate(
        """[...document.querySelectorAll('.card-head, .card-block, .question-head')]
        .filter(b => !b.parentElement.closest('.card-block'))
        .map(b => b.querySelectorAll(':scope button.read-aloud:not([hidden])').length)"""
    )
    assert counts and max(counts) <= 1, f"{page.url}: read-aloud controls per block {counts}"


def in_first_viewport(page: Page, selector: str) -> bool:
    """Tell whether every element of a selector lies inside the viewport without scrolling."""
    return bool(
        page.evaluate(
            """sel => { window.scrollTo(0, 0); document.querySelectorAll('main, .client-main').forEach(e => e.scrollTop = 0);
            const h = window.innerHeight;
            return [...document.querySelectorAll(sel)].every(e => {
              const r = e.getBoundingClientRect(); return r.top >= 0 && r.bottom <= h && r.height > 0; }); }""",
            selector,
        )
    )


@pytest.mark.parametrize("client_locale", ["nl", "en"])
def test_the_consent_cards_and_the_copy_as_the_client_sees_them(page: Page, live_server, client_locale):
    def cl(msgid: str) -> str:
        return translate(msgid, client_locale)

    app = live_server.app
    owner = counsellor_id(app, "counsellor")
    public_id = make_preparation(app, owner, client_locale=client_locale, observations=OBSERVED)
    save_settings(app, public_id, possible_suspect=True, **TYPICAL_ROUTE)
    page.set_viewport_size(TABLET)
    log_in(page, live_server.url, "counsellor", locale="nl")
    page.goto(f"{live_server.url}/briefing/{public_id}/")
    page.get_by_role("button", name=translate("Start the consent with the client", "nl")).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(cl(consent_cards.INTRO_TITLE))
    assert_client_chrome(page, client_locale)
    assert_one_read_aloud_per_block(page)
    check_page(page, client=True)
    screenshot(page, f"consent-intro-{client_locale}-1024")
    page.get_by_role("button", name=cl(client_screens.GO_ON), exact=True).click()

    for section in SECTIONS:
        expect(page.get_by_role("heading", level=1)).to_have_text(cl(consent_cards.CARD_QUESTION))
        page.set_viewport_size(TABLET)
        assert_client_chrome(page, client_locale)
        assert in_first_viewport(page, ".decision-answers .answer-button"), (
            f"{section}: decision below the fold"
        )
        assert_one_read_aloud_per_block(page)
        for observation in ticked_in(section, OBSERVED.get(section, ())):
            expect(page.get_by_text(cl(observation.client_text), exact=True)).to_be_visible()
        if section == "goal":
            for line in consent_cards.ROUTE_TEAMS["avim"]:
                expect(page.get_by_text(cl(line), exact=True)).to_be_visible()
            # The rights are the suspect card's own, after the seven parts.
            expect(page.get_by_text(cl(consent_cards.CARD_RIGHTS[0]), exact=True)).to_have_count(0)
        # The rest of what was said is one press away.
        more = page.locator("details.said-more")
        if more.count():
            more.locator("summary").click()
            expect(more.locator(".said-line").first).to_be_visible()
        check_page(page, client=True)
        screenshot(page, f"consent-{section}-{client_locale}-1024")
        page.set_viewport_size(PHONE)
        assert_client_chrome(page, client_locale)
        screenshot(page, f"consent-{section}-{client_locale}-320")
        page.set_viewport_size(TABLET)
        answer = consent_cards.NO if section == "safety" else consent_cards.YES
        page.get_by_role("button", name=cl(answer), exact=True).click()

    # The possible-suspect card: its own decision, in easy words.
    expect(page.get_by_role("heading", level=1)).to_have_text(cl(consent_cards.CARD_QUESTION))
    assert in_first_viewport(page, ".decision-answers .answer-button"), "suspect: decision below the fold"
    for line in consent_cards.SUSPECT_CARD_LINES:
        expect(page.get_by_text(cl(line), exact=True)).to_be_visible()
    assert_client_chrome(page, client_locale)
    assert_one_read_aloud_per_block(page)
    check_page(page, client=True)
    screenshot(page, f"consent-suspect-{client_locale}-1024")
    page.get_by_role("button", name=cl(consent_cards.YES), exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text(cl(consent_cards.DONE_TITLE))
    assert_client_chrome(page, client_locale)
    check_page(page, client=True)
    # A staff page typed in the address bar shows the locked screen.
    page.goto(f"{live_server.url}/briefing/{public_id}/sheet")
    assert page.url.endswith("/client/locked")
    page.go_back()
    page.get_by_role("link", name=cl(consent_cards.HAND_BACK_BUTTON)).click()
    assert page.url.endswith("/client/locked")
    page.get_by_label(cl("Password or PIN of the counsellor"), exact=True).fill(PASSWORD)
    page.get_by_role("button", name=cl("Unlock"), exact=True).click()
    assert page.url.endswith(f"/briefing/{public_id}/consent/record")
    expect(page.locator("html")).to_have_attribute("lang", "nl")  # the counsellor's page, language and chrome
    expect(page.locator(".site-nav")).to_be_visible()

    # The client's copy: a few short pages in client mode.
    give_consent(app, public_id, owner, withheld=("safety",))
    page.goto(f"{live_server.url}/briefing/{public_id}/client-copy")
    page.get_by_role("button", name=cl("Give the copy to the client")).click()
    number = 1
    while True:
        assert page.url.endswith(f"/client-copy/{number}")
        assert_client_chrome(page, client_locale)
        assert_one_read_aloud_per_block(page)
        check_page(page, client=True)
        height = page.evaluate("document.documentElement.scrollHeight")
        assert height < 2600, f"copy page {number} is {height}px tall"
        screenshot(page, f"copy-{number}-{client_locale}-1024")
        page.set_viewport_size(PHONE)
        screenshot(page, f"copy-{number}-{client_locale}-320")
        page.set_viewport_size(TABLET)
        go_on = page.locator(".copy-nav").get_by_role("link", name=cl(client_screens.GO_ON))
        if not go_on.count():
            break
        go_on.click()
        number += 1
    assert number == len(SECTIONS) + 1  # overview, six shared parts, what happens next
    # Printed, any page is the whole copy: every topic shows, the buttons do not.
    page.emulate_media(media="print")
    expect(page.locator(".copy-page")).to_have_count(number)
    for topic in page.locator(".copy-page").all():
        expect(topic).to_be_visible()
    expect(page.locator(".copy-nav")).to_be_hidden()
    page.emulate_media(media="screen")
    page.get_by_role("link", name=cl(consent_cards.HAND_BACK_BUTTON)).click()
    assert page.url.endswith("/client/locked")
