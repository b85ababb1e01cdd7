"""Consent and sheet in real Chromium: goal and route, the consent walk, the sheet, print view, PDF, client copy.

The preparation and its answers are made through the service; everything after that goes through the
browser. The counsellor's pages are in the counsellor's language, the consent cards and the client's
copy in the client's (the other language here), and the sheet in the counsellor's again.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from easyreport.briefing.consent import (
    LEGAL_BASIS_LABELS,
    METHOD_LABELS,
    TEACH_BACK_LABELS,
    LegalBasis,
    Method,
    TeachBack,
)
from easyreport.briefing.meta_choices import ROLE_LABELS, CounsellorRole
from easyreport.briefing.needs import SECTIONS
from easyreport.briefing.routing import (
    EXPLOITATION_LABELS,
    REASON_LABOUR_ALSO,
    REASON_VEILIG_THUIS,
    UNIT_LABELS,
    Exploitation,
    Unit,
)
from easyreport.briefing.sheet import GOAL_LABELS, TOP_THREE_TITLE, Goal
from easyreport.content import consent_cards
from easyreport.translatable import translate
from tests.briefing.factory import admin_adds_organisation, counsellor_id, make_preparation
from tests.browser.a11y import check_page
from tests.browser.actions import log_in
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

OTHER = {"nl": "en", "en": "nl"}
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-results" / "screenshots"

MELDCODE_LABEL = "The meldcode applies: violence or exploitation in the home circle, or child abuse"


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(data))
    return len(reader.pages), re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_consent_and_sheet_journey(page: Page, live_server, locale):
    client_locale = OTHER[locale]

    def ui(msgid: str) -> str:
        return translate(msgid, locale)

    def cl(msgid: str) -> str:
        return translate(msgid, client_locale)

    public_id = make_preparation(
        live_server.app, counsellor_id(live_server.app, "counsellor"), client_locale=client_locale
    )
    admin_adds_organisation(live_server.app, "Koraal")
    log_in(page, live_server.url, "counsellor", locale=locale)
    page.goto(f"{live_server.url}/briefing/{public_id}/")
    check_page(page)

    # Goal and route, with the suggestion and its reason.
    page.get_by_role("link", name=ui("Choose goal and route")).click()
    check_page(page)
    page.get_by_label(ui(GOAL_LABELS[Goal.INFORMATION]), exact=True).check()
    page.get_by_label(ui(EXPLOITATION_LABELS[Exploitation.CRIMINAL]), exact=True).check()
    # Labour exploitation too, where the meldcode applies: the Labour Authority as a second address, and
    # Veilig Thuis advice for the counsellor only.
    page.get_by_label(ui(EXPLOITATION_LABELS[Exploitation.LABOUR]), exact=True).check()
    page.get_by_label(ui(MELDCODE_LABEL), exact=True).check()
    page.get_by_label(ui(ROLE_LABELS[CounsellorRole.SUPPORT_WORKER]), exact=True).check()
    page.get_by_label("Koraal", exact=True).check()
    page.get_by_role("button", name=ui("Save and show the route")).click()
    route = page.get_by_role("region", name=ui("Route suggestion"))
    expect(route).to_contain_text(ui(UNIT_LABELS[Unit.AVIM]))
    expect(route).to_contain_text(ui(UNIT_LABELS[Unit.LABOUR_INSPECTORATE]))
    expect(route).to_contain_text(ui(REASON_LABOUR_ALSO))
    expect(route).to_contain_text(ui(REASON_VEILIG_THUIS))
    check_page(page)

    # The counsellor hands the device over: the consent walk runs in client mode, in the client's language.
    page.get_by_role("link", name=ui("Consent with the client")).click()
    check_page(page)
    page.get_by_role("button", name=ui("Start the consent with the client")).click()
    expect(page.locator("html")).to_have_attribute("lang", client_locale)
    expect(page.locator(".site-nav")).to_have_count(0)
    expect(page.get_by_role("heading", level=1)).to_have_text(cl(consent_cards.INTRO_TITLE))
    expect(page.get_by_text(cl(consent_cards.DUTY_LINES[1]))).to_be_visible()
    check_page(page)
    page.get_by_role("button", name=cl("Go on")).click()
    for section in SECTIONS:
        expect(page.get_by_role("heading", level=1)).to_have_text(cl(consent_cards.CARD_QUESTION))
        check_page(page)
        answer = consent_cards.NO if section == "safety" else consent_cards.YES
        page.get_by_role("button", name=cl(answer), exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(cl(consent_cards.DONE_TITLE))
    check_page(page)

    # The client gives the screen back; the counsellor unlocks and records navertellen, legal basis and how.
    page.get_by_role("link", name=cl(consent_cards.HAND_BACK_BUTTON)).click()
    page.get_by_label(cl("Password or PIN of the counsellor"), exact=True).fill(PASSWORD)
    page.get_by_role("button", name=cl("Unlock"), exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", locale)
    check_page(page)
    page.get_by_label(ui(TEACH_BACK_LABELS[TeachBack.COULD_EXPLAIN]), exact=True).check()
    page.get_by_label(
        ui("I told the client beforehand that the police must act when someone is still being exploited")
    ).check()
    page.get_by_label(ui(LEGAL_BASIS_LABELS[LegalBasis.CONSENT]), exact=True).check()
    page.get_by_label(ui(METHOD_LABELS[Method.ORAL]), exact=True).check()
    page.get_by_role("button", name=ui("Record consent")).click()
    expect(page.get_by_text(ui("Consent is recorded and up to date."))).to_be_visible()
    check_page(page)

    # The sheet on screen, in the counsellor's language.
    page.get_by_role("link", name=ui("Show the sheet")).click()
    expect(page.get_by_role("heading", name=ui(TOP_THREE_TITLE))).to_be_visible()
    expect(page.locator(".sheet-section--withheld")).to_have_count(1)
    check_page(page)
    top = [text.strip() for text in page.locator(".top-list li").all_inner_texts()]
    assert len(top) == 3
    # Page one's blocks, then page two's limited lists; "all advice" beyond the limits opens on screen.
    for heading in ("Goal, route and urgency", "Arrange before the interview"):
        expect(page.get_by_role("heading", name=ui(heading), exact=True)).to_be_visible()
    assert page.locator(".advice--do li").count() <= 12
    assert page.locator(".advice--dont li").count() <= 6
    more = page.locator("details.sheet__more")
    if more.count():
        more.locator("summary").click()
        expect(more.locator("li").first).to_be_visible()
        check_page(page)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for width, height in ((1024, 768), (320, 640)):
        page.set_viewport_size({"width": width, "height": height})
        check_page(page)
        page.screenshot(path=str(SCREENSHOTS / f"{locale}-sheet-{width}x{height}.png"), full_page=True)
    page.set_viewport_size({"width": 1280, "height": 720})

    # Print view: no site chrome or buttons, the sheet itself on at most two A4 pages.
    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator(".sheet-actions")).to_be_hidden()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    printed_pages, _ = pdf_text(page.pdf(format="A4"))
    assert printed_pages <= 2
    page.emulate_media(media="screen")

    # The PDF download: a real, tagged PDF holding the recommendations.
    with page.expect_download() as info:
        page.get_by_role("link", name=ui("Download PDF")).click()
    data = info.value.path().read_bytes()
    assert data.startswith(b"%PDF")
    pages, text = pdf_text(data)
    assert pages <= 2
    assert ui(TOP_THREE_TITLE) in text
    # Page one of the PDF is the brief: route, arrange before the interview, the top three.
    first = re.sub(r"\s+", " ", PdfReader(io.BytesIO(data)).pages[0].extract_text())
    for heading in (
        "Goal, route and urgency",
        "Arrange before the interview",
        TOP_THREE_TITLE,
        "Prepared by",
    ):
        assert ui(heading) in first, heading
    assert "Koraal" in first
    for line in top:
        # The top box prints "DO: text"; the recommendation text itself must be in the PDF.
        assert line.split(":", 1)[1].strip()[:60] in text

    # The client's own copy, in the client's language: the whole copy for the counsellor to print or hand over.
    page.get_by_role("link", name=ui("Client's copy")).click()
    expect(page.locator("html")).to_have_attribute("lang", client_locale)
    expect(page.get_by_role("heading", level=1)).to_have_text(cl(consent_cards.COPY_TITLE))
    expect(page.get_by_role("heading", name=cl(consent_cards.COPY_NOT_SHARED))).to_be_visible()
    check_page(page)
