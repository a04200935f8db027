"""Issue 21, item 1: nothing is sealed to a key nobody checked, a first key included.

An administrator resets the password of an employee who never signed in (no second person is
needed for an ordinary employee), signs in as them and so gets a key pair made under their
name. Viewing the case list and the case, as the lead and HR do every day, must not seal the
case to that key; only the check code the real employee reads in the meeting does.
"""

import re

import pyotp

from portal.aftercare.models import CaseMember
from portal.core.accounts import keyring
from portal.core.accounts.models import KeyRing, Person
from portal.core.accounts.roles import Role
from portal.core.audit.models import AccessLog
from tests.aftercare.helpers import check_key, client_for, in_team_of, open_case, opens_with, person
from tests.conftest import PASSWORD, make_person, sign_in, sign_in_fully

ADMINS_CHOICE = "the administrator chose this one"
OWN = "she chose this one herself"


def reset_password(administrator, employee) -> str:
    """Reset through the admin page; return the temporary password it shows once."""
    page = administrator.post(f"/admin/people/{employee.id}/password").get_data(as_text=True)
    return re.search(r'class="secret-display"><code>([^<]+)</code>', page).group(1)


def test_an_administrator_never_reads_a_case_through_a_reset(app):
    employee = person("sanne@example.test", "Sanne de Vries", [Role.EMPLOYEE], with_key=False)
    lead_person = person("ahmed@example.test", "Ahmed Yilmaz", [Role.EMPLOYEE, Role.TEAM_LEAD])
    hr_person = person(
        "pieter@example.test", "Pieter Bakker", [Role.EMPLOYEE, Role.HR], second_factor=True
    )
    admin = make_person(
        email="admin@example.test",
        name="Ivo Beheer",
        roles=[Role.ADMIN],
        totp_secret=pyotp.random_base32(),
    )
    in_team_of(lead_person, employee)
    lead = client_for(app, lead_person)
    reference = open_case(lead, employee.id)  # the employee has no key: nothing to check yet
    lead.post(f"/aftercare/{reference}/members", data={"person": hr_person.id})

    # One administrator resets the password and signs in as the employee.
    administrator = sign_in_fully(app.test_client(), admin)
    temporary = reset_password(administrator, employee)
    assert not KeyRing.select().where(KeyRing.person == employee).exists()
    as_employee = app.test_client()
    sign_in(as_employee, employee.email, temporary)
    # Signing in with a password someone else set makes no key pair.
    assert not KeyRing.select().where(KeyRing.person == employee).exists()
    as_employee.post(
        "/password", data={"current": temporary, "new": ADMINS_CHOICE, "confirm": ADMINS_CHOICE}
    )
    ring = KeyRing.get(KeyRing.person == employee)  # made under the administrator's choice
    admins_key = keyring.unlock(ring, ADMINS_CHOICE)

    # The lead and HR go about their day: lists and the case page, many times.
    hr = client_for(app, hr_person)
    for client in (lead, hr):
        client.get("/aftercare/")
        page = client.get(f"/aftercare/{reference}").get_data(as_text=True)
        assert "Ivo Beheer reset the password of Sanne de Vries on" in page
    assert not opens_with(admins_key, CaseMember.select())
    assert as_employee.get(f"/aftercare/{reference}").status_code == 404
    # Typing a code the administrator read off their own screen is what the check is for:
    # the lead only types what the person in front of them reads. A wrong code shares nothing.
    check_key(lead, reference, employee.id, "00000 00000 00000 00000 00000")
    assert not opens_with(admins_key, CaseMember.select())

    # The employee notices (the portal told them of the reset), has the password reset by a
    # second administrator with them present, chooses their own: a new key pair, not re-wrapped.
    helper = make_person(
        email="admin2@example.test", roles=[Role.ADMIN], totp_secret=pyotp.random_base32()
    )
    temporary = reset_password(sign_in_fully(app.test_client(), helper), employee)
    own = app.test_client()
    sign_in(own, employee.email, temporary)
    own.post("/password", data={"current": temporary, "new": OWN, "confirm": OWN})
    new_ring = KeyRing.get(KeyRing.person == employee)
    assert bytes(new_ring.public_key) != bytes(ring.public_key)
    own_key = keyring.unlock(new_ring, OWN)
    assert not opens_with(own_key, CaseMember.select())

    # In the meeting she reads her check code off her own screen; the lead types it.
    code = keyring.check_code_of(employee.id)
    assert len(code.replace(" ", "")) == 25  # 25 digits: more than 80 bits
    own.post("/language", data={"locale": "en"})
    assert code in own.get("/aftercare/").get_data(as_text=True)
    check_key(lead, reference, employee.id, code.replace(" ", "-"))
    assert opens_with(own_key, CaseMember.select().where(CaseMember.role == "employee"))
    assert not opens_with(admins_key, CaseMember.select())
    assert f'Your aftercare <span class="hint">{reference}' in own.get(
        f"/aftercare/{reference}"
    ).get_data(as_text=True)
    # The resets were told to her and written to the access log.
    resets = AccessLog.select().where(
        (AccessLog.action == "password_reset") & (AccessLog.detail == f"account:{employee.id}")
    )
    assert {row.person_id for row in resets} == {admin.id, helper.id}


def test_a_first_key_made_under_a_temporary_password_is_replaced_not_rewrapped(app):
    employee = make_person(email="new@example.test", name="Nina Nieuw", roles=[Role.EMPLOYEE])
    employee.must_change_password = True
    employee.save()
    client = app.test_client()
    sign_in(client, employee.email, PASSWORD)
    assert not KeyRing.select().where(KeyRing.person == employee).exists()
    client.post("/password", data={"current": PASSWORD, "new": OWN, "confirm": OWN})
    ring = KeyRing.get(KeyRing.person == employee)
    keyring.unlock(ring, OWN)  # made under her own password
    assert Person.get_by_id(employee.id).password_set_on is not None
