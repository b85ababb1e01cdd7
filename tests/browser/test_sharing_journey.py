"""Sharing in real Chromium: share, officer reads, counsellor sees it, revokes, officer is shut out."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from tests.briefing.factory import counsellor_id, ready_sheet
from tests.browser.a11y import check_page
from tests.browser.actions import log_in

SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"

pytestmark = pytest.mark.browser

T = {
    "nl": {
        "share": "Het blad delen",
        "submit": "Het blad delen",
        "opened": "Ja, voor het eerst op",
        "revoke": "Intrekken",
        "read": "Ik heb dit gelezen voor het verhoor",
        "confirmed": "U heeft bevestigd",
        "none": "Er zijn nu geen bladen met u gedeeld.",
        "history": "Wie heeft het blad bekeken",
    },
    "en": {
        "share": "Share the sheet",
        "submit": "Share the sheet",
        "opened": "Yes, first at",
        "revoke": "Revoke",
        "read": "I read this before the interview",
        "confirmed": "You confirmed",
        "none": "No sheets are shared with you at the moment.",
        "history": "Access history",
    },
}


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_share_read_revoke(browser: Browser, live_server, locale):
    t = T[locale]
    public_id = ready_sheet(live_server.app, counsellor_id(live_server.app, "counsellor"))
    counsellor = browser.new_context().new_page()
    officer = browser.new_context().new_page()

    log_in(counsellor, live_server.url, "counsellor", locale=locale)
    counsellor.goto(f"{live_server.url}/counsellor/preparations/{public_id}/share")
    check_page(counsellor)
    counsellor.get_by_role("checkbox", name=re.compile("^officer")).check()
    counsellor.get_by_role("button", name=t["submit"]).click()
    expect(counsellor.get_by_role("row", name=re.compile("officer"))).to_be_visible()
    check_page(counsellor)

    log_in(officer, live_server.url, "officer", locale=locale)
    officer.locator("table a").first.click()
    sheet_url = officer.url
    expect(officer.locator("article.sheet")).to_be_visible()
    check_page(officer)
    # The officer's sheet: the brief first, at tablet size and at 320 px.
    arrange = {"nl": "Vóór het verhoor regelen", "en": "Arrange before the interview"}[locale]
    expect(officer.get_by_role("heading", name=arrange, exact=True)).to_be_visible()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1024, 768), (320, 640)):
        officer.set_viewport_size({"width": width, "height": height})
        check_page(officer)
        officer.screenshot(
            path=str(SCREENSHOTS / f"{locale}-officer-sheet-{width}x{height}.png"), full_page=True
        )
    officer.set_viewport_size({"width": 1280, "height": 720})
    officer.get_by_role("button", name=t["read"]).click()
    expect(officer.get_by_text(t["confirmed"])).to_be_visible()
    with officer.expect_download() as download:
        officer.locator("a[href$='/pdf']").click()
    assert download.value.path().read_bytes().startswith(b"%PDF")

    counsellor.reload()
    expect(counsellor.get_by_text(t["opened"])).to_be_visible()
    counsellor.get_by_role("link", name=t["history"]).click()
    expect(counsellor.locator("table")).to_contain_text("view_sheet")
    check_page(counsellor)
    counsellor.go_back()
    counsellor.get_by_role("button", name=re.compile(t["revoke"])).first.click()

    response = officer.goto(sheet_url)
    assert response is not None and response.status == 404
    check_page(officer)
    officer.goto(f"{live_server.url}/officer/")
    expect(officer.get_by_text(t["none"])).to_be_visible()
    check_page(officer)
    counsellor.context.close()
    officer.context.close()
