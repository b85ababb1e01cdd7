"""Role home pages."""

from __future__ import annotations

from flask import Blueprint, render_template

from easyreport.auth import role_required
from easyreport.roles import Role

counsellor = Blueprint("counsellor", __name__, url_prefix="/counsellor")
officer = Blueprint("officer", __name__, url_prefix="/officer")


@counsellor.route("/", endpoint="home")
@role_required(Role.COUNSELLOR)
def counsellor_home() -> str:
    """The counsellor's start page."""
    return render_template("staff/counsellor_home.html")


@officer.route("/", endpoint="home")
@role_required(Role.OFFICER)
def officer_home() -> str:
    """The officer's start page."""
    return render_template("staff/officer_home.html")
