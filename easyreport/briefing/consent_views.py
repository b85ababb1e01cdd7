"""The consent walk: the easy-read introduction and cards in the client's language, then the record.

The client holds the device for the walk: the counsellor starts it with a POST (start_consent), which
puts the device in client mode for this preparation (preparation/client_views.py), so every staff page
shows the locked screen until the counsellor unlocks. The client chooses per card; the done screen
hands the device back through the locked screen, and after unlocking the counsellor records teach-back,
the legal basis and how consent was given (service.record_consent) on a staff page. Outside client mode
a consent screen says how to start the walk. Break and Stop are in consent_break_views.py.
"""

from __future__ import annotations

from collections.abc import Set
from dataclasses import replace

from flask import abort, flash, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response as BaseResponse

from easyreport.audit.chain import Action
from easyreport.audit.record import audit
from easyreport.auth import current_user, role_required
from easyreport.briefing import consent_walk, service
from easyreport.briefing.consent import (
    ALL_REASONING_QUESTIONS,
    DECISION_LABELS,
    EXPLAIN_AGAIN,
    EXTRA_CARDS,
    MELDCODE_NOTE,
    REASONING_QUESTIONS,
    SUSPECT_CARD,
    BasisNotForPolice,
    Consent,
    ConsentError,
    ConsentWithoutUnderstanding,
    Decision,
    GroundDoesNotFit,
    InvalidValue,
    LegalBasis,
    MissingCardTeachBack,
    MissingDecision,
    MissingGround,
    MissingReasoning,
    NotInformedOfDutyToAct,
    UnknownSection,
    cards_shown,
    cards_to_explain_again,
    missing_cards,
    rule_problems,
    shared_sections,
)
from easyreport.briefing.forms import (
    ConsentRecordForm,
    ContinueForm,
    DecisionForm,
)
from easyreport.briefing.models import ConsentDraft
from easyreport.briefing.needs import SECTION_TITLES, SECTIONS
from easyreport.briefing.service import SheetBlocked
from easyreport.briefing.sheet import IdentificationLevel
from easyreport.briefing.views import blocked_page, bp, client_language, overview_url, owned_preparation
from easyreport.catalogue_lookup import gettext as _
from easyreport.content import client_screens, consent_cards
from easyreport.extensions import db
from easyreport.preparation.client_views import CONSENT, client_walk, hold_for_client, start_walk
from easyreport.preparation.models import Preparation
from easyreport.roles import Role
from easyreport.timeutil import utcnow
from easyreport.translatable import N_


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


def goal_extras(settings: service.SheetSettings, shared: Set[str]) -> consent_walk.GoalExtras:
    """Return what the goal card shows from the sheet settings.

    The route comes from the facts of the sections the client shares (``shared``), as on the sheet: a
    "no" to "Feeling safe" takes its route reason off the goal card too, so the client sees the route
    the police will get.
    """
    advice = service.routing_advice(settings, shared=shared)
    teams = tuple(unit.value for unit in ((advice.unit,) if advice.unit else ()) + advice.also)
    return consent_walk.GoalExtras(
        teams=teams,
        urgency=service.stored_urgency(settings) is not None,
        known=bool(service.stored_informed_about(settings)),
        possible_suspect=bool(settings.possible_suspect),
        named=bool(service.stored_name_and_language(settings).preferred_name),
        language=bool(service.stored_name_and_language(settings).interpreter_language),
    )


def walk_cards(
    settings: service.SheetSettings, data: service.PreparationData, shared: Set[str] = frozenset(SECTIONS)
) -> tuple[consent_walk.Card, ...]:
    """Return the consent cards of a preparation as they are now, for the sections said "yes" so far."""
    return consent_walk.build_cards(data.answers, data.observations, goal_extras(settings, shared))


def said_yes(draft: ConsentDraft) -> frozenset[str]:
    """Return the sections the client said "yes" to so far in this walk."""
    return frozenset(s for s, d in (draft.decisions or {}).items() if d == Decision.YES.value)


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
    # The goal card's route follows the client's choices on the cards before it, and its own facts.
    cards = walk_cards(settings, data, said_yes(draft) | {"goal"})
    card = next(c for c in cards if c.id == section)
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

# Extra cards as the consent record page names them.
CARD_TITLES: dict[str, str] = {SUSPECT_CARD: N_("May also be heard as a suspect")}


def _decisions_from_request() -> dict[str, str]:
    return {
        key[len(DECISION_PREFIX) :]: value
        for key, value in request.form.items()
        if key.startswith(DECISION_PREFIX)
    }


def _problem_messages(
    form: ConsentRecordForm, problems: list[ConsentError], page: list[tuple[str, str]]
) -> None:
    """Put every broken rule next to its field (or in the summary), so the counsellor sees them all at once."""
    for problem in problems:
        if isinstance(problem, MissingReasoning):
            for question_id in problem.missing:
                form[f"reasoning_{question_id}"].errors = [
                    _("Answer this question when you share on this legal basis. What you wrote is kept.")
                ]
        elif isinstance(problem, MissingGround):
            form.legal_ground.errors = [_("Name the legal ground: every basis other than consent needs one.")]
        elif isinstance(problem, GroundDoesNotFit):
            form.legal_ground.errors = [_("This legal ground does not belong to the legal basis you chose.")]
        elif isinstance(problem, BasisNotForPolice):
            form.legal_basis.errors = [_(MELDCODE_NOTE)]
        elif isinstance(problem, NotInformedOfDutyToAct):
            form.informed_of_duty_to_act.errors = [
                _("Tell the client about the duty to act before they agree to share, and tick this box.")
            ]
        elif isinstance(problem, ConsentWithoutUnderstanding):
            form.teach_back.errors = [
                _(
                    "The client could not explain what is shared, so their consent is not valid now. "
                    "Explain again another day, or choose another legal basis and record why."
                )
            ]
        elif isinstance(problem, MissingCardTeachBack):
            form.suspect_teach_back.errors = [
                _("Record the teach-back for the part about being heard as a suspect.")
            ]
        else:  # pragma: no cover - every rule of consent.rule_problems has a message above
            page.append(("decisions", str(problem)))


