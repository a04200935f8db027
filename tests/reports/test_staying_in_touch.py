"""What happens next, and how we stay in touch (issue 28, item 4).

The receipt, thank-you and follow-up pages say when an answer can be expected and what the
person does next; an anonymous reporter agrees a return day (with a calendar file that says
nothing) or the way their adviser offers; the adviser sees the agreement on the report; and
none of it sits in a plain column.
"""

from datetime import timedelta

from portal.platform import clock
from portal.reports.models import Report
from tests.conftest import make_adviser, make_person, sign_in_fully
from tests.factories import file_through_steps, in_english


def confirm(client, reference, code, **extra):
    data = {"reference": reference, "code": code, "typed": code, **extra}
    return client.post("/report/confirm", data=data)


def filed_anonymously(app):
    adviser = make_adviser()
    reporter = in_english(app.test_client())
    reference, code = file_through_steps(reporter, [adviser.id])
    return adviser, reporter, reference, code


def plain_values(reference: str) -> str:
    """Every column of the report's row except the encrypted blobs, as text."""
    row = Report.select().where(Report.reference == reference).dicts().get()
    return " ".join(str(v) for v in row.values() if not isinstance(v, bytes | memoryview))


def test_the_receipt_page_says_when_an_answer_comes_and_asks_for_a_return_day(app):
    adviser = make_adviser()
    reporter = in_english(app.test_client())
    reporter_steps = file_through_steps  # the receipt page is what "send" answers
    reference, _code = reporter_steps(reporter, [adviser.id])
    report = Report.get(Report.reference == reference)
    page = reporter.get("/followup/").get_data(as_text=True)  # no report held: the code door
    assert "What happens next" not in page
    # The receipt page itself, rendered again by a wrong code typed back:
    page = confirm(reporter, reference, _code, typed="AAAA-AAAA").get_data(as_text=True)
    assert "What happens next" in page
    due = report.contact_due_on
    assert f"Your adviser aims to answer you by {due.day} {due:%B} {due.year}." in page
    assert "cannot reach you" in page and "coming back with your receipt code" in page
    assert 'name="return_by"' in page and "When will you come back with your code?" in page


def test_the_return_day_is_kept_encrypted_and_offered_as_a_neutral_calendar_file(app):
    adviser, reporter, reference, code = filed_anonymously(app)
    day = clock.today() + timedelta(days=20)
    page = confirm(reporter, reference, code, return_by=day.isoformat()).get_data(as_text=True)
    assert "Thank you for reporting" in page
    assert f"You come back with your receipt code by {day.day} {day:%B} {day.year}." in page
    assert f'href="/report/reminder.ics?on={day.isoformat()}"' in page
    report = Report.get(Report.reference == reference)
    assert report.contact is not None
    assert day.isoformat() not in bytes(report.contact).decode("latin-1")
    assert day.isoformat() not in plain_values(reference)
    assert str(day) not in plain_values(reference)


def test_the_calendar_file_has_a_neutral_title_and_no_content(app):
    day = clock.today() + timedelta(days=20)
    client = in_english(app.test_client())
    response = client.get(f"/report/reminder.ics?on={day.isoformat()}")
    assert response.status_code == 200 and response.mimetype == "text/calendar"
    assert "attachment" in response.headers["Content-Disposition"]
    text = response.get_data(as_text=True)
    assert "SUMMARY:Reminder\r\n" in text
    assert f"DTSTART;VALUE=DATE:{day:%Y%m%d}" in text
    for field in ("DESCRIPTION", "LOCATION", "URL", "ORGANIZER", "ATTENDEE", "Vertrouwd", "http"):
        assert field not in text
    dutch = app.test_client().get(f"/report/reminder.ics?on={day.isoformat()}")
    assert "SUMMARY:Herinnering\r\n" in dutch.get_data(as_text=True)
    assert client.get("/report/reminder.ics?on=soon").status_code == 404


