"""Where a login or a language switch may send the browser back to: only a path on this site (no Flask)."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

MAX_TARGET_LENGTH = 2048
# Printable ASCII without the space: browsers drop tab, CR and LF anywhere in a URL and trim leading
# controls and spaces, so "/\t/evil.example" becomes "//evil.example". Refusing every other character
# means the browser reads exactly the string checked here.
_ALLOWED = frozenset(chr(c) for c in range(0x21, 0x7F))
# Decoding rounds checked: a target that still decodes to something new after these is refused.
_DECODE_ROUNDS = 3


def _looks_local(text: str) -> bool:
    """One decoding stage: a single leading slash, no backslash, no scheme or host after parsing."""
    if not text.startswith("/") or text.startswith("//") or "\\" in text:
        return False
    if any(ch not in _ALLOWED for ch in text):
        return False
    parts = urlsplit(text)
    return not parts.scheme and not parts.netloc and parts.path.startswith("/")


def safe_redirect_target(target: str | None) -> str | None:
    """Return target when it is a path on this site, as the browser will read it; otherwise None.

    Percent-encoded tricks ("/%2F/evil", "/%5Cevil", "/%09/evil") are checked after decoding too, because a
    proxy, a framework's slash redirect or a later hop may decode them before a browser sees them.
    """
    if not target or len(target) > MAX_TARGET_LENGTH:
        return None
    stage = target
    for _ in range(_DECODE_ROUNDS):
        if not _looks_local(stage):
            return None
        try:
            decoded = unquote(stage, errors="strict") if "%" in stage else stage
        except UnicodeDecodeError:  # bytes that are no UTF-8 text: nothing this site links to
            return None
        if decoded == stage:
            return target
        stage = decoded
    return None
