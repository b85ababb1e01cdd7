"""Audio routes: the MP3 of a clip and its word timings, for the app's own texts only.

``/audio/<locale>/<speed>/<text_id>/<key>.mp3`` and ``.json``. The text id names one of the app's
messages (``speech/texts.py``); the route translates it itself and checks that the key in the URL is
the key of that text's clip, so a request can neither choose what is spoken nor probe the cache with
a made-up key. A missing clip is made on the spot (the service serialises the engine).

Both routes are ``public``: they can only ever return the app's own fixed texts, which ship with the
open-source code and say nothing about any client, so client mode, counsellor pages and the login
page can all use them without a session check. (The browser's history already shows far more than
which fixed sentence was listened to.) Responses are cached by the browser as immutable because the
URL changes whenever the audio would.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from flask import Blueprint, Response, abort, request
from werkzeug.http import parse_range_header

from easyreport.auth import public
from easyreport.speech.cache import audio_file, timings_file
from easyreport.speech.errors import SpeechError, SpeechUnavailable
from easyreport.speech.web import speech_web

bp = Blueprint("speech", __name__, url_prefix="/audio")

CACHE_FOREVER = "public, max-age=31536000, immutable"
RETRY_AFTER_S = 30

Lookup = Callable[[Path, str], Path | None]


@bp.route("/<locale>/<speed>/<text_id>/<key>.mp3", methods=["GET"])
@public
def clip(locale: str, speed: str, text_id: str, key: str) -> Response:
    """Serve a clip's MP3 with range support (Safari asks for byte ranges before it plays)."""
    path = _cached_or_made(locale, speed, text_id, key, audio_file)
    return _send(path, "audio/mpeg")


@bp.route("/<locale>/<speed>/<text_id>/<key>.json", methods=["GET"])
@public
def timings(locale: str, speed: str, text_id: str, key: str) -> Response:
    """Serve a clip's word timings for highlighting."""
    path = _cached_or_made(locale, speed, text_id, key, timings_file)
    return _send(path, "application/json")


def _cached_or_made(locale: str, speed: str, text_id: str, key: str, lookup: Lookup) -> Path:
    """Check the address against the app's own texts, then find the clip file or make the clip."""
    state = speech_web()
    service = state.service
    if service is None:
        raise _Unavailable
    msgid = state.registry.msgid(text_id)
    if msgid is None or locale not in state.locales() or speed not in service.rates:
        abort(404)
    try:
        expected = state.key(msgid, locale, speed)
    except SpeechUnavailable:
        raise _Unavailable from None
    except SpeechError:
        abort(404)
    if key != expected:
        abort(404)  # a tampered or stale key: never look it up, never make it
    path: Path | None = lookup(service.cache_dir, key)
    if path is None:
        try:
            made = service.clip(state.spoken_text(msgid, locale), locale, speed)
        except SpeechUnavailable:
            raise _Unavailable from None
        except SpeechError:
            abort(404)
        path = made.mp3_path if lookup is audio_file else made.timings_path
    return path


class _Unavailable(Exception):
    """The engine cannot make audio now: 503, which read-aloud.js turns into the translated message."""


@bp.errorhandler(_Unavailable)
def _unavailable(_error: _Unavailable) -> Response:
    response = Response("Reading aloud does not work right now.\n", 503, mimetype="text/plain")
    response.headers["Retry-After"] = str(RETRY_AFTER_S)
    return response


def _send(path: Path, mimetype: str) -> Response:
    """Send a small cached file with a strong ETag, conditional requests and one byte range."""
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except FileNotFoundError:
        # Removed by a cache clean-up between lookup and open: the next request makes it again.
        raise _Unavailable from None
    # Synthesis is not bit-for-bit repeatable, so the validator is the content's own hash: a range
    # resumed against a re-made file (If-Range) gets the whole new file instead of a spliced one.
    etag = hashlib.blake2b(data, digest_size=16).hexdigest()
    headers = {
        "ETag": f'"{etag}"',
        "Cache-Control": CACHE_FOREVER,
        "Accept-Ranges": "bytes",
    }
    if request.if_none_match.contains_weak(etag):
        return Response(status=304, headers=headers)
    size = len(data)
    raw_range = request.headers.get("Range")
    if raw_range is not None and _if_range_holds(etag):
        unit = raw_range.partition("=")[0].strip().lower()
        if unit == "bytes":  # other units must be ignored (RFC 9110 14.2)
            parsed = parse_range_header(raw_range)
            span = parsed.range_for_length(size) if parsed is not None else None
            if span is None:
                # Malformed, several ranges, or past the end: refuse, and say how long the file is.
                headers["Content-Range"] = f"bytes */{size}"
                return Response(status=416, headers=headers)
            start, stop = span
            headers["Content-Range"] = f"bytes {start}-{stop - 1}/{size}"
            return Response(data[start:stop], status=206, mimetype=mimetype, headers=headers)
    return Response(data, mimetype=mimetype, headers=headers)


def _if_range_holds(etag: str) -> bool:
    """Tell whether a Range may be honoured: no If-Range, or an If-Range naming this exact content."""
    if_range = request.headers.get("If-Range")
    return if_range is None or if_range.strip() == f'"{etag}"'
