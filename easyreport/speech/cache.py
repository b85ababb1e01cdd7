"""The on-disk clip cache: keys, atomic writes and lookups that need no engine.

A clip is two files named by its key: ``<key>.mp3`` and ``<key>.json``
(``{"words": [[start, length, ms], ...], "duration_ms": n}``). Each is written to a temporary
file in the same directory and renamed into place, the MP3 first, so a reader in any thread or
process sees either nothing or whole files, and a JSON file means its MP3 is there too.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from easyreport.speech.timings import WordTiming

_KEY = re.compile(r"[0-9a-f]{64}")
_TEMP_SUFFIX = ".tmp"


@dataclass(frozen=True, slots=True)
class Clip:
    """A finished clip in the cache."""

    key: str
    mp3_path: Path
    timings: tuple[WordTiming, ...]
    duration_ms: int

    @property
    def timings_path(self) -> Path:
        """Return the JSON file the browser loads for highlighting."""
        return self.mp3_path.with_suffix(".json")


def cache_key(engine_id: str, voice_id: str, rate: int, text: str) -> str:
    """Return the sha256 hex digest that names the clip for these inputs."""
    # JSON keeps the fields apart, so no text can be made to collide with another field split.
    payload = json.dumps([engine_id, voice_id, rate, text], ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def is_key(value: str) -> bool:
    """Tell whether a string has the form of a cache key (and so is safe in a file name)."""
    return _KEY.fullmatch(value) is not None


def audio_file(cache_dir: Path, key: str) -> Path | None:
    """Return the MP3 of a cached clip for serving, or None; the key may come from a URL."""
    if not is_key(key):
        return None
    path = cache_dir / f"{key}.mp3"
    return path if path.is_file() else None


def read_audio(cache_dir: Path | str, key: str) -> bytes | None:
    """Return the MP3 bytes of a cached clip, or None; costs one open and one read, like a static file."""
    if _KEY.fullmatch(key) is None:
        return None
    try:
        with open(f"{os.fspath(cache_dir)}/{key}.mp3", "rb") as handle:
            return handle.read()
    except FileNotFoundError:
        return None


def timings_file(cache_dir: Path, key: str) -> Path | None:
    """Return the timings JSON of a cached clip for serving, or None."""
    if not is_key(key):
        return None
    path = cache_dir / f"{key}.json"
    return path if path.is_file() else None


def read_cached(cache_dir: Path, key: str) -> Clip | None:
    """Return the cached clip for a key, or None when it is missing or not whole."""
    if not is_key(key):
        return None
    mp3_path = cache_dir / f"{key}.mp3"
    try:
        data = json.loads((cache_dir / f"{key}.json").read_text(encoding="utf-8"))
        if mp3_path.stat().st_size == 0:
            return None
        words = tuple(WordTiming(int(s), int(n), int(ms)) for s, n, ms in data["words"])
        duration_ms = int(data["duration_ms"])
    except (OSError, ValueError, KeyError, TypeError):
        # A file lost in a crash or edited by hand counts as a miss: the clip is made again.
        return None
    return Clip(key, mp3_path, words, duration_ms)


def write_clip(cache_dir: Path, key: str, mp3: bytes, timings: list[WordTiming], duration_ms: int) -> Clip:
    """Store a clip atomically and return it."""
    if not is_key(key):
        raise ValueError(f"not a cache key: {key!r}")
    cache_dir.mkdir(parents=True, exist_ok=True)
    mp3_path = cache_dir / f"{key}.mp3"
    document: dict[str, Any] = {"words": [list(t) for t in timings], "duration_ms": duration_ms}
    _write_atomic(mp3_path, mp3)
    _write_atomic(cache_dir / f"{key}.json", json.dumps(document, separators=(",", ":")).encode())
    return Clip(key, mp3_path, tuple(timings), duration_ms)


def _write_atomic(path: Path, data: bytes) -> None:
    fd, temp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=_TEMP_SUFFIX)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(temp, 0o644)  # mkstemp makes 0600; a front web server may serve the cache directly
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise


def remove_stale_temp_files(cache_dir: Path, older_than_s: float = 3600.0) -> int:
    """Delete temporary files left by a process that died mid-write; return how many."""
    removed = 0
    cutoff = time.time() - older_than_s
    for path in cache_dir.glob(f".*{_TEMP_SUFFIX}"):
        with contextlib.suppress(OSError):
            if path.stat().st_mtime < cutoff:
                path.unlink()
                removed += 1
    return removed
