"""Ask an adviser for a conversation or a question (issue 28, item 3).

A request is filed like a report (a receipt code, encrypted, the same conversation thread) but
is never counted as one; it runs on the adviser's answer clock; its meeting's minutes can become
an oral report that the person confirms, as any oral report.
"""

from datetime import date

import pytest

from portal.insights.models import InsightTally
from portal.platform import clock
from portal.reports import conversation
from portal.reports.deadlines import add_working_days
from portal.reports.models import Report
from portal.reports.status import Status
from tests.conftest import make_adviser, make_person, sign_in_fully
from tests.factories import in_english, receipt_of

FORM = "/report/conversation"


def ask(client, adviser_id, **overrides):
    data = {
        "adviser": str(adviser_id),
        "what": "conversation",
        "message": "Kunnen we praten over iets in mijn team?",
        "topic": "other",
        "in_person": "y",
        "times": ["morning", "end_of_day"],
        "when": "Dinsdag na drie uur",
        "mode": "anonymous",
        **overrides,
    }
    return client.post(FORM, data=data)


def asked(app, adviser=None, **overrides):
    adviser = adviser or make_adviser()
    person = in_english(app.test_client())
    response = ask(person, adviser.id, **overrides)
    assert response.status_code == 201, response.get_data(as_text=True)[:3000]
    reference, code = receipt_of(response.get_data(as_text=True))
    return adviser, person, reference, code


def open_with_code(client, code):
    response = client.post("/followup/", data={"code": code})
    assert response.status_code == 302
    return client.get("/followup/report")


def adviser_client(app, adviser):
    return sign_in_fully(in_english(app.test_client()), adviser)


def test_the_form_preselects_the_adviser_from_the_card_link(app):
    adviser = make_adviser()
    make_adviser(email="other@example.test", name="Kofi Mensah")
    page = in_english(app.test_client()).get(f"{FORM}?adviser={adviser.id}")
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert f'<option selected value="{adviser.id}">Marieke Jansen</option>' in html
    assert '<option value="">Choose an adviser</option>' in html  # an empty placeholder first
    assert "I would like to meet in person" in html and "When suits you?" in html
    assert in_english(app.test_client()).get(f"{FORM}?adviser=nobody").status_code == 200


def test_the_home_page_and_every_adviser_card_open_the_door(app):
    adviser = make_adviser()
    client = in_english(app.test_client())
    home = client.get("/").get_data(as_text=True)
    assert f'href="{FORM}"' in home and "Ask for a conversation" in home
    cards = client.get("/advisers/").get_data(as_text=True)
    assert f'href="{FORM}?adviser={adviser.id}"' in cards


def test_an_anonymous_request_is_filed_with_a_code_encrypted_and_on_the_answer_clock(app):
    adviser, person, reference, code = asked(app)
    report = Report.get(Report.reference == reference)
    assert report.request == conversation.CONVERSATION and report.mode == "anonymous"
    assert report.category == "unsure" and report.identity is None
    assert report.ack_due_on is None and report.feedback_due_on is None
    today = clock.today()
    assert report.contact_due_on == add_working_days(today, 3)
    row = Report.select().where(Report.reference == reference).dicts().get()
    plain = " ".join(str(v) for v in row.values() if not isinstance(v, bytes | memoryview))
    for secret in ("praten", "Dinsdag", "morning", "in_person", "other"):
        assert secret not in plain
    assert b"praten" not in bytes(report.body)
    page = person.get("/").get_data(as_text=True)  # nothing kept in the browser
    assert reference not in page


def test_the_answer_clock_is_configurable(app):
    app.config["CONVERSATION_ANSWER_WORKING_DAYS"] = 7
    _adviser, _person, reference, _code = asked(app)
    assert Report.get(Report.reference == reference).contact_due_on == add_working_days(
        clock.today(), 7
    )


