"""`flask speech build` makes every client text's audio once, reports what it made, and keeps it when warm."""

from __future__ import annotations

import re

from easyreport.client_languages import client_languages
from easyreport.content.texts import all_client_texts
from easyreport.speech.build_jobs import audio_jobs
from easyreport.speech.mp3 import parse_mp3
from easyreport.speech.texts import speakable
from easyreport.speech.web import close_speech, speech_web
from easyreport.translatable import translate
from tests.conftest import make_test_app

SUMMARY = re.compile(
    r"(?P<clips>\d+) clips \((?P<made>\d+) made, (?P<kept>\d+) already there\), (?P<files>\d+) files, "
    r"(?P<seconds>[\d.]+) s of audio, (?P<bytes>[\d,]+) bytes"
)


def test_build_makes_all_audio_for_a_language_then_finds_it_all_in_the_cache(tmp_path):
    # One language cold (a full build is every language the same way, ~7 times longer); audio_jobs below proves
    # the enumeration over every language.
    app = make_test_app(tmp_path, SPEECH_ENGINE="espeak", SPEECH_CACHE_DIR=str(tmp_path / "audio"))
    try:
        runner = app.test_cli_runner()
        texts = [t for t in all_client_texts() if speakable(t)]
        dutch = next(language for language in client_languages() if language.code == "nl")
        # Every text normal and slow, and Dutch's own name; two texts that read the same share one clip.
        jobs = {(t, "nl") for t in texts} | {(dutch.own_name, "nl")}
        clips = len(jobs) * 2
        expected = len({(translate(t, code), code) for t, code in jobs}) * 2

        cold = runner.invoke(args=["speech", "build", "--language", "nl"])

        assert cold.exit_code == 0, cold.output
        first = SUMMARY.search(cold.output)
        assert first, cold.output
        assert int(first["clips"]) == clips and int(first["made"]) == expected
        assert int(first["files"]) == 2 * expected
        assert "x 1 languages x 2 speeds" in cold.output
        mp3s = sorted((tmp_path / "audio").glob("*.mp3"))
        assert len(mp3s) == expected and len(list((tmp_path / "audio").glob("*.json"))) == expected
        on_disk = sum(path.stat().st_size for path in (tmp_path / "audio").iterdir())
        assert int(first["bytes"].replace(",", "")) == on_disk
        total_ms = sum(parse_mp3(path.read_bytes()).duration_ms for path in mp3s)
        assert abs(float(first["seconds"]) - total_ms / 1000) < 0.1 + expected * 0.0005
        state = speech_web(app)
        for msgid in texts[:5]:
            assert state.service.cached(state.key(msgid, "nl", "slow")) is not None
            assert state.service.cached(state.key(msgid, "en", "slow")) is None

        warm = runner.invoke(args=["speech", "build", "--language", "nl"])

        assert warm.exit_code == 0, warm.output
        second = SUMMARY.search(warm.output)
        assert second and int(second["made"]) == 0 and int(second["kept"]) == clips
        assert second["bytes"] == first["bytes"]
        assert len(list((tmp_path / "audio").glob("*.mp3"))) == expected
    finally:
        close_speech(app)


def test_build_of_a_language_without_a_voice_says_which_have_one(tmp_path):
    app = make_test_app(tmp_path, SPEECH_ENGINE="espeak", SPEECH_CACHE_DIR=str(tmp_path / "audio"))
    try:
        result = app.test_cli_runner().invoke(args=["speech", "build", "--language", "xx"])

        assert result.exit_code != 0
        assert "No voice for xx" in result.output and "nl" in result.output
        assert not list((tmp_path / "audio").glob("*.mp3"))
    finally:
        close_speech(app)


def test_jobs_cover_every_text_in_every_language_and_speed_once():
    texts = [t for t in all_client_texts() if speakable(t)]
    offered = client_languages()
    codes = [language.code for language in offered]

    jobs = audio_jobs(texts + texts[:3], codes, ("normal", "slow"), offered)

    assert len(jobs) == len(set(jobs))
    expected = {(t, code, speed) for t in texts for code in codes for speed in ("normal", "slow")}
    expected |= {
        (language.own_name, language.code, speed) for language in offered for speed in ("normal", "slow")
    }
    assert set(jobs) == expected
    # Ordered by language, so a progress bar shows one language after another.
    assert [locale for _, locale, _ in jobs] == sorted(locale for _, locale, _ in jobs)


def test_jobs_for_some_languages_leave_the_others_out():
    offered = client_languages()
    texts = ["Yes", "No"]

    jobs = audio_jobs(texts, ["nl"], ("normal",), offered)

    dutch = next(language for language in offered if language.code == "nl")
    assert jobs == [("Yes", "nl", "normal"), ("No", "nl", "normal"), (dutch.own_name, "nl", "normal")]
    assert audio_jobs(texts, [], ("normal",), offered) == []


def test_build_without_audio_says_so_and_fails(tmp_path):
    app = make_test_app(tmp_path, SPEECH_ENGINE="none")

    result = app.test_cli_runner().invoke(args=["speech", "build"])

    assert result.exit_code != 0
    assert "Reading aloud is off" in result.output
