"""Break and Stop during the consent walk: always there, as on the question screens.

A break keeps every choice made so far and leads back to the same card. Stopping records nothing:
consent exists only once the counsellor records it, so after a stop nothing new goes to the police,
and the choices made so far wait for another time.
"""

from __future__ import annotations

from flask import render_template, request, url_for

from easyreport.auth import role_required
from easyreport.briefing import consent_walk
from easyreport.briefing.consent_views import in_walk, not_handed_over
from easyreport.briefing.needs import SECTIONS
from easyreport.briefing.views import bp, client_language, owned_preparation
from easyreport.content import client_screens, consent_cards
from easyreport.preparation.client_views import after_unlock
from easyreport.roles import Role

INTRO = "intro"


def _return_url(public_id: str) -> str:
    """Where "Go on" leads: the card the client came from, or the introduction."""
    at = request.args.get("at", INTRO)
    if at in SECTIONS or at in consent_walk.EXTRA_CARDS:
        return url_for("briefing.consent_section", public_id=public_id, section=at)
    return url_for("briefing.consent_intro", public_id=public_id)


@bp.route("/<public_id>/consent/break", endpoint="consent_break")
@role_required(Role.COUNSELLOR)
def consent_break(public_id: str) -> str | tuple[str, int]:
    """A break in the consent walk: the choices are kept; go on to the same card."""
    preparation = owned_preparation(public_id)
    if not in_walk(preparation):
        return not_handed_over(preparation)
    with client_language(preparation):
        return render_template(
            "briefing/consent_break.html",
            preparation=preparation,
            screens=client_screens,
            go_on=_return_url(public_id),
            stop_url=url_for("briefing.consent_stop", public_id=public_id, at=request.args.get("at", INTRO)),
        )


@bp.route("/<public_id>/consent/stop", methods=["GET", "POST"], endpoint="consent_stop")
@role_required(Role.COUNSELLOR)
def consent_stop(public_id: str) -> str | tuple[str, int]:
    """Ask whether to stop; after "Yes, stop" say that nothing new goes to the police."""
    preparation = owned_preparation(public_id)
    if not in_walk(preparation):
        return not_handed_over(preparation)
    # Only "Yes, stop" posts here; CSRFProtect has checked its token before this view runs.
    stopped = request.method == "POST"
    if stopped:
        after_unlock("briefing.status")  # nothing to record after a stop: unlocking leads to the overview
    with client_language(preparation):
        return render_template(
            "briefing/consent_stopped.html" if stopped else "briefing/consent_stop.html",
            preparation=preparation,
            screens=client_screens,
            cards=consent_cards,
            go_on=_return_url(public_id),
        )
