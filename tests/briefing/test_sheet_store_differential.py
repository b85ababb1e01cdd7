"""A stored sheet is the sheet a fresh build gives: for generated preparations, before and after changes.

For each generated preparation (tests/briefing/generated.py) in the database, every stored output (the
sheet page's body, the document the PDF is made from, the officer's page around a stored body) equals the
one built and rendered anew, in both languages, on the view that stores it and on the next one that reads
it; and again after each change a sheet depends on: an answer (the consent goes stale: both say so), a new
consent with other decisions, a settings value outside the consent, the client's language. The changes are
made with sheet_store.forget switched off, so what is shown is right even when a code path forgets to
delete stored sheets: the digest of the inputs alone decides. Since a fresh sheet carries only consented
sections (test_consent_differential.py), so does a stored one.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from typing import Any

import pytest
from flask import Flask
from sqlalchemy import func, select

from easyreport.briefing import free_text, kept, service, sheet_store, suspect
from easyreport.briefing.consent import Decision
from easyreport.briefing.free_text import FREE_TEXT_FIELDS
from easyreport.briefing.models import SheetSettings, StoredSheet
from easyreport.briefing.needs import SECTIONS
from easyreport.briefing.sheet_store import SheetKind
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.preparation import service as preparations
from easyreport.roles import Role
from easyreport.sharing.models import Share
from easyreport.sharing.views import render_officer_sheet
from easyreport.timeutil import utcnow
from easyreport.translatable import translate
from tests.briefing.factory import admin_adds_organisation, get_preparation, make_preparation
from tests.briefing.generated import Case, _fresh_request_state, consent_for, generate

pytestmark = pytest.mark.usefixtures("compiled_catalogues")

SEEDS = range(30)
LOCALES = ("nl", "en")


def _store(app: Flask, owner_id: int, case: Case) -> str:
    """Put a generated case in the database through the services (settings as stored rows); return its id."""
    public_id = make_preparation(
        app,
        owner_id,
        answers=case.answers,
        observations=case.observations,
        client_locale=case.client_locale,
        age_band=case.age_band or "18-22",
    )
    admin_adds_organisation(app, case.settings["prepared_by_organisation"])
    with app.app_context():
        preparation = get_preparation(public_id)
        values = {**case.settings, "sheet_id": f"ER-S{case.seed:07d}"}
        row = SheetSettings(preparation_id=preparation.id, **values)
        # As save_settings stores them: every typed value checked, a flagged one confirmed by the counsellor.
        row.text_checks = {
            name: free_text.check_record(
                text, free_text.check_value(text, FREE_TEXT_FIELDS[name], "nl"), confirmed=True
            )
            for name in FREE_TEXT_FIELDS
            if (text := values.get(name) or "")
        }
        db.session.add(row)
        db.session.commit()
    _consent(app, public_id, owner_id, case)
    return public_id


def _consent(app: Flask, public_id: str, owner_id: int, case: Case) -> None:
    with app.app_context():
        preparation = get_preparation(public_id)
        data = service.gather(db.session, preparation, service.settings_for(db.session, preparation))
        consent = replace(
            consent_for(case, data.fingerprint),
            recorded_at=utcnow().replace(microsecond=0) - timedelta(hours=1),
        )
        service.record_consent(db.session, preparation, consent, asked_by_id=owner_id)
        db.session.commit()


def _fresh(public_id: str, locale: str, kind: SheetKind) -> Any:
    preparation = get_preparation(public_id)
    try:
        built = service.build_for(db.session, preparation, now=utcnow())
    except service.SheetBlocked as blocked:
        return blocked.reason
    _fresh_request_state()
    officer = render_officer_sheet(built, _share(), locale) if kind is SheetKind.PAGE else None
    return kept.rendered(built, locale, kind), officer


def _stored(public_id: str, locale: str, kind: SheetKind) -> Any:
    try:
        got = kept.kept_sheet(db.session, get_preparation(public_id), locale, kind, now=utcnow())
    except service.SheetBlocked as blocked:
        db.session.commit()
        return blocked.reason
    db.session.commit()
    _fresh_request_state()
    officer = render_officer_sheet(got, _share(), locale) if kind is SheetKind.PAGE else None
    return got, officer


def _share() -> Share:
    return Share(public_id="gen-share", read_confirmed_at=None, applied_rule_ids=None)


def _compare(app: Flask, public_id: str, stage: str, builds: list[int]) -> int:
    """Assert that stored output equals fresh output for every language and kind; return how many built."""
    shown = 0
    with app.test_request_context("/"):
        for locale in LOCALES:
            for kind in SheetKind:
                fresh = _fresh(public_id, locale, kind)
                before = len(builds)
                first = _stored(public_id, locale, kind)  # builds and stores (or is blocked)
                second = _stored(public_id, locale, kind)  # reads what the first stored
                assert first == fresh, (stage, locale, kind)
                assert second == fresh, (stage, locale, kind)
                if not isinstance(fresh, service.BlockReason):
                    shown += 1
                    # The first stored view built once; the second used the stored sheet without building.
                    assert len(builds) - before == 1, (stage, locale, kind)
    return shown


def _other_answer(case: Case) -> tuple[str, list[str]]:
    """Return an answered question and another valid answer to it."""
    for question in QUESTIONNAIRE:
        chosen = case.answers.get(question.id)
        options = [option.id for option in question.content_options]
        others = [option for option in options if (option,) != chosen]
        if chosen is not None and others:
            return question.id, [others[0]]
    raise AssertionError("no question to change")


def test_a_stored_sheet_equals_a_fresh_one_before_and_after_every_change(app, make_user, monkeypatch, builds):
    owner = make_user(Role.COUNSELLOR)
    # No deleting of stored sheets on changes: the digest alone must keep a changed sheet from being shown.
    monkeypatch.setattr(sheet_store, "forget", lambda session, preparation_id: None)
    shown = 0
    for seed in SEEDS:
        case = generate(seed, complete=True)
        public_id = _store(app, owner.id, case)
        shown += _compare(app, public_id, "first", builds)

        # An answer changes: the consent no longer fits, both say so.
        question_id, answer = _other_answer(case)
        with app.app_context():
            preparations.record_answer(
                db.session,
                get_preparation(public_id),
                QUESTIONNAIRE,
                question_id,
                answer,
                entered_by="counsellor",
                now=utcnow(),
            )
            db.session.commit()
        _compare(app, public_id, "answer changed", builds)

        # A new consent to the changed answers with other decisions: the other sections show (or not).
        flipped = {
            section: Decision.YES.value if decision != Decision.YES.value else Decision.NO.value
            for section, decision in case.decisions.items()
        }
        if all(decision == Decision.YES.value for decision in flipped.values()):
            flipped[SECTIONS[seed % len(SECTIONS)]] = Decision.NO.value
        changed = replace(
            case,
            decisions=flipped,
            card=Decision.NO.value if case.card == Decision.YES.value else Decision.YES.value,
        )
        _consent(app, public_id, owner.id, changed)
        shown += _compare(app, public_id, "new consent", builds)

        # A settings value outside the consent (the contact for the police), changed on the row directly.
        with app.app_context():
            settings = service.settings_for(db.session, get_preparation(public_id))
            assert settings is not None
            settings.contact_name = None if settings.contact_name else "K. de Vries"
            db.session.commit()
        shown += _compare(app, public_id, "contact changed", builds)

        # The client's language (the sheet names it).
        with app.app_context():
            preparation = get_preparation(public_id)
            preparation.client_locale = "en" if preparation.client_locale == "nl" else "nl"
            db.session.commit()
        shown += _compare(app, public_id, "language changed", builds)
    # Not vacuous: most stages of most cases have a sheet, and the changes were not all refused.
    assert shown >= len(SEEDS) * 2 * len(LOCALES) * len(SheetKind)
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(StoredSheet)) > 0


def test_the_suspect_card_withheld_stays_off_a_stored_sheet(app, make_user, builds):
    """The extra card is decided like a section: a stored sheet follows its consent too."""
    owner = make_user(Role.COUNSELLOR)
    case = next(
        c for seed in range(200) if (c := generate(seed, complete=True)).settings.get("possible_suspect")
    )
    case = replace(case, card=Decision.YES.value, card_teach_back="could_explain")
    public_id = _store(app, owner.id, case)
    title = translate(suspect.TITLE, "en")

    def body() -> str:
        with app.test_request_context("/"):
            got = kept.kept_sheet(db.session, get_preparation(public_id), "en", SheetKind.PAGE, now=utcnow())
            db.session.commit()
            return got.body

    assert _compare(app, public_id, "card shared", builds) and title in body()
    _consent(app, public_id, owner.id, replace(case, card=Decision.NO.value))
    assert _compare(app, public_id, "card withheld", builds) and title not in body()
