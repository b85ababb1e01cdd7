"""The recommendation rules as data, for review by a domain expert (print them with rules_table).

Each rule implements one of the 36 need -> recommendation pairs of domain.md §3 (``pair``), or one
of the extra rules: safe contact (R37, R38), travel (R39) and a closed door (R40). ``arrange`` puts a rule in
"arrange before the interview" on page one, ``warning`` in the safety warning; ``supersedes`` and ``conflicts``
keep contradicting advice off one sheet (rule_model.py). Ids stay while a rule's meaning stays; a rule whose
meaning changed got a new id (R11). The rules for a person who may
also be heard as a suspect (S01-S05) are ``SUSPECT_RULES``: they apply only when the client consented to the
suspect card, never because of a need, and two of them are pinned in the top three (``SUSPECT_PINNED``).
Texts are the product's own, imperative words for the officer.

Priorities order the "read this first" box: 1 = the most important thing for this need (evidence,
safety or a legal safeguard is at risk without it), 2 = the companion rule of the same need, or
essential, 3 = important, 4 = helpful, 5 = good practice for everyone (the ``always`` rules).
Sources marked [M] were not checked against the source text (see domain.md, confidence marks).
"""

from __future__ import annotations

from easyreport.briefing.rule_builders import do, dont
from easyreport.briefing.rule_model import ALWAYS, Rule, any_of
from easyreport.briefing.rules_data_needs import NEEDS_RULES
from easyreport.briefing.rules_data_practice import PRACTICE_RULES
from easyreport.translatable import N_

_COMMUNICATION = "communication"
_STRESS = "stress"
_CONVERSATION = "conversation"
_SUPPORT = "support"
_SAFETY = "safety"
_PRACTICAL = "practical"
_GOAL = "goal"

_STRESS_SIGNS = (
    "stress_goes_quiet",
    "stress_laughs",
    "stress_angry",
    "stress_cries",
    "stress_wants_to_leave",
    "stress_says_yes",
    "freezes",
)

_SUSPECT_SOURCE = "EU Directive 2011/36/EU art. 8; Aanwijzing mensenhandel 2022A002 [M]"
_LAWYER_SOURCE = "Sv art. 28c–28e (rechtsbijstand politieverhoor) [M]"

