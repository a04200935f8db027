"""One click to a report: chosen record entries are copied into a report; the adviser reads them."""

import io

from portal.record.models import JournalEntry
from tests.conftest import make_adviser, sign_in_fully
from tests.factories import STEP_DATA, receipt_of
from tests.record.helpers import become_owner, entry_data, write_entry


def walk_to_review(client, adviser_id: int) -> None:
    for step in ("kind", "incidents", "wishes", "evidence"):
        data = {**STEP_DATA[step], "action": "next"}
        assert client.post(f"/report/step/{step}", data=data).status_code == 302
    mode = {"mode": "confidential", "contact_name": "Sanne", "contact_email": "s@example.test"}
    assert client.post("/report/step/mode", data={**mode, "action": "next"}).status_code == 302
    client.post("/report/step/advisers", data={"advisers": [str(adviser_id)], "action": "next"})


def test_chosen_entries_go_into_the_report_and_the_adviser_reads_them(app, client):
    adviser = make_adviser()
    client.post("/language", data={"locale": "en"})
    become_owner(client)
    data = entry_data("Picked entry text", effect="Picked effect")
    data["files"] = [(io.BytesIO(b"chat log"), "chat.txt")]
    client.post("/record/new", data=data, content_type="multipart/form-data")
    write_entry(client, what="Entry left out")
    picked = JournalEntry.select().order_by(JournalEntry.id).first().uid

    walk_to_review(client, adviser.id)
    review = client.get("/report/review").get_data(as_text=True)
    assert "Add from my record" in review and "Picked entry text" in review
    response = client.post("/record/to-report", data={"entries": [picked]})
    assert response.headers["Location"] == "/report/review#from-record"
    review = client.get("/report/review").get_data(as_text=True)
    assert "From my record, written on" in review and "chat.txt" in review
    sent = client.post("/report/send")
    assert sent.status_code == 201
    reference, _code = receipt_of(sent.get_data(as_text=True))

    staff = sign_in_fully(app.test_client(), adviser)
    staff.post("/language", data={"locale": "en"})
    page = staff.get(f"/inbox/{reference}").get_data(as_text=True)
    assert "From my record, written on" in page
    assert "Picked entry text" in page and "Picked effect" in page and "chat.txt" in page
    assert "Entry left out" not in page


def test_the_picker_is_absent_without_a_record_and_the_route_is_for_employees(app, client):
    adviser = make_adviser()
    walk_to_review(client, adviser.id)
    assert "record-entry-" not in client.get("/report/review").get_data(as_text=True)
    response = client.post("/record/to-report", data={"entries": ["x"]})
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_entries_sent_into_an_open_reports_conversation(app, client):
    adviser = make_adviser()
    client.post("/language", data={"locale": "en"})
    become_owner(client)
    data = entry_data("Sent later text")
    data["files"] = [(io.BytesIO(b"screenshot notes"), "later.txt")]
    client.post("/record/new", data=data, content_type="multipart/form-data")
    uid = JournalEntry.get().uid
    walk_to_review(client, adviser.id)
    reference, _code = receipt_of(client.post("/report/send").get_data(as_text=True))

    page = client.get(f"/my-reports/{reference}").get_data(as_text=True)
    assert "Send from my record" in page and "Sent later text" in page
    nothing = client.post("/record/to-message", data={"reference": reference})
    assert nothing.headers["Location"].endswith("#from-record")
    sent = client.post("/record/to-message", data={"reference": reference, "entries": [uid]})
    assert sent.headers["Location"] == f"/my-reports/{reference}#conversation"
    other = client.post("/record/to-message", data={"reference": "VW-NOPE", "entries": [uid]})
    assert other.status_code == 404

    staff = sign_in_fully(app.test_client(), adviser)
    staff.post("/language", data={"locale": "en"})
    page = staff.get(f"/inbox/{reference}").get_data(as_text=True)
    assert "From my record, written on" in page and "Sent later text" in page
    assert "later.txt" in page
