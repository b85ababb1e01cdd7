"""Every pictogram the client can see exists, is openly licensed, credited, described and self-contained."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from easyreport.content import client_screens, consent_cards
from easyreport.content.glossary import GLOSSARY
from easyreport.content.model import FIXED_OPTIONS
from easyreport.content.observations import OBSERVATIONS
from easyreport.content.pictograms import (
    CC_BY_SA_4,
    OPENMOJI,
    OPENMOJI_DIR,
    PICTOGRAMS,
    external_references,
    has_pictogram,
    pictogram,
)
from easyreport.content.questionnaire import QUESTIONNAIRE
from easyreport.feedback.client_questions import CLIENT_FEEDBACK
from easyreport.paths import STATIC_DIR

PICTOGRAM_DIR = STATIC_DIR / OPENMOJI_DIR


def referenced() -> dict[str, str]:
    """Map every referenced pictogram id to one place that uses it."""
    refs: dict[str, str] = {}
    for module in QUESTIONNAIRE.modules:
        refs.setdefault(module.pictogram, f"module {module.id}")
    for question in QUESTIONNAIRE:
        refs.setdefault(question.pictogram, f"question {question.id}")
        for option in question.options:
            refs.setdefault(option.pictogram, f"option {question.id}.{option.id}")
    for option in FIXED_OPTIONS:
        refs.setdefault(option.pictogram, f"fixed option {option.id}")
    for entry in GLOSSARY:
        refs.setdefault(entry.pictogram, f"glossary {entry.id}")
    # The counsellor's observations show a pictogram to the client on the consent card and the copy.
    for observation in OBSERVATIONS:
        refs.setdefault(observation.pictogram, f"observation {observation.module_id}.{observation.id}")
    for button, pictogram_id in client_screens.BUTTON_PICTOGRAMS.items():
        refs.setdefault(pictogram_id, f"button {button}")
    for decision, pictogram_id in consent_cards.DECISION_PICTOGRAMS.items():
        refs.setdefault(pictogram_id, f"consent decision {decision}")
    for question in CLIENT_FEEDBACK:
        refs.setdefault(question.pictogram, f"client feedback {question.id}")
        for option in question.options:
            refs.setdefault(option.pictogram, f"client feedback option {question.id}.{option.id}")
    return refs


def test_every_referenced_pictogram_has_a_manifest_entry_and_a_file():
    for pictogram_id, where in referenced().items():
        assert has_pictogram(pictogram_id), f"{where}: {pictogram_id} is not in the manifest"
        path = STATIC_DIR / pictogram(pictogram_id).file
        assert path.is_file(), f"{where}: {path} is missing"


def test_the_manifest_and_the_folder_hold_only_what_is_referenced():
    used = set(referenced())
    assert {p.id for p in PICTOGRAMS} == used
    assert {path.name for path in PICTOGRAM_DIR.glob("*")} == {Path(p.file).name for p in PICTOGRAMS}


def test_manifest_ids_and_files_are_unique():
    assert len({p.id for p in PICTOGRAMS}) == len(PICTOGRAMS)
    assert len({p.file for p in PICTOGRAMS}) == len(PICTOGRAMS)


def test_every_entry_names_its_source_licence_and_author():
    for entry in PICTOGRAMS:
        assert entry.source == OPENMOJI
        assert entry.licence == CC_BY_SA_4
        assert entry.author.strip(), entry.id
        assert entry.concept.strip(), entry.id
        assert entry.file.startswith(f"{OPENMOJI_DIR}/") and entry.file.endswith(".svg")


def test_no_flags_are_used():
    for entry in PICTOGRAMS:
        first = int(entry.source_code.split("-")[0], 16)
        assert not 0x1F1E6 <= first <= 0x1F1FF, entry.id  # regional indicators (country flags)
        assert first not in (0x1F3F3, 0x1F3F4, 0x1F6A9), entry.id  # flags


@pytest.mark.parametrize("locale", ["nl", "en"])
def test_every_pictogram_has_alt_text_in_both_locales(locale, catalog_ids):
    for entry in PICTOGRAMS:
        assert entry.alt.strip() or entry.decorative, entry.id
        assert catalog_ids[locale].get(entry.alt, "").strip(), f"{locale}: no alt text for {entry.id}"


def test_dutch_alt_texts_are_really_dutch(translators):
    nl = translators["nl"]
    assert nl(pictogram("water").alt) == "Een glas onder een kraan"
    untranslated = [p.id for p in PICTOGRAMS if nl(p.alt) == p.alt]
    assert untranslated == []


def test_decorative_pictograms_are_those_that_repeat_their_label():
    decorative = {p.id for p in PICTOGRAMS if p.decorative}
    assert {"nodding_head", "shaking_head", "shrug", "zipped_mouth", "back_arrow", "stop_sign"} <= decorative
    assert "water" not in decorative


@pytest.mark.parametrize("entry", PICTOGRAMS, ids=lambda p: p.id)
def test_svg_is_well_formed_and_references_nothing_outside_itself(entry):
    text = (STATIC_DIR / entry.file).read_text(encoding="utf-8")
    assert external_references(text) == []
    root = ET.fromstring(text)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert "font-family" not in text


def test_external_reference_check_catches_remote_content():
    assert external_references('<svg xmlns="http://www.w3.org/2000/svg"><use href="#a"/></svg>') == []
    assert external_references('<path fill="url(#Dot)"/>') == []
    assert external_references('<image href="https://example.org/x.png"/>')
    assert external_references('<image xlink:href="http://example.org/x.png"/>')
    assert external_references("<style>@import url(https://fonts.example/x.css);</style>")
    assert external_references("<style>@font-face { src: url(f.woff) }</style>")


def test_licence_file_credits_openmoji():
    text = (STATIC_DIR / "pictograms" / "LICENSE.md").read_text(encoding="utf-8")
    assert "OpenMoji" in text
    assert "CC BY-SA 4.0" in text
    assert "https://creativecommons.org/licenses/by-sa/4.0/" in text
