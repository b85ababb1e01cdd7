"""Officer feedback and the coordinator's evaluation in real Chromium, with axe, in Dutch and English."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect
from sqlalchemy import select, update

from easyreport.accounts.models import User
from easyreport.evaluation.demo import seed_history
from easyreport.extensions import db
from easyreport.preparation import service as preparations
from easyreport.preparation.models import Preparation
from easyreport.sharing import service as sharing
from easyreport.sharing.models import Share
from easyreport.timeutil import utcnow
from tests.briefing.factory import counsellor_id, ready_sheet
from tests.browser.a11y import check_page
from tests.browser.actions import log_in

pytestmark = pytest.mark.browser

SHOTS = Path("/tmp/feedback-shots")
T = {
    "nl": {
        "read": "Ja",
        "helped": "Hielp",
        "save": "Terugkoppeling opslaan",
        "saved": "Je terugkoppeling is opgeslagen",
    },
    "en": {"read": "Yes", "helped": "Helped", "save": "Save the feedback", "saved": "Your feedback is saved"},
}


def _share_with_officer(app) -> str:
    public_id = ready_sheet(app, counsellor_id(app, "counsellor"))
    with app.app_context():
        preparation = db.session.scalar(select(Preparation).where(Preparation.public_id == public_id))
        officer = db.session.scalar(select(User).where(User.username == "officer"))
        (record,) = sharing.share(
            db.session, preparation, [officer.id], 14, by=preparation.counsellor_id, now=utcnow()
        )
        db.session.commit()
        return record.public_id


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_officer_gives_feedback(browser: Browser, live_server, locale):
    t = T[locale]
    share_id = _share_with_officer(live_server.app)
    page = browser.new_context(viewport={"width": 1024, "height": 768}).new_page()
    log_in(page, live_server.url, "officer", locale=locale)
    page.goto(f"{live_server.url}/officer/sheets/{share_id}/feedback")
    check_page(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"officer-feedback-{locale}-1024.png"), full_page=False)
    page.locator("input[type=date]").fill(utcnow().date().isoformat())
    page.locator("#read_before-group").get_by_label(t["read"], exact=True).check()
    page.locator("fieldset.feedback-rule").first.get_by_label(t["helped"], exact=True).check()
    page.get_by_role("button", name=t["save"]).click()
    expect(page.get_by_text(re.compile(t["saved"]))).to_be_visible()
    check_page(page)
    page.set_viewport_size({"width": 320, "height": 700})
    page.screenshot(path=str(SHOTS / f"officer-feedback-{locale}-320.png"), full_page=False)
    # The live server is shared by every browser test: end this share, so the officer's list is as it was.
    with live_server.app.app_context():
        db.session.execute(update(Share).where(Share.public_id == share_id).values(revoked_at=utcnow()))
        db.session.commit()


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_coordinator_reads_the_evaluation(browser: Browser, live_server, locale):
    app = live_server.app
    with app.app_context():
        seed_history(db.session, utcnow().date())  # a year of anonymous counts (once per live server)
        db.session.commit()
    page = browser.new_context(viewport={"width": 1024, "height": 768}).new_page()
    log_in(page, live_server.url, "coordinator", locale=locale)
    page.goto(f"{live_server.url}/coordinator/evaluation")
    expect(page.locator("svg.chart").first).to_be_visible()
    check_page(page)
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"evaluation-{locale}-1024.png"), full_page=True)
    page.set_viewport_size({"width": 320, "height": 700})
    page.screenshot(path=str(SHOTS / f"evaluation-{locale}-320.png"), full_page=False)
    page.set_viewport_size({"width": 1024, "height": 768})
    page.get_by_label(re.compile("Eerste maand|First month")).fill("2026-12")
    page.get_by_label(re.compile("Laatste maand|Last month")).fill("2026-01")
    page.get_by_role("button", name=re.compile("^(Show|Tonen)$")).click()
    expect(page.locator(".error-summary")).to_be_visible()
    check_page(page)


HAND_OVER = {"nl": "Geef het apparaat aan de cliënt", "en": "Hand the device to the client"}


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_client_gives_feedback_in_client_mode(page, live_server, locale):
    from easyreport.content import client_screens
    from easyreport.feedback.client_questions import CLIENT_FEEDBACK
    from easyreport.translatable import translate
    from tests.browser.test_read_aloud_journeys import TRACK_AUDIO, assert_reads_aloud, with_keyboard

    app = live_server.app
    with app.app_context():
        preparation = preparations.create(
            db.session, counsellor_id(app, "counsellor"), "F1", "18-22", locale, now=utcnow()
        )
        db.session.commit()
        public_id = preparation.public_id
    page.add_init_script(TRACK_AUDIO)
    page.set_viewport_size({"width": 1024, "height": 768})
    log_in(page, live_server.url, "counsellor", locale=locale)
    page.goto(f"{live_server.url}/counsellor/preparations/{public_id}/interview")
    check_page(page)
    page.get_by_role("button", name=HAND_OVER[locale]).click()
    expect(page).to_have_url(f"{live_server.url}/counsellor/preparations/{public_id}/client-feedback")
    check_page(page, client=True)
    assert_reads_aloud(page, "start-read-aloud", ["start-title", "start-1"], with_keyboard)
    page.get_by_role("link", name=translate(client_screens.START, locale)).click()
    SHOTS.mkdir(exist_ok=True)
    for index, question in enumerate(CLIENT_FEEDBACK):
        expect(page.locator("h1")).to_have_text(translate(question.text, locale))
        if index in (0, 4):
            check_page(page, client=True)
            page.screenshot(path=str(SHOTS / f"client-{question.id}-{locale}-1024.png"), full_page=True)
            page.set_viewport_size({"width": 320, "height": 700})
            page.screenshot(path=str(SHOTS / f"client-{question.id}-{locale}-320.png"), full_page=True)
            page.set_viewport_size({"width": 1024, "height": 768})
        answer = question.options[-1] if index == 0 else question.content_options[0]
        page.get_by_role("button", name=translate(answer.text, locale), exact=True).click()
    expect(page.locator("h1")).to_have_text(translate(client_screens.THANKS_TITLE, locale))
    check_page(page, client=True)
    # Still locked: a staff page leads to the locked screen.
    page.goto(f"{live_server.url}/counsellor/")
    expect(page).to_have_url(re.compile(r"/client/locked"))
