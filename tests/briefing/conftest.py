"""Fixtures for the briefing tests: compiled catalogues so Dutch output can be checked."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from easyreport import translatable
from easyreport.paths import TRANSLATIONS_DIR


@pytest.fixture(scope="session")
def compiled_catalogues() -> Iterator[None]:
    """Compile every .po next to it when the .mo is missing or older, as the set-up does."""
    for po in TRANSLATIONS_DIR.glob("*/LC_MESSAGES/messages.po"):
        mo = po.with_suffix(".mo")
        if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
            with po.open("rb") as f:
                catalog = read_po(f)
            with mo.open("wb") as f:
                write_mo(f, catalog)
    translatable._catalog.cache_clear()
    yield
