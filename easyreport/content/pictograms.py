"""The pictogram manifest: every picture the client sees, where it comes from and how to describe it.

All pictograms are OpenMoji (https://openmoji.org), CC BY-SA 4.0, copied unchanged from the npm
package by ``scripts/fetch_pictograms.py`` into ``static/pictograms/openmoji/``. Attribution is
in ``static/pictograms/LICENSE.md`` and must also be shown on the about page and on the client's
printable copy. The officer's sheet shows no pictograms when printed or as PDF.

``alt`` is the text alternative (English msgid, Dutch in the catalogue). ``decorative`` marks
pictures that only repeat the label printed right next to them (Yes, No, Back, ...): render
those with an empty alt so a screen reader does not say the label twice.
Pictograms support text and sound; they never replace them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from easyreport.content.model import check_id
from easyreport.translatable import N_

OPENMOJI = "OpenMoji"
OPENMOJI_VERSION = "17.0.0"
OPENMOJI_URL = "https://openmoji.org"
CC_BY_SA_4 = "CC BY-SA 4.0"
CC_BY_SA_4_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
OPENMOJI_DIR = "pictograms/openmoji"


@dataclass(frozen=True)
class Pictogram:
    """One picture and everything needed to show and credit it."""

    id: str
    concept: str  # what it stands for, for content reviewers (not shown to clients)
    source_code: str  # the picture's code in its source set (OpenMoji hexcode)
    author: str
    alt: str
    decorative: bool = False
    source: str = OPENMOJI
    licence: str = CC_BY_SA_4

    def __post_init__(self) -> None:
        check_id(self.id, "pictogram")
        # OpenMoji's data spells some names with combining accents; keep one form.
        object.__setattr__(self, "author", unicodedata.normalize("NFC", self.author))

    @property
    def file(self) -> str:
        """Return the path of the SVG, relative to the static folder."""
        return f"{OPENMOJI_DIR}/{self.source_code}.svg"


def _p(id_: str, code: str, author: str, alt: str, concept: str, *, decorative: bool = False) -> Pictogram:
    return Pictogram(id_, concept, code, author, alt, decorative)


PICTOGRAMS: tuple[Pictogram, ...] = (
    # modules
    _p("speech_balloon", "1F4AC", "Laura Humpfer", N_("A speech balloon"), "talking and understanding"),
    _p("anxious_face", "1F630", "Mariella Steeb", N_("A face with a drop of sweat"), "stress"),
    _p("people_dialogue", "E246", "Kai Wanschura", N_("Two people talking"), "the talk with the police"),
    _p("handshake", "1F91D", "Julian Grüneberg", N_("Two hands shaking"), "support"),
    _p("shield", "1F6E1", "Hilda Kalyoncu", N_("A shield"), "safety"),
    _p("clipboard", "1F4CB", "Sina Schulz", N_("A clipboard with a list"), "practical things"),
    _p("compass", "1F9ED", "Kai Magnus Müller", N_("A compass"), "what you want, the goal"),
    # answers that recur: the label next to them says the same
    # A tick for the Ready button only: it is not an answer.
    _p("check_mark", "2705", "Hilda Kalyoncu", N_("A check mark"), "ready; done", decorative=True),
    # Yes, no, sometimes: one neutral colour family (OpenMoji yellow faces), no tick or cross, no maths sign:
    # a green tick and a red cross tell a person who wants to please which answer is "right".
    _p("nodding_head", "1F642-200D-2195-FE0F", "Annika Raue", N_("A head that nods"), "yes", decorative=True),
    _p(
        "shaking_head",
        "1F642-200D-2194-FE0F",
        "Vanessa Stoessinger",
        N_("A head that shakes"),
        "no",
        decorative=True,
    ),
    _p("unsure_face", "1FAE4", "Liz Bravo", N_("A face that is not sure"), "sometimes", decorative=True),
    _p(
        "ok_hand",
        "1F44C",
        "Julian Grüneberg",
        N_("A hand that says: fine"),
        "either is fine",
        decorative=True,
    ),
    _p("raising_hands", "1F64C", "Julian Grüneberg", N_("Two hands up"), "both", decorative=True),
    _p("shrug", "1F937", "Johanna Wellnitz", N_("A person who shrugs"), "I don't know", decorative=True),
    _p(
        "zipped_mouth",
        "1F910",
        "Emily Jäger",
        N_("A face with a closed mouth"),
        "I'd rather not say",
        decorative=True,
    ),
    # communication
    _p("open_book", "1F4D6", "Jonas Roßner", N_("An open book"), "reading"),
    _p("eyes", "1F440", "Julian Grüneberg", N_("Two eyes"), "reading yourself"),
    _p("speaker", "1F50A", "Rana Cakir", N_("A speaker with sound"), "read aloud"),
    _p("speaking_head", "1F5E3", "Johanna Wellnitz", N_("A head that speaks"), "talking"),
    _p("scroll", "1F4DC", "Jonas Roßner", N_("A long paper with text"), "long sentences"),
    _p("question_mark", "2753", "Selina Lange", N_("A question mark"), "not understanding"),
    _p("thumbs_up", "1F44D", "Julian Grüneberg", N_("A thumb up"), "saying yes"),
    _p("calendar", "1F4C5", "Sina Schulz", N_("A calendar"), "days and times"),
    _p("numbers", "1F522", "Crystal Moon", N_("The numbers one to four"), "numbers"),
    _p("speech_bubbles", "E24A", "Kai Magnus Müller", N_("Two speech balloons"), "telling things"),
    _p("crayon", "1F58D", "Rana Cakir", N_("A crayon"), "drawing"),
    _p("writing_hand", "270D", "Daniel Utz", N_("A hand that writes"), "writing"),
    _p("pointing_hand", "1F449", "Julian Grüneberg", N_("A hand that points"), "pointing"),
    _p("hourglass", "23F3", "Rana Cakir", N_("An hourglass"), "how long; time"),
    _p("musical_note", "1F3B5", "Sina Schulz", N_("A musical note"), "as long as one song"),
    _p("television", "1F4FA", "Sina Schulz", N_("A television"), "as long as one episode"),
    _p("clapper_board", "1F3AC", "Sina Schulz", N_("A film clapper"), "as long as a film"),
    # stress
    _p("worried_face", "1F61F", "Mariella Steeb", N_("A worried face"), "what you do when stressed"),
    _p("muted_speaker", "1F507", "Rana Cakir", N_("A speaker without sound"), "going quiet"),
    _p("person_standing", "1F9CD", "Laura Dworatschek", N_("A person standing still"), "cannot move or talk"),
    _p("laughing_face", "1F606", "Emily Jäger", N_("A laughing face"), "laughing or joking"),
    _p("angry_face", "1F620", "Mariella Steeb", N_("An angry face"), "getting angry"),
    _p("crying_face", "1F622", "Mariella Steeb", N_("A face with a tear"), "crying"),
    _p("person_running", "1F3C3", "Johanna Wellnitz", N_("A person running"), "wanting to leave"),
    _p("person_calm", "1F9D8", "Johanna Wellnitz", N_("A person sitting calmly"), "what helps, calm"),
    _p("water", "1F6B0", "Guemil Project", N_("A glass under a water tap"), "water"),
    _p("person_walking", "1F6B6", "Johanna Wellnitz", N_("A person walking"), "a walk; going by yourself"),
    _p("breath", "1F32C", "Vanessa Boutzikoudi", N_("A cloud that blows air"), "breathing slowly"),
    _p("stone", "1FAA8", "Liz Bravo", N_("A small stone"), "something to hold"),
    _p("headphones", "1F3A7", "Sina Schulz", N_("Headphones"), "music"),
    _p("thought_balloon", "1F4AD", "Laura Humpfer", N_("A thought balloon"), "talking about something else"),
    _p("warning", "26A0", "Miriam Vollmeier", N_("A warning sign"), "what makes stress worse"),
    _p("loudspeaker", "1F4E2", "Rana Cakir", N_("A megaphone"), "loud voices"),
    _p("hand", "1FAF1", "Pia Stockhaus", N_("A hand reaching out"), "being touched"),
    _p("small_room", "1F6D7", "Liz Bravo", N_("A lift, a small room"), "a small room"),
    _p("door", "1F6AA", "Lisa Schulz", N_("A closed door"), "door"),
    _p("hourglass_done", "231B", "Rana Cakir", N_("An hourglass that has run out"), "waiting a long time"),
    _p("repeat", "1F501", "Jose Avila", N_("Two arrows in a circle"), "again; often"),
    _p("doubting_face", "1F928", "Emily Jäger", N_("A face with one eyebrow up"), "not being believed"),
    _p("ladder", "1FA9C", "Liz Bravo", N_("A ladder"), "each step"),
    # conversation
    _p("police_officer", "1F46E", "Lisa Thiel", N_("A police officer in uniform"), "police officer; uniform"),
    _p("woman", "1F469", "Johanna Wellnitz", N_("A woman"), "a woman"),
    _p("man", "1F468", "Johanna Wellnitz", N_("A man"), "a man"),
    _p("clothes", "1F455", "Jonas Roßner", N_("A shirt"), "normal clothes"),
    _p("room", "1F6CB", "Lisa Schulz", N_("A room with a sofa and a lamp"), "the room"),
    _p("photo", "1F5BC", "Martin Wehl", N_("A picture in a frame"), "a photo"),
    _p("bust", "1F464", "Johanna Wellnitz", N_("The outline of one person"), "the same person"),
    # A break: beside the word "Break" on every button, so its alt text would only repeat it.
    _p("hot_drink", "2615", "Alexander Müller", N_("A cup of tea"), "a break", decorative=True),
    _p("raised_hand", "270B", "Julian Grüneberg", N_("A raised hand"), "raising your hand; asking"),
    _p("red_card", "1F7E5", "Sam Eckert", N_("A red card"), "a break card"),
    _p("video_camera", "1F4F9", "Sina Schulz", N_("A video camera"), "recording with a camera"),
    # support
    _p("two_people", "1F465", "Johanna Wellnitz", N_("The outlines of two people"), "someone with you"),
    _p(
        "support_worker",
        "1F9D1-200D-1F4BC",
        "Benedikt Groß",
        N_("A person at work with papers"),
        "support worker",
    ),
    _p("person", "1F9D1", "Johanna Wellnitz", N_("A person"), "someone else"),
    _p("empty_chair", "1FA91", "Sam Eckert", N_("An empty chair"), "nobody"),
    _p("telephone", "1F4DE", "Kai Wanschura", N_("A telephone"), "calling after the talk"),
    _p("people_hugging", "1FAC2", "Kai Wanschura", N_("Two people hugging"), "family or a friend"),
    # safety
    _p("eye", "1F441", "Julian Grüneberg", N_("An eye"), "being seen"),
    _p("pinching_hand", "1F90F", "Laura Dworatschek", N_("A hand showing a little bit"), "a little"),
    _p("mobile_phone", "1F4F1", "Martin Wehl", N_("A mobile phone"), "phone"),
    _p("white_question_mark", "2754", "Selina Lange", N_("A white question mark"), "maybe"),
    _p("house", "1F3E0", "Martin Wehl", N_("A house"), "where you live"),
    # practical
    _p("clock", "1F570", "Lois Proksch", N_("A clock"), "time of day"),
    _p("sunrise", "1F305", "Louisa Mantsch", N_("The sun coming up"), "morning"),
    _p("sun", "2600", "Vanessa Boutzikoudi", N_("The sun"), "afternoon"),
    _p("moon", "1F319", "Vanessa Boutzikoudi", N_("The moon"), "evening"),
    _p("pill", "1F48A", "Marius Schnabel", N_("A pill"), "medicine"),
    _p("bus", "1F68C", "Ronja Bäurlen", N_("A bus"), "getting there"),
    _p("car", "1F697", "Ronja Bäurlen", N_("A car"), "someone takes you"),
    _p("globe", "1F310", "Martin Wehl", N_("A globe"), "language; someone who translates"),
    # goal
    _p("thinking_face", "1F914", "Emily Jäger", N_("A face that is thinking"), "knowing what you want"),
    _p("signpost", "E094", "Guemil Project", N_("A signpost"), "what to do first"),
    _p("information", "2139", "Crystal Moon", N_("The letter i for information"), "information talk"),
    _p("memo", "1F4DD", "Rana Cakir", N_("A paper and a pencil"), "report"),
    _p("pen", "1F58B", "Rana Cakir", N_("A pen for signing"), "official report"),
    # screen buttons
    _p("back_arrow", "2B05", "Guemil Project", N_("An arrow to the left"), "back", decorative=True),
    _p("stop_sign", "1F6D1", "Ronja Bäurlen", N_("A stop sign"), "stop", decorative=True),
    # content version 2 (issue 12): hearing, seeing, the day's plan, after the talk, papers, needs during the talk
    _p("ear", "1F442", "Julian Grüneberg", N_("An ear"), "hearing well; being listened to"),
    _p("ear_with_hearing_aid", "1F9BB", "Laura Dworatschek", N_("An ear with a hearing aid"), "hearing aid"),
    _p(
        "deaf_person",
        "1F9CF",
        "Laura Dworatschek",
        N_("A person who uses sign language"),
        "hard of hearing; sign language",
    ),
    _p("glasses", "1F453", "Jonas Roßner", N_("A pair of glasses"), "needs glasses"),
    _p("white_cane", "1F9AF", "Sam Eckert", N_("A white cane"), "seeing is hard"),
    _p("spiral_calendar", "1F5D3", "Sina Schulz", N_("A calendar with a plan"), "a plan of the day"),
    _p("puzzle_piece", "1F9E9", "Nicole Kornhaas", N_("A puzzle piece"), "something else"),
    _p("waving_hand", "1F44B", "Julian Grüneberg", N_("A hand that waves hello"), "saying hello first"),
    _p("relieved_face", "1F60C", "Mariella Steeb", N_("A calm face"), "feeling fine"),
    _p("pensive_face", "1F614", "Mariella Steeb", N_("A sad face"), "it felt bad"),
    _p("page", "1F4C4", "Jonas Roßner", N_("A sheet of paper"), "papers"),
    _p("fork_and_knife", "1F374", "Jonas Roßner", N_("A fork and a knife"), "something to eat"),
    _p("cup_with_straw", "1F964", "Laura Humpfer", N_("A cup with a straw"), "something to drink"),
    _p("toilet", "1F6BD", "Lisa Schulz", N_("A toilet"), "going to the toilet"),
    _p("alarm_clock", "23F0", "Rana Cakir", N_("An alarm clock"), "medicine at a set time"),
    _p("play", "25B6", "Jose Avila", N_("A play sign"), "go on", decorative=True),
    # The five faces of the client's feedback (before and after the talk): the label next to each says the same.
    _p(
        "face_very_bad",
        "2639",
        "Mariella Steeb",
        N_("A face that looks very sad"),
        "very bad",
        decorative=True,
    ),
    _p("face_bad", "1F641", "Mariella Steeb", N_("A face that looks a bit sad"), "bad", decorative=True),
    _p(
        "face_neutral",
        "1F610",
        "Mariella Steeb",
        N_("A face with a straight mouth"),
        "in between",
        decorative=True,
    ),
    _p("face_good", "1F642", "Emily Jäger", N_("A face with a small smile"), "good", decorative=True),
    _p("face_very_good", "1F600", "Emily Jäger", N_("A face with a big smile"), "very good", decorative=True),
)

_BY_ID = {pictogram.id: pictogram for pictogram in PICTOGRAMS}


def pictogram(pictogram_id: str) -> Pictogram:
    """Return the manifest entry of a pictogram id."""
    return _BY_ID[pictogram_id]


def has_pictogram(pictogram_id: str) -> bool:
    """Say whether the manifest knows a pictogram id."""
    return pictogram_id in _BY_ID


def attribution() -> str:
    """Return the credit line the about page and the client's copy must show (English msgid)."""
    return N_("Pictograms: OpenMoji, the open-source emoji and icon project. Licence: CC BY-SA 4.0.")


# Anything in an SVG that could make the browser fetch from elsewhere. Namespace declarations
# (xmlns="http://www.w3.org/2000/svg") are names, not fetches, and are allowed.
_EXTERNAL = re.compile(
    r"""(?:href|src)\s*=\s*["']\s*(?!#)[^"']+"""  # any link or source that is not a local #fragment
    r"""|url\(\s*["']?\s*(?!#)[^)]*\)"""  # CSS url() that is not a local #fragment
    r"""|@import|@font-face|<script|<foreignObject""",
    re.IGNORECASE,
)


def external_references(svg_text: str) -> list[str]:
    """Return the parts of an SVG that reference anything outside the file itself."""
    return [match.group(0) for match in _EXTERNAL.finditer(svg_text)]
