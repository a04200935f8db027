"""An employee asks for aftercare themselves; the person asked opens the case or declines."""

from portal.aftercare.models import Case, CaseRequest
from tests.aftercare.helpers import check_key, client_for, team
from tests.factories import in_english


def test_employee_asks_and_the_lead_opens_the_case(app, mail_sink):
    people = team(app)
    employee = client_for(app, people["employee"])
    page = employee.get("/aftercare/ask").get_data(as_text=True)
    assert "Ahmed Yilmaz" in page and "Pieter Bakker" in page and "An Adviser" not in page
    response = employee.post("/aftercare/ask", data={"person": people["lead"].id})
    assert response.status_code == 302
    row = CaseRequest.get()
    assert b"Sanne" not in bytes(row.for_addressee) and row.addressee_id == people["lead"].id
    assert "You asked Ahmed Yilmaz" in employee.get("/aftercare/").get_data(as_text=True)
    assert "Sanne" not in mail_sink.messages[0].get_body().get_content()
    other = client_for(app, people["other_lead"])
    assert "Sanne de Vries asks you" not in other.get("/aftercare/").get_data(as_text=True)
    assert other.post(f"/aftercare/requests/{row.id}/accept").status_code == 404
    assert employee.post(f"/aftercare/requests/{row.id}/accept").status_code == 403
    lead = client_for(app, people["lead"])
    assert "Sanne de Vries asks you for aftercare" in lead.get("/aftercare/").get_data(as_text=True)
    response = lead.post(f"/aftercare/requests/{row.id}/accept")
    reference = Case.get().reference
    assert response.headers["Location"].endswith(f"/aftercare/{reference}")
    assert CaseRequest.select().count() == 0
    # Asking signed in proves no key: the case reaches the employee after the check in person.
    assert employee.get(f"/aftercare/{reference}").status_code == 404
    check_key(lead, reference, people["employee"].id)
    assert employee.get(f"/aftercare/{reference}").status_code == 200
    assert mail_sink.messages[-1]["To"] == "sanne@example.test"


def test_declined_request_is_shown_and_can_be_removed(app):
    people = team(app)
    employee = client_for(app, people["employee"], "nl")
    employee.post("/aftercare/ask", data={"person": people["hr"].id})
    row = CaseRequest.get()
    hr = client_for(app, people["hr"])
    hr.post(f"/aftercare/requests/{row.id}/decline")
    page = employee.get("/aftercare/").get_data(as_text=True)
    assert "Pieter Bakker heeft je verzoek" in page
    assert (
        client_for(app, people["other_lead"])
        .post(f"/aftercare/requests/{row.id}/withdraw")
        .status_code
        == 404
    )
    employee.post(f"/aftercare/requests/{row.id}/withdraw")
    assert CaseRequest.select().count() == 0 and Case.select().count() == 0


def test_asking_someone_who_is_not_lead_or_hr_is_refused(app):
    people = team(app)
    employee = client_for(app, people["employee"])
    response = employee.post("/aftercare/ask", data={"person": people["adviser"].id})
    assert response.status_code == 200 and CaseRequest.select().count() == 0
    assert "Choose your team lead or an HR person." in response.get_data(as_text=True)


def test_the_guide_page_offers_to_ask(client):
    client.post("/language", data={"locale": "en"})
    page = client.get("/guide/online-harassment").get_data(as_text=True)
    assert 'href="/aftercare/ask"' in page


def test_a_case_cannot_be_opened_for_oneself(app):
    people = team(app)
    lead = client_for(app, people["lead"])
    response = lead.post("/aftercare/new", data={"employee": people["lead"].id})
    assert "A case cannot be opened for this person." in response.get_data(as_text=True)
    assert Case.select().count() == 0


def test_the_picker_names_each_person_once_with_their_role(app):
    people = team(app)
    page = in_english(client_for(app, people["employee"])).get("/aftercare/ask")
    text = page.get_data(as_text=True)
    lead, hr = people["lead"], people["hr"]
    assert f'<option value="{lead.id}">Ahmed Yilmaz (Team lead)</option>' in text
    assert f'<option value="{hr.id}">Pieter Bakker (HR)</option>' in text
    assert text.count("Ahmed Yilmaz") == 1 and text.count("Pieter Bakker") == 1
