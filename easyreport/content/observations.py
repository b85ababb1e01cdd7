"""What the counsellor can tick in counsellor mode, per module, next to the client's answers.

Observations are functional: what the counsellor sees the person do and what helps. Never a
diagnosis label, an IQ, or anything about what happened. Each choice maps to need ids from the
shared vocabulary, like the client's answers do. ``text`` is staff-facing (B1, not easy read).

``client_text`` says the same to the client in easy words, with a ``pictogram``: the consent card
shows every ticked observation that would go on the sheet before the client decides (domain.md §8),
and the client's copy shows it again. The plain-language checker reads these texts too.
"""

from __future__ import annotations

from collections.abc import Iterable
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
    pictogram: str
    client_text: str

    def __post_init__(self) -> None:
        check_id(self.id, "observation")
        check_id(self.pictogram, "pictogram")
        if not self.client_text.strip():
            raise ValueError(f"observation {self.id!r} has no text for the client")
        if not self.needs:
            raise ValueError(f"observation {self.id!r} maps to no need")
        for need in self.needs:
            check_id(need, "need")


def _o(
    module_id: str, id_: str, needs: tuple[str, ...], text: str, pictogram: str, client_text: str
) -> Observation:
    return Observation(id_, module_id, text, needs, pictogram, client_text)


