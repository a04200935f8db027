"""`portal check`: a good production configuration passes; a broken one says what to fix."""

import socket

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner

from portal.ops import cli
from tests.conftest import MailSink

STRONG_SECRET = "x7Gq2mP9vL4sK8dR1tY6wB3nH5jC0fZa-Qe"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    port = free_port()
    controller = Controller(MailSink(), hostname="127.0.0.1", port=port)
    controller.start()
    yield port
    controller.stop()


@pytest.fixture
def production(tmp_path, monkeypatch):
    """A production configuration on SQLite in a private instance folder."""
    instance = tmp_path / "instance"
    instance.mkdir(mode=0o700)
    for name in ("DATABASE_URL", "SECRET_KEY", "PORTAL_HTTPS", "PORTAL_PROXY_COUNT"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("PORTAL_INSTANCE", str(instance))
    monkeypatch.setenv("PORTAL_ENV", "production")
    monkeypatch.setenv("SECRET_KEY", STRONG_SECRET)
    monkeypatch.setenv("PORTAL_PROXY_COUNT", "1")
    return instance


def check() -> tuple[int, list[str]]:
    result = CliRunner().invoke(cli.main, ["check"])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.output.splitlines()


def line_about(lines: list[str], topic: str) -> str:
    found = [line for line in lines if line.split(":")[0].split()[-1:] == topic.split()[-1:]]
    assert found, f"no line about {topic} in {lines}"
    return found[0]


def test_a_good_configuration_passes(production, smtp_server, monkeypatch):
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(smtp_server))
    assert CliRunner().invoke(cli.main, ["db", "upgrade"]).exit_code == 0
    assert CliRunner().invoke(cli.main, ["backup", str(production.parent / "b.db")]).exit_code == 0
    code, lines = check()
    assert code == 0, lines
    assert all(line.startswith("ok") for line in lines[:-1]), lines
    assert "all" in line_about(lines, "database") and "migrations applied" in "\n".join(lines)
    assert "last made" in line_about(lines, "backup")
    assert lines[-1] == "Everything checked is in order."


def test_a_weak_secret_key_is_named_with_its_fix(production, monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "short")
    code, lines = check()
    assert code == 1
    assert lines[0].startswith("FAIL  settings: The SECRET_KEY is too weak")
    assert any("portal secret-key" in line for line in lines)


def test_a_broken_configuration_says_what_to_fix(production, monkeypatch):
    monkeypatch.setenv("PORTAL_HTTPS", "0")
    monkeypatch.setenv("PORTAL_PROXY_COUNT", "0")
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(free_port()))  # nothing listens there
    loose = production / "notes.txt"
    loose.write_text("left here by hand")
    loose.chmod(0o644)
    # No `portal db upgrade`: the database is empty.
    code, lines = check()
    assert code == 1
    text = "\n".join(lines)
    assert line_about(lines, "https").startswith("FAIL") and "PORTAL_HTTPS=1" in text
    assert line_about(lines, "proxy count").startswith("warn") and "PORTAL_PROXY_COUNT=1" in text
    assert line_about(lines, "database").startswith("FAIL") and "portal db upgrade" in text
    assert line_about(lines, "mail").startswith("FAIL") and "SMTP_HOST" in text
    folder = line_about(lines, "instance folder")
    assert folder.startswith("FAIL") and f"chmod go-rwx {loose}" in folder
    assert lines[-1] == "4 problem(s) to fix."


def test_a_missing_or_old_backup_is_a_warning_not_a_failure(production, monkeypatch):
    from datetime import timedelta

    from portal.platform import backup_log, clock

    code, lines = check()
    assert line_about(lines, "backup").startswith("warn") and "portal backup" in "\n".join(lines)
    backup_log.record(production, clock.now() - timedelta(days=5), 1234)
    assert (production / backup_log.FILE_NAME).stat().st_mode & 0o077 == 0
    code, lines = check()
    assert "5 days ago" in line_about(lines, "backup")
    assert line_about(lines, "backup").startswith("warn")
