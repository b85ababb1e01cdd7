"""Build preparations, sheet settings and consent through the real services, for the briefing web tests."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime

from flask import Flask
from sqlalchemy import select

from easyreport.accounts.models import User
from easyreport.briefing import service
from easyreport.briefing.consent import Consent
from easyreport.briefing.meta_choices import CounsellorRole
from easyreport.briefing.needs import SECTIONS
from easyreport.briefing.organisations import add_organisation, organisation_names
from easyreport.briefing.process_info import Urgency
from easyreport.briefing.routing import RoutingInput
from easyreport.briefing.sheet import Goal, IdentificationLevel
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.preparation import service as preparations
from easyreport.preparation.models import Preparation
from easyreport.timeutil import utcnow

# A client with the needs a counsellor meets often: reads poorly, says yes when unsure, laughs under
# stress, wants a woman officer in plain clothes and time to decide.
TYPICAL: dict[str, list[str]] = {
    "reading": ["read_out"],
    "fast_talk": ["sometimes"],
    "long_sentences": ["yes"],
    "say_not_understood": ["no_hard"],
    "yes_when_unsure": ["yes"],
    "days_and_times": ["yes"],
    "numbers": ["sometimes"],
    "how_to_tell": ["talking", "drawing"],
    "attention": ["episode"],
    "hearing_and_seeing": ["rather_not_say"],  # content version 2, see below
    "day_plan": ["rather_not_say"],  # content version 2, see below
    "stress_signs": ["quiet", "laugh"],
    "what_helps": ["water", "walk"],
    "what_makes_it_worse": ["loud_voices", "closed_door"],
    "same_question_again": ["disbelieved"],
    "know_each_step": ["yes"],
    "officer_woman_or_man": ["woman"],
    "officer_clothes": ["normal_clothes"],
    "see_room_first": ["yes"],
    "officer_photo_first": ["no"],
    "same_officer": ["yes"],
    "door_open": ["open"],
    "breaks": ["often"],
    "break_signal": ["card"],
    "camera": ["yes"],
    "best_time": ["morning"],
    "trust_police": ["rather_not_say"],  # content version 2, see below
    "who_with_you": ["support_worker"],
    "after_the_talk": ["support_worker"],
    "feeling_after": ["rather_not_say"],  # content version 2, see below
    "afraid_to_be_seen": ["a_little"],
    "phone_looked_at": ["maybe"],
    "safe_at_home": ["yes"],
    "still_in_contact": ["rather_not_say"],  # content version 2, see below
    "medicine_tired": ["no"],
    "during_the_talk": ["rather_not_say"],  # content version 2, see below
    "getting_there": ["support_worker"],
    "someone_to_translate": ["no"],
    "know_what_you_want": ["not_yet"],
    "what_first": ["information_talk"],
}
assert set(TYPICAL) == {q.id for q in QUESTIONNAIRE}, "TYPICAL must answer every question"
# The questions added in content version 2 (issue 12) are answered "I'd rather not say", which leaves no trace on
# the sheet: TYPICAL's sheet stays the one the layout tests measure (two PDF pages). With real answers to them
# the current layout needs a third page; the sheet's new limits (page one / page two) are to absorb that.
# TYPICAL_V2 gives those real answers.
TYPICAL_V2: dict[str, list[str]] = {
    **TYPICAL,
    "hearing_and_seeing": ["well"],
    "day_plan": ["pictures"],
    "trust_police": ["not_sure"],
    "feeling_after": ["a_bit_bad"],
    "still_in_contact": ["no"],
    "during_the_talk": ["drink"],
}

TYPICAL_OBSERVATIONS: dict[str, list[str]] = {"communication": ["says_yes", "literal"], "stress": ["laughs"]}

# The same client's route settings: the talk should be soon, and the counsellor explained two of the four
# process points, so the sheet has both the "explained" and the "still to explain" line (the longest case).
TYPICAL_ROUTE: dict[str, object] = {
    "urgency": Urgency.SOON,
    "informed_about": ("information_talk", "recorded"),
}


def counsellor_id(app: Flask, username: str) -> int:
    """Return the id of an account by username."""
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.username == username))
        assert user_id is not None
        return user_id


def make_preparation(
    app: Flask,
    owner_id: int,
    *,
    answers: Mapping[str, Iterable[str]] | None = None,
    observations: Mapping[str, Iterable[str]] | None = None,
    client_locale: str = "nl",
    age_band: str = "18-22",
    note: str = "",
) -> str:
    """Create a preparation with answers (all of TYPICAL by default) and observations; return its public id."""
    with app.app_context():
        now = utcnow()
        preparation = preparations.create(db.session, owner_id, "A7", age_band, client_locale, now=now)
        for question_id, option_ids in (TYPICAL if answers is None else answers).items():
            preparations.record_answer(
                db.session,
                preparation,
                QUESTIONNAIRE,
                question_id,
                list(option_ids),
                entered_by="client",
                now=now,
            )
        for module_id, choice_ids in (TYPICAL_OBSERVATIONS if observations is None else observations).items():
            preparations.record_observation(
                db.session, preparation, module_id, list(choice_ids), note, now=now
            )
        db.session.commit()
        return preparation.public_id


def get_preparation(public_id: str) -> Preparation:
    """Load a preparation inside an app context."""
    preparation = db.session.scalar(select(Preparation).where(Preparation.public_id == public_id))
    assert preparation is not None
    return preparation


# The organisation the admin entered; save_settings adds it (as the admin would) before choosing it.
ORGANISATION = "Koraal"


def admin_adds_organisation(app: Flask, name: str = ORGANISATION) -> None:
    """Add an organisation name to the admin's list, unless it is there already."""
    with app.app_context():
        if name not in organisation_names(db.session):
            add_organisation(db.session, name, confirmed=True, locale="nl")
            db.session.commit()


