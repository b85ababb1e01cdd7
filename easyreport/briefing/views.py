"""Consent and sheet pages of one preparation, for the counsellor who owns it.

Thin views: read the request, call service.py or the pure domain, then redirect or render. Another
counsellor's preparation is a 404 (NotFound), like one that does not exist. When no sheet can be shown
(questions unfinished, no or stale consent, acute danger) every sheet page shows why and what to do,
with status 409, and never a partial sheet.

The consent walk cards and the client's copy are shown in the client's language; the counsellor's own
pages and the sheet are in the viewer's language.

This module holds the blueprint, the helpers every page uses and the status page; the pages themselves
are in settings_views.py, consent_views.py, consent_break_views.py and sheet_views.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

from flask import Blueprint, abort, current_app, render_template, session, url_for
from flask_babel import force_locale

from easyreport.auth import CLIENT_MODE_KEY, current_user, role_required
from easyreport.briefing import service
from easyreport.briefing.consent import (
    EXPLAIN_AGAIN,
    LEGAL_BASIS_LABELS,
    LEGAL_GROUND_LABELS,
    METHOD_LABELS,
    NO_LONGER_VALID_NOTE,
    cards_to_explain_again,
    shared_sections,
)
from easyreport.briefing.needs import SECTION_TITLES, SECTIONS
from easyreport.briefing.service import BlockReason
from easyreport.catalogue_lookup import gettext as _
from easyreport.extensions import db
from easyreport.i18n import offered_client_locales
from easyreport.preparation import service as preparations
from easyreport.preparation.models import Preparation
from easyreport.roles import Role

bp = Blueprint("briefing", __name__, url_prefix="/briefing")

BLOCKED_STATUS = 409


# Public ids are token_urlsafe: anything else cannot exist, and PostgreSQL refuses some characters (NUL).
PUBLIC_ID = re.compile(r"[A-Za-z0-9_-]{1,32}")


def owned_preparation(public_id: str) -> Preparation:
    user = current_user()
    assert user is not None  # role_required ran first
    if not PUBLIC_ID.fullmatch(public_id):
        abort(404)
    try:
        return preparations.owned(db.session, user.id, public_id)
    except preparations.NotFound:
        abort(404)


def overview_url(preparation: Preparation) -> str:
    """Link to the preparation's overview page (questions, answers, observations)."""
    return url_for("preparation.overview", public_id=preparation.public_id)


def blocked_page(preparation: Preparation, reason: BlockReason) -> tuple[str, int]:
    """Say why there is no sheet (or consent walk) now and link to the step that fixes it."""
    pid = preparation.public_id
    pages = {
        BlockReason.ACUTE_DANGER: (
            _("Acute danger: call 112 now"),
            _("You marked that there is acute danger. Call 112 now. Do not use the sheet now."),
            url_for("briefing.settings", public_id=pid),
            _("Change the goal and route"),
        ),
        BlockReason.INCOMPLETE: (
            _("The questions are not finished yet"),
            _("Not every question has an answer yet. Finish the questions with the client first."),
            overview_url(preparation),
            _("Go to the preparation"),
        ),
        BlockReason.NO_SETTINGS: (
            _("Choose the goal and route first"),
            _("The sheet needs the goal, the route and who prepared it."),
            url_for("briefing.settings", public_id=pid),
            _("Choose goal and route"),
        ),
        BlockReason.NO_CONSENT: (
            _("No consent yet"),
            _("Go through the consent with the client first. Without consent there is no sheet."),
            url_for("briefing.consent_intro", public_id=pid),
            _("Start the consent with the client"),
        ),
        BlockReason.STALE_CONSENT: (
            _("Ask for consent again"),
            _(
                "Answers, observations or sheet settings changed after consent was recorded. "
                "The client agreed to something else. Go through the consent with the client again."
            ),
            url_for("briefing.consent_intro", public_id=pid),
            _("Ask for consent again"),
        ),
        BlockReason.UNCHECKED_TEXT: (
            _("Check the sheet settings first"),
            _(
                "Some values on the settings page were typed before it offered lists, "
                "or the needs-only check marks words in them. "
                "Look at them again and save the page. Until then there is no sheet and no new consent."
            ),
            url_for("briefing.settings", public_id=pid),
            _("Check the sheet settings"),
        ),
        BlockReason.EXPIRED: (
            _("This sheet is no longer valid"),
            _(
                "A sheet is valid for %(days)s days after consent. Ask for consent again for a new sheet.",
                days=service.VALID_DAYS,
            ),
            url_for("briefing.consent_intro", public_id=pid),
            _("Ask for consent again"),
        ),
    }
    title, message, link, link_text = pages[reason]
    html = render_template(
        "briefing/blocked.html",
        preparation=preparation,
        reason=reason.value,
        title=title,
        message=message,
        link=link,
        link_text=link_text,
        overview=overview_url(preparation),
    )
    return html, BLOCKED_STATUS


@contextmanager
def client_language(preparation: Preparation) -> Iterator[None]:
    """Show what the client reads in the client's language.

    In client mode that is the session's language: it starts as the client's, and the language buttons
    on the client's screens change it.
    """
    if session.get(CLIENT_MODE_KEY) == preparation.public_id:
        yield
        return
    locale = preparation.client_locale
    if locale not in offered_client_locales():
        locale = current_app.config["BABEL_DEFAULT_LOCALE"]
    with force_locale(locale):
        yield


# ------------------------------------------------------------------------------------- status page


@bp.route("/<public_id>/", endpoint="status")
@role_required(Role.COUNSELLOR)
def status(public_id: str) -> str:
    """Show the steps to the sheet: questions, goal and route, consent, sheet."""
    preparation = owned_preparation(public_id)
    settings = service.settings_for(db.session, preparation)
    data = service.gather(db.session, preparation, settings)
    latest = service.latest_consent(db.session, preparation)
    consent_state = "none"
    shared: list[str] = []
    if latest is not None:
        consent_state = "stale" if latest[1].answers_fingerprint != data.fingerprint else "current"
        shared = [SECTION_TITLES[s] for s in SECTIONS if s in shared_sections(latest[1])]
    return render_template(
        "briefing/status.html",
        preparation=preparation,
        settings=settings,
        advice=service.routing_advice(settings) if settings is not None else None,
        complete=data.complete,
        consent_state=consent_state,
        shared=shared,
        history=service.consent_history(db.session, preparation),
        method_labels={m.value: text for m, text in METHOD_LABELS.items()},
        legal_basis_labels={b.value: text for b, text in LEGAL_BASIS_LABELS.items()},
        legal_ground_labels={g.value: text for g, text in LEGAL_GROUND_LABELS.items()},
        # Said until consent is recorded again: a record under old rules, or a card to explain again.
        consent_notes=[]
        if latest is None
        else ([] if latest[1].valid_for_new_share else [NO_LONGER_VALID_NOTE])
        + ([EXPLAIN_AGAIN] if cards_to_explain_again(latest[1]) else []),
        overview=overview_url(preparation),
    )
