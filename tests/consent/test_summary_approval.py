"""The reporter approves a summary's text before it is shared; the adviser sees every version
(#22 item 3)."""

from portal.consent.models import Consent, SharedSummary, SummaryVersion
from portal.core.accounts import keyring
from portal.core.accounts.roles import Role
from portal.reports.models import Report
from tests.conftest import PASSWORD, make_adviser, make_person, sign_in_fully
from tests.factories import file_report, file_through_steps, in_english

FIRST = "FIRST-VERSION: remarks in the team room, reporter wants a conversation."
SECOND = "SECOND-VERSION: remarks in the team, reporter wants a talk with the lead."


def hr_person():
    hr = make_person(
        email="hr@example.test",
        roles=[Role.EMPLOYEE, Role.HR],
        totp_secret="JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
    )
    keyring.create(hr, PASSWORD)
    return hr


def test_a_summary_is_shared_only_after_the_reporter_approves_its_text(app):
    adviser, hr = make_adviser(), hr_person()
    filed = file_report([adviser.id], mode="confidential")
    reference = filed.report.reference
    reporter = in_english(app.test_client())
    reporter.post("/followup/", data={"code": filed.receipt_code})
    reporter.post("/followup/report/consent", data={"scope": "share_hr", "grantee": str(hr.id)})
    consent = Consent.get()
    staff = in_english(sign_in_fully(app.test_client(), adviser))
    hr_client = sign_in_fully(app.test_client(), hr)

    said = staff.post(
        f"/inbox/{reference}/summary/{consent.id}", data={"summary": FIRST}, follow_redirects=True
    ).get_data(as_text=True)
    assert "The summary waits for the reporter" in said
    # Nothing reaches HR yet; the text is not in the database in clear either.
    assert SharedSummary.select().count() == 0
    assert FIRST not in hr_client.get("/shared/").get_data(as_text=True)
    assert FIRST.encode() not in bytes(SummaryVersion.get().body)
    # The reporter reads the text and declines it: nothing goes.
    mine = reporter.get("/followup/report").get_data(as_text=True)
    assert "A summary to approve" in mine and FIRST in mine
    first = SummaryVersion.get()
    reporter.post(f"/followup/report/summary/{first.id}/decline")
    assert SharedSummary.select().count() == 0
    assert FIRST not in hr_client.get("/shared/").get_data(as_text=True)
    # Declined once, it cannot be approved afterwards.
    late = reporter.post(
        f"/followup/report/summary/{first.id}/approve", follow_redirects=True
    ).get_data(as_text=True)
    assert "can no longer be approved" in late and SharedSummary.select().count() == 0

    # A second version, approved: now HR reads it, and only it.
    staff.post(f"/inbox/{reference}/summary/{consent.id}", data={"summary": SECOND})
    second = SummaryVersion.get(SummaryVersion.number == 2)
    done = reporter.post(
        f"/followup/report/summary/{second.id}/approve", follow_redirects=True
    ).get_data(as_text=True)
    assert "You approved the summary. It is now shared." in done
    shared = hr_client.get("/shared/").get_data(as_text=True)
    assert SECOND in shared and FIRST not in shared

    # The adviser sees every version and what became of it.
    page = staff.get(f"/inbox/{reference}").get_data(as_text=True)
    assert FIRST in page and SECOND in page
    assert "declined by the reporter" in page and "approved by the reporter" in page
    assert "2 versions of the summary" in page
    # Withdrawing the consent removes what HR had; the adviser still sees the versions.
    reporter.post(f"/followup/report/consent/{consent.id}/revoke")
    assert SECOND not in hr_client.get("/shared/").get_data(as_text=True)
    page = staff.get(f"/inbox/{reference}").get_data(as_text=True)
    assert "Summaries under a consent that was withdrawn" in page and SECOND in page


def test_a_newer_version_replaces_the_one_still_waiting(app):
    adviser, hr = make_adviser(), hr_person()
    filed = file_report([adviser.id], mode="confidential")
    reporter = app.test_client()
    reporter.post("/followup/", data={"code": filed.receipt_code})
    reporter.post("/followup/report/consent", data={"scope": "share_hr", "grantee": str(hr.id)})
    consent = Consent.get()
    staff = sign_in_fully(app.test_client(), adviser)
    for text in (FIRST, SECOND):
        staff.post(f"/inbox/{filed.report.reference}/summary/{consent.id}", data={"summary": text})
    states = [v.state for v in SummaryVersion.select().order_by(SummaryVersion.number)]
    assert states == ["replaced", "waiting"]
    first = SummaryVersion.get(SummaryVersion.number == 1)
    reporter.post(f"/followup/report/summary/{first.id}/approve")
    assert SharedSummary.select().count() == 0  # a replaced text cannot go


def test_a_signed_in_reporter_approves_under_my_reports(app):
    adviser, hr = make_adviser(), hr_person()
    employee = make_person(email="sanne@example.test")
    client = in_english(sign_in_fully(app.test_client(), employee))
    reference, _code = file_through_steps(
        client,
        [adviser.id],
        overrides={
            "mode": {
                "mode": "confidential",
                "contact_name": "Sanne de Vries",
                "contact_email": "sanne@example.test",
            }
        },
    )
    client.post(
        f"/my-reports/{reference}/consent", data={"scope": "share_hr", "grantee": str(hr.id)}
    )
    consent = Consent.get()
    staff = sign_in_fully(app.test_client(), adviser)
    staff.post(f"/inbox/{reference}/summary/{consent.id}", data={"summary": FIRST})
    mine = client.get(f"/my-reports/{reference}").get_data(as_text=True)
    version = SummaryVersion.get()
    assert FIRST in mine and f"/my-reports/{reference}/summary/{version.id}/approve" in mine
    client.post(f"/my-reports/{reference}/summary/{version.id}/approve")
    assert SharedSummary.select().count() == 1
    # Nobody else approves it: another person's client gets a 404 for this report.
    other = sign_in_fully(app.test_client(), make_person(email="other@example.test"))
    assert other.post(f"/my-reports/{reference}/summary/{version.id}/decline").status_code == 404
    assert Report.get().reference == reference
