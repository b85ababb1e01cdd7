"""Fixtures for the briefing tests: compiled catalogues so Dutch output can be checked."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from easyreport import translatable
from easyreport.briefing import service
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


@pytest.fixture
def builds(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Count the builds made for the sheet store (kept_sheet passes the inputs it read; fresh builds do not)."""
    counted: list[int] = []
    real_build = service.build_for

    def counting(*args: Any, **kwargs: Any) -> service.BuiltSheet:
        if "inputs" in kwargs:
            counted.append(1)
        return real_build(*args, **kwargs)

    monkeypatch.setattr(service, "build_for", counting)
    return counted
