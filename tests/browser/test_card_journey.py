"""The client's card in real Chromium (issue 16): the status page offers it, axe finds nothing, both downloads work.

The counsellor opens the page that offers the client's copy, in Dutch and in English, checks it with axe, and
downloads the card at card size and on A4; the PDFs are measured and their pages saved as screenshots.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from pypdf import PdfReader

from tests.briefing.factory import counsellor_id, ready_sheet
from tests.browser.a11y import check_page
from tests.browser.actions import log_in

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"
MM = 72 / 25.4

pytestmark = pytest.mark.browser

T = {
    "nl": {
        "card": "Download de kaart voor de cliënt (pdf, pasformaat)",
        "a4": "Download de kaart voor de cliënt op A4, met snijtekens (pdf)",
        "copy": "Toon de versie voor de cliënt",
    },
    "en": {
        "card": "Download the client's card (PDF, card size)",
        "a4": "Download the client's card on A4, with cut marks (PDF)",
        "copy": "Show the client's copy",
    },
}


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_the_status_page_offers_the_card_and_both_downloads_work(browser: Browser, live_server, locale):
    t = T[locale]
    public_id = ready_sheet(live_server.app, counsellor_id(live_server.app, "counsellor"), client_locale="uk")
    page = browser.new_context(accept_downloads=True).new_page()
    log_in(page, live_server.url, "counsellor", locale=locale)
    page.goto(f"{live_server.url}/briefing/{public_id}/")
    expect(page.get_by_role("link", name=t["card"])).to_be_visible()
    check_page(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"card-offered-{locale}.png"), full_page=True)

    for name, pages, size in (("card", 4, (85.6, 54)), ("a4", 1, (210, 297))):
        with page.expect_download() as info:
            page.get_by_role("link", name=t[name]).click()
        path = Path(info.value.path())
        reader = PdfReader(path)
        assert len(reader.pages) == pages
        for pdf_page in reader.pages:
            assert abs(float(pdf_page.mediabox.width) - size[0] * MM) <= 1
            assert abs(float(pdf_page.mediabox.height) - size[1] * MM) <= 1
        if locale == "nl":
            prefix = SCREENSHOTS / f"card-browser-{name}"
            subprocess.run(["pdftoppm", "-r", "100", "-png", str(path), str(prefix)], check=True)
    # Still on the status page: a download does not navigate away.
    expect(page.get_by_role("link", name=t["copy"])).to_be_visible()