@bp.route("/<public_id>/consent/record", methods=["GET", "POST"], endpoint="consent_record")
@role_required(Role.COUNSELLOR)
def consent_record(public_id: str) -> BaseResponse | str | tuple[str, int]:
    """The counsellor records the decisions, teach-back, legal basis and ground (with reasoning) and how."""
    preparation = owned_preparation(public_id)
    try:
        settings, data = service.ready_for_consent(db.session, preparation)
    except SheetBlocked as blocked:
        return blocked_page(preparation, blocked.reason)
    user = current_user()
    assert user is not None
    draft = service.draft_for(db.session, preparation, now=utcnow())
    form = ConsentRecordForm()
    shown = cards_shown(bool(settings.possible_suspect))
    decisions: dict[str, str] = dict(draft.decisions or {})
    problems: list[tuple[str, str]] = []  # (anchor, message) for the error summary
    status = 200
    if request.method == "POST":
        decisions = _decisions_from_request()
        posted_cards = {card: decisions.pop(card) for card in EXTRA_CARDS if card in decisions}
        basis = form.legal_basis.data
        questions = (
            {q.id for q in REASONING_QUESTIONS.get(LegalBasis(basis), ())} if basis in _BASES else set()
        )
        unseen = sorted(set(posted_cards) - set(shown))
        if unseen:
            # A consent post for a card the client has not seen is refused.
            problems.append(
                ("decisions", _("The client did not see this part, so it cannot be decided here."))
            )
        elif form.validate_on_submit():
            try:
                # Checked for shape here; every rule of today is collected below, so all messages show at once.
                unchecked = Consent(
                    # Consent validates and converts every value; unknown ones raise InvalidValue.
                    decisions=decisions,  # type: ignore[arg-type]
                    teach_back=form.teach_back.data,
                    legal_basis=basis,
                    asked_by=settings.prepared_by_role,
                    recorded_at=utcnow(),
                    method=form.method.data,
                    answers_fingerprint=data.fingerprint,
                    informed_of_duty_to_act=form.informed_of_duty_to_act.data,
                    # Only the answers and the ground of the chosen basis: a basis chosen and then changed
                    # leaves nothing of the other one on the record.
                    reasoning={
                        q.id: (form[f"reasoning_{q.id}"].data or "").strip()
                        for q in ALL_REASONING_QUESTIONS
                        if q.id in questions and (form[f"reasoning_{q.id}"].data or "").strip()
                    },
                    consulted=(form.consulted.data or "").strip(),
                    legal_ground=(form.legal_ground.data or None) if basis != LegalBasis.CONSENT else None,
                    cards=posted_cards,  # type: ignore[arg-type]
                    card_teach_back={SUSPECT_CARD: form.suspect_teach_back.data}
                    if form.suspect_teach_back.data and SUSPECT_CARD in posted_cards
                    else {},
                    loaded=True,
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
            except GroundDoesNotFit:
                form.legal_ground.errors = [
                    _("This legal ground does not belong to the legal basis you chose.")
                ]
            else:
                if missing_cards(unchecked, shown):
                    problems.append(("decisions", _("Choose yes, no or don't know for every part.")))
                _problem_messages(form, rule_problems(unchecked), problems)
                if not problems and not any(f.errors for f in form):
                    consent = replace(unchecked, loaded=False)  # validates again, now under every rule
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
                    if cards_to_explain_again(consent):
                        flash(_(EXPLAIN_AGAIN), "warning")
                    return redirect(url_for("briefing.status", public_id=public_id))
        decisions |= posted_cards
        if request.form.get("legal_basis") == LegalBasis.MELDCODE.value:
            # Not offered: say where a meldcode report goes instead of "not a choice".
            form.legal_basis.errors = [_(MELDCODE_NOTE)]
        status = 400
    db.session.commit()
    html = render_template(
        "briefing/consent_record.html",
        preparation=preparation,
        form=form,
        sections=[(s, SECTION_TITLES[s], decisions.get(s)) for s in SECTIONS]
        + [(card, CARD_TITLES[card], decisions.get(card)) for card in shown],
        suspect_card=SUSPECT_CARD in shown,
        decision_labels={d.value: DECISION_LABELS[d] for d in Decision},
        problems=problems,
        conflict_of_duties=LegalBasis.CONFLICT_OF_DUTIES.value,
        legal_duty=LegalBasis.LEGAL_DUTY.value,
        meldcode_note=MELDCODE_NOTE,
        overview=overview_url(preparation),
    )
    return html, status


_BASES = frozenset(basis.value for basis in LegalBasis)