def test_the_receipt_and_thank_you_pages_speak_of_a_request(app):
    adviser = make_adviser()
    person = in_english(app.test_client())
    html = ask(person, adviser.id).get_data(as_text=True)
    assert "Your request has been sent" in html and "What happens next" in html
    reference, code = receipt_of(html)
    thanks = person.post(
        "/report/confirm", data={"reference": reference, "code": code, "typed": code}
    ).get_data(as_text=True)
    assert "Thank you for your request" in thanks
    assert "proof of filing" not in thanks  # only a report has one
    assert "Read the answer to your request with your code" in thanks


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"message": "  "}, "Write in a few words what you would like to talk about or ask."),
        ({"adviser": ""}, "Choose an adviser."),
        ({"mode": "named", "contact_name": ""}, "Fill in your name"),
        ({"mode": "confidential", "contact_name": "Sanne"}, "Give an e-mail address or phone"),
        ({"when": "x" * 301}, "Field cannot be longer than 300 characters."),
    ],
)
def test_bad_input_gets_a_clear_message_and_keeps_what_was_typed(app, overrides, message):
    adviser = make_adviser()
    person = in_english(app.test_client())
    response = ask(person, adviser.id, **{"message": "Mijn eigen woorden", **overrides})
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html and 'id="error-summary"' in html
    if "message" not in overrides:
        assert "Mijn eigen woorden" in html
    assert "Dinsdag na drie uur" in html or "when" in overrides
    assert Report.select().count() == 0


def test_unknown_choices_and_an_adviser_who_cannot_receive_are_refused(app):
    adviser = make_adviser()
    unlisted = make_adviser(email="away@example.test", listed=False)
    person = in_english(app.test_client())
    assert ask(person, adviser.id, times=["midnight"]).status_code == 400
    assert ask(person, adviser.id, topic="gossip").status_code == 400
    html = ask(person, unlisted.id).get_data(as_text=True)
    assert "Not a valid choice" in html or "cannot receive requests" in html
    assert Report.select().count() == 0


def test_a_request_is_never_counted_as_a_report(app):
    before = InsightTally.select().count()
    asked(app)
    assert InsightTally.select().count() == before


def test_the_adviser_sees_a_marked_request_in_the_inbox_on_today_and_in_the_register(app):
    adviser, _person, reference, _code = asked(app)
    staff = adviser_client(app, adviser)
    inbox = staff.get("/inbox/").get_data(as_text=True)
    assert reference in inbox and '<span class="badge badge--request">conversation request' in inbox
    today = staff.get("/today").get_data(as_text=True)
    assert "Conversation requests" in today and reference in today
    page = staff.get(f"/inbox/{reference}").get_data(as_text=True)
    assert "Conversation request, not a report" in page
    assert "Yes, a meeting in person is wished" in page
    assert "In the morning, At the end of the working day" in page
    assert "Dinsdag na drie uur" in page and "Kunnen we praten" in page
    assert "Acknowledge" not in page  # no legal report clock on a request
    assert "answer by" in staff.get("/today").get_data(as_text=True)
    register = staff.get("/insights/").get_data(as_text=True)
    assert "Requests for a conversation or a question this year: 1." in register
    consultations = staff.get("/insights/consultations").get_data(as_text=True)
    assert "Requests for a conversation or a question this year: 1." in consultations


def test_the_adviser_answers_in_the_thread_and_the_person_reads_it_with_the_code(app):
    adviser, person, reference, code = asked(app)
    staff = adviser_client(app, adviser)
    sent = staff.post(f"/inbox/{reference}/reply", data={"text": "Graag! Dinsdag om 15.30?"})
    assert sent.status_code == 302
    report = Report.get(Report.reference == reference)
    assert report.first_contact_on == clock.today() and report.contact_due_on is None
    page = open_with_code(person, code).get_data(as_text=True)
    assert "Your request for a conversation" in page and "Graag! Dinsdag om 15.30?" in page
    assert "Kunnen we praten" in page
    # The person answers in the same thread; today shows the adviser a reply waiting.
    assert person.post("/followup/report/message", data={"text": "Dat past."}).status_code == 302
    today = staff.get("/today").get_data(as_text=True)
    assert "Waiting for your reply" in today and reference in today


def test_an_empty_answer_keeps_the_request_page_with_a_message(app):
    adviser, _person, reference, _code = asked(app)
    staff = adviser_client(app, adviser)
    response = staff.post(f"/inbox/{reference}/reply", data={"text": " "})
    html = response.get_data(as_text=True)
    assert "Write a message." in html and "Conversation request, not a report" in html


def test_a_signed_in_person_asking_by_name_finds_it_under_my_reports(app):
    adviser = make_adviser()
    employee = make_person(email="sanne@example.test")
    from portal.core.accounts import keyring

    keyring.create(employee, "correct horse battery staple")
    client = in_english(app.test_client())
    sign_in_fully(client, employee)
    response = ask(
        client, adviser.id, mode="named", contact_name="Sanne", contact_email="s@example.test"
    )
    assert response.status_code == 201
    reference, _code = receipt_of(response.get_data(as_text=True))
    mine = client.get("/my-reports/").get_data(as_text=True)
    assert reference in mine


