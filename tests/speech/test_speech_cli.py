"""`flask speech build` makes every client text's audio once, reports what it made, and is quick when warm."""

from __future__ import annotations

import re
import time

from easyreport.client_languages import client_languages
from easyreport.content.texts import all_client_texts
from easyreport.speech.mp3 import parse_mp3
from easyreport.speech.texts import speakable
from easyreport.speech.web import close_speech, speech_web
from easyreport.translatable import translate
from tests.conftest import make_test_app

SUMMARY = re.compile(
    r"(?P<clips>\d+) clips \((?P<made>\d+) made, (?P<kept>\d+) already there\), (?P<files>\d+) files, "
    r"(?P<seconds>[\d.]+) s of audio, (?P<bytes>[\d,]+) bytes"
)


def test_build_makes_all_audio_then_finds_it_all_in_the_cache(tmp_path):
    app = make_test_app(tmp_path, SPEECH_ENGINE="espeak", SPEECH_CACHE_DIR=str(tmp_path / "audio"))
    try:
        runner = app.test_cli_runner()
        texts = [t for t in all_client_texts() if speakable(t)]
        # Every offered language (nl, en and the enabled client-only ones), normal and slow; and each language's
        # own name for the language-choice screen. Two texts that read the same in a language share one clip.
        offered = client_languages()
        jobs = {(t, language.code) for t in texts for language in offered} | {
            (language.own_name, language.code) for language in offered
        }
        clips = len(jobs) * 2
        expected = len({(translate(t, code), code) for t, code in jobs}) * 2

        cold = runner.invoke(args=["speech", "build"])

        assert cold.exit_code == 0, cold.output
        first = SUMMARY.search(cold.output)
        assert first, cold.output
        assert int(first["clips"]) == clips and int(first["made"]) == expected
        assert int(first["files"]) == 2 * expected
        mp3s = sorted((tmp_path / "audio").glob("*.mp3"))
        assert len(mp3s) == expected and len(list((tmp_path / "audio").glob("*.json"))) == expected
        on_disk = sum(path.stat().st_size for path in (tmp_path / "audio").iterdir())
        assert int(first["bytes"].replace(",", "")) == on_disk
        total_ms = sum(parse_mp3(path.read_bytes()).duration_ms for path in mp3s)
        assert abs(float(first["seconds"]) - total_ms / 1000) < 0.1 + expected * 0.0005
        state = speech_web(app)
        for msgid in texts[:5]:
            assert state.service.cached(state.key(msgid, "nl", "slow")) is not None

        started = time.perf_counter()
        warm = runner.invoke(args=["speech", "build"])
        elapsed = time.perf_counter() - started

        assert warm.exit_code == 0, warm.output
        second = SUMMARY.search(warm.output)
        assert second and int(second["made"]) == 0 and int(second["kept"]) == clips
        assert second["bytes"] == first["bytes"]
        assert elapsed < 5, f"a warm build took {elapsed:.1f} s"
    finally:
        close_speech(app)


def test_build_without_audio_says_so_and_fails(tmp_path):
    app = make_test_app(tmp_path, SPEECH_ENGINE="none")

    result = app.test_cli_runner().invoke(args=["speech", "build"])

    assert result.exit_code != 0
    assert "Reading aloud is off" in result.output
