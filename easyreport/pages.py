"""Public pages: start, language choice, about."""

from __future__ import annotations

from flask import Blueprint, current_app, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from easyreport.auth import current_user, public, safe_next
from easyreport.content.pictograms import attribution
from easyreport.roles import ROLE_HOME, Role

bp = Blueprint("pages", __name__)


@bp.route("/")
@public
def index() -> Response:
    """Send a logged-in account to its home page, anyone else to the login page."""
    user = current_user()
    if user is None:
        return redirect(url_for("accounts.login"))
    return redirect(url_for(ROLE_HOME[Role(user.role)]))


@bp.route("/language", methods=["POST"])
@public
def set_language() -> Response:
    """Remember the chosen language for this session; an unknown code keeps the current one."""
    locale = request.form.get("locale", "")
    if locale in current_app.config["LANGUAGES"]:
        session["locale"] = locale
    return redirect(safe_next(request.form.get("next")) or url_for("pages.index"))


@bp.route("/accessibility")
@public
def accessibility() -> str:
    """The accessibility statement: status, what was tested and how, known gaps, contact."""
    from easyreport import accessibility as checks

    return render_template("pages/accessibility.html", checks=checks)


@bp.route("/about")
@public
def about() -> str:
    """Explain what easyreport is and credit third-party material."""
    return render_template("pages/about.html", pictogram_credit=attribution())
