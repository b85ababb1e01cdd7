"""The sheet for the counsellor: on screen, as PDF and JSON, and the top three choice.

The client's copy is in client_copy_views.py.

The sheet page and the PDF use the stored sheet when nothing it is built from changed (kept.py); the JSON
and the top three build it anew (service.build_for). When there is no sheet the page says why (409).
"""

from __future__ import annotations

import json

from flask import Response, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from werkzeug.wrappers import Response as BaseResponse
from wtforms import SelectChoice

from easyreport.audit.chain import Action
from easyreport.audit.record import audit
from easyreport.auth import role_required
from easyreport.briefing import service
from easyreport.briefing.forms import TopThreeForm
from easyreport.briefing.kept import kept_sheet
from easyreport.briefing.render import (
    pdf_of_document,
    render_page_around,
    sheet_attachment,
    sheet_json_document,
)
from easyreport.briefing.rules import (
    InvalidTopChoice,
    RuleNotApplicable,
    UnknownRule,
    choose_top,
    top_candidates,
)
from easyreport.briefing.service import SheetBlocked
from easyreport.briefing.sheet_store import KeptSheet, SheetKind
from easyreport.briefing.views import blocked_page, bp, overview_url, owned_preparation
from easyreport.catalogue_lookup import gettext as _
from easyreport.extensions import db
from easyreport.preparation.models import Preparation
from easyreport.roles import Role
from easyreport.timeutil import utcnow


def _built_or_blocked(preparation: Preparation) -> service.BuiltSheet | tuple[str, int]:
    try:
        return service.build_for(db.session, preparation, now=utcnow())
    except SheetBlocked as blocked:
        return blocked_page(preparation, blocked.reason)


def _viewer_locale() -> str:
    return str(get_locale())


def _kept_or_blocked(preparation: Preparation, kind: SheetKind) -> KeptSheet | tuple[str, int]:
    try:
        return kept_sheet(db.session, preparation, _viewer_locale(), kind, now=utcnow())
    except SheetBlocked as blocked:
        return blocked_page(preparation, blocked.reason)


@bp.route("/<public_id>/sheet", endpoint="sheet")
@role_required(Role.COUNSELLOR)
def sheet(public_id: str) -> str | tuple[str, int]:
    """Preview the sheet as the officer will read it, in the viewer's language."""
    preparation = owned_preparation(public_id)
    kept = _kept_or_blocked(preparation, SheetKind.PAGE)
    if isinstance(kept, tuple):
        return kept
    audit(Action.VIEW_SHEET, object_type="sheet", object_id=kept.sheet_id)
    db.session.commit()
    return render_page_around(
        kept.sheet_id,
        kept.body,
        _viewer_locale(),
        preparation,
        counsellor_view=True,
        overview=overview_url(preparation),
    )


@bp.route("/<public_id>/sheet.pdf", endpoint="sheet_pdf")
@role_required(Role.COUNSELLOR)
def sheet_pdf(public_id: str) -> Response | tuple[str, int]:
    """Download the sheet as a tagged PDF in the viewer's language."""
    preparation = owned_preparation(public_id)
    kept = _kept_or_blocked(preparation, SheetKind.DOCUMENT)
    if isinstance(kept, tuple):
        return kept
    pdf = pdf_of_document(kept.body, preparation.id, _viewer_locale(), valid_until=kept.valid_until)
    audit(Action.DOWNLOAD_PDF, object_type="sheet", object_id=kept.sheet_id)
    db.session.commit()
    return sheet_attachment(kept.sheet_id, pdf, "pdf", "application/pdf")


@bp.route("/<public_id>/sheet.json", endpoint="sheet_json")
@role_required(Role.COUNSELLOR)
def sheet_json(public_id: str) -> Response | tuple[str, int]:
    """Download the sheet as JSON (schema easyreport.sheet/2) in the viewer's language."""
    preparation = owned_preparation(public_id)
    built = _built_or_blocked(preparation)
    if isinstance(built, tuple):
        return built
    document = sheet_json_document(built, _viewer_locale())
    audit(Action.EXPORT_JSON, object_type="sheet", object_id=built.sheet.meta.sheet_id)
    db.session.commit()
    body = json.dumps(document, ensure_ascii=False, indent=2)
    return sheet_attachment(built, body, "json", "application/json")


@bp.route("/<public_id>/top-three", methods=["GET", "POST"], endpoint="top_three")
@role_required(Role.COUNSELLOR)
def top_three(public_id: str) -> BaseResponse | str | tuple[str, int]:
    """Let the counsellor choose the three most important recommendations, or keep the proposal."""
    preparation = owned_preparation(public_id)
    built = _built_or_blocked(preparation)
    if isinstance(built, tuple):
        return built
    recommendations = built.sheet.recommendations
    form = TopThreeForm()
    # Questioning advice only: what must be arranged beforehand has its own block on page one.
    form.rules.choices = [SelectChoice(rec.id, _(rec.rule.text)) for rec in top_candidates(recommendations)]
    status = 200
    if request.method == "GET":
        form.rules.data = [rec.id for rec in built.sheet.top_three]
    elif form.validate_on_submit():
        if form.use_proposal.data:
            service.set_top_choice(db.session, built.settings, None)
            db.session.commit()
            flash(_("The sheet uses the proposed top three."), "success")
            return redirect(url_for("briefing.sheet", public_id=public_id))
        try:
            chosen = choose_top(recommendations, form.rules.data or [])
        except (InvalidTopChoice, RuleNotApplicable, UnknownRule):
            form.rules.errors = [_("Choose one, two or three of the recommendations.")]
        else:
            service.set_top_choice(db.session, built.settings, [rec.id for rec in chosen])
            db.session.commit()
            flash(_("Your top three is saved."), "success")
            return redirect(url_for("briefing.sheet", public_id=public_id))
        status = 400
    else:
        status = 400
    html = render_template(
        "briefing/top_three.html",
        preparation=preparation,
        form=form,
        proposed=[rec.id for rec in built.sheet.top_three]
        if not built.sheet.top_chosen_by_counsellor
        else [],
        # With the suspect block two rules are pinned (rules_data.SUSPECT_PINNED): say so before choosing.
        pinned=built.sheet.suspect is not None,
    )
    return html, status
