"""Read-aloud audio: a speech service with an on-disk cache and word timings for highlighting.

The web layer lives beside it and is imported only by the app: ``web.py`` (``init_speech``, the
``_speech`` step of ``create_app``; template helpers), ``views.py`` (the audio routes), ``cli.py``
(``flask speech build``); ``texts.py`` names the app's own texts by id.

Public API of the engine side (no Flask here):

- ``SpeechService(cache_dir, voices=..., rates=..., engine_name="espeak")`` with ``start()``,
  ``close()``, ``clip(text, locale, speed) -> Clip``, ``key_for(...)``, ``cached(key)``, ``stats()``.
- ``audio_file(cache_dir, key)`` / ``timings_file(cache_dir, key)`` / ``read_audio(cache_dir, key)`` /
  ``read_cached(cache_dir, key)``:
  serving-side lookups that need no engine and accept keys straight from a URL.
- Errors: ``SpeechError`` > ``SpeechUnavailable`` (> ``UnknownVoice``), ``UnsupportedLocale``,
  ``UnsupportedSpeed``, ``UnsupportedText``.
"""

from easyreport.speech.cache import (
    Clip,
    audio_file,
    cache_key,
    is_key,
    read_audio,
    read_cached,
    timings_file,
)
from easyreport.speech.errors import (
    SpeechError,
    SpeechUnavailable,
    UnknownVoice,
    UnsupportedLocale,
    UnsupportedSpeed,
    UnsupportedText,
)
from easyreport.speech.service import SpeechService, SpeechStats
from easyreport.speech.timings import WordTiming
from easyreport.speech.voices import DEFAULT_RATES, DEFAULT_VOICES

__all__ = [
    "DEFAULT_RATES",
    "DEFAULT_VOICES",
    "Clip",
    "SpeechError",
    "SpeechService",
    "SpeechStats",
    "SpeechUnavailable",
    "UnknownVoice",
    "UnsupportedLocale",
    "UnsupportedSpeed",
    "UnsupportedText",
    "WordTiming",
    "audio_file",
    "cache_key",
    "is_key",
    "read_audio",
    "read_cached",
    "timings_file",
]
