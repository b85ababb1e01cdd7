"""Word spans and the alignment of engine word events to the words of the text."""

from __future__ import annotations

import unicodedata

from easyreport.speech.timings import EngineWord, WordTiming, align, word_spans


def spoken(text: str) -> list[str]:
    return [text[s : s + n] for s, n in word_spans(text)]


def test_words_are_runs_of_letters_and_digits():
    assert spoken("Je mag stoppen. Zeg het!") == ["Je", "mag", "stoppen", "Zeg", "het"]


def test_inner_apostrophes_hyphens_and_decimal_points_keep_a_word_together():
    assert spoken("Can't zorg-medewerker 2.5 of 5,50 e.g. 'ok' - klaar.") == [
        "Can't",
        "zorg-medewerker",
        "2.5",
        "of",
        "5,50",
        "e.g",
        "ok",
        "klaar",
    ]


def test_a_decomposed_accent_stays_inside_its_word():
    text = unicodedata.normalize("NFD", "een cliënt")

    assert spoken(text) == ["een", unicodedata.normalize("NFD", "cliënt")]


def test_nothing_to_say_gives_no_words():
    assert word_spans(" ... ?! ") == []


def test_each_word_takes_the_first_event_that_falls_on_it():
    text = "Bel 112 op."
    events = [EngineWord(0, 3, 0), EngineWord(4, 3, 300), EngineWord(5, 3, 500), EngineWord(8, 2, 900)]

    assert align(text, events, duration_ms=2000) == [
        WordTiming(0, 3, 0),
        WordTiming(4, 3, 300),
        WordTiming(8, 2, 900),
    ]


def test_an_event_on_punctuation_belongs_to_the_next_word():
    text = "Ja (nee)"

    assert align(text, [EngineWord(0, 2, 0), EngineWord(3, 4, 400)], duration_ms=1000) == [
        WordTiming(0, 2, 0),
        WordTiming(4, 3, 400),
    ]


def test_words_without_an_event_sit_between_their_neighbours():
    text = "een twee drie vier"

    timings = align(text, [EngineWord(0, 3, 0), EngineWord(14, 4, 900)], duration_ms=1500)

    assert [t.ms for t in timings] == [0, 300, 600, 900]


def test_trailing_and_leading_words_without_events_are_spread_to_the_ends():
    text = "een twee drie"

    assert [t.ms for t in align(text, [EngineWord(4, 4, 400)], duration_ms=1000)] == [0, 400, 700]


def test_offset_shifts_every_word_and_times_never_go_back_or_past_the_end():
    text = "een twee drie"
    events = [EngineWord(0, 3, 100), EngineWord(4, 4, 80), EngineWord(9, 4, 990)]

    timings = align(text, events, offset_ms=50, duration_ms=1000)

    assert [t.ms for t in timings] == [150, 150, 1000]


def test_events_without_audio_position_or_length_are_ignored():
    text = "een twee"

    timings = align(
        text, [EngineWord(0, 0, 5), EngineWord(0, 3, None), EngineWord(4, 4, 500)], duration_ms=900
    )

    assert [t.ms for t in timings] == [0, 500]
