"""Settings: the secret key is generated and kept safely, and production refuses weak ones."""

import stat

import pytest

from portal import create_app
from portal.platform.settings import SettingsError, resolve_secret, weakness


def test_development_generates_and_keeps_a_secret(tmp_path):
    first = resolve_secret(None, tmp_path, production=False)
    kept = tmp_path / "secret_key"
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert weakness(first) is None
    assert resolve_secret(None, tmp_path, production=False) == first


def test_production_refuses_a_missing_secret(tmp_path):
    with pytest.raises(SettingsError, match="No secret key is set"):
        resolve_secret(None, tmp_path, production=True)
    assert not (tmp_path / "secret_key").exists()


@pytest.mark.parametrize("weak", ["short", "a" * 64, "abcabcabcabcabcabcabcabcabcabcabcabc"])
def test_production_refuses_a_weak_secret(tmp_path, weak):
    with pytest.raises(SettingsError, match="too weak"):
        resolve_secret(weak, tmp_path, production=True)


def test_production_refuses_a_kept_secret_readable_by_others(tmp_path):
    kept = tmp_path / "secret_key"
    kept.write_text("x7Gk2pQ9zLm4Vb8Nc1Rt5Yw3Hs6Jd0Fa-_qwertyuiop")
    kept.chmod(0o644)
    with pytest.raises(SettingsError, match="chmod 600"):
        resolve_secret(None, tmp_path, production=True)


def test_create_app_in_production_says_why_it_will_not_start(tmp_path, monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setenv("PORTAL_ENV", "production")
    with pytest.raises(SettingsError, match="SECRET_KEY"):
        create_app({"INSTANCE_PATH": str(tmp_path)})


def test_settings_come_from_the_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "development")
    monkeypatch.setenv("SESSION_IDLE_MINUTES", "7")
    monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path}/other.db")
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["SESSION_IDLE_MINUTES"] == 7
    assert app.config["DATABASE_URL"].endswith("other.db")
    assert app.config["SESSION_COOKIE_SECURE"] is False


def test_default_database_is_sqlite_in_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "development")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    app = create_app({"INSTANCE_PATH": str(tmp_path)})
    assert app.config["DATABASE_URL"] == f"sqlite:///{tmp_path / 'portal.sqlite3'}"


def test_an_unknown_time_zone_is_refused_with_a_message(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_TIMEZONE", "Europe/Atlantis")
    with pytest.raises(SettingsError, match="PORTAL_TIMEZONE"):
        create_app(
            {"INSTANCE_PATH": str(tmp_path), "SECRET_KEY": "k" * 40, "PORTAL_ENV": "testing"}
        )
