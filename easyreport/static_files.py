"""Static files at content-hashed URLs, kept by browsers for a year, sent gzip- or brotli-compressed.

``url_for("static", filename="css/app.css")`` gives ``/static/css/app.3f2a9c01b2d4.css``: the name carries a
hash of the file's bytes, so a changed file gets a new URL and a browser never has to ask again whether its copy
is current (``Cache-Control: max-age=31536000, public, immutable``; a warm reload sends no request for them).

WhiteNoise (a maintained WSGI static file server) serves those names, in front of Flask, and picks the ``.br``
or ``.gz`` sibling the browser accepts. Django has a storage that writes hashed copies; Flask has none that is
maintained, so this module writes them: once per set of file contents, into
``<instance>/static-build/<hash of all files>/``, a folder made complete under a temporary name and then renamed
into place, so processes starting at once (gunicorn workers, parallel tests) share one build and never see half
of one. The plain names (``/static/css/app.css``) still work through Flask's own route, revalidated each time.
"""

from __future__ import annotations

import gzip
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path, PurePosixPath
from typing import Any

import brotli
from flask import Flask
from whitenoise import WhiteNoise

HASH_LENGTH = 12  # hex digits of sha256 in a file name
# Worth compressing: text formats. Fonts (woff2), pictures and audio are compressed already.
COMPRESSIBLE = frozenset({".css", ".js", ".svg", ".json", ".txt", ".html", ".xml", ".map", ".ico"})
YEAR = 365 * 24 * 3600


@dataclass(frozen=True)
class StaticBuild:
    """The folder of hashed copies and the map from a file's own name to its hashed name."""

    root: Path
    names: dict[str, str]


def hashed_name(relative: str, content: bytes) -> str:
    """Return the name a file is served under: its own name with a hash of its bytes before the suffix."""
    path = PurePosixPath(relative)
    digest = hashlib.sha256(content).hexdigest()[:HASH_LENGTH]
    return str(path.with_name(f"{path.stem}.{digest}{path.suffix}"))


def _files(static_dir: Path) -> list[tuple[str, Path]]:
    found = []
    for path in sorted(static_dir.rglob("*")):
        relative = path.relative_to(static_dir).as_posix()
        if path.is_file() and not any(part.startswith(".") for part in PurePosixPath(relative).parts):
            found.append((relative, path))
    return found


def _write_build(target: Path, files: list[tuple[str, bytes]]) -> None:
    names = {relative: hashed_name(relative, content) for relative, content in files}
    target.parent.mkdir(parents=True, exist_ok=True)
    draft = Path(tempfile.mkdtemp(prefix=".draft-", dir=target.parent))
    try:
        for relative, content in files:
            out = draft / names[relative]
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(content)
            if out.suffix.lower() in COMPRESSIBLE and len(content) > 256:
                for suffix, packed in (
                    (".gz", gzip.compress(content, compresslevel=9, mtime=0)),
                    (".br", brotli.compress(content, quality=11)),
                ):
                    if len(packed) < len(content):
                        out.with_name(out.name + suffix).write_bytes(packed)
        try:
            os.rename(draft, target)
        except OSError:
            if not target.is_dir():  # another process's build won the race: use that one
                raise
    finally:
        shutil.rmtree(draft, ignore_errors=True)


@cache
def _build(static_dir: Path, build_root: Path, fingerprint: tuple[tuple[str, int, int], ...]) -> StaticBuild:
    del fingerprint  # only the cache key: the same files, unchanged, give the same build
    files = [(relative, path.read_bytes()) for relative, path in _files(static_dir)]
    tree = hashlib.sha256()
    for relative, content in files:
        tree.update(relative.encode() + b"\0" + hashlib.sha256(content).digest())
    target = build_root / tree.hexdigest()[:HASH_LENGTH]
    if not target.is_dir():
        _write_build(target, files)
    return StaticBuild(target, {relative: hashed_name(relative, content) for relative, content in files})


def static_build(static_dir: Path, build_root: Path) -> StaticBuild:
    """Return the hashed copies of the files in static_dir, writing them under build_root if not there yet."""
    fingerprint = tuple(
        (relative, (stat := path.stat()).st_size, stat.st_mtime_ns) for relative, path in _files(static_dir)
    )
    return _build(static_dir, build_root, fingerprint)


_served_tables: dict[tuple[str, str, tuple[tuple[str, str], ...]], dict[str, Any]] = {}


class _YearLong(WhiteNoise):
    FOREVER = YEAR  # WhiteNoise's own is ten years; a year is what caches honour and what HTTP advises


def init_static_files(app: Flask, build_root: Path, extra_headers: Callable[[], dict[str, str]]) -> None:
    """Serve the static folder at hashed URLs through WhiteNoise, and make url_for('static') name them."""
    assert app.static_folder is not None
    build = static_build(Path(app.static_folder), build_root)

    def hashed_static_url(endpoint: str, values: dict[str, Any]) -> None:
        if endpoint == "static" and (name := build.names.get(values.get("filename", ""))):
            values["filename"] = name

    app.url_defaults(hashed_static_url)
    headers = extra_headers()

    def add_headers(response_headers: Any, _path: str, _url: str) -> None:
        for name, value in headers.items():
            response_headers[name] = value

    server = _YearLong(
        app.wsgi_app,
        max_age=YEAR,
        allow_all_origins=False,
        add_headers_function=add_headers,
        immutable_file_test=lambda _path, _url: True,  # every name in the build carries its content's hash
    )
    # WhiteNoise stats every file and works out its headers and compressed siblings when it is made. A build
    # never changes (its folder is named by its contents), so apps made later in the same process, with the
    # same headers, take the same table instead of scanning again.
    key = (str(build.root), str(app.static_url_path), tuple(headers.items()))
    if key not in _served_tables:
        server.add_files(str(build.root), prefix=app.static_url_path)
        _served_tables[key] = dict(server.files)
    server.files.update(_served_tables[key])
    app.wsgi_app = server  # type: ignore[method-assign]
    app.extensions["easyreport.static_build"] = build
    app.extensions["easyreport.static_server"] = server
