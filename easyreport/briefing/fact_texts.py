"""How each client answer reads on the officer's sheet: a label per question and a value per answer.

The client's own words ("I read it myself") are written for the client. The officer reads the same
answer as a short fact in the third person ("Reads texts themselves"). One entry per question of the
questionnaire; a test fails when a question or an answer has no officer text, so new content cannot
reach the sheet untranslated. "I don't know" reads as ``NOT_KNOWN``; "I'd rather not say" has no
text on purpose: it never reaches the sheet.

``STATES`` says which of a question's needs its fact says in substance: "Can follow fast speech: No"
states "finds fast speech hard", but not "needs extra time to think", which the app infers from it. A need
that no answer states and no observation shows is printed as "inferred from answers", never as the client's
words. A question missing from ``STATES`` states nothing: its needs all count as inferred.
"""

from __future__ import annotations

from easyreport.translatable import N_

YES = N_("Yes")
NO = N_("No")
SOMETIMES = N_("Sometimes")
NO_PREFERENCE = N_("No preference")

# Translators: on the officer's sheet, an answer the client did not know.
NOT_KNOWN = N_("Not known")

# Translators: label of the counsellor's own observations on the officer's sheet.
OBSERVED = N_("The counsellor noticed")

# The source of each point on the sheet, printed once per group of points (sheet.FactSource).
# Translators: on the officer's sheet, before the client's own answers.
SOURCE_CLIENT = N_("The client says")
# Translators: on the officer's sheet, before what the counsellor observed.
SOURCE_COUNSELLOR = N_("The counsellor saw")
# Translators: on the officer's sheet, before needs the app derived from answers the client gave.
SOURCE_INFERRED = N_("Inferred from answers")
# Translators: on the officer's sheet, before facts recorded for the file, such as the age band.
SOURCE_RECORD = N_("Recorded")

# Translators: label of the client's age band on the officer's sheet.
AGE = N_("Age")

AGE_BANDS: dict[str, str] = {
    "12-15": N_("12 to 15 years"),
    "16-17": N_("16 or 17 years"),
    "18-22": N_("18 to 22 years"),
    "23-29": N_("23 to 29 years"),
    "30-plus": N_("30 years or older"),
}

_YES_SOMETIMES_NO = {"yes": YES, "sometimes": SOMETIMES, "no": NO}
_YES_NO = {"yes": YES, "no": NO}

# question id -> (label, {option id -> value}); the fixed answers are handled by facts.py.
FACT_TEXTS: dict[str, tuple[str, dict[str, str]]] = {
    # communication
    "reading": (
        N_("Reading texts"),
        {
            "myself": N_("Reads texts themselves"),
            "read_out": N_("Wants texts read out"),
            "both": N_("Reads texts and also likes them read out"),
        },
    ),
    "fast_talk": (N_("Can follow fast speech"), _YES_SOMETIMES_NO),
    "long_sentences": (N_("Finds long sentences hard"), _YES_SOMETIMES_NO),
    "say_not_understood": (
        N_("Says so when they do not understand"),
        {"yes": YES, "sometimes": SOMETIMES, "no_hard": N_("No, finds that hard")},
    ),
    "yes_when_unsure": (N_("Says yes when unsure"), _YES_SOMETIMES_NO),
    "days_and_times": (N_("Finds days and times hard"), _YES_SOMETIMES_NO),
    "numbers": (N_("Finds numbers and ‘how often’ hard"), _YES_SOMETIMES_NO),
    "attention": (
        N_("Can pay attention for"),
        {
            # A song lasts 3 to 4 minutes (domain.md §8), an episode about half an hour, a film about two hours.
            "song": N_("About as long as one song (3 to 4 minutes)"),
            "episode": N_("About one episode of a series (about half an hour)"),
            "film": N_("About as long as a film (1.5 to 2 hours)"),
        },
    ),
    # stress
    "stress_signs": (
        N_("Signs of stress"),
        {
            "quiet": N_("Goes quiet"),
            "freeze": N_("Freezes: cannot move or talk"),
            "laugh": N_("Laughs or makes jokes"),
            "angry": N_("Gets angry"),
            "cry": N_("Cries"),
            "leave": N_("Wants to leave"),
        },
    ),
    "what_helps": (
        N_("What helps under stress"),
        {
            "water": N_("A glass of water"),
            "walk": N_("A short walk"),
            "breathing": N_("Breathing slowly"),
            "hold": N_("Something to hold"),
            "music": N_("Music"),
            "other_subject": N_("Talking about something else"),
        },
    ),
    # conversation
    "officer_woman_or_man": (
        N_("Preferred officer"),
        {"woman": N_("A woman"), "man": N_("A man"), "either": NO_PREFERENCE},
    ),
    "officer_clothes": (
        N_("Officer's clothes"),
        {"normal_clothes": N_("Plain clothes"), "uniform": N_("A uniform is fine"), "either": NO_PREFERENCE},
    ),
    "door_open": (
        N_("Door during the talk"),
        {"open": N_("Open"), "closed": N_("Closed"), "either": NO_PREFERENCE},
    ),
    "breaks": (
        N_("Breaks"),
        {"often": N_("Often"), "sometimes": N_("Now and then"), "when_i_ask": N_("Only when they ask")},
    ),
    "break_signal": (
        N_("Asks for a break by"),
        {"say": N_("Saying it"), "card": N_("Showing a card"), "hand": N_("Raising a hand")},
    ),
    "best_time": (
        N_("Best time of day"),
        {
            "morning": N_("In the morning"),
            "afternoon": N_("In the afternoon"),
            "evening": N_("In the evening"),
        },
    ),
    # support
    "who_with_you": (
        N_("Wants with them at the police"),
        {
            "support_worker": N_("The counsellor"),
            "someone_else": N_("Someone else"),
            "nobody": N_("Nobody"),
        },
    ),
    "after_the_talk": (
        N_("After the talk, sees or calls"),
        {
            "support_worker": N_("The counsellor"),
            "family_or_friend": N_("Family or a friend"),
            "nobody": N_("Nobody"),
        },
    ),
    # safety
    "afraid_to_be_seen": (
        N_("Afraid of being seen going to the police"),
        {"yes": YES, "a_little": N_("A little"), "no": NO},
    ),
    "phone_looked_at": (
        N_("Someone else may look at their phone"),
        {"yes": YES, "maybe": N_("Maybe"), "no": NO},
    ),
    "safe_at_home": (
        N_("Feels safe where they live"),
        {"yes": YES, "sometimes_not": N_("Sometimes not"), "no": NO},
    ),
    # practical
    "medicine_tired": (N_("Takes medicine that makes them tired"), _YES_NO),
    # goal
    "know_what_you_want": (
        N_("Knows what they want from the police"),
        {"i_know": YES, "not_yet": N_("Not yet: wants time to think")},
    ),
    "what_first": (
        N_("Wants to do first"),
        {
            "information_talk": N_("An information talk (informatief gesprek)"),
            "report": N_("A report (melding)"),
            "official_report": N_("A formal complaint (aangifte)"),
        },
    ),
}


