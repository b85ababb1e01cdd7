"""Admin pages for police units and the audit log (metadata only: admins read no client content)."""

from __future__ import annotations

from pathlib import Path

from flask import abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from werkzeug.wrappers import Response
from wtforms import BooleanField, SelectField, StringField, SubmitField
from wtforms.validators import DataRequired, Length

from easyreport.accounts.models import User
from easyreport.admin.views import bp
from easyreport.audit.anchor import verify_against_head
from easyreport.audit.chain import Action
from easyreport.audit.record import audit
from easyreport.audit.storage import AuditEntry
from easyreport.auth import role_required
from easyreport.catalogue_lookup import gettext as _
from easyreport.extensions import db
from easyreport.forms import BaseForm
from easyreport.roles import Role
from easyreport.sharing import service as sharing
from easyreport.sharing.unit_names import unit_name

AUDIT_PAGE_SIZE = 100


class UnitForm(BaseForm):
    """A new police unit."""

    name = StringField(
        _l("Name of the unit"), validators=[DataRequired(_l("Enter a name.")), Length(max=120)]
    )
    submit = SubmitField(_l("Add unit"))


class MembershipForm(BaseForm):
    """An officer's unit and fixed-contact mark."""

    unit = SelectField(_l("Unit"), choices=[])
    fixed_contact = BooleanField(_l("Fixed contact of the unit"))
    submit = SubmitField(_l("Save"))


def _unit_choices() -> list[tuple[str, str]]:
    return [("", _("No unit"))] + [(str(u.id), unit_name(u)) for u in sharing.units(db.session)]


@bp.route("/units", methods=["GET", "POST"])
@role_required(Role.ADMIN)
def units() -> Response | str:
    """Police units, and which officers are in them."""
    sharing.ensure_default_units(db.session)
    db.session.commit()
    form = UnitForm()
    if form.validate_on_submit():
        unit = sharing.add_unit(db.session, form.name.data or "")
        audit(Action.ACCOUNT_CHANGE, object_type="unit", object_id=unit.id, change="unit_added")
        db.session.commit()
        flash(_("Unit added."), "success")
        return redirect(url_for("admin.units"))
    rows = []
    for officer, member in sharing.officers(db.session):
        membership = MembershipForm(formdata=None, prefix=f"o{officer.id}")
        membership.unit.choices = _unit_choices()
        membership.unit.data = str(member.unit_id) if member else ""
        membership.fixed_contact.data = bool(member and member.fixed_contact)
        rows.append((officer, membership))
    return render_template(
        "admin/units.html", form=form, units=[unit_name(u) for u in sharing.units(db.session)], rows=rows
    )


@bp.route("/officers/<int:user_id>/unit", methods=["POST"])
@role_required(Role.ADMIN)
def set_unit(user_id: int) -> Response:
    """Put an officer in a unit, as fixed contact or not."""
    officer = db.session.get(User, user_id)
    if officer is None or officer.role != Role.OFFICER.value:
        abort(404)
    form = MembershipForm(prefix=f"o{user_id}")
    form.unit.choices = _unit_choices()
    if form.validate_on_submit():
        unit_id = int(form.unit.data) if form.unit.data else None
        sharing.set_membership(db.session, user_id, unit_id, bool(form.fixed_contact.data))
        audit(Action.ACCOUNT_CHANGE, object_type="account", object_id=user_id, change="unit")
        db.session.commit()
        flash(_("Unit of %(name)s saved.", name=officer.username), "success")
    else:
        flash(_("Choose one of the units."), "error")
    return redirect(url_for("admin.units"))


@bp.route("/audit")
@role_required(Role.ADMIN)
def audit_log() -> str:
    """The audit log, newest first, with the result of checking the chain."""
    try:
        page = max(1, min(int(request.args.get("page", "1")), 100_000))
    except ValueError:
        page = 1
    action = request.args.get("action", "")
    statement = select(AuditEntry).order_by(AuditEntry.seq.desc())
    if action in {a.value for a in Action}:
        statement = statement.where(AuditEntry.action == action)
    entries = list(
        db.session.scalars(statement.offset((page - 1) * AUDIT_PAGE_SIZE).limit(AUDIT_PAGE_SIZE + 1))
    )
    problems = verify_against_head(
        db.session,
        current_app.extensions["easyreport.audit_key"],
        Path(current_app.config["EASYREPORT"].AUDIT_HEAD_FILE),
    )
    names = {str(uid): name for uid, name in db.session.execute(select(User.id, User.username))}
    return render_template(
        "admin/audit.html",
        entries=entries[:AUDIT_PAGE_SIZE],
        has_more=len(entries) > AUDIT_PAGE_SIZE,
        page=page,
        action=action,
        actions=[a.value for a in Action],
        problems=problems,
        names=names,
    )
