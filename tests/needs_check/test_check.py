"""The needs-only check flags account content and leaves needs alone, on any text."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from easyreport.needs_check import EXPLANATIONS, Category, check_text, marked_segments
from easyreport.needs_check.corpus import DEFAULT_CORPUS, corpus_lines


def kinds(text: str, **kwargs: object) -> dict[str, Category]:
    """Return {flagged text: category} for a text."""
    return {flag.text: flag.category for flag in check_text(text, "nl", **kwargs).flags}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "flagged", "category"),
    [
        ("Ze werd op 3 maart opgehaald", "3 maart", Category.DATE),
        ("She was seen on 12/05/2023", "12/05/2023", Category.DATE),
        ("It started in 2021", "2021", Category.DATE),
        ("Twee weken geleden ging ze weg", "Twee weken geleden", Category.DATE),
        ("She left yesterday", "yesterday", Category.DATE),
        ("Elke vrijdag ging ze mee", "vrijdag", Category.WEEKDAY_MONTH),
        ("It was in March", "March", Category.WEEKDAY_MONTH),
        ("Om 23.00 uur moest ze klaarstaan", "23.00 uur", Category.CLOCK_TIME),
        ("She had to be ready at 11 pm", "at 11 pm", Category.CLOCK_TIME),
        ("Om half drie kwam hij", "half drie", Category.CLOCK_TIME),
        ("Een 35-jarige man gaf haar onderdak", "35-jarige", Category.AGE_OF_OTHER),
        ("A man of about 40 spoke to her", "man of about 40", Category.AGE_OF_OTHER),
        ("Woont aan de Kerkstraat 12", "Kerkstraat 12", Category.ADDRESS_POSTCODE),
        ("De postcode is 6211 AB", "6211 AB", Category.ADDRESS_POSTCODE),
        ("He lived at 14 Station Road", "14 Station Road", Category.ADDRESS_POSTCODE),
        ("Ze is naar Breda gebracht", "Breda", Category.PLACE_NAME),
        ("Opgehaald bij station Maastricht", "bij station Maastricht", Category.PLACE_NAME),
        ("Ze moest naar een hotelkamer", "hotelkamer", Category.PLACE_NAME),
        ("Mark de Vries zat in de auto", "Mark de Vries", Category.PERSONAL_NAME),
        ("Ze woont bij mijn vriend Sem", "mijn vriend Sem", Category.PERSONAL_NAME),
        ("Hij noemde zichzelf 'Prins'", "'Prins'", Category.PERSONAL_NAME),
        ("Het was de auto van Yilmaz", "Yilmaz", Category.PERSONAL_NAME),
        ("Ze kreeg 50 euro per keer", "50 euro", Category.MONEY),
        ("She was paid £200", "£200", Category.MONEY),
        ("Hij sloeg haar", "sloeg", Category.EVENT_VERB),
        ("He took her passport", "took her passport", Category.EVENT_VERB),
    ],
)
def test_flags_each_kind_of_account_content(text: str, flagged: str, category: Category) -> None:
    assert kinds(text).get(flagged) is category


@pytest.mark.parametrize(
    "text",
    [
        "Begrijpt tijd slecht",
        "Wil een vrouwelijke verhoorder",
        "Zegt snel ja",
        "Heeft een tolk Pools nodig",
        "Na het gesprek haalt de begeleider haar op",
        "Persoonlijk begeleider",
        "Ambulant begeleider bij Koraal",
        "Slachtofferhulp Nederland is al ingeschakeld",
        "May need a break after twenty minutes",
        "Needs 24/7 support from the care team",
        "Kan maximaal 2 uur praten",
        'Zegt vaak "Ik weet het niet"',
        "Can count to 10 but not further",
    ],
)
def test_leaves_needs_alone(text: str) -> None:
    assert check_text(text, "nl").ok
    assert check_text(text, "en").ok


def test_both_languages_run_whatever_the_locale() -> None:
    mixed = "Heeft korte zinnen nodig. She was picked up yesterday."
    assert check_text(mixed, "nl").flags == check_text(mixed, "en").flags
    assert {flag.category for flag in check_text(mixed, "nl").flags} == {Category.DATE}


def test_an_unknown_locale_is_refused() -> None:
    with pytest.raises(ValueError):
        check_text("Heeft pauzes nodig", "de")


def test_expected_kinds_are_not_flagged() -> None:
    assert check_text("Sanne de Vries", "nl", expected={Category.PERSONAL_NAME}).ok
    # A date in a name field is still a date.
    assert check_text("Sanne de Vries 3 maart", "nl", expected={Category.PERSONAL_NAME}).categories == (
        Category.DATE,
    )


def test_cyrillic_letters_inside_a_latin_word_count_as_latin_and_are_flagged() -> None:
    # "Маrk" and "Brеda" with Cyrillic М and е: the word is flagged as mixed script, and the
    # folded word is still read (the place is found).
    result = check_text("Ze ging met Маrk naar Brеda", "nl")
    assert [(flag.text, flag.category) for flag in result.flags] == [
        ("Маrk", Category.MIXED_SCRIPT),
        ("Brеda", Category.MIXED_SCRIPT),
    ]
    assert check_text("sloеg", "nl").categories == (Category.MIXED_SCRIPT,)
    assert check_text("Hij slоeg haar", "nl").flags[0].text == "slоeg"


def test_control_and_zero_width_characters_do_not_hide_a_word() -> None:
    result = check_text("Hij sl\x00o\u200beg haar op ３ maart", "nl")
    assert {flag.text: flag.category for flag in result.flags} == {
        "sl\x00o\u200beg": Category.EVENT_VERB,
        "３ maart": Category.DATE,
    }


def test_html_is_checked_as_text() -> None:
    assert check_text("<b>Mark</b> sloeg haar", "nl").categories == (
        Category.PERSONAL_NAME,
        Category.EVENT_VERB,
    )


def test_every_category_has_an_explanation() -> None:
    assert set(EXPLANATIONS) == set(Category)
    assert all(text.strip() for text in EXPLANATIONS.values())


def test_marked_segments_rebuild_the_text_and_mark_the_flags() -> None:
    text = "Ze werd op 3 maart bij station Maastricht opgehaald"
    result = check_text(text, "nl")
    pieces = marked_segments(text, result.flags)
    assert "".join(piece for piece, _flag in pieces) == text
    assert [piece for piece, flag in pieces if flag is not None] == ["3 maart", "bij station Maastricht"]


# ------------------------------------------------------------------------------------- properties

_ANY_TEXT = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=200) | st.from_regex(
    r"[A-Za-zÀ-ɏА-я0-9 .,:;'\"()\-/€£\n\x00\u200b]{0,120}", fullmatch=True
)


@settings(max_examples=300, deadline=None)
@given(_ANY_TEXT, st.sampled_from(["nl", "en"]))
def test_random_text_never_raises_and_flags_slice_the_original(text: str, locale: str) -> None:
    result = check_text(text, locale)
    previous_end = 0
    for flag in result.flags:
        assert 0 <= flag.start < flag.end <= len(text)
        assert flag.text == text[flag.start : flag.end]
        assert flag.start >= previous_end  # in order, never overlapping
        previous_end = flag.end
    assert "".join(piece for piece, _flag in marked_segments(text, result.flags)) == text


_NEEDS = {locale: corpus_lines(DEFAULT_CORPUS, locale, "needs") for locale in ("nl", "en")}
_DATES = {
    "nl": ["op 3 maart", "op 12-05-2023", "sinds 2021", "vorige week", "twee weken geleden", "op 14/2"],
    "en": ["on 3 March", "on 12-05-2023", "since 2021", "last week", "two weeks ago", "on 14/2"],
}


@settings(max_examples=200, deadline=None)
@given(st.data())
def test_adding_a_date_to_any_needs_line_gets_it_flagged(data: st.DataObject) -> None:
    locale = data.draw(st.sampled_from(["nl", "en"]))
    line = data.draw(st.sampled_from(_NEEDS[locale]))
    date = data.draw(st.sampled_from(_DATES[locale]))
    words = line.split(" ")
    at = data.draw(st.integers(0, len(words)))
    before = " ".join(words[:at])
    start = len(before) + (1 if before else 0)
    text = " ".join([*words[:at], date, *words[at:]])
    assert text[start : start + len(date)] == date
    result = check_text(text, locale)
    # The date itself is marked, as a date or a month (a merged flag may also cover a word next to it).
    marking = [flag for flag in result.flags if flag.start < start + len(date) and start < flag.end]
    assert marking, text
    assert {flag.category for flag in marking} & {Category.DATE, Category.WEEKDAY_MONTH}, text
