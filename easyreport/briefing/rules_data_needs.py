"""The needs added in content version 2 (issue 12) and their rules, for review by a domain expert.

Interpreter language, hearing, vision, a plan of the day, contact with the people involved, worry about
papers, a legal representative, food, drink, toilet and medicine times, what happens right after the
interview, trust in the police and an earlier contact with the police. Every need here is functional:
how the person communicates or copes, never what happened or who was involved.

``NEW_NEEDS`` extends the vocabulary in needs.py; ``NEEDS_RULES`` extends rules_data.RULES. Rule ids start
with N so they never collide with the R rules; the same priorities apply (1 = evidence, safety or a legal
safeguard at risk without it ... 5 = good practice). Sources marked [M] were not checked against the source
text (see domain.md, confidence marks).
"""

from __future__ import annotations

from easyreport.briefing.rule_builders import do, dont
from easyreport.briefing.rule_model import Rule, any_of
from easyreport.translatable import N_

_COMMUNICATION = "communication"
_STRESS = "stress"
_CONVERSATION = "conversation"
_SUPPORT = "support"
_SAFETY = "safety"
_PRACTICAL = "practical"

# (need id, section, officer-facing label): the section is the questionnaire module that signals the need.
NEW_NEEDS: tuple[tuple[str, str, str], ...] = (
    ("hearing_aid", _COMMUNICATION, N_("Wears a hearing aid")),
    ("hearing_difficulty", _COMMUNICATION, N_("Finds hearing hard")),
    ("vision_glasses", _COMMUNICATION, N_("Needs their glasses to read")),
    ("vision_difficulty", _COMMUNICATION, N_("Finds seeing hard")),
    ("visual_schedule", _COMMUNICATION, N_("Is helped by a plan of the day with pictures")),
    ("schedule_told", _COMMUNICATION, N_("Wants to be told the plan of the day")),
    ("repetition_feels_wrong", _STRESS, N_("Thinks a repeated question means the first answer was wrong")),
    ("room_photo_first", _CONVERSATION, N_("Wants a photo of the room beforehand")),
    ("meet_officer_first", _CONVERSATION, N_("Wants to say hello to the interviewer before the interview")),
    ("see_camera_first", _CONVERSATION, N_("Wants to see the camera before recording starts")),
    ("low_trust_police", _CONVERSATION, N_("Finds it hard to trust the police")),
    ("bad_police_experience", _CONVERSATION, N_("An earlier contact with the police felt bad")),
    ("first_police_contact", _CONVERSATION, N_("Has never talked with the police")),
    ("collect_counsellor", _SUPPORT, N_("The counsellor collects them after the interview")),
    ("collect_family", _SUPPORT, N_("Family or a friend collects them after the interview")),
    ("goes_home_alone", _SUPPORT, N_("Goes home alone after the interview")),
    ("aftercare_risk_high", _SUPPORT, N_("May feel very bad after the interview")),
    ("aftercare_risk_some", _SUPPORT, N_("May feel a bit bad after the interview")),
    ("guardian_mentor", _SUPPORT, N_("Has a mentor")),
    ("guardian_curator", _SUPPORT, N_("Is under guardianship (curator)")),
    ("guardian_bewindvoerder", _SUPPORT, N_("Has a bewindvoerder (manages money)")),
    ("contact_with_involved", _SAFETY, N_("Is still in contact with the people involved")),
    ("fear_found_out", _SAFETY, N_("Is afraid that the people involved find out about the interview")),
    ("papers_worry", _SAFETY, N_("Is worried about papers or the right to stay")),
    ("needs_food", _PRACTICAL, N_("Needs something to eat during a long interview")),
    ("needs_drink", _PRACTICAL, N_("Needs something to drink during the interview")),
    ("toilet_often", _PRACTICAL, N_("Needs to go to the toilet often")),
    ("medication_times", _PRACTICAL, N_("Takes medicine at set times")),
    ("no_id_document", _PRACTICAL, N_("Has no ID document at hand")),
    ("sign_language", _PRACTICAL, N_("Uses sign language")),
)

_GUARDIAN = ("guardian_mentor", "guardian_curator", "guardian_bewindvoerder")