def settings_input(**overrides: object) -> service.SettingsInput:
    """Sheet settings with sensible defaults; override any field."""
    fields: dict[str, object] = {
        "goal": Goal.INFORMATION,
        "identification": IdentificationLevel.ANONYMOUS,
        "identification_value": "",
        "routing": RoutingInput.from_values(["criminal"]),
        "possible_suspect": False,
        "prepared_by_role": CounsellorRole.SUPPORT_WORKER.value,
        "prepared_by_organisation": ORGANISATION,
        "prepared_with_client": True,
        "not_with_client_reason": "",
    }
    fields.update(overrides)
    return service.SettingsInput(**fields)  # type: ignore[arg-type]


def save_settings(app: Flask, public_id: str, **overrides: object) -> None:
    """Save sheet settings through the service (the admin has entered the organisation)."""
    admin_adds_organisation(app, str(overrides.get("prepared_by_organisation", ORGANISATION)))
    with app.app_context():
        service.save_settings(
            db.session, get_preparation(public_id), settings_input(**overrides), now=utcnow()
        )
        db.session.commit()


def give_consent(
    app: Flask,
    public_id: str,
    owner_id: int,
    *,
    withheld: Iterable[str] = (),
    recorded_at: datetime | None = None,
    **overrides: object,
) -> None:
    """Record consent for the current answers; sections in ``withheld`` get "no"."""
    withheld = set(withheld)
    with app.app_context():
        preparation = get_preparation(public_id)
        settings, data = service.ready_for_consent(db.session, preparation)
        fields: dict[str, object] = {
            "decisions": {s: ("no" if s in withheld else "yes") for s in SECTIONS},
            "teach_back": "could_explain",
            "legal_basis": "consent",
            "asked_by": settings.prepared_by_role,
            "recorded_at": recorded_at or utcnow(),
            "method": "oral",
            "answers_fingerprint": data.fingerprint,
            "informed_of_duty_to_act": True,
        }
        fields.update(overrides)
        service.record_consent(db.session, preparation, Consent(**fields), asked_by_id=owner_id)  # type: ignore[arg-type]
        db.session.commit()


def ready_sheet(
    app: Flask,
    owner_id: int,
    *,
    withheld: Iterable[str] = (),
    settings: Mapping[str, object] | None = None,
    **prep_kwargs: object,
) -> str:
    """A complete preparation with settings (``settings`` overrides some) and consent; return its public id."""
    public_id = make_preparation(app, owner_id, **prep_kwargs)  # type: ignore[arg-type]
    save_settings(app, public_id, **(settings or {}))
    give_consent(app, public_id, owner_id, withheld=withheld)
    return public_id
