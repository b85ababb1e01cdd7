"""Typed failures of the speech service; the web layer turns them into plain messages."""

from __future__ import annotations


class SpeechError(Exception):
    """Base class of every speech failure."""


class SpeechUnavailable(SpeechError):
    """Audio cannot be made now: the engine is missing, failed, hung or was not started."""


class UnknownVoice(SpeechUnavailable):
    """A configured voice id is not among the voices the engine reports."""

    def __init__(self, locale: str, voice_id: str) -> None:
        super().__init__(f"voice {voice_id!r} for locale {locale!r} is not installed")
        self.locale = locale
        self.voice_id = voice_id


class UnsupportedLocale(SpeechError, ValueError):
    """No voice is configured for the requested locale."""


class UnsupportedSpeed(SpeechError, ValueError):
    """The requested speed is not one of the configured speeds."""


class UnsupportedText(SpeechError, ValueError):
    """The text has no words to speak, is too long, or holds characters the engine cannot take."""
