"""The speech worker process: the only place where the pyttsx3 engine lives.

The parent (``service.py``) starts this module's ``run_worker`` in a spawned process and sends it one
job at a time over a pipe. Inside, one thread owns the engine and speaks each text to a WAV file;
the main thread waits for the engine's finished-utterance callback, encodes the WAV to MP3, works out
the word timings and writes both to the cache, then replies. Waiting on the callback instead of on
``runAndWait`` matters twice: the first ``runAndWait`` after ``init`` returns before the file exists,
and later ones return only on pyttsx3's 10 ms polling tick, after the audio is long done.
"""

from __future__ import annotations

import ctypes
import importlib.metadata
import os
import queue
import shutil
import signal
import sys
import tempfile
import threading
import time
import wave
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from easyreport.speech.cache import Clip, write_clip
from easyreport.speech.mp3 import ENCODER_DELAY_MS, SAMPLE_RATE, Mp3Encoder, encode_mp3, parse_mp3
from easyreport.speech.timings import EngineWord, align


@dataclass(frozen=True, slots=True)
class SynthesisJob:
    """One clip to make, as sent from the parent."""

    key: str
    text: str
    voice_id: str
    rate: int
    cache_dir: str


@dataclass(frozen=True, slots=True)
class WorkerInfo:
    """What the worker reports once its engine is up."""

    engine_id: str
    voice_ids: frozenset[str]
    pid: int


class EngineFailure(Exception):
    """The engine did not produce audio; the process should be replaced."""


@dataclass(slots=True)
class _Utterance:
    text: str
    voice_id: str
    rate: int
    wav_path: Path
    words: list[EngineWord] = field(default_factory=list)
    # PCM as espeak hands it over, then None once the WAV file is written: lets the MP3 encoding
    # run while espeak is still synthesising.
    chunks: queue.SimpleQueue[bytes | None] = field(default_factory=queue.SimpleQueue)
    finished: threading.Event = field(default_factory=threading.Event)
    error: str | None = None


class _Engine:
    """Own the pyttsx3 engine in one thread and speak one utterance per ``runAndWait``."""

    def __init__(self, engine_name: str, timeout_s: float) -> None:
        self._timeout_s = timeout_s
        self._requests: queue.Queue[_Utterance | None] = queue.Queue()
        self._ready = threading.Event()
        self._startup_error: BaseException | None = None
        self._current: _Utterance | None = None
        # Audio positions of word events, captured in the driver's synth callback in the order the
        # driver will announce them as started-word notifications.
        self._audio_positions: deque[int] = deque()
        self.engine_id = ""
        self.voice_ids: frozenset[str] = frozenset()
        self.runs = 0
        self._espeak: Any = None
        self._driver: Any = None
        self._thread = threading.Thread(
            target=self._run, args=(engine_name,), name="speech-engine", daemon=True
        )
        self._thread.start()
        if not self._ready.wait(timeout_s):
            raise EngineFailure("engine did not initialise in time")
        if self._startup_error is not None:
            raise self._startup_error

    def speak(self, utterance: _Utterance) -> None:
        """Queue an utterance; its ``finished`` event is set when its WAV file is written."""
        self._requests.put(utterance)

    def _run(self, engine_name: str) -> None:
        try:
            engine = self._start(engine_name)
        except BaseException as exc:
            self._startup_error = exc
            self._ready.set()
            return
        self._ready.set()
        while (utterance := self._requests.get()) is not None:
            self._current = utterance
            self._audio_positions.clear()
            engine.setProperty("voice", utterance.voice_id)
            engine.setProperty("rate", utterance.rate)
            engine.save_to_file(utterance.text, str(utterance.wav_path))
            self.runs += 1  # counted before the run: the reply may go out before runAndWait returns
            engine.runAndWait()
            # Never start the next utterance while this one may still be synthesising, nor while
            # espeak's own thread is still inside the driver's callback (it pumps pyttsx3's queue).
            if not utterance.finished.wait(self._timeout_s) or not self._wait_until_idle():
                return
            self._current = None

    def _wait_until_idle(self) -> bool:
        deadline = time.monotonic() + self._timeout_s
        while self._espeak.IsPlaying():
            if time.monotonic() > deadline:
                return False
            time.sleep(0.0002)
        return True

    def _start(self, engine_name: str) -> Any:
        import pyttsx3  # loads libespeak-ng: only ever in this process

        if engine_name != "espeak":
            raise EngineFailure(f"engine {engine_name!r} is not supported; word timings need espeak")
        from pyttsx3.drivers import _espeak

        engine = pyttsx3.init(engine_name)
        driver = engine.proxy._driver
        original = driver._onSynth

        def on_synth(wav: Any, numsamples: int, events: Any) -> int:
            # pyttsx3 forwards a word's text position but not its audio position: take it here.
            utterance = self._current
            if driver._speaking and utterance is not None:
                i = 0
                while events[i].type != _espeak.EVENT_LIST_TERMINATED:
                    if events[i].type == _espeak.EVENT_WORD:
                        self._audio_positions.append(events[i].audio_position)
                    i += 1
                if numsamples > 0:
                    utterance.chunks.put(ctypes.string_at(wav, numsamples * 2))
            return int(original(wav, numsamples, events))

        def keep_running() -> None:
            """Replace the driver's stop, which pyttsx3 calls at the start of every runAndWait.

            It cancels espeak whenever espeak's command thread is busy, and that thread is busy
            right after ``setProperty("rate")`` (espeak queues parameters). The cancel then resets
            the rate to the previous one and marks the new utterance as not completed. Nothing here
            ever needs to interrupt speech, so stopping is a no-op.
            """

        driver._onSynth = on_synth
        _espeak.SetSynthCallback(on_synth)  # the driver registered its bound method at init
        driver.stop = keep_running
        self._espeak = _espeak
        engine.connect("started-word", self._on_word)
        engine.connect("finished-utterance", self._on_finished)
        engine.connect("error", self._on_error)
        self.voice_ids = frozenset(voice.id for voice in engine.getProperty("voices"))
        version = _espeak.Info().decode("ascii", "replace")
        self.engine_id = f"pyttsx3-{importlib.metadata.version('pyttsx3')}/espeak-ng-{version}"
        self._driver = driver
        return engine

    def _on_word(self, name: str, location: int, length: int) -> None:
        utterance = self._current
        audio_ms = self._audio_positions.popleft() if self._audio_positions else None
        if utterance is not None and length > 0:
            utterance.words.append(EngineWord(location - 1, length, audio_ms))

    def _on_finished(self, name: str, completed: bool) -> None:
        utterance = self._current
        if utterance is None:
            return
        if not completed:
            utterance.error = "utterance was cancelled"
        elif self._driver.getProperty("voice") != utterance.voice_id:
            # pyttsx3 keeps the previous voice when an id is unknown: never ship the wrong language.
            utterance.error = f"engine did not switch to voice {utterance.voice_id!r}"
        utterance.chunks.put(None)
        utterance.finished.set()

    def _on_error(self, name: str, exception: BaseException) -> None:
        utterance = self._current
        if utterance is not None:
            utterance.error = f"{type(exception).__name__}: {exception}"
            utterance.chunks.put(None)
            utterance.finished.set()


