"""The speech service: text in, a cached MP3 with word timings out, the engine kept in its own process.

Callers in any number of threads call ``clip``. A cache hit is two small file reads and never touches
the engine. A miss becomes a job on a queue; one dispatcher thread hands jobs to the worker process one
at a time (espeak-ng through pyttsx3 is not thread-safe) and resolves each caller's future. Callers
asking for the same clip at the same time share one job. A worker that dies is replaced; a job that
takes longer than ``synth_timeout_s`` gets its worker killed and replaced, and its callers get
``SpeechUnavailable`` instead of waiting for ever.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import queue
import threading
import time
from collections.abc import Mapping
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass
from multiprocessing.context import SpawnContext, SpawnProcess
from pathlib import Path
from typing import Any

from easyreport.speech import cache
from easyreport.speech.cache import Clip, cache_key, read_cached
from easyreport.speech.errors import (
    SpeechUnavailable,
    UnknownVoice,
    UnsupportedLocale,
    UnsupportedSpeed,
    UnsupportedText,
)
from easyreport.speech.mp3 import FORMAT_ID
from easyreport.speech.timings import word_spans
from easyreport.speech.voices import DEFAULT_RATES, DEFAULT_VOICES, MAX_RATE, MIN_RATE
from easyreport.speech.worker import SynthesisJob, WorkerInfo, run_worker

log = logging.getLogger(__name__)

# Bumped when the timing algorithm changes, so old timing files are not served with new expectations.
TIMINGS_VERSION = "timings-1"


@dataclass(frozen=True, slots=True)
class SpeechStats:
    """Counters for tests, the benchmark and an admin page."""

    engine_runs: int  # runAndWait calls, as counted inside the worker processes
    worker_restarts: int
    cache_hits: int
    worker_pid: int | None


class _WorkerLost(Exception):
    pass


class _WorkerHung(Exception):
    pass


class _Worker:
    """The parent's handle on one worker process."""

    def __init__(self, ctx: SpawnContext, engine_name: str, timeout_s: float) -> None:
        self.conn, child_conn = ctx.Pipe()
        self.process: SpawnProcess = ctx.Process(
            target=run_worker,
            args=(child_conn, engine_name, timeout_s),
            name="easyreport-speech",
            daemon=True,
        )
        self.process.start()
        child_conn.close()
        self.engine_runs = 0

    def handshake(self, timeout_s: float) -> WorkerInfo:
        """Wait for the worker's engine to come up and return what it reports."""
        if not self.conn.poll(timeout_s):
            self.kill()
            raise SpeechUnavailable("speech worker did not start in time")
        try:
            message = self.conn.recv()
        except EOFError:
            self.kill()
            raise SpeechUnavailable(
                f"speech worker exited during start-up (exit code {self.process.exitcode})"
            ) from None
        if message[0] != "ready":
            self.stop()
            raise SpeechUnavailable(f"speech engine failed to start: {message[1]}")
        info: WorkerInfo = message[1]
        return info

    def request(self, message: tuple[Any, ...], timeout_s: float) -> tuple[Any, ...]:
        """Send one message and wait for its reply."""
        try:
            self.conn.send(message)
            if not self.conn.poll(timeout_s):
                raise _WorkerHung
            reply: tuple[Any, ...] = self.conn.recv()
        except (EOFError, OSError):
            raise _WorkerLost from None
        self.engine_runs = int(reply[1])
        return reply

    def alive(self) -> bool:
        """Tell whether the process is still running."""
        return self.process.is_alive()

    def stop(self, timeout_s: float = 5.0) -> None:
        """Ask the worker to leave; kill it if it does not."""
        with contextlib.suppress(OSError):
            self.conn.send(("stop",))
        self.process.join(timeout_s)
        self.kill()

    def kill(self) -> None:
        """End the process at once (works on a stopped or hung process too)."""
        if self.process.is_alive():
            self.process.kill()
            self.process.join(5.0)
        self.conn.close()


