"""The consent walk: the easy-read introduction and cards in the client's language, then the record.

The client holds the device for the walk: the counsellor starts it with a POST (start_consent), which
puts the device in client mode for this preparation (preparation/client_views.py), so every staff page
shows the locked screen until the counsellor unlocks. The client chooses per card; the done screen
hands the device back through the locked screen, and after unlocking the counsellor records teach-back,
the legal basis and how consent was given (service.record_consent) on a staff page. Outside client mode
a consent screen says how to start the walk. Break and Stop are in consent_break_views.py.
"""

from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse

from easyreport.audit.chain import Action
from easyreport.audit.record import audit
from easyreport.auth import current_user, role_required
from easyreport.briefing import consent_walk, service
from easyreport.briefing.consent import (
    CONFLICT_OF_DUTIES_QUESTIONS,
    DECISION_LABELS,
    Consent,
    ConsentWithoutUnderstanding,
    Decision,
    InvalidValue,
    LegalBasis,
    MissingDecision,
    MissingReasoning,
    NotInformedOfDutyToAct,
    UnknownSection,
    shared_sections,
)
from easyreport.briefing.forms import (
    ConsentRecordForm,
    ContinueForm,
    DecisionForm,
)
from easyreport.briefing.needs import SECTION_TITLES, SECTIONS
from easyreport.briefing.service import SheetBlocked
from easyreport.briefing.sheet import IdentificationLevel
from easyreport.briefing.views import blocked_page, bp, client_language, overview_url, owned_preparation
from easyreport.content import client_screens, consent_cards
from easyreport.extensions import db
from easyreport.preparation.client_views import CONSENT, client_walk, hold_for_client, start_walk
from easyreport.preparation.models import Preparation
from easyreport.roles import Role
from easyreport.timeutil import utcnow


def _identification_line(settings: service.SheetSettings) -> str:
    level = IdentificationLevel(settings.identification)
    return {
        IdentificationLevel.ANONYMOUS: consent_cards.NAME_NOT_ON_SHEET,
        IdentificationLevel.PSEUDONYM: consent_cards.OTHER_NAME_ON_SHEET,
        IdentificationLevel.NAME: consent_cards.NAME_ON_SHEET,
    }[level]


# The cards the client has seen in this walk, by preparation: {public_id: {card id: fingerprint}}.
SEEN_KEY = "consent_seen"


def _seen(public_id: str) -> dict[str, str]:
    seen: dict[str, str] = dict((session.get(SEEN_KEY) or {}).get(public_id, {}))
    return seen


def _mark_seen(public_id: str, card: consent_walk.Card) -> None:
    session[SEEN_KEY] = {public_id: {**_seen(public_id), card.id: card.fingerprint}}


def goal_extras(settings: service.SheetSettings) -> consent_walk.GoalExtras:
    """Return what the goal card shows from the sheet settings."""
    advice = service.routing_advice(settings)
    teams = tuple(unit.value for unit in ((advice.unit,) if advice.unit else ()) + advice.also)
    return consent_walk.GoalExtras(
        teams=teams,
        urgency=service.stored_urgency(settings) is not None,
        known=bool(service.stored_informed_about(settings)),
        possible_suspect=bool(settings.possible_suspect),
    )


def walk_cards(
    settings: service.SheetSettings, data: service.PreparationData
) -> tuple[consent_walk.Card, ...]:
    """Return the consent cards of a preparation as they are now."""
    return consent_walk.build_cards(data.answers, data.observations, goal_extras(settings))


def not_handed_over(preparation: Preparation, status: int | None = None) -> tuple[str, int]:
    """Outside client mode a consent screen says how to start the walk with the client (never a 500).

    The introduction's address is the counsellor's way in (the steps menu links it), so it answers 200;
    a card, Break, Stop or done screen opened outside client mode answers 409.
    """
    html = render_template(
        "briefing/consent_start.html",
        preparation=preparation,
        form=ContinueForm(formdata=None),
        overview=overview_url(preparation),
    )
    return html, NOT_HANDED_OVER if status is None else status


NOT_HANDED_OVER = 409


def in_walk(preparation: Preparation) -> bool:
    """Tell whether this device is in the consent walk for this preparation (enforce_client_mode checked it)."""
    if client_walk() != CONSENT:
        return False
    hold_for_client(preparation)
    return True


