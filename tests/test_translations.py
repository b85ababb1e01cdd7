"""The catalogues are up to date, complete in Dutch and English, and keep every placeholder."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
COMPLETE_LOCALES = ("nl", "en")
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}")


def _catalog(path: Path, locale: str | None = None):
    with path.open("rb") as f:
        return read_po(f, locale=locale)


def test_pot_is_not_stale(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import i18n
    finally:
        sys.path.pop(0)
    fresh = tmp_path / "fresh.pot"
    i18n.extract(fresh)
    committed = {m.id for m in _catalog(ROOT / "translations" / "messages.pot") if m.id}
    current = {m.id for m in _catalog(fresh) if m.id}
    assert current - committed == set(), (
        "run: python scripts/i18n.py update (new strings are not in messages.pot)"
    )
    assert committed - current == set(), (
        "run: python scripts/i18n.py update (messages.pot holds removed strings)"
    )


@pytest.mark.parametrize("locale", COMPLETE_LOCALES)
def test_every_message_is_translated(locale):
    template = {m.id for m in _catalog(ROOT / "translations" / "messages.pot") if m.id}
    catalog = _catalog(ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po", locale)
    translated = {}
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), f"{locale}: no translation for {message.id!r}"
        assert "fuzzy" not in message.flags, f"{locale}: fuzzy translation for {message.id!r}"
        translated[message.id] = message
    assert template - set(translated) == set(), f"{locale}: messages missing from the catalogue"


@pytest.mark.parametrize("locale", COMPLETE_LOCALES)
def test_translations_keep_placeholders(locale):
    catalog = _catalog(ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po", locale)
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = set(PLACEHOLDER.findall(ids[0]))
        for string in strings:
            assert set(PLACEHOLDER.findall(string)) == expected, (
                f"{locale}: placeholders differ in {ids[0]!r}"
            )


def test_translations_compile_cleanly(tmp_path):
    for locale in COMPLETE_LOCALES:
        po = ROOT / "translations" / locale / "LC_MESSAGES" / "messages.po"
        result = subprocess.run(
            ["msgfmt", "--check-format", "-o", str(tmp_path / f"{locale}.mo"), str(po)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
