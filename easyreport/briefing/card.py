"""What the card the client carries says, chosen from the built sheet only (pure, no Flask).

The card is credit-card size, two sides: "I may need…" with at most ``MAX_NEEDS`` needs in short words with
a pictogram, and on the back what helps the client and how to reach the counsellor. It is made from the
*built* sheet, never from the answers: the builder has already emptied every section the client withheld
(sheet.build_sheet), so a withheld section cannot reach the card. Nothing comes from the goal or safety
sections: the card says what the client needs, never what happened. The name the client wants to be called
is shown only when they gave one and shared the communication section (name_and_language, consent-gated).

Which fields of the sheet the card prints is registered in output_fields (Output.CARD).
"""

from __future__ import annotations

from dataclasses import dataclass

from easyreport.briefing.needs import get_need
from easyreport.briefing.sheet import Sheet
from easyreport.content import card_texts as t
from easyreport.content.questionnaire import QUESTIONNAIRE

# Five short lines still fit the front at 10 pt beside their pictograms; more would make it a list to read.
MAX_NEEDS = 5
# The back holds what helps in two columns above the contact: two rows fit.
MAX_HELPS = 4


@dataclass(frozen=True)
class CardLine:
    """One line of the card: a client-facing msgid and the pictogram shown beside it."""

    text: str
    pictogram: str


@dataclass(frozen=True)
class ClientCard:
    """Everything the card shows; texts are msgids, translated when the card is rendered."""

    needs: tuple[CardLine, ...]
    helps: tuple[CardLine, ...]
    preferred_name: str = ""
    contact_name: str = ""
    contact_phone: str = ""

    @property
    def empty(self) -> bool:
        """Say whether the card has nothing of the client's on it (no shared need, no help)."""
        return not self.needs and not self.helps


def _answer(question_id: str, option_id: str) -> CardLine:
    # The client's own words for a need, as the question offered them: already in every client language.
    question = QUESTIONNAIRE.find(question_id)
    option = question.option(option_id) if question is not None else None
    if option is None:
        raise LookupError(f"card: no answer {question_id}.{option_id} in the questionnaire")
    return CardLine(option.text, option.pictogram)


def _option_for(need_id: str) -> CardLine:
    for question in QUESTIONNAIRE:
        for option in question.content_options:
            if need_id in option.needs:
                return _answer(question.id, option.id)
    raise LookupError(f"card: no answer in the questionnaire signals {need_id}")


# The needs a card can show, most important for the talk first: each need id maps to its words. Several
# needs may share words (every kind of break is "a break"); the card shows each line once.
CARD_NEEDS: tuple[tuple[str, CardLine], ...] = (
    ("slow_processing", CardLine(t.TIME_TO_THINK, "hourglass")),
    ("short_sentences", CardLine(t.SHORT_SENTENCES, "speech_balloon")),
    ("one_question_at_a_time", CardLine(t.ONE_QUESTION, "question_mark")),
    ("interpreter", CardLine(t.INTERPRETER, "globe")),
    ("sign_language", _option_for("sign_language")),
    ("hearing_difficulty", CardLine(t.LOUD_AND_CLEAR, "ear")),
    ("masks_not_understanding", CardLine(t.CHECK_UNDERSTANDING, "thinking_face")),
    ("breaks_often", CardLine(t.BREAKS, "hot_drink")),
    ("breaks_sometimes", CardLine(t.BREAKS, "hot_drink")),
    ("breaks_on_request", CardLine(t.BREAKS, "hot_drink")),
    ("trusted_person_counsellor", CardLine(t.TRUSTED_PERSON, "two_people")),
    ("trusted_person_other", CardLine(t.TRUSTED_PERSON, "two_people")),
    ("fast_speech_hard", CardLine(t.SLOW_TALKING, "speaking_head")),
    ("literal_language", CardLine(t.EASY_WORDS, "speech_bubbles")),
    ("reads_poorly", CardLine(t.READ_OUT, "speaker")),
    ("visual_support", CardLine(t.PICTURES, "crayon")),
    ("needs_control", CardLine(t.WHAT_HAPPENS, "ladder")),
    ("visual_schedule", _option_for("visual_schedule")),
    ("room_visit_first", _option_for("room_visit_first")),
    ("door_open", CardLine(t.DOOR_OPEN, "door")),
    ("toilet_often", _option_for("toilet_often")),
    ("medication_times", _option_for("medication_times")),
    ("needs_drink", _option_for("needs_drink")),
)
# What calms the client (the stress section's "what helps" answers), in the client's own words.
HELP_NEEDS: tuple[str, ...] = (
    "helps_water",
    "helps_walk",
    "helps_breathing",
    "helps_object",
    "helps_music",
    "helps_other_topic",
)
HELPS: dict[str, CardLine] = {need_id: _option_for(need_id) for need_id in HELP_NEEDS}

for _need_id, _line in CARD_NEEDS:
    get_need(_need_id)  # an unknown need id fails at import, not on a client's card


def _shared_needs(sheet: Sheet) -> frozenset[str]:
    # A withheld section is empty on the built sheet; the check on shared is a second lock, not the first.
    return frozenset(need for section in sheet.sections if section.shared for need in section.needs)


def _unique(lines: list[CardLine]) -> tuple[CardLine, ...]:
    seen: set[str] = set()
    out = []
    for line in lines:
        if line.text not in seen:
            seen.add(line.text)
            out.append(line)
    return tuple(out)


def card_for(sheet: Sheet) -> ClientCard:
    """Return what the client's card shows, from a built sheet: consented sections only."""
    needs = _shared_needs(sheet)
    front = _unique([line for need_id, line in CARD_NEEDS if need_id in needs])[:MAX_NEEDS]
    helps = tuple(HELPS[need_id] for need_id in HELP_NEEDS if need_id in needs)[:MAX_HELPS]
    return ClientCard(
        needs=front,
        helps=helps,
        preferred_name=sheet.name_and_language.preferred_name.strip(),
        contact_name=sheet.meta.contact_name.strip(),
        contact_phone=sheet.meta.contact_phone.strip(),
    )
