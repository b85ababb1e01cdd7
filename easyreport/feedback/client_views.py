"""The client's feedback in client mode: one question per screen, the same lock and layout as the questions.

The counsellor hands the device over with a POST (client_feedback_start); until the counsellor unlocks,
only these screens (and the locked screen) open. Each answer is saved the moment it is given.
"""

from __future__ import annotations

from flask import abort, redirect, render_template, request, url_for
from werkzeug.wrappers import Response as BaseResponse

from easyreport.auth import role_required
from easyreport.catalogue_lookup import gettext as _
from easyreport.content import client_screens as screens
from easyreport.extensions import db
from easyreport.feedback import client_questions as questions
from easyreport.feedback import client_service
from easyreport.feedback.views import _mine, bp
from easyreport.forms import BaseForm
from easyreport.preparation.client_views import FEEDBACK, client_walk, hold_for_client, start_walk
from easyreport.preparation.models import Preparation
from easyreport.roles import Role
from easyreport.timeutil import utcnow


def _in_walk(public_id: str) -> Preparation | BaseResponse:
    preparation = _mine(public_id)
    if client_walk() != FEEDBACK:
        # Not handed over: the counsellor's page, with the button that hands the device to the client.
        return redirect(url_for("feedback.interview", public_id=public_id))
    hold_for_client(preparation)
    return preparation


@bp.route("/counsellor/preparations/<public_id>/client-feedback/start", methods=["POST"])
@role_required(Role.COUNSELLOR)
def client_feedback_start(public_id: str) -> BaseResponse:
    """Hand the device to the client for the feedback questions, under the client-mode lock."""
    preparation = _mine(public_id)
    if not BaseForm().validate_on_submit():
        return redirect(url_for("feedback.interview", public_id=public_id))
    start_walk(preparation, FEEDBACK)
    return redirect(url_for("feedback.client_start", public_id=public_id))


@bp.route("/counsellor/preparations/<public_id>/client-feedback")
@role_required(Role.COUNSELLOR)
def client_start(public_id: str) -> BaseResponse | str:
    """The first screen: what comes, and that the answers stay with the support worker."""
    preparation = _in_walk(public_id)
    if not isinstance(preparation, Preparation):
        return preparation
    first = (
        questions.next_open(client_service.answers(db.session, preparation)) or questions.CLIENT_FEEDBACK[0]
    )
    return render_template(
        "feedback/client_start.html",
        preparation=preparation,
        screens=screens,
        texts=questions,
        go_on=url_for("feedback.client_question", public_id=public_id, question_id=first.id),
        stop_url=url_for("feedback.client_stop", public_id=public_id),
    )


@bp.route("/counsellor/preparations/<public_id>/client-feedback/q/<question_id>", methods=["GET", "POST"])
@role_required(Role.COUNSELLOR)
def client_question(public_id: str, question_id: str) -> BaseResponse | str | tuple[str, int]:
    """One question; the answer is saved at once and the next question follows."""
    preparation = _in_walk(public_id)
    if not isinstance(preparation, Preparation):
        return preparation
    current = questions.question(question_id[:64])
    if current is None:
        return redirect(url_for("feedback.client_start", public_id=public_id))
    form = BaseForm()
    error = None
    status = 200
    if request.method == "POST":
        if form.validate_on_submit():
            try:
                client_service.record(
                    db.session, preparation, current, request.form.get("option", ""), now=utcnow()
                )
            except client_service.InvalidAnswer:
                db.session.rollback()
                error = _(questions.CHOOSE_ONE)
                status = 400
            else:
                db.session.commit()
                following = questions.next_open(client_service.answers(db.session, preparation))
                if following is None:
                    return redirect(url_for("feedback.client_done", public_id=public_id))
                return redirect(
                    url_for("feedback.client_question", public_id=public_id, question_id=following.id)
                )
        else:
            error = _(questions.CHOOSE_AGAIN)
            status = 400
    given = client_service.answers(db.session, preparation)
    previous = questions.previous(current.id)
    position = [q.id for q in questions.CLIENT_FEEDBACK].index(current.id) + 1
    return (
        render_template(
            "feedback/client_question.html",
            preparation=preparation,
            screens=screens,
            question=current,
            chosen=given.get(current.id),
            error=error,
            number=position,
            total=len(questions.CLIENT_FEEDBACK),
            back_url=url_for("feedback.client_question", public_id=public_id, question_id=previous.id)
            if previous
            else url_for("feedback.client_start", public_id=public_id),
            break_url=url_for("feedback.client_break", public_id=public_id, at=current.id),
            stop_url=url_for("feedback.client_stop", public_id=public_id, at=current.id),
        ),
        status,
    )


def _back_to(public_id: str) -> str:
    at = questions.question(request.args.get("at", "")[:64])
    if at is not None:
        return url_for("feedback.client_question", public_id=public_id, question_id=at.id)
    return url_for("feedback.client_start", public_id=public_id)


@bp.route("/counsellor/preparations/<public_id>/client-feedback/break")
@role_required(Role.COUNSELLOR)
def client_break(public_id: str) -> BaseResponse | str:
    """A calm break screen; Go on returns to the question."""
    preparation = _in_walk(public_id)
    if not isinstance(preparation, Preparation):
        return preparation
    return render_template(
        "feedback/client_break.html",
        preparation=preparation,
        screens=screens,
        go_on=_back_to(public_id),
        stop_url=url_for("feedback.client_stop", public_id=public_id, at=request.args.get("at", "")[:64]),
    )


@bp.route("/counsellor/preparations/<public_id>/client-feedback/stop", methods=["GET", "POST"])
@role_required(Role.COUNSELLOR)
def client_stop(public_id: str) -> BaseResponse | str:
    """Ask once whether the client wants to stop; the answers given are kept."""
    preparation = _in_walk(public_id)
    if not isinstance(preparation, Preparation):
        return preparation
    if request.method == "POST" and BaseForm().validate_on_submit():
        return redirect(url_for("client.locked", stopped=1))
    return render_template(
        "feedback/client_stop.html",
        preparation=preparation,
        screens=screens,
        go_on=_back_to(public_id),
        action=url_for("feedback.client_stop", public_id=public_id),
    )


@bp.route("/counsellor/preparations/<public_id>/client-feedback/done")
@role_required(Role.COUNSELLOR)
def client_done(public_id: str) -> BaseResponse | str:
    """Thank you: the device goes back to the counsellor (the locked screen follows)."""
    preparation = _in_walk(public_id)
    if not isinstance(preparation, Preparation):
        return preparation
    if questions.next_open(client_service.answers(db.session, preparation)) is not None:
        abort(404)
    return render_template(
        "feedback/client_done.html", preparation=preparation, screens=screens, texts=questions
    )
