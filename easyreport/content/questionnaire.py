"""The questions the client answers in client mode: needs only, never what happened.

Read this file as the questionnaire itself. One block per question:
  id           stable snake_case id (answers are stored under it; never reuse an id for new meaning)
  kind         ONE (pick one), SEVERAL (pick one or more) or SCALE (yes / sometimes / no style)
  text         the question, easy read, "you", short sentences
  explanation  a simpler way to say it, shown when the client presses "I don't understand"
  info         an optional extra line shown under the question
  options      the answers; each names a pictogram and the need ids it signals (needs-vocabulary)
"I don't know" and "I'd rather not say" are added to every question by the model.

For scales the first answer is the "yes" end. The acquiescence check relies on that.
Wording rules: domain.md §4.3 and design.md §4; `plain_language.py` checks them in a test.
"""

from __future__ import annotations

from easyreport.content.model import Module, Option, Question, QuestionKind, Questionnaire
from easyreport.translatable import N_

ONE = QuestionKind.ONE
SEVERAL = QuestionKind.SEVERAL
SCALE = QuestionKind.SCALE


def opt(option_id: str, text: str, pictogram: str, *needs: str) -> Option:
    """Make an answer: id, text, pictogram, then the need ids it signals."""
    return Option(option_id, text, pictogram, needs)


def yes(*needs: str) -> Option:
    """Answer "Yes"."""
    return Option("yes", N_("Yes"), "nodding_head", needs)


def sometimes(*needs: str) -> Option:
    """Answer "Sometimes"."""
    return Option("sometimes", N_("Sometimes"), "unsure_face", needs)


def no(*needs: str) -> Option:
    """Answer "No"."""
    return Option("no", N_("No"), "shaking_head", needs)


def either() -> Option:
    """Answer "Either is fine"."""
    return Option("either", N_("Either is fine"), "ok_hand")


def no_need(option_id: str = "no") -> Option:
    """Answer "No need": the balanced end of a picture choice (id "no" keeps older answers valid)."""
    return Option(option_id, N_("No need"), "ok_hand")


def something_else(*needs: str) -> Option:
    """Answer "Something else": for a list that could miss the client's answer; the counsellor asks further."""
    return Option("something_else", N_("Something else"), "puzzle_piece", needs)


# Questions added in content version 2 (issue 12). A preparation answered before they existed still
# builds a sheet: flow.is_complete accepts it when none of these is answered, and the sheet says "not asked".
ADDED_IN_VERSION_2: frozenset[str] = frozenset(
    {
        "hearing_and_seeing",
        "day_plan",
        "trust_police",
        "feeling_after",
        "still_in_contact",
        "during_the_talk",
    }
)


MODULES: tuple[Module, ...] = (
    Module("communication", N_("Talking and understanding"), "speech_balloon"),
    Module("stress", N_("Stress and what helps"), "anxious_face"),
    Module("conversation", N_("The talk with the police"), "people_dialogue"),
    Module("support", N_("Support at and after the talk"), "handshake"),
    Module("safety", N_("Feeling safe"), "shield"),
    Module("practical", N_("Practical things"), "clipboard"),
    Module("goal", N_("What you want"), "compass"),
)

