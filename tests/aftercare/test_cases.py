"""Aftercare cases: who may open them, who is on them, and what each person can do."""

import hashlib

import pytest

from portal.aftercare.models import Case, CaseMember
from portal.core.accounts import keyring
from portal.core.accounts.roles import Role
from portal.core.audit.models import AccessLog
from tests.aftercare.helpers import (
    check_key,
    client_for,
    in_team_of,
    open_case,
    person,
    png_bytes,
    team,
)
from tests.conftest import PASSWORD


@pytest.fixture
def people(app):
    return team(app)


@pytest.fixture
def case(app, people):
    lead = client_for(app, people["lead"])
    return open_case(lead, people["employee"].id)


def test_lead_opens_a_case_in_dutch(app, people):
    lead = client_for(app, people["lead"], "nl")
    page = lead.get("/aftercare/new").get_data(as_text=True)
    assert "Sanne de Vries" in page and "Medewerker" in page
    reference = open_case(lead, people["employee"].id)
    page = lead.get(f"/aftercare/{reference}").get_data(as_text=True)
    assert "Nazorg voor Sanne de Vries" in page
    assert "Leg het bewijs samen vast" in page
    assert "Eerste gesprek (binnen 72 uur)" in page


def test_only_leads_and_hr_open_cases(app, people):
    for who in ("employee", "adviser"):
        client = client_for(app, people[who])
        assert client.get("/aftercare/new").status_code == 403
    hr = client_for(app, people["hr"])
    assert hr.get("/aftercare/new").status_code == 200


def test_members_get_in_and_nobody_else(app, people, case):
    lead = client_for(app, people["lead"])
    lead.post(f"/aftercare/{case}/members", data={"person": people["hr"].id})
    for who in ("employee", "lead", "hr"):
        response = client_for(app, people[who]).get(f"/aftercare/{case}")
        assert response.status_code == 200, who
        assert "Sanne de Vries" in response.get_data(as_text=True)
    for who in ("other_lead", "other_hr", "adviser", "admin"):
        client = client_for(app, people[who])
        response = client.get(f"/aftercare/{case}")
        assert response.status_code in (403, 404), who
        assert "Sanne de Vries" not in response.get_data(as_text=True)
        assert case not in client.get("/aftercare/").get_data(as_text=True)
    assert client.get("/aftercare/overview").status_code == 403


def test_employee_sees_the_notice_and_may_not_change_steps(app, people, case):
    employee = client_for(app, people["employee"])
    page = employee.get("/aftercare/").get_data(as_text=True)
    assert "Aftercare has been started with you" in page and case in page
    assert "Confidential advisers" in page
    home = employee.get("/").get_data(as_text=True)
    assert "Aftercare has been started with you" in home and f"/aftercare/{case}" in home
    lead_home = client_for(app, people["lead"]).get("/").get_data(as_text=True)
    assert "Aftercare has been started with you" not in lead_home
    assert employee.get(f"/aftercare/{case}/steps/1").status_code == 403
    # Evidence the employee may add themselves (test_employee_and_originals.py).
    assert employee.get(f"/aftercare/{case}/notice").status_code == 403
    assert employee.get(f"/aftercare/{case}/police").status_code == 403
    assert employee.post(f"/aftercare/{case}/close", data={"outcome": "other"}).status_code == 403
    other = client_for(app, people["other_lead"])
    assert case not in other.get("/aftercare/").get_data(as_text=True)


def test_no_plain_row_names_the_employee(app, people, case):
    employee_rows = list(CaseMember.select().where(CaseMember.role == "employee"))
    assert len(employee_rows) == 1 and employee_rows[0].person_id is None
    client_for(app, people["employee"]).get(f"/aftercare/{case}")
    opened = AccessLog.select().where(
        (AccessLog.reference == case) & (AccessLog.action == "opened")
    )
    assert people["employee"].id not in {e.person_id for e in opened}


