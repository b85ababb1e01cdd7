"""easyreport: prepare a police interview around what a client needs."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from flask import Flask

from easyreport import template_cache
from easyreport.config import Config
from easyreport.paths import STATIC_DIR, TEMPLATES_DIR, TRANSLATIONS_DIR


def create_app(config: Config | dict[str, Any] | None = None) -> Flask:
    """Build the app: the only place where extensions, blueprints and hooks are wired."""
    app = Flask(
        __name__,
        template_folder=str(TEMPLATES_DIR),
        static_folder=str(STATIC_DIR),
        instance_relative_config=True,
    )
    # Set before anything touches app.jinja_env, which is made from these options on first use.
    app.jinja_options = {**app.jinja_options, "bytecode_cache": template_cache.SHARED}
    cfg = _resolve_config(config)
    cfg.finalise(Path(app.instance_path))
    app.config.update(cfg.flask_settings())
    app.config["EASYREPORT"] = cfg
    app.config["LANGUAGES"] = cfg.LANGUAGES
    for name in ("LOGIN_MAX_FAILURES", "LOGIN_WINDOW_MINUTES", "LOGIN_LOCK_MINUTES", "PASSWORD_MIN_LENGTH"):
        app.config[name] = getattr(cfg, name)
    for step in _STEPS:
        step(app, cfg)
    if cfg.PROXY_X_FOR or cfg.PROXY_X_PROTO:
        from werkzeug.middleware.proxy_fix import ProxyFix

        # Only the configured number of proxies is trusted; without it X-Forwarded-* is ignored.
        app.wsgi_app = ProxyFix(  # type: ignore[method-assign]
            app.wsgi_app, x_for=cfg.PROXY_X_FOR, x_proto=cfg.PROXY_X_PROTO, x_host=0, x_port=0, x_prefix=0
        )
    return app


def _resolve_config(config: Config | dict[str, Any] | None) -> Config:
    if isinstance(config, Config):
        return config
    cfg = Config.from_env()
    for key, value in (config or {}).items():
        if hasattr(cfg, key):
            setattr(cfg, key, value)
        else:
            cfg.extra[key] = value
    return cfg


def _database(app: Flask, cfg: Config) -> None:
    from easyreport.extensions import db

    db.init_app(app, cfg.DATABASE_URL)


def _keys(app: Flask, cfg: Config) -> None:
    import easyreport.models  # noqa: F401 - every table declared, and its encrypted columns bound to their place
    from easyreport.audit.chain import parse_audit_key
    from easyreport.security.crypto import KeyRing
    from easyreport.security.encrypted_types import set_keyring

    # The data key ring is process-wide because column types cannot see the app; every app in a process
    # must therefore be configured with the same keys (tests are).
    set_keyring(KeyRing.from_config(cfg.ENCRYPTION_KEYS, cfg.ENCRYPTION_ACTIVE_KEY or None))
    app.extensions["easyreport.audit_key"] = parse_audit_key(cfg.AUDIT_KEY)


def _audit_head(app: Flask, cfg: Config) -> None:
    from easyreport.audit.anchor import install_head_anchor

    bound = app.extensions["easyreport.db"]
    install_head_anchor(
        bound.session_factory, bound.engine, Path(cfg.AUDIT_HEAD_FILE), app.extensions["easyreport.audit_key"]
    )


def _sessions(app: Flask, cfg: Config) -> None:
    from easyreport.extensions import db
    from easyreport.web_session import DatabaseSessionInterface

    app.session_interface = DatabaseSessionInterface(
        db,
        idle=timedelta(minutes=cfg.SESSION_IDLE_MINUTES),
        max_age=timedelta(hours=cfg.SESSION_MAX_HOURS),
        client_idle=timedelta(minutes=cfg.CLIENT_IDLE_MINUTES),
    )


def _i18n(app: Flask, _cfg: Config) -> None:
    from easyreport.i18n import init_i18n

    init_i18n(app, str(TRANSLATIONS_DIR))


def _security(app: Flask, _cfg: Config) -> None:
    from easyreport.auth import load_current_user
    from easyreport.extensions import csrf
    from easyreport.security_headers import init_security_headers
    from easyreport.url_ids import RowIdConverter

    app.url_map.converters["int"] = RowIdConverter  # before any route is added
    csrf.init_app(app)
    app.before_request(load_current_user)
    init_security_headers(app)


def _blueprints(app: Flask, _cfg: Config) -> None:
    from easyreport.accounts import (
        passkey_views,  # noqa: F401 - adds the passkey pages
        second_factor_views,  # noqa: F401 - adds the second factor pages
    )
    from easyreport.accounts.views import bp as accounts_bp
    from easyreport.admin import (  # noqa: F401 - add the unit, audit and organisation pages to the admin blueprint
        organisations_views,
        units_views,
    )
    from easyreport.admin.views import bp as admin_bp
    from easyreport.briefing import (  # noqa: F401 - each adds its pages to the briefing blueprint
        card_views,
        client_copy_views,
        consent_break_views,
        consent_views,
        settings_views,
        sheet_views,
    )
    from easyreport.briefing.views import bp as briefing_bp
    from easyreport.evaluation.views import bp as evaluation_bp
    from easyreport.feedback import client_views as feedback_client_views  # noqa: F401 - the client's feedback screens
    from easyreport.feedback.views import bp as feedback_bp
    from easyreport.health import bp as health_bp
    from easyreport.pages import bp as pages_bp
    from easyreport.preparation import language_views  # noqa: F401 - adds the language pages
    from easyreport.preparation.client_views import bp as client_bp
    from easyreport.preparation.client_views import enforce_client_mode
    from easyreport.preparation.views import bp as preparation_bp
    from easyreport.sharing.views import bp as sharing_bp
    from easyreport.staff.views import counsellor, officer

    for blueprint in (
        pages_bp,
        accounts_bp,
        admin_bp,
        counsellor,
        officer,
        preparation_bp,
        client_bp,
        briefing_bp,
        sharing_bp,
        health_bp,
        feedback_bp,
        evaluation_bp,
    ):
        app.register_blueprint(blueprint)
    app.before_request(enforce_client_mode)


def _content(app: Flask, _cfg: Config) -> None:
    from easyreport.content.pictograms import pictogram
    from easyreport.content_cli import content_cli
    from easyreport.fragments import init_fragments

    app.jinja_env.globals["pictogram_info"] = pictogram
    init_fragments(app)
    app.cli.add_command(content_cli)


def _speech(app: Flask, cfg: Config) -> None:
    from easyreport.speech.web import init_speech

    init_speech(app, cfg)


def _static_files(app: Flask, cfg: Config) -> None:
    from easyreport.security_headers import fixed_headers
    from easyreport.static_files import init_static_files

    build_root = Path(cfg.STATIC_BUILD_DIR or Path(app.instance_path) / "static-build")
    init_static_files(app, build_root, lambda: fixed_headers(cfg))


def _compression(app: Flask, _cfg: Config) -> None:
    from easyreport.compression import init_compression

    init_compression(app)


def _errors(app: Flask, _cfg: Config) -> None:
    from easyreport.errors import init_errors

    init_errors(app)


def _cli(app: Flask, _cfg: Config) -> None:
    from easyreport.cli import init_cli

    init_cli(app)


_STEPS: list[Callable[[Flask, Config], None]] = [
    _keys,
    _database,
    _audit_head,
    _sessions,
    _i18n,
    _security,
    _content,
    _blueprints,
    _speech,
    _static_files,
    _compression,
    _errors,
    _cli,
]
