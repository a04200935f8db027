"""The policy that the cases follow (#24 item 3): each step's owner and contact, the named
contacts, and the case page showing them at each step."""

import pytest

from portal.aftercare import policy, protocol
from portal.aftercare.models import CaseStep, PolicyContact, PolicyStep
from portal.core.accounts.roles import Role
from tests.aftercare.helpers import client_for, open_case, person, team

DOCTOR = {
    "name": "Dr. Lotte Smit",
    "function_nl": "Bedrijfsarts",
    "function_en": "Company doctor",
    "phone": "+31 30 123 45 67",
    "email": "bedrijfsarts@example.test",
    "hours_nl": "ma-do 9.00-17.00",
    "hours_en": "",
}


@pytest.fixture
def people(app):
    return team(app)


@pytest.fixture
def hr(app, people):
    return client_for(app, people["hr"])


def add_doctor(hr) -> PolicyContact:
    response = hr.post("/aftercare/policy/contacts/new", data=DOCTOR)
    assert response.status_code == 302 and response.headers["Location"].endswith("#contacts")
    return PolicyContact.get(PolicyContact.name == "Dr. Lotte Smit")


def steps_form(**changes) -> dict:
    data = {f"owner_{s.number}": s.owner for s in protocol.STEPS}
    data |= {f"contact_{s.number}": "" for s in protocol.STEPS}
    return data | changes


def test_only_hr_changes_the_structure_everyone_signed_in_reads_it(app, people, hr, client):
    employee = client_for(app, people["employee"])
    lead = client_for(app, people["lead"])
    contact = add_doctor(hr)
    for who in (employee, lead):
        assert who.get("/aftercare/policy/steps").status_code == 403
        assert who.post("/aftercare/policy/steps", data=steps_form()).status_code == 403
        assert who.get("/aftercare/policy/contacts/new").status_code == 403
        assert who.post("/aftercare/policy/contacts/new", data=DOCTOR).status_code == 403
        assert who.get(f"/aftercare/policy/contacts/{contact.id}/edit").status_code == 403
        assert who.post(f"/aftercare/policy/contacts/{contact.id}/delete").status_code == 403
    assert client.get("/aftercare/policy/steps").status_code == 302  # sign in first
    page = employee.get("/aftercare/policy").get_data(as_text=True)
    assert "Dr. Lotte Smit" in page and 'href="tel:+31301234567"' in page
    assert "mailto:bedrijfsarts@example.test" in page
    assert "ma-do 9.00-17.00" in page  # no English hours: the Dutch ones are shown
    assert "Company doctor" in page and "/aftercare/policy/steps" not in page
    assert "Remove Dr. Lotte Smit" not in page
    assert "/aftercare/policy/steps" in hr.get("/aftercare/policy").get_data(as_text=True)


def test_a_contact_needs_a_name_a_function_and_a_way_to_reach_them(hr):
    response = hr.post(
        "/aftercare/policy/contacts/new",
        data={
            "name": "",
            "function_en": "",
            "phone": "call me",
            "email": "not-an-address",
            "hours_en": "KEPT-HOURS",
        },
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and PolicyContact.select().count() == 0
    assert "Fill this in (in at least one language)." in page
    assert "Write the phone number with digits" in page
    assert "Write an e-mail address such as" in page
    assert "KEPT-HOURS" in page and "not-an-address" in page  # nothing typed is lost
    response = hr.post(
        "/aftercare/policy/contacts/new", data={"name": "Jan", "function_nl": "Jurist"}
    )
    assert "Give a phone number or an e-mail address" in response.get_data(as_text=True)
    response = hr.post(
        "/aftercare/policy/contacts/new",
        data={"name": "x" * (policy.NAME + 1), "function_nl": "Jurist", "email": "j@example.test"},
    )
    assert response.status_code == 200 and PolicyContact.select().count() == 0


def test_hr_changes_and_removes_a_contact(hr):
    contact = add_doctor(hr)
    form = hr.get(f"/aftercare/policy/contacts/{contact.id}/edit").get_data(as_text=True)
    assert 'value="Dr. Lotte Smit"' in form
    response = hr.post(
        f"/aftercare/policy/contacts/{contact.id}/edit",
        data=DOCTOR | {"phone": "", "email": "arts@example.test", "hours_en": "Mon-Thu"},
    )
    assert response.status_code == 302
    changed = PolicyContact.get_by_id(contact.id)
    assert changed.phone == "" and changed.email == "arts@example.test"
    assert hr.get("/aftercare/policy/contacts/999/edit").status_code == 404
    assert hr.post("/aftercare/policy/contacts/999/delete").status_code == 404
    hr.post("/aftercare/policy/steps", data=steps_form(contact_5=str(contact.id)))
    assert hr.post(f"/aftercare/policy/contacts/{contact.id}/delete").status_code == 302
    assert PolicyContact.select().count() == 0
    rule = PolicyStep.get(PolicyStep.number == 5)
    assert rule.contact is None and rule.owner == "hr"  # the step keeps its owner


def test_step_rules_are_checked_and_new_cases_follow_them(app, people, hr):
    contact = add_doctor(hr)
    page = hr.get("/aftercare/policy/steps").get_data(as_text=True)
    assert 'name="owner_7"' in page and "Dr. Lotte Smit, Company doctor" in page
    response = hr.post("/aftercare/policy/steps", data=steps_form(owner_3="boss"))
    assert response.status_code == 200 and PolicyStep.select().count() == 0
    response = hr.post("/aftercare/policy/steps", data=steps_form(contact_3="999"))
    assert response.status_code == 200 and PolicyStep.select().count() == 0
    with pytest.raises(policy.StepRuleInvalid):
        policy.save_rules({3: ("lead", 999)})
    response = hr.post(
        "/aftercare/policy/steps",
        data=steps_form(owner_3="hr", contact_3=str(contact.id), contact_5=str(contact.id)),
    )
    assert response.status_code == 302 and response.headers["Location"].endswith("#who-does-what")
    assert policy.owners()[3] == "hr" and policy.owners()[1] == "lead"

    lead = client_for(app, people["lead"])
    reference = open_case(lead, people["employee"].id)
    step3 = CaseStep.get(CaseStep.number == 3)  # the one case there is
    assert step3.owner == "hr"  # the case follows the policy, not the protocol's default
    page = lead.get(f"/aftercare/{reference}").get_data(as_text=True)
    section = page.split('id="step-5"')[1].split('id="step-6"')[0]
    assert "Our policy" in section and "Dr. Lotte Smit" in section
    assert 'href="tel:+31301234567"' in section and "Company doctor" in section
    employee = client_for(app, people["employee"], "nl")
    mine = employee.get(f"/aftercare/{reference}").get_data(as_text=True)
    assert "Bedrijfsarts" in mine.split('id="step-5"')[1]  # the function in the reader's language


def test_the_policy_page_shows_the_protocols_owners_until_hr_sets_them(app, people):
    employee = client_for(app, people["employee"])
    page = employee.get("/aftercare/policy").get_data(as_text=True)
    assert "Who does what, step by step" in page and "No contacts have been named yet." in page
    assert page.count("Whose task:") == 7


def test_hr_role_is_needed_even_with_a_second_factor(app):
    adviser = client_for(app, person("a@example.test", "A", [Role.ADVISER], True, True))
    assert adviser.get("/aftercare/policy/steps").status_code == 403