def test_adding_and_removing_hr_is_logged_and_shown(app, people, case):
    lead = client_for(app, people["lead"])
    lead.post(f"/aftercare/{case}/members", data={"person": people["hr"].id})
    lead.post(f"/aftercare/{case}/members/{people['hr'].id}/remove")
    page = client_for(app, people["employee"]).get(f"/aftercare/{case}").get_data(as_text=True)
    assert "Ahmed Yilmaz added Pieter Bakker" in page
    assert "Ahmed Yilmaz took Pieter Bakker off the case" in page
    assert client_for(app, people["hr"]).get(f"/aftercare/{case}").status_code == 404
    actions = [e.action for e in AccessLog.select().where(AccessLog.reference == case)]
    assert "member_added" in actions and "member_removed" in actions
    employee = client_for(app, people["employee"])
    response = employee.post(f"/aftercare/{case}/members", data={"person": people["hr"].id})
    assert response.status_code == 403


def test_employee_without_a_key_gets_the_case_once_they_have_one(app, people):
    newcomer = person("new@example.test", "Nina Nieuw", [Role.EMPLOYEE], with_key=False)
    in_team_of(people["lead"], newcomer)
    lead = client_for(app, people["lead"])
    reference = open_case(lead, newcomer.id)
    page = lead.get(f"/aftercare/{reference}").get_data(as_text=True)
    assert "Nina Nieuw cannot read this case yet" in page
    assert "Nina Nieuw has no key pair at the moment" in page
    newcomer_client = client_for(app, newcomer)  # signing in makes the key pair
    assert newcomer_client.get(f"/aftercare/{reference}").status_code == 404
    lead.get(f"/aftercare/{reference}")  # viewing shares nothing: the key is not checked yet
    lead.get("/aftercare/")
    assert newcomer_client.get(f"/aftercare/{reference}").status_code == 404
    code = keyring.check_code_of(newcomer.id)
    assert code in newcomer_client.get("/aftercare/").get_data(as_text=True)
    check_key(lead, reference, newcomer.id, code)  # read to the lead in the meeting
    response = newcomer_client.get(f"/aftercare/{reference}")
    assert response.status_code == 200 and "Nina Nieuw" in response.get_data(as_text=True)


def test_employee_is_mailed_without_content(app, people, mail_sink):
    lead = client_for(app, people["lead"])
    open_case(lead, people["employee"].id)
    assert len(mail_sink.messages) == 1
    message = mail_sink.messages[0]
    assert message["To"] == "sanne@example.test"
    text = message.get_body().get_content()
    assert "/aftercare/" in text and "Sanne" not in text and "Ahmed" not in text


