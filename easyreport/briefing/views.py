"""Consent and sheet pages of one preparation, for the counsellor who owns it.

Thin views: read the request, call service.py or the pure domain, then redirect or render. Another
counsellor's preparation is a 404 (NotFound), like one that does not exist. When no sheet can be shown
(questions unfinished, no or stale consent, acute danger) every sheet page shows why and what to do,
with status 409, and never a partial sheet.

The consent walk cards and the client's copy are shown in the client's language; the counsellor's own
pages and the sheet are in the viewer's language.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager

from babel.dates import format_date
from flask import Blueprint, Response, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import force_locale, get_locale
from flask_babel import gettext as _
from werkzeug.wrappers import Response as BaseResponse
from wtforms import SelectChoice

from easyreport.audit.chain import Action
from easyreport.audit.record import audit
from easyreport.auth import current_user, role_required
from easyreport.briefing import facts, service
from easyreport.briefing.consent import (
    CONFLICT_OF_DUTIES_QUESTIONS,
    DECISION_LABELS,
    LEGAL_BASIS_LABELS,
    METHOD_LABELS,
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
    SettingsForm,
    TopThreeForm,
)
from easyreport.briefing.needs import SECTION_TITLES, SECTIONS
from easyreport.briefing.render import DISPLAY_ZONE, render_sheet_html, render_sheet_pdf, sheet_json_document
from easyreport.briefing.routing import POLICE_DECIDE, UNIT_LABELS, RoutingInput
from easyreport.briefing.rules import InvalidTopChoice, RuleNotApplicable, UnknownRule, choose_top
from easyreport.briefing.service import BlockReason, SheetBlocked
from easyreport.briefing.sheet import Goal, IdentificationLevel
from easyreport.content import client_screens, consent_cards
from easyreport.content.pictograms import attribution
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.preparation import service as preparations
from easyreport.preparation.models import Preparation
from easyreport.roles import Role
from easyreport.timeutil import utcnow
from easyreport.translatable import N_

bp = Blueprint("briefing", __name__, url_prefix="/briefing")

BLOCKED_STATUS = 409


# Public ids are token_urlsafe: anything else cannot exist, and PostgreSQL refuses some characters (NUL).
PUBLIC_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")


def owned_preparation(public_id: str) -> Preparation:
    user = current_user()
    assert user is not None  # role_required ran first
    if not PUBLIC_ID.fullmatch(public_id):
        abort(404)
    try:
        return preparations.owned(db.session, user.id, public_id)
    except preparations.NotFound:
        abort(404)


def overview_url(preparation: Preparation) -> str:
    """Link to the preparation's overview page (questions, answers, observations)."""
    return url_for("preparation.overview", public_id=preparation.public_id)


def _blocked(preparation: Preparation, reason: BlockReason) -> tuple[str, int]:
    """Say why there is no sheet (or consent walk) now and link to the step that fixes it."""
    pid = preparation.public_id
    pages = {
        BlockReason.ACUTE_DANGER: (
            _("Acute danger: call 112 now"),
            _("You marked that there is acute danger. Call 112 now. Do not use the sheet now."),
            url_for("briefing.settings", public_id=pid),
            _("Change the goal and route"),
        ),
        BlockReason.INCOMPLETE: (
            _("The questions are not finished yet"),
            _("Not every question has an answer yet. Finish the questions with the client first."),
            overview_url(preparation),
            _("Go to the preparation"),
        ),
        BlockReason.NO_SETTINGS: (
            _("Choose the goal and route first"),
            _("The sheet needs the goal, the route and who prepared it."),
            url_for("briefing.settings", public_id=pid),
            _("Choose goal and route"),
        ),
        BlockReason.NO_CONSENT: (
            _("No consent yet"),
            _("Go through the consent with the client first. Without consent there is no sheet."),
            url_for("briefing.consent_intro", public_id=pid),
            _("Start the consent with the client"),
        ),
        BlockReason.STALE_CONSENT: (
            _("Ask for consent again"),
            _(
                "Answers, observations or sheet settings changed after consent was recorded. "
                "The client agreed to something else. Go through the consent with the client again."
            ),
            url_for("briefing.consent_intro", public_id=pid),
            _("Ask for consent again"),
        ),
        BlockReason.EXPIRED: (
            _("This sheet is no longer valid"),
            _(
                "A sheet is valid for %(days)s days after consent. Ask for consent again for a new sheet.",
                days=service.VALID_DAYS,
            ),
            url_for("briefing.consent_intro", public_id=pid),
            _("Ask for consent again"),
        ),
    }
    title, message, link, link_text = pages[reason]
    html = render_template(
        "briefing/blocked.html",
        preparation=preparation,
        reason=reason.value,
        title=title,
        message=message,
        link=link,
        link_text=link_text,
        overview=overview_url(preparation),
    )
    return html, BLOCKED_STATUS


