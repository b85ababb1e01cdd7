"""Role home pages."""

from __future__ import annotations

from flask import Blueprint, render_template

from easyreport.auth import current_user, role_required
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.preparation import flow, service
from easyreport.roles import Role
from easyreport.sharing import service as sharing
from easyreport.timeutil import utcnow

counsellor = Blueprint("counsellor", __name__, url_prefix="/counsellor")
officer = Blueprint("officer", __name__, url_prefix="/officer")


@counsellor.route("/", endpoint="home")
@role_required(Role.COUNSELLOR)
def counsellor_home() -> str:
    """The counsellor's preparations with their progress."""
    user = current_user()
    assert user is not None
    preparations = service.list_for(db.session, user.id)
    answers = service.answers_of_each(db.session, preparations)  # one query, not one per preparation
    rows = [
        (preparation, flow.answered_count(QUESTIONNAIRE, answers[preparation.id]))
        for preparation in preparations
    ]
    return render_template("staff/counsellor_home.html", rows=rows, total=len(QUESTIONNAIRE))


@officer.route("/", endpoint="home")
@role_required(Role.OFFICER)
def officer_home() -> str:
    """The sheets currently shared with this officer (not expired, not revoked)."""
    user = current_user()
    assert user is not None
    rows = sharing.active_for_officer(db.session, user.id, utcnow())
    db.session.commit()
    return render_template("staff/officer_home.html", rows=rows)
