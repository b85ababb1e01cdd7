"""The sheet as the views show it: from sheet_store when nothing it is built from changed, built otherwise.

Needs an application context (templates, static URLs). Consent, completeness and the other checks of
service.build_for give the same answer for the same inputs, so a stored sheet under the same digest passed
them; expiry depends on the clock and is checked on every view (sheet_store.find). Whatever the caller
must do per view (the audit entry, the page around the body) it does itself, hit or miss.
"""

from __future__ import annotations

from datetime import datetime

from flask import current_app, has_request_context, request
from sqlalchemy.orm import Session

from easyreport.briefing import service, sheet_inputs, sheet_store
from easyreport.briefing.organisations import organisation_names
from easyreport.briefing.render import render_sheet_body, render_sheet_document
from easyreport.briefing.sheet_store import KeptSheet, SheetKind
from easyreport.preparation.models import Preparation


def _rendering() -> dict[str, str]:
    """What the rendered HTML depends on besides the sheet and the language: code and static URLs."""
    build = current_app.extensions.get("easyreport.static_build")
    return {
        "code": sheet_store.code_version(),
        # Section pictograms are linked at content-hashed URLs under the app's root: a new set of static
        # files, or the app mounted elsewhere, gives other URLs.
        "static": build.root.name if build is not None else "",
        "root": request.script_root if has_request_context() else "",
    }


def rendered(built: service.BuiltSheet, locale: str, kind: SheetKind) -> KeptSheet:
    """Render a built sheet as kept_sheet stores it (no storing)."""
    sheet = built.sheet
    body = (
        render_sheet_body(built, locale) if kind is SheetKind.PAGE else render_sheet_document(built, locale)
    )
    return KeptSheet(
        sheet_id=sheet.meta.sheet_id,
        valid_until=sheet.meta.valid_until,
        recommendations=tuple((rec.id, rec.rule.text) for rec in sheet.recommendations),
        body=body,
    )


def kept_sheet(
    session: Session, preparation: Preparation, locale: str, kind: SheetKind, *, now: datetime
) -> KeptSheet:
    """Return the preparation's sheet rendered in ``locale``; raise service.SheetBlocked when there is none.

    Stores a freshly built one (the caller commits).
    """
    organisations = tuple(organisation_names(session))
    context = {"locale": locale, "kind": kind.value, **_rendering()}
    digest = sheet_inputs.digest(session, preparation, organisations, context)
    found = sheet_store.find(session, preparation.id, locale, kind, digest, now=now)
    if found is not None:
        return found
    # Read after the digest was taken: a change made in between is in the sheet built now, stored under the
    # digest of the state before it, which no later view computes (it sees the newer inputs_version).
    inputs = sheet_inputs.read(session, preparation, organisations)
    built = service.build_for(session, preparation, now=now, inputs=inputs)
    kept = rendered(built, locale, kind)
    sheet_store.keep(session, preparation.id, locale, kind, digest, kept, now=now)
    return kept
