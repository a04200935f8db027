"""Every form of the adviser's report page: refused input shows the page again with what was
typed and a message, never a 500 (#22: a reply of only blank lines answered 500)."""

import io

import pytest

from portal.consent.models import Consent, SummaryVersion
from portal.core.accounts import keyring
from portal.core.accounts.roles import Role
from portal.reports.models import Message, Report
from tests.conftest import PASSWORD, make_adviser, make_person, sign_in_fully
from tests.factories import file_report, in_english

LONG_OFFER = "TYPED-OFFER call me on Tuesdays " * 40  # over the 1,000 characters allowed

# (path after /inbox/<reference>, posted data, the message, what was typed and must show)
CASES = {
    "reply of blank lines": ("/reply", {"text": "\n\n \n"}, "Write a message", None),
    "acknowledgement": ("/acknowledge", {"text": "  "}, "Write the acknowledgement.", None),
    "note": ("/notes", {"note": "\n\n"}, "Write the note.", None),
    "outcome": ("/outcome", {"outcome": "nonsense"}, "Not a valid choice", None),
    "outcome confirmed": ("/outcome/confirm", {"outcome": "nonsense"}, "Not a valid choice", None),
    "kind": ("/kind", {"category": ""}, "Choose what the report is about.", None),
    "pattern": ("/pattern", {"pattern": "often"}, "Not a valid choice", None),
    "contact offer": (
        "/contact",
        {"offer": LONG_OFFER},
        "cannot be longer than 1000 characters",
        "TYPED-OFFER",
    ),
    "step back": ("/step-back", {}, "Tick the box to confirm that you step back.", None),
    "crime exception": (
        "/crime-exception",
        {"basis": "weighed", "reason": "TYPED-REASON danger to others"},
        "consulting a colleague: tick the box",
        "TYPED-REASON danger to others",
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_refused_input_shows_the_page_again_with_a_message(app, case):
    path, data, message, typed = CASES[case]
    adviser = make_adviser()
    filed = file_report([adviser.id], category="violation")
    staff = in_english(sign_in_fully(app.test_client(), adviser))
    response = staff.post(f"/inbox/{filed.report.reference}{path}", data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 200, page[:500]
    assert message in page
    if typed:
        assert typed in page
    assert "<h1>" in page and filed.report.reference in page
    report = Report.get()
    assert report.status == "received" and report.track == "integrity"
    assert Message.select().where(Message.sender == "adviser").count() == 0


def test_a_refused_summary_shows_the_page_again_and_shares_nothing(app):
    adviser = make_adviser()
    hr = make_person(
        email="hr@example.test", roles=[Role.EMPLOYEE, Role.HR], totp_secret="JBSWY3DPEHPK3PXP"
    )
    keyring.create(hr, PASSWORD)
    filed = file_report([adviser.id], mode="confidential")
    reporter = app.test_client()
    reporter.post("/followup/", data={"code": filed.receipt_code})
    reporter.post("/followup/report/consent", data={"scope": "share_hr", "grantee": str(hr.id)})
    staff = in_english(sign_in_fully(app.test_client(), adviser))
    response = staff.post(
        f"/inbox/{filed.report.reference}/summary/{Consent.get().id}", data={"summary": "\n \n"}
    )
    assert response.status_code == 200
    assert "Write the summary first." in response.get_data(as_text=True)
    assert SummaryVersion.select().count() == 0


def test_a_refused_reply_keeps_the_text_typed_with_a_refused_file(app):
    adviser = make_adviser()
    filed = file_report([adviser.id])
    staff = in_english(sign_in_fully(app.test_client(), adviser))

    response = staff.post(
        f"/inbox/{filed.report.reference}/reply",
        data={"text": "TYPED-REPLY kept", "files": [(io.BytesIO(b"MZ\x90\x00"), "tool.exe")]},
        content_type="multipart/form-data",
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "TYPED-REPLY kept" in page
    assert "Record outcome and close" in page  # the whole workspace, not a bare page
