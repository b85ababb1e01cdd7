"""Fixtures for the speech tests: a real engine service and independent checks of MP3 files."""

from __future__ import annotations

import array
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from flask import Flask
from flask.testing import FlaskClient

from easyreport.accounts import service as accounts
from easyreport.extensions import db
from easyreport.preparation import service as preparations
from easyreport.roles import Role
from easyreport.speech import Clip, SpeechService
from easyreport.speech.mp3 import parse_mp3
from easyreport.speech.web import close_speech
from easyreport.timeutil import utcnow
from tests.conftest import PASSWORD, csrf_token, login, make_test_app

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


# -- the web layer: apps with the real engine ------------------------------------------------------


@pytest.fixture(scope="module")
def speech_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Flask]:
    """An app with the real espeak-ng speech service, shared by a module's tests, stopped afterwards."""
    app = make_test_app(tmp_path_factory.mktemp("speech-app"), SPEECH_ENGINE="espeak")
    yield app
    close_speech(app)
    with app.app_context():
        db.engine.dispose()  # connections opened after the first test's clean-up (PostgreSQL warns otherwise)


def enter_client_mode(
    app: Flask,
    client: FlaskClient,
    *,
    username: str,
    locale: str = "nl",
    speed: str = "normal",
    auto: bool = False,
) -> str:
    """Create a counsellor and a preparation, log in through the form and hand the screen to the client."""
    with app.app_context():
        user = accounts.create_account(db.session, username, Role.COUNSELLOR, PASSWORD, min_length=1)
        db.session.commit()
        preparation = preparations.create(db.session, user.id, "A7", "18-22", locale, now=utcnow())
        preparations.set_speech(db.session, preparation, speed=speed, read_aloud_auto=auto)
        db.session.commit()
        public_id = preparation.public_id
    assert login(client, username).status_code == 302
    page = client.get(f"/counsellor/preparations/{public_id}")
    response = client.post(
        f"/counsellor/preparations/{public_id}/client-mode", data={"csrf_token": csrf_token(page.text)}
    )
    assert response.location == "/client/"
    return public_id


def answer_question(client: FlaskClient, question_id: str, option_id: str) -> str:
    """Answer through the real form; return where the app sends the client next."""
    page = client.get(f"/client/questions/{question_id}")
    shown = re.search(r'name="shown_at" value="([^"]*)"', page.text)
    response = client.post(
        f"/client/questions/{question_id}",
        data={
            "csrf_token": csrf_token(page.text),
            "option": option_id,
            "shown_at": shown.group(1) if shown else "",
        },
    )
    assert response.status_code == 302, response.text
    return response.location