@bp.route("/<public_id>/consent/start", methods=["POST"], endpoint="start_consent")
@role_required(Role.COUNSELLOR)
def start_consent(public_id: str) -> BaseResponse | tuple[str, int]:
    """Hand the device to the client for the consent walk: from now on only its screens can be reached."""
    preparation = owned_preparation(public_id)
    try:
        service.ready_for_consent(db.session, preparation)
    except SheetBlocked as blocked:
        return blocked_page(preparation, blocked.reason)
    if not ContinueForm().validate_on_submit():
        return not_handed_over(preparation)
    start_walk(preparation, CONSENT)
    # Each card must be seen again in this walk before the client can decide on it.
    session.pop(SEEN_KEY, None)
    return redirect(url_for("briefing.consent_intro", public_id=public_id))


@bp.route("/<public_id>/consent", methods=["GET", "POST"], endpoint="consent_intro")
@role_required(Role.COUNSELLOR)
def consent_intro(public_id: str) -> BaseResponse | str | tuple[str, int]:
    """The easy-read start of consent: who gets the sheet, why, the choice, and the police's duty to act."""
    preparation = owned_preparation(public_id)
    try:
        settings, _data = service.ready_for_consent(db.session, preparation)
    except SheetBlocked as blocked:
        return blocked_page(preparation, blocked.reason)
    if not in_walk(preparation):
        return not_handed_over(preparation, 200 if request.method == "GET" else None)
    form = ContinueForm()
    if form.validate_on_submit():
        service.mark_intro_seen(db.session, preparation, now=utcnow())
        db.session.commit()
        return redirect(url_for("briefing.consent_section", public_id=public_id, section=SECTIONS[0]))
    with client_language(preparation):
        return render_template(
            "briefing/consent_intro.html",
            preparation=preparation,
            cards=consent_cards,
            identification_line=_identification_line(settings),
            form=form,
            screens=client_screens,
        )


@bp.route("/<public_id>/consent/<section>", methods=["GET", "POST"], endpoint="consent_section")
@role_required(Role.COUNSELLOR)
def consent_section(public_id: str, section: str) -> BaseResponse | str | tuple[str, int]:
    """One card: the decision near the top, then what it would tell the police, in easy words."""
    preparation = owned_preparation(public_id)
    try:
        settings, data = service.ready_for_consent(db.session, preparation)
    except SheetBlocked as blocked:
        return blocked_page(preparation, blocked.reason)
    cards = walk_cards(settings, data)
    card = next((c for c in cards if c.id == section), None)
    if card is None:
        abort(404)
    if not in_walk(preparation):
        return not_handed_over(preparation)
    draft = service.draft_for(db.session, preparation, now=utcnow())
    if not draft.intro_seen:
        # The client hears who gets the sheet and about the duty to act before choosing anything.
        db.session.commit()
        return redirect(url_for("briefing.consent_intro", public_id=public_id))
    before, after = consent_walk.neighbours(cards, section)
    form = DecisionForm()
    status = 200
    problem = None
    if request.method == "POST":
        refused = consent_walk.may_decide(_seen(public_id), card, form.card.data or "")
        if refused is not None:
            # Nothing is saved for this card; every choice made before stays.
            problem = consent_cards.CARD_NOT_SEEN if refused == "not_seen" else consent_cards.CARD_CHANGED
            status = 409
        elif form.validate_on_submit():
            service.record_decision(db.session, preparation, section, form.decision.data, now=utcnow())
            db.session.commit()
            if after is None:
                return redirect(url_for("briefing.consent_done", public_id=public_id))
            return redirect(url_for("briefing.consent_section", public_id=public_id, section=after))
        else:
            status = 400
    db.session.commit()
    _mark_seen(public_id, card)
    previous = (
        url_for("briefing.consent_section", public_id=public_id, section=before)
        if before is not None
        else url_for("briefing.consent_intro", public_id=public_id)
    )
    with client_language(preparation):
        html = render_template(
            "briefing/consent_card.html",
            preparation=preparation,
            cards=consent_cards,
            card=card,
            section=section,
            number=[c.id for c in cards].index(section) + 1,
            total=len(cards),
            current=(draft.decisions or {}).get(section),
            previous=previous,
            form=form,
            problem=problem,
            screens=client_screens,
            explain=request.args.get("explain") == "1",
        )
    return html, status