_STRESS_SIGN_NEEDS = frozenset(
    {"stress_goes_quiet", "freezes", "stress_laughs", "stress_angry", "stress_cries", "stress_wants_to_leave"}
)

# question id -> the needs its fact states in substance (checked against domain.md §2; the rest is inferred).
STATES: dict[str, frozenset[str]] = {
    # "Wants texts read out" does not say "reads with difficulty": reads_poorly is inferred.
    "reading": frozenset(),
    # "No" states that fast speech is hard; extra thinking time is inferred.
    "fast_talk": frozenset({"fast_speech_hard"}),
    # Long sentences are hard: short sentences help; "one question at a time" is inferred.
    "long_sentences": frozenset({"short_sentences"}),
    "say_not_understood": frozenset({"masks_not_understanding"}),
    "yes_when_unsure": frozenset({"acquiescence"}),
    "days_and_times": frozenset({"time_difficulty"}),
    "numbers": frozenset({"numbers_difficulty"}),
    # Drawing or pointing: the preferred way is stated, "helped by pictures" is inferred.
    "how_to_tell": frozenset({"prefers_drawing", "prefers_writing", "prefers_pointing"}),
    "attention": frozenset({"attention_short", "attention_medium"}),
    "stress_signs": _STRESS_SIGN_NEEDS,
    "what_helps": frozenset(
        {"helps_water", "helps_walk", "helps_breathing", "helps_object", "helps_music", "helps_other_topic"}
    ),
    # The questions of content version 2 (fact_texts_needs): each answer names its need, except how the client
    # expects to feel afterwards, from which the risk is inferred.
    "hearing_and_seeing": frozenset(
        {"hearing_aid", "hearing_difficulty", "vision_glasses", "vision_difficulty"}
    ),
    "day_plan": frozenset({"visual_schedule", "schedule_told"}),
    "trust_police": frozenset({"low_trust_police"}),
    "still_in_contact": frozenset({"contact_with_involved"}),
    "during_the_talk": frozenset({"needs_food", "needs_drink", "toilet_often", "medication_times"}),
    "what_makes_it_worse": frozenset(
        {
            "trigger_loud_voices",
            "trigger_touch",
            "trigger_small_room",
            "trigger_closed_door",
            "trigger_waiting",
        }
    ),
    "same_question_again": frozenset({"repetition_feels_disbelief"}),
    "know_each_step": frozenset({"needs_control"}),
    "officer_woman_or_man": frozenset({"officer_woman", "officer_man"}),
    "officer_clothes": frozenset({"plain_clothes"}),
    "see_room_first": frozenset({"room_visit_first"}),
    "officer_photo_first": frozenset({"officer_photo_first"}),
    "same_officer": frozenset({"same_officer"}),
    "door_open": frozenset({"door_open", "door_closed"}),
    "breaks": frozenset({"breaks_often", "breaks_sometimes", "breaks_on_request"}),
    "break_signal": frozenset({"break_signal_say", "break_signal_card", "break_signal_hand"}),
    "camera": frozenset({"recording_explain_first"}),
    "best_time": frozenset({"best_time_morning", "best_time_afternoon", "best_time_evening"}),
    "who_with_you": frozenset({"trusted_person_counsellor", "trusted_person_other"}),
    "after_the_talk": frozenset({"aftercare_counsellor", "aftercare_family", "aftercare_none"}),
    "afraid_to_be_seen": frozenset({"fear_being_seen"}),
    # Someone may look at the phone: that the phone is no safe way to make contact is inferred.
    "phone_looked_at": frozenset(),
    "safe_at_home": frozenset({"unsafe_at_home"}),
    "medicine_tired": frozenset({"medication_tired"}),
    "getting_there": frozenset({"transport_counsellor", "transport_self"}),
    "someone_to_translate": frozenset({"interpreter"}),
    "know_what_you_want": frozenset({"goal_undecided", "needs_time_to_decide"}),
    "what_first": frozenset({"goal_information", "goal_report", "goal_aangifte"}),
}
