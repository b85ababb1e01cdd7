"""Benchmark the speech service against the espeak-ng command line, and cached reads against static reads.

Run from the repository root:  PYTHONPATH=. python benchmarks/speech.py [--rounds 7]

1. Cold clip: ``SpeechService.clip`` for an uncached text (queue, worker process, espeak-ng through
   pyttsx3, MP3 encoding, timings, atomic cache write) against ``espeak-ng -v VOICE -s RATE -w out.wav
   TEXT`` for the same text, voice and rate. Goal: service <= 1.5x the command line.
2. Cached clip: the serving-side work for a hit (``audio_file`` lookup by key + reading the bytes)
   against reading a static file of the same size. Goal: <= 1.2x.
3. Cached clip over HTTP: ``GET /audio/...mp3`` through the whole app (routing, session, security
   headers, text-id and key check, ETag, range) against ``GET /static/...`` of a file of the same size
   through the same app, in-process (Flask test client) and over a socket (Werkzeug server), plain
   and with ``Range: bytes=0-`` as browsers send for media. Goal: <= 1.2x.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import statistics
import subprocess
import tempfile
import threading
import time
from pathlib import Path

from easyreport.speech import SpeechService, audio_file, read_audio, read_cached
from easyreport.speech.voices import CLIENT_ONLY_VOICES, DEFAULT_RATES, DEFAULT_VOICES

VOICES = dict(DEFAULT_VOICES) | dict(CLIENT_ONLY_VOICES)

TEXTS = {
    "nl": [
        "Je mag altijd stoppen.",
        "Wil je even pauze? Dat mag.",
        "Ik stel je een paar vragen over wat jij nodig hebt.",
        "Er zijn geen goede of foute antwoorden.",
        "Weet je het niet? Kies dan Weet ik niet.",
        "De politie wil je goed helpen.",
        "Wil je dat iemand bij het gesprek is?",
        "Praat je liever met een man of met een vrouw?",
        "Je kunt later nog iets veranderen.",
        "Mag de politie dit weten? Jij beslist.",
    ],
    "en": [
        "You can stop at any time.",
        "Do you want a break? That is fine.",
        "I will ask you some questions about what you need.",
        "There are no right or wrong answers.",
        "Not sure? Then choose I do not know.",
        "The police want to help you well.",
        "Do you want someone with you at the talk?",
        "Do you prefer to talk to a man or a woman?",
        "You can still change things later.",
        "May the police know this? You decide.",
    ],
    # The client-only languages (easyreport/client_languages.py): a few of their client texts.
    "ar": ["يمكنك أن تتوقف في أي وقت.", "هل تريد استراحة؟ هذا ممكن.", "لا توجد إجابات صحيحة أو خاطئة."],
    "uk": [
        "Ви можете зупинитися будь-коли.",
        "Хочете перерву? Це можна.",
        "Немає правильних чи неправильних відповідей.",
    ],
    "pl": [
        "Możesz przestać w każdej chwili.",
        "Chcesz przerwę? To można.",
        "Nie ma dobrych ani złych odpowiedzi.",
    ],
    "ro": [
        "Poți să te oprești oricând.",
        "Vrei o pauză? Se poate.",
        "Nu există răspunsuri bune sau greșite.",
    ],
    "bg": ["Можете да спрете по всяко време.", "Искате ли почивка? Може.", "Няма верни или грешни отговори."],
}


def cold_service(service: SpeechService, text: str, locale: str) -> float:
    """Time one uncached clip, removing any earlier copy first."""
    key = service.key_for(text, locale, "normal")
    for suffix in (".mp3", ".json"):
        (service.cache_dir / f"{key}{suffix}").unlink(missing_ok=True)
    started = time.perf_counter()
    service.clip(text, locale, "normal")
    return time.perf_counter() - started


def cold_cli(text: str, locale: str, wav: Path) -> float:
    """Time the espeak-ng command line writing a WAV for the same text, voice and rate."""
    command = [
        "espeak-ng",
        "-v",
        VOICES[locale],
        "-s",
        str(DEFAULT_RATES["normal"]),
        "-w",
        str(wav),
        text,
    ]
    started = time.perf_counter()
    subprocess.run(command, check=True)
    return time.perf_counter() - started


def bench_cold(service: SpeechService, rounds: int, workdir: Path) -> None:
    rows = []
    for locale, texts in TEXTS.items():
        for text in texts:
            ours, theirs = [], []
            for r in range(rounds):
                # Alternate who goes first so neither always meets a warmer page cache.
                if r % 2:
                    theirs.append(cold_cli(text, locale, workdir / "cli.wav"))
                    ours.append(cold_service(service, text, locale))
                else:
                    ours.append(cold_service(service, text, locale))
                    theirs.append(cold_cli(text, locale, workdir / "cli.wav"))
            rows.append((locale, text, statistics.median(ours), statistics.median(theirs)))
    print(f"\nCold clip, median of {rounds} rounds per text (ms)")
    print(f"{'':3} {'text':52} {'service':>8} {'espeak-ng':>9} {'ratio':>6}")
    for locale, text, ours, theirs in rows:
        print(f"{locale:3} {text[:52]:52} {ours * 1000:8.1f} {theirs * 1000:9.1f} {ours / theirs:6.2f}")
    total_ours = sum(r[2] for r in rows)
    total_theirs = sum(r[3] for r in rows)
    ratio = total_ours / total_theirs
    verdict = "meets" if ratio <= 1.5 else "MISSES"
    print(
        f"total: service {total_ours * 1000:.1f} ms, espeak-ng CLI {total_theirs * 1000:.1f} ms, "
        f"ratio {ratio:.2f} ({verdict} goal <= 1.5)"
    )


def bench_cached(service: SpeechService, workdir: Path, batches: int, per_batch: int) -> None:
    static_dir = workdir / "static"
    static_dir.mkdir()
    pairs = []
    for locale, texts in TEXTS.items():
        for text in texts:
            clip = service.clip(text, locale, "normal")
            static = static_dir / f"{len(pairs)}.mp3"
            shutil.copyfile(clip.mp3_path, static)
            pairs.append((clip.key, str(static), clip.timings_path))
    cache_dir = str(service.cache_dir)

    def lookup_and_read() -> None:
        for key, _, _ in pairs:
            data = read_audio(cache_dir, key)
            assert data is not None

    def static_read() -> None:
        # The same open-and-read a static file server does, on a str path like read_audio.
        for _, static, _ in pairs:
            with open(static, "rb") as handle:
                handle.read()

    def path_lookup_and_read() -> None:
        for key, _, _ in pairs:
            path = audio_file(service.cache_dir, key)
            assert path is not None
            path.read_bytes()

    def full_lookup_and_read() -> None:
        for key, _, _ in pairs:
            clip = read_cached(service.cache_dir, key)
            assert clip is not None
            clip.mp3_path.read_bytes()

    def timed(fn: object) -> float:
        assert callable(fn)
        started = time.perf_counter_ns()
        for _ in range(per_batch):
            fn()
        return (time.perf_counter_ns() - started) / (per_batch * len(pairs))

    results: dict[str, list[float]] = {name: [] for name in ("lookup", "static", "path", "full")}
    for _ in range(batches):
        results["lookup"].append(timed(lookup_and_read))
        results["static"].append(timed(static_read))
        results["path"].append(timed(path_lookup_and_read))
        results["full"].append(timed(full_lookup_and_read))
    med = {name: statistics.median(values) for name, values in results.items()}
    size = statistics.mean(Path(s).stat().st_size for _, s, _ in pairs)
    ratio = med["lookup"] / med["static"]
    verdict = "meets" if ratio <= 1.2 else "MISSES"
    print(f"\nCached clip, mean MP3 size {size / 1024:.1f} KiB, median of {batches} batches (µs per clip)")
    print(f"read_audio(cache, key)                {med['lookup'] / 1000:7.2f}")
    print(f"open + read static file of same size  {med['static'] / 1000:7.2f}")
    print(f"ratio {ratio:.2f} ({verdict} goal <= 1.2)")
    print(f"audio_file(cache, key) + read_bytes   {med['path'] / 1000:7.2f}  (pathlib: what send_file gets)")
    print(f"read_cached(cache, key) + read MP3    {med['full'] / 1000:7.2f}  (also parses the timings)")


def bench_concurrent(service: SpeechService) -> None:
    texts = [f"Dit is vraag nummer {n} van twintig. Neem de tijd." for n in range(20)]
    barrier = threading.Barrier(len(texts) + 1)

    def ask(text: str) -> None:
        barrier.wait()
        service.clip(text, "nl", "slow")

    threads = [threading.Thread(target=ask, args=(t,)) for t in texts]
    for thread in threads:
        thread.start()
    barrier.wait()
    started = time.perf_counter()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    print(f"\n20 threads, 20 new texts at once: all done in {elapsed * 1000:.0f} ms")


def bench_http(batches: int, per_batch: int) -> None:
    import base64
    import http.client
    import secrets

    from werkzeug.serving import make_server

    from easyreport import create_app
    from easyreport.content.texts import all_client_texts
    from easyreport.paths import STATIC_DIR
    from easyreport.speech.texts import speakable, text_id
    from easyreport.speech.web import close_speech, speech_web

    def key() -> str:
        return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per request
    with tempfile.TemporaryDirectory(prefix="speech-http-") as temp:
        workdir = Path(temp)
        app = create_app(
            {
                "ENV": "test",
                "SECRET_KEY": secrets.token_urlsafe(32),
                "DATABASE_URL": f"sqlite:///{workdir / 'bench.sqlite'}",
                "ENCRYPTION_KEYS": f"bench:{key()}",
                "AUDIT_KEY": key(),
                "SPEECH_ENGINE": "espeak",
                "SPEECH_CACHE_DIR": str(workdir / "audio"),
            }
        )
        # Static copies live in a hidden folder under static/ for the run, so /static/ serves them.
        static_dir = Path(tempfile.mkdtemp(prefix=".bench-", dir=STATIC_DIR))
        server = make_server("127.0.0.1", 0, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            state = speech_web(app)
            texts = [t for t in all_client_texts() if speakable(t)][:20]
            pairs = []
            client = app.test_client()
            for n, msgid in enumerate(texts):
                key_ = state.key(msgid, "nl", "normal")
                audio_url = f"/audio/nl/normal/{text_id(msgid)}/{key_}.mp3"
                response = client.get(audio_url)  # makes the clip: the runs below are all cache hits
                assert response.status_code == 200
                (static_dir / f"{n}.mp3").write_bytes(response.data)
                pairs.append((audio_url, f"/static/{static_dir.name}/{n}.mp3"))
            size = statistics.mean(len(client.get(a).data) for a, _ in pairs)

            def in_process(which: int, headers: dict[str, str]) -> None:
                for pair in pairs:
                    response = client.get(pair[which], headers=headers)
                    assert response.status_code in (200, 206)
                    response.close()

            port = server.server_port

            def over_socket(which: int, headers: dict[str, str]) -> None:
                for pair in pairs:
                    connection = http.client.HTTPConnection("127.0.0.1", port)
                    connection.request("GET", pair[which], headers=headers)
                    response = connection.getresponse()
                    response.read()
                    assert response.status in (200, 206)
                    connection.close()

            print(
                f"\nCached clip over HTTP, {len(pairs)} clips of mean {size / 1024:.1f} KiB (µs per request)"
            )
            print(f"{'':34} {'audio':>8} {'static':>8} {'ratio':>6}")
            ratios = []
            for label, fetch, repeat in (
                ("test client", in_process, per_batch),
                ("test client, Range: bytes=0-", in_process, per_batch),
                ("socket (Werkzeug server)", over_socket, max(1, per_batch // 10)),
                ("socket, Range: bytes=0-", over_socket, max(1, per_batch // 10)),
            ):
                headers = {"Range": "bytes=0-"} if "Range" in label else {}
                times: dict[int, list[float]] = {0: [], 1: []}
                for b in range(batches):
                    # Alternate who goes first, so neither always meets a warmer cache.
                    for which in (0, 1) if b % 2 else (1, 0):
                        started = time.perf_counter_ns()
                        for _ in range(repeat):
                            fetch(which, headers)
                        times[which].append((time.perf_counter_ns() - started) / (repeat * len(pairs)))
                audio, static = statistics.median(times[0]), statistics.median(times[1])
                ratios.append(audio / static)
                print(f"{label:34} {audio / 1000:8.1f} {static / 1000:8.1f} {audio / static:6.2f}")
            worst = max(ratios)
            verdict = "meets" if worst <= 1.2 else "MISSES"
            print(f"worst ratio {worst:.2f} ({verdict} goal <= 1.2)")
        finally:
            server.shutdown()
            server.server_close()
            thread.join(5)
            shutil.rmtree(static_dir, ignore_errors=True)
            close_speech(app)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--batches", type=int, default=31)
    parser.add_argument("--per-batch", type=int, default=50)
    parser.add_argument("--http-only", action="store_true", help="run only the HTTP comparison")
    args = parser.parse_args()
    if args.http_only:
        bench_http(args.batches, args.per_batch)
        return
    with tempfile.TemporaryDirectory(prefix="speech-bench-") as temp:
        workdir = Path(temp)
        started = time.perf_counter()
        service = SpeechService(workdir / "cache", voices=VOICES)
        service.start()
        start_ms = (time.perf_counter() - started) * 1000
        print(f"service start (spawn worker, load engine, check voices): {start_ms:.0f} ms")
        print(f"engine: {service.engine_id}")
        try:
            # Warm both sides once per voice: the service is long-lived, and the CLI's data files
            # should come from the page cache like the service's do.
            for locale in TEXTS:
                service.clip("Warm up.", locale)
                cold_cli("Warm up.", locale, workdir / "cli.wav")
            bench_cold(service, args.rounds, workdir)
            bench_cached(service, workdir, args.batches, args.per_batch)
            bench_concurrent(service)
            print(f"\n{service.stats()}")
        finally:
            service.close()
    bench_http(args.batches, args.per_batch)


if __name__ == "__main__":
    main()
