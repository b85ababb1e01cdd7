"""One place that adds the security headers to every response."""

from __future__ import annotations

from flask import Flask, Response, request

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
    if request.endpoint not in CACHEABLE_ENDPOINTS or response.status_code not in CACHEABLE_STATUS:
        # Pages may hold client data or a staff view; nothing of them should stay in a shared tablet's cache.
        response.headers["Cache-Control"] = "no-store"
    return response


def init_security_headers(app: Flask) -> None:
    """Register the header hook."""
    app.after_request(add_security_headers)
