"""Feedback pages: the officer's form on a shared sheet, and the interview date (thin: parse, call, redirect)."""

from __future__ import annotations

from datetime import date
from typing import Any

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from werkzeug.wrappers import Response as BaseResponse

from easyreport.audit.chain import Action
from easyreport.audit.record import audit
from easyreport.auth import current_user, role_required
from easyreport.briefing import free_text
from easyreport.briefing import service as briefing
from easyreport.catalogue_lookup import gettext as _
from easyreport.extensions import db
from easyreport.feedback import officer as rules
from easyreport.feedback import service
from easyreport.feedback.forms import InterviewDateForm, OfficerFeedbackForm
from easyreport.forms import BaseForm as ButtonForm
from easyreport.needs_check import EXPLANATIONS, marked_segments
from easyreport.preparation import service as preparations
from easyreport.preparation.models import Preparation
from easyreport.roles import Role
from easyreport.timeutil import utcnow
from easyreport.translatable import N_

bp = Blueprint("feedback", __name__)

OTHER_FIELD = free_text.FreeTextField("other_missing", rules.OTHER_MAX)

_REFUSED = {
    "share_not_active": N_(
        "This share has ended: it was withdrawn or it expired. Feedback is no longer possible. "
        "Ask the counsellor if you want to share something."
    ),
    "before_interview": N_("You can give feedback from the day of the interview on."),
    "edit_closed": N_("Feedback can be changed for %(days)s days after it was given. That time has passed."),
}
_DATE_PROBLEMS = {
    rules.DateProblem.FUTURE: N_("The interview date cannot be in the future."),
    rules.DateProblem.BEFORE_PREPARATION: N_("The interview date cannot be before the preparation started."),
    rules.DateProblem.TOO_FAR_AHEAD: N_("A planned interview date can be at most %(days)s days ahead."),
}
_ANSWER_PROBLEMS = {
    rules.AnswerProblem.READ_MISSING: N_("Choose whether you read the sheet before the interview."),
    rules.AnswerProblem.UNKNOWN_RULE: N_("Choose from the recommendations on this sheet."),
    rules.AnswerProblem.UNKNOWN_CHOICE: N_("Choose one of the options."),
    rules.AnswerProblem.NOTHING_WITH_OTHERS: N_(
        "Choose 'Nothing was missing' or what was missing, not both."
    ),
    rules.AnswerProblem.OTHER_EMPTY: N_("Write what else was missing, or untick 'Something else'."),
}
_TEXT_PROBLEMS = {
    free_text.TextProblem.TOO_LONG: N_("Use at most %(max)s characters."),
    free_text.TextProblem.HIDDEN_CHARACTERS: N_("The text holds hidden characters. Type it again."),
    free_text.TextProblem.MARKUP: N_("Leave out the characters < and >."),
}


def _translated(message: str, **values: Any) -> str:
    return _(message, **values)


def _refused_page(kind: str, share_id: str) -> tuple[str, int]:
    message = _translated(_REFUSED[kind], days=rules.EDIT_DAYS)
    return render_template("feedback/refused.html", message=message, share_id=share_id), 409


def _context(share_id: str) -> service.ShareContext:
    user = current_user()
    assert user is not None
    try:
        return service.officer_share(db.session, user.id, share_id, utcnow())
    except service.NotFound:
        abort(404)


