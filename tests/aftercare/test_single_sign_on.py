"""People who sign in only through single sign-on: the record passphrase's key pair serves aftercare."""

import pytest

from portal.core.accounts import keyring
from portal.core.accounts import people as accounts
from portal.core.accounts.roles import Role
from portal.platform import database
from tests.aftercare.helpers import check_key, client_for, in_team_of, open_case, person
from tests.conftest import drop_created_databases, make_app

HEADER = "X-Remote-User"
PASSPHRASE = {"passphrase": "a long record passphrase", "confirm": "a long record passphrase"}


@pytest.fixture
def app(tmp_path):
    """The test app, trusting the single-sign-on header (conftest's app, otherwise)."""
    app = make_app(tmp_path, TRUSTED_USER_HEADER=HEADER)
    yield app
    if not database.db.is_closed():
        database.db.close()
    drop_created_databases()


def sso_client(app, email):
    client = app.test_client()
    client.environ_base["HTTP_X_REMOTE_USER"] = email
    client.post("/language", data={"locale": "en"})
    return client


def test_a_case_waits_for_the_record_passphrase_then_is_shared(app, mail_sink):
    with app.app_context():
        accounts.create_person(
            "sso@example.test", "Sam Sso", None, (Role.EMPLOYEE,), must_change_password=False
        )
        lead_person = person("ahmed@example.test", "Ahmed Yilmaz", [Role.EMPLOYEE, Role.TEAM_LEAD])
    from portal.core.accounts.models import Person

    employee = Person.get(Person.email == "sso@example.test")
    in_team_of(lead_person, employee)
    lead = client_for(app, lead_person)
    reference = open_case(lead, employee.id)
    mailed = mail_sink.messages[0].get_content()
    # In the employee's language, Dutch by default; still without content.
    assert "stel eerst een wachtwoordzin in op de pagina van je dossier" in mailed
    page = lead.get(f"/aftercare/{reference}").get_data(as_text=True)
    assert "Sam Sso cannot read this case yet." in page
    assert "they must first set a record passphrase on their record page" in page

    first = sso_client(app, "sso@example.test")
    index = first.get("/aftercare/").get_data(as_text=True)
    assert "Set a record passphrase on your record page" in index
    assert reference not in index
    assert first.get(f"/aftercare/{reference}").status_code == 404

    refused = first.post("/aftercare/ask", data={"person": lead_person.id})
    assert "Set a record passphrase on your record page (My record) first" in refused.get_data(
        as_text=True
    )
    assert first.post("/record/passphrase/new", data=PASSPHRASE).status_code == 302
    # A key made after single sign-on is unchecked too: viewing shares nothing; the check does.
    assert reference in lead.get("/aftercare/").get_data(as_text=True)
    assert first.get(f"/aftercare/{reference}").status_code == 404
    code = keyring.check_code_of(employee.id)
    assert code in first.get("/aftercare/").get_data(as_text=True)
    check_key(lead, reference, employee.id, code)
    page = lead.get(f"/aftercare/{reference}").get_data(as_text=True)
    assert "cannot read this case yet" not in page
    assert "was given a new key pair" not in page
    assert reference in first.get("/aftercare/").get_data(as_text=True)
    assert "Your aftercare" in first.get(f"/aftercare/{reference}").get_data(as_text=True)

    # A new session: the case shows once the record is opened with the passphrase.
    second = sso_client(app, "sso@example.test")
    index = second.get("/aftercare/").get_data(as_text=True)
    assert "Open your record with your record passphrase first." in index
    assert reference not in index
    second.post("/record/passphrase", data={"passphrase": PASSPHRASE["passphrase"]})
    assert reference in second.get("/aftercare/").get_data(as_text=True)


def test_a_lead_on_single_sign_on_opens_cases_with_the_record_passphrase(app):
    with app.app_context():
        accounts.create_person(
            "lead@example.test",
            "Lena Lead",
            None,
            (Role.EMPLOYEE, Role.TEAM_LEAD),
            must_change_password=False,
        )
        employee = person("sanne@example.test", "Sanne de Vries", [Role.EMPLOYEE])
        in_team_of(accounts.Person.get(accounts.Person.email == "lead@example.test"), employee)
    lead = sso_client(app, "lead@example.test")
    refused = lead.post("/aftercare/new", data={"employee": employee.id}).get_data(as_text=True)
    assert "Open your record with your record passphrase (My record), then open the case." in (
        refused
    )
    lead.post("/record/passphrase/new", data=PASSPHRASE)
    reference = open_case(lead, employee.id)
    assert "Aftercare for Sanne de Vries" in lead.get(f"/aftercare/{reference}").get_data(
        as_text=True
    )
