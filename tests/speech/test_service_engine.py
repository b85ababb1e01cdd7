"""The speech service against the real pyttsx3 + espeak-ng engine (no fakes)."""

from __future__ import annotations

import json
import multiprocessing
import os
import signal
import threading
import time

import pytest

from easyreport.speech import (
    SpeechService,
    SpeechUnavailable,
    UnknownVoice,
    UnsupportedLocale,
    UnsupportedSpeed,
    UnsupportedText,
    audio_file,
    read_cached,
    timings_file,
)

DUTCH = "Je mag altijd stoppen. Zeg het als je een pauze wilt. Dat is goed."
ENGLISH = "You can stop at any time. Tell me when you want a break. That is fine."
# Prefixes of this list give 20 texts whose spoken length grows word by word.
SENTENCE = (
    "Je mag altijd even stoppen als je moe bent en dan praten we later verder "
    "over wat jij nodig hebt bij het gesprek vandaag"
)
GROWING = tuple(SENTENCE.split())


def test_dutch_clip_is_playable_mp3_with_one_timing_per_word(service, assert_clip_speaks, decode_mp3):
    clip = service.clip(DUTCH, "nl", "normal")

    assert_clip_speaks(clip, DUTCH)
    samples = len(decode_mp3(clip.mp3_path))
    assert abs(samples * 1000 / 22_050 - clip.duration_ms) < 30


def test_english_clip_is_playable_mp3_with_one_timing_per_word(service, assert_clip_speaks, decode_mp3):
    clip = service.clip(ENGLISH, "en", "normal")

    assert_clip_speaks(clip, ENGLISH)
    assert len(decode_mp3(clip.mp3_path)) > 22_050  # more than a second of decoded speech


def test_timings_follow_characters_not_bytes(service, assert_clip_speaks):
    text = "De cliënt zegt oké tegen één vraag."

    clip = service.clip(text, "nl")

    assert_clip_speaks(clip, text)
    assert [text[t.start : t.start + t.length] for t in clip.timings][1] == "cliënt"


def test_offsets_survive_line_breaks_and_typographic_punctuation(service, assert_clip_speaks):
    text = "  Hallo\n\n   wereld.  «Ja», zei ze — “nee”… (misschien).\n"

    assert_clip_speaks(service.clip(text, "nl"), text)


def test_words_the_engine_splits_or_skips_still_get_one_timing_each(service):
    text = "Bel 112 of kom om 2.5 uur, e.g. morgen."

    clip = service.clip(text, "en")

    spoken = [text[t.start : t.start + t.length] for t in clip.timings]
    assert spoken == ["Bel", "112", "of", "kom", "om", "2.5", "uur", "e.g", "morgen"]
    assert [t.ms for t in clip.timings] == sorted(t.ms for t in clip.timings)


def test_timings_file_holds_what_the_browser_needs(service):
    clip = service.clip(DUTCH, "nl")

    document = json.loads(clip.timings_path.read_text())

    assert document == {"words": [list(t) for t in clip.timings], "duration_ms": clip.duration_ms}


def test_slow_speech_is_clearly_slower(service):
    normal = service.clip(DUTCH, "nl", "normal")
    slow = service.clip(DUTCH, "nl", "slow")

    assert slow.key != normal.key
    assert slow.duration_ms > 1.25 * normal.duration_ms
    assert slow.timings[-1].ms > 1.25 * normal.timings[-1].ms


