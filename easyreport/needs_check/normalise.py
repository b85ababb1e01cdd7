"""Normalise text for the check while remembering where every character came from in the original.

NFKC folds compatibility forms (full-width digits, ligatures), control and format characters (NUL,
zero-width spaces, bidi marks) are dropped so they cannot split a word, and inside a word that mixes
Latin with Cyrillic or Greek letters the look-alike letters count as the Latin ones.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

# Cyrillic and Greek letters that look like Latin ones (the ones a homoglyph trick uses).
HOMOGLYPHS: dict[str, str] = dict(
    zip(
        "АВЕЅІЈКМНОРСТХУаеіјорсхуѕԁһԛԝΑΒΕΖΗΙΚΜΝΟΡΤΥΧοικνρτυχ",
        "ABESIJKMHOPCTXYaeijopcxysdhqwABEZHIKMNOPTYXoikvptux",
        strict=True,
    )
)
_WORD = re.compile(r"[^\W\d_]+")
_KEEP_CONTROLS = {"\n": "\n", "\t": " ", "\r": "\n"}


@dataclass(frozen=True)
class Normalised:
    """Normalised text; character i came from original[starts[i]:ends[i]]."""

    text: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]
    mixed_words: tuple[tuple[int, int], ...]  # spans (in ``text``) of words that mixed scripts

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Return the original span of the normalised span [start, end) (end > start)."""
        return self.starts[start], self.ends[end - 1]


def _dropped(char: str) -> bool:
    # Cc: NUL and other controls; Cf: zero-width and bidi characters; Cs: lone surrogates.
    return unicodedata.category(char) in {"Cc", "Cf", "Cs"} and char not in _KEEP_CONTROLS


def _script(char: str) -> str:
    try:
        name = unicodedata.name(char)
    except ValueError:
        return "OTHER"
    return name.split(" ", 1)[0]


def normalise(original: str) -> Normalised:
    """Return the normalised text with its map back to the original."""
    chars: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    index, length = 0, len(original)
    while index < length:
        char = original[index]
        end = index + 1
        # A base character with its combining marks is normalised as one piece (e + ¨ becomes ë).
        while end < length and unicodedata.combining(original[end]):
            end += 1
        if _dropped(char):
            index += 1
            continue
        piece = _KEEP_CONTROLS.get(char) or unicodedata.normalize("NFKC", original[index:end])
        if char in _KEEP_CONTROLS:
            end = index + 1
        for out in piece:
            if _dropped(out):
                continue
            chars.append(out)
            starts.append(index)
            ends.append(end)
        index = end
    text = "".join(chars)
    mixed: list[tuple[int, int]] = []
    for match in _WORD.finditer(text):
        scripts = {_script(c) for c in match.group() if c.isalpha()}
        if "LATIN" in scripts and len(scripts) > 1:
            mixed.append(match.span())
            for i in range(*match.span()):
                chars[i] = HOMOGLYPHS.get(chars[i], chars[i])
    return Normalised("".join(chars), tuple(starts), tuple(ends), tuple(mixed))