@contextmanager
def client_language(preparation: Preparation) -> Iterator[None]:
    """Show what the client reads in the client's language."""
    locale = preparation.client_locale
    if locale not in current_app.config["LANGUAGES"]:
        locale = current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        yield


# ------------------------------------------------------------------------------------- status page


@bp.route("/<public_id>/", endpoint="status")
@role_required(Role.COUNSELLOR)
def status(public_id: str) -> str:
    """Show the steps to the sheet: questions, goal and route, consent, sheet."""
    preparation = owned_preparation(public_id)
    settings = service.settings_for(db.session, preparation)
    data = service.gather(db.session, preparation, settings)
    latest = service.latest_consent(db.session, preparation)
    consent_state = "none"
    shared: list[str] = []
    if latest is not None:
        consent_state = "stale" if latest[1].answers_fingerprint != data.fingerprint else "current"
        shared = [SECTION_TITLES[s] for s in SECTIONS if s in shared_sections(latest[1])]
    return render_template(
        "briefing/status.html",
        preparation=preparation,
        settings=settings,
        advice=service.routing_advice(settings) if settings is not None else None,
        complete=data.complete,
        consent_state=consent_state,
        shared=shared,
        history=service.consent_history(db.session, preparation),
        method_labels={m.value: text for m, text in METHOD_LABELS.items()},
        legal_basis_labels={b.value: text for b, text in LEGAL_BASIS_LABELS.items()},
        overview=overview_url(preparation),
    )


# ---------------------------------------------------------------------------------------- settings


def suggested_goal(answers: dict[str, tuple[str, ...]]) -> Goal | None:
    """Return the goal the client's own answers point to, to fill in the form."""
    if answers.get("know_what_you_want") == ("not_yet",):
        return Goal.UNDECIDED
    first: dict[tuple[str, ...], Goal] = {
        ("information_talk",): Goal.INFORMATION,
        ("report",): Goal.REPORT,
        ("official_report",): Goal.AANGIFTE,
    }
    return first.get(answers.get("what_first", ()))


def _fill_settings_form(form: SettingsForm, preparation: Preparation, user_id: int) -> None:
    settings = service.settings_for(db.session, preparation)
    if settings is None:
        goal = suggested_goal(preparations.answers(db.session, preparation))
        form.goal.data = goal.value if goal is not None else None
        form.prepared_by_role.data, form.prepared_by_organisation.data = service.latest_role_and_organisation(
            db.session, user_id
        )
        form.prepared_with_client.data = True
        return
    routing = service.routing_input(settings)
    form.goal.data = settings.goal
    form.exploitation.data = sorted(kind.value for kind in routing.exploitation)
    form.sexual_offence.data = routing.sexual_offence
    form.threats_or_unsafety.data = routing.threats_or_unsafety
    form.missing_person.data = routing.missing_person
    form.acute_danger.data = routing.acute_danger
    form.possible_suspect.data = bool(settings.possible_suspect)
    form.identification.data = settings.identification
    form.identification_value.data = settings.identification_value or ""
    form.prepared_by_role.data = settings.prepared_by_role
    form.prepared_by_organisation.data = settings.prepared_by_organisation
    form.contact_name.data = settings.contact_name or ""
    form.contact_phone.data = settings.contact_phone or ""
    form.prepared_with_client.data = settings.prepared_with_client
    form.not_with_client_reason.data = settings.not_with_client_reason or ""


