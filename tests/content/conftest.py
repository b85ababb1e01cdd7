"""Catalogues compiled in memory from the committed .po files, so no .mo file is needed or written."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ("nl", "en")

# The shared need vocabulary (/work/needs-vocabulary.md); easyreport/briefing/needs.py is canonical.
NEED_IDS = frozenset(
    """
    short_sentences one_question_at_a_time slow_processing masks_not_understanding acquiescence
    picks_last_option suggestible negations_confuse literal_language time_difficulty numbers_difficulty
    few_choices reads_poorly visual_support prefers_drawing prefers_pointing prefers_writing topic_changes
    own_words attention_short attention_medium fast_speech_hard
    stress_goes_quiet stress_laughs stress_angry stress_cries stress_wants_to_leave stress_says_yes freezes
    helps_water helps_walk helps_breathing helps_object helps_music helps_other_topic trigger_loud_voices
    trigger_touch trigger_small_room trigger_closed_door trigger_waiting repetition_feels_disbelief
    needs_control
    officer_woman officer_man plain_clothes room_visit_first officer_photo_first same_officer door_open
    door_closed breaks_often breaks_sometimes breaks_on_request break_signal_say break_signal_card
    break_signal_hand recording_explain_first best_time_morning best_time_afternoon best_time_evening
    trusted_person_counsellor trusted_person_other aftercare_counsellor aftercare_family aftercare_none
    fear_being_seen phone_not_safe unsafe_at_home
    medication_tired transport_counsellor transport_self interpreter
    goal_information goal_report goal_aangifte goal_undecided needs_time_to_decide
    limited_overview
    """.split()  # noqa: SIM905 - one block, laid out like needs-vocabulary.md
)


def compiled(locale: str) -> Translations:
    """Compile the committed catalogue of a locale in memory."""
    with (ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f, locale=locale)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


@pytest.fixture(scope="session")
def translators() -> dict[str, Callable[[str], str]]:
    return {locale: compiled(locale).gettext for locale in LOCALES}


@pytest.fixture(scope="session")
def catalog_ids() -> dict[str, dict[str, str]]:
    """Map each locale to its msgid -> msgstr pairs (untranslated ones left out)."""
    result = {}
    for locale in LOCALES:
        with (ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po").open("rb") as f:
            catalog = read_po(f, locale=locale)
        result[locale] = {m.id: m.string for m in catalog if m.id and m.string and "fuzzy" not in m.flags}
    return result
