"""Catalogues compiled in memory from the committed .po files, so no .mo file is needed or written."""

from __future__ import annotations

from collections.abc import Callable
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from easyreport.briefing.needs import NEEDS

ROOT = Path(__file__).resolve().parents[2]
LOCALES = ("nl", "en")

# The canonical need vocabulary every answer and observation must use.
NEED_IDS = frozenset(NEEDS)


def compiled(locale: str) -> Translations:
    """Compile the committed catalogue of a locale in memory."""
    with (ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f, locale=locale)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(fp=buffer)


@pytest.fixture(scope="session")
def translators() -> dict[str, Callable[[str], str]]:
    return {locale: compiled(locale).gettext for locale in LOCALES}


@pytest.fixture(scope="session")
def catalog_ids() -> dict[str, dict[str, str]]:
    """Map each locale to its msgid -> msgstr pairs (untranslated ones left out)."""
    result = {}
    for locale in LOCALES:
        with (ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po").open("rb") as f:
            catalog = read_po(f, locale=locale)
        result[locale] = {m.id: m.string for m in catalog if m.id and m.string and "fuzzy" not in m.flags}
    return result
