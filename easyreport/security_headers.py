"""One place that adds the security headers to every response."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

from flask import Flask, Response, current_app, request
from werkzeug.serving import WSGIRequestHandler

CSP = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "media-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
    ]
)


# Endpoints that set their own caching: static files, and read-aloud audio (only the app's own fixed texts,
# at URLs that change with the audio). Their errors are not stored either.
CACHEABLE_ENDPOINTS = frozenset({"static", "speech.clip", "speech.timings"})
CACHEABLE_STATUS = frozenset({200, 206, 304})


def add_security_headers(response: Response) -> Response:
    """Strict CSP, no sniffing, no framing, no referrer; pages are never stored by the browser."""
    response.headers["Content-Security-Policy"] = CSP
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "no-referrer"
    response.headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()"
    response.headers["Cross-Origin-Opener-Policy"] = "same-origin"
    max_age = current_app.config["EASYREPORT"].HSTS_MAX_AGE
    if max_age > 0 and not current_app.config["EASYREPORT"].is_local:
        response.headers["Strict-Transport-Security"] = f"max-age={max_age}; includeSubDomains"
    if request.endpoint not in CACHEABLE_ENDPOINTS or response.status_code not in CACHEABLE_STATUS:
        # Pages may hold client data or a staff view; nothing of them should stay in a shared tablet's cache.
        response.headers["Cache-Control"] = "no-store"
    return response


def _server_name_only(_handler: BaseHTTPRequestHandler) -> str:
    return "easyreport"


def init_security_headers(app: Flask) -> None:
    """Register the header hook; the development server names no versions in its Server header."""
    app.after_request(add_security_headers)
    # Werkzeug's server says "Werkzeug/3.x Python/3.11" and gunicorn's only "gunicorn" (no version). The
    # app sets no Server header itself: under gunicorn that would send two.
    WSGIRequestHandler.version_string = _server_name_only  # type: ignore[method-assign,assignment]
