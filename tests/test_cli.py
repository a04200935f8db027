"""The portal command: db upgrade, user create, the demo organisation."""

import pytest
from click.testing import CliRunner

from portal.core.accounts.models import Person, Team
from portal.ops import cli, demo


@pytest.fixture
def env(tmp_path, monkeypatch):
    monkeypatch.setenv("PORTAL_INSTANCE", str(tmp_path))
    monkeypatch.setenv("PORTAL_ENV", "development")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    return tmp_path


def test_db_upgrade_then_user_create(env):
    runner = CliRunner()
    result = runner.invoke(cli.main, ["db", "upgrade"])
    assert result.exit_code == 0, result.output
    assert "0001_accounts" in result.output
    assert "up to date" in runner.invoke(cli.main, ["db", "upgrade"]).output

    result = runner.invoke(
        cli.main,
        [
            "user",
            "create",
            "--email",
            "hr@example.test",
            "--name",
            "Pieter",
            "--role",
            "hr",
            "--role",
            "employee",
            "--password",
            "a long enough password",
        ],
    )
    assert result.exit_code == 0, result.output
    person = Person.get(Person.email == "hr@example.test")
    assert {r.value for r in person.roles} == {"hr", "employee"}

    again = runner.invoke(
        cli.main,
        [
            "user",
            "create",
            "--email",
            "hr@example.test",
            "--name",
            "P",
            "--password",
            "a long enough password",
        ],
    )
    assert again.exit_code != 0 and "already" in again.output


def test_weak_password_is_refused_with_a_message(env):
    runner = CliRunner()
    runner.invoke(cli.main, ["db", "upgrade"])
    result = runner.invoke(
        cli.main,
        ["user", "create", "--email", "x@example.test", "--name", "X", "--password", "short"],
    )
    assert result.exit_code != 0 and "too weak" in result.output


def test_production_without_secret_explains_instead_of_crashing(env, monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "production")
    result = CliRunner().invoke(cli.main, ["db", "upgrade"])
    assert result.exit_code != 0
    assert "No secret key is set" in result.output and "Traceback" not in result.output


def test_secret_key_command_keeps_a_private_key(env, monkeypatch):
    monkeypatch.setenv("PORTAL_ENV", "production")
    result = CliRunner().invoke(cli.main, ["secret-key"])
    assert result.exit_code == 0, result.output
    assert (env / "secret_key").stat().st_mode & 0o077 == 0
    assert CliRunner().invoke(cli.main, ["db", "upgrade"]).exit_code == 0


def test_demo_organisation_is_seeded_once(env):
    CliRunner().invoke(cli.main, ["db", "upgrade"])
    with cli.build_app(demo=True).app_context():
        assert demo.seed_if_empty() is True
        assert demo.seed_if_empty() is False
    assert Person.select().count() == len(demo.DEMO_PEOPLE)
    advisers = [p for p in demo.DEMO_PEOPLE if any(r.value == "adviser" for r in p.roles)]
    assert len(advisers) == 3 and any("external" in p.note for p in advisers)
    assert Team.select().count() == 2
    text = demo.sign_ins_text()
    assert demo.DEMO_PASSWORD in text and "second step" in text
