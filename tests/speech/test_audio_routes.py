"""The audio routes over HTTP with the real engine: playable clips, ranges, caching, and hostile addresses."""

from __future__ import annotations

import json
import os
import signal

import pytest

from easyreport.content import client_screens
from easyreport.speech.mp3 import parse_mp3
from easyreport.speech.texts import text_id
from easyreport.speech.web import speech_web
from tests.speech.conftest import enter_client_mode, words_of
from tests.speech.pages import read_page

TEXT = client_screens.WELCOME_LINES[0]


@pytest.fixture(scope="module")
def addresses(speech_app) -> dict[tuple[str, str], str]:
    """MP3 URL of one welcome line per (locale, speed), built the way the macro builds them."""
    state = speech_web(speech_app)
    result = {}
    for locale in ("nl", "en"):
        for speed in ("normal", "slow"):
            key = state.key(TEXT, locale, speed)
            result[(locale, speed)] = f"/audio/{locale}/{speed}/{text_id(TEXT)}/{key}.mp3"
    return result


@pytest.fixture
def web(speech_app):
    return speech_app.test_client()


def cache_files(speech_app) -> set[str]:
    return {path.name for path in speech_web(speech_app).service.cache_dir.iterdir()}


def test_clip_is_a_playable_mp3_of_the_shown_text(web, speech_app, addresses, decode_mp3, tmp_path):
    response = web.get(addresses[("nl", "normal")])

    assert response.status_code == 200
    assert response.mimetype == "audio/mpeg"
    stream = parse_mp3(response.data)
    assert stream.sample_rate == 22_050 and stream.channels == 1
    saved = tmp_path / "clip.mp3"
    saved.write_bytes(response.data)
    samples = decode_mp3(saved)
    assert len(samples) > 22_050  # over a second of speech
    assert max(abs(s) for s in samples) > 3000, "the clip must not be silence"


def test_timings_give_each_word_of_the_translation(web, speech_app, addresses):
    url = addresses[("en", "normal")].removesuffix(".mp3") + ".json"
    response = web.get(url)

    assert response.status_code == 200
    assert response.mimetype == "application/json"
    data = json.loads(response.data)
    spoken = speech_web(speech_app).spoken_text(TEXT, "en")
    assert [(start, spoken[start : start + length]) for start, length, _ in data["words"]] == words_of(spoken)
    dutch = json.loads(web.get(addresses[("nl", "normal")].removesuffix(".mp3") + ".json").data)
    assert len(dutch["words"]) == len(words_of(speech_web(speech_app).spoken_text(TEXT, "nl")))


def test_each_locale_and_speed_has_its_own_url_and_slow_is_slower(web, addresses):
    assert len(set(addresses.values())) == 4
    durations = {}
    for (locale, speed), url in addresses.items():
        durations[(locale, speed)] = parse_mp3(web.get(url).data).duration_ms
    for locale in ("nl", "en"):
        assert durations[(locale, "slow")] > 1.2 * durations[(locale, "normal")]


def test_byte_ranges_are_served_for_safari(web, addresses):
    url = addresses[("nl", "normal")]
    whole = web.get(url).data
    size = len(whole)

    first = web.get(url, headers={"Range": "bytes=0-1"})
    assert first.status_code == 206
    assert first.headers["Content-Range"] == f"bytes 0-1/{size}"
    assert first.data == whole[:2]

    rest = web.get(url, headers={"Range": "bytes=100-"})
    assert rest.status_code == 206 and rest.data == whole[100:]
    assert rest.headers["Content-Length"] == str(size - 100)

    tail = web.get(url, headers={"Range": "bytes=-50"})
    assert tail.status_code == 206 and tail.data == whole[-50:]

    beyond_end = web.get(url, headers={"Range": f"bytes={size - 10}-{size + 1000}"})
    assert beyond_end.status_code == 206 and beyond_end.data == whole[-10:]


def test_strong_etag_if_none_match_and_if_range(web, addresses):
    url = addresses[("nl", "normal")]
    full = web.get(url)
    etag = full.headers["ETag"]
    assert etag.startswith('"') and not etag.startswith("W/")

    assert web.get(url, headers={"If-None-Match": etag}).status_code == 304
    same = web.get(url, headers={"Range": "bytes=0-9", "If-Range": etag})
    assert same.status_code == 206 and same.data == full.data[:10]
    # A range resumed against other content gets the whole file, never a spliced one.
    changed = web.get(url, headers={"Range": "bytes=0-9", "If-Range": '"something-else"'})
    assert changed.status_code == 200 and changed.data == full.data


