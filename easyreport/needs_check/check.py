"""Run the needs-only check on one text, and split a text into marked and unmarked pieces."""

from __future__ import annotations

import re
from collections.abc import Iterable, Set

from easyreport.needs_check.detectors import pattern_spans
from easyreport.needs_check.model import Category, Flag, NeedsCheckResult
from easyreport.needs_check.names import inside, name_spans, protected_spans
from easyreport.needs_check.normalise import normalise

LOCALES = ("nl", "en")
# Looked for in the few characters before "May"; a longer run of spaces or quotes is not a real case.
_MAY_START = re.compile(r"(?:^|[.!?:;\n])[\s\"'“‘(]*$")
# "Weigh whether the person was forced": the rest of such a sentence asks, it does not tell what happened.
_WEIGHING = re.compile(
    r"\b(?:weeg|wegen|weegt|ga\s+na|nagaan|vraag\s+na|weigh|consider|check)\s+(?:of|whether)\b[^.!?\n]*",
    re.IGNORECASE,
)
# Category order decides which kind a merged flag keeps when two kinds overlap.
# A mixed-script word is shown as such first: its explanation tells the counsellor what to retype.
_PRIORITY = {category: rank for rank, category in enumerate(Category)} | {Category.MIXED_SCRIPT: -1}


def check_text(text: str, locale: str = "nl", *, expected: Set[Category] = frozenset()) -> NeedsCheckResult:
    """Flag account-like content in a text; ``expected`` kinds (a name in a name field) are not flagged.

    Dutch and English word lists both run, whatever the locale (the counsellor's language).
    """
    if locale not in LOCALES:
        raise ValueError(f"unknown locale {locale!r}")
    norm = normalise(text)
    found: list[tuple[int, int, Category]] = list(pattern_spans(norm.text))
    found += [(start, end, Category.PERSONAL_NAME) for start, end in name_spans(norm.text)]
    found += [(start, end, Category.MIXED_SCRIPT) for start, end in norm.mixed_words]
    # "Slachtofferhulp Nederland" names an organisation, not a place someone was.
    protected = protected_spans(norm.text)
    weighing = [m.span() for m in _WEIGHING.finditer(norm.text)]
    spans: list[tuple[int, int, Category]] = []
    for start, end, category in found:
        if category is Category.EVENT_VERB and inside(weighing, start, end):
            continue
        if category in expected or end <= start:
            continue
        if category is Category.PLACE_NAME and inside(protected, start, end):
            continue
        # "May" at the start of a sentence is the verb ("May need a break"), not the month.
        may = category is Category.WEEKDAY_MONTH and norm.text[start:end] == "May"
        if may and _MAY_START.search(norm.text[max(0, start - 12) : start]):
            continue
        spans.append((*norm.original_span(start, end), category))
    return NeedsCheckResult(tuple(_merge(text, spans)))


def _merge(text: str, spans: Iterable[tuple[int, int, Category]]) -> list[Flag]:
    """Merge overlapping spans into one flag each, keeping the kind that comes first in Category."""
    merged: list[list] = []
    for start, end, category in sorted(spans, key=lambda s: (s[0], -s[1], _PRIORITY[s[2]])):
        if merged and start < merged[-1][1]:
            last = merged[-1]
            last[1] = max(last[1], end)
            if _PRIORITY[category] < _PRIORITY[last[2]] and end - start >= (last[1] - last[0]) // 2:
                last[2] = category
            continue
        merged.append([start, end, category])
    return [Flag(start, end, text[start:end], category) for start, end, category in merged]


def marked_segments(text: str, flags: Iterable[Flag]) -> list[tuple[str, Flag | None]]:
    """Split a text into (piece, flag) parts, flag None for unflagged pieces, so a page can mark words."""
    pieces: list[tuple[str, Flag | None]] = []
    position = 0
    for flag in sorted(flags, key=lambda f: f.start):
        if flag.start < position:
            continue  # overlapping flags come only from outside check_text; keep the first
        if flag.start > position:
            pieces.append((text[position : flag.start], None))
        pieces.append((text[flag.start : flag.end], flag))
        position = flag.end
    if position < len(text):
        pieces.append((text[position:], None))
    return pieces
