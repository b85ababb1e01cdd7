"""Choosing the client's language: by the counsellor on the overview, by the client on a choice screen.

An unknown code (a changed form, a stale page, a disabled language) never fails: the preparation keeps its
language and the page says so.
"""

from __future__ import annotations

from flask import current_app, flash, redirect, render_template, request, session, url_for
from werkzeug.wrappers import Response

from easyreport.auth import public, role_required
from easyreport.catalogue_lookup import gettext as _
from easyreport.client_languages import client_languages, pick
from easyreport.content import client_screens as screens
from easyreport.content import language_screen
from easyreport.extensions import db
from easyreport.forms import BaseForm
from easyreport.preparation import service
from easyreport.preparation.client_views import _back_to, _preparation
from easyreport.preparation.client_views import bp as client_bp
from easyreport.preparation.forms import ClientLanguageForm
from easyreport.preparation.language import language_name, unknown_language_note
from easyreport.preparation.views import _mine
from easyreport.preparation.views import bp as preparation_bp
from easyreport.roles import Role


def _offered() -> tuple[str, ...]:
    return tuple(language.code for language in client_languages(tuple(current_app.config["LANGUAGES"])))


@preparation_bp.route("/<public_id>/language", methods=["POST"])
@role_required(Role.COUNSELLOR)
def client_language(public_id: str) -> Response:
    """Save the client's language and whether an interpreter is needed; an unknown code keeps the language."""
    preparation = _mine(public_id)
    form = ClientLanguageForm()
    if not form.validate_on_submit():
        flash(_("Nothing was changed. Please try again."), "error")
        return redirect(url_for("preparation.overview", public_id=public_id))
    code, known = pick(
        form.client_locale.data, preparation.client_locale, tuple(current_app.config["LANGUAGES"])
    )
    service.set_language(
        db.session,
        preparation,
        code,
        offered=_offered(),
        interpreter_needed=bool(form.interpreter_needed.data),
    )
    db.session.commit()
    if known:
        flash(_("The client's language is %(language)s.", language=language_name(code)), "success")
    else:
        flash(unknown_language_note(code), "warning")
    return redirect(url_for("preparation.overview", public_id=public_id))


@client_bp.route("/language", methods=["GET", "POST"])
@public
def language() -> Response | str:
    """Let the client choose the language of the screens; each language is named in its own words and script."""
    preparation = _preparation()
    back = _back_to(request.values.get("next"))
    note = None
    if request.method == "POST":
        current = str(session.get("locale") or preparation.client_locale)
        code, known = pick(
            request.form.get("locale", "")[:16], current, tuple(current_app.config["LANGUAGES"])
        )
        if not BaseForm().validate_on_submit():
            known = False
        if known:
            session["locale"] = code
            service.set_language(
                db.session,
                preparation,
                code,
                offered=_offered(),
                interpreter_needed=preparation.interpreter_needed,
            )
            db.session.commit()
            return redirect(back)
        note = language_screen.UNKNOWN
    page = render_template(
        "client/language.html",
        screens=screens,
        texts=language_screen,
        languages=client_languages(tuple(current_app.config["LANGUAGES"])),
        back=back,
        note=note,
        preparation=preparation,
    )
    return (page, 400) if note else page  # type: ignore[return-value]
