"""Read-aloud in the web app: one speech service per app, audio URLs for templates, template helpers.

The engine modules of this package import no Flask; this module, ``views.py`` and ``cli.py`` are its
web layer. ``init_speech`` is the ``_speech`` step of ``create_app``: in a server it starts the service
at once, so a configured voice the engine does not have stops the app with a ``ConfigError`` (never a
silent other language); under the ``flask`` command the service starts on first use, so commands that
never speak start no worker process. Any other failure to start (espeak-ng missing, an engine name that does not work,
``SPEECH_ENGINE=none``) leaves the app running without audio: the read-aloud control then says that
reading aloud does not work right now.

Audio URLs carry the clip's cache key, a hash of engine, voice, speed and the spoken text, so a URL
names one audio forever and can be cached as immutable; when a translation, voice or engine changes,
pages link to a new URL.
"""

from __future__ import annotations

import logging
import os
import threading
import weakref
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import click
from flask import Flask, current_app, g, has_request_context, request, url_for
from flask_babel import get_locale
from markupsafe import Markup

from easyreport.client_languages import ALL_LANGUAGES, client_codes
from easyreport.config import Config, ConfigError
from easyreport.content import client_screens
from easyreport.content.texts import all_client_texts
from easyreport.speech.errors import SpeechUnavailable, UnknownVoice, UnsupportedLocale, UnsupportedSpeed
from easyreport.speech.service import SpeechService
from easyreport.speech.texts import TextRegistry, catalogue_messages, text_id
from easyreport.speech.voices import CLIENT_ONLY_VOICES
from easyreport.translatable import translate

log = logging.getLogger(__name__)

EXTENSION_KEY = "easyreport.speech"
DEFAULT_SPEED = "normal"


@dataclass(frozen=True, slots=True)
class SpeechTexts:
    """Texts and pictograms of the read-aloud control, for the macro (msgids, translated there)."""

    READ_ALOUD: str = client_screens.READ_ALOUD
    READ_ALOUD_ITEM: str = client_screens.READ_ALOUD_ITEM
    UNAVAILABLE: str = client_screens.READ_ALOUD_UNAVAILABLE
    SPEAKER: str = client_screens.BUTTON_PICTOGRAMS["read_aloud"]
    MUTED: str = "muted_speaker"


@dataclass(frozen=True, slots=True)
class ReadAloudSources:
    """What the read-aloud macro renders for one text: audio and timings URL per speed, or nothing."""

    clips: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    # True for the first text on a page without audio: the page says once that audio does not work.
    show_unavailable: bool = False

    @property
    def available(self) -> bool:
        """Tell whether audio can be offered for this text."""
        return bool(self.clips)

    def audio(self, speed: str = DEFAULT_SPEED) -> str:
        """Return the MP3 URL for a speed ("" when there is none)."""
        return self.clips.get(speed, ("", ""))[0]

    def timings(self, speed: str = DEFAULT_SPEED) -> str:
        """Return the word timings URL for a speed ("" when there is none)."""
        return self.clips.get(speed, ("", ""))[1]


@dataclass(frozen=True, slots=True)
class ReadAloudBlock:
    """The clips of a read-aloud control that reads several texts in turn (one part per text, in order)."""

    parts: tuple[tuple[str, ReadAloudSources], ...] = ()
    show_unavailable: bool = False

    @property
    def available(self) -> bool:
        """Tell whether any text of the block can be read aloud."""
        return bool(self.parts)

    @property
    def targets(self) -> str:
        """Return the target ids, space-separated, for aria-controls."""
        return " ".join(target for target, _ in self.parts)

    def audio(self, speed: str = DEFAULT_SPEED) -> str:
        """Return the MP3 URLs for a speed, space-separated ("" unless every part has that speed)."""
        urls = [sources.audio(speed) for _, sources in self.parts]
        return " ".join(urls) if all(urls) else ""

    def timings(self, speed: str = DEFAULT_SPEED) -> str:
        """Return the word timings URLs for a speed, space-separated ("" unless every part has that speed)."""
        urls = [sources.timings(speed) for _, sources in self.parts]
        return " ".join(urls) if all(urls) else ""