def test_audio_is_cached_for_good_but_pages_are_not_stored(web, speech_app, addresses):
    response = web.get(addresses[("en", "slow")])

    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["Accept-Ranges"] == "bytes"
    assert "Set-Cookie" not in response.headers and "Cookie" not in response.headers.get("Vary", "")
    assert "media-src 'self'" in response.headers["Content-Security-Policy"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert web.get("/login").headers["Cache-Control"] == "no-store"
    missing = web.get(addresses[("en", "slow")].replace("/en/", "/de/"))
    assert missing.status_code == 404 and missing.headers["Cache-Control"] == "no-store"


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda url: url.replace(text_id(TEXT), "0123456789abcdef"), id="unknown-text-id"),
        pytest.param(lambda url: url.replace(text_id(TEXT), "not-a-text-id"), id="malformed-text-id"),
        pytest.param(lambda url: url.replace(text_id(TEXT), text_id("Hello world")), id="not-an-app-text"),
        pytest.param(lambda url: url[:-5] + ("0" if url[-5] != "0" else "1") + ".mp3", id="tampered-key"),
        pytest.param(lambda url: url.rsplit("/", 1)[0] + "/" + "a" * 64 + ".mp3", id="made-up-key"),
        pytest.param(lambda url: url.replace("/nl/", "/de/"), id="unsupported-locale"),
        pytest.param(lambda url: url.replace("/nl/", "/nl_NL/"), id="locale-variant"),
        pytest.param(lambda url: url.replace("/normal/", "/fast/"), id="unsupported-speed"),
        pytest.param(lambda url: url.replace("/normal/", "/slow/"), id="key-of-another-speed"),
        pytest.param(lambda url: url.replace("/nl/", "/en/"), id="key-of-another-locale"),
        pytest.param(lambda url: url.replace(".mp3", ".wav"), id="other-extension"),
        pytest.param(lambda url: url.replace(text_id(TEXT), "..%2F..%2Fetc"), id="traversal"),
        pytest.param(lambda url: "/audio/nl/normal/Je%20mag%20altijd%20stoppen/x.mp3", id="text-in-url"),
    ],
)
def test_bad_addresses_get_404_and_make_nothing(web, speech_app, addresses, change):
    url = change(addresses[("nl", "normal")])
    before = cache_files(speech_app)
    runs = speech_web(speech_app).service.stats().engine_runs

    response = web.get(url)

    assert response.status_code == 404, url
    assert cache_files(speech_app) == before
    assert speech_web(speech_app).service.stats().engine_runs == runs


@pytest.mark.parametrize(
    "header",
    ["bytes=abc", "bytes=5-2", "bytes=", "bytes=0-1,4-5", "bytes=--1", "bytes=99999999-", "bytes=-0"],
)
def test_malformed_or_unsatisfiable_ranges_get_416(web, addresses, header):
    url = addresses[("nl", "normal")]
    size = len(web.get(url).data)

    response = web.get(url, headers={"Range": header})

    assert response.status_code == 416, header
    assert response.headers["Content-Range"] == f"bytes */{size}"
    assert response.data == b""


def test_range_in_an_unknown_unit_is_ignored(web, addresses):
    response = web.get(addresses[("nl", "normal")], headers={"Range": "items=0-5"})
    assert response.status_code == 200


def test_other_methods_are_refused(web, addresses):
    assert web.post(addresses[("nl", "normal")]).status_code in (400, 405)
    assert web.head(addresses[("nl", "normal")]).status_code == 200


def test_a_missing_clip_is_made_on_request(web, speech_app):
    state = speech_web(speech_app)
    msgid = client_screens.STOPPED_LINES[0]
    key = state.key(msgid, "en", "slow")
    for suffix in (".mp3", ".json"):
        (state.service.cache_dir / f"{key}{suffix}").unlink(missing_ok=True)

    timings = web.get(f"/audio/en/slow/{text_id(msgid)}/{key}.json")

    assert timings.status_code == 200
    assert (state.service.cache_dir / f"{key}.mp3").is_file()
    assert web.get(f"/audio/en/slow/{text_id(msgid)}/{key}.mp3").status_code == 200


def test_a_dead_worker_is_replaced_and_audio_still_comes(web, speech_app):
    state = speech_web(speech_app)
    old_pid = state.service.stats().worker_pid
    assert old_pid is not None
    os.kill(old_pid, signal.SIGKILL)  # as if the engine crashed
    msgid = client_screens.DONE_LINES[0]
    key = state.key(msgid, "nl", "normal")
    assert state.service.cached(key) is None  # so the request needs the engine

    response = web.get(f"/audio/nl/normal/{text_id(msgid)}/{key}.mp3")

    assert response.status_code == 200
    parse_mp3(response.data)
    assert state.service.stats().worker_pid not in (None, old_pid)


def test_audio_is_reachable_from_client_mode(speech_app, addresses):
    client = speech_app.test_client()
    enter_client_mode(speech_app, client, username="audio-client-mode")

    welcome = client.get("/client/")
    button = read_page(welcome.text).buttons[0]
    response = client.get(button.url())

    assert response.status_code == 200 and response.mimetype == "audio/mpeg"
    assert client.get(addresses[("nl", "normal")]).status_code == 200
