"""Pages compressed with brotli or gzip (Flask-Compress), whichever the browser accepts.

Static files come compressed from their build (easyreport/static_files.py); this covers what views render.
Audio is left alone: MP3 does not compress.
"""

from __future__ import annotations

from flask import Flask
from flask_compress import Compress

compress = Compress()


def init_compression(app: Flask) -> None:
    """Compress HTML, JSON and text responses of at least 500 bytes."""
    app.config.setdefault("COMPRESS_ALGORITHM", ["br", "gzip"])
    app.config.setdefault("COMPRESS_BR_LEVEL", 4)  # brotli's fast levels: a page is compressed per request
    app.config.setdefault("COMPRESS_LEVEL", 6)
    app.config.setdefault("COMPRESS_MIN_SIZE", 500)
    app.config.setdefault(
        "COMPRESS_MIMETYPES", ["text/html", "application/json", "text/plain", "text/css", "text/javascript"]
    )
    compress.init_app(app)