_SETTINGS_ERRORS = {
    "prepared_by_role": N_("Enter your role."),
    "prepared_by_organisation": N_("Enter your organisation."),
    "identification_value": N_("Enter the pseudonym or name, or choose anonymous."),
    "not_with_client_reason": N_("Say why the client was not involved."),
    "contact_name": N_("Use at most %(max)d characters."),
    "contact_phone": N_(
        "Enter a phone number with %(low)d to %(high)d digits. Use only digits, spaces and + - ( )."
    ),
}
# The limits named in the messages above, so a message never disagrees with the check.
_SETTINGS_ERROR_VALUES: dict[str, dict[str, int]] = {
    "contact_name": {"max": service.CONTACT_NAME_MAX},
    "contact_phone": {"low": service.CONTACT_PHONE_DIGITS[0], "high": service.CONTACT_PHONE_DIGITS[1]},
}


@bp.route("/<public_id>/settings", methods=["GET", "POST"], endpoint="settings")
@role_required(Role.COUNSELLOR)
def settings(public_id: str) -> BaseResponse | str | tuple[str, int]:
    """Choose goal, route, suspect mark and identification; show the routing suggestion and its reason."""
    preparation = owned_preparation(public_id)
    user = current_user()
    assert user is not None
    form = SettingsForm()
    if request.method == "GET":
        _fill_settings_form(form, preparation, user.id)
    elif form.validate_on_submit():
        try:
            service.save_settings(
                db.session,
                preparation,
                service.SettingsInput(
                    goal=Goal(form.goal.data),
                    identification=IdentificationLevel(form.identification.data),
                    identification_value=form.identification_value.data or "",
                    routing=RoutingInput.from_values(
                        form.exploitation.data or (),
                        sexual_offence=form.sexual_offence.data,
                        threats_or_unsafety=form.threats_or_unsafety.data,
                        missing_person=form.missing_person.data,
                        acute_danger=form.acute_danger.data,
                    ),
                    possible_suspect=form.possible_suspect.data,
                    prepared_by_role=form.prepared_by_role.data or "",
                    prepared_by_organisation=form.prepared_by_organisation.data or "",
                    prepared_with_client=form.prepared_with_client.data,
                    not_with_client_reason=form.not_with_client_reason.data or "",
                    contact_name=form.contact_name.data or "",
                    contact_phone=form.contact_phone.data or "",
                ),
                now=utcnow(),
            )
        except service.InvalidSettings as invalid:
            values = _SETTINGS_ERROR_VALUES.get(invalid.field, {})
            form[invalid.field].errors = [_(_SETTINGS_ERRORS[invalid.field], **values)]
        else:
            db.session.commit()
            flash(_("Saved. The route suggestion is below."), "success")
            return redirect(url_for("briefing.settings", public_id=public_id) + "#route")
    saved = service.settings_for(db.session, preparation)
    status = 400 if form.errors else 200
    html = render_template(
        "briefing/settings.html",
        preparation=preparation,
        form=form,
        advice=service.routing_advice(saved) if saved is not None else None,
        unit_labels=UNIT_LABELS,
        police_decide=POLICE_DECIDE,
        overview=overview_url(preparation),
    )
    return html, status


# ------------------------------------------------------------------------------------ consent walk


def _identification_line(settings: service.SheetSettings) -> str:
    level = IdentificationLevel(settings.identification)
    return {
        IdentificationLevel.ANONYMOUS: consent_cards.NAME_NOT_ON_SHEET,
        IdentificationLevel.PSEUDONYM: consent_cards.OTHER_NAME_ON_SHEET,
        IdentificationLevel.NAME: consent_cards.NAME_ON_SHEET,
    }[level]