QUESTIONS: tuple[Question, ...] = (
    # ---------------------------------------------------------------- communication
    Question(
        id="reading",
        module_id="communication",
        kind=ONE,
        pictogram="open_book",
        text=N_("How do you like to read a text?"),
        explanation=N_("Some people read a text themselves. Other people like to listen."),
        options=(
            opt("myself", N_("I read it myself"), "eyes"),
            opt("read_out", N_("Someone reads it out to me"), "speaker", "reads_poorly"),
            opt("both", N_("Both"), "raising_hands"),
        ),
    ),
    Question(
        id="fast_talk",
        module_id="communication",
        kind=SCALE,
        pictogram="speaking_head",
        text=N_("Someone talks fast. Can you follow it?"),
        explanation=N_("Do you understand people who talk fast?"),
        options=(
            yes(),
            sometimes("fast_speech_hard"),
            no("fast_speech_hard", "slow_processing"),
        ),
    ),
    Question(
        id="long_sentences",
        module_id="communication",
        kind=SCALE,
        pictogram="scroll",
        text=N_("Are long sentences hard for you?"),
        explanation=N_("Some sentences have many words. Is that hard to follow?"),
        options=(
            yes("short_sentences", "one_question_at_a_time"),
            sometimes("short_sentences"),
            no(),
        ),
    ),
    Question(
        id="say_not_understood",
        module_id="communication",
        kind=SCALE,
        pictogram="question_mark",
        text=N_("You do not understand something. Do you say so?"),
        explanation=N_("Do you tell people when something is not clear?"),
        options=(
            yes(),
            sometimes("masks_not_understanding"),
            opt("no_hard", N_("No, that is hard"), "shaking_head", "masks_not_understanding"),
        ),
    ),
    Question(
        id="yes_when_unsure",
        module_id="communication",
        kind=SCALE,
        pictogram="thumbs_up",
        text=N_("Do you sometimes say yes when you are not sure?"),
        explanation=N_("Do you say yes, even when you do not know?"),
        options=(
            yes("acquiescence"),
            sometimes("acquiescence"),
            no(),
        ),
    ),
    Question(
        id="days_and_times",
        module_id="communication",
        kind=SCALE,
        pictogram="calendar",
        text=N_("Are days and times hard for you? For example: which day or which month."),
        explanation=N_("Is it hard to name a day or a month?"),
        options=(
            yes("time_difficulty"),
            sometimes("time_difficulty"),
            no(),
        ),
    ),
    Question(
        id="numbers",
        module_id="communication",
        kind=SCALE,
        pictogram="numbers",
        text=N_("Are numbers hard for you? For example: how often or how many."),
        explanation=N_("Is it hard to count things? Or to say how often?"),
        options=(
            yes("numbers_difficulty"),
            sometimes("numbers_difficulty"),
            no(),
        ),
    ),
    Question(
        id="how_to_tell",
        module_id="communication",
        kind=SEVERAL,
        pictogram="speech_bubbles",
        text=N_("How do you like to tell things?"),
        explanation=N_("You can talk, draw, write or point. What works for you?"),
        options=(
            opt("talking", N_("Talking"), "speaking_head"),
            opt("drawing", N_("Drawing"), "crayon", "prefers_drawing", "visual_support"),
            opt("writing", N_("Writing"), "writing_hand", "prefers_writing"),
            opt("pointing", N_("Pointing"), "pointing_hand", "prefers_pointing", "visual_support"),
            something_else(),
        ),
    ),
    Question(
        id="attention",
        module_id="communication",
        kind=ONE,
        pictogram="hourglass",
        text=N_("How long can you pay attention well?"),
        explanation=N_("How long can you listen before you get tired?"),
        options=(
            opt("song", N_("As long as one song"), "musical_note", "attention_short"),
            opt("episode", N_("As long as one episode of a series"), "television", "attention_medium"),
            opt("film", N_("As long as a film"), "clapper_board"),
        ),
    ),
    Question(
        id="hearing_and_seeing",
        module_id="communication",
        kind=SEVERAL,
        pictogram="ear",
        text=N_("How well do you hear and see?"),
        explanation=N_("Some people use a hearing aid. Other people need glasses."),
        options=(
            opt("hearing_aid", N_("I use a hearing aid"), "ear_with_hearing_aid", "hearing_aid"),
            opt("hearing_hard", N_("Hearing is hard for me"), "deaf_person", "hearing_difficulty"),
            opt("glasses", N_("I need my glasses"), "glasses", "vision_glasses"),
            opt("seeing_hard", N_("Seeing is hard for me"), "white_cane", "vision_difficulty"),
            opt("well", N_("I hear and see well"), "eye"),
        ),
    ),
    Question(
        id="day_plan",
        module_id="communication",
        kind=ONE,
        pictogram="spiral_calendar",
        text=N_("What helps you to know the plan of the day?"),
        explanation=N_("A plan says what happens first. And what comes next."),
        options=(
            opt("pictures", N_("A plan with pictures"), "spiral_calendar", "visual_schedule"),
            opt("told", N_("Someone tells me the plan"), "speaking_head", "schedule_told"),
            no_need(),
        ),
    ),
    # ---------------------------------------------------------------- stress
    Question(
        id="stress_signs",
        module_id="stress",
        kind=SEVERAL,
        pictogram="worried_face",
        text=N_("What do you do when you feel stressed?"),
        explanation=N_("Everyone reacts to stress in their own way. What happens with you?"),
        options=(
            opt("quiet", N_("I go quiet"), "muted_speaker", "stress_goes_quiet"),
            opt("freeze", N_("I cannot move or talk"), "person_standing", "freezes"),
            opt("laugh", N_("I laugh or make jokes"), "laughing_face", "stress_laughs"),
            opt("angry", N_("I get angry"), "angry_face", "stress_angry"),
            opt("cry", N_("I cry"), "crying_face", "stress_cries"),
            opt("leave", N_("I want to leave"), "person_running", "stress_wants_to_leave"),
        ),
    ),
    Question(
        id="what_helps",
        module_id="stress",
        kind=SEVERAL,
        pictogram="person_calm",
        text=N_("What helps you when you feel stressed?"),
        explanation=N_("What makes you feel calm again?"),
        options=(
            opt("water", N_("A glass of water"), "water", "helps_water"),
            opt("walk", N_("A short walk"), "person_walking", "helps_walk"),
            opt("breathing", N_("Breathing slowly"), "breath", "helps_breathing"),
            opt("hold", N_("Something to hold in my hand"), "stone", "helps_object"),
            opt("music", N_("Music"), "headphones", "helps_music"),
            opt("other_subject", N_("Talking about something else"), "thought_balloon", "helps_other_topic"),
        ),
    ),
    Question(
        id="what_makes_it_worse",
        module_id="stress",
        kind=SEVERAL,
        pictogram="warning",
        text=N_("What makes you more stressed?"),
        explanation=N_("Which things do you really not like?"),
        options=(
            opt("loud_voices", N_("Loud voices"), "loudspeaker", "trigger_loud_voices"),
            opt("touch", N_("Being touched"), "hand", "trigger_touch"),
            opt("small_room", N_("A small room"), "small_room", "trigger_small_room"),
            opt("closed_door", N_("A closed door"), "door", "trigger_closed_door"),
            opt("waiting", N_("Waiting a long time"), "hourglass_done", "trigger_waiting"),
            something_else(),
        ),
    ),
    Question(
        id="same_question_again",
        module_id="stress",
        kind=ONE,
        pictogram="repeat",
        text=N_("Sometimes you get the same question again. What do you think then?"),
        explanation=N_("Someone asks the same question again. What do you think about that?"),
        options=(
            opt("disbelieved", N_("They do not believe me"), "doubting_face", "repetition_feels_disbelief"),
            opt("said_wrong", N_("I think I said it wrong"), "worried_face", "repetition_feels_wrong"),
            opt("fine", N_("That is fine"), "nodding_head"),
        ),
    ),
    Question(
        id="know_each_step",
        module_id="stress",
        kind=ONE,
        pictogram="ladder",
        text=N_("Something new starts. What do you want to hear first?"),
        explanation=N_("Some people want to hear each step. Other people need no explanation."),
        options=(
            opt("yes", N_("Each step, one by one"), "ladder", "needs_control"),
            opt("main_point", N_("Only the main point"), "clipboard"),
            no_need(),
        ),
    ),
    # ---------------------------------------------------------------- conversation
    Question(
        id="officer_woman_or_man",
        module_id="conversation",
        kind=ONE,
        pictogram="police_officer",
        text=N_("Who do you want to talk to at the police?"),
        explanation=N_("A woman or a man?"),
        options=(
            opt("woman", N_("A woman"), "woman", "officer_woman"),
            opt("man", N_("A man"), "man", "officer_man"),
            either(),
        ),
    ),
    Question(
        id="officer_clothes",
        module_id="conversation",
        kind=ONE,
        pictogram="clothes",
        text=N_("A police officer can wear a uniform or normal clothes. What do you like best?"),
        explanation=N_("Should the police officer wear a uniform? Or normal clothes?"),
        options=(
            opt("normal_clothes", N_("Normal clothes"), "clothes", "plain_clothes"),
            opt("uniform", N_("A uniform is fine"), "police_officer"),
            either(),
        ),
    ),
    Question(
        id="see_room_first",
        module_id="conversation",
        kind=ONE,
        pictogram="room",
        text=N_("The talk is in a room at the police. What helps you before the talk?"),
        explanation=N_("You can see the room first. Or you can see a photo of the room."),
        options=(
            opt("yes", N_("Seeing the room first"), "room", "room_visit_first"),
            opt("photo", N_("A photo of the room"), "photo", "room_photo_first"),
            no_need(),
        ),
    ),
    Question(
        id="officer_photo_first",
        module_id="conversation",
        kind=ONE,
        pictogram="photo",
        text=N_("What helps you to get to know the police officer?"),
        explanation=N_("You can see a photo of the police officer first. Or you can say hello first."),
        options=(
            opt("yes", N_("A photo of the police officer"), "photo", "officer_photo_first"),
            opt("hello", N_("Saying hello before the talk"), "waving_hand", "meet_officer_first"),
            no_need(),
        ),
    ),
    Question(
        id="same_officer",
        module_id="conversation",
        kind=ONE,
        pictogram="bust",
        text=N_("Maybe there is more than one talk. Which police officer do you talk to?"),
        explanation=N_("You can talk to the same police officer each time. Or another one is fine."),
        options=(
            opt("yes", N_("The same police officer each time"), "bust", "same_officer"),
            no_need(),
        ),
    ),
    Question(
        id="door_open",
        module_id="conversation",
        kind=ONE,
        pictogram="door",
        text=N_("How do you like the door during the talk?"),
        explanation=N_("Some people like an open door. Other people like it closed."),
        options=(
            opt("open", N_("Open"), "door", "door_open"),
            opt("closed", N_("Closed"), "door", "door_closed"),
            either(),
        ),
    ),
    Question(
        id="breaks",
        module_id="conversation",
        kind=ONE,
        pictogram="hot_drink",
        text=N_("How often do you want a break?"),
        explanation=N_("A break is a short rest. When do you want one?"),
        options=(
            opt("often", N_("Often"), "repeat", "breaks_often"),
            opt("sometimes", N_("Sometimes"), "unsure_face", "breaks_sometimes"),
            opt("when_i_ask", N_("Only when I ask"), "raised_hand", "breaks_on_request"),
        ),
    ),
    Question(
        id="break_signal",
        module_id="conversation",
        kind=ONE,
        pictogram="hot_drink",
        text=N_("How do you show that you want a break?"),
        explanation=N_("What do you do when you want a break?"),
        options=(
            opt("say", N_("I say it"), "speaking_head", "break_signal_say"),
            opt("card", N_("I show a card"), "red_card", "break_signal_card"),
            opt("hand", N_("I raise my hand"), "raised_hand", "break_signal_hand"),
        ),
    ),
    Question(
        id="camera",
        module_id="conversation",
        kind=ONE,
        pictogram="video_camera",
        text=N_("The police often film the talk. What helps you with the camera?"),
        explanation=N_("A camera records what you say. Someone can explain it first. Or show it first."),
        options=(
            opt("yes", N_("Hearing about the camera first"), "speaker", "recording_explain_first"),
            opt("show", N_("Seeing the camera first"), "video_camera", "see_camera_first"),
            no_need(),
        ),
    ),
    Question(
        id="best_time",
        module_id="conversation",
        kind=ONE,
        pictogram="clock",
        text=N_("When in the day do you feel best?"),
        explanation=N_("When do you have the most energy?"),
        options=(
            opt("morning", N_("In the morning"), "sunrise", "best_time_morning"),
            opt("afternoon", N_("In the afternoon"), "sun", "best_time_afternoon"),
            opt("evening", N_("In the evening"), "moon", "best_time_evening"),
        ),
    ),
    Question(
        id="trust_police",
        module_id="conversation",
        kind=ONE,
        pictogram="police_officer",
        text=N_("How do you feel about the police?"),
        explanation=N_("Some people trust the police. Other people are not sure."),
        options=(
            opt("trust", N_("I trust the police"), "handshake"),
            opt("not_sure", N_("I am not sure"), "unsure_face", "low_trust_police"),
            opt("little_trust", N_("I find it hard to trust the police"), "worried_face", "low_trust_police"),
        ),
    ),
    # ---------------------------------------------------------------- support
    Question(
        id="who_with_you",
        module_id="support",
        kind=ONE,
        pictogram="two_people",
        text=N_("Who do you want with you at the police?"),
        explanation=N_("Someone can go with you. Who do you want?"),
        info=N_("Sometimes that person cannot stay in the room during the talk."),
        options=(
            opt("support_worker", N_("My support worker"), "support_worker", "trusted_person_counsellor"),
            opt("someone_else", N_("Someone else"), "person", "trusted_person_other"),
            opt("nobody", N_("Nobody"), "empty_chair"),
        ),
    ),
    Question(
        id="after_the_talk",
        module_id="support",
        kind=ONE,
        pictogram="telephone",
        text=N_("Who will you see or call after the talk?"),
        explanation=N_("After the talk, who do you want to talk to?"),
        options=(
            opt("support_worker", N_("My support worker"), "support_worker", "aftercare_counsellor"),
            opt("family_or_friend", N_("Family or a friend"), "people_hugging", "aftercare_family"),
            opt("nobody", N_("Nobody"), "empty_chair", "aftercare_none"),
        ),
    ),
    Question(
        id="feeling_after",
        module_id="support",
        kind=ONE,
        pictogram="thought_balloon",
        text=N_("A talk can be hard. How do you often feel after a hard talk?"),
        explanation=N_("Some people feel very bad after a hard talk. Other people feel fine."),
        options=(
            opt("very_bad", N_("Very bad"), "pensive_face", "aftercare_risk_high"),
            opt("a_bit_bad", N_("A bit bad"), "unsure_face", "aftercare_risk_some"),
            opt("ok", N_("Fine"), "relieved_face"),
        ),
    ),
    # ---------------------------------------------------------------- safety
    Question(
        id="afraid_to_be_seen",
        module_id="safety",
        kind=SCALE,
        pictogram="eye",
        text=N_("Are you afraid that someone sees you go to the police?"),
        explanation=N_("Are you scared to be seen at the police?"),
        options=(
            yes("fear_being_seen"),
            opt("a_little", N_("A little"), "pinching_hand", "fear_being_seen"),
            no(),
        ),
    ),
    Question(
        id="phone_looked_at",
        module_id="safety",
        kind=SCALE,
        pictogram="mobile_phone",
        text=N_("Can someone else look in your phone?"),
        explanation=N_("Does someone else read your messages? Or look at your phone?"),
        options=(
            yes("phone_not_safe"),
            opt("maybe", N_("Maybe"), "white_question_mark", "phone_not_safe"),
            no(),
        ),
    ),
    Question(
        id="safe_at_home",
        module_id="safety",
        kind=SCALE,
        pictogram="house",
        text=N_("Do you feel safe where you live now?"),
        explanation=N_("Is your home a safe place for you?"),
        options=(
            yes(),
            opt("sometimes_not", N_("Sometimes not"), "unsure_face", "unsafe_at_home"),
            no("unsafe_at_home"),
        ),
    ),
    Question(
        id="still_in_contact",
        module_id="safety",
        kind=SCALE,
        pictogram="mobile_phone",
        text=N_("Do you still have contact with the people it is about?"),
        explanation=N_("Do you still see them? Or call or text them? Do not say who."),
        options=(
            yes("contact_with_involved"),
            sometimes("contact_with_involved"),
            no(),
        ),
    ),
    # ---------------------------------------------------------------- practical
    Question(
        id="medicine_tired",
        module_id="practical",
        kind=ONE,
        pictogram="pill",
        text=N_("Do you take medicine that makes you tired?"),
        explanation=N_("Some medicine makes you sleepy. Is that true for you?"),
        options=(
            yes("medication_tired"),
            no(),
        ),
    ),
    Question(
        id="during_the_talk",
        module_id="practical",
        kind=SEVERAL,
        pictogram="fork_and_knife",
        text=N_("What do you need during a long talk?"),
        explanation=N_("A talk can take a long time. What do you need then?"),
        options=(
            opt("food", N_("Something to eat"), "fork_and_knife", "needs_food"),
            opt("drink", N_("Something to drink"), "cup_with_straw", "needs_drink"),
            opt("toilet", N_("Going to the toilet often"), "toilet", "toilet_often"),
            opt("medicine", N_("Medicine at a set time"), "alarm_clock", "medication_times"),
            no_need("nothing"),
            something_else(),
        ),
    ),
    Question(
        id="getting_there",
        module_id="practical",
        kind=ONE,
        pictogram="bus",
        text=N_("How will you get to the police?"),
        explanation=N_("Does someone take you to the police? Or do you go alone?"),
        options=(
            opt("support_worker", N_("My support worker takes me"), "car", "transport_counsellor"),
            opt("myself", N_("I go by myself"), "person_walking", "transport_self"),
            something_else(),
        ),
    ),
    Question(
        id="someone_to_translate",
        module_id="practical",
        kind=ONE,
        pictogram="globe",
        text=N_("Which language do you want to speak in the talk?"),
        explanation=N_("Someone can translate for you. This person speaks your language and Dutch."),
        options=(
            opt("no", N_("Dutch"), "speech_balloon"),
            opt("yes", N_("My own language. Someone translates."), "globe", "interpreter"),
            opt("sign", N_("Sign language"), "deaf_person", "sign_language"),
        ),
    ),
    # ---------------------------------------------------------------- goal
    Question(
        id="know_what_you_want",
        module_id="goal",
        kind=ONE,
        pictogram="thinking_face",
        text=N_("Do you already know what you want from the police?"),
        explanation=N_("Have you already chosen? Or do you want to think about it?"),
        options=(
            opt("i_know", N_("Yes, I know"), "nodding_head"),
            opt(
                "not_yet",
                N_("Not yet. I want time to think."),
                "hourglass",
                "goal_undecided",
                "needs_time_to_decide",
            ),
        ),
    ),
    Question(
        id="what_first",
        module_id="goal",
        kind=ONE,
        pictogram="signpost",
        text=N_("What do you want to do first?"),
        explanation=N_("Choose what you want to do now. You can also say: I don't know."),
        options=(
            opt("information_talk", N_("An information talk"), "information", "goal_information"),
            opt("report", N_("Make a report"), "memo", "goal_report"),
            opt("official_report", N_("Make an official report"), "pen", "goal_aangifte"),
        ),
    ),
)

QUESTIONNAIRE = Questionnaire(MODULES, QUESTIONS)
