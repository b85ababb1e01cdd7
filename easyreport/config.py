"""Typed configuration: local defaults, overridden from the environment."""

from __future__ import annotations

import base64
import os
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

ENVIRONMENTS = ("development", "test", "production")


class ConfigError(RuntimeError):
    """The configuration cannot be used; the message says what to set."""


@dataclass
class Config:
    """Everything the app reads from its surroundings, with the defaults for a local run."""

    ENV: str = "production"
    SECRET_KEY: str = ""
    DATABASE_URL: str = ""
    INSTANCE_PATH: str = ""
    LANGUAGES: tuple[str, ...] = ("nl", "en")
    DEFAULT_LOCALE: str = "nl"
    SESSION_IDLE_MINUTES: int = 30
    SESSION_MAX_HOURS: int = 12
    LOGIN_MAX_FAILURES: int = 5
    LOGIN_WINDOW_MINUTES: int = 15
    LOGIN_LOCK_MINUTES: int = 15
    # An account with LOGIN_MAX_FAILURES recent failures gets one try per this many seconds (a slow-down, so
    # nobody can lock someone else out); an address with LOGIN_ADDRESS_MAX_FAILURES is blocked for LOCK_MINUTES.
    LOGIN_ACCOUNT_DELAY_SECONDS: int = 30
    LOGIN_ADDRESS_MAX_FAILURES: int = 20
    # How many proxies in front of the app set X-Forwarded-For / X-Forwarded-Proto (Werkzeug's ProxyFix);
    # 0 trusts no header, so the source address is the connecting peer.
    PROXY_X_FOR: int = 0
    PROXY_X_PROTO: int = 0
    # A device left untouched this long in client mode shows the locked screen (answers are kept).
    CLIENT_IDLE_MINUTES: int = 120
    PASSWORD_MIN_LENGTH: int = 10
    # Roles that must pass a second factor (TOTP) after the password, e.g. "officer,admin,counsellor".
    # "auto": counsellors, officers and admins in production, none in development and test (demo and test
    # accounts).
    SECOND_FACTOR_ROLES: str = "auto"
    # Passkeys (WebAuthn) as the stronger second factor. The relying party id is the site's domain and the
    # origin its exact https:// address; required in production while enabled, taken from the request's host
    # in development and test.
    WEBAUTHN_ENABLED: bool = True
    WEBAUTHN_RP_ID: str = ""
    WEBAUTHN_ORIGIN: str = ""
    # Data keys "id:base64,id2:base64" and the one new data is encrypted with; the audit MAC key. From the
    # environment (or a secrets manager feeding it), never from the database. Generate with `flask keys new`.
    RETENTION_PREPARATION_DAYS: int = 90
    ENCRYPTION_KEYS: str = ""
    ENCRYPTION_ACTIVE_KEY: str = ""
    AUDIT_KEY: str = ""
    # The signed audit head (newest seq and MAC), kept outside the database; default <instance>/audit_head.json.
    AUDIT_HEAD_FILE: str = ""
    # Strict-Transport-Security max-age in production (browsers then use only HTTPS); 0 sends no header.
    HSTS_MAX_AGE: int = 365 * 24 * 3600
    # Form fields above this size get a form error; whole requests above MAX_CONTENT_LENGTH get a 413 page.
    MAX_FORM_MEMORY_SIZE: int = 2 * 1024 * 1024
    MAX_CONTENT_LENGTH: int = 4 * 1024 * 1024
    # Read-aloud: "espeak" (pyttsx3 + espeak-ng) or "none" to switch audio off; any other name fails to
    # start, and pages then say that reading aloud does not work right now.
    SPEECH_ENGINE: str = "espeak"
    # Where clips are cached; default <instance>/audio. Several app servers may share one directory.
    SPEECH_CACHE_DIR: str = ""
    # Where the content-hashed copies of static/ are written (easyreport/static_files.py); instance/static-build.
    STATIC_BUILD_DIR: str = ""
    # Voice per locale as "nl=gmw/nl,en=gmw/en"; empty means the built-in voices for LANGUAGES.
    # A voice the engine does not have stops the app at start-up (never a silent other language).
    SPEECH_VOICES: str = ""
    # How often (seconds) an idle app checks its speech worker and starts a new one if it died.
    SPEECH_WATCH_SECONDS: int = 1
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Config:
        """Read the configuration from environment variables (EASYREPORT_* or the common names)."""
        env = dict(os.environ if environ is None else environ)
        config = cls()
        for f in fields(cls):
            if f.name == "extra":
                continue
            raw = env.get(f"EASYREPORT_{f.name}", env.get(f.name) if f.name in _PLAIN_NAMES else None)
            if raw is None:
                continue
            current = getattr(config, f.name)
            if isinstance(current, bool):
                value: Any = raw.lower() in ("1", "true", "yes", "on")
            elif isinstance(current, int):
                try:
                    value = int(raw)
                except ValueError as exc:
                    raise ConfigError(f"{f.name} must be a whole number, got {raw!r}.") from exc
            elif isinstance(current, tuple):
                value = tuple(part.strip() for part in raw.split(",") if part.strip())
            else:
                value = raw
            setattr(config, f.name, value)
        return config

    def finalise(self, instance_path: Path) -> None:
        """Fill derived defaults and refuse unsafe settings outside development and test."""
        if self.ENV not in ENVIRONMENTS:
            raise ConfigError(f"EASYREPORT_ENV must be one of {', '.join(ENVIRONMENTS)}, got {self.ENV!r}.")
        self.INSTANCE_PATH = str(instance_path)
        if not self.DATABASE_URL:
            self.DATABASE_URL = f"sqlite:///{instance_path / 'easyreport.sqlite'}"
        if not self.SECRET_KEY:
            if self.ENV == "production":
                raise ConfigError(
                    "SECRET_KEY is not set. Set the environment variable SECRET_KEY to a long random value "
                    "(for example: python -c 'import secrets; print(secrets.token_urlsafe(48))')."
                )
            self.SECRET_KEY = _local_secret(instance_path, "secret_key", lambda: secrets.token_urlsafe(48))
        if not self.ENCRYPTION_KEYS:
            if self.ENV == "production":
                raise ConfigError(
                    "EASYREPORT_ENCRYPTION_KEYS is not set. Generate a key with: flask keys new"
                )
            self.ENCRYPTION_KEYS = "local:" + _local_secret(instance_path, "data_key", _random_key)
        if not self.AUDIT_KEY:
            if self.ENV == "production":
                raise ConfigError("EASYREPORT_AUDIT_KEY is not set. Generate a key with: flask keys new")
            self.AUDIT_KEY = _local_secret(instance_path, "audit_key", _random_key)
        if self.SECOND_FACTOR_ROLES.strip() == "auto":
            self.SECOND_FACTOR_ROLES = "counsellor,officer,admin" if self.ENV == "production" else ""
        unknown = set(self.second_factor_roles()) - {"counsellor", "officer", "admin"}
        if unknown:
            raise ConfigError(
                f"EASYREPORT_SECOND_FACTOR_ROLES names unknown roles: {', '.join(sorted(unknown))}."
            )
        if (
            self.WEBAUTHN_ENABLED
            and self.ENV == "production"
            and not (self.WEBAUTHN_RP_ID and self.WEBAUTHN_ORIGIN)
        ):
            raise ConfigError(
                "EASYREPORT_WEBAUTHN_RP_ID and EASYREPORT_WEBAUTHN_ORIGIN must be set (for example "
                "'report.example.org' and 'https://report.example.org'), or set EASYREPORT_WEBAUTHN_ENABLED=0."
            )
        if not self.AUDIT_HEAD_FILE:
            self.AUDIT_HEAD_FILE = str(instance_path / "audit_head.json")
        if self.DEFAULT_LOCALE not in self.LANGUAGES:
            raise ConfigError("DEFAULT_LOCALE must be one of LANGUAGES.")
        if not self.SPEECH_CACHE_DIR:
            self.SPEECH_CACHE_DIR = str(instance_path / "audio")
        self.speech_voices()  # fail at start-up on a malformed value

    def speech_voices(self) -> dict[str, str]:
        """Return the voice id per locale: SPEECH_VOICES, or the built-in voices of LANGUAGES."""
        if not self.SPEECH_VOICES.strip():
            from easyreport.speech.voices import CLIENT_ONLY_VOICES, DEFAULT_VOICES

            built_in = {
                locale: DEFAULT_VOICES[locale] for locale in self.LANGUAGES if locale in DEFAULT_VOICES
            }
            return built_in | dict(CLIENT_ONLY_VOICES)
        voices: dict[str, str] = {}
        for part in self.SPEECH_VOICES.split(","):
            locale, sep, voice = (piece.strip() for piece in part.partition("="))
            if not sep or not locale or not voice:
                raise ConfigError(
                    f"EASYREPORT_SPEECH_VOICES must look like 'nl=gmw/nl,en=gmw/en', got {self.SPEECH_VOICES!r}."
                )
            voices[locale] = voice
        return voices

    def second_factor_roles(self) -> frozenset[str]:
        """The roles that must pass a second factor."""
        return frozenset(part.strip() for part in self.SECOND_FACTOR_ROLES.split(",") if part.strip())

    @property
    def is_local(self) -> bool:
        """Whether this is a developer's or the test suite's run (plain HTTP on loopback)."""
        return self.ENV in ("development", "test")

    def flask_settings(self) -> dict[str, Any]:
        """Return the settings Flask and its extensions read from app.config."""
        return {
            "SECRET_KEY": self.SECRET_KEY,
            # "__Host-" makes the browser refuse the cookie unless it is Secure, has Path=/ and no Domain,
            # so neither a plain-HTTP page nor a sibling subdomain can set or overwrite it.
            "SESSION_COOKIE_NAME": "easyreport_session" if self.is_local else "__Host-easyreport_session",
            "SESSION_COOKIE_PATH": "/",
            "SESSION_COOKIE_DOMAIN": None,
            "SESSION_COOKIE_HTTPONLY": True,
            "SESSION_COOKIE_SAMESITE": "Lax",
            "SESSION_COOKIE_SECURE": not self.is_local,
            "MAX_CONTENT_LENGTH": self.MAX_CONTENT_LENGTH,
            "MAX_FORM_MEMORY_SIZE": self.MAX_FORM_MEMORY_SIZE,
            "WTF_CSRF_TIME_LIMIT": None,  # the CSRF token lives as long as the server-side session
            "TESTING": self.ENV == "test",
            "BABEL_DEFAULT_LOCALE": self.DEFAULT_LOCALE,
            **self.extra,
        }


_PLAIN_NAMES = {"SECRET_KEY", "DATABASE_URL"}


def _random_key() -> str:
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def _local_secret(instance_path: Path, name: str, make: Callable[[], str]) -> str:
    """Keep a generated key in the instance folder so a local restart keeps sessions and data readable."""
    path = instance_path / name
    if path.exists():
        return path.read_text().strip()
    instance_path.mkdir(parents=True, exist_ok=True)
    key = make()
    # Written whole under another name and linked into place, so two processes starting at once (gunicorn
    # workers, parallel tests) never read a half-written key, and both end up with the one that won.
    draft = instance_path / f".{name}.{os.getpid()}.{secrets.token_hex(4)}"
    draft.write_text(key)
    draft.chmod(0o600)
    try:
        os.link(draft, path)
    except FileExistsError:
        return path.read_text().strip()
    finally:
        draft.unlink()
    return key