def _make_clip(engine: _Engine, job: SynthesisJob, workdir: Path, timeout_s: float) -> Clip:
    wav_path = workdir / f"{job.key}.wav"
    utterance = _Utterance(job.text, job.voice_id, job.rate, wav_path)
    encoder = Mp3Encoder()
    streamed: list[bytes] = []
    deadline = time.monotonic() + timeout_s
    engine.speak(utterance)
    while True:
        try:
            chunk = utterance.chunks.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            raise EngineFailure("synthesis timed out") from None
        if chunk is None:
            break
        streamed.append(chunk)
        encoder.feed(chunk)
    if utterance.error is not None:
        raise EngineFailure(utterance.error)
    pcm = _read_wav(wav_path)
    # The file pyttsx3 wrote is the reference; the streamed copy only saves time when it matches.
    mp3 = encoder.finish() if b"".join(streamed) == pcm else encode_mp3(pcm)
    duration_ms = parse_mp3(mp3).duration_ms
    timings = align(job.text, utterance.words, offset_ms=ENCODER_DELAY_MS, duration_ms=duration_ms)
    return write_clip(Path(job.cache_dir), job.key, mp3, timings, duration_ms)


def _read_wav(path: Path) -> bytes:
    try:
        if path.stat().st_size <= 44:
            raise EngineFailure("engine wrote an empty audio file")
        with wave.open(str(path), "rb") as wav:
            if (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) != (1, 2, SAMPLE_RATE):
                raise EngineFailure("engine wrote audio in an unexpected format")
            return wav.readframes(wav.getnframes())
    except FileNotFoundError:
        raise EngineFailure("engine finished without writing the audio file") from None
    finally:
        path.unlink(missing_ok=True)


def run_worker(conn: Connection, engine_name: str, timeout_s: float) -> None:
    """Serve synthesis jobs from the parent until it says stop or goes away."""
    # Ctrl-C reaches the whole process group; the parent decides when this process ends.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - pyttsx3 prints a line for every file it saves
    workdir = Path(tempfile.mkdtemp(prefix="easyreport-speech-"))
    try:
        try:
            engine = _Engine(engine_name, timeout_s)
        except BaseException as exc:
            conn.send(("failed", f"{type(exc).__name__}: {exc}"))
            return
        conn.send(("ready", WorkerInfo(engine.engine_id, engine.voice_ids, os.getpid())))
        _serve(conn, engine, workdir, timeout_s)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _serve(conn: Connection, engine: _Engine, workdir: Path, timeout_s: float) -> None:
    while True:
        try:
            message = conn.recv()
        except EOFError:
            return
        if message[0] == "stop":
            return
        if message[0] == "stats":
            conn.send(("stats", engine.runs))
            continue
        job: SynthesisJob = message[1]
        try:
            clip = _make_clip(engine, job, workdir, timeout_s)
        except EngineFailure as exc:
            # The engine's state is unknown now: report, then leave so the parent starts a fresh one.
            conn.send(("fatal", engine.runs, str(exc)))
            return
        except Exception as exc:
            conn.send(("error", engine.runs, f"{type(exc).__name__}: {exc}"))
            continue
        conn.send(("ok", engine.runs, clip))
