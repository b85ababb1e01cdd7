"""The canonical need vocabulary shared by the questionnaire, the counsellor's observations and the rules.

A need is a functional fact about how a person communicates or copes ("understands short sentences
best"), never a diagnosis and never anything about what happened. Ids are flat lowercase strings; the
numbers in comments refer to the 36 pairs in domain.md §3. Labels are officer-facing English msgids.
"""

from __future__ import annotations

from dataclasses import dataclass

from easyreport.briefing.rules_data_needs import NEW_NEEDS
from easyreport.translatable import N_

# Questionnaire modules, consent sections and sheet sections share these ids, in sheet order.
SECTIONS: tuple[str, ...] = (
    "communication",
    "stress",
    "conversation",
    "support",
    "safety",
    "practical",
    "goal",
)

# Needs that come from the consent conversation itself (the teach-back check), not from a question.
# They are not a consent section: the sheet always carries them next to the consent record.
CONSENT_SECTION = "consent"

SECTION_TITLES: dict[str, str] = {
    "communication": N_("Communication and understanding"),
    "stress": N_("Stress and what helps"),
    "conversation": N_("The conversation"),
    "support": N_("Support"),
    "safety": N_("Safety"),
    "practical": N_("Practical matters"),
    "goal": N_("Goal and route"),
}


@dataclass(frozen=True)
class Need:
    """One need: its id, the section it belongs to and the label the officer reads."""

    id: str
    section: str
    label: str


def _section(section: str, *pairs: tuple[str, str]) -> list[Need]:
    return [Need(need_id, section, label) for need_id, label in pairs]


