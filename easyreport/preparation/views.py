"""Counsellor mode: create preparations, start client mode, review and correct answers, observations, statements."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from werkzeug.wrappers import Response

from easyreport.audit.chain import Action
from easyreport.audit.record import audit
from easyreport.auth import current_user, role_required
from easyreport.catalogue_lookup import gettext as _
from easyreport.client_languages import pick
from easyreport.content import client_screens
from easyreport.content.observations import FREE_TEXT_REMINDER, observations_for
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.forms import BaseForm
from easyreport.preparation import display, flow, service
from easyreport.preparation.acquiescence import acquiescence_flags
from easyreport.preparation.client_views import QUESTIONS, start_walk
from easyreport.preparation.errors import InvalidOption, UnknownQuestion
from easyreport.preparation.forms import (
    AnswerForm,
    ClientLanguageForm,
    NewPreparationForm,
    ObservationForm,
    SpeechSettingsForm,
    StatementForm,
)
from easyreport.preparation.language import DEFAULT_CLIENT_LOCALE, review_note, unknown_language_note
from easyreport.preparation.models import Preparation
from easyreport.roles import Role
from easyreport.timeutil import utcnow

bp = Blueprint("preparation", __name__, url_prefix="/counsellor/preparations")


def _mine(public_id: str) -> Preparation:
    user = current_user()
    assert user is not None
    try:
        return service.owned(db.session, user.id, public_id)
    except service.NotFound:
        abort(404)


@bp.route("/new", methods=["GET", "POST"])
@role_required(Role.COUNSELLOR)
def new() -> Response | str:
    """Start a preparation for a client known only by a code and an age band."""
    form = NewPreparationForm()
    if form.validate_on_submit():
        user = current_user()
        assert user is not None
        locale, known = pick(
            form.client_locale.data, DEFAULT_CLIENT_LOCALE, tuple(current_app.config["LANGUAGES"])
        )
        try:
            preparation = service.create(
                db.session,
                user.id,
                form.client_code.data or "",
                form.age_band.data or "",
                locale,
                now=utcnow(),
                pin=form.pin.data or None,
            )
        except (service.InvalidClientCode, service.InvalidChoice):
            form.client_code.errors = [_("Use 1 to 12 letters, digits or dashes.")]
        else:
            db.session.commit()
            flash(_("Preparation for client %(code)s created.", code=preparation.client_code), "success")
            if not known:
                flash(unknown_language_note(locale), "warning")
            return redirect(url_for("preparation.overview", public_id=preparation.public_id))
    return render_template("preparation/new.html", form=form)


@bp.route("/<public_id>")
@role_required(Role.COUNSELLOR)
def overview(public_id: str) -> str:
    """Progress per part, prompts to check answers, and the way into client mode."""
    preparation = _mine(public_id)
    stored = service.stored_answers(db.session, preparation)
    answers = flow.known_answers(QUESTIONNAIRE, {qid: a.option_ids for qid, a in stored.items()})
    client_durations = {
        qid: a.seconds_taken
        for qid, a in stored.items()
        if a.entered_by == "client" and a.seconds_taken is not None
    }
    user = current_user()
    assert user is not None
    return render_template(
        "preparation/overview.html",
        preparation=preparation,
        progress=flow.progress(QUESTIONNAIRE, answers),
        complete=flow.is_complete(QUESTIONNAIRE, answers),
        answered=flow.answered_count(QUESTIONNAIRE, answers),
        total=len(QUESTIONNAIRE),
        flags=acquiescence_flags(QUESTIONNAIRE, answers, client_durations),
        questionnaire=QUESTIONNAIRE,
        statements=service.statements_by(db.session, preparation, user.id),
        speech_form=SpeechSettingsForm(
            speed=preparation.speech_speed, read_aloud_auto=preparation.read_aloud_auto
        ),
        start_form=AnswerForm(formdata=None),
        language_form=ClientLanguageForm(
            formdata=None,
            client_locale=preparation.client_locale,
            interpreter_needed=preparation.interpreter_needed,
        ),
        language_review_note=review_note(preparation.client_locale),
        display_settings=service.display_settings(preparation),
        display=display,
        screens=client_screens,
    )


@bp.route("/<public_id>/client-mode", methods=["POST"])
@role_required(Role.COUNSELLOR)
def start_client_mode(public_id: str) -> Response:
    """Hand the device to the client: from now on only the client screens can be reached."""
    preparation = _mine(public_id)
    if AnswerForm().validate_on_submit():
        start_walk(preparation, QUESTIONS)
        return redirect(url_for("client.start"))
    return redirect(url_for("preparation.overview", public_id=public_id))


@bp.route("/<public_id>/speech", methods=["POST"])
@role_required(Role.COUNSELLOR)
def speech_settings(public_id: str) -> Response:
    """Save the read-aloud speed and automatic reading for this client."""
    preparation = _mine(public_id)
    form = SpeechSettingsForm()
    if form.validate_on_submit():
        service.set_speech(
            db.session,
            preparation,
            speed=form.speed.data or "normal",
            read_aloud_auto=bool(form.read_aloud_auto.data),
        )
        db.session.commit()
        flash(_("Read-aloud settings saved."), "success")
    else:
        flash(_("Choose one of the offered speeds."), "error")
    return redirect(url_for("preparation.overview", public_id=public_id))


@bp.route("/<public_id>/display", methods=["POST"])
@role_required(Role.COUNSELLOR)
def display_settings(public_id: str) -> Response:
    """Save how the client screens look for this client: text size, line spacing, contrast."""
    preparation = _mine(public_id)
    try:
        if not BaseForm().validate_on_submit():
            raise display.InvalidDisplaySetting("csrf", None)
        chosen = display.parse(
            request.form.get("text_size"), request.form.get("spacing"), request.form.get("contrast")
        )
    except display.InvalidDisplaySetting:
        flash(_("Choose one of the offered display settings. Nothing was changed."), "error")
    else:
        service.set_display(db.session, preparation, chosen)
        db.session.commit()
        flash(_("Display settings saved."), "success")
    return redirect(url_for("preparation.overview", public_id=public_id))


@bp.route("/<public_id>/parts/<module_id>", methods=["GET"])
@role_required(Role.COUNSELLOR)
def review(public_id: str, module_id: str) -> str:
    """Every answer of one part, who gave it, a way to correct it, and the counsellor's observations."""
    preparation = _mine(public_id)
    if module_id not in {module.id for module in QUESTIONNAIRE.modules}:
        abort(404)
    return _render_review(preparation, module_id, ObservationForm(formdata=None), errors={})


