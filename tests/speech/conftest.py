"""Fixtures for the speech tests: a real engine service and independent checks of MP3 files."""

from __future__ import annotations

import array
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from easyreport.speech import Clip, SpeechService
from easyreport.speech.mp3 import parse_mp3

MPG123 = shutil.which("mpg123")


@pytest.fixture(scope="module")
def service(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SpeechService]:
    """One started service with the real espeak-ng engine, shared by a module's tests."""
    with SpeechService(tmp_path_factory.mktemp("speech-cache")) as started:
        yield started


@pytest.fixture
def decode_mp3() -> Callable[[Path], array.array[int]]:
    """Return a function that decodes an MP3 with mpg123 and gives its 16-bit mono samples."""
    # Installed by the project's setup script (apt package mpg123); the test fails loudly without it.
    assert MPG123 is not None, "mpg123 is needed for the decode check: apt-get install -y mpg123"

    def decode(path: Path) -> array.array[int]:
        result = subprocess.run([MPG123, "-q", "-s", str(path)], capture_output=True, check=True)
        assert result.stderr == b"", result.stderr.decode(errors="replace")
        return array.array("h", result.stdout)  # raw signed 16-bit, mono like the stream

    return decode


def words_of(text: str) -> list[tuple[int, str]]:
    """Return (offset, word) for each whitespace-separated word, punctuation stripped (test oracle)."""
    return [(m.start(), m.group()) for m in re.finditer(r"[^\W_]+(?:['’][^\W_]+)*", text)]


@pytest.fixture
def assert_clip_speaks() -> Callable[[Clip, str], None]:
    """Return a checker: the clip is a playable MP3 whose timings give each word of the text once."""

    def check(clip: Clip, text: str) -> None:
        data = clip.mp3_path.read_bytes()
        stream = parse_mp3(data)
        assert (stream.sample_rate, stream.channels, stream.bitrates_kbps) == (22_050, 1, frozenset({48}))
        assert clip.duration_ms == stream.duration_ms
        words = words_of(text)
        assert [(t.start, text[t.start : t.start + t.length]) for t in clip.timings] == words
        times = [t.ms for t in clip.timings]
        assert times == sorted(times), "word times must never go back"
        assert 0 < times[0] < 400, "the first word starts right after the encoder delay"
        assert times[-1] < clip.duration_ms
        # espeak-ng at 115-160 words a minute: roughly 0.2-0.8 s per word including pauses.
        assert 150 * len(words) < clip.duration_ms < 900 * len(words) + 600

    return check
