"""The easy-read checker finds what it should, and every client text passes it in Dutch and English."""

from __future__ import annotations

import pytest
from textstat.textstat import textstatistics

from easyreport.content import plain_language as pl
from easyreport.content.texts import all_client_texts


def test_sentences_split_at_end_marks_and_line_breaks():
    assert pl.split_sentences("Hello there. How are you? Fine!\nNext line") == [
        "Hello there.",
        "How are you?",
        "Fine!",
        "Next line",
    ]
    assert pl.split_sentences("For example: which day or which month.") == [
        "For example: which day or which month."
    ]


def test_words_keep_contractions_together_and_placeholders_count_once():
    assert pl.words("I don't know, I'd rather not say") == [
        "I",
        "don't",
        "know",
        "I'd",
        "rather",
        "not",
        "say",
    ]
    assert len(pl.words(pl.fill_placeholders("Question %(number)s of %(total)s"))) == 4


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Go to the AVIM team.", ["AVIM"]),
        ("Bring things, e.g. water.", ["e.g."]),
        ("Neem iets mee, bijv. water.", ["bijv."]),
        ("Dit gaat o.a. over pauzes.", ["o.a."]),
        ("Ask for a TV.", ["TV"]),
    ],
)
def test_abbreviations_are_found(text, found):
    assert pl.find_abbreviations(text) == found


def test_mixed_case_abbreviations_are_caught_as_forbidden_words():
    assert pl.find_abbreviations("Ask the OvJ.") == []
    assert pl.find_forbidden_words("Ask the OvJ.") == ["ovj"]


def test_ordinary_text_has_no_abbreviations():
    assert pl.find_abbreviations("I go by myself. Yes, open. Dank je wel.") == []
    assert pl.find_abbreviations("Question %(number)s of %(total)s") == []


@pytest.mark.parametrize(
    "text",
    [
        "Wie is de dader?",
        "Twee daders.",
        "Het gaat over kindermisbruik.",
        "De verdachte zit daar.",
        "You are a victim.",
        "Was there abuse?",
        "The suspected person.",
        "Een loverboy.",
        "Over mensenhandel.",
    ],
)
def test_forbidden_words_are_found_with_inflections_and_in_compounds(text):
    assert pl.find_forbidden_words(text)


def test_ordinary_words_are_not_mistaken_for_forbidden_ones():
    assert pl.find_forbidden_words("Dat is geweldig. Een glas water. Something else.") == []


def test_police_terms_need_a_glossary_entry():
    assert pl.find_unexplained_terms("Wil je aangifte doen?", "nl", []) == ["aangifte"]
    assert pl.find_unexplained_terms("Wil je aangifte doen?", "nl", ["aangifte"]) == []
    assert pl.find_unexplained_terms("Eerst een informatief gesprek.", "nl", ["aangifte"]) == [
        "informatief gesprek"
    ]
    assert pl.find_unexplained_terms("Talk to the prosecutor.", "en", []) == ["prosecutor"]


def test_a_sentence_over_fifteen_words_is_a_violation():
    long = "This sentence has far too many words in it for a person who reads with some difficulty."
    violations = pl.check_unit("test", (long,), "en")
    assert [v.rule for v in violations] == ["sentence too long"]
    assert "17 words" in violations[0].detail


def test_a_unit_whose_sentences_average_over_ten_words_is_a_violation():
    text = "Do you want to see the room before the talk starts today? Do you want to see it with me first?"
    assert [v.rule for v in pl.check_unit("q", (text,), "en")] == ["mean sentence too long"]
    # One sentence of 11 to 15 words is allowed: only the maximum applies to it.
    assert pl.check_unit("q", ("Do you want to see the room before the talk starts today?",), "en") == []


def test_english_syllables_come_from_the_offline_dictionary():
    assert pl.syllables("understand", "en") == 3
    assert pl.syllables("police", "en") == 2
    assert pl.syllables("don't", "en") == 1


def test_dutch_syllables_come_from_hyphenation():
    assert pl.syllables("politie", "nl") == 3
    assert pl.syllables("ja", "nl") == 1


def test_reading_ease_is_higher_for_easier_text():
    easy = ["Do you want a break? Yes. No."]
    hard = [
        "Notwithstanding procedural considerations, investigative interviewing necessitates comprehensive preparation."
    ]
    assert pl.reading_ease(easy, "en") > 80 > pl.reading_ease(hard, "en")


def test_dutch_reading_ease_agrees_with_textstat():
    sample = (
        "Iemand praat snel. Kun je het volgen? Vind je lange zinnen moeilijk? "
        "Wil je de kamer zien voordat het gesprek begint? Wat helpt jou als je gespannen bent?"
    )
    reference = textstatistics()
    reference.set_lang("nl")  # a private instance: the module-level textstat keeps its own language
    assert pl.reading_ease([sample], "nl") == pytest.approx(reference.flesch_reading_ease(sample), abs=3)


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_every_client_text_follows_the_easy_read_rules(locale, translators):
    violations = pl.check_client_texts(locale, translators[locale])
    assert violations == [], "\n".join(str(v) for v in violations)


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_every_client_text_is_translated(locale, catalog_ids):
    missing = [text for text in all_client_texts() if not catalog_ids[locale].get(text, "").strip()]
    assert missing == []


def test_the_dutch_check_really_reads_dutch(translators):
    nl = translators["nl"]
    assert nl("I don't know") == "Weet ik niet"
    assert nl("Make an official report") == "Aangifte doen"


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_language_figures_stay_within_the_rules(locale, translators):
    figures = pl.language_figures(locale, translators[locale])
    assert figures.texts >= 150
    assert figures.max_words <= pl.MAX_WORDS
    assert figures.mean_words <= pl.MAX_MEAN_WORDS
    # Flesch 80+ reads as "easy" (Flesch-Douma likewise for Dutch); short labels push it higher still.
    assert figures.reading_ease >= 80
    assert figures.violations == ()
    assert locale in figures.summary()


def test_the_checker_catches_a_bad_translation():
    def bad(message: str) -> str:
        return "Wil je bijv. eerst aangifte doen bij de AVIM over de dader?" if message == "Yes" else message

    rules = {(v.where, v.rule) for v in pl.check_client_texts("nl", bad, with_alt_texts=False)}
    assert ("option fast_talk.yes", "abbreviation") in rules
    assert ("option fast_talk.yes", "forbidden word") in rules