def _render_review(
    preparation: Preparation, module_id: str, observation_form: ObservationForm, errors: dict[str, str]
) -> str:
    stored = service.stored_answers(db.session, preparation)
    existing = service.observations(db.session, preparation).get(module_id)
    observation_form.choices.choices = [(o.id, _(o.text)) for o in observations_for(module_id)]
    if observation_form.choices.data is None and existing is not None:
        observation_form.choices.data = list(existing.choice_ids)
    if not observation_form.note.data and existing is not None:
        observation_form.note.data = existing.note or ""
    status = 400 if errors or observation_form.errors else 200
    return render_template(
        "preparation/review.html",
        preparation=preparation,
        module=QUESTIONNAIRE.module(module_id),
        questions=QUESTIONNAIRE.questions_in(module_id),
        modules=QUESTIONNAIRE.modules,
        stored=stored,
        observation_form=observation_form,
        reminder=FREE_TEXT_REMINDER,
        answer_form=AnswerForm(formdata=None),
        errors=errors,
    ), status  # type: ignore[return-value]


@bp.route("/<public_id>/answers/<question_id>", methods=["POST"])
@role_required(Role.COUNSELLOR)
def correct(public_id: str, question_id: str) -> Response | str:
    """Correct an answer on the client's behalf; it is then marked as entered by the counsellor."""
    preparation = _mine(public_id)
    question = QUESTIONNAIRE.find(question_id[:64])
    if question is None:
        abort(404)
    form = AnswerForm()
    error = None
    if form.validate_on_submit():
        try:
            service.record_answer(
                db.session,
                preparation,
                QUESTIONNAIRE,
                question.id,
                request.form.getlist("option")[:20],
                entered_by="counsellor",
                now=utcnow(),
                expected_version=form.version.data,
            )
        except InvalidOption:
            db.session.rollback()
            error = _("Choose an answer that the question offers.")
        except (service.StaleAnswer, UnknownQuestion):
            db.session.rollback()
            error = _("This answer was changed meanwhile. Check it and save again.")
        else:
            db.session.commit()
            flash(_("Answer saved."), "success")
            return redirect(
                url_for("preparation.review", public_id=public_id, module_id=question.module_id)
                + f"#q-{question.id}"
            )
    else:
        error = _("This form has expired")
    return _render_review(
        preparation, question.module_id, ObservationForm(formdata=None), errors={question.id: error}
    )


@bp.route("/<public_id>/observations/<module_id>", methods=["POST"])
@role_required(Role.COUNSELLOR)
def observe(public_id: str, module_id: str) -> Response | str:
    """Save the structured observations and note of one part."""
    preparation = _mine(public_id)
    if module_id not in {module.id for module in QUESTIONNAIRE.modules}:
        abort(404)
    form = ObservationForm()
    form.choices.choices = [(o.id, _(o.text)) for o in observations_for(module_id)]
    if form.validate_on_submit():
        service.record_observation(
            db.session, preparation, module_id, form.choices.data or [], form.note.data or "", now=utcnow()
        )
        db.session.commit()
        flash(_("Observations saved."), "success")
        return redirect(
            url_for("preparation.review", public_id=public_id, module_id=module_id) + "#observations"
        )
    return _render_review(preparation, module_id, form, errors={})


@bp.route("/<public_id>/statements/new", methods=["GET", "POST"])
@role_required(Role.COUNSELLOR)
def new_statement(public_id: str) -> Response | str:
    """Write down what the client told on their own, in their exact words."""
    preparation = _mine(public_id)
    form = StatementForm()
    if form.validate_on_submit():
        user = current_user()
        assert user is not None
        note = service.add_statement(
            db.session,
            preparation,
            user.id,
            form.words.data or "",
            form.said_at.data or "",
            form.present.data or "",
            now=utcnow(),
        )
        db.session.commit()
        flash(_("Statement saved. Only you can read it."), "success")
        return redirect(url_for("preparation.statement", statement_id=note.public_id))
    return render_template("preparation/statement_new.html", form=form, preparation=preparation)


@bp.route("/statements/<statement_id>")
@role_required(Role.COUNSELLOR)
def statement(statement_id: str) -> str:
    """Show a statement note to its author only (print it for the meldcode route); every read is logged."""
    user = current_user()
    assert user is not None
    try:
        note = service.statement_of(db.session, user.id, statement_id)
    except service.NotFound:
        abort(404)
    preparation = db.session.get(Preparation, note.preparation_id)
    audit(Action.STATEMENT_READ, object_type="statement", object_id=note.public_id)
    db.session.commit()
    return render_template("preparation/statement.html", note=note, preparation=preparation)
