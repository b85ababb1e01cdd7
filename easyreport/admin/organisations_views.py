"""Admin page for the organisation names counsellors pick for the sheet (entered once, checked once)."""

from __future__ import annotations

from flask import flash, redirect, render_template, url_for
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from werkzeug.wrappers import Response
from wtforms import BooleanField, HiddenField, StringField, SubmitField
from wtforms.validators import InputRequired, Length

from easyreport.admin.views import bp
from easyreport.audit.chain import Action
from easyreport.audit.record import audit
from easyreport.auth import role_required
from easyreport.briefing import free_text
from easyreport.briefing import organisations as service
from easyreport.briefing.forms import CONFIRM_NO_ACCOUNT, no_hidden_characters
from easyreport.catalogue_lookup import gettext as _
from easyreport.extensions import db
from easyreport.forms import BaseForm
from easyreport.needs_check import EXPLANATIONS, marked_segments
from easyreport.roles import Role
from easyreport.translatable import N_

_PROBLEMS = {
    "empty": N_("Enter a name."),
    "duplicate": N_("This organisation is already in the list."),
    free_text.TextProblem.TOO_LONG.value: N_("Use at most %(max)d characters."),
    free_text.TextProblem.HIDDEN_CHARACTERS.value: N_(
        "This text holds hidden characters (for example a null character or a zero-width space). "
        "Type it again with normal letters."
    ),
    free_text.TextProblem.MARKUP.value: N_("Use letters only, without < or >."),
}


class OrganisationForm(BaseForm):
    """A new organisation name, and the confirmation when the needs-only check flags it."""

    name = StringField(
        _l("Name of the organisation"),
        description=_l("As the police should read it on the sheet, for example: Koraal."),
        validators=[
            InputRequired(_l("Enter a name.")),
            no_hidden_characters,
            Length(max=service.ORGANISATION_MAX),
        ],
    )
    confirm = BooleanField(CONFIRM_NO_ACCOUNT)
    reviewed = HiddenField()
    submit = SubmitField(_l("Add organisation"))


class RemoveForm(BaseForm):
    """A button only (and its CSRF token)."""

    submit = SubmitField(_l("Remove"))


@bp.route("/organisations", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def organisations() -> Response | tuple[str, int]:
    """The organisation names counsellors choose from on the sheet settings page."""
    form = OrganisationForm()
    review = None
    if form.validate_on_submit():
        name = " ".join((form.name.data or "").split())
        confirmed = bool(form.confirm.data) and form.reviewed.data == free_text.digest(name)
        try:
            organisation = service.add_organisation(
                db.session, form.name.data or "", confirmed=confirmed, locale=str(get_locale() or "nl")
            )
        except service.InvalidOrganisation as invalid:
            form.name.errors = [_(_PROBLEMS[invalid.reason], max=service.ORGANISATION_MAX)]
        except service.FlaggedOrganisation as flagged:
            review = {
                "segments": marked_segments(name, flagged.result.flags),
                "explanations": [EXPLANATIONS[c] for c in flagged.result.categories],
                "confirmable": free_text.confirmable(flagged.result),
                "digest": free_text.digest(name),
            }
            form.name.errors = [
                _("Change the marked words, or confirm that the text holds no account of what happened.")
            ]
        else:
            audit(
                Action.ACCOUNT_CHANGE,
                object_type="organisation",
                object_id=organisation.id,
                change="organisation_added",
            )
            if organisation.confirmed:
                audit(
                    Action.TEXT_CONFIRMED,
                    object_type="organisation",
                    object_id=organisation.id,
                    field="organisation",
                )
            db.session.commit()
            flash(_("Organisation added."), "success")
            return redirect(url_for("admin.organisations"))
    html = render_template(
        "admin/organisations.html",
        form=form,
        review=review,
        organisations=service.organisations(db.session),
        remove=RemoveForm(),
    )
    return html, 400 if form.errors else 200


@bp.route("/organisations/<int:organisation_id>/remove", methods=["POST"])
@role_required(Role.ADMIN)
def remove_organisation(organisation_id: int) -> Response:
    """Take an organisation off the list; sheets that named it ask their counsellor to choose again."""
    if RemoveForm().validate_on_submit() and service.remove_organisation(db.session, organisation_id):
        audit(
            Action.ACCOUNT_CHANGE,
            object_type="organisation",
            object_id=organisation_id,
            change="organisation_removed",
        )
        db.session.commit()
        flash(_("Organisation removed."), "success")
    return redirect(url_for("admin.organisations"))
