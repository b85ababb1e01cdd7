"""The clip cache on its own: keys, atomic files and lookups (no engine needed)."""

from __future__ import annotations

import json
import os
import threading
import time

import pytest

from easyreport.speech.cache import (
    audio_file,
    cache_key,
    is_key,
    read_audio,
    read_cached,
    remove_stale_temp_files,
    timings_file,
    write_clip,
)
from easyreport.speech.timings import WordTiming

ENGINE = "pyttsx3-2.99/espeak-ng-1.51/mp3"
TIMINGS = [WordTiming(0, 2, 50), WordTiming(3, 3, 300)]


def test_key_is_a_stable_sha256_hex_digest():
    key = cache_key(ENGINE, "gmw/nl", 160, "Je mag stoppen.")

    assert key == cache_key(ENGINE, "gmw/nl", 160, "Je mag stoppen.")
    assert is_key(key) and len(key) == 64


@pytest.mark.parametrize(
    "changed",
    [
        ("pyttsx3-2.99/espeak-ng-1.52/mp3", "gmw/nl", 160, "Je mag stoppen."),
        (ENGINE, "gmw/en", 160, "Je mag stoppen."),
        (ENGINE, "gmw/nl", 115, "Je mag stoppen."),
        (ENGINE, "gmw/nl", 160, "Je mag stoppen"),
        (ENGINE, "gmw/nl", 160, "Je mag stoppen. "),
    ],
)
def test_every_input_changes_the_key(changed):
    assert cache_key(*changed) != cache_key(ENGINE, "gmw/nl", 160, "Je mag stoppen.")


def test_fields_cannot_run_into_each_other():
    assert cache_key("a", "b|c", 1, "d") != cache_key("a|b", "c", 1, "d")
    assert cache_key("a", "b", 1, "2d") != cache_key("a", "b", 12, "d")


@pytest.mark.parametrize(
    "value", ["", "../etc/passwd", "A" * 64, "0" * 63, "0" * 65, "g" * 64, "0" * 63 + "\n"]
)
def test_lookups_refuse_anything_that_is_not_a_key(tmp_path, value):
    assert not is_key(value)
    assert audio_file(tmp_path, value) is None
    assert timings_file(tmp_path, value) is None
    assert read_cached(tmp_path, value) is None
    assert read_audio(tmp_path, value) is None


def test_written_clip_reads_back_the_same(tmp_path):
    key = cache_key(ENGINE, "gmw/nl", 160, "Ja nee")

    written = write_clip(tmp_path / "audio", key, b"\xff\xf3mp3", TIMINGS, 1234)

    assert read_cached(tmp_path / "audio", key) == written
    assert written.mp3_path.read_bytes() == b"\xff\xf3mp3"
    assert json.loads(written.timings_path.read_text()) == {
        "words": [[0, 2, 50], [3, 3, 300]],
        "duration_ms": 1234,
    }
    assert audio_file(tmp_path / "audio", key) == written.mp3_path
    assert read_audio(tmp_path / "audio", key) == b"\xff\xf3mp3"
    assert read_audio(str(tmp_path / "audio"), key) == b"\xff\xf3mp3"
    assert timings_file(tmp_path / "audio", key) == written.timings_path
    assert oct(written.mp3_path.stat().st_mode & 0o777) == "0o644"
    assert sorted(p.name for p in (tmp_path / "audio").iterdir()) == [f"{key}.json", f"{key}.mp3"]


def test_missing_or_broken_entries_are_misses(tmp_path):
    key = cache_key(ENGINE, "gmw/nl", 160, "kapot")
    clip = write_clip(tmp_path, key, b"\xff\xf3mp3", TIMINGS, 10)

    clip.timings_path.write_text("{not json")
    assert read_cached(tmp_path, key) is None

    clip.timings_path.write_text('{"words": [[1, 2]], "duration_ms": 3}')
    assert read_cached(tmp_path, key) is None

    write_clip(tmp_path, key, b"", TIMINGS, 10)
    assert read_cached(tmp_path, key) is None

    write_clip(tmp_path, key, b"\xff\xf3mp3", TIMINGS, 10)
    clip.mp3_path.unlink()
    assert read_cached(tmp_path, key) is None
    assert audio_file(tmp_path, key) is None
    assert read_audio(tmp_path, key) is None


def test_readers_never_see_half_written_files(tmp_path):
    key = cache_key(ENGINE, "gmw/nl", 160, "race")
    # Payloads of very different sizes: a torn write would show up as a size or content mismatch.
    payloads = {bytes([n]) * (2_000 + 150_000 * (n % 3)) for n in range(1, 7)}
    done = threading.Event()
    seen: list[bytes] = []
    errors: list[str] = []

    def write(payload: bytes) -> None:
        for _ in range(25):
            write_clip(tmp_path, key, payload, TIMINGS, len(payload))

    def read() -> None:
        while not done.is_set():
            clip = read_cached(tmp_path, key)
            if clip is None:
                continue
            data = clip.mp3_path.read_bytes()
            seen.append(data)
            if data not in payloads:
                errors.append(f"torn read of {len(data)} bytes")

    readers = [threading.Thread(target=read) for _ in range(3)]
    writers = [threading.Thread(target=write, args=(p,)) for p in payloads]
    for thread in readers + writers:
        thread.start()
    for thread in writers:
        thread.join()
    done.set()
    for thread in readers:
        thread.join()

    assert not errors
    assert seen
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_stale_temp_files_are_removed_and_fresh_ones_kept(tmp_path):
    stale = tmp_path / ".abc.mp3.x1.tmp"
    fresh = tmp_path / ".abc.mp3.x2.tmp"
    stale.write_bytes(b"half")
    fresh.write_bytes(b"half")
    old = time.time() - 7200
    os.utime(stale, (old, old))

    assert remove_stale_temp_files(tmp_path) == 1
    assert not stale.exists() and fresh.exists()
