"""Consent over HTTP: one preparation served through the database, with a section withheld and with its data
removed, gives the same bytes in every format (the generated cases are in test_consent_differential.py)."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from easyreport.accounts import service as accounts
from easyreport.briefing import service as briefing
from easyreport.briefing.routing import REASON_THREATS, RoutingInput
from easyreport.content.model import RATHER_NOT_SAY
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.roles import Role
from easyreport.sharing import service as sharing
from easyreport.timeutil import utcnow
from easyreport.translatable import translate
from tests.briefing.factory import (
    TYPICAL,
    TYPICAL_OBSERVATIONS,
    get_preparation,
    give_consent,
    make_preparation,
    save_settings,
)
from tests.briefing.generated import PUBLIC_ID, SHARE_ID, SHEET_ID, first_difference, pdf_text
from tests.conftest import PASSWORD, login, make_test_app

pytestmark = pytest.mark.usefixtures("compiled_catalogues")

# The leak seen in trying the sheet: "Feeling safe" withheld, its route facts set, the goal shared.
HTTP_WITHHELD = "safety"
HTTP_SETTINGS: dict[str, object] = {
    "routing": RoutingInput.from_values(["criminal"], threats_or_unsafety=True, missing_person=True),
    "possible_suspect": True,
}
HTTP_OBSERVATIONS = {**TYPICAL_OBSERVATIONS, "safety": ["phone"]}


def _served_world(root: Path, *, remove_section: bool, recorded_at: datetime) -> dict[str, bytes | str]:
    """One database with one preparation, shared with one officer; every id fixed; return each output."""
    root.mkdir()
    app = make_test_app(root)
    with app.app_context():
        counsellor = accounts.create_account(
            db.session, "counsellor1", Role.COUNSELLOR, PASSWORD, min_length=1
        )
        officer = accounts.create_account(db.session, "officer1", Role.OFFICER, PASSWORD, min_length=1)
        db.session.commit()
        counsellor_id, officer_id = counsellor.id, officer.id
    answers = dict(TYPICAL)
    observations = dict(HTTP_OBSERVATIONS)
    settings = dict(HTTP_SETTINGS)
    if remove_section:
        # A complete preparation without the section's data: its answers "I'd rather not say" (which never
        # reaches an output), its observations unticked, its route facts cleared.
        for question in QUESTIONNAIRE.questions_in(HTTP_WITHHELD):
            answers[question.id] = [RATHER_NOT_SAY.id]
        observations.pop(HTTP_WITHHELD)
        settings["routing"] = RoutingInput.from_values(["criminal"])
    public_id = make_preparation(app, counsellor_id, answers=answers, observations=observations)
    save_settings(app, public_id, **settings)
    with app.app_context():
        preparation = get_preparation(public_id)
        preparation.public_id = PUBLIC_ID
        briefing.settings_for(db.session, preparation).sheet_id = SHEET_ID  # type: ignore[union-attr]
        db.session.commit()
    give_consent(app, PUBLIC_ID, counsellor_id, withheld={HTTP_WITHHELD}, recorded_at=recorded_at)
    with app.app_context():
        (record,) = sharing.share(
            db.session, get_preparation(PUBLIC_ID), [officer_id], 14, by=counsellor_id, now=recorded_at
        )
        record.public_id = SHARE_ID
        db.session.commit()
    counsellor_client, officer_client = app.test_client(), app.test_client()
    assert login(counsellor_client, "counsellor1").status_code == 302
    assert login(officer_client, "officer1").status_code == 302
    pages = {
        "json": counsellor_client.get(f"/briefing/{PUBLIC_ID}/sheet.json"),
        "screen": counsellor_client.get(f"/briefing/{PUBLIC_ID}/sheet"),
        "pdf": counsellor_client.get(f"/briefing/{PUBLIC_ID}/sheet.pdf"),
        "client_copy": counsellor_client.get(f"/briefing/{PUBLIC_ID}/client-copy"),
        "officer": officer_client.get(f"/officer/sheets/{SHARE_ID}"),
    }
    assert {name: page.status_code for name, page in pages.items()} == dict.fromkeys(pages, 200)
    out: dict[str, bytes | str] = {name: page.text for name, page in pages.items() if name != "pdf"}
    out["pdf"] = pdf_text(pages["pdf"].data)
    return out


def _session_bound(html: str) -> str:
    # The CSRF token is bound to the browser session: the one value that legitimately differs.
    return re.sub(r'(name="csrf_token"[^>]*value=")[^"]+', r"\1…", html)


def test_over_http_a_withheld_section_leaves_no_trace_in_any_format(tmp_path):
    recorded_at = utcnow().replace(microsecond=0) - timedelta(hours=1)
    withheld = _served_world(tmp_path / "withheld", remove_section=False, recorded_at=recorded_at)
    removed = _served_world(tmp_path / "removed", remove_section=True, recorded_at=recorded_at)
    for name in withheld:
        assert _session_bound(str(withheld[name])) == _session_bound(str(removed[name])), (
            name,
            first_difference(
                {name: _session_bound(str(withheld[name]))}, {name: _session_bound(str(removed[name]))}
            ),
        )
    # Not vacuous: the route is on the sheet, without the withheld reasons.
    assert "AVIM" in str(withheld["pdf"])
    assert translate(REASON_THREATS, "nl") not in str(withheld["screen"])
