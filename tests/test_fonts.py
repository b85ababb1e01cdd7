"""The app serves fonts for every script its client languages use: no tofu, nothing from elsewhere."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from easyreport.client_languages import ALL_LANGUAGES, CLIENT_ONLY_CODES
from easyreport.client_languages import client_catalogue as catalogue

ROOT = Path(__file__).resolve().parent.parent
FONTS = ROOT / "static" / "fonts"
ARABIC_FACES = ("NotoSansArabic-Regular", "NotoSansArabic-Bold")
LATIN_CYRILLIC_FACES = ("NotoSans-Regular", "NotoSans-Bold")


@cache
def _cmap(face: str) -> frozenset[int]:
    return frozenset(TTFont(FONTS / f"{face}.woff2").getBestCmap())


def _letters(code: str) -> set[str]:
    """Every non-ASCII letter, mark or sign a client can see in a language: its translations and its own name."""
    po = ROOT / "translations" / code / "LC_MESSAGES" / "messages.po"
    text = po.read_text(encoding="utf-8").split("\n\n", 1)[1] + ALL_LANGUAGES[code].own_name
    strings = "".join(re.findall(r'^msgstr "(.*)"$', text, flags=re.MULTILINE)) + ALL_LANGUAGES[code].own_name
    return {c for c in strings if ord(c) > 0x7F and not unicodedata.category(c).startswith("Z")}


def _face_for(char: str) -> tuple[str, ...] | None:
    if 0x0600 <= ord(char) <= 0x06FF or 0xFB50 <= ord(char) <= 0xFEFF:
        return ARABIC_FACES
    if 0x0100 <= ord(char) <= 0x024F or 0x0400 <= ord(char) <= 0x04FF:
        return LATIN_CYRILLIC_FACES
    return None  # Latin-1 punctuation and letters: the system font (DejaVu Sans) has them


@pytest.mark.parametrize("code", CLIENT_ONLY_CODES)
def test_every_letter_of_a_client_language_is_in_a_served_font(code):
    missing = []
    for char in sorted(_letters(code)):
        faces = _face_for(char)
        if faces is None:
            continue
        for face in faces:
            if ord(char) not in _cmap(face):
                missing.append(f"{face}: U+{ord(char):04X} {char}")
    assert missing == []


def test_arabic_font_keeps_the_shaping_features():
    # Without init/medi/fina the letters would stand apart instead of joining.
    font = TTFont(FONTS / "NotoSansArabic-Regular.woff2")
    features = {record.FeatureTag for record in font["GSUB"].table.FeatureList.FeatureRecord}
    assert {"init", "medi", "fina", "rlig"} <= features


def test_fonts_come_from_the_app_only():
    css = (ROOT / "static" / "css" / "fonts.css").read_text(encoding="utf-8")
    urls = re.findall(r"url\(\"?([^\")]+)", css)
    assert urls and all(
        url.startswith("../fonts/") and (FONTS / url[len("../fonts/") :]).is_file() for url in urls
    )


def test_fonts_are_served_with_their_licence(client):
    for path, expected in (("NotoSansArabic-Regular.woff2", b"wOF2"), ("OFL.txt", b"SIL Open Font License")):
        response = client.get(f"/static/fonts/{path}")
        try:
            assert response.status_code == 200 and expected in response.data
        finally:
            response.close()
    about = client.get("/about").text
    # WhiteNoise names static files by their content: /static/fonts/OFL.<hash>.txt
    assert "Noto Sans Arabic" in about and re.search(r"/static/fonts/OFL\.[0-9a-f]+\.txt", about)


def test_catalogue_reader_counts_translations():
    translated, total, translate = catalogue("ar")
    assert 0 <= translated <= total and translate("no such text") == ""
