"""Which texts may be spoken: the app's own messages, addressed by a short id derived from the msgid.

Audio URLs name a text by ``text_id(msgid)``, never by the text itself, so a request cannot make the
engine say anything the app does not show. The registry holds every client-facing text
(``all_client_texts()``) and, read from the shipped ``messages.pot``, every other message of the app,
so a template may put read-aloud next to any of its own fixed texts. Reading the catalogue instead of
remembering what templates registered keeps the lookup the same in every server process (a page
rendered by one gunicorn worker, its audio fetched from another). Messages with placeholders are left
out: what is shown then differs from the msgid.
"""

from __future__ import annotations

import hashlib
import re
import threading
from collections.abc import Callable, Iterable
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

from easyreport.paths import TRANSLATIONS_DIR
from easyreport.speech.timings import word_spans

TEXT_ID_LENGTH = 16  # hex digits of sha256: 64 bits, far from a collision among a few thousand texts
_TEXT_ID = re.compile(rf"[0-9a-f]{{{TEXT_ID_LENGTH}}}")
_PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]")


def text_id(msgid: str) -> str:
    """Return the id that names a message in audio URLs."""
    return hashlib.sha256(msgid.encode("utf-8")).hexdigest()[:TEXT_ID_LENGTH]


def is_text_id(value: str) -> bool:
    """Tell whether a string has the form of a text id."""
    return _TEXT_ID.fullmatch(value) is not None


def speakable(msgid: str) -> bool:
    """Tell whether a message can be read aloud exactly as shown (words, no placeholders)."""
    if type(msgid) is str:
        return _speakable_text(msgid)
    return bool(msgid) and _PLACEHOLDER.search(msgid) is None and bool(word_spans(msgid))


@cache
def _speakable_text(msgid: str) -> bool:
    # Every app in a process (each test's, each gunicorn worker's) registers the same few thousand texts.
    return bool(msgid) and _PLACEHOLDER.search(msgid) is None and bool(word_spans(msgid))


@cache
def catalogue_messages(pot: Path = TRANSLATIONS_DIR / "messages.pot") -> tuple[str, ...]:
    """Return every singular msgid in the message template (read once per process)."""
    try:
        with pot.open("rb") as handle:
            catalog = read_po(handle)
    except OSError:
        return ()
    return tuple(message.id for message in catalog if isinstance(message.id, str) and message.id)


class TextRegistry:
    """Map text ids to the app's own speakable messages."""

    def __init__(self, primary: Iterable[str], fallback: Callable[[], Iterable[str]] = tuple) -> None:
        self._ids: dict[str, str] = {}
        self._fallback = fallback
        self._fallback_loaded = False
        self._lock = threading.Lock()
        for msgid in primary:
            self._add(msgid)

    def _add(self, msgid: str) -> None:
        if not speakable(msgid):
            return
        key = text_id(msgid)
        known = self._ids.setdefault(key, msgid)
        if known != msgid:
            raise ValueError(f"text id collision between {known!r} and {msgid!r}")

    def _load_fallback(self) -> None:
        # The catalogue is only read when a text outside the primary list is asked for.
        with self._lock:
            if not self._fallback_loaded:
                for msgid in self._fallback():
                    self._add(msgid)
                self._fallback_loaded = True

    def msgid(self, text_id_: str) -> str | None:
        """Return the message for a text id from a URL, or None when the app has no such text."""
        if not is_text_id(text_id_):
            return None
        found = self._ids.get(text_id_)
        if found is None and not self._fallback_loaded:
            self._load_fallback()
            found = self._ids.get(text_id_)
        return found

    def knows(self, msgid: str) -> bool:
        """Tell whether a message may be read aloud."""
        return speakable(msgid) and self.msgid(text_id(msgid)) == msgid

    def __len__(self) -> int:
        return len(self._ids)
