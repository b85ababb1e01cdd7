"""Sharing pages: the counsellor shares, revokes and sees the history; the officer reads and gives feedback."""

from __future__ import annotations

from flask import Blueprint, Response, abort, flash, redirect, render_template, url_for
from flask_babel import get_locale
from sqlalchemy import or_, select
from werkzeug.wrappers import Response as BaseResponse

from easyreport.accounts.models import User
from easyreport.audit.chain import Action
from easyreport.audit.record import audit
from easyreport.audit.storage import AuditEntry
from easyreport.auth import current_user, role_required
from easyreport.briefing import service as briefing
from easyreport.briefing.kept import kept_sheet, rendered
from easyreport.briefing.render import pdf_of_document, render_page_around, sheet_attachment
from easyreport.briefing.sheet_store import KeptSheet, SheetKind
from easyreport.catalogue_lookup import gettext as _
from easyreport.extensions import db
from easyreport.preparation import service as preparations
from easyreport.preparation.models import Preparation
from easyreport.roles import Role
from easyreport.sharing import service as sharing
from easyreport.sharing.access import InvalidExpiry, ShareState, share_state
from easyreport.sharing.forms import AppliedForm, ButtonForm, ShareForm
from easyreport.sharing.models import Share
from easyreport.sharing.unit_names import unit_name
from easyreport.timeutil import utcnow

bp = Blueprint("sharing", __name__)


def _mine(public_id: str) -> Preparation:
    user = current_user()
    assert user is not None
    try:
        return preparations.owned(db.session, user.id, public_id)
    except preparations.NotFound:
        abort(404)


def _officer_choices() -> list[tuple[int, str]]:
    names = {unit.id: unit_name(unit) for unit in sharing.units(db.session)}
    choices = []
    for officer, member in sharing.officers(db.session):
        label = officer.username
        if member is not None:
            label += f" – {names.get(member.unit_id, '')}"
            if member.fixed_contact:
                label += f" ({_('fixed contact')})"
        choices.append((officer.id, label))
    return choices


def _proposed(built: briefing.BuiltSheet) -> list[int]:
    """Fixed contacts of the unit the sheet's route names (the pilot's core team).

    The sheet's own route, so a unit suggested only by facts the client withheld proposes no one.
    """
    route = built.sheet.route
    unit = route.routing.unit if route is not None and route.routing is not None else None
    return sharing.fixed_contacts(db.session, unit.value) if unit is not None else []


@bp.route("/counsellor/preparations/<public_id>/share", methods=["GET", "POST"])
@role_required(Role.COUNSELLOR)
def share(public_id: str) -> BaseResponse | str | tuple[str, int]:
    """Share the finished sheet with officers for a number of days; list, and revoke, earlier shares."""
    preparation = _mine(public_id)
    user = current_user()
    assert user is not None
    sharing.ensure_default_units(db.session)
    try:
        built = briefing.build_for(db.session, preparation, now=utcnow())
    except briefing.SheetBlocked:
        db.session.commit()
        return render_template("sharing/not_ready.html", preparation=preparation), 409
    if not briefing.shareable(built):
        # A consent record under rules that no longer apply (e.g. the meldcode) allows no new share.
        db.session.commit()
        return render_template("sharing/not_ready.html", preparation=preparation, old_rules=True), 409
    form = ShareForm()
    form.officers.choices = _officer_choices()
    if form.validate_on_submit():
        try:
            created = sharing.share(
                db.session,
                preparation,
                form.officers.data or [],
                form.days.data or 0,
                by=user.id,
                now=utcnow(),
            )
        except sharing.NoOfficers:
            form.officers.errors = [_("Choose at least one officer.")]
        except sharing.NotAnOfficer:
            form.officers.errors = [
                _("Sheets can only go to active officer accounts (police or Labour Authority).")
            ]
        except InvalidExpiry:
            form.days.errors = [_("Enter a number from 1 to 90.")]
        else:
            for record in created:
                audit(Action.SHARE, object_type="share", object_id=record.public_id, days=form.days.data)
            db.session.commit()
            flash(_("The sheet is shared."), "success")
            return redirect(url_for("sharing.share", public_id=public_id))
    elif not form.is_submitted():
        form.officers.data = _proposed(built)
    db.session.commit()
    return render_template(
        "sharing/share.html",
        preparation=preparation,
        form=form,
        shares=_share_rows(preparation),
        revoke_form=ButtonForm(formdata=None),
    )


def _share_rows(preparation: Preparation) -> list[tuple[Share, str, ShareState]]:
    names = {uid: name for uid, name in db.session.execute(select(User.id, User.username))}
    now = utcnow()
    return [
        (record, names.get(record.officer_id, "?"), share_state(sharing.facts(record), now))
        for record in sharing.shares_of(db.session, preparation)
    ]


@bp.route("/counsellor/preparations/<public_id>/shares/<share_id>/revoke", methods=["POST"])
@role_required(Role.COUNSELLOR)
def revoke(public_id: str, share_id: str) -> BaseResponse:
    """End a share at once."""
    preparation = _mine(public_id)
    if ButtonForm().validate_on_submit():
        try:
            record = sharing.revoke(db.session, preparation, share_id, now=utcnow())
        except sharing.NotFound:
            abort(404)
        audit(Action.REVOKE, object_type="share", object_id=record.public_id)
        db.session.commit()
        flash(_("The share is revoked. The officer can no longer open the sheet."), "success")
    return redirect(url_for("sharing.share", public_id=public_id))