def test_a_day_in_the_past_is_refused_and_what_was_typed_stays(app):
    _adviser, reporter, reference, code = filed_anonymously(app)
    past = (clock.today() - timedelta(days=1)).isoformat()
    response = confirm(reporter, reference, code, return_by=past)
    page = response.get_data(as_text=True)
    assert "Choose a day after today and within a year." in page
    assert f'value="{past}"' in page and f'value="{code}"' in page
    assert Report.get(Report.reference == reference).contact is None


def test_the_adviser_sees_the_agreement_and_offers_another_way(app):
    adviser, reporter, reference, code = filed_anonymously(app)
    day = clock.today() + timedelta(days=9)
    confirm(reporter, reference, code, return_by=day.isoformat())
    staff = in_english(sign_in_fully(app.test_client(), adviser))
    page = staff.get(f"/inbox/{reference}").get_data(as_text=True)
    when = f"{day.day} {day:%B} {day.year}"
    assert f"The reporter comes back with their receipt code by {when}." in page
    offer = "Call me on Tuesday between 10 and 12 at 030-1234567."
    response = staff.post(f"/inbox/{reference}/contact", data={"offer": offer})
    assert response.status_code == 302 and response.headers["Location"].endswith("#contact")
    assert offer not in plain_values(reference)
    assert "(not agreed yet)" in staff.get(f"/inbox/{reference}").get_data(as_text=True)

    follower = in_english(app.test_client())
    follower.post("/followup/", data={"code": code})
    page = follower.get("/followup/report").get_data(as_text=True)
    assert "Your adviser offers another way to stay in touch:" in page and offer in page
    assert f"You come back with your receipt code by {when}." in page
    assert follower.post("/followup/report/contact/accept").status_code == 302
    page = staff.get(f"/inbox/{reference}").get_data(as_text=True)
    assert "The reporter agreed on" in page and offer in page


def test_the_reporter_changes_the_return_day_when_following_up(app):
    adviser, reporter, reference, code = filed_anonymously(app)
    follower = in_english(app.test_client())
    follower.post("/followup/", data={"code": code})
    page = follower.get("/followup/report").get_data(as_text=True)
    assert "How we stay in touch" in page and "What happens next" in page
    day = clock.today() + timedelta(days=30)
    response = follower.post("/followup/report/contact", data={"return_by": day.isoformat()})
    assert response.headers["Location"].endswith("/followup/report#contact")
    page = follower.get("/followup/report").get_data(as_text=True)
    assert f'href="/report/reminder.ics?on={day.isoformat()}"' in page
    far = (clock.today() + timedelta(days=400)).isoformat()
    follower.post("/followup/report/contact", data={"return_by": far})
    page = follower.get("/followup/report").get_data(as_text=True)
    assert "Choose a day after today and within a year." in page
    assert f"?on={day.isoformat()}" in page  # the earlier day stands


def test_a_signed_in_confidential_reporter_is_told_to_look_under_my_reports(app):
    adviser = make_adviser()
    client = in_english(sign_in_fully(app.test_client(), make_person(email="me@example.test")))
    mode = {"mode": "confidential", "contact_name": "Sanne", "contact_email": "me@example.test"}
    reference, code = file_through_steps(client, [adviser.id], {"mode": mode})
    page = confirm(client, reference, code).get_data(as_text=True)
    assert "open My reports to read the answer" in page
    assert 'name="return_by"' not in page
    page = client.get(f"/my-reports/{reference}").get_data(as_text=True)
    assert "What happens next" in page and "How we stay in touch" not in page


def test_an_integrity_report_names_both_legal_deadlines(app):
    adviser = make_adviser()
    reporter = in_english(app.test_client())
    reference, code = file_through_steps(reporter, [adviser.id], {"kind": {"category": "misstand"}})
    page = confirm(reporter, reference, code, typed="AAAA-AAAA").get_data(as_text=True)
    assert "You get a confirmation that your report was received by" in page
    assert "within three months of the confirmation" in page