_NEEDS: list[Need] = [
    *_section(
        "communication",
        ("short_sentences", N_("Understands short sentences best")),  # 1
        ("one_question_at_a_time", N_("Loses track when several questions come at once")),  # 2
        ("slow_processing", N_("Needs extra time to think before answering")),  # 3
        ("masks_not_understanding", N_("May hide not understanding something")),  # 4
        ("acquiescence", N_("Tends to say ‘yes’ when unsure")),  # 6
        ("picks_last_option", N_("Tends to choose the last option offered")),  # 7
        ("suggestible", N_("Easily goes along with what others suggest")),  # 8
        ("negations_confuse", N_("Gets confused by questions with ‘not’ in them")),  # 9
        ("literal_language", N_("Takes words literally")),  # 10
        ("time_difficulty", N_("Finds exact dates and clock times hard")),  # 11
        ("numbers_difficulty", N_("Finds numbers, amounts and ‘how often’ hard")),  # 12
        ("few_choices", N_("Copes with only a few choices at a time")),  # 13
        ("reads_poorly", N_("Reads with difficulty")),  # 14
        ("visual_support", N_("Is helped by pictures or drawings")),  # 15
        ("prefers_drawing", N_("Prefers to answer by drawing")),  # 15
        ("prefers_pointing", N_("Prefers to answer by pointing")),  # 15
        ("prefers_writing", N_("Prefers to answer by writing")),  # 15
        ("topic_changes", N_("Gets lost when the topic changes")),  # 16
        ("own_words", N_("Uses their own words for things")),  # 17
        ("attention_short", N_("Can concentrate for a few minutes only (about one song)")),  # 18
        ("attention_medium", N_("Can concentrate for about half an hour (one episode of a series)")),  # 18
        ("fast_speech_hard", N_("Finds fast speech hard to follow")),
    ),
    *_section(
        "stress",
        ("stress_goes_quiet", N_("Goes quiet under stress")),
        ("stress_laughs", N_("Laughs or jokes under stress")),  # 21
        ("stress_angry", N_("Gets angry under stress")),
        ("stress_cries", N_("Cries under stress")),
        ("stress_wants_to_leave", N_("Wants to leave under stress")),
        ("stress_says_yes", N_("Says ‘yes’ to everything under stress")),
        ("freezes", N_("May freeze or stop reacting under stress")),  # 23
        ("helps_water", N_("Is helped by a glass of water")),
        ("helps_walk", N_("Is helped by a short walk")),
        ("helps_breathing", N_("Is helped by calm breathing")),
        ("helps_object", N_("Is helped by holding an object")),
        ("helps_music", N_("Is helped by listening to music")),
        ("helps_other_topic", N_("Is helped by talking about something else for a moment")),
        ("trigger_loud_voices", N_("Is upset by loud voices")),  # 22
        ("trigger_touch", N_("Is upset by being touched")),  # 22
        ("trigger_small_room", N_("Is upset by small rooms")),  # 22
        ("trigger_closed_door", N_("Is upset by a closed door")),  # 22
        ("trigger_waiting", N_("Is upset by long waiting")),  # 22
        ("repetition_feels_disbelief", N_("Feels disbelieved when a question is repeated")),  # 20
        ("needs_control", N_("Needs to know what will happen and to have a say")),  # 24
    ),
    *_section(
        "conversation",
        ("officer_woman", N_("Prefers a female officer")),  # 25
        ("officer_man", N_("Prefers a male officer")),  # 25
        ("plain_clothes", N_("Prefers officers in plain clothes")),  # 26
        ("room_visit_first", N_("Wants to see the room beforehand")),  # 27
        ("officer_photo_first", N_("Wants to see a photo of the officer beforehand")),  # 28
        ("same_officer", N_("Wants the same officer every time")),  # 28
        ("door_open", N_("Wants the door open")),
        ("door_closed", N_("Wants the door closed")),
        ("breaks_often", N_("Needs frequent breaks")),  # 18
        ("breaks_sometimes", N_("Needs a break now and then")),  # 18
        ("breaks_on_request", N_("Wants a break as soon as they ask for one")),  # 18
        ("break_signal_say", N_("Asks for a break in words")),  # 18
        ("break_signal_card", N_("Asks for a break by showing a card")),  # 18
        ("break_signal_hand", N_("Asks for a break by raising a hand")),  # 18
        ("recording_explain_first", N_("Wants the recording explained first")),  # 32
        ("best_time_morning", N_("Is at their best in the morning")),  # 19
        ("best_time_afternoon", N_("Is at their best in the afternoon")),  # 19
        ("best_time_evening", N_("Is at their best in the evening")),  # 19
    ),
    *_section(
        "support",
        ("trusted_person_counsellor", N_("Wants the counsellor there as trusted person")),  # 30
        ("trusted_person_other", N_("Wants another trusted person there")),  # 30
        ("aftercare_counsellor", N_("The counsellor gives aftercare")),  # 35
        ("aftercare_family", N_("Family gives aftercare")),  # 35
        ("aftercare_none", N_("Has no one for aftercare")),  # 35
    ),
    *_section(
        "safety",
        ("fear_being_seen", N_("Is afraid of being seen at the police station")),  # 34
        ("phone_not_safe", N_("Their phone is not safe for contact")),
        ("unsafe_at_home", N_("Does not feel safe at home")),
    ),
    *_section(
        "practical",
        ("medication_tired", N_("Medication makes them tired at some times of day")),  # 19
        ("transport_counsellor", N_("Travels with the counsellor")),
        ("transport_self", N_("Travels on their own")),
        ("interpreter", N_("Needs an interpreter")),  # 33
    ),
    *_section(
        "goal",
        ("goal_information", N_("Wants information first (information talk)")),
        ("goal_report", N_("Wants to report to the police (melding)")),
        ("goal_aangifte", N_("Wants to file a formal complaint (aangifte)")),
        ("goal_undecided", N_("Has not decided yet what they want")),
        ("needs_time_to_decide", N_("Needs information and time before deciding")),  # 31
        # "May also be heard as a suspect" is no need: it is its own consent card and its own block on
        # the sheet (consent.SUSPECT_CARD, suspect.py), and its rules are rules_data.SUSPECT_RULES.
    ),
    *_section(
        CONSENT_SECTION,
        ("limited_overview", N_("Has limited overview of what sharing means")),  # 36
    ),
]

_NEEDS += [Need(*new) for new in NEW_NEEDS]  # content version 2 (issue 12): rules_data_needs.py
NEEDS: dict[str, Need] = {need.id: need for need in _NEEDS}


class UnknownNeed(KeyError):
    """A need id that is not in the vocabulary."""


def get_need(need_id: str) -> Need:
    """Return the need with this id, or raise UnknownNeed."""
    try:
        return NEEDS[need_id]
    except KeyError:
        raise UnknownNeed(need_id) from None


def needs_in_section(section: str) -> tuple[Need, ...]:
    """Return the needs of one section in vocabulary order."""
    return tuple(need for need in _NEEDS if need.section == section)


def vocabulary_order(need_ids: set[str] | frozenset[str]) -> tuple[str, ...]:
    """Return need ids in vocabulary order, so the sheet lists them the same way every time."""
    unknown = sorted(need_ids - NEEDS.keys())
    if unknown:
        raise UnknownNeed(", ".join(unknown))
    return tuple(need.id for need in _NEEDS if need.id in need_ids)
