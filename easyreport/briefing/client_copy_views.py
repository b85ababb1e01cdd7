"""The client's own copy of what the police will know: a few short pages in client mode, one document in print.

The counsellor hands the device over with a POST (start_client_copy); the copy then shows one topic per
page, with Back and Go on, in the client layout and under the client-mode lock. Every page holds the
whole copy, with the other pages shown only in print, so printing any page prints the one document.
Outside client mode the counsellor sees the whole copy on one page, to print it or hand it over.
"""

from __future__ import annotations

from dataclasses import dataclass

from babel.dates import format_date
from flask import abort, redirect, render_template, url_for
from flask_babel import get_locale
from werkzeug.wrappers import Response as BaseResponse

from easyreport.auth import role_required
from easyreport.briefing import consent_walk, service
from easyreport.briefing.consent_views import goal_extras
from easyreport.briefing.forms import ContinueForm
from easyreport.briefing.render import DISPLAY_ZONE
from easyreport.briefing.service import SheetBlocked
from easyreport.briefing.views import blocked_page, bp, client_language, overview_url, owned_preparation
from easyreport.content import client_screens, consent_cards
from easyreport.content.model import Module
from easyreport.content.pictograms import attribution
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.extensions import db
from easyreport.preparation.client_views import COPY, client_walk, hold_for_client, start_walk
from easyreport.preparation.models import Preparation
from easyreport.roles import Role
from easyreport.timeutil import utcnow


@dataclass(frozen=True)
class CopyPage:
    """One topic of the client's copy: the overview, one shared part, or what happens next."""

    kind: str  # "what", "part" or "next"
    id: str
    title: str
    pictogram: str
    card: consent_walk.Card | None = None


def _pages(built: service.BuiltSheet) -> tuple[list[CopyPage], list[Module]]:
    shared = [s.id for s in built.sheet.sections if s.shared]
    withheld = [QUESTIONNAIRE.module(s.id) for s in built.sheet.sections if not s.shared]
    extras = goal_extras(built.settings, frozenset(shared))
    pages = [CopyPage("what", "what", consent_cards.COPY_TITLE, "police_officer")]
    for section in shared:
        card = consent_walk.build_card(section, built.data.answers, built.data.observations, extras)
        pages.append(CopyPage("part", section, card.title, card.pictogram, card))
    pages.append(CopyPage("next", "next", consent_cards.NEXT_TITLE, "signpost"))
    return pages, withheld


def _built(preparation: Preparation) -> service.BuiltSheet | tuple[str, int]:
    try:
        return service.build_for(db.session, preparation, now=utcnow())
    except SheetBlocked as blocked:
        return blocked_page(preparation, blocked.reason)


def _render(preparation: Preparation, built: service.BuiltSheet, template: str, number: int | None) -> str:
    pages, withheld = _pages(built)
    if number is not None and not 1 <= number <= len(pages):
        abort(404)
    with client_language(preparation):
        valid_until = format_date(
            built.sheet.meta.valid_until.astimezone(DISPLAY_ZONE), format="long", locale=str(get_locale())
        )
        return render_template(
            template,
            preparation=preparation,
            cards=consent_cards,
            screens=client_screens,
            pages=pages,
            number=number,
            withheld=withheld,
            valid_until=valid_until,
            pictogram_credit=attribution(),
            form=ContinueForm(formdata=None),
            overview=overview_url(preparation),
        )


def render_client_copy(built: service.BuiltSheet) -> str:
    """Render the whole copy of a built sheet on one page, in the client's language (as printed)."""
    return _render(built.preparation, built, "briefing/client_copy.html", None)


@bp.route("/<public_id>/client-copy", endpoint="client_copy")
@role_required(Role.COUNSELLOR)
def client_copy(public_id: str) -> BaseResponse | str | tuple[str, int]:
    """The whole copy on one page for the counsellor (to print or hand over); in client mode, its first page."""
    preparation = owned_preparation(public_id)
    if client_walk() == COPY:
        return redirect(url_for("briefing.client_copy_page", public_id=public_id, number=1))
    built = _built(preparation)
    if isinstance(built, tuple):
        return built
    return render_client_copy(built)


@bp.route("/<public_id>/client-copy/start", methods=["POST"], endpoint="start_client_copy")
@role_required(Role.COUNSELLOR)
def start_client_copy(public_id: str) -> BaseResponse | str | tuple[str, int]:
    """Hand the device to the client to read their copy, page by page, under the client-mode lock."""
    preparation = owned_preparation(public_id)
    built = _built(preparation)
    if isinstance(built, tuple):
        return built
    if not ContinueForm().validate_on_submit():
        return redirect(url_for("briefing.client_copy", public_id=public_id))
    start_walk(preparation, COPY)
    return redirect(url_for("briefing.client_copy_page", public_id=public_id, number=1))


@bp.route("/<public_id>/client-copy/<int:number>", endpoint="client_copy_page")
@role_required(Role.COUNSELLOR)
def client_copy_page(public_id: str, number: int) -> BaseResponse | str | tuple[str, int]:
    """One page of the client's copy, in client mode; outside it, the counsellor's whole copy."""
    preparation = owned_preparation(public_id)
    built = _built(preparation)
    if isinstance(built, tuple):
        return built
    if client_walk() != COPY:
        # Not handed over: the counsellor's page, with the button that hands the copy to the client.
        return redirect(url_for("briefing.client_copy", public_id=public_id))
    hold_for_client(preparation)
    return _render(preparation, built, "briefing/client_copy_page.html", number)