def test_the_minutes_of_an_integrity_meeting_become_an_oral_report_to_confirm(app):
    adviser, person, reference, code = asked(app, topic="integrity")
    staff = adviser_client(app, adviser)
    staff.post(f"/inbox/{reference}/reply", data={"text": "Kom dinsdag langs."})
    before = InsightTally.select().count()
    missing = staff.post(f"/inbox/{reference}/minutes", data={"minutes": "Fraude gemeld"})
    assert missing.status_code == 400
    assert "Choose what the report is about." in missing.get_data(as_text=True)
    assert "Fraude gemeld" in missing.get_data(as_text=True)  # nothing typed is lost
    done = staff.post(
        f"/inbox/{reference}/minutes",
        data={"category": "violation", "minutes": "Fraude met declaraties gemeld."},
    )
    assert done.status_code == 302
    report = Report.get(Report.reference == reference)
    assert report.request is None and report.oral and report.reporter_confirmed_on is None
    assert report.track == "integrity" and report.ack_due_on is not None
    assert InsightTally.select().count() > before  # now it counts, as a report
    page = open_with_code(person, code).get_data(as_text=True)
    assert "Please check what the adviser wrote down" in page
    assert "Fraude met declaraties gemeld." in page
    assert "The adviser wrote down your conversation as a report" in page
    assert person.post("/followup/report/confirm").status_code == 302
    assert Report.get(Report.reference == reference).reporter_confirmed_on == clock.today()
    # A report is no request any more: its minutes cannot be recorded again.
    again = staff.post(
        f"/inbox/{reference}/minutes", data={"category": "violation", "minutes": "Nog eens."}
    )
    assert again.status_code == 302
    assert b"Nog eens" not in bytes(Report.get(Report.reference == reference).body)


def test_the_adviser_closes_an_answered_request(app):
    adviser, person, reference, code = asked(app)
    staff = adviser_client(app, adviser)
    assert staff.post(f"/inbox/{reference}/close-request").status_code == 302
    report = Report.get(Report.reference == reference)
    assert report.status == Status.CLOSED and report.closed_on == clock.today()
    page = open_with_code(person, code).get_data(as_text=True)
    assert "This request is closed." in page and "Write to the adviser" not in page


def test_deny_by_default_on_every_route(app):
    adviser, _person, reference, _code = asked(app)
    other = make_adviser(email="other@example.test", name="Kofi Mensah")
    anonymous = app.test_client()
    for path in (f"/inbox/{reference}/minutes", f"/inbox/{reference}/close-request"):
        response = anonymous.post(path, data={"category": "violation", "minutes": "x"})
        assert response.status_code in (302, 401, 403)
        assert "sign-in" in response.headers.get("Location", "sign-in")
    employee = sign_in_fully(in_english(app.test_client()), make_person(email="emp@example.test"))
    for path in (f"/inbox/{reference}/minutes", f"/inbox/{reference}/close-request"):
        assert employee.post(path, data={"minutes": "x"}).status_code == 403
    stranger = adviser_client(app, other)  # an adviser the request was not sent to
    assert stranger.get(f"/inbox/{reference}").status_code == 404
    for path in (f"/inbox/{reference}/minutes", f"/inbox/{reference}/close-request"):
        assert (
            stranger.post(path, data={"category": "violation", "minutes": "x"}).status_code == 404
        )
    assert Report.get(Report.reference == reference).request == conversation.CONVERSATION


def test_the_form_needs_its_csrf_token(csrf_app):
    adviser = make_adviser()
    response = ask(in_english(csrf_app.test_client()), adviser.id)
    assert response.status_code == 400
    assert Report.select().count() == 0


def test_counting_requests_per_adviser_and_year(app):
    adviser, *_ = asked(app)
    other = make_adviser(email="other@example.test", name="Kofi Mensah")
    asked(app, adviser=adviser)
    year = clock.today().year
    assert conversation.count_for(adviser, year) == 2
    assert conversation.count_for(other, year) == 0
    assert conversation.count_for(adviser, year - 1) == 0
    Report.update(received_on=date(year - 1, 12, 31)).where(
        Report.request == conversation.CONVERSATION
    ).execute()
    assert conversation.count_for(adviser, year) == 0  # the count runs by calendar year
    assert conversation.count_for(adviser, year - 1) == 2