def test_speed_and_voice_never_leak_from_the_previous_clip(service):
    # Regression: pyttsx3 cancels espeak at the start of runAndWait while espeak still applies the
    # new rate, and the cancel restored the previous clip's rate. Trailing spaces give new keys
    # for the same speech.
    durations: dict[tuple[str, str], set[int]] = {}
    for n in range(24):
        locale, speed = ("nl", "en")[n % 2], ("normal", "slow")[(n // 2) % 2]
        clip = service.clip("Je mag altijd stoppen." + " " * (n + 1), locale, speed)
        durations.setdefault((locale, speed), set()).add(clip.duration_ms)

    for (locale, speed), seen in durations.items():
        assert max(seen) - min(seen) <= 60, (locale, speed, seen)
    for locale in ("nl", "en"):
        assert min(durations[locale, "slow"]) > 1.25 * max(durations[locale, "normal"])


def test_each_locale_speaks_with_its_own_voice(service):
    text = "Dit is een test."

    dutch = service.clip(text, "nl")
    english = service.clip(text, "en")

    assert dutch.key != english.key
    assert dutch.mp3_path.read_bytes() != english.mp3_path.read_bytes()


def test_cache_hit_returns_same_file_without_running_the_engine(service):
    text = "Deze zin wordt maar een keer uitgesproken."
    first = service.clip(text, "nl")
    before = service.stats()
    written = first.mp3_path.stat().st_mtime_ns

    second = service.clip(text, "nl")
    after = service.stats()

    assert second == first
    assert second.mp3_path.stat().st_mtime_ns == written
    assert after.engine_runs == before.engine_runs
    assert after.cache_hits == before.cache_hits + 1
    assert service.key_for(text, "nl", "normal") == first.key
    assert service.cached(first.key) == first


def test_new_service_on_same_cache_serves_hits_with_no_engine_run(service):
    text = "Een nieuwe dienst leest deze zin uit de opslag."
    made = service.clip(text, "en")

    with SpeechService(service.cache_dir) as fresh:
        hit = fresh.clip(text, "en")
        stats = fresh.stats()

    assert hit == made
    assert stats.engine_runs == 0


def test_serving_lookups_need_no_engine_and_refuse_foreign_keys(service):
    clip = service.clip(DUTCH, "nl")

    assert audio_file(service.cache_dir, clip.key) == clip.mp3_path
    assert timings_file(service.cache_dir, clip.key) == clip.timings_path
    assert read_cached(service.cache_dir, clip.key) == clip
    assert audio_file(service.cache_dir, "../" + clip.key[3:]) is None
    assert service.cached("0" * 64) is None


def test_twenty_threads_with_twenty_new_texts_each_get_their_own_audio(service, assert_clip_speaks):
    texts = [" ".join(GROWING[: n + 2]) + "." for n in range(20)]
    before = service.stats().engine_runs
    barrier = threading.Barrier(len(texts))
    results: dict[int, object] = {}

    def ask(index: int) -> None:
        barrier.wait()
        try:
            results[index] = service.clip(texts[index], "nl")
        except Exception as exc:  # collected and asserted below
            results[index] = exc

    threads = [threading.Thread(target=ask, args=(i,)) for i in range(len(texts))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)

    clips = [results[i] for i in range(len(texts))]
    for clip, text in zip(clips, texts, strict=True):
        assert not isinstance(clip, Exception), clip
        assert_clip_speaks(clip, text)
    assert len({c.mp3_path for c in clips}) == 20
    assert len({c.mp3_path.read_bytes() for c in clips}) == 20
    durations = [c.duration_ms for c in clips]
    assert durations == sorted(durations) and len(set(durations)) == 20, durations
    assert service.stats().engine_runs == before + 20


def test_threads_asking_for_the_same_new_text_share_one_synthesis(service):
    text = "Tien mensen vragen tegelijk om deze zin."
    before = service.stats().engine_runs
    barrier = threading.Barrier(10)
    clips = []

    def ask() -> None:
        barrier.wait()
        clips.append(service.clip(text, "nl", "slow"))

    threads = [threading.Thread(target=ask) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert len(clips) == 10 and len({c.key for c in clips}) == 1
    assert service.stats().engine_runs == before + 1


def test_requests_outside_the_configuration_are_refused(service):
    with pytest.raises(UnsupportedLocale):
        service.clip(DUTCH, "de")
    with pytest.raises(UnsupportedSpeed):
        service.clip(DUTCH, "nl", "fast")
    with pytest.raises(UnsupportedText):
        service.clip(" ... ", "nl")
    with pytest.raises(UnsupportedText):
        service.clip("nul\x00teken", "nl")


def test_region_locales_use_the_language_voice(service):
    assert service.key_for(DUTCH, "nl_NL", "normal") == service.key_for(DUTCH, "nl", "normal")
    assert service.key_for(ENGLISH, "en-GB", "normal") == service.key_for(ENGLISH, "en", "normal")


@pytest.fixture
def children_before(service: SpeechService) -> set[int | None]:
    """Child processes alive before the test: the shared worker, and any other app's (a live server's)."""
    return {p.pid for p in multiprocessing.active_children()}


def other_workers(before: set[int | None]) -> list[multiprocessing.process.BaseProcess]:
    """Return live child processes that the test started and left behind."""
    return [p for p in multiprocessing.active_children() if p.pid not in before]


def test_unknown_voice_fails_at_start_and_leaves_no_worker(tmp_path, children_before):
    speech = SpeechService(tmp_path, voices={"nl": "gmw/nl", "en": "gmw/does-not-exist"})

    with pytest.raises(UnknownVoice) as raised:
        speech.start()

    assert raised.value.locale == "en"
    assert isinstance(raised.value, SpeechUnavailable)
    assert not other_workers(children_before)
    with pytest.raises(SpeechUnavailable):
        speech.clip(DUTCH, "nl")


def test_engine_that_cannot_load_makes_speech_unavailable(tmp_path, children_before):
    speech = SpeechService(tmp_path, engine_name="no-such-engine")

    with pytest.raises(SpeechUnavailable, match="failed to start"):
        speech.start()

    assert not speech.available
    with pytest.raises(SpeechUnavailable):
        speech.clip(DUTCH, "nl")
    with pytest.raises(SpeechUnavailable):
        speech.key_for(DUTCH, "nl", "normal")
    assert not other_workers(children_before)


def test_clip_before_start_and_after_close_is_unavailable(tmp_path, children_before):
    speech = SpeechService(tmp_path)
    with pytest.raises(SpeechUnavailable):
        speech.clip(DUTCH, "nl")

    speech.start()
    speech.close()

    with pytest.raises(SpeechUnavailable):
        speech.clip(DUTCH, "nl")
    assert not other_workers(children_before)


def test_worker_that_dies_is_replaced(tmp_path, assert_clip_speaks):
    with SpeechService(tmp_path) as speech:
        speech.clip("Eerst een zin.", "nl")
        first = speech.stats()
        assert first.worker_pid is not None
        os.kill(first.worker_pid, signal.SIGKILL)

        clip = speech.clip(DUTCH, "nl")
        after = speech.stats()

    assert_clip_speaks(clip, DUTCH)
    assert after.worker_restarts == 1
    assert after.worker_pid != first.worker_pid
    assert after.engine_runs == first.engine_runs + 1


def test_hung_worker_times_out_and_is_replaced(tmp_path, assert_clip_speaks):
    with SpeechService(tmp_path, synth_timeout_s=1.5) as speech:
        pid = speech.stats().worker_pid
        assert pid is not None
        os.kill(pid, signal.SIGSTOP)  # a real hang: the process is alive but never answers

        started = time.monotonic()
        with pytest.raises(SpeechUnavailable, match="timed out"):
            speech.clip("Deze zin blijft hangen.", "nl")
        waited = time.monotonic() - started

        clip = speech.clip(DUTCH, "nl")
        stats = speech.stats()

    assert 1.4 < waited < 5
    assert_clip_speaks(clip, DUTCH)
    assert stats.worker_restarts == 1 and stats.worker_pid != pid
