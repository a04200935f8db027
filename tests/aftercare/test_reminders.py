"""`portal remind` for aftercare, with frozen dates: check-ins at 72 hours, 2 weeks and 6 to 8
weeks, the platform-complaint and police-complaint deadlines, the legal-help proposal."""

from datetime import date, timedelta

import pytest
from click.testing import CliRunner

from portal.aftercare import cases, checkins, notify, steps
from portal.aftercare.models import CheckIn
from portal.core.accounts import keyring
from portal.core.accounts.models import KeyRing
from portal.core.accounts.roles import Role
from portal.ops import cli
from tests.aftercare.helpers import in_team_of, person
from tests.conftest import PASSWORD

OPENED = date(2026, 3, 2)


@pytest.fixture
def setting(app):
    lead = person("ahmed@example.test", "Ahmed Yilmaz", [Role.EMPLOYEE, Role.TEAM_LEAD])
    employee = person("sanne@example.test", "Sanne de Vries", [Role.EMPLOYEE])
    in_team_of(lead, employee)
    with app.test_request_context():
        case = cases.open_case(lead, employee.id, OPENED, app.config)
        key = keyring.unlock(KeyRing.get(KeyRing.person == lead), PASSWORD)
        opened = cases.open_for(lead, key, case.reference)
    return app, opened


def remind(app, today):
    with app.test_request_context():
        return notify.send_reminders(today, 2, app.config["AFTERCARE_LEGAL_HELP_DAYS"])


def kinds_due(app, today):
    return sorted(
        d.kind for d in notify.due_items(today, 2, app.config["AFTERCARE_LEGAL_HELP_DAYS"])
    )


def test_check_ins_at_72_hours_2_weeks_and_6_to_8_weeks(setting, mail_sink):
    app, opened = setting
    assert kinds_due(app, OPENED + timedelta(days=2)) == []
    assert remind(app, OPENED + timedelta(days=2)).mailed == 0
    third_day = OPENED + timedelta(days=3)  # 72 hours
    assert kinds_due(app, third_day) == ["checkin:first"]
    assert remind(app, third_day).mailed == 1
    assert remind(app, third_day).mailed == 0  # once
    message = mail_sink.messages[0]
    assert message["To"] == "ahmed@example.test"
    body = message.get_body().get_content()
    assert opened.case.reference in body and "Sanne" not in body
    with app.test_request_context():
        checkins.record(opened, "first", "talked", False, third_day)
    assert kinds_due(app, OPENED + timedelta(days=13)) == []
    assert kinds_due(app, OPENED + timedelta(days=14)) == ["checkin:two_weeks"]
    with app.test_request_context():
        checkins.record(opened, "two_weeks", "better", False, OPENED + timedelta(days=14))
    assert kinds_due(app, OPENED + timedelta(days=41)) == []
    assert kinds_due(app, OPENED + timedelta(days=42)) == ["checkin:six_weeks"]
    last = CheckIn.get((CheckIn.case == opened.case) & (CheckIn.kind == "six_weeks"))
    assert last.latest_on == OPENED + timedelta(days=56)
    assert not checkins.is_overdue(last, OPENED + timedelta(days=56))
    assert checkins.is_overdue(last, OPENED + timedelta(days=57))


def test_rhythm_is_configurable(app):
    app.config.update(AFTERCARE_FIRST_CHECKIN_HOURS=48, AFTERCARE_SECOND_CHECKIN_DAYS=10)
    lead = person("l@example.test", "L", [Role.EMPLOYEE, Role.TEAM_LEAD])
    employee = person("e@example.test", "E", [Role.EMPLOYEE])
    in_team_of(lead, employee)
    with app.test_request_context():
        case = cases.open_case(lead, employee.id, OPENED, app.config)
    due = {c.kind: c.due_on for c in CheckIn.select().where(CheckIn.case == case)}
    assert due["first"] == OPENED + timedelta(days=2)
    assert due["two_weeks"] == OPENED + timedelta(days=10)


def notice(opened, sent_on, decided_on=None, removed=None):
    steps.record_notice(
        opened, steps.Notice(sent_on, "linkedin", "REF", "", "", decided_on, removed)
    )