class SpeechWeb:
    """The app's speech service and text registry, and the cache keys of the app's texts."""

    def __init__(self, config: Config, registry: TextRegistry) -> None:
        self._config = config
        self._service: SpeechService | None = None
        self._started = False
        self.registry = registry
        self._pid = os.getpid()
        self._lock = threading.Lock()
        self._keys: dict[tuple[str, str, str], str] = {}
        # The clip URLs of a text in a locale (under an app root), made once: a client screen asks for dozens.
        self.sources: dict[tuple[str, str, str], ReadAloudSources] = {}
        self.fragments: dict[tuple[object, ...], Markup] = {}

    @property
    def started(self) -> bool:
        """Tell whether this process has started (or tried to start) its speech service."""
        return self._started and self._pid == os.getpid()

    def start(self) -> None:
        """Start this process's speech service now, unless it was started already; raise ConfigError."""
        if self.started:
            return
        with self._lock:
            if self.started:
                return
            # A forked server process (gunicorn --preload) inherits the parent's handle but not its
            # dispatcher thread, and must not talk to the parent's worker: it starts its own.
            self._pid = os.getpid()
            self._keys = {}
            self.sources = {}
            self.fragments = {}
            self._service = start_service(self._config)
            self._started = True

    @property
    def switched_off(self) -> bool:
        """Tell whether audio is off by configuration (SPEECH_ENGINE=none), not for a while."""
        return self._config.SPEECH_ENGINE == "none"

    @property
    def service(self) -> SpeechService | None:
        """Return the running service of this process (started on first use), or None when audio is off."""
        self.start()
        service = self._service
        return service if service is not None and service.available else None

    def health(self) -> tuple[str, str | None]:
        """Return ("ok" | "off" | "unavailable", the reason when unavailable) for /healthz."""
        if self._config.SPEECH_ENGINE == "none":
            return "off", None
        self.start()
        if self._service is None:
            return "unavailable", "speech engine did not start"
        reason = self._service.health()
        return ("ok", None) if reason is None else ("unavailable", reason)

    def speeds(self) -> tuple[str, ...]:
        """Return the configured speeds (none when audio is off)."""
        service = self.service
        return tuple(service.rates) if service is not None else ()

    def locales(self) -> frozenset[str]:
        """Return the locales that have a voice and are offered by the app."""
        service = self.service
        if service is None:
            return frozenset()
        return frozenset(service.voices) & frozenset(client_codes(self._config.LANGUAGES))

    def spoken_text(self, msgid: str, locale: str) -> str:
        """Return exactly what is said for a message in a locale: the same translation the page shows."""
        return translate(msgid, locale)

    def key(self, msgid: str, locale: str, speed: str) -> str:
        """Return the cache key of a message's clip; raise SpeechUnavailable or an unsupported error."""
        service = self.service
        if service is None:
            raise SpeechUnavailable("reading aloud is off")
        if locale not in self.locales():
            raise UnsupportedLocale(locale)
        cache_key = (msgid, locale, speed)
        key = self._keys.get(cache_key)
        if key is None:
            key = service.key_for(self.spoken_text(msgid, locale), locale, speed)
            self._keys[cache_key] = key
        return key

    def close(self) -> None:
        """Stop this process's speech worker (a forked child never stops its parent's)."""
        if self._service is not None and self.started:
            self._service.close()


# Each language's own name, spoken in that language on the language-choice screen.
LANGUAGE_OWN_NAMES = [language.own_name for language in ALL_LANGUAGES.values()]


def start_service(config: Config) -> SpeechService | None:
    """Create and start the speech service; None when speech is switched off or cannot start."""
    if config.SPEECH_ENGINE == "none":
        return None
    service = SpeechService(
        Path(config.SPEECH_CACHE_DIR),
        voices=config.speech_voices(),
        engine_name=config.SPEECH_ENGINE,
        watch_interval_s=config.SPEECH_WATCH_SECONDS,
        optional_locales=frozenset(CLIENT_ONLY_VOICES),
    )
    try:
        service.start()
    except UnknownVoice as error:
        service.close()
        raise ConfigError(
            f"Speech: {error}. Install it or choose another voice with EASYREPORT_SPEECH_VOICES "
            "(see `espeak-ng --voices`), or switch audio off with EASYREPORT_SPEECH_ENGINE=none."
        ) from error
    except SpeechUnavailable as error:
        service.close()
        log.warning("Reading aloud does not work; pages will say so: %s", error)
        return None
    for locale, voice_id in service.missing_voices.items():
        log.warning("No espeak-ng voice %s: reading aloud is off for %s only.", voice_id, locale)
    return service


def speech_web(app: Flask | None = None) -> SpeechWeb:
    """Return the app's speech state."""
    state: SpeechWeb = (app or current_app).extensions[EXTENSION_KEY]
    return state


def read_aloud_sources(msgid: str, locale: str | None = None) -> ReadAloudSources:
    """Return the audio URLs for one of the app's own texts in the page's language (template global).

    ``locale`` speaks the text in another language: a language's own name on the language-choice screen.
    """
    state = speech_web()
    if not state.registry.knows(msgid):
        message = f"read_aloud() needs one of the app's own texts without placeholders, got {msgid!r}"
        if current_app.testing or current_app.debug:
            raise ValueError(message)
        log.warning(message)
        return _unavailable()
    locale = locale or str(get_locale())
    cache_key = (msgid, locale, request.script_root if has_request_context() else "")
    known = state.sources.get(cache_key)
    if known is not None and state.service is not None:
        return known
    clips: dict[str, tuple[str, str]] = {}
    try:
        for speed in state.speeds():
            key = state.key(msgid, locale, speed)
            clips[speed] = (
                url_for("speech.clip", locale=locale, speed=speed, text_id=text_id(msgid), key=key),
                url_for("speech.timings", locale=locale, speed=speed, text_id=text_id(msgid), key=key),
            )
    except (SpeechUnavailable, UnsupportedLocale, UnsupportedSpeed):
        return _unavailable()
    if not clips:
        return _unavailable()
    sources = ReadAloudSources(clips)
    if len(state.sources) < 20_000:  # the app's own texts times its locales: far fewer
        state.sources[cache_key] = sources
    return sources


