"""One word for one thing: every catalogue entry, for the audience that reads it, uses the glossary's words.

Who reads a message follows from where it is used: the messages are extracted again here *with* their
source locations (the committed .pot has none, by design, so moving code does not churn it) and each
file is mapped to its audience by glossary.AUDIENCE_BY_PATH. See easyreport/content/glossary.py.
"""

from __future__ import annotations

from collections import defaultdict
from functools import cache
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

from easyreport.briefing.needs import SECTION_TITLES, SECTIONS
from easyreport.content.glossary import (
    AUDIENCE_BY_MESSAGE,
    PART_NAMES,
    TERMS,
    Audience,
    audiences_for_path,
    wording_problems,
)
from easyreport.content.observations import OBSERVATIONS
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.paths import TRANSLATIONS_DIR

ROOT = Path(__file__).resolve().parents[2]
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "_l": None, "lazy_gettext": None, "lazy_ngettext": (1, 2)}
CLIENT_TEXTS_OF_OBSERVATIONS = frozenset(observation.client_text for observation in OBSERVATIONS)


@cache
def audiences() -> dict[str, frozenset[Audience]]:
    """Every msgid with the audiences of the places it is used."""
    with (ROOT / "babel.cfg").open() as f:
        method_map, options_map = parse_mapping_cfg(f)
    found: dict[str, set[Audience]] = defaultdict(set)
    for path, _line, message, _comments, _context in extract_from_dir(
        str(ROOT), method_map, options_map, keywords=KEYWORDS
    ):
        msgid = message[0] if isinstance(message, tuple | list) else message
        if path.startswith("easyreport/content/observations.py") and msgid in CLIENT_TEXTS_OF_OBSERVATIONS:
            found[msgid].add(Audience.CLIENT)  # the observation's easy-read text for the client
        else:
            found[msgid] |= audiences_for_path(path)
    return {msgid: AUDIENCE_BY_MESSAGE.get(msgid, frozenset(who)) for msgid, who in found.items()}


@cache
def catalogue(locale: str) -> dict[str, tuple[str, ...]]:
    with (TRANSLATIONS_DIR / locale / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f, locale=locale)
    out = {}
    for message in catalog:
        if not message.id:
            continue
        msgid = message.id if isinstance(message.id, str) else message.id[0]
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        out[msgid] = tuple(str(s) for s in strings)
    return out


def test_the_extraction_finds_the_catalogue():
    assert set(audiences()) == set(catalogue("nl")), "the .pot is stale: run scripts/i18n.py update"


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_every_entry_uses_the_words_and_the_address_of_its_audience(locale):
    problems = []
    for msgid, who in sorted(audiences().items()):
        for text in catalogue(locale)[msgid]:
            for problem in wording_problems(text, locale, who):
                problems.append(f"[{problem.audience}] {problem.found!r} -> {problem.wanted}: {text}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_part_names_are_the_same_on_the_client_screens_the_consent_cards_and_the_sheet(locale):
    modules = {module.id: module for module in QUESTIONNAIRE.modules}
    for section in SECTIONS:
        wanted = PART_NAMES[section][locale]
        # The consent card of a section shows its module's title (consent_walk.py).
        assert catalogue(locale)[modules[section].title] == (wanted,), (section, "client screens and cards")
        assert catalogue(locale)[SECTION_TITLES[section]] == (wanted,), (section, "sheet")


def test_the_audiences_follow_the_documented_mapping():
    assert audiences_for_path("templates/client/question.html") == {Audience.CLIENT}
    assert audiences_for_path("easyreport/content/consent_cards.py") == {Audience.CLIENT}
    assert audiences_for_path("templates/sharing/officer_sheet.html") == {Audience.OFFICER}
    assert audiences_for_path("easyreport/briefing/rules_data_practice.py") == {Audience.OFFICER}
    assert audiences_for_path("templates/briefing/settings.html") == {Audience.COUNSELLOR}
    assert audiences_for_path("templates/accounts/login.html") == {Audience.STAFF}
    assert audiences()["Sheets shared with you"] == {Audience.OFFICER}


def test_every_audience_has_its_words_for_the_interviewer():
    for audience in (Audience.CLIENT, Audience.COUNSELLOR, Audience.OFFICER):
        assert [term for term in TERMS if term.concept == "interviewer" and audience in term.audiences]


@pytest.mark.parametrize(
    ("text", "who", "flagged"),
    [
        ("Wat heeft u de cliënt al uitgelegd?", Audience.COUNSELLOR, "u"),
        ("Je hebt bevestigd dat je dit blad hebt gelezen.", Audience.OFFICER, "Je"),
        ("Begin met de regels: ‘Zeg het als je iets niet snapt’.", Audience.OFFICER, None),
        ("Begin met een informatief gesprek.", Audience.OFFICER, None),
        ("Plan het gesprek in de ochtend.", Audience.OFFICER, "gesprek"),
        ("Wil je eerst een foto van de agent?", Audience.CLIENT, None),
        ("Kies minstens één politiemedewerker.", Audience.COUNSELLOR, "politiemedewerker"),
        ("Zedenmisdrijven gaan naar de zedenpolitie.", Audience.CLIENT, "zedenpolitie"),
        ("Controleer met teach-back.", Audience.OFFICER, "teach-back"),
        ("Het AVIM-team mensenhandel", Audience.OFFICER, None),
    ],
)
def test_the_checker_flags_what_it_should_and_nothing_else(text, who, flagged):
    found = [problem.found for problem in wording_problems(text, "nl", frozenset({who}))]
    assert found == ([flagged] if flagged else [])
