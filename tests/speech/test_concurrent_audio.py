"""Twenty browsers ask a live server for twenty texts nobody asked for before, all at the same moment."""

from __future__ import annotations

import statistics
import threading
import urllib.request
from collections.abc import Iterator

import pytest
from werkzeug.serving import make_server

from easyreport.content.texts import all_client_texts
from easyreport.speech.mp3 import parse_mp3
from easyreport.speech.texts import speakable, text_id
from easyreport.speech.web import speech_web


@pytest.fixture(scope="module")
def server_url(speech_app) -> Iterator[str]:
    server = make_server("127.0.0.1", 0, speech_app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()
    thread.join(5)


def test_twenty_concurrent_requests_for_new_texts_all_get_correct_audio(
    speech_app, server_url, decode_mp3, tmp_path
):
    state = speech_web(speech_app)
    # Twenty different texts, short to long, none of them made yet.
    candidates = sorted({t for t in all_client_texts() if speakable(t)}, key=len)
    texts = [candidates[i * (len(candidates) - 1) // 19] for i in range(20)]
    assert len(set(texts)) == 20
    urls = {}
    for msgid in texts:
        key = state.key(msgid, "nl", "slow")
        assert state.service.cached(key) is None
        urls[msgid] = f"{server_url}/audio/nl/slow/{text_id(msgid)}/{key}.mp3"
    runs_before = state.service.stats().engine_runs
    barrier = threading.Barrier(len(urls))
    results: dict[str, tuple[int, str, bytes]] = {}
    errors: list[BaseException] = []

    def fetch(msgid: str) -> None:
        try:
            barrier.wait()
            with urllib.request.urlopen(urls[msgid], timeout=60) as response:
                results[msgid] = (response.status, response.headers["Content-Type"], response.read())
        except BaseException as error:  # reported below, with the others
            errors.append(error)

    threads = [threading.Thread(target=fetch, args=(msgid,)) for msgid in texts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(90)

    assert errors == []
    assert len(results) == 20
    durations = []
    for n, msgid in enumerate(texts):
        status, content_type, data = results[msgid]
        assert (status, content_type) == (200, "audio/mpeg")
        stream = parse_mp3(data)
        path = tmp_path / f"{n}.mp3"
        path.write_bytes(data)
        samples = decode_mp3(path)
        # mpg123 plays it to the end, and it lasts as long as its frame headers say.
        assert abs(len(samples) - stream.samples) <= 2 * 1152
        assert max(abs(s) for s in samples) > 3000
        durations.append(stream.duration_ms)
    spoken = [len(state.spoken_text(msgid, "nl")) for msgid in texts]
    # Longer texts give longer audio: each clip belongs to its own text, none got another's.
    assert statistics.correlation(spoken, durations) > 0.9
    assert durations[-1] > 3 * durations[0]
    assert state.service.stats().engine_runs - runs_before == 20
