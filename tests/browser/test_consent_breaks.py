"""Break, Stop and "I don't understand" in the consent walk, in real Chromium, in the client's language."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from easyreport.content import client_screens, consent_cards
from easyreport.translatable import translate
from tests.briefing.factory import counsellor_id, make_preparation, save_settings
from tests.browser.a11y import check_page
from tests.browser.actions import log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("client_locale", ["nl", "en"])
def test_break_stop_and_explanation_on_a_consent_card(page: Page, live_server, client_locale):
    def cl(msgid: str) -> str:
        return translate(msgid, client_locale)

    app = live_server.app
    public_id = make_preparation(app, counsellor_id(app, "counsellor"), client_locale=client_locale)
    save_settings(app, public_id)
    log_in(page, live_server.url, "counsellor", locale="nl")
    page.goto(f"{live_server.url}/briefing/{public_id}/")
    page.get_by_role("button", name=translate("Start the consent with the client", "nl")).click()
    page.get_by_role("button", name=cl("Go on")).click()
    card_url = page.url
    expect(page.get_by_role("heading", level=1)).to_have_text(cl(consent_cards.CARD_QUESTION))

    page.get_by_role("link", name=cl(client_screens.DONT_UNDERSTAND)).click()
    expect(page.get_by_role("heading", name=cl(client_screens.EXPLANATION_TITLE))).to_be_visible()
    expect(page.get_by_text(cl(consent_cards.CARD_EXPLAIN[1]))).to_be_visible()
    check_page(page)

    page.get_by_role("link", name=cl(client_screens.PAUSE), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(cl(client_screens.PAUSE_TITLE))
    check_page(page)
    page.get_by_role("link", name=cl(client_screens.GO_ON)).click()
    assert page.url == card_url

    page.get_by_role("link", name=cl(client_screens.STOP), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(cl(client_screens.STOP_QUESTION))
    check_page(page)
    page.get_by_role("button", name=cl(client_screens.STOP_CONFIRM), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(cl(client_screens.THANKS_TITLE))
    expect(page.get_by_text(cl(consent_cards.STOPPED_LINES[1]))).to_be_visible()
    check_page(page)
    # The device goes back through the locked screen; unlocking leads to the counsellor's overview.
    page.get_by_role("link", name=cl(consent_cards.HAND_BACK_BUTTON)).click()
    page.get_by_label(cl("Password or PIN of the counsellor"), exact=True).fill(PASSWORD)
    page.get_by_role("button", name=cl("Unlock"), exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_text(translate("No consent yet.", "nl"))).to_be_visible()
    assert page.url.endswith(f"/briefing/{public_id}/")