@bp.route("/<public_id>/consent/done", endpoint="consent_done")
@role_required(Role.COUNSELLOR)
def consent_done(public_id: str) -> str | tuple[str, int]:
    """The end of the client's part: thanks, the teach-back question, and the hand-back to the counsellor."""
    preparation = owned_preparation(public_id)
    try:
        service.ready_for_consent(db.session, preparation)
    except SheetBlocked as blocked:
        return blocked_page(preparation, blocked.reason)
    if not in_walk(preparation):
        return not_handed_over(preparation)
    with client_language(preparation):
        return render_template(
            "briefing/consent_done.html", preparation=preparation, cards=consent_cards, screens=client_screens
        )


DECISION_PREFIX = "decision-"


def _decisions_from_request() -> dict[str, str]:
    return {
        key[len(DECISION_PREFIX) :]: value
        for key, value in request.form.items()
        if key.startswith(DECISION_PREFIX)
    }


@bp.route("/<public_id>/consent/record", methods=["GET", "POST"], endpoint="consent_record")
@role_required(Role.COUNSELLOR)
def consent_record(public_id: str) -> BaseResponse | str | tuple[str, int]:
    """The counsellor records the decisions, teach-back, legal basis (with reasoning) and how."""
    preparation = owned_preparation(public_id)
    try:
        settings, data = service.ready_for_consent(db.session, preparation)
    except SheetBlocked as blocked:
        return blocked_page(preparation, blocked.reason)
    user = current_user()
    assert user is not None
    draft = service.draft_for(db.session, preparation, now=utcnow())
    form = ConsentRecordForm()
    decisions: dict[str, str] = dict(draft.decisions or {})
    problems: list[tuple[str, str]] = []  # (anchor, message) for the error summary
    status = 200
    if request.method == "POST":
        decisions = _decisions_from_request()
        if form.validate_on_submit():
            try:
                consent = Consent(
                    # Consent validates and converts every value; unknown ones raise InvalidValue.
                    decisions=decisions,  # type: ignore[arg-type]
                    teach_back=form.teach_back.data,
                    legal_basis=form.legal_basis.data,
                    asked_by=settings.prepared_by_role,
                    recorded_at=utcnow(),
                    method=form.method.data,
                    answers_fingerprint=data.fingerprint,
                    informed_of_duty_to_act=form.informed_of_duty_to_act.data,
                    reasoning={
                        q.id: (form[f"reasoning_{q.id}"].data or "").strip()
                        for q in CONFLICT_OF_DUTIES_QUESTIONS
                        if (form[f"reasoning_{q.id}"].data or "").strip()
                    },
                    consulted=(form.consulted.data or "").strip(),
                )
            except UnknownSection as error:
                problems.append(
                    (
                        "decisions",
                        _("The form names a part that does not exist: %(name)s.", name=str(error)[:40]),
                    )
                )
            except (MissingDecision, InvalidValue):
                problems.append(("decisions", _("Choose yes, no or don't know for every part.")))
            except MissingReasoning as missing:
                for question_id in missing.missing:
                    form[f"reasoning_{question_id}"].errors = [
                        _("Answer this question when you share because of a conflict of duties.")
                    ]
            except NotInformedOfDutyToAct:
                form.informed_of_duty_to_act.errors = [
                    _("Tell the client about the duty to act before they agree to share, and tick this box.")
                ]
            except ConsentWithoutUnderstanding:
                form.teach_back.errors = [
                    _(
                        "The client could not explain what is shared, so their consent is not valid now. "
                        "Explain again another day, or choose another legal basis and record why."
                    )
                ]
            else:
                service.record_consent(db.session, preparation, consent, asked_by_id=user.id)
                audit(
                    Action.CONSENT_CHANGE,
                    object_type="preparation",
                    object_id=preparation.public_id,
                    basis=consent.legal_basis.value,
                    shared=len(shared_sections(consent)),
                )
                db.session.commit()
                flash(_("Consent is recorded."), "success")
                return redirect(url_for("briefing.status", public_id=public_id))
        status = 400
    db.session.commit()
    html = render_template(
        "briefing/consent_record.html",
        preparation=preparation,
        form=form,
        sections=[(s, SECTION_TITLES[s], decisions.get(s)) for s in SECTIONS],
        decision_labels={d.value: DECISION_LABELS[d] for d in Decision},
        problems=problems,
        conflict_of_duties=LegalBasis.CONFLICT_OF_DUTIES.value,
        overview=overview_url(preparation),
    )
    return html, status
