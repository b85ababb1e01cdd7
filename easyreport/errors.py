"""Friendly, translated error pages; never a stack trace."""

from __future__ import annotations

import logging

from flask import Flask, render_template
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

from easyreport.catalogue_lookup import gettext as _

log = logging.getLogger(__name__)


def _page(status: int, title: str, message: str) -> tuple[str, int]:
    return render_template("errors/error.html", status=status, title=title, message=message), status


def handle_http_error(error: HTTPException) -> tuple[str, int]:
    """Render the page for a 4xx/5xx raised by a view or by Werkzeug."""
    status = error.code or 500
    pages = {
        400: (_("Something went wrong with this request"), _("Please go back and try again.")),
        403: (_("You cannot open this page"), _("Your account does not give access to this page.")),
        404: (_("Page not found"), _("This page does not exist, or it is no longer available.")),
        405: (_("This action is not possible here"), _("Please go back and use the buttons on the page.")),
        413: (
            _("Too much information at once"),
            _("What you sent is too large. Please send less at a time."),
        ),
    }
    title, message = pages.get(
        status, (_("Something went wrong"), _("Please try again later. Nothing you saved is lost."))
    )
    return _page(status, title, message)


def handle_csrf_error(_error: CSRFError) -> tuple[str, int]:
    """A form whose session ended or was sent twice: explain and offer a way back, no bare 400."""
    return _page(
        400,
        _("This form has expired"),
        _("Your session may have ended, or the form was sent twice. Please open the page again and retry."),
    )


def handle_unexpected(error: Exception) -> tuple[str, int]:
    """Log the type of an unexpected failure (never request data) and show the 500 page."""
    log.error("Unhandled %s", type(error).__name__, exc_info=error)
    return handle_http_error(InternalServerError())


def init_errors(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(CSRFError, handle_csrf_error)
    app.register_error_handler(HTTPException, handle_http_error)
    app.register_error_handler(Exception, handle_unexpected)
