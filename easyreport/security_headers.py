"""One place that adds the security headers to every response."""

from __future__ import annotations

from http.server import BaseHTTPRequestHandler

from flask import Flask, Response, current_app, request
from werkzeug.serving import WSGIRequestHandler

from easyreport.config import Config

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


def fixed_headers(config: Config) -> dict[str, str]:
    """The headers every response carries, pages and static files alike."""
    headers = {
        "Content-Security-Policy": CSP,
        "X-Content-Type-Options": "nosniff",
        "X-Frame-Options": "DENY",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
        "Cross-Origin-Opener-Policy": "same-origin",
    }
    if config.HSTS_MAX_AGE > 0 and not config.is_local:
        headers["Strict-Transport-Security"] = f"max-age={config.HSTS_MAX_AGE}; includeSubDomains"
    return headers


def add_security_headers(response: Response) -> Response:
    """Strict CSP, no sniffing, no framing, no referrer; pages are never stored by the browser."""
    response.headers.update(fixed_headers(current_app.config["EASYREPORT"]))
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
