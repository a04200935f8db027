"""The adviser's corrections: kind and track with history and the legal clock, one incident or
a pattern, and a published year that changes only through a new version (#22 item 3)."""

import json
from datetime import date, timedelta

from portal.insights import yearly
from portal.insights.models import YearlyReport
from portal.reports import deadlines
from portal.reports.changes import ReportChange
from portal.reports.models import Message, Report
from tests.conftest import make_adviser, sign_in_fully
from tests.factories import file_report, in_english
from tests.insights.helpers import sign_all


def staff_and_report(app, category="bullying", received=None, mode="anonymous"):
    adviser = make_adviser()
    filed = file_report([adviser.id], category=category, mode=mode, today=received)
    staff = in_english(sign_in_fully(app.test_client(), adviser))
    return staff, filed, adviser


def test_moving_to_integrity_keeps_the_old_kind_and_runs_the_legal_clock_from_receipt(app):
    received = date.today() - timedelta(days=20)
    staff, filed, adviser = staff_and_report(app, received=received)
    reference = filed.report.reference
    before = Report.get()
    assert before.track == "unwanted" and before.ack_due_on is None and before.contact_due_on

    staff.post(f"/inbox/{reference}/kind", data={"category": "violation"})
    report = Report.get()
    assert (report.category, report.track) == ("violation", "integrity")
    # The clock runs from the day the report was received, not from the correction.
    assert report.ack_due_on == received + timedelta(days=7)
    assert report.feedback_due_on == deadlines.add_months(received + timedelta(days=7), 3)
    assert report.contact_due_on is None
    assert deadlines.is_overdue(report, date.today())  # acknowledging is 13 days late already
    changes = {(c.field, c.old, c.new, c.changed_on, c.person_id) for c in ReportChange.select()}
    assert changes == {
        ("category", "bullying", "violation", date.today(), adviser.id),
        ("track", "unwanted", "integrity", date.today(), adviser.id),
    }
    page = staff.get(f"/inbox/{reference}").get_data(as_text=True)
    history = page[page.index("<h3>History</h3>") :]
    assert "Bullying" in history and "Violation" in history and adviser.display_name in history
    assert "Unwanted behaviour" in history and "Integrity violation" in history
    assert "changed the kind of report: Violation" in page  # the access log says who, too
    # The reporter is told, with what the Whistleblower Protection Act then means.
    reporter = in_english(staff.application.test_client())
    reporter.post("/followup/", data={"code": filed.receipt_code})
    seen = reporter.get("/followup/report").get_data(as_text=True)
    assert "The adviser classified your report as: Violation." in seen
    assert "Whistleblower Protection Act applies" in seen

    # Back to unwanted behaviour: the legal clock goes, the first-contact target comes back.
    staff.post(f"/inbox/{reference}/kind", data={"category": "intimidation"})
    report = Report.get()
    assert report.track == "unwanted"
    assert report.ack_due_on is None and report.feedback_due_on is None
    assert report.contact_due_on is not None
    assert ReportChange.select().count() == 4


def test_an_acknowledged_report_moved_to_integrity_counts_feedback_from_the_acknowledgement(app):
    received = date.today() - timedelta(days=3)
    staff, filed, _adviser = staff_and_report(app, received=received)
    reference = filed.report.reference
    staff.post(f"/inbox/{reference}/acknowledge", data={"text": "Received."})
    staff.post(f"/inbox/{reference}/kind", data={"category": "misstand"})
    report = Report.get()
    assert report.ack_due_on == received + timedelta(days=7)
    assert report.acknowledged_on == date.today()
    assert report.feedback_due_on == deadlines.add_months(date.today(), 3)
    assert not deadlines.is_overdue(report, date.today())


def test_the_same_kind_again_changes_nothing_and_says_so(app):
    staff, filed, _adviser = staff_and_report(app)
    page = staff.post(
        f"/inbox/{filed.report.reference}/kind",
        data={"category": "bullying"},
        follow_redirects=True,
    ).get_data(as_text=True)
    assert "already has this kind" in page
    assert ReportChange.select().count() == 0
    assert Message.select().where(Message.sender == "system").count() == 0


def test_a_published_year_keeps_its_figures_and_the_page_says_so(app):
    last_year = date.today().year - 1
    staff, filed, adviser = staff_and_report(app, received=date(last_year, 6, 1))
    with app.test_request_context():
        sign_all(last_year)  # publishing needs every listed adviser's signature
        published = yearly.publish(
            last_year, adviser, {}, "", date(last_year + 1, 1, 10), 1, notify=False
        )
    frozen = published.figures
    page = staff.get(f"/inbox/{filed.report.reference}").get_data(as_text=True)
    assert f"counted in the published yearly report for {last_year}" in page
    staff.post(f"/inbox/{filed.report.reference}/kind", data={"category": "violation"})
    assert Report.get().track == "integrity"
    # The published version is what it was; the draft of a new version counts the new kind.
    assert YearlyReport.get().figures == frozen
    assert YearlyReport.select().count() == 1
    with app.test_request_context():
        counts = yearly.prepare(last_year, date.today(), 1).counts
    by_form = counts["tables"]["by_form"]
    reports = next(v for k, v in by_form.items() if k.startswith("reports"))
    assert reports.get("category:violation") == 1 and not reports.get("category:bullying")
    assert json.loads(frozen)  # still readable as published


def test_one_incident_or_a_pattern_is_marked_with_its_history(app):
    staff, filed, adviser = staff_and_report(app)
    reference = filed.report.reference
    staff.post(f"/inbox/{reference}/pattern", data={"pattern": "one"})
    staff.post(f"/inbox/{reference}/pattern", data={"pattern": "pattern"})
    assert Report.get().incident_pattern == "pattern"
    rows = [(c.old, c.new) for c in ReportChange.select().order_by(ReportChange.id)]
    assert rows == [(None, "one"), ("one", "pattern")]
    page = staff.get(f"/inbox/{reference}").get_data(as_text=True)
    assert "A pattern (it happened more often)" in page and "One incident" in page
