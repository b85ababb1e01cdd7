"""The counsellor's download of the card the client carries: GET /briefing/<public_id>/card.pdf[?layout=a4].

Owner only, like the client's copy. No sheet yet (no consent, questions not finished) shows the same page
that says why as the sheet does; a layout this app does not know falls back to the card size. Each download
is audited as a PDF download of object type "card", like the sheet's PDF.
"""

from __future__ import annotations

from flask import Response, request

from easyreport.audit.chain import Action
from easyreport.audit.record import audit
from easyreport.auth import role_required
from easyreport.briefing import service
from easyreport.briefing.card_render import Layout, render_card_pdf
from easyreport.briefing.service import SheetBlocked
from easyreport.briefing.views import blocked_page, bp, owned_preparation
from easyreport.extensions import db
from easyreport.roles import Role
from easyreport.timeutil import utcnow


@bp.route("/<public_id>/card.pdf", endpoint="client_card")
@role_required(Role.COUNSELLOR)
def client_card(public_id: str) -> Response | tuple[str, int]:
    """Download the client's card as a PDF: card size (two pages a language), or ?layout=a4 with cut marks."""
    preparation = owned_preparation(public_id)
    try:
        built = service.build_for(db.session, preparation, now=utcnow())
    except SheetBlocked as blocked:
        return blocked_page(preparation, blocked.reason)
    layout = Layout.A4 if request.args.get("layout") == Layout.A4.value else Layout.CARD
    pdf = render_card_pdf(built, layout)
    audit(Action.DOWNLOAD_PDF, object_type="card", object_id=built.sheet.meta.sheet_id, layout=layout.value)
    db.session.commit()
    response = Response(pdf, mimetype="application/pdf")
    suffix = "-a4" if layout is Layout.A4 else ""
    response.headers["Content-Disposition"] = (
        f'attachment; filename="{built.sheet.meta.sheet_id}-card{suffix}.pdf"'
    )
    return response
