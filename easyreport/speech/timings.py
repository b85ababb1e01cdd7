"""Turn the engine's word events into exactly one timing per word of the text."""

from __future__ import annotations

import bisect
import unicodedata
from collections.abc import Iterable, Sequence
from typing import NamedTuple

# Characters that keep a word together when they stand between two word characters:
# "can't", "zorg-medewerker", "2.5", "5,50", "e.g".
_JOINERS = frozenset("'’‑-.,")


class WordTiming(NamedTuple):
    """One spoken word: where it is in the text (0-based characters) and when it starts in the audio."""

    start: int
    length: int
    ms: int


class EngineWord(NamedTuple):
    """A word event as the engine reported it; ms is None when the audio position was not captured."""

    start: int
    length: int
    ms: int | None


def _is_word_char(char: str) -> bool:
    # Combining marks belong to the letter before them (a decomposed "é" is one word, not two).
    return char.isalnum() or unicodedata.category(char).startswith("M")


def word_spans(text: str) -> list[tuple[int, int]]:
    """Return (start, length) of every word in the text, in order."""
    spans: list[tuple[int, int]] = []
    i, n = 0, len(text)
    while i < n:
        if not _is_word_char(text[i]):
            i += 1
            continue
        start = i
        while i < n and (
            _is_word_char(text[i])
            or (text[i] in _JOINERS and i + 1 < n and _is_word_char(text[i + 1]) and i > start)
        ):
            i += 1
        spans.append((start, i - start))
    return spans


def align(
    text: str, events: Iterable[EngineWord], *, offset_ms: int = 0, duration_ms: int
) -> list[WordTiming]:
    """Give every word of the text the audio time of the first engine event that falls on it.

    espeak-ng splits some words into several events ("112", "2.5"), skips others ("e.g.") and
    sometimes reports a length that runs into the next space, so the words come from the text and
    the engine only supplies times. Words it gave no time get one between their neighbours.
    """
    spans = word_spans(text)
    starts = [start for start, _ in spans]
    times: list[int | None] = [None] * len(spans)
    last = -1
    for event in events:
        if event.ms is None or event.length <= 0:
            continue
        index = bisect.bisect_right(starts, event.start) - 1
        inside = index >= 0 and event.start < spans[index][0] + spans[index][1]
        if not inside:
            index += 1  # the event sits on spacing or punctuation: it announces the next word
        if index <= last or index >= len(spans):
            continue
        times[index] = event.ms
        last = index
    filled = _fill_gaps(times, duration_ms - offset_ms)
    result: list[WordTiming] = []
    previous = 0
    for (start, length), ms in zip(spans, filled, strict=True):
        previous = max(previous, ms + offset_ms)  # keep time moving forward whatever the engine said
        result.append(WordTiming(start, length, min(previous, duration_ms)))
    return result


def _fill_gaps(times: Sequence[int | None], end_ms: int) -> list[int]:
    """Place words without a time evenly between the nearest timed words (or the ends of the audio)."""
    filled: list[int] = []
    i = 0
    while i < len(times):
        known = times[i]
        if known is not None:
            filled.append(known)
            i += 1
            continue
        j = i
        while j < len(times) and times[j] is None:
            j += 1
        leading = not filled
        before = filled[-1] if filled else 0
        after = times[j] if j < len(times) else max(end_ms, before)
        assert after is not None
        gap = j - i
        for k in range(gap):
            # Leading words start at 0; words between two timed words sit strictly between them.
            step = k if leading else k + 1
            filled.append(before + (after - before) * step // (gap if leading else gap + 1))
        i = j
    return filled
