"""Read-aloud in the client-only languages: an espeak-ng voice each, word timings in Cyrillic and Arabic."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from easyreport.client_languages import CLIENT_ONLY_LANGUAGES
from easyreport.speech import SpeechService
from easyreport.speech.voices import CLIENT_ONLY_VOICES, DEFAULT_VOICES

SENTENCES = {
    "ar": "يمكنك أن تأخذ استراحة الآن. إجاباتك محفوظة.",
    "uk": "Ви можете зробити перерву. Ваші відповіді збережено.",
    "bg": "Можете да спрете по всяко време. Отговорите ви са запазени.",
    "pl": "Możesz zrobić przerwę. Twoje odpowiedzi są zapisane.",
    "ro": "Poți lua o pauză. Răspunsurile tale sunt salvate.",
}


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SpeechService]:
    voices = dict(DEFAULT_VOICES) | dict(CLIENT_ONLY_VOICES)
    with SpeechService(
        tmp_path_factory.mktemp("client-voices"),
        voices=voices,
        optional_locales=frozenset(CLIENT_ONLY_VOICES),
    ) as started:
        yield started


def test_every_client_language_has_a_voice_here(service):
    assert service.missing_voices == {}
    assert {language.code: language.voice for language in CLIENT_ONLY_LANGUAGES} == dict(CLIENT_ONLY_VOICES)


@pytest.mark.parametrize("locale", sorted(SENTENCES))
def test_each_word_gets_one_timing_in_reading_order(service, assert_clip_speaks, locale):
    # Offsets count characters of the text in logical order; for Arabic the browser lays them out right to left.
    text = SENTENCES[locale]
    clip = service.clip(text, locale, "normal")
    assert_clip_speaks(clip, text)


def test_arabic_words_are_found_by_their_letters(service):
    text = SENTENCES["ar"]
    clip = service.clip(text, "ar", "slow")
    spoken = [text[t.start : t.start + t.length] for t in clip.timings]
    assert spoken == ["يمكنك", "أن", "تأخذ", "استراحة", "الآن", "إجاباتك", "محفوظة"]


def test_a_missing_client_voice_switches_off_that_language_only(tmp_path):
    voices = {"nl": "gmw/nl", "ar": "sem/no-such-voice", "uk": "zle/uk"}
    with SpeechService(tmp_path, voices=voices, optional_locales=frozenset({"ar", "uk"})) as started:
        assert started.missing_voices == {"ar": "sem/no-such-voice"}
        assert set(started.voices) == {"nl", "uk"}
        assert started.clip("Ви можете зробити перерву.", "uk").timings


def test_app_without_the_arabic_voice_keeps_audio_for_the_others(tmp_path, monkeypatch):
    import dataclasses

    from easyreport import client_languages
    from easyreport.content.client_screens import READ_ALOUD_UNAVAILABLE
    from easyreport.speech.web import close_speech
    from easyreport.translatable import translate
    from tests.conftest import make_test_app
    from tests.speech.conftest import enter_client_mode

    languages = tuple(
        dataclasses.replace(language, enabled=language.code == "ar") for language in CLIENT_ONLY_LANGUAGES
    )
    monkeypatch.setattr(client_languages, "CLIENT_ONLY_LANGUAGES", languages)
    app = make_test_app(
        tmp_path, SPEECH_ENGINE="espeak", SPEECH_VOICES="nl=gmw/nl,en=gmw/en,ar=sem/no-such-voice"
    )
    try:
        arabic = app.test_client()
        enter_client_mode(app, arabic, username="arabic", locale="ar")
        page = arabic.get("/client/")
        assert page.status_code == 200 and 'lang="ar" dir="rtl"' in page.text
        assert translate(READ_ALOUD_UNAVAILABLE, "ar") in page.text
        assert "data-audio-src" not in page.text
        dutch = app.test_client()
        enter_client_mode(app, dutch, username="dutch", locale="nl")
        assert "data-audio-src" in dutch.get("/client/").text
    finally:
        close_speech(app)