RULES: tuple[Rule, ...] = (
    # --- Communication and understanding -------------------------------------------------------
    do(
        "R01_short_sentences",
        any_of("short_sentences"),
        N_("Use short sentences and everyday words, without talking down. Keep to one topic at a time."),
        priority=3,
        section=_COMMUNICATION,
        source="5dok begrijpelijke communicatie; GGD Amsterdam; Information for all",
        pair=1,
    ),
    do(
        "R02_one_question_per_sentence",
        any_of("one_question_at_a_time"),
        N_("Ask one question per sentence. Wait for the answer before you ask the next question."),
        priority=3,
        section=_COMMUNICATION,
        source="GGD Amsterdam; 5dok",
        pair=2,
    ),
    do(
        "R03_allow_silence",
        any_of("slow_processing"),
        N_("Wait at least a few seconds after each question. Let the silence last."),
        priority=3,
        section=_COMMUNICATION,
        source="Expertisepunt VB; 5dok “bouw stiltes in”; CAC accessibility",
        pair=3,
    ),
    dont(
        "R03_dont_fill_silence",
        any_of("slow_processing"),
        N_("Don't fill a silence, and don't rephrase the question straight away."),
        priority=4,
        section=_COMMUNICATION,
        source="Expertisepunt VB; 5dok; CAC accessibility",
        pair=3,
    ),
    do(
        "R03_speak_slowly",
        any_of("fast_speech_hard"),
        N_("Speak slowly and pause between sentences."),
        priority=3,
        section=_COMMUNICATION,
        source="5dok begrijpelijke communicatie; Information for all",
        pair=3,
    ),
    do(
        "R04_ground_rules",
        ALWAYS,
        N_(
            "Start with three ground rules: ‘Say when you don't understand’, "
            "‘I don't know is a good answer’ and ‘Correct me if I'm wrong’."
        ),
        priority=5,
        section=_COMMUNICATION,
        source="NICHD ground rules; TAG intermediary toolkit 1.5",
        pair=4,
    ),
    dont(
        "R04_dont_trust_nodding",
        any_of("masks_not_understanding"),
        N_("Don't take nodding or a quick ‘yes’ as a sign that the person understands you."),
        priority=1,
        section=_COMMUNICATION,
        source="Kranendonk 2025 (meegaand); TAG intermediary toolkit 1.5",
        pair=4,
    ),
    do(
        "R05_teach_back",
        ALWAYS,
        N_(
            "Check understanding with teach-back: "
            "ask the person to say in their own words what you just said."
        ),
        priority=5,
        section=_COMMUNICATION,
        source="GGD Amsterdam; Beaufin; teach-back method",
        pair=5,
    ),
    dont(
        "R05_dont_ask_if_understood",
        ALWAYS,
        N_("Don't ask ‘Do you understand?’, because the answer will almost always be ‘yes’."),
        priority=5,
        section=_COMMUNICATION,
        source="GGD Amsterdam; Beaufin",
        pair=5,
    ),
    do(
        "R06_open_prompts",
        any_of("acquiescence", "stress_says_yes"),
        N_("Use open prompts such as ‘Tell me about …’. Follow every closed answer with an open prompt."),
        priority=1,
        section=_COMMUNICATION,
        source="Finlay & Lyons 2002; Sigelman; NICHD pairing",
        pair=6,
    ),
    dont(
        "R06_dont_rely_on_yes_no",
        any_of("acquiescence", "stress_says_yes"),
        N_("Don't rely on yes/no questions for key points."),
        priority=2,
        section=_COMMUNICATION,
        source="Finlay & Lyons 2002; Sigelman",
        pair=6,
    ),
    dont(
        "R07_dont_ask_either_or",
        any_of("picks_last_option"),
        N_("Don't ask ‘this or that?’ questions, because the person tends to pick the last option."),
        priority=3,
        section=_COMMUNICATION,
        source="Milne, Clare & Bull 2002; Sigelman (via Cardone)",
        pair=7,
    ),
    do(
        "R07_add_something_else",
        any_of("picks_last_option"),
        N_("Add ‘or something else?’ when you must offer options, and accept ‘I don't know’."),
        priority=3,
        section=_COMMUNICATION,
        source="Milne, Clare & Bull 2002",
        pair=7,
    ),
    dont(
        "R08_dont_lead",
        any_of("suggestible"),
        N_("Don't ask leading questions or questions that end in ‘…, right?’."),
        priority=1,
        section=_COMMUNICATION,
        source="Milne et al. 2002; TAG statement on exploiting limitations",
        pair=8,
    ),
    dont(
        "R08_dont_add_information",
        any_of("suggestible"),
        N_("Don't mention anything the person has not said themselves."),
        priority=2,
        section=_COMMUNICATION,
        source="Milne et al. 2002; TAG",
        pair=8,
    ),
    do(
        "R09_ask_positively",
        any_of("negations_confuse"),
        N_("Ask every question in a positive form."),
        priority=3,
        section=_COMMUNICATION,
        source="Expertisepunt VB; Law Gazette example (TAG launch)",
        pair=9,
    ),
    dont(
        "R09_dont_use_negatives",
        any_of("negations_confuse"),
        N_("Don't use double negatives, such as ‘You weren't there, were you?’."),
        priority=3,
        section=_COMMUNICATION,
        source="Expertisepunt VB; Law Gazette example (TAG launch)",
        pair=9,
    ),
    dont(
        "R10_dont_use_idioms",
        any_of("literal_language"),
        N_("Don't use sayings, metaphors, irony or sarcasm."),
        priority=3,
        section=_COMMUNICATION,
        source="GGD Amsterdam (MEE); frontline-ireland",
        pair=10,
    ),
    do(
        "R10_concrete_words",
        any_of("literal_language"),
        N_("Use concrete words that mean exactly what they say."),
        priority=4,
        section=_COMMUNICATION,
        source="GGD Amsterdam (MEE); frontline-ireland",
        pair=10,
    ),
    # R11: the order of events may be asked (an aangifte needs it); exact dates and clock times may not
    # (domain.md §8). Both rules got new ids when their meaning changed (R11_dont_ask_exact_dates forbade
    # the order of events; R11_use_anchors allowed a time line only if agreed in advance).
    dont(
        "R11_dont_ask_dates_or_clock_times",
        any_of("time_difficulty"),
        N_("Don't ask for exact dates or clock times."),
        priority=2,
        section=_COMMUNICATION,
        source="KaTid MID study; Beaufin; domain.md §8",
        pair=11,
    ),
    do(
        "R11_order_with_before_after",
        any_of("time_difficulty"),
        N_(
            "Ask what came before and what came after, to help with the order of events. "
            "Use a picture time line and the person's own anchors, such as a birthday, a holiday or mealtimes. "
            "Accept ‘about’ as an answer."
        ),
        priority=2,
        section=_COMMUNICATION,
        source="KaTid MID study; Beaufin; cds.coe.hawaii; domain.md §8",
        pair=11,
    ),
    dont(
        "R12_dont_build_on_numbers",
        any_of("numbers_difficulty"),
        N_("Don't build key evidence on ‘how often’ or ‘how many’ questions."),
        priority=3,
        section=_COMMUNICATION,
        source="NICHD; AAIDD conceptual skills",
        pair=12,
    ),
    do(
        "R12_ask_for_examples",
        any_of("numbers_difficulty"),
        N_("Ask for examples instead, such as ‘the first time’ and ‘the last time’."),
        priority=3,
        section=_COMMUNICATION,
        source="NICHD first/most recent incident method",
        pair=12,
    ),
    do(
        "R13_few_options",
        any_of("few_choices"),
        N_("Offer two or three options per question at most."),
        priority=3,
        section=_COMMUNICATION,
        source="GGD Amsterdam; 5dok",
        pair=13,
    ),
    do(
        "R14_read_aloud",
        any_of("reads_poorly"),
        N_(
            "Read every text aloud, such as rights, the statement and forms. "
            "Read in small parts and check each part with teach-back."
        ),
        priority=1,
        section=_COMMUNICATION,
        source="Information for all; Mencap “Am I making myself clear?”",
        pair=14,
    ),
    do(
        "R15_neutral_visual_aids",
        any_of("visual_support"),
        N_(
            "Use only neutral visual aids that were agreed beforehand. "
            "Check that the person understands each one."
        ),
        priority=4,
        section=_COMMUNICATION,
        source="TAG intermediary toolkit Annex A; Cardone 1999; Talking Mats",
        pair=15,
    ),
    do(
        "R15_let_draw",
        any_of("prefers_drawing"),
        N_("Have paper and pencils ready, and let the person draw to answer."),
        priority=4,
        section=_COMMUNICATION,
        source="TAG intermediary toolkit Annex A; Talking Mats",
        pair=15,
    ),
    do(
        "R15_let_point",
        any_of("prefers_pointing"),
        N_("Let the person point to answer. Say aloud for the recording what they point at."),
        priority=4,
        section=_COMMUNICATION,
        source="TAG intermediary toolkit Annex A; Talking Mats",
        pair=15,
    ),
    do(
        "R15_let_write",
        any_of("prefers_writing"),
        N_("Let the person write answers down. Read each written answer aloud for the recording."),
        priority=4,
        section=_COMMUNICATION,
        source="TAG intermediary toolkit Annex A",
        pair=15,
    ),
    do(
        "R16_announce_topic_change",
        any_of("topic_changes"),
        N_("Announce every change of topic, for example: ‘Now I am going to ask about something else’."),
        priority=3,
        section=_COMMUNICATION,
        source="TAG toolkit 2/4 [M]",
        pair=16,
    ),
    do(
        "R17_use_their_words",
        any_of("own_words"),
        N_("Ask what the person means by a word, and then use their word."),
        priority=3,
        section=_COMMUNICATION,
        source="CAC accessibility; NICHD “children's words”",
        pair=17,
    ),
    # --- Breaks, attention and timing ------------------------------------------------------------
    do(
        "R18_breaks_every_15_minutes",
        any_of("attention_short"),
        N_("Plan short sessions, with a break at least every 15 minutes."),
        priority=1,
        section=_CONVERSATION,
        source="OVC TTAC; GRH duration ground rules; PIPPA",
        pair=18,
        arrange="session",
        supersedes=("R18_breaks_every_30_minutes", "R18_plan_some_breaks", "R18_break_when_asked"),
    ),
    do(
        "R18_short_question_blocks",
        any_of("attention_short"),
        N_(
            "Keep each block of questions to a few minutes, about as long as one song. "
            "Check between blocks that the person can still follow."
        ),
        priority=2,
        section=_COMMUNICATION,
        source="OVC TTAC; GRH duration ground rules; domain.md §2.3 (attention with concrete anchors)",
        pair=18,
    ),
    do(
        "R18_breaks_every_30_minutes",
        any_of("attention_medium"),
        N_("Plan a break at least every 30 minutes."),
        priority=3,
        section=_CONVERSATION,
        source="OVC TTAC; GRH duration ground rules; PIPPA",
        pair=18,
        arrange="session",
        supersedes=("R18_plan_some_breaks", "R18_break_when_asked"),
    ),
    do(
        "R18_offer_breaks_often",
        any_of("breaks_often"),
        N_("Offer a break often, also when the person does not ask for one."),
        priority=3,
        section=_CONVERSATION,
        source="OVC TTAC; PIPPA",
        pair=18,
        arrange="session",
        supersedes=("R18_plan_some_breaks", "R18_break_when_asked"),
    ),
    do(
        "R18_plan_some_breaks",
        any_of("breaks_sometimes"),
        N_("Plan one or two breaks in advance, and tell the person when they will be."),
        priority=4,
        section=_CONVERSATION,
        source="OVC TTAC; PIPPA",
        pair=18,
        arrange="session",
    ),
    do(
        "R18_break_when_asked",
        any_of("breaks_on_request"),
        N_("Take a break as soon as the person asks for one. Don't ask why."),
        priority=3,
        section=_CONVERSATION,
        source="OVC TTAC (control over breaks)",
        pair=18,
        arrange="session",
    ),
    do(
        "R18_agree_break_signal",
        any_of("break_signal_say", "break_signal_card", "break_signal_hand"),
        N_("Agree the break signal at the start, and respond to it straight away."),
        priority=3,
        section=_CONVERSATION,
        source="OVC TTAC; PIPPA",
        pair=18,
        arrange="session",
    ),
    do(
        "R19_plan_in_morning",
        any_of("best_time_morning"),
        N_("Plan the conversation in the morning."),
        priority=4,
        section=_CONVERSATION,
        source="College of Policing (physical needs); ABE “time and place”",
        pair=19,
        arrange="session",
        conflicts=("R19_plan_in_afternoon", "R19_plan_in_evening"),
    ),
    do(
        "R19_plan_in_afternoon",
        any_of("best_time_afternoon"),
        N_("Plan the conversation in the afternoon."),
        priority=4,
        section=_CONVERSATION,
        source="College of Policing (physical needs); ABE “time and place”",
        pair=19,
        arrange="session",
        conflicts=("R19_plan_in_evening",),
    ),
    do(
        "R19_plan_in_evening",
        any_of("best_time_evening"),
        N_("Plan the conversation in the evening, or ask the counsellor for the next best time."),
        priority=4,
        section=_CONVERSATION,
        source="College of Policing (physical needs); ABE “time and place”",
        pair=19,
        arrange="session",
    ),
    do(
        "R19_plan_around_medication",
        any_of("medication_tired"),
        N_("Ask the counsellor when the medication makes the person tired, and plan outside those hours."),
        priority=3,
        section=_PRACTICAL,
        source="College of Policing (physical needs); ABE “time and place”",
        pair=19,
        arrange="session",
    ),
    # --- Stress and what helps ------------------------------------------------------------------
    do(
        "R20_explain_repeated_question",
        any_of("repetition_feels_disbelief"),
        N_(
            "Explain why when you repeat a question: "
            "‘I ask again to write it down well, not because you said something wrong’."
        ),
        priority=1,
        section=_STRESS,
        source="NRC 13-02-2023 (Koraal case)",
        pair=20,
        # Says what N08 says ("not because you said something wrong"), and why the question comes again.
        supersedes=("N08_first_answer_not_wrong",),
    ),
    dont(
        "R21_dont_judge_demeanour",
        any_of("stress_laughs", "stress_goes_quiet", "stress_angry", "freezes"),
        N_("Don't judge credibility by how the person behaves under stress."),
        priority=2,
        section=_STRESS,
        source="NRC 2023; frontline-ireland; yudu trauma (atypical emotion)",
        pair=21,
    ),
    do(
        "R21_laughter_means_stress",
        any_of("stress_laughs"),
        N_("Treat laughing or joking as a sign of stress, and offer a break."),
        priority=1,
        section=_STRESS,
        source="NRC 2023 (Koraal case)",
        pair=21,
    ),
    do(
        "R21_watch_stress_signs",
        any_of(*_STRESS_SIGNS),
        N_("Watch for the stress signs on this sheet, and offer a break when you see one."),
        priority=3,
        section=_STRESS,
        source="Window of tolerance (Delphi); OVC TTAC",
        pair=21,
    ),
    do(
        "R21_silence_may_be_stress",
        any_of("stress_goes_quiet"),
        N_("Treat sudden silence as a possible sign of stress, not as unwillingness."),
        priority=3,
        section=_STRESS,
        source="yudu trauma (atypical emotion); frontline-ireland",
        pair=21,
    ),
    do(
        "R21_stay_calm_with_anger",
        any_of("stress_angry"),
        N_("Stay calm and speak softly when the person gets angry, and offer a break."),
        priority=3,
        section=_STRESS,
        source="OVC TTAC; yudu trauma",
        pair=21,
    ),
    do(
        "R21_give_time_when_crying",
        any_of("stress_cries"),
        N_("Give the person time when they cry, and offer a break and a tissue."),
        priority=4,
        section=_STRESS,
        source="OVC TTAC; yudu trauma",
        pair=21,
    ),
    do(
        "R21_let_leave_room",
        any_of("stress_wants_to_leave"),
        N_("Let the person leave the room for a break when they want to. Tell them they are welcome back."),
        priority=3,
        section=_STRESS,
        source="OVC TTAC (control); WHO principle 6",
        pair=21,
    ),
    do(
        "R21_yes_to_everything_is_stress",
        any_of("stress_says_yes"),
        N_("Treat a row of ‘yes’ answers as a sign of stress. Pause, then check with an open question."),
        priority=1,
        section=_STRESS,
        source="Finlay & Lyons 2002; NRC 2023",
        pair=21,
    ),
    do(
        "R22_calm_voice",
        any_of("trigger_loud_voices"),
        N_("Keep your voice calm. Don't raise your voice, and ask colleagues nearby to do the same."),
        priority=3,
        section=_STRESS,
        source="yudu “be alert for triggers”",
        pair=22,
    ),
    dont(
        "R22_dont_touch",
        any_of("trigger_touch"),
        N_("Don't touch the person, not even to comfort them or show the way."),
        priority=1,
        section=_STRESS,
        source="OVC TTAC “refrain from physical contact”",
        pair=22,
    ),
    do(
        "R22_spacious_room",
        any_of("trigger_small_room"),
        N_("Use a spacious room, and leave room between the chairs."),
        priority=3,
        section=_CONVERSATION,
        source="yudu “be alert for triggers”; TAG toolkit 5 (adjust environment)",
        pair=22,
        arrange="room",
    ),
    do(
        "R22_door_open",
        any_of("trigger_closed_door", "door_open"),
        N_("Leave the door open, or let the person sit closest to the door."),
        priority=3,
        section=_CONVERSATION,
        source="yudu “be alert for triggers”; TAG toolkit 5 (adjust environment)",
        pair=22,
        arrange="room",
        conflicts=("R40_keep_door_closed",),
    ),
    do(
        "R40_keep_door_closed",
        any_of("door_closed"),
        N_("Keep the door closed during the conversation, and tell the person who may come in."),
        priority=4,
        section=_CONVERSATION,
        source="TAG toolkit 5 (adjust environment)",
        pair=None,
        arrange="room",
    ),
    do(
        "R22_short_waiting",
        any_of("trigger_waiting"),
        N_("Start on time and keep waiting short. Say how long any wait will take."),
        priority=3,
        section=_CONVERSATION,
        source="yudu “be alert for triggers”",
        pair=22,
        arrange="session",
    ),
    do(
        "R23_pause_when_frozen",
        any_of("freezes"),
        N_(
            "Pause when the person stares or stops reacting. "
            "Offer the help they chose on this sheet, and continue later."
        ),
        priority=1,
        section=_STRESS,
        source="Window of tolerance (Delphi); grounding as invitation (joomag)",
        pair=23,
    ),
    dont(
        "R23_dont_push",
        any_of("freezes"),
        N_("Don't push for an answer when the person freezes."),
        priority=2,
        section=_STRESS,
        source="Window of tolerance (Delphi)",
        pair=23,
    ),
    do(
        "R23_offer_water",
        any_of("helps_water"),
        N_("Have water ready, and offer it when the person is stressed."),
        priority=4,
        section=_STRESS,
        source="grounding as invitation (joomag)",
        pair=23,
    ),
    do(
        "R23_offer_walk",
        any_of("helps_walk"),
        N_("Offer a short walk when the person is stressed."),
        priority=4,
        section=_STRESS,
        source="grounding as invitation (joomag)",
        pair=23,
    ),
    do(
        "R23_offer_breathing",
        any_of("helps_breathing"),
        N_("Offer a moment of calm breathing when the person is stressed."),
        priority=4,
        section=_STRESS,
        source="Window of tolerance (Delphi); grounding as invitation (joomag)",
        pair=23,
    ),
    do(
        "R23_allow_object",
        any_of("helps_object"),
        N_("Let the person hold an object of their own during the conversation."),
        priority=4,
        section=_STRESS,
        source="grounding as invitation (joomag)",
        pair=23,
    ),
    do(
        "R23_allow_music",
        any_of("helps_music"),
        N_("Allow a break in which the person can listen to music."),
        priority=4,
        section=_STRESS,
        source="grounding as invitation (joomag)",
        pair=23,
    ),
    do(
        "R23_talk_about_hobby",
        any_of("helps_other_topic"),
        N_("Talk about a neutral subject, such as a hobby, for a moment when the person is stressed."),
        priority=4,
        section=_STRESS,
        source="grounding as invitation (joomag)",
        pair=23,
    ),
    do(
        "R24_explain_each_step",
        any_of("needs_control"),
        N_("Explain each step before you take it. Offer choices, such as where to sit, water and breaks."),
        priority=3,
        section=_STRESS,
        source="OVC TTAC; WHO principle 6",
        pair=24,
    ),
    do(
        "R24_say_they_may_stop",
        any_of("needs_control"),
        N_("Tell the person that they may pause or stop at any moment."),
        priority=3,
        section=_STRESS,
        source="OVC TTAC; WHO principle 6",
        pair=24,
    ),
    # --- The conversation ------------------------------------------------------------------------
    do(
        "R25_female_officer",
        any_of("officer_woman"),
        N_("Arrange a female interviewer."),
        priority=3,
        section=_CONVERSATION,
        source="EU 2012/29 art. 23(2)(d) [M]; Aanwijzing mensenhandel",
        pair=25,
        arrange="interviewer",
        conflicts=("R25_male_officer",),
    ),
    do(
        "R25_male_officer",
        any_of("officer_man"),
        N_("Arrange a male interviewer."),
        priority=3,
        section=_CONVERSATION,
        source="EU 2012/29 art. 23(2)(d) [M]; Aanwijzing mensenhandel",
        pair=25,
        arrange="interviewer",
    ),
    do(
        "R26_plain_clothes",
        any_of("plain_clothes"),
        N_("Wear plain clothes, and keep weapons and badges out of sight."),
        priority=3,
        section=_CONVERSATION,
        source="Investigator list (sciemce); Amsterdam “politie in burger”",
        pair=26,
        arrange="interviewer",
    ),
    do(
        "R27_room_visit",
        any_of("room_visit_first"),
        N_("Offer a visit to the room beforehand. Use a quiet, adapted room or studio."),
        priority=4,
        section=_CONVERSATION,
        source="TAG toolkit 5 (pre-visit); rechtblog 2014; Aanwijzing mensenhandel",
        pair=27,
        arrange="room",
    ),
    do(
        "R28_send_photo",
        any_of("officer_photo_first"),
        N_("Send a photo of the interviewer to the counsellor before the conversation."),
        priority=4,
        section=_CONVERSATION,
        source="seksueelmisdrijf.nl; TAG toolkit 5 (pre-visit)",
        pair=28,
        arrange="interviewer",
    ),
    do(
        "R28_same_officer",
        any_of("same_officer"),
        N_("Let the same officer do the information talk and the formal complaint."),
        priority=3,
        section=_CONVERSATION,
        source="seksueelmisdrijf.nl; Aanwijzing mensenhandel; EU 2012/29 art. 23(2)(c) [M]",
        pair=28,
        arrange="interviewer",
    ),
    do(
        "R28_introduce_everyone",
        ALWAYS,
        N_("Keep as few people in the room as possible. Introduce each of them and their role."),
        priority=5,
        section=_CONVERSATION,
        source="seksueelmisdrijf.nl; Aanwijzing mensenhandel",
        pair=28,
    ),
    do(
        "R29_minimise_interviews",
        ALWAYS,
        N_(
            "Keep the number of interviews to a minimum. "
            "Record on video or audio, so the person need not repeat it."
        ),
        priority=5,
        section=_CONVERSATION,
        source="PIPPA/ABE 2.4–2.7; Instructie AV-registratie 2021I101",
        pair=29,
    ),
    dont(
        "R29_dont_make_retell",
        ALWAYS,
        N_("Don't ask the person to tell what happened to several people."),
        priority=5,
        section=_CONVERSATION,
        source="PIPPA/ABE 2.4–2.7; investigator list",
        pair=29,
    ),
    do(
        "R32_explain_recording",
        any_of("recording_explain_first"),
        N_("Explain the camera and microphone before you start: why you record and who can watch."),
        priority=3,
        section=_CONVERSATION,
        source="seksueelmisdrijf.nl",
        pair=32,
    ),
    # --- Support ---------------------------------------------------------------------------------
    do(
        "R30_allow_trusted_person",
        any_of("trusted_person_counsellor", "trusted_person_other"),
        N_(
            "Allow the trusted person at the introduction and the general part. "
            "Check first that they are not a witness."
        ),
        priority=3,
        section=_SUPPORT,
        source="zedenadvocaat.nl (Aanwijzing zeden); online-procedures",
        pair=30,
        arrange="support",
    ),
    dont(
        "R30_trusted_person_stays_neutral",
        any_of("trusted_person_counsellor", "trusted_person_other"),
        N_("Don't let the trusted person answer, prompt or react during the conversation."),
        priority=3,
        section=_SUPPORT,
        source="zedenadvocaat.nl (Aanwijzing zeden); online-procedures",
        pair=30,
    ),
    do(
        "R30_prosecutor_for_substantive_part",
        any_of("trusted_person_counsellor", "trusted_person_other"),
        N_(
            "Ask the public prosecutor for permission first "
            "if the trusted person is to stay for the part about what happened."
        ),
        priority=4,
        section=_SUPPORT,
        source="zedenadvocaat.nl (Aanwijzing seksuele misdrijven 2024A005) [M]",
        pair=30,
        arrange="support",
    ),
    do(
        "R35_aftercare_before_leaving",
        any_of("aftercare_none"),
        N_("Arrange aftercare before the person leaves, because nobody will be with them afterwards."),
        priority=1,
        section=_SUPPORT,
        source="Besluit slachtoffers art. 2(4); Slachtofferhulp referral page",
        pair=35,
        arrange="aftercare",
    ),
    do(
        "R35_agree_pick_up",
        any_of("aftercare_counsellor", "aftercare_family", "transport_counsellor"),
        N_(
            "Agree with the counsellor when the conversation ends, "
            "who picks the person up and when the next contact is."
        ),
        priority=4,
        section=_SUPPORT,
        source="Besluit slachtoffers art. 2(4); Slachtofferhulp referral page",
        pair=35,
        arrange="aftercare",
        supersedes=("N17_agree_end_time",),  # agrees the end time and who collects the person, and more
    ),
    do(
        "R39_tell_end_time",
        any_of("transport_self"),
        N_("Tell the person when the conversation will end, so they can plan the journey home."),
        priority=4,
        section=_PRACTICAL,
        source="College of Policing (physical needs)",
        pair=None,
        arrange="aftercare",
    ),
    do(
        "R35_offer_victim_support",
        ALWAYS,
        N_(
            "Offer a referral to Victim Support Netherlands. "
            "Explain that this help does not depend on a formal complaint."
        ),
        priority=5,
        section=_SUPPORT,
        source="Besluit slachtoffers art. 2(4); Slachtofferhulp",
        pair=35,
    ),
    # --- Safety ----------------------------------------------------------------------------------
    do(
        "R34_discuss_protection",
        any_of("fear_being_seen"),
        N_(
            "Discuss protection, such as a separate entrance or waiting room and address shielding. "
            "Explain what a suspect will and will not learn."
        ),
        priority=1,
        section=_SAFETY,
        source="NOS 2018 individuele beoordeling; GGZ handreiking (domicilie)",
        pair=34,
        warning=True,
    ),
    dont(
        "R37_dont_contact_by_phone",
        any_of("phone_not_safe"),
        N_("Don't call, text or message the person. Make contact through the counsellor."),
        priority=1,
        section=_SAFETY,
        source="domain.md §2.2 (safe way to contact); §5.4 device safety [M]",
        pair=None,
        arrange="contact",
    ),
    dont(
        "R38_dont_contact_at_home",
        any_of("unsafe_at_home"),
        N_("Don't send letters to or visit the home address. Make contact through the counsellor."),
        priority=1,
        section=_SAFETY,
        source="domain.md §2.2 (safe way to contact); GGZ handreiking (domicilie)",
        pair=None,
        arrange="contact",
    ),
    # --- Practical -------------------------------------------------------------------------------
    do(
        "R33_professional_interpreter",
        any_of("interpreter"),
        N_("Use a professional, independent interpreter. Ask the interpreter to use simple language."),
        priority=1,
        section=_PRACTICAL,
        source="investigator list; online-procedures; WHO principle 4",
        pair=33,
        arrange="interpreter",
    ),
    dont(
        "R33_dont_use_family_interpreter",
        any_of("interpreter"),
        N_("Don't use family, friends or anyone linked to the exploitation as an interpreter."),
        priority=2,
        section=_PRACTICAL,
        source="investigator list; WHO principle 4",
        pair=33,
        arrange="interpreter",
    ),
    # --- Goal and route --------------------------------------------------------------------------
    do(
        "R31_start_with_information_talk",
        any_of("needs_time_to_decide", "goal_undecided", "goal_information"),
        N_(
            "Start with an information talk. Explain the reflection period, what a formal complaint means, "
            "its consequences and the protection available."
        ),
        priority=1,
        section=_GOAL,
        source="wegwijzermensenhandel; Slachtofferhulp",
        pair=31,
        arrange="interview",
    ),
    dont(
        "R31_dont_ask_decision_same_day",
        any_of("needs_time_to_decide", "goal_undecided"),
        N_("Don't ask for a decision about a formal complaint on the same day."),
        priority=2,
        section=_GOAL,
        source="wegwijzermensenhandel; Slachtofferhulp",
        pair=31,
    ),
    do(
        "R31_explain_duty_to_act",
        any_of("needs_time_to_decide", "goal_undecided", "goal_information"),
        N_(
            "Tell the person beforehand that the police must act on ongoing exploitation, "
            "also without a formal complaint."
        ),
        priority=3,
        section=_GOAL,
        source="bewijs-in-strafzaken.nl (doorlaten); wegwijzermensenhandel (ambtshalve vervolging)",
        pair=31,
    ),
    do(
        "R31_explain_next_steps",
        any_of("goal_report", "goal_aangifte"),
        N_("Explain what happens after the report, and when the person will hear from you."),
        priority=4,
        section=_GOAL,
        source="wegwijzermensenhandel; Slachtofferhulp",
        pair=31,
    ),
    do(
        "R36_explain_sharing",
        any_of("limited_overview"),
        N_("Explain in easy words what you write down, who will see it and why. Check this with teach-back."),
        priority=1,
        section=_GOAL,
        source="socialestabiliteit (gerichte toestemming); NVO; kennisplein",
        pair=36,
    ),
    do(
        "R36_share_only_what_is_needed",
        any_of("limited_overview"),
        N_("Share only what is needed with others, and record what you shared, when and with whom."),
        priority=3,
        section=_GOAL,
        source="socialestabiliteit; NVO; kennisplein",
        pair=36,
    ),
    *NEEDS_RULES,  # content version 2 (issue 12): rules_data_needs.py
)
RULES = (*RULES, *PRACTICE_RULES)  # Dutch police practice, P01-P05 (rules_data_practice.py)

