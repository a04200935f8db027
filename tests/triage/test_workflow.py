"""Workflow, legal clock, notes and oral reports, as the adviser and the reporter see them."""

import re
from datetime import date, timedelta

from portal.reports import deadlines
from portal.reports.models import Message, MessageTemplate, Note, Report
from tests.conftest import make_adviser, sign_in_fully
from tests.factories import file_report


def reporter_page(app, code):
    client = app.test_client()
    client.post("/language", data={"locale": "en"})
    client.post("/followup/", data={"code": code})
    return client, client.get("/followup/report").get_data(as_text=True)


def test_acknowledge_note_exchange_outcome_close_and_reopen(app):
    adviser = make_adviser()
    filed = file_report([adviser.id], category="violation", text="Invoices are being faked.")
    reference = filed.report.reference
    staff = sign_in_fully(app.test_client(), adviser)
    staff.post("/language", data={"locale": "en"})
    page = staff.get(f"/inbox/{reference}").get_data(as_text=True)
    # A received report offers the acknowledgement first, and no reopening yet.
    assert f'action="/inbox/{reference}/acknowledge"' in page
    assert "Send acknowledgement" in page and "Reopen" not in page

    staff.post(
        f"/inbox/{reference}/acknowledge",
        data={"text": "Received, thank you. I will look into it.", "keep_as_template": "y"},
    )
    report = Report.get()
    assert report.status == "acknowledged" and report.acknowledged_on == date.today()
    assert report.feedback_due_on == deadlines.add_months(date.today(), 3)
    assert MessageTemplate.get().text == "Received, thank you. I will look into it."

    staff.post(f"/inbox/{reference}/notes", data={"note": "PRIVATE-NOTE check the invoices"})
    assert b"PRIVATE-NOTE" not in bytes(Note.get().body)
    reporter, seen = reporter_page(app, filed.receipt_code)
    assert "Received, thank you." in seen and "PRIVATE-NOTE" not in seen

    reporter.post("/followup/report/message", data={"text": "Here is more."})
    assert Report.get().last_message_from == "reporter"
    staff.post(f"/inbox/{reference}/reply", data={"text": "Thanks for the details."})
    staff.post(f"/inbox/{reference}/start")
    staff.post(f"/inbox/{reference}/outcome/confirm", data={"outcome": "formal_report"})
    report = Report.get()
    assert report.status == "closed" and report.outcome == "formal_report"
    seen = reporter.get("/followup/report").get_data(as_text=True)
    assert "The adviser recorded the outcome: Formal report inside the organisation." in seen
    assert "Thanks for the details." in seen and "Closed" in seen

    staff.post(f"/inbox/{reference}/reopen")
    assert Report.get().status == "in_progress"
    assert "The adviser has reopened your report." in reporter.get("/followup/report").get_data(
        as_text=True
    )


def test_referral_outcome_sets_referred(app):
    adviser = make_adviser()
    filed = file_report([adviser.id], category="violation")
    staff = sign_in_fully(app.test_client(), adviser)
    staff.post(
        f"/inbox/{filed.report.reference}/outcome/confirm",
        data={"outcome": "referral_whistleblowers"},
    )
    assert Report.get().status == "referred"


def test_invalid_outcome_and_empty_acknowledgement_are_refused(app):
    adviser = make_adviser()
    filed = file_report([adviser.id], category="violation")
    staff = sign_in_fully(app.test_client(), adviser)
    staff.post("/language", data={"locale": "en"})
    refused = staff.post(f"/inbox/{filed.report.reference}/outcome", data={"outcome": "nonsense"})
    assert refused.status_code == 200 and Report.get().status == "received"
    empty = staff.post(f"/inbox/{filed.report.reference}/acknowledge", data={"text": ""})
    assert "Write the acknowledgement." in empty.get_data(as_text=True)
    assert Report.get().status == "received"


def test_legal_clock_with_frozen_dates(app):
    adviser = make_adviser()
    received = date(2026, 3, 2)
    report = file_report([adviser.id], category="violation", today=received).report
    assert report.ack_due_on == date(2026, 3, 9)  # day 7
    assert not deadlines.is_overdue(report, date(2026, 3, 9))
    assert deadlines.is_overdue(report, date(2026, 3, 10))  # day 8
    assert report.feedback_due_on == date(2026, 6, 9)  # 3 months after day 7 when not acknowledged
    report.acknowledged_on = date(2026, 3, 5)
    assert deadlines.feedback_due(report) == date(2026, 6, 5)  # 3 months after the acknowledgement
    assert deadlines.add_months(date(2026, 11, 30), 3) == date(2027, 2, 28)


def test_unwanted_behaviour_has_a_first_contact_target_and_no_legal_clock(app):
    adviser = make_adviser()
    report = file_report(
        [adviser.id], category="bullying", today=date(2026, 11, 20)
    ).report  # a Friday
    assert report.ack_due_on is None and report.feedback_due_on is None
    assert report.contact_due_on == date(2026, 11, 27)  # five working days
    staff = sign_in_fully(app.test_client(), adviser)
    staff.post(f"/inbox/{report.reference}/reply", data={"text": "Shall we talk?"})
    report = Report.get()
    assert report.first_contact_on == date.today() and not deadlines.is_overdue(
        report, date(2027, 1, 1)
    )


def test_oral_report_is_handed_over_with_a_code_and_confirmed(app):
    adviser = make_adviser()
    staff = sign_in_fully(app.test_client(), adviser)
    created = staff.post(
        "/inbox/oral",
        data={
            "category": "aggression",
            "mode": "confidential",
            "description": "Told by phone: pushed in the corridor.",
            "contact_name": "Ahmed",
            "contact_details": "06 0000 0000",
        },
    )
    assert created.status_code == 201
    code = re.search(r'id="receipt-code">([^<]+)<', created.get_data(as_text=True)).group(1)
    report = Report.get()
    assert report.oral and report.reporter_confirmed_on is None
    reporter, seen = reporter_page(app, code)
    assert (
        "Told by phone: pushed in the corridor." in seen
        and "check what the adviser wrote down" in seen
    )
    reporter.post("/followup/report/message", data={"text": "It was the stairs, not the corridor."})
    reporter.post("/followup/report/confirm")
    assert Report.get().reporter_confirmed_on == date.today()
    assert "It was the stairs" in staff.get(f"/inbox/{report.reference}").get_data(as_text=True)


def test_withdrawn_report_takes_no_adviser_reply_form(app):
    adviser = make_adviser()
    filed = file_report([adviser.id])
    client, _ = reporter_page(app, filed.receipt_code)
    client.post("/followup/report/withdraw", data={"confirm": "y"})
    staff = sign_in_fully(app.test_client(), adviser)
    page = staff.get(f"/inbox/{filed.report.reference}").get_data(as_text=True)
    assert f'action="/inbox/{filed.report.reference}/reply"' not in page
    assert Message.select().count() == 0
    assert deadlines.is_overdue(Report.get(), date.today() + timedelta(days=30)) is False


def test_access_log_speaks_the_readers_language(app):
    adviser = make_adviser()
    filed = file_report([adviser.id], category="violation")
    staff = sign_in_fully(app.test_client(), adviser)
    staff.post(f"/inbox/{filed.report.reference}/start")
    page = staff.get(f"/inbox/{filed.report.reference}").get_data(as_text=True)
    assert "opende de melding" in page and "wijzigde de status: In behandeling" in page
    staff.post("/language", data={"locale": "en"})
    page = staff.get(f"/inbox/{filed.report.reference}").get_data(as_text=True)
    assert "opened the report" in page and "changed the status: In progress" in page