@bp.route("/officer/sheets/<share_id>/feedback", methods=["GET", "POST"])
@role_required(Role.OFFICER)
def officer_feedback(share_id: str) -> BaseResponse | str | tuple[str, int]:
    """After the interview: the officer's structured feedback on a shared sheet."""
    context = _context(share_id)
    now = utcnow()
    try:
        rules.form_state(context.window(), now)
    except rules.FeedbackRefused as refused:
        return _refused_page(refused.kind, share_id)
    try:
        built = briefing.build_for(db.session, context.preparation, now=now)
    except briefing.SheetBlocked:
        db.session.commit()
        return render_template("sharing/sheet_unavailable.html"), 409
    recommendations = [(rec.id, _(rec.rule.text)) for rec in built.sheet.recommendations]
    form = OfficerFeedbackForm()
    stored = rules.FeedbackAnswers.from_data(context.feedback.answers) if context.feedback else None
    outcomes: dict[str, str] = {}
    reasons: dict[str, str] = {}
    errors: dict[str, str] = {}
    review = None
    if form.is_submitted():
        outcomes = {rid: request.form.get(f"outcome-{rid}", "") for rid, _text in recommendations}
        reasons = {rid: request.form.get(f"reason-{rid}", "") for rid, _text in recommendations}
        for key in request.form:
            if key.startswith("outcome-") and key[8:] not in outcomes:
                outcomes[key[8:]] = request.form[key]  # refused below as not on this sheet
    if form.validate_on_submit():
        result = _submit(context, form, outcomes, reasons, [rid for rid, _t in recommendations], now)
        if isinstance(result, BaseResponse):
            return result
        errors, review = result
    elif not form.is_submitted():
        if context.interview is not None:
            form.interview_on.data = context.interview.interview_on
        if stored is not None:
            form.read_before.data = stored.read_before.value
            form.missing.data = [item.value for item in stored.missing]
            form.other_missing.data = context.feedback.other_missing if context.feedback else ""
            outcomes = {rid: answer.outcome.value for rid, answer in stored.rules.items()}
            reasons = {rid: answer.reason.value for rid, answer in stored.rules.items() if answer.reason}
    db.session.commit()
    status = 200 if not (form.errors or errors) else 400
    return (
        render_template(
            "feedback/officer_form.html",
            form=form,
            share_id=share_id,
            recommendations=recommendations,
            outcomes=outcomes,
            reasons=reasons,
            errors=errors,
            review=review,
            outcome_labels=rules.OUTCOME_LABELS,
            reason_labels=rules.REASON_LABELS,
            editing=context.feedback is not None,
            editable_until=rules.editable_until(context.feedback.created_at) if context.feedback else None,
            interview=context.interview,
        ),
        status,
    )


def _submit(
    context: service.ShareContext,
    form: OfficerFeedbackForm,
    outcomes: dict[str, str],
    reasons: dict[str, str],
    rule_ids: list[str],
    now: Any,
) -> BaseResponse | tuple[dict[str, str], dict[str, Any] | None]:
    """Check and store one submission; return the errors (and a text review) when it is sent back."""
    errors: dict[str, str] = {}
    review: dict[str, Any] | None = None
    interview_on: date | None = form.interview_on.data
    if interview_on is None and context.interview is None:
        form.interview_on.errors = [_("Enter the date of the interview.")]
    elif interview_on is not None and (
        context.interview is None or interview_on != context.interview.interview_on
    ):
        problem = rules.interview_date_problem(
            interview_on, preparation_started=context.preparation.created_at, today=now.date(), planned=False
        )
        if problem is not None:
            form.interview_on.errors = [_translated(_DATE_PROBLEMS[problem], days=rules.PLAN_AHEAD_DAYS)]
    other = " ".join((form.other_missing.data or "").split())
    other_check = None
    text_problem = free_text.problem(form.other_missing.data or "", OTHER_FIELD)
    if text_problem is not None:
        form.other_missing.errors = [_translated(_TEXT_PROBLEMS[text_problem], max=rules.OTHER_MAX)]
    elif other:
        result = free_text.check_value(other, OTHER_FIELD, str(get_locale() or "nl"))
        confirmed = (
            bool(form.confirm_other.data)
            and form.reviewed_other.data == free_text.digest(other)
            and free_text.confirmable(result)
        )
        if not result.ok and not confirmed:
            review = {
                "segments": marked_segments(other, result.flags),
                "explanations": [EXPLANATIONS[c] for c in result.categories],
                "confirmable": free_text.confirmable(result),
                "digest": free_text.digest(other),
            }
            form.other_missing.errors = [
                _("Change the marked words, or confirm that the text holds no account of what happened.")
            ]
        other_check = free_text.check_record(other, result, confirmed=confirmed)
    missing = list(form.missing.data or [])
    if other and rules.Missing.OTHER.value not in missing:
        missing.append(rules.Missing.OTHER.value)
    answers, problems = rules.parse_answers(
        form.read_before.data, outcomes, reasons, missing, other, rule_ids
    )
    for name, problem_kind in problems.items():
        message = _(_ANSWER_PROBLEMS[problem_kind])
        if name == "read_before":
            form.read_before.errors = [message]
        elif name == "missing":
            form.missing.errors = [message]
        elif name == "other_missing":
            form.other_missing.errors = [message]
        else:
            errors[name] = message
    if answers is None or form.interview_on.errors or form.other_missing.errors:
        return errors, review
    if interview_on is not None:
        service.set_interview_date(
            db.session,
            context.preparation,
            interview_on,
            role=Role.OFFICER.value,
            today=now.date(),
            planned=False,
        )
        context = service.ShareContext(
            context.share,
            context.preparation,
            service.interview_of(db.session, context.preparation),
            context.feedback,
            context.active,
        )
    first = context.feedback is None
    try:
        service.save_feedback(db.session, context, answers, other or None, other_check, now=now)
    except rules.FeedbackRefused as refused:
        # Only the interview date just entered can close the form here; nothing was stored.
        db.session.rollback()
        form.interview_on.errors = [_translated(_REFUSED[refused.kind], days=rules.EDIT_DAYS)]
        return errors, review
    audit(
        Action.FEEDBACK,
        object_type="share",
        object_id=context.share.public_id,
        change="given" if first else "changed",
    )
    if other_check and other_check.get("confirmed"):
        audit(
            Action.TEXT_CONFIRMED,
            object_type="share",
            object_id=context.share.public_id,
            field="other_missing",
        )
    db.session.commit()
    flash(
        _("Thank you. Your feedback is saved. You can change it for %(days)s days.", days=rules.EDIT_DAYS),
        "success",
    )
    return redirect(url_for("feedback.officer_feedback", share_id=context.share.public_id))


