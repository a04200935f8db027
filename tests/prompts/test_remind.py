"""`portal remind`: one e-mail per team lead per month, through a real (local) SMTP server."""

import socket
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller
from click.testing import CliRunner

from portal.core.accounts import people, teams
from portal.core.accounts.roles import Role
from portal.ops import cli
from portal.platform import mail
from portal.platform.database import db
from portal.prompts import reminders
from portal.prompts.models import LeadReminder


class Collector:
    """An SMTP sink that keeps every message it receives."""

    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, message_from_bytes(envelope.content)))
        return "250 OK"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp(monkeypatch):
    collector = Collector()
    port = free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("SMTP_PORT", str(port))
    monkeypatch.setenv("SMTP_FROM", "vertrouwd@example.test")
    yield collector
    controller.stop()


@pytest.fixture
def organisation(tmp_path, monkeypatch):
    """A migrated instance with two teams led by two leads, and one team without a lead."""
    monkeypatch.setenv("PORTAL_INSTANCE", str(tmp_path))
    monkeypatch.setenv("PORTAL_ENV", "development")
    monkeypatch.setenv("ORGANISATION_NAME", "Zorggroep Test")
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    assert CliRunner().invoke(cli.main, ["db", "upgrade"]).exit_code == 0
    app = cli.build_app()
    with app.app_context(), db.connection_context():
        anna = people.create_person(
            "anna@example.test", "Anna", "a long enough password", [Role.TEAM_LEAD]
        )
        bram = people.create_person(
            "bram@example.test", "Bram", "a long enough password", [Role.TEAM_LEAD]
        )
        bram.locale = "en"
        bram.save()
        gone = people.create_person(
            "gone@example.test", "Gone", "a long enough password", [Role.TEAM_LEAD]
        )
        teams.save_team(None, "Noord", anna, [])
        teams.save_team(None, "Zuid", anna, [])  # two teams, still one e-mail
        teams.save_team(None, "Oost", bram, [])
        teams.save_team(None, "West", gone, [])
        people.set_active(gone, False)
        teams.save_team(None, "Zonder lead", None, [])
        people.create_person("worker@example.test", "Worker", "a long enough password")
    return app


def test_remind_mails_each_active_lead_once_a_month(smtp, organisation):
    result = CliRunner().invoke(cli.main, ["remind", "--month", "2026-11"])
    assert result.exit_code == 0, result.output
    assert "sent 2" in result.output

    by_recipient = {tuple(rcpt): message for rcpt, message in smtp.messages}
    assert set(by_recipient) == {("anna@example.test",), ("bram@example.test",)}
    dutch = by_recipient[("anna@example.test",)]
    assert dutch["From"] == "vertrouwd@example.test"
    assert dutch["Subject"] == "Er staat een nieuw gespreksonderwerp klaar voor je teamoverleg"
    body = dutch.get_payload(decode=True).decode()
    assert "Hallo Anna," in body and "november 2026" in body and "Zorggroep Test" in body
    english = by_recipient[("bram@example.test",)]
    assert english["Subject"] == "A new discussion prompt is ready for your team meeting"
    assert "November 2026" in english.get_payload(decode=True).decode()

    again = CliRunner().invoke(cli.main, ["remind", "--month", "2026-11"])
    assert again.exit_code == 0 and "sent 0" in again.output and "reminded before 2" in again.output
    assert len(smtp.messages) == 2

    CliRunner().invoke(cli.main, ["remind", "--month", "2026-12"])
    assert len(smtp.messages) == 4
    with organisation.app_context(), db.connection_context():
        assert LeadReminder.select().count() == 4


def test_the_mail_holds_no_prompt_content(smtp, organisation):
    from portal.prompts import library

    CliRunner().invoke(cli.main, ["remind", "--month", "2026-11"])
    with organisation.app_context(), db.connection_context():
        titles = [t.title for t in library.all_prompts("nl")]
    for _rcpt, message in smtp.messages:
        body = message.get_payload(decode=True).decode()
        assert not any(title in body for title in titles)


def test_failed_send_is_not_recorded_and_is_tried_again(organisation, monkeypatch, smtp):
    def refuse(to, subject, body):
        raise mail.MailNotSent("ConnectionRefusedError")

    monkeypatch.setattr(mail, "send", refuse)
    result = CliRunner().invoke(cli.main, ["remind", "--month", "2026-11"])
    assert result.exit_code != 0 and "failed 2" in result.output
    with organisation.app_context(), db.connection_context():
        assert LeadReminder.select().count() == 0
    assert smtp.messages == []


def test_unreachable_relay_raises_mail_not_sent(organisation):
    organisation.config.update(SMTP_HOST="127.0.0.1", SMTP_PORT=free_port())
    with organisation.app_context(), pytest.raises(mail.MailNotSent):
        mail.send("x@example.test", "Subject", "Body")


def test_bad_month_is_explained(organisation):
    result = CliRunner().invoke(cli.main, ["remind", "--month", "november"])
    assert result.exit_code != 0 and "YYYY-MM" in result.output


def test_default_month_is_this_month(smtp, organisation, monkeypatch):
    from datetime import date

    from portal.prompts import schedule

    monkeypatch.setattr(schedule, "today", lambda: date(2027, 1, 3))
    result = CliRunner().invoke(cli.main, ["remind"])
    assert result.exit_code == 0 and result.output.startswith("2027-01:")
    with organisation.app_context(), db.connection_context():
        assert {r.month.isoformat() for r in LeadReminder.select()} == {"2027-01-01"}
    assert reminders.Outcome(1, 0, 0).sent == 1
