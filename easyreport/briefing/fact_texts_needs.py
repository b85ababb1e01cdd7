"""How the questions of content version 2 (issue 12) read on the officer's sheet, and the rebalanced ones.

Same shape as fact_texts.FACT_TEXTS: question id -> (label, {option id -> value}). Entries here replace the
ones in fact_texts for the questions whose answers changed (facts.py merges the two). "Something else" reads
as an open point the officer can ask the counsellor about: the client never types text on their screens.
"""

from __future__ import annotations

from easyreport.translatable import N_

YES = N_("Yes")
NO = N_("No")
SOMETIMES = N_("Sometimes")
NO_NEED = N_("No need")
NO_PREFERENCE = N_("No preference")
# Translators: on the officer's sheet, an answer "something else" the client gave to a list of choices.
SOMETHING_ELSE = N_("Something else: ask the counsellor")
# Translators: on the officer's sheet, a question the client was never asked (added after they answered).
NOT_ASKED = N_("Not asked")

FACT_TEXTS_V2: dict[str, tuple[str, dict[str, str]]] = {
    # communication
    "how_to_tell": (
        N_("Likes to tell things by"),
        {
            "talking": N_("Talking"),
            "drawing": N_("Drawing"),
            "writing": N_("Writing"),
            "pointing": N_("Pointing"),
            "something_else": SOMETHING_ELSE,
        },
    ),
    "hearing_and_seeing": (
        N_("Hearing and seeing"),
        {
            "hearing_aid": N_("Uses a hearing aid"),
            "hearing_hard": N_("Finds hearing hard"),
            "glasses": N_("Needs their glasses"),
            "seeing_hard": N_("Finds seeing hard"),
            "well": N_("Hears and sees well"),
        },
    ),
    "day_plan": (
        N_("Plan of the day"),
        {
            "pictures": N_("Wants a plan with pictures"),
            "told": N_("Wants to be told the plan"),
            "no": NO_NEED,
        },
    ),
    # stress
    "what_makes_it_worse": (
        N_("What makes stress worse"),
        {
            "loud_voices": N_("Loud voices"),
            "touch": N_("Being touched"),
            "small_room": N_("A small room"),
            "closed_door": N_("A closed door"),
            "waiting": N_("Waiting a long time"),
            "something_else": SOMETHING_ELSE,
        },
    ),
    "same_question_again": (
        N_("When a question is asked again"),
        {
            "disbelieved": N_("Feels not believed"),
            "said_wrong": N_("Thinks the first answer was wrong"),
            "fine": N_("Finds that fine"),
        },
    ),
    # The rebalanced questions keep their version 1 labels, and "Yes" and "No" (now "No need") their meaning.
    "know_each_step": (
        N_("Wants to know each step beforehand"),
        {"yes": YES, "main_point": N_("Only the main point"), "no": NO},
    ),
    # conversation
    "see_room_first": (
        N_("Wants to see the room beforehand"),
        {"yes": YES, "photo": N_("A photo of the room is enough"), "no": NO},
    ),
    "officer_photo_first": (
        N_("Wants a photo of the officer beforehand"),
        {"yes": YES, "hello": N_("Wants to say hello first instead"), "no": NO},
    ),
    "same_officer": (N_("Wants the same officer each time"), {"yes": YES, "no": NO}),
    "camera": (
        N_("Wants the recording explained first"),
        {"yes": YES, "show": N_("Wants to see the camera first"), "no": NO},
    ),
    "trust_police": (
        N_("Trust in the police"),
        {
            "trust": N_("Trusts the police"),
            "not_sure": N_("Is not sure"),
            "little_trust": N_("Finds it hard to trust the police"),
        },
    ),
    # support
    "feeling_after": (
        N_("After a hard talk, often feels"),
        {"very_bad": N_("Very bad"), "a_bit_bad": N_("A bit bad"), "ok": N_("Fine")},
    ),
    # safety
    "still_in_contact": (
        N_("Still in contact with the people involved"),
        {"yes": YES, "sometimes": SOMETIMES, "no": NO},
    ),
    # practical
    "during_the_talk": (
        N_("Needs during a long interview"),
        {
            "food": N_("Something to eat"),
            "drink": N_("Something to drink"),
            "toilet": N_("Going to the toilet often"),
            "medicine": N_("Medicine at a set time"),
            "nothing": NO_NEED,
            "something_else": SOMETHING_ELSE,
        },
    ),
    "getting_there": (
        N_("Travel to the police"),
        {
            "support_worker": N_("With the counsellor"),
            "myself": N_("On their own"),
            "something_else": SOMETHING_ELSE,
        },
    ),
    "someone_to_translate": (
        N_("Wants an interpreter"),
        {"no": NO, "yes": YES, "sign": N_("A sign language interpreter")},
    ),
}
