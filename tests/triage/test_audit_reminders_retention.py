"""The chained access log, deadline reminders (once, content-free) and retention."""

from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from portal.core.audit import log as audit
from portal.core.audit.models import AccessLog
from portal.ops import cli, retention
from portal.reports.models import Attachment, Message, Report, ReportKey
from portal.triage import reminders
from tests.conftest import TEST_SECRET, make_adviser, sign_in_fully
from tests.factories import file_report


@pytest.fixture
def outbox(monkeypatch):
    sent = []
    monkeypatch.setattr(
        "portal.platform.mail.send", lambda to, subject, body: sent.append((to, subject, body))
    )
    return sent


def logged_report(app, adviser):
    filed = file_report([adviser.id], category="violation", text="SECRET-CONTENT")
    staff = sign_in_fully(app.test_client(), adviser)
    staff.get(f"/inbox/{filed.report.reference}")
    staff.post(f"/inbox/{filed.report.reference}/notes", data={"note": "n"})
    staff.get(f"/inbox/{filed.report.reference}")
    return filed


def test_every_opening_and_change_is_logged_and_the_reporter_sees_openings(app):
    adviser = make_adviser()
    filed = logged_report(app, adviser)
    actions = [row.action for row in AccessLog.select().order_by(AccessLog.id)]
    assert actions == ["opened", "note", "opened"]
    client = app.test_client()
    client.post("/followup/", data={"code": filed.receipt_code})
    assert client.get("/followup/report").get_data(as_text=True).count("Marieke Jansen") >= 2


def test_verify_passes_on_an_untouched_log(app):
    logged_report(app, make_adviser())
    count, problems = audit.verify(TEST_SECRET)
    assert count == 3 and problems == []


def test_verify_catches_an_edited_row(app):
    logged_report(app, make_adviser())
    AccessLog.update(action="downloaded").where(AccessLog.id == 2).execute()
    _count, problems = audit.verify(TEST_SECRET)
    assert [(p.entry_id, p.what) for p in problems] == [(2, "edited")]


def test_verify_catches_a_deleted_row(app):
    logged_report(app, make_adviser())
    AccessLog.delete().where(AccessLog.id == 2).execute()
    _count, problems = audit.verify(TEST_SECRET)
    assert [(p.entry_id, p.what) for p in problems] == [(3, "missing before")]


def test_portal_audit_verify_command(app, monkeypatch, tmp_path):
    logged_report(app, make_adviser())
    monkeypatch.setattr(cli, "build_app", lambda demo=False: app)
    runner = CliRunner()
    ok = runner.invoke(cli.main, ["audit", "verify"])
    assert ok.exit_code == 0 and "intact (3 entries)" in ok.output
    AccessLog.update(detail="x").where(AccessLog.id == 1).execute()
    bad = runner.invoke(cli.main, ["audit", "verify"])
    assert bad.exit_code != 0 and "entry 1: edited" in bad.output


def test_deadline_reminders_are_sent_once_and_say_nothing(app, outbox):
    adviser = make_adviser()
    today = date.today()
    file_report(
        [adviser.id], category="violation", text="SECRET-CONTENT", today=today - timedelta(days=6)
    )
    with app.test_request_context():
        first = reminders.send(today, days_ahead=2)
        again = reminders.send(today, days_ahead=2)
    assert (first.mailed, first.deadlines) == (1, 1)
    assert (again.mailed, again.deadlines) == (0, 0)
    to, subject, body = outbox[0]
    assert to == adviser.email
    text = subject + body
    assert "SECRET" not in text and "VW-" not in text and "violation" not in text.lower()


def test_no_reminder_far_from_a_deadline(app, outbox):
    adviser = make_adviser()
    file_report([adviser.id], category="violation")
    with app.test_request_context():
        assert reminders.send(date.today(), days_ahead=2).mailed == 0
    assert outbox == []


def close(report, on):
    Report.update(status="closed", closed_on=on, outcome="advice_given").where(
        Report.id == report.id
    ).execute()


def test_retention_deletes_content_keeps_an_integrity_register_and_warns_ahead(app, outbox):
    adviser = make_adviser()
    today = date(2027, 6, 1)
    integrity = file_report([adviser.id], category="violation", today=date(2026, 1, 5)).report
    unwanted = file_report([adviser.id], category="bullying", today=date(2026, 1, 5)).report
    recent = file_report([adviser.id], category="bullying", today=date(2026, 5, 5)).report
    close(integrity, date(2026, 5, 1))
    close(unwanted, date(2026, 5, 1))
    close(recent, date(2026, 6, 10))  # its content goes on 2027-06-10: warned now, kept

    with app.test_request_context():
        outcome = retention.run(today, months=12, register_months=60)
    assert (outcome.deleted, outcome.kept_as_register, outcome.warned) == (1, 1, 3)
    assert Report.get_or_none(Report.id == unwanted.id) is None
    register = Report.get(Report.id == integrity.id)
    assert register.content_deleted_on == today and bytes(register.body) == b""
    assert register.track == "integrity" and register.category == "violation"
    assert ReportKey.select().where(ReportKey.report == register).count() == 0
    assert Message.select().where(Message.report == register).count() == 0
    assert Attachment.select().count() == 0
    assert Report.get(Report.id == recent.id).content_deleted_on is None
    assert [row.detail for row in AccessLog.select().where(AccessLog.action == "deleted")] == [
        "retention",
        "retention",
    ]
    assert audit.verify(TEST_SECRET)[1] == []

    with app.test_request_context():
        later = retention.run(date(2031, 6, 1), months=12, register_months=60)
    assert later.register_removed == 1 and Report.get_or_none(Report.id == integrity.id) is None