def test_platform_complaint_deadline_six_months_after_the_decision(setting, mail_sink):
    app, opened = setting
    for done in ("first", "two_weeks", "six_weeks"):
        CheckIn.update(done_on=OPENED).where(CheckIn.kind == done).execute()
    with app.test_request_context():
        notice(opened, date(2026, 3, 3), date(2026, 3, 10), removed=False)
    deadline = steps.clocks(opened.case, 14).get("platform_complaint").due_on
    assert deadline == date(2026, 9, 10)
    assert "platform_complaint" not in kinds_due(app, date(2026, 9, 7))
    assert "platform_complaint" in kinds_due(app, date(2026, 9, 8))  # 2 days ahead
    with app.test_request_context():
        notice(opened, date(2026, 3, 3), date(2026, 3, 10), removed=True)
    assert steps.clocks(opened.case, 14).get("platform_complaint") is None


def test_legal_help_is_proposed_when_still_online_after_the_notice(setting, mail_sink):
    app, opened = setting
    CheckIn.update(done_on=OPENED).execute()
    with app.test_request_context():
        notice(opened, date(2026, 3, 3))
    assert not steps.legal_help_proposed(opened.case, 14, date(2026, 3, 16))
    assert steps.legal_help_proposed(opened.case, 14, date(2026, 3, 17))
    assert kinds_due(app, date(2026, 3, 16)) == []
    assert kinds_due(app, date(2026, 3, 17)) == ["legal_help"]
    assert remind(app, date(2026, 3, 17)).mailed == 1
    app.config["AFTERCARE_LEGAL_HELP_DAYS"] = 21
    assert not steps.legal_help_proposed(opened.case, 21, date(2026, 3, 17))
    with app.test_request_context():
        notice(opened, date(2026, 3, 3), date(2026, 3, 5), removed=True)
    assert not steps.legal_help_proposed(opened.case, 14, date(2026, 4, 30))


def test_police_complaint_deadline_three_months_after_learning_of_it(setting):
    app, opened = setting
    CheckIn.update(done_on=OPENED).execute()
    report = steps.PoliceReport("HR", "Org", True, True, date(2026, 3, 1), None, "", None)
    with app.test_request_context():
        steps.record_police(opened, report)
    assert steps.clocks(opened.case, 14).get("police_complaint").due_on == date(2026, 6, 1)
    assert kinds_due(app, date(2026, 5, 29)) == []
    assert kinds_due(app, date(2026, 5, 30)) == ["police_complaint"]
    filed = steps.PoliceReport(
        "HR", "Org", True, True, date(2026, 3, 1), date(2026, 3, 2), "PL-1", date(2026, 3, 3)
    )
    with app.test_request_context():
        steps.record_police(opened, filed)
    assert steps.clocks(opened.case, 14).get("police_complaint") is None


def test_closed_cases_are_not_reminded(setting):
    app, opened = setting
    with app.test_request_context():
        cases.close(opened, "other", OPENED)
    assert kinds_due(app, OPENED + timedelta(days=30)) == []


def test_portal_remind_reports_aftercare(setting, mail_sink, monkeypatch):
    app, _opened = setting
    monkeypatch.setattr(cli, "build_app", lambda: app)
    result = CliRunner().invoke(cli.main, ["remind", "--month", "2026-03"])
    assert "Aftercare: 3 due in 1 mails, failed 0." in result.output, result.output


def test_closed_cases_are_deleted_after_the_retention_period(setting):
    from portal.aftercare import retention
    from portal.aftercare.models import Case, CaseMember, CaseStep
    from portal.core.audit.models import AccessLog

    app, opened = setting
    with app.test_request_context():
        cases.close(opened, "recovered", date(2026, 4, 1))
        assert retention.run(date(2027, 3, 31), 12) == 0
        assert retention.run(date(2027, 4, 1), 12) == 1
    assert Case.select().count() == 0
    assert CaseMember.select().count() == 0 and CaseStep.select().count() == 0
    deleted = AccessLog.get(AccessLog.action == "case_deleted")
    assert deleted.reference == opened.case.reference and deleted.person_id is None