# ---------------------------------------------------------------------------------------------- counsellor


def _mine(public_id: str) -> Preparation:
    user = current_user()
    assert user is not None
    try:
        return preparations.owned(db.session, user.id, public_id)
    except preparations.NotFound:
        abort(404)


@bp.route("/counsellor/preparations/<public_id>/interview", methods=["GET", "POST"])
@role_required(Role.COUNSELLOR)
def interview(public_id: str) -> BaseResponse | str | tuple[str, int]:
    """The interview date (also a planned one), and the officers' feedback on this preparation."""
    preparation = _mine(public_id)
    now = utcnow()
    current = service.interview_of(db.session, preparation)
    form = InterviewDateForm()
    if form.validate_on_submit() and form.interview_on.data is not None:
        problem = service.set_interview_date(
            db.session,
            preparation,
            form.interview_on.data,
            role=Role.COUNSELLOR.value,
            today=now.date(),
            planned=True,
        )
        if problem is None:
            audit(
                Action.FEEDBACK,
                object_type="preparation",
                object_id=preparation.public_id,
                change="interview_date",
            )
            db.session.commit()
            flash(_("The interview date is saved."), "success")
            return redirect(url_for("feedback.interview", public_id=public_id))
        form.interview_on.errors = [_translated(_DATE_PROBLEMS[problem], days=rules.PLAN_AHEAD_DAYS)]
    elif not form.is_submitted() and current is not None:
        form.interview_on.data = current.interview_on
    from easyreport.feedback import client_questions, client_service

    client_answers = client_service.answers(db.session, preparation)
    rows = []
    for row in service.feedback_for_preparation(db.session, preparation):
        answers = rules.FeedbackAnswers.from_data(row.answers)
        rows.append((row, answers))
    db.session.commit()
    return (
        render_template(
            "feedback/interview.html",
            preparation=preparation,
            form=form,
            current=current,
            feedback_rows=rows,
            read_labels=rules.READ_LABELS,
            outcome_labels=rules.OUTCOME_LABELS,
            reason_labels=rules.REASON_LABELS,
            missing_labels=rules.MISSING_LABELS,
            rule_text=_rule_text,
            client_questions=client_questions.CLIENT_FEEDBACK,
            client_answers=client_answers,
            hand_over=ButtonForm(formdata=None),
        ),
        400 if form.errors else 200,
    )


def _rule_text(rule_id: str) -> str:
    from easyreport.briefing.rules_data import RULES

    for rule in RULES:
        if rule.id == rule_id:
            return _(rule.text)
    return rule_id