@dataclass(slots=True)
class _Job:
    key: str
    text: str
    voice_id: str
    rate: int
    future: Future[Clip]


@dataclass(slots=True)
class _StatsRequest:
    future: Future[int]


class SpeechService:
    """Make and cache read-aloud clips for (text, locale, speed)."""

    def __init__(
        self,
        cache_dir: Path,
        *,
        voices: Mapping[str, str] | None = None,
        rates: Mapping[str, int] | None = None,
        engine_name: str = "espeak",
        synth_timeout_s: float = 30.0,
        wait_timeout_s: float = 60.0,
        start_timeout_s: float = 30.0,
        max_chars: int = 10_000,
        restart_backoff_s: float = 5.0,
        watch_interval_s: float = 1.0,
        optional_locales: frozenset[str] = frozenset(),
    ) -> None:
        self.cache_dir = Path(cache_dir)
        # Locales whose missing voice switches off audio for that locale only, instead of failing the start.
        self.optional_locales = optional_locales
        self.missing_voices: dict[str, str] = {}
        self.voices: Mapping[str, str] = dict(DEFAULT_VOICES if voices is None else voices)
        self.rates: Mapping[str, int] = dict(DEFAULT_RATES if rates is None else rates)
        if not self.voices or not self.rates:
            raise ValueError("at least one voice and one speed are needed")
        for speed, rate in self.rates.items():
            if not MIN_RATE <= rate <= MAX_RATE:
                raise ValueError(f"rate for {speed!r} must be {MIN_RATE}-{MAX_RATE} words per minute")
        self.engine_name = engine_name
        self._synth_timeout_s = synth_timeout_s
        self._wait_timeout_s = wait_timeout_s
        self._start_timeout_s = start_timeout_s
        self._max_chars = max_chars
        self._restart_backoff_s = restart_backoff_s
        # How often an idle dispatcher looks at its worker and replaces one that died.
        self._watch_interval_s = watch_interval_s
        self._ctx = multiprocessing.get_context("spawn")
        self._lock = threading.Lock()
        self._jobs: queue.Queue[_Job | _StatsRequest | None] = queue.Queue()
        self._inflight: dict[str, Future[Clip]] = {}
        self._worker: _Worker | None = None
        self._dispatcher: threading.Thread | None = None
        self._engine_id: str | None = None
        self._retired_runs = 0
        self._restarts = 0
        self._cache_hits = 0
        self._last_failed_start = float("-inf")
        self._closed = False

    # -- life cycle -------------------------------------------------------------------------------

    def start(self) -> None:
        """Start the worker and check every configured voice; raise SpeechUnavailable or UnknownVoice."""
        with self._lock:
            if self._closed:
                raise SpeechUnavailable("speech service is closed")
            if self._dispatcher is not None:
                return
            self.cache_dir.mkdir(parents=True, exist_ok=True)
            cache.remove_stale_temp_files(self.cache_dir)
            worker = _Worker(self._ctx, self.engine_name, self._synth_timeout_s)
            info = worker.handshake(self._start_timeout_s)
            for locale, voice_id in self.voices.items():
                if voice_id not in info.voice_ids and locale not in self.optional_locales:
                    worker.stop()
                    raise UnknownVoice(locale, voice_id)
            self.missing_voices = {
                locale: voice_id for locale, voice_id in self.voices.items() if voice_id not in info.voice_ids
            }
            self.voices = {
                locale: voice_id
                for locale, voice_id in self.voices.items()
                if locale not in self.missing_voices
            }
            self._worker = worker
            self._engine_id = f"{info.engine_id}/{FORMAT_ID}/{TIMINGS_VERSION}"
            self._dispatcher = threading.Thread(target=self._dispatch, name="speech-dispatcher", daemon=True)
            self._dispatcher.start()

    def close(self) -> None:
        """Finish the jobs already queued, then stop the worker; later calls get SpeechUnavailable."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
            dispatcher = self._dispatcher
            self._jobs.put(None)  # jobs queued before this still get made
        if dispatcher is not None:
            dispatcher.join()
        if self._worker is not None:
            self._worker.stop()
            self._worker = None
        while True:
            try:
                job = self._jobs.get_nowait()
            except queue.Empty:
                break
            if job is not None:
                job.future.set_exception(SpeechUnavailable("speech service is closed"))

    def __enter__(self) -> SpeechService:
        self.start()
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @property
    def available(self) -> bool:
        """Tell whether clips can be made now (started, not closed)."""
        return self._dispatcher is not None and not self._closed

    def health(self) -> str | None:
        """Return why clips cannot be made right now (service stopped, worker process dead), or None."""
        with self._lock:
            if self._closed or self._dispatcher is None:
                return "speech service is not running"
            if not self._dispatcher.is_alive():
                return "speech dispatcher has stopped"
            worker = self._worker
        if worker is None or not worker.alive():
            return "speech worker is not running"
        return None

    @property
    def engine_id(self) -> str:
        """Return the engine, encoder and timing versions that go into every key."""
        if self._engine_id is None:
            raise SpeechUnavailable("speech service is not started")
        return self._engine_id

    # -- clips ------------------------------------------------------------------------------------

    def key_for(self, text: str, locale: str, speed: str) -> str:
        """Return the cache key of the clip for this text, locale and speed."""
        voice_id, rate = self._resolve(locale, speed)
        return cache_key(self.engine_id, voice_id, rate, text)

    def clip(self, text: str, locale: str, speed: str = "normal") -> Clip:
        """Return the clip for this text, from the cache or freshly made."""
        voice_id, rate = self._resolve(locale, speed)
        self._check_text(text)
        if not self.available:
            raise SpeechUnavailable("speech service is not running")
        key = cache_key(self.engine_id, voice_id, rate, text)
        hit = read_cached(self.cache_dir, key)
        if hit is not None:
            with self._lock:
                self._cache_hits += 1
            return hit
        with self._lock:
            # Checked under the lock that close() takes, so no job lands behind the stop marker.
            if self._closed:
                raise SpeechUnavailable("speech service is closed")
            future = self._inflight.get(key)
            if future is None:
                future = Future()
                self._inflight[key] = future
                self._jobs.put(_Job(key, text, voice_id, rate, future))
        try:
            return future.result(timeout=self._wait_timeout_s)
        except FutureTimeout:
            raise SpeechUnavailable("waited too long for the speech worker") from None

    def cached(self, key: str) -> Clip | None:
        """Return a cached clip by key alone (for serving), or None; never starts synthesis."""
        return read_cached(self.cache_dir, key)

    def stats(self) -> SpeechStats:
        """Return counters; engine runs are asked from the live worker itself."""
        current = 0
        if self.available:
            request = _StatsRequest(Future())
            self._jobs.put(request)
            with contextlib.suppress(SpeechUnavailable, FutureTimeout):
                current = request.future.result(timeout=self._wait_timeout_s)
        with self._lock:
            worker = self._worker
            return SpeechStats(
                engine_runs=self._retired_runs + current,
                worker_restarts=self._restarts,
                cache_hits=self._cache_hits,
                worker_pid=worker.process.pid if worker is not None else None,
            )

    def _resolve(self, locale: str, speed: str) -> tuple[str, int]:
        voice_id = self.voices.get(locale) or self.voices.get(locale.replace("-", "_").split("_")[0])
        if voice_id is None:
            raise UnsupportedLocale(f"no voice for locale {locale!r}")
        rate = self.rates.get(speed)
        if rate is None:
            raise UnsupportedSpeed(f"unknown speed {speed!r}")
        return voice_id, rate

    def _check_text(self, text: str) -> None:
        if len(text) > self._max_chars:
            raise UnsupportedText(f"text is longer than {self._max_chars} characters")
        if "\x00" in text:
            raise UnsupportedText("text contains a NUL character")
        if not word_spans(text):
            raise UnsupportedText("text has no words to speak")

    # -- dispatcher thread ------------------------------------------------------------------------

    def _dispatch(self) -> None:
        while True:
            try:
                item = self._jobs.get(timeout=self._watch_interval_s)
            except queue.Empty:
                self._replace_dead_worker()
                continue
            if item is None:
                return
            if isinstance(item, _StatsRequest):
                self._answer_stats(item)
            else:
                self._run(item)

    def _replace_dead_worker(self) -> None:
        worker = self._worker
        if worker is not None and not worker.alive():
            log.warning(
                "speech worker %s exited (code %s); starting a new one",
                worker.process.pid,
                worker.process.exitcode,
            )
            self._retire(worker)
            with contextlib.suppress(SpeechUnavailable):
                self._live_worker()

    def _answer_stats(self, request: _StatsRequest) -> None:
        worker = self._worker
        if worker is None or not worker.alive():
            request.future.set_result(0)
            return
        try:
            request.future.set_result(int(worker.request(("stats",), self._synth_timeout_s)[1]))
        except (_WorkerLost, _WorkerHung):
            self._retire(worker)
            request.future.set_result(0)

    def _run(self, job: _Job) -> None:
        try:
            job.future.set_result(self._make(job))
        except SpeechUnavailable as exc:
            job.future.set_exception(exc)
        except Exception as exc:  # never let the dispatcher die: every caller must get an answer
            log.exception("speech job failed")
            job.future.set_exception(SpeechUnavailable(f"speech failed: {type(exc).__name__}: {exc}"))
        finally:
            with self._lock:
                self._inflight.pop(job.key, None)

    def _make(self, job: _Job) -> Clip:
        # Another process sharing the cache may have made it while this job waited.
        hit = read_cached(self.cache_dir, job.key)
        if hit is not None:
            return hit
        message = ("clip", SynthesisJob(job.key, job.text, job.voice_id, job.rate, str(self.cache_dir)))
        # A worker killed from outside can still look alive for a moment, so a lost worker gets one
        # retry on a fresh process; a text that kills the engine twice is reported, not retried again.
        for attempt in (1, 2):
            worker = self._live_worker()
            try:
                reply = worker.request(message, self._synth_timeout_s)
                break
            except _WorkerHung:
                log.warning(
                    "speech worker %s hung for %.1f s; replacing it",
                    worker.process.pid,
                    self._synth_timeout_s,
                )
                self._retire(worker)
                raise SpeechUnavailable("speech synthesis timed out") from None
            except _WorkerLost:
                self._retire(worker)
                if attempt == 2:
                    raise SpeechUnavailable("speech worker died") from None
        if reply[0] == "ok":
            clip: Clip = reply[2]
            return clip
        if reply[0] == "fatal":
            self._retire(worker)
        raise SpeechUnavailable(f"speech synthesis failed: {reply[2]}")

    def _live_worker(self) -> _Worker:
        worker = self._worker
        if worker is not None and worker.alive():
            return worker
        if worker is not None:
            self._retire(worker)
        if time.monotonic() - self._last_failed_start < self._restart_backoff_s:
            raise SpeechUnavailable("speech engine failed to restart recently")
        try:
            worker = _Worker(self._ctx, self.engine_name, self._synth_timeout_s)
            worker.handshake(self._start_timeout_s)
        except SpeechUnavailable:
            self._last_failed_start = time.monotonic()
            raise
        with self._lock:
            self._worker = worker
            self._restarts += 1
        return worker

    def _retire(self, worker: _Worker) -> None:
        worker.kill()
        with self._lock:
            self._retired_runs += worker.engine_runs
            if self._worker is worker:
                self._worker = None