def test_steps_evidence_notice_police_checkins(app, people, case):
    lead = client_for(app, people["lead"])
    response = lead.post(
        f"/aftercare/{case}/steps/2",
        data={"owner": "lead", "status": "done", "due_on": "", "done_on": "", "note": "TALKED-X"},
    )
    assert response.status_code == 302
    data = {
        "platform": "linkedin",
        "url": "https://linkedin.test/post/123",
        "handle": "@troll",
        "account_owner": "Anonymous account",
        "seen_at": "12 March 2026, 21:40",
        "captured_by": "Ahmed",
        "still_online": "yes",
        "screenshots": [(__import__("io").BytesIO(png_bytes()), "shot.png")],
    }
    response = lead.post(
        f"/aftercare/{case}/evidence/new", data=data, content_type="multipart/form-data"
    )
    assert response.status_code == 302
    page = lead.get(f"/aftercare/{case}").get_data(as_text=True)
    assert "TALKED-X" in page and "@troll" in page and "LinkedIn" in page
    assert "SHA-256 " + hashlib.sha256(png_bytes()).hexdigest() in page
    file_id = page.split("/files/")[1].split('"')[0]
    download = lead.get(f"/aftercare/{case}/files/{file_id}")
    assert download.status_code == 200 and download.data.startswith(b"\x89PNG")
    notice = lead.get(f"/aftercare/{case}/notice").get_data(as_text=True)
    assert "https://linkedin.test/post/123" in notice and "good faith" in notice
    lead.post(
        f"/aftercare/{case}/notice",
        data={
            "sent_on": "2026-03-13",
            "platform": "linkedin",
            "reference": "LI-99",
            "decided_on": "2026-03-20",
            "removed": "no",
        },
    )
    page = lead.get(f"/aftercare/{case}").get_data(as_text=True)
    assert "A complaint against the platform's decision is possible until 20 September 2026" in page
    # The platform refused: legal help is proposed at once, and the notice completed step 4.
    assert "The platform did not remove the post. Consider the next step: legal help." in page
    assert "The platform decided on 20 March 2026 not to remove the post." in page
    lead.post(
        f"/aftercare/{case}/police",
        data={"filed_by": "Pieter", "complaint_offence": "y", "learned_on": "2026-03-12"},
    )
    page = lead.get(f"/aftercare/{case}").get_data(as_text=True)
    assert "file it no later than 12 June 2026 (that day still counts)" in page
    lead.post(f"/aftercare/{case}/checkins/first", data={"how": "SHAKEN-Y", "help_needed": "y"})
    employee = client_for(app, people["employee"])
    assert employee.get(f"/aftercare/{case}/checkins/first").status_code == 200
    employee.post(f"/aftercare/{case}/checkins/first", data={"words": "MY-OWN-WORDS"})
    page = employee.get(f"/aftercare/{case}").get_data(as_text=True)
    assert "SHAKEN-Y" in page and "MY-OWN-WORDS" in page and "Professional help is needed" in page
    assert employee.get(f"/aftercare/{case}/files/{file_id}").status_code == 200
    other = client_for(app, people["other_lead"])
    assert other.get(f"/aftercare/{case}/files/{file_id}").status_code == 404


def test_refused_upload_keeps_what_was_typed(app, people, case):
    lead = client_for(app, people["lead"])
    data = {
        "platform": "other",
        "platform_other": "Forum X",
        "handle": "@kept",
        "screenshots": [(__import__("io").BytesIO(b"MZ\x90\x00binary"), "virus.exe")],
    }
    response = lead.post(
        f"/aftercare/{case}/evidence/new", data=data, content_type="multipart/form-data"
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "@kept" in page and "Forum X" in page
    assert "this type of file is not accepted" in page


def test_hr_overview_shows_metadata_only_and_closing(app, people, case):
    hr = client_for(app, people["hr"])
    page = hr.get("/aftercare/overview").get_data(as_text=True)
    assert case in page and "Capture the evidence together" in page
    assert "Sanne" not in page
    lead = client_for(app, people["lead"])
    lead.post(f"/aftercare/{case}/close", data={"outcome": "recovered"})
    assert Case.get(Case.reference == case).status == "closed"
    assert case not in hr.get("/aftercare/overview").get_data(as_text=True)
    page = lead.get(f"/aftercare/{case}").get_data(as_text=True)
    assert "The employee is doing well again" in page
    response = lead.get(f"/aftercare/{case}/steps/1")
    assert response.status_code == 302


def test_signing_in_makes_keys_for_the_demo_roles(app):
    lead = person("l@example.test", "L", [Role.EMPLOYEE, Role.TEAM_LEAD], with_key=False)
    client_for(app, lead)
    assert keyring.public_key_of(lead.id) is not None
    assert PASSWORD


def test_an_hr_employee_cannot_be_added_to_their_own_case(app, people):
    hr_employee = person("hr3@example.test", "HR Subject", [Role.EMPLOYEE, Role.HR], True, True)
    in_team_of(people["lead"], hr_employee)
    lead = client_for(app, people["lead"])
    reference = open_case(lead, hr_employee.id)
    page = lead.get(f"/aftercare/{reference}").get_data(as_text=True)
    assert f'<option value="{hr_employee.id}"' not in page
    lead.post(f"/aftercare/{reference}/members", data={"person": hr_employee.id})
    assert not CaseMember.select().where(CaseMember.person == hr_employee.id).exists()
    response = client_for(app, hr_employee).get(f"/aftercare/{reference}")
    assert response.status_code == 200  # as the employee, through their own sealed key
