"""`/healthz`: whether this app process can serve, for a proxy or an orchestrator.

200 with ``{"status": "ok", "database": "ok", "speech": "ok"}`` (speech ``"off"`` when audio is switched
off) when the database answers and the speech worker runs; 503 with the same fields and a short
``reason`` when either does not. Public (a load balancer has no account), ``no-store``, no cookie, and
no details a stranger could use (no URLs, versions, paths or error texts: those go to the log). It never
touches the session table, so a broken database gives this 503, not an error page.
"""

from __future__ import annotations

import logging

from flask import Blueprint, jsonify
from sqlalchemy import text
from werkzeug.wrappers import Response

from easyreport.auth import public
from easyreport.extensions import db
from easyreport.speech.web import speech_web
from easyreport.web_session import SESSIONLESS_PATHS

log = logging.getLogger(__name__)

HEALTH_PATH = "/healthz"
assert HEALTH_PATH in SESSIONLESS_PATHS

bp = Blueprint("health", __name__)


def _database_reason() -> str | None:
    try:
        with db.engine.connect() as connection:
            connection.execute(text("SELECT 1"))
    except Exception as error:  # any failure means "cannot serve"; the type goes to the log, not the client
        log.warning("health check: the database does not answer (%s)", type(error).__name__)
        return "database unavailable"
    return None


def _speech_state() -> tuple[str, str | None]:
    try:
        state, reason = speech_web().health()
    except Exception as error:
        log.warning("health check: speech state unknown (%s)", type(error).__name__)
        return "unavailable", "speech worker is not running"
    if reason is not None:
        log.warning("health check: %s", reason)
    return state, reason


@bp.route(HEALTH_PATH, methods=["GET", "HEAD"])
@public
def healthz() -> Response:
    """Report database and speech-worker health: 200 when both work, 503 with a reason when not."""
    database_reason = _database_reason()
    speech, speech_reason = _speech_state()
    reasons = [reason for reason in (database_reason, speech_reason) if reason is not None]
    body: dict[str, str] = {
        "status": "unavailable" if reasons else "ok",
        "database": "unavailable" if database_reason else "ok",
        "speech": speech,
    }
    if reasons:
        body["reason"] = "; ".join(reasons)
    response = jsonify(body)
    response.status_code = 503 if reasons else 200
    response.headers["Cache-Control"] = "no-store"
    return response
