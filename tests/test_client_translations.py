"""The client-only languages: their catalogues hold exactly the client-facing strings, complete when enabled."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from easyreport.client_languages import ALL_LANGUAGES, CLIENT_ONLY_CODES, CLIENT_ONLY_LANGUAGES
from easyreport.content.client_shared import SHARED_CLIENT_TEXTS
from easyreport.content.texts import all_client_texts, alt_text_units

ROOT = Path(__file__).resolve().parent.parent
TRANSLATIONS = ROOT / "translations"
PLACEHOLDER = re.compile(r"%\([a-z_]+\)[sd]|\{[a-z_]+\}")
ENABLED = [language.code for language in CLIENT_ONLY_LANGUAGES if language.enabled]


def _catalog(path: Path, locale: str | None = None):
    with path.open("rb") as f:
        return read_po(f, locale=locale)


def _ids(path: Path) -> set[str]:
    return {m.id if isinstance(m.id, str) else m.id[0] for m in _catalog(path) if m.id}


def _i18n_script():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import i18n
    finally:
        sys.path.pop(0)
    return i18n


def test_client_pot_is_not_stale(tmp_path):
    fresh = tmp_path / "client.pot"
    _i18n_script().extract_client(fresh)
    assert _ids(fresh) == _ids(TRANSLATIONS / "client.pot"), "run: python scripts/i18n.py update"


def test_client_pot_holds_every_client_text_and_alt_text():
    client = _ids(TRANSLATIONS / "client.pot")
    wanted = set(all_client_texts()) | {text for _where, texts in alt_text_units() for text in texts}
    assert wanted - client == set(), "list the file in babel-client.cfg"


def test_client_strings_are_a_part_of_the_whole_catalogue():
    assert _ids(TRANSLATIONS / "client.pot") <= _ids(TRANSLATIONS / "messages.pot")


def test_shared_client_texts_are_still_used_where_they_are_written():
    # client_shared.py repeats texts written in views and base.html; a repeated text nobody shows is stale.
    sources = "".join(
        (ROOT / name).read_text(encoding="utf-8")
        for name in (
            "templates/base.html",
            "easyreport/preparation/client_views.py",
            "easyreport/briefing/consent_views.py",
        )
    )
    for text in SHARED_CLIENT_TEXTS:
        assert text.replace('"', '\\"') in sources.replace('"', '\\"') or text in sources, text


@pytest.mark.parametrize("locale", CLIENT_ONLY_CODES)
def test_client_catalogue_holds_exactly_the_client_strings(locale):
    po = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
    assert _ids(po) == _ids(TRANSLATIONS / "client.pot"), "run: python scripts/i18n.py update"


@pytest.mark.parametrize("locale", CLIENT_ONLY_CODES)
def test_client_translations_keep_placeholders(locale):
    for message in _catalog(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", locale):
        if not message.id or not message.string:
            continue
        expected = set(PLACEHOLDER.findall(message.id))
        assert set(PLACEHOLDER.findall(message.string)) == expected, f"{locale}: {message.id!r}"


@pytest.mark.parametrize("locale", ENABLED or ["(none enabled)"])
def test_enabled_client_language_is_complete(locale):
    if locale not in ALL_LANGUAGES:
        assert ENABLED == []
        return
    missing = _i18n_script().missing(locale)
    assert missing == [], f"{locale} is enabled but {len(missing)} texts have no translation: {missing[:5]}"


@pytest.mark.parametrize("locale", CLIENT_ONLY_CODES)
def test_client_catalogues_compile_cleanly(tmp_path, locale):
    po = TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po"
    result = subprocess.run(
        ["msgfmt", "--check-format", "-o", str(tmp_path / f"{locale}.mo"), str(po)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_a_disabled_language_is_never_offered():
    from easyreport.client_languages import client_codes

    for language in CLIENT_ONLY_LANGUAGES:
        assert (language.code in client_codes()) == language.enabled


@pytest.mark.parametrize("locale", ENABLED or ["(none enabled)"])
def test_enabled_client_language_follows_the_easy_read_rules(locale):
    # Sentence length for all (no sentence over 15 words, at most 10 on average per unit) and no abbreviations;
    # no readability formula exists here for these languages (plain_language.has_reading_ease).
    from easyreport.client_languages import client_catalogue
    from easyreport.content.plain_language import check_client_texts, has_reading_ease

    if locale not in ALL_LANGUAGES:
        return
    _translated, _total, translate = client_catalogue(locale)
    assert check_client_texts(locale, translate) == []
    assert not has_reading_ease(locale)