# --- May also be heard as a suspect ---------------------------------------------------------------
# Evaluated only when the suspect block is on the sheet (the client consented to that card). "Always" here
# means: always with that block. The non-punishment principle is weighed by the public prosecutor, not by
# the interviewer, so S02 asks the police to pass the signal on (domain.md §8).
SUSPECT_RULES: tuple[Rule, ...] = (
    do(
        "S01_lawyer_present",
        ALWAYS,
        N_(
            "Make sure a lawyer is present: the person has the right to a lawyer before and during the interview."
        ),
        priority=1,
        section=_GOAL,
        source=_LAWYER_SOURCE,
        pair=None,
        arrange="lawyer",
    ),
    do(
        "S02_non_punishment",
        ALWAYS,
        N_(
            "Pass on to the public prosecutor that the person may have been forced into offences "
            "by exploitation: the prosecutor weighs the non-punishment principle."
        ),
        priority=1,
        section=_GOAL,
        source=_SUSPECT_SOURCE,
        pair=None,
        warning=True,
    ),
    do(
        "S03_say_which_role",
        ALWAYS,
        N_(
            "Say in which role you hear the person (victim, witness or suspect), "
            "and say it again before each part."
        ),
        priority=2,
        section=_GOAL,
        source="Sv art. 29 (cautie) [M]; TAG statement on exploiting limitations",
        pair=None,
    ),
    do(
        "S04_caution_in_easy_words",
        ALWAYS,
        N_(
            "Give the caution in easy words. "
            "Check with teach-back that the person knows they need not answer."
        ),
        priority=2,
        section=_GOAL,
        source="Sv art. 29 (cautie) [M]; Information for all",
        pair=None,
    ),
    dont(
        "S05_dont_accept_yes_as_waiver",
        any_of("acquiescence"),
        N_(
            "Don't accept a ‘yes’ to the caution or to giving up a lawyer "
            "as proof that the person understood."
        ),
        priority=2,
        section=_GOAL,
        source=f"{_LAWYER_SOURCE}; Finlay & Lyons 2002",
        pair=None,
    ),
)

# Always in the top three when the suspect block is on the sheet, whatever else is chosen (domain.md §8).
# Advice the suspect block's own fixed lines already print (suspect.LINES): placed with the block, not repeated.
SUSPECT_BLOCK_SAYS: frozenset[str] = frozenset({"S02_non_punishment"})

# The lawyer (S01) is no questioning advice: it is printed under "arrange before the interview" on page one.
SUSPECT_PINNED: tuple[str, ...] = ("S03_say_which_role", "S04_caution_in_easy_words")
