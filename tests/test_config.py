"""Configuration from the environment, and refusal of unsafe production settings."""

from __future__ import annotations

import pytest

from easyreport import create_app
from easyreport.config import Config, ConfigError


def test_production_without_secret_key_refuses_to_start(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("EASYREPORT_SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY is not set"):
        create_app({"ENV": "production", "DATABASE_URL": f"sqlite:///{tmp_path / 'x.sqlite'}"})


def test_development_generates_and_keeps_a_local_secret(tmp_path):
    first = Config(ENV="development")
    first.finalise(tmp_path)
    second = Config(ENV="development")
    second.finalise(tmp_path)
    assert len(first.SECRET_KEY) > 40 and first.SECRET_KEY == second.SECRET_KEY


def test_environment_overrides_defaults():
    config = Config.from_env(
        {
            "EASYREPORT_ENV": "test",
            "DATABASE_URL": "sqlite:///elsewhere.db",
            "EASYREPORT_SESSION_IDLE_MINUTES": "5",
            "EASYREPORT_LANGUAGES": "nl, en",
        }
    )
    assert config.ENV == "test"
    assert config.DATABASE_URL == "sqlite:///elsewhere.db"
    assert config.SESSION_IDLE_MINUTES == 5
    assert config.LANGUAGES == ("nl", "en")


def test_bad_numbers_and_environments_are_explained(tmp_path):
    with pytest.raises(ConfigError, match="whole number"):
        Config.from_env({"EASYREPORT_SESSION_IDLE_MINUTES": "soon"})
    with pytest.raises(ConfigError, match="EASYREPORT_ENV"):
        Config(ENV="staging").finalise(tmp_path)


def test_database_url_selects_the_database(tmp_path):
    app = create_app(
        {"ENV": "test", "SECRET_KEY": "k", "DATABASE_URL": f"sqlite:///{tmp_path / 'chosen.sqlite'}"}
    )
    from easyreport.extensions import db

    with app.app_context():
        db.create_all()
    assert (tmp_path / "chosen.sqlite").exists()