@bp.route("/counsellor/preparations/<public_id>/history")
@role_required(Role.COUNSELLOR)
def history(public_id: str) -> str:
    """Who opened, downloaded, shared or revoked this preparation's sheet, and when."""
    preparation = _mine(public_id)
    share_ids = [record.public_id for record in sharing.shares_of(db.session, preparation)]
    settings = briefing.settings_for(db.session, preparation)
    conditions = (
        [(AuditEntry.object_type == "share") & AuditEntry.object_id.in_(share_ids)] if share_ids else []
    )
    if settings is not None:
        conditions.append((AuditEntry.object_type == "sheet") & (AuditEntry.object_id == settings.sheet_id))
    entries = (
        list(db.session.scalars(select(AuditEntry).where(or_(*conditions)).order_by(AuditEntry.seq.desc())))
        if conditions
        else []
    )
    names = {str(uid): name for uid, name in db.session.execute(select(User.id, User.username))}
    return render_template("sharing/history.html", preparation=preparation, entries=entries, names=names)


# ---------------------------------------------------------------------------------------------- officer


def _open(share_id: str) -> tuple[Share, Preparation]:
    user = current_user()
    assert user is not None
    try:
        return sharing.open_share(db.session, user, share_id, now=utcnow())
    except sharing.NotFound:
        abort(404)


def _open_kept(share_id: str, kind: SheetKind) -> tuple[Share, KeptSheet | None]:
    """Open an officer's share and get its sheet (kept.py); None while consent is not current (being updated).

    Nothing is written before the sheet is there: the write transaction begins at the first flush, so the
    opening noted, the access audited (and a sheet built now, a rare miss of the sheet store) are one short
    commit after the building; it never holds SQLite's write lock, or the share's row on PostgreSQL, while a
    sheet is built or typeset.
    """
    record, preparation = _open(share_id)
    try:
        return record, kept_sheet(db.session, preparation, str(get_locale()), kind, now=utcnow())
    except briefing.SheetBlocked:
        return record, None


def _note_access(record: Share, action: Action) -> None:
    """Note the opening and audit it, in one commit."""
    sharing.note_opened(record, now=utcnow())
    audit(action, object_type="share", object_id=record.public_id)
    db.session.commit()


def _unavailable(record: Share) -> tuple[str, int]:
    # The opening is noted; no view is audited, as no sheet was shown.
    sharing.note_opened(record, now=utcnow())
    db.session.commit()
    return render_template("sharing/sheet_unavailable.html"), 409


@bp.route("/officer/sheets/<share_id>")
@role_required(Role.OFFICER)
def officer_sheet(share_id: str) -> str | tuple[str, int]:
    """The sheet shared with this officer, in the officer's language."""
    record, kept = _open_kept(share_id, SheetKind.PAGE)
    if kept is None:
        return _unavailable(record)
    # Every view, whether the sheet was stored or built: who read which sheet when.
    _note_access(record, Action.VIEW_SHEET)
    return render_officer_sheet(kept, record, str(get_locale()))


def render_officer_sheet(source: briefing.BuiltSheet | KeptSheet, record: Share, locale: str) -> str:
    """Render the officer's page for a shared sheet: the sheet and the 'applied' feedback form."""
    kept = source if isinstance(source, KeptSheet) else rendered(source, locale, SheetKind.PAGE)
    applied = AppliedForm(formdata=None)
    ticked = set(record.applied_rule_ids or [])
    choices = [(rule_id, _(text), rule_id in ticked) for rule_id, text in kept.recommendations]
    return render_page_around(
        kept.sheet_id,
        kept.body,
        locale,
        None,
        template="sharing/officer_sheet.html",
        share=record,
        applied_form=applied,
        applied_choices=choices,
        read_form=ButtonForm(formdata=None),
    )


@bp.route("/officer/sheets/<share_id>/pdf")
@role_required(Role.OFFICER)
def officer_pdf(share_id: str) -> Response | tuple[str, int]:
    """The shared sheet as a tagged PDF, in the officer's language."""
    record, kept = _open_kept(share_id, SheetKind.DOCUMENT)
    if kept is None:
        return _unavailable(record)
    pdf = pdf_of_document(kept.body, record.preparation_id, str(get_locale()), valid_until=kept.valid_until)
    _note_access(record, Action.DOWNLOAD_PDF)
    return sheet_attachment(kept.sheet_id, pdf, "pdf", "application/pdf")


@bp.route("/officer/sheets/<share_id>/read", methods=["POST"])
@role_required(Role.OFFICER)
def confirm_read(share_id: str) -> BaseResponse:
    """The officer read the sheet before the interview."""
    record, _preparation = _open(share_id)
    if ButtonForm().validate_on_submit():
        now = utcnow()
        sharing.note_opened(record, now=now)
        sharing.confirm_read(record, now=now)
        db.session.commit()
        flash(_("Thank you. The counsellor can see that you read the sheet."), "success")
    return redirect(url_for("sharing.officer_sheet", share_id=share_id))


@bp.route("/officer/sheets/<share_id>/applied", methods=["POST"])
@role_required(Role.OFFICER)
def applied(share_id: str) -> BaseResponse:
    """After the interview: which recommendations were applied."""
    record, kept = _open_kept(share_id, SheetKind.PAGE)
    if kept is None:
        abort(409)
    sharing.note_opened(record, now=utcnow())
    form = AppliedForm()
    form.rules.choices = [(rule_id, rule_id) for rule_id, _text in kept.recommendations]
    if form.validate_on_submit():
        sharing.record_applied(record, form.rules.data or [])
        flash(_("Saved. Thank you for your feedback."), "success")
    else:
        flash(_("Choose from the recommendations on this sheet."), "error")
    db.session.commit()  # the opening, and the answer when there is one
    return redirect(url_for("sharing.officer_sheet", share_id=share_id) + "#applied")
