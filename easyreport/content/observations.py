"""What the counsellor can tick in counsellor mode, per module, next to the client's answers.

Observations are functional: what the counsellor sees the person do and what helps. Never a
diagnosis label, an IQ, or anything about what happened. Each choice maps to need ids from the
shared vocabulary, like the client's answers do. These texts are staff-facing (B1, not easy read).
"""

from __future__ import annotations

from dataclasses import dataclass

from easyreport.content.model import check_id
from easyreport.translatable import N_

# Shown above the counsellor's free-text field on every module.
FREE_TEXT_REMINDER = N_("Write needs only. Never what happened, who, where or when.")
FREE_TEXT_LABEL = N_("Other observations about needs (optional)")


@dataclass(frozen=True)
class Observation:
    """One tick box for the counsellor."""

    id: str
    module_id: str
    text: str
    needs: tuple[str, ...]

    def __post_init__(self) -> None:
        check_id(self.id, "observation")
        if not self.needs:
            raise ValueError(f"observation {self.id!r} maps to no need")
        for need in self.needs:
            check_id(need, "need")


def _o(module_id: str, id_: str, needs: tuple[str, ...], text: str) -> Observation:
    return Observation(id_, module_id, text, needs)


# One block per observation: module, id, the needs it signals, then the text.
# fmt: off
OBSERVATIONS: tuple[Observation, ...] = (
    # communication
    _o("communication", "short_sentences", ("short_sentences",),
       N_("Understands short, simple sentences best")),
    _o("communication", "one_question", ("one_question_at_a_time",),
       N_("Loses track when two questions come at once")),
    _o("communication", "slow_processing", ("slow_processing",),
       N_("Needs a few seconds of silence before answering")),
    _o("communication", "masks", ("masks_not_understanding",),
       N_("Hides not understanding; nods along")),
    _o("communication", "says_yes", ("acquiescence",),
       N_("Says yes when unsure")),
    _o("communication", "picks_last", ("picks_last_option",),
       N_("Tends to pick the last option of a choice")),
    _o("communication", "suggestible", ("suggestible",),
       N_("Takes over words or ideas from the person asking")),
    _o("communication", "negations", ("negations_confuse",),
       N_("Is confused by questions with 'not' in them")),
    _o("communication", "literal", ("literal_language",),
       N_("Takes words literally; sayings confuse")),
    _o("communication", "time", ("time_difficulty",),
       N_("Cannot give dates or times reliably")),
    _o("communication", "numbers", ("numbers_difficulty",),
       N_("Numbers and 'how often' are unreliable")),
    _o("communication", "few_choices", ("few_choices",),
       N_("Copes with two or three choices at most")),
    _o("communication", "reads_poorly", ("reads_poorly",),
       N_("Reads with difficulty; needs texts read aloud")),
    _o("communication", "visual", ("visual_support",),
       N_("Understands better with pictures or drawing")),
    _o("communication", "topic_changes", ("topic_changes",),
       N_("Gets lost when the subject changes")),
    _o("communication", "own_words", ("own_words",),
       N_("Uses own words for things")),
    _o("communication", "fast_speech", ("fast_speech_hard",),
       N_("Cannot follow fast speech")),
    _o("communication", "attention_short", ("attention_short",),
       N_("Attention lasts about as long as one song")),
    _o("communication", "attention_medium", ("attention_medium",),
       N_("Attention lasts about one episode of a series")),
    # stress
    _o("stress", "laughs", ("stress_laughs",),
       N_("Laughs or jokes when stressed")),
    _o("stress", "goes_quiet", ("stress_goes_quiet",),
       N_("Goes quiet when stressed")),
    _o("stress", "angry", ("stress_angry",),
       N_("Gets angry when stressed")),
    _o("stress", "freezes", ("freezes",),
       N_("Freezes or stares; stops reacting")),
    _o("stress", "says_yes_when_stressed", ("stress_says_yes",),
       N_("Says yes to everything when stressed")),
    _o("stress", "wants_to_leave", ("stress_wants_to_leave",),
       N_("Wants to leave when stressed")),
    _o("stress", "repetition", ("repetition_feels_disbelief",),
       N_("Hears a repeated question as not being believed")),
    _o("stress", "control", ("needs_control",),
       N_("Calmer when each step is explained beforehand")),
    _o("stress", "waiting", ("trigger_waiting",),
       N_("Waiting makes stress worse")),
    _o("stress", "loud_voices", ("trigger_loud_voices",),
       N_("Raised or loud voices make stress worse")),
    _o("stress", "touch", ("trigger_touch",),
       N_("Does not want to be touched")),
    # conversation
    _o("conversation", "plain_clothes", ("plain_clothes",),
       N_("Uniforms make them tense")),
    _o("conversation", "room_visit", ("room_visit_first",),
       N_("Unfamiliar places are frightening; a visit beforehand helps")),
    _o("conversation", "same_officer", ("same_officer",),
       N_("New faces are stressful; the same officer helps")),
    _o("conversation", "breaks_often", ("breaks_often",),
       N_("Needs frequent breaks")),
    _o("conversation", "recording", ("recording_explain_first",),
       N_("Worried about the camera; needs it explained first")),
    _o("conversation", "morning", ("best_time_morning",),
       N_("Most alert in the morning")),
    _o("conversation", "afternoon", ("best_time_afternoon",),
       N_("Most alert in the afternoon")),
    # support
    _o("support", "counsellor_present", ("trusted_person_counsellor",),
       N_("Feels safer with the support worker nearby")),
    _o("support", "aftercare", ("aftercare_counsellor",),
       N_("Needs the support worker's contact right after the talk")),
    # safety
    _o("safety", "fear_seen", ("fear_being_seen",),
       N_("Afraid of being seen at the police station")),
    _o("safety", "phone", ("phone_not_safe",),
       N_("Phone may be checked by others; contact through the support worker")),
    _o("safety", "home", ("unsafe_at_home",),
       N_("Place of living may not be safe")),
    # practical
    _o("practical", "medication", ("medication_tired",),
       N_("Medication makes them tired at some times of day")),
    _o("practical", "interpreter", ("interpreter",),
       N_("Needs a professional interpreter")),
    # goal
    _o("goal", "time_to_decide", ("needs_time_to_decide", "goal_undecided"),
       N_("Needs information and time before deciding")),
)
# fmt: on


def observations_for(module_id: str) -> tuple[Observation, ...]:
    """Return the observation choices of one module, in order."""
    return tuple(observation for observation in OBSERVATIONS if observation.module_id == module_id)
