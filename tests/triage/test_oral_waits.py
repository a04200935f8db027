"""An oral report waits in its own status until the reporter confirms the write-up (#22)."""

import re
from datetime import date

from portal.reports.models import Report
from tests.conftest import make_adviser, sign_in_fully
from tests.factories import in_english


def register(staff, category="aggression"):
    created = staff.post(
        "/inbox/oral",
        data={
            "category": category,
            "mode": "confidential",
            "description": "Told in person: pushed in the corridor.",
            "contact_name": "Ahmed",
            "contact_details": "06 0000 0000",
        },
    )
    assert created.status_code == 201
    return re.search(r'id="receipt-code">([^<]+)<', created.get_data(as_text=True)).group(1)


def test_an_oral_report_waits_for_the_reporter_not_for_first_contact(app):
    adviser = make_adviser()
    staff = in_english(sign_in_fully(app.test_client(), adviser))
    code = register(staff)
    report = Report.get()
    # The adviser has just spoken with the reporter: no "first contact by ..." deadline.
    assert report.status == "awaiting_confirmation"
    assert report.first_contact_on == date.today() and report.contact_due_on is None
    inbox = staff.get("/inbox/").get_data(as_text=True)
    assert "Waiting for the reporter&#39;s confirmation" in inbox
    assert "first contact by" not in inbox
    page = staff.get(f"/inbox/{report.reference}").get_data(as_text=True)
    assert "Not yet confirmed by the reporter." in page
    assert "Mark as in progress" not in page  # it waits for the reporter first

    reporter = in_english(app.test_client())
    reporter.post("/followup/", data={"code": code})
    seen = reporter.get("/followup/report").get_data(as_text=True)
    assert "<strong>Waiting for the reporter" in seen
    reporter.post("/followup/report/confirm")
    report = Report.get()
    assert report.status == "received" and report.reporter_confirmed_on == date.today()
    page = staff.get(f"/inbox/{report.reference}").get_data(as_text=True)
    assert "Mark as in progress" in page


def test_an_oral_integrity_report_may_be_acknowledged_while_it_waits(app):
    adviser = make_adviser()
    staff = in_english(sign_in_fully(app.test_client(), adviser))
    code = register(staff, category="violation")
    report = Report.get()
    assert report.status == "awaiting_confirmation" and report.ack_due_on is not None
    staff.post(f"/inbox/{report.reference}/acknowledge", data={"text": "Received, thank you."})
    report = Report.get()
    assert report.acknowledged_on == date.today() and report.status == "awaiting_confirmation"
    page = staff.get(f"/inbox/{report.reference}").get_data(as_text=True)
    assert "Send acknowledgement" not in page  # once is enough
    reporter = app.test_client()
    reporter.post("/followup/", data={"code": code})
    reporter.post("/followup/report/confirm")
    assert Report.get().status == "acknowledged"
