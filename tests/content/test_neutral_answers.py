"""Answer pictures carry no right or wrong: no green tick or red cross on yes/no, no maths signs (§8 of domain.md)."""

from __future__ import annotations

import colorsys
import re

from easyreport.content import consent_cards
from easyreport.content.model import FIXED_OPTIONS, Option
from easyreport.content.pictograms import OPENMOJI_DIR, pictogram
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.paths import STATIC_DIR

# Answers that say yes, no, sometimes, either, both or "I don't know" in some form.
JUDGED = re.compile(r"^(Yes|No|Sometimes|I don't know|Either is fine|Both|That is fine)\b")
TICKS_AND_CROSSES = {"2705", "2713", "2714", "2611", "1F5F8", "274C", "274E", "2716", "2717", "2718", "1F5F4"}
MATHS = {"2795", "2796", "2797", "2716", "1F7F0", "2252", "2260", "2248", "003D", "25D0", "25D1"}
COLOUR = re.compile(r"""(?:fill|stroke)\s*[:=]\s*["']?#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b""")


def judged_options() -> list[tuple[str, Option]]:
    """Every answer of the questionnaire that a client could read as the right or the wrong one."""
    found = [
        (question.id, option)
        for question in QUESTIONNAIRE
        for option in question.options
        if JUDGED.match(option.text)
    ]
    return found + [("fixed", option) for option in FIXED_OPTIONS if JUDGED.match(option.text)]


def test_the_consent_decisions_are_neutral_too():
    for decision, pictogram_id in consent_cards.DECISION_PICTOGRAMS.items():
        assert pictogram(pictogram_id).source_code not in TICKS_AND_CROSSES, decision
        assert not {c for c in colours(pictogram_id) if signal_colour(c)}, decision


def colours(pictogram_id: str) -> set[str]:
    """The colours an SVG paints with, as six-digit lower-case hex."""
    svg = (STATIC_DIR / pictogram(pictogram_id).file).read_text(encoding="utf-8")
    found = set()
    for value in COLOUR.findall(svg):
        value = value.lower()
        found.add("".join(c * 2 for c in value) if len(value) == 3 else value)
    return found


def signal_colour(hex_colour: str) -> str | None:
    """Say "green" or "red" for a clearly green or red colour, else None (yellow, blue, grey, black, white)."""
    r, g, b = (int(hex_colour[i : i + 2], 16) / 255 for i in (0, 2, 4))
    hue, saturation, value = colorsys.rgb_to_hsv(r, g, b)
    if saturation < 0.35 or value < 0.25:
        return None
    degrees = hue * 360
    if 62 <= degrees <= 165:  # OpenMoji green #b1cc33 sits at 70°, its yellow #fcea2b at 54°
        return "green"
    if degrees <= 20 or degrees >= 340:
        return "red"
    return None


def test_the_check_covers_the_answers_that_matter():
    texts = {option.text for _, option in judged_options()}
    assert {"Yes", "No", "Sometimes", "I don't know", "Either is fine", "Both"} <= texts
    assert len(judged_options()) >= 20


def test_no_yes_no_sometimes_or_dont_know_answer_shows_a_tick_a_cross_or_a_maths_sign():
    for where, option in judged_options():
        code = pictogram(option.pictogram).source_code
        assert code not in TICKS_AND_CROSSES, f"{where}.{option.id}: {option.pictogram} is a tick or a cross"
        assert code not in MATHS, f"{where}.{option.id}: {option.pictogram} is a maths sign"


def test_no_such_answer_is_painted_green_or_red():
    for where, option in judged_options():
        painted = {colour: signal_colour(colour) for colour in colours(option.pictogram)}
        signals = {colour: kind for colour, kind in painted.items() if kind}
        assert not signals, f"{where}.{option.id}: {option.pictogram} paints {signals}"


def test_yes_and_no_come_from_one_colour_family():
    for question in QUESTIONNAIRE:
        yes = [option for option in question.options if re.match(r"Yes\b", option.text)]
        no = [option for option in question.options if re.match(r"No\b", option.text)]
        for a in yes:
            for b in no:
                assert colours(a.pictogram) == colours(b.pictogram), f"{question.id}: {a.id} and {b.id}"


def test_the_signal_colour_check_sees_the_old_tick_and_cross():
    # The OpenMoji tick is green and its cross red (#ea5a47): the check above would have caught them.
    assert "green" in {signal_colour(colour) for colour in colours("check_mark")}
    assert signal_colour("ea5a47") == "red" and signal_colour("d22f27") == "red"
    assert signal_colour("fcea2b") is None and signal_colour("92d3f5") is None
    assert OPENMOJI_DIR in pictogram("nodding_head").file