NEEDS_RULES: tuple[Rule, ...] = (
    # --- hearing and vision -----------------------------------------------------------------------
    do(
        "N01_face_the_person",
        any_of("hearing_aid", "hearing_difficulty"),
        N_("Speak facing the person, in good light. Keep background noise low."),
        priority=2,
        section=_COMMUNICATION,
        source="domain.md §2.3, §8 (hearing); TAG toolkit 5 (adjust the environment) [M]",
    ),
    do(
        "N02_check_hearing_loop",
        any_of("hearing_aid"),
        N_("Ask beforehand whether the room has a hearing loop, and check that the hearing aid works."),
        priority=3,
        section=_COMMUNICATION,
        source="domain.md §8 (hearing aid, loop) [M]",
        arrange="room",
    ),
    do(
        "N03_book_sign_interpreter",
        any_of("sign_language"),
        N_("Arrange a sign language interpreter or a writing interpreter before the interview."),
        priority=1,
        section=_PRACTICAL,
        source="domain.md §8 (sign-language or writing interpreter); WHO ten principles 4 (interpreters)",
        arrange="interpreter",
    ),
    do(
        "N04_describe_what_you_show",
        any_of("vision_difficulty"),
        N_("Read papers aloud, describe what you show, and say who is in the room."),
        priority=2,
        section=_COMMUNICATION,
        source="domain.md §2.3, §8 (vision) [M]",
    ),
    do(
        "N05_glasses_and_large_print",
        any_of("vision_glasses"),
        N_("Ask the person to bring their glasses, and use large print."),
        priority=4,
        section=_COMMUNICATION,
        source="domain.md §2.3 (hearing/vision aids) [M]",
        arrange="contact",
    ),
    # --- the plan of the day ----------------------------------------------------------------------
    do(
        "N06_picture_plan",
        any_of("visual_schedule"),
        N_("Use a plan of the day with pictures: what happens, in which order, and when the breaks are."),
        priority=2,
        section=_COMMUNICATION,
        source="domain.md §2.3 (visual aids known to work), §8 (visual schedule); TAG toolkit 5 [M]",
    ),
    do(
        "N07_tell_the_plan",
        any_of("schedule_told"),
        N_("Tell the plan of the day at the start, and say after each part what comes next."),
        priority=3,
        section=_COMMUNICATION,
        source="TAG toolkit 5 (explain the rules of communication before questioning); domain.md §2.3",
    ),
    # --- a repeated question ------------------------------------------------------------------------
    do(
        "N08_first_answer_not_wrong",
        any_of("repetition_feels_wrong"),
        N_(
            "Say that the first answer was not wrong before you ask a question again, "
            "so that the person does not change a correct answer."
        ),
        priority=1,
        section=_STRESS,
        source="NRC 13-02-2023 (Koraal case); Milne, Clare & Bull 2002 (suggestibility)",
    ),
    # --- before the interview -----------------------------------------------------------------------
    do(
        "N09_send_room_photo",
        any_of("room_photo_first"),
        N_("Send a photo of the interview room to the counsellor before the day."),
        priority=3,
        section=_CONVERSATION,
        source="TAG toolkit 5 (facilitate a pre-trial visit); domain.md §2.5 (visit beforehand) [M]",
        arrange="room",
    ),
    do(
        "N10_short_hello_first",
        any_of("meet_officer_first"),
        N_("Plan a short hello with the interviewer before the interview starts."),
        priority=3,
        section=_CONVERSATION,
        source="TAG toolkit 5 (introduce yourself to establish rapport before questioning)",
        arrange="interviewer",
    ),
    do(
        "N11_show_the_camera",
        any_of("see_camera_first"),
        N_("Let the person see the camera and the microphone before recording starts."),
        priority=3,
        section=_CONVERSATION,
        source="Instructie AV-registratie 2021I101 [M]; domain.md §2.5 (recording explained first)",
    ),
    # --- trust and an earlier contact with the police ------------------------------------------------
    do(
        "N12_build_trust",
        any_of("low_trust_police", "bad_police_experience"),
        N_("Take time to build trust: say who you are, what you will do, and keep to it."),
        priority=2,
        section=_CONVERSATION,
        source="OVC TTAC trauma-informed victim interviewing; TAG toolkit 5 (establish rapport)",
    ),
    dont(
        "N13_dont_ask_earlier_contact",
        any_of("bad_police_experience"),
        N_("Don't ask about the earlier contact with the police, unless the case needs it."),
        priority=3,
        section=_CONVERSATION,
        source="domain.md §8 (trust in the police, earlier experience: needs only) [M]",
    ),
    do(
        "N14_explain_police_role",
        any_of("first_police_contact"),
        N_("Explain at the start what the police do, who you are and what happens today."),
        priority=3,
        section=_CONVERSATION,
        source="TAG toolkit 5 (explain the rules before questioning); WHO ten principles 6",
    ),
    # --- right after the interview -------------------------------------------------------------------
    do(
        "N15_aftercare_before_start",
        any_of("aftercare_risk_high"),
        N_(
            "Agree aftercare with the counsellor before you start, because the person may feel very bad "
            "afterwards. Let the person leave only with someone."
        ),
        priority=1,
        section=_SUPPORT,
        source="domain.md §2.4 (self-harm risk after the conversation), §2.6; WHO ten principles 1",
        arrange="aftercare",
    ),
    do(
        "N16_end_calmly",
        any_of("aftercare_risk_some"),
        N_("Keep the end of the interview calm, with a neutral topic, and tell the counsellor when it ends."),
        priority=4,
        section=_SUPPORT,
        source="domain.md §1.5 (window of tolerance) [M]",
        # With nobody there afterwards (R35), aftercare comes first, not a word to the counsellor.
        conflicts=frozenset({"R35_aftercare_before_leaving"}),
    ),
    do(
        "N17_agree_end_time",
        any_of("collect_counsellor", "collect_family"),
        N_("Agree beforehand when the interview ends, so that the person who collects them is on time."),
        priority=4,
        section=_SUPPORT,
        source="domain.md §2.2 (pick-up arranged by whom), §8",
        arrange="aftercare",
        # "Nobody will be with them afterwards" (R35) and "the person who collects them" cannot both hold.
        conflicts=frozenset({"R35_aftercare_before_leaving"}),
    ),
    do(
        "N18_check_way_home",
        any_of("goes_home_alone"),
        N_("Check before the person leaves how they get home, and that someone knows they are on the way."),
        priority=3,
        section=_SUPPORT,
        source="domain.md §2.2, §2.6 (aftercare: who, when, where)",
        arrange="aftercare",
    ),
    # --- a legal representative ----------------------------------------------------------------------
    do(
        "N19_check_representative",
        any_of(*_GUARDIAN),
        N_(
            "Ask the counsellor who must sign or receive letters: the person has a legal representative. "
            "Check with the counsellor before you contact the representative."
        ),
        priority=2,
        section=_SUPPORT,
        source="domain.md §5.3 (a representative may be involved; consent not routed through them), §8",
        arrange="contact",
    ),
    # --- safety ----------------------------------------------------------------------------------------
    do(
        "N20_keep_interview_details_private",
        any_of("contact_with_involved", "fear_found_out"),
        N_(
            "Keep the date, time and place of the interview out of letters, calls and messages. "
            "Make contact through the counsellor."
        ),
        priority=1,
        section=_SAFETY,
        source="CKM 2021 via NOS/NH Nieuws (a third keep contact); domain.md §2.2",
        arrange="contact",
    ),
    do(
        "N21_ask_what_feels_safe",
        any_of("fear_found_out"),
        N_("Ask what helps the person feel safe on the way to and from the interview."),
        priority=3,
        section=_SAFETY,
        source="WHO ten principles 7 (respect the victim's own assessment of safety)",
    ),
    do(
        "N22_explain_reflection_period",
        any_of("papers_worry"),
        N_(
            "Explain the reflection period and the residence scheme for victims of trafficking "
            "(B8 scheme) in easy words, at the start."
        ),
        priority=1,
        section=_SAFETY,
        source="Aanwijzing mensenhandel 2022A002; Vreemdelingencirculaire B8/3 [M]; domain.md §0.5, §8",
    ),
    dont(
        "N23_keep_immigration_apart",
        any_of("papers_worry"),
        N_(
            "Don't mix questions about residence status or papers into this interview. Keep any immigration check apart."
        ),
        priority=1,
        section=_SAFETY,
        source="domain.md §8 (migrants: keep immigration questions apart); Aanwijzing mensenhandel 2022A002 [M]",
        arrange="interview",
    ),
    # --- practical ---------------------------------------------------------------------------------------
    do(
        "N24_food_and_drink",
        any_of("needs_food", "needs_drink"),
        N_("Have food and drink ready, and plan a break to eat."),
        priority=4,
        section=_PRACTICAL,
        source="OVC TTAC (breaks, water); College of Policing (physical needs)",
        arrange="session",
    ),
    do(
        "N25_toilet",
        any_of("toilet_often"),
        N_("Say at the start where the toilet is, and that the person may go whenever they need to."),
        priority=4,
        section=_PRACTICAL,
        source="College of Policing (physical needs); OVC TTAC (some control in the situation)",
    ),
    do(
        "N26_plan_around_medicine",
        any_of("medication_times"),
        N_("Ask the counsellor for the medicine times, and plan a break at those times."),
        priority=2,
        section=_PRACTICAL,
        source="domain.md §2.5 (best time of day), §8 (medication times)",
        arrange="session",
    ),
    do(
        "N27_id_document",
        any_of("no_id_document"),
        N_("Tell the counsellor beforehand which ID document is needed, and what happens without one."),
        priority=3,
        section=_PRACTICAL,
        source="domain.md §8 (papers) [M]",
        arrange="contact",
    ),
)