def read_aloud_block(items: list[tuple[str, ...]] | tuple[tuple[str, ...], ...]) -> ReadAloudBlock:
    """Return the clips of (msgid, target id[, locale]) items that can be read aloud, in order (template global)."""
    parts: list[tuple[str, ReadAloudSources]] = []
    show_unavailable = False
    for msgid, target_id, *spoken_in in items:
        sources = read_aloud_sources(msgid, spoken_in[0] if spoken_in else None)
        if sources.available:
            parts.append((target_id, sources))
        show_unavailable = show_unavailable or sources.show_unavailable
    return ReadAloudBlock(tuple(parts), show_unavailable=show_unavailable and not parts)


def read_aloud_cached(
    render: Callable[..., Markup], items: Iterable[tuple[str, str]], *args: object
) -> Markup:
    """Draw a read-aloud control through its macro once per texts, language, speed and arguments (template global).

    A client screen has a dozen controls, each some thirty translations and URLs; what they draw depends only on
    those inputs while the speech service runs. Without audio the page says so once, which depends on what came
    before on the page: those are drawn each time.
    """
    state = speech_web()
    pairs = tuple((msgid, target) for msgid, target in items)
    if state.service is None or not all(type(msgid) is str for msgid, _ in pairs):
        return render(list(pairs), *args)  # a macro returns Markup: escaped as it drew it
    root = request.script_root if has_request_context() else ""
    key = (getattr(render, "name", None), pairs, args, str(get_locale()), speech_speed(), root)
    try:
        drawn = state.fragments.get(key)
    except TypeError:  # an argument that cannot be a key
        return render(list(pairs), *args)  # a macro returns Markup: escaped as it drew it
    if drawn is None:
        drawn = render(list(pairs), *args)
        if read_aloud_block(pairs).available and len(state.fragments) < 20_000:
            state.fragments[key] = drawn
    return drawn


def _unavailable() -> ReadAloudSources:
    first = not g.get("read_aloud_unavailable_shown", False)
    g.read_aloud_unavailable_shown = True
    return ReadAloudSources(show_unavailable=first)


def speech_speed() -> str:
    """Return the speed chosen for the client on this screen (template global)."""
    from easyreport.preparation.client_views import current_client_preparation

    preparation = current_client_preparation()
    speed = preparation.speech_speed if preparation is not None else DEFAULT_SPEED
    return speed if speed in speech_web().speeds() else DEFAULT_SPEED


def read_aloud_auto() -> bool:
    """Tell whether the question is read aloud when its screen opens (template global)."""
    from easyreport.preparation.client_views import current_client_preparation

    preparation = current_client_preparation()
    return bool(preparation is not None and preparation.read_aloud_auto)


def init_speech(app: Flask, config: Config) -> None:
    """Start the speech service, and register the audio routes, template helpers and CLI."""
    from easyreport.speech.cli import speech_cli
    from easyreport.speech.views import bp

    state = SpeechWeb(config, TextRegistry(all_client_texts() + LANGUAGE_OWN_NAMES, catalogue_messages))
    app.extensions[EXTENSION_KEY] = state
    if not _loaded_by_a_command():
        state.start()
    # The worker stops when the app is collected or the interpreter exits, whichever comes first.
    weakref.finalize(app, state.close)
    app.jinja_env.globals.update(
        read_aloud_sources=read_aloud_sources,
        read_aloud_block=read_aloud_block,
        read_aloud_cached=read_aloud_cached,
        speech_speed=speech_speed,
        read_aloud_auto=read_aloud_auto,
        speech_texts=SpeechTexts(),
    )
    app.register_blueprint(bp)
    app.cli.add_command(speech_cli)


def _loaded_by_a_command() -> bool:
    """Tell whether the `flask` command is loading the app (its commands start speech only when they speak).

    A server (gunicorn, a test's app) starts the worker at once, so a voice the engine lacks stops it at
    start-up. Under `flask ...` the app is made while click parses the command line; most commands never
    speak, and `flask speech build` (or `flask run`'s first page) starts the worker on first use.
    """
    return click.get_current_context(silent=True) is not None


def close_speech(app: Flask) -> None:
    """Stop the app's speech worker now (tests, and servers that shut down in an orderly way)."""
    speech_web(app).close()