@bp.route("/<public_id>/consent", methods=["GET", "POST"], endpoint="consent_intro")
@role_required(Role.COUNSELLOR)
def consent_intro(public_id: str) -> BaseResponse | str | tuple[str, int]:
    """The easy-read start of consent: who gets the sheet, why, the choice, and the police's duty to act."""
    preparation = owned_preparation(public_id)
    try:
        settings, _data = service.ready_for_consent(db.session, preparation)
    except SheetBlocked as blocked:
        return _blocked(preparation, blocked.reason)
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
    """One section's card: what it would tell the police, in easy words, and the client's choice."""
    preparation = owned_preparation(public_id)
    if section not in SECTIONS:
        abort(404)
    try:
        settings, data = service.ready_for_consent(db.session, preparation)
    except SheetBlocked as blocked:
        return _blocked(preparation, blocked.reason)
    draft = service.draft_for(db.session, preparation, now=utcnow())
    if not draft.intro_seen:
        # The client hears who gets the sheet and about the duty to act before choosing anything.
        db.session.commit()
        return redirect(url_for("briefing.consent_intro", public_id=public_id))
    form = DecisionForm()
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            service.record_decision(db.session, preparation, section, form.decision.data, now=utcnow())
            db.session.commit()
            following = service.next_section({}, after=section)
            if following is None:
                return redirect(url_for("briefing.consent_done", public_id=public_id))
            return redirect(url_for("briefing.consent_section", public_id=public_id, section=following))
        status = 400
    db.session.commit()
    index = SECTIONS.index(section)
    previous = (
        url_for("briefing.consent_section", public_id=public_id, section=SECTIONS[index - 1])
        if index > 0
        else url_for("briefing.consent_intro", public_id=public_id)
    )
    advice = service.routing_advice(settings)
    with client_language(preparation):
        html = render_template(
            "briefing/consent_card.html",
            preparation=preparation,
            cards=consent_cards,
            section=section,
            module=QUESTIONNAIRE.module(section),
            number=index + 1,
            total=len(SECTIONS),
            lines=facts.client_answers(QUESTIONNAIRE, data.answers, section),
            observed=section in facts.observed_sections(data.observations),
            route_line=section == "goal" and advice.unit is not None,
            rights_lines=section == "goal" and bool(settings.possible_suspect),
            current=(draft.decisions or {}).get(section),
            previous=previous,
            form=form,
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
        return _blocked(preparation, blocked.reason)
    with client_language(preparation):
        return render_template("briefing/consent_done.html", preparation=preparation, cards=consent_cards)


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
        return _blocked(preparation, blocked.reason)
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


# ------------------------------------------------------------------------------------------- sheet


def _built_or_blocked(preparation: Preparation) -> service.BuiltSheet | tuple[str, int]:
    try:
        return service.build_for(db.session, preparation, now=utcnow())
    except SheetBlocked as blocked:
        return _blocked(preparation, blocked.reason)


def _viewer_locale() -> str:
    return str(get_locale())


@bp.route("/<public_id>/sheet", endpoint="sheet")
@role_required(Role.COUNSELLOR)
def sheet(public_id: str) -> str | tuple[str, int]:
    """Preview the sheet as the officer will read it, in the viewer's language."""
    preparation = owned_preparation(public_id)
    built = _built_or_blocked(preparation)
    if isinstance(built, tuple):
        return built
    audit(Action.VIEW_SHEET, object_type="sheet", object_id=built.sheet.meta.sheet_id)
    db.session.commit()
    return render_sheet_html(
        built, _viewer_locale(), counsellor_view=True, overview=overview_url(preparation)
    )


@bp.route("/<public_id>/sheet.pdf", endpoint="sheet_pdf")
@role_required(Role.COUNSELLOR)
def sheet_pdf(public_id: str) -> Response | tuple[str, int]:
    """Download the sheet as a tagged PDF in the viewer's language."""
    preparation = owned_preparation(public_id)
    built = _built_or_blocked(preparation)
    if isinstance(built, tuple):
        return built
    pdf = render_sheet_pdf(built, _viewer_locale())
    audit(Action.DOWNLOAD_PDF, object_type="sheet", object_id=built.sheet.meta.sheet_id)
    db.session.commit()
    response = Response(pdf, mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{built.sheet.meta.sheet_id}.pdf"'
    return response


@bp.route("/<public_id>/sheet.json", endpoint="sheet_json")
@role_required(Role.COUNSELLOR)
def sheet_json(public_id: str) -> Response | tuple[str, int]:
    """Download the sheet as JSON (schema easyreport.sheet/1) in the viewer's language."""
    preparation = owned_preparation(public_id)
    built = _built_or_blocked(preparation)
    if isinstance(built, tuple):
        return built
    document = sheet_json_document(built, _viewer_locale())
    audit(Action.EXPORT_JSON, object_type="sheet", object_id=built.sheet.meta.sheet_id)
    db.session.commit()
    body = json.dumps(document, ensure_ascii=False, indent=2)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="{built.sheet.meta.sheet_id}.json"'
    return response


@bp.route("/<public_id>/top-three", methods=["GET", "POST"], endpoint="top_three")
@role_required(Role.COUNSELLOR)
def top_three(public_id: str) -> BaseResponse | str | tuple[str, int]:
    """Let the counsellor choose the three most important recommendations, or keep the proposal."""
    preparation = owned_preparation(public_id)
    built = _built_or_blocked(preparation)
    if isinstance(built, tuple):
        return built
    recommendations = built.sheet.recommendations
    form = TopThreeForm()
    form.rules.choices = [SelectChoice(rec.id, _(rec.rule.text)) for rec in recommendations]
    status = 200
    if request.method == "GET":
        form.rules.data = [rec.id for rec in built.sheet.top_three]
    elif form.validate_on_submit():
        if form.use_proposal.data:
            service.set_top_choice(db.session, built.settings, None)
            db.session.commit()
            flash(_("The sheet uses the proposed top three."), "success")
            return redirect(url_for("briefing.sheet", public_id=public_id))
        try:
            chosen = choose_top(recommendations, form.rules.data or [])
        except (InvalidTopChoice, RuleNotApplicable, UnknownRule):
            form.rules.errors = [_("Choose one, two or three of the recommendations.")]
        else:
            service.set_top_choice(db.session, built.settings, [rec.id for rec in chosen])
            db.session.commit()
            flash(_("Your top three is saved."), "success")
            return redirect(url_for("briefing.sheet", public_id=public_id))
        status = 400
    else:
        status = 400
    html = render_template(
        "briefing/top_three.html",
        preparation=preparation,
        form=form,
        proposed=[rec.id for rec in built.sheet.top_three]
        if not built.sheet.top_chosen_by_counsellor
        else [],
    )
    return html, status


@bp.route("/<public_id>/client-copy", endpoint="client_copy")
@role_required(Role.COUNSELLOR)
def client_copy(public_id: str) -> str | tuple[str, int]:
    """The client's own easy-read copy of what the police will know, in the client's language."""
    preparation = owned_preparation(public_id)
    built = _built_or_blocked(preparation)
    if isinstance(built, tuple):
        return built
    sheet_ = built.sheet
    shared = [s.id for s in sheet_.sections if s.shared]
    observed = facts.observed_sections(built.data.observations)
    with client_language(preparation):
        valid_until = format_date(
            sheet_.meta.valid_until.astimezone(DISPLAY_ZONE), format="long", locale=str(get_locale())
        )
        return render_template(
            "briefing/client_copy.html",
            preparation=preparation,
            cards=consent_cards,
            shared=[
                (
                    QUESTIONNAIRE.module(section),
                    facts.client_answers(QUESTIONNAIRE, built.data.answers, section),
                    section in observed,
                )
                for section in shared
            ],
            withheld=[QUESTIONNAIRE.module(s.id) for s in sheet_.sections if not s.shared],
            route_line="goal" in shared
            and sheet_.route is not None
            and sheet_.route.routing is not None
            and sheet_.route.routing.unit is not None,
            rights_lines="goal" in shared and sheet_.route is not None and sheet_.route.possible_suspect,
            valid_until=valid_until,
            pictogram_credit=attribution(),
        )