# One block per observation: module, id, the needs it signals, the counsellor's text, then the
# pictogram and the easy-read text for the client.
# fmt: off
OBSERVATIONS: tuple[Observation, ...] = (
    # communication
    _o("communication", "short_sentences", ("short_sentences",),
       N_("Understands short, simple sentences best"),
       "speech_balloon", N_("You understand short sentences best.")),
    _o("communication", "one_question", ("one_question_at_a_time",),
       N_("Loses track when two questions come at once"),
       "question_mark", N_("Two questions at once are hard for you.")),
    _o("communication", "slow_processing", ("slow_processing",),
       N_("Needs a few seconds of silence before answering"),
       "hourglass", N_("You need a little time before you answer.")),
    _o("communication", "masks", ("masks_not_understanding",),
       N_("Hides not understanding; nods along"),
       "doubting_face", N_("You sometimes nod when you do not understand.")),
    _o("communication", "says_yes", ("acquiescence",),
       N_("Says yes when unsure"),
       "thumbs_up", N_("You sometimes say yes when you are not sure.")),
    _o("communication", "picks_last", ("picks_last_option",),
       N_("Tends to pick the last option of a choice"),
       "pointing_hand", N_("You often choose the last answer you hear.")),
    _o("communication", "suggestible", ("suggestible",),
       N_("Takes over words or ideas from the person asking"),
       "speech_bubbles", N_("You sometimes take over the words of the other person.")),
    _o("communication", "negations", ("negations_confuse",),
       N_("Is confused by questions with 'not' in them"),
       "question_mark", N_("Questions with the word 'not' are hard for you.")),
    _o("communication", "literal", ("literal_language",),
       N_("Takes words literally; sayings confuse"),
       "open_book", N_("You take words exactly as they are said.")),
    _o("communication", "time", ("time_difficulty",),
       N_("Cannot give dates or times reliably"),
       "calendar", N_("Dates and times are hard for you.")),
    _o("communication", "numbers", ("numbers_difficulty",),
       N_("Numbers and 'how often' are unreliable"),
       "numbers", N_("Numbers are hard for you.")),
    _o("communication", "few_choices", ("few_choices",),
       N_("Copes with two or three choices at most"),
       "pointing_hand", N_("Two or three choices are enough for you.")),
    _o("communication", "reads_poorly", ("reads_poorly",),
       N_("Reads with difficulty; needs texts read aloud"),
       "speaker", N_("Reading is hard for you. You like texts read aloud.")),
    _o("communication", "visual", ("visual_support",),
       N_("Understands better with pictures or drawing"),
       "crayon", N_("Pictures or drawings help you understand.")),
    _o("communication", "topic_changes", ("topic_changes",),
       N_("Gets lost when the subject changes"),
       "thought_balloon", N_("A new subject all of a sudden is hard for you.")),
    _o("communication", "own_words", ("own_words",),
       N_("Uses own words for things"),
       "speaking_head", N_("You use your own words for things.")),
    _o("communication", "fast_speech", ("fast_speech_hard",),
       N_("Cannot follow fast speech"),
       "speaking_head", N_("Fast talking is hard for you to follow.")),
    _o("communication", "attention_short", ("attention_short",),
       N_("Attention lasts about as long as one song"),
       "musical_note", N_("You can listen well for about one song.")),
    _o("communication", "attention_medium", ("attention_medium",),
       N_("Attention lasts about one episode of a series"),
       "television", N_("You can listen well for about one episode of a series.")),
    _o("communication", "hearing_aid", ("hearing_aid",),
       N_("Wears a hearing aid"),
       "ear_with_hearing_aid", N_("You use a hearing aid.")),
    _o("communication", "hard_of_hearing", ("hearing_difficulty",),
       N_("Hard of hearing; needs to see the speaker's face"),
       "ear", N_("Hearing is hard for you. You need to see the face of the speaker.")),
    _o("communication", "glasses", ("vision_glasses",),
       N_("Needs glasses to read"),
       "glasses", N_("You need your glasses to read.")),
    _o("communication", "vision", ("vision_difficulty",),
       N_("Sees poorly; needs texts read aloud and what is shown described"),
       "white_cane", N_("Seeing is hard for you. Texts are read aloud to you.")),
    _o("communication", "day_plan", ("visual_schedule",),
       N_("Calmer with a picture plan of the day"),
       "spiral_calendar", N_("A plan of the day with pictures helps you.")),
    # stress
    _o("stress", "laughs", ("stress_laughs",),
       N_("Laughs or jokes when stressed"),
       "laughing_face", N_("You laugh or make jokes when you feel stressed.")),
    _o("stress", "goes_quiet", ("stress_goes_quiet",),
       N_("Goes quiet when stressed"),
       "muted_speaker", N_("You go quiet when you feel stressed.")),
    _o("stress", "angry", ("stress_angry",),
       N_("Gets angry when stressed"),
       "angry_face", N_("You get angry when you feel stressed.")),
    _o("stress", "freezes", ("freezes",),
       N_("Freezes or stares; stops reacting"),
       "person_standing", N_("Sometimes you cannot move or talk for a while.")),
    _o("stress", "says_yes_when_stressed", ("stress_says_yes",),
       N_("Says yes to everything when stressed"),
       "thumbs_up", N_("You say yes to everything when you feel stressed.")),
    _o("stress", "wants_to_leave", ("stress_wants_to_leave",),
       N_("Wants to leave when stressed"),
       "person_running", N_("You want to leave when you feel stressed.")),
    _o("stress", "repetition", ("repetition_feels_disbelief",),
       N_("Hears a repeated question as not being believed"),
       "repeat", N_("A question asked again can feel as if you are not believed.")),
    _o("stress", "control", ("needs_control",),
       N_("Calmer when each step is explained beforehand"),
       "ladder", N_("It helps you to know each step beforehand.")),
    _o("stress", "waiting", ("trigger_waiting",),
       N_("Waiting makes stress worse"),
       "hourglass_done", N_("Waiting makes you more stressed.")),
    _o("stress", "loud_voices", ("trigger_loud_voices",),
       N_("Raised or loud voices make stress worse"),
       "loudspeaker", N_("Loud voices make you more stressed.")),
    _o("stress", "touch", ("trigger_touch",),
       N_("Does not want to be touched"),
       "hand", N_("You do not want to be touched.")),
    _o("stress", "said_wrong", ("repetition_feels_wrong",),
       N_("Hears a repeated question as a sign that the first answer was wrong"),
       "worried_face", N_("A question asked again can make you think that you said it wrong.")),
    # conversation
    _o("conversation", "plain_clothes", ("plain_clothes",),
       N_("Uniforms make them tense"),
       "clothes", N_("A uniform makes you tense.")),
    _o("conversation", "room_visit", ("room_visit_first",),
       N_("Unfamiliar places are frightening; a visit beforehand helps"),
       "room", N_("New places are scary. Seeing the room first helps you.")),
    _o("conversation", "same_officer", ("same_officer",),
       N_("New faces are stressful; the same officer helps"),
       "bust", N_("New faces are hard. The same police officer helps you.")),
    _o("conversation", "breaks_often", ("breaks_often",),
       N_("Needs frequent breaks"),
       "hot_drink", N_("You need many breaks.")),
    _o("conversation", "recording", ("recording_explain_first",),
       N_("Worried about the camera; needs it explained first"),
       "video_camera", N_("The camera worries you. You want to hear about it first.")),
    _o("conversation", "morning", ("best_time_morning",),
       N_("Most alert in the morning"),
       "sunrise", N_("You are most awake in the morning.")),
    _o("conversation", "afternoon", ("best_time_afternoon",),
       N_("Most alert in the afternoon"),
       "sun", N_("You are most awake in the afternoon.")),
    _o("conversation", "low_trust", ("low_trust_police",),
       N_("Finds it hard to trust the police"),
       "police_officer", N_("It is hard for you to trust the police.")),
    _o("conversation", "bad_experience", ("bad_police_experience",),
       N_("An earlier contact with the police felt bad"),
       "pensive_face", N_("An earlier talk with the police felt bad to you.")),
    _o("conversation", "first_contact", ("first_police_contact",),
       N_("Has never talked with the police"),
       "person", N_("You never talked with the police before.")),
    # support
    _o("support", "counsellor_present", ("trusted_person_counsellor",),
       N_("Feels safer with the support worker nearby"),
       "support_worker", N_("You feel safer with your support worker close by.")),
    _o("support", "aftercare", ("aftercare_counsellor",),
       N_("Needs the support worker's contact right after the talk"),
       "telephone", N_("Right after the talk you need your support worker.")),
    _o("support", "feels_very_bad_after", ("aftercare_risk_high",),
       N_("May feel very bad after the interview; aftercare must be arranged"),
       "pensive_face", N_("You may feel very bad after the talk. Someone is there for you then.")),
    _o("support", "collected_by_counsellor", ("collect_counsellor",),
       N_("The counsellor collects them after the interview"),
       "car", N_("Your support worker picks you up after the talk.")),
    _o("support", "collected_by_family", ("collect_family",),
       N_("Family or a friend collects them after the interview"),
       "people_hugging", N_("Family or a friend picks you up after the talk.")),
    _o("support", "home_alone", ("goes_home_alone",),
       N_("Goes home alone after the interview"),
       "person_walking", N_("You go home alone after the talk.")),
    _o("support", "mentor", ("guardian_mentor",),
       N_("Has a mentor (decides with the person about care)"),
       "two_people", N_("You have a mentor. A mentor helps you decide about care.")),
    _o("support", "curator", ("guardian_curator",),
       N_("Is under guardianship (curator)"),
       "two_people", N_("You have a curator. A curator decides with you about care and money.")),
    _o("support", "bewindvoerder", ("guardian_bewindvoerder",),
       N_("Has a bewindvoerder (manages money)"),
       "two_people", N_("You have a bewindvoerder. A bewindvoerder takes care of your money.")),
    # safety
    _o("safety", "fear_seen", ("fear_being_seen",),
       N_("Afraid of being seen at the police station"),
       "eye", N_("You are afraid that people see you at the police.")),
    _o("safety", "phone", ("phone_not_safe",),
       N_("Phone may be checked by others; contact through the support worker"),
       "mobile_phone", N_("Others may look at your phone. Contact goes through your support worker.")),
    _o("safety", "home", ("unsafe_at_home",),
       N_("Place of living may not be safe"),
       "house", N_("Where you live may not be safe.")),
    _o("safety", "still_in_contact", ("contact_with_involved",),
       N_("Still in contact with the people involved"),
       "mobile_phone", N_("You still have contact with the people it is about.")),
    _o("safety", "afraid_found_out", ("fear_found_out",),
       N_("Afraid that the people involved find out about the interview"),
       "worried_face", N_("You are afraid that they hear about the talk.")),
    _o("safety", "papers", ("papers_worry",),
       N_("Worried about papers or the right to stay"),
       "page", N_("You worry about your papers.")),
    # practical
    _o("practical", "medication", ("medication_tired",),
       N_("Medication makes them tired at some times of day"),
       "pill", N_("Your medicine makes you tired at some times.")),
    _o("practical", "interpreter", ("interpreter",),
       N_("Needs a professional interpreter"),
       "globe", N_("You need someone who translates.")),
    _o("practical", "sign_language", ("sign_language",),
       N_("Uses sign language; needs a sign language interpreter"),
       "deaf_person", N_("You use sign language. Someone translates in sign language.")),
    _o("practical", "medication_times", ("medication_times",),
       N_("Takes medicine at set times"),
       "alarm_clock", N_("You take medicine at set times.")),
    _o("practical", "meals", ("needs_food",),
       N_("Needs to eat at regular times"),
       "fork_and_knife", N_("You need to eat at regular times.")),
    _o("practical", "no_id", ("no_id_document",),
       N_("Has no ID document at hand"),
       "page", N_("You have no passport or identity card with you.")),
    # goal
    _o("goal", "time_to_decide", ("needs_time_to_decide", "goal_undecided"),
       N_("Needs information and time before deciding"),
       "thinking_face", N_("You need information and time before you decide.")),
)
# fmt: on


def observations_for(module_id: str) -> tuple[Observation, ...]:
    """Return the observation choices of one module, in order."""
    return tuple(observation for observation in OBSERVATIONS if observation.module_id == module_id)


_BY_KEY = {(observation.module_id, observation.id): observation for observation in OBSERVATIONS}


def ticked_in(module_id: str, choice_ids: Iterable[str]) -> tuple[Observation, ...]:
    """Return the known observations among ticked ids of one module, in library order."""
    chosen = set(choice_ids)
    return tuple(o for o in observations_for(module_id) if o.id in chosen and (module_id, o.id) in _BY_KEY)
