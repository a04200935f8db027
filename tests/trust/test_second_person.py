"""Issue 11, item 5: the adviser and HR roles need a second person; nobody confirms their own."""

import pyotp

from portal.advisers.models import AdviserProfile
from portal.core.accounts import people
from portal.core.accounts.models import Person
from portal.core.accounts.roles import Role
from tests.conftest import make_person, sign_in_fully


def staff(app, email, roles):
    person = make_person(email=email, roles=roles, totp_secret=pyotp.random_base32())
    client = sign_in_fully(app.test_client(), person)
    client.post("/language", data={"locale": "en"})
    return person, client


def give_roles(client, person, roles):
    return client.post(
        f"/admin/people/{person.id}",
        data={"display_name": person.display_name, "email": person.email, "roles": roles},
    )


def test_an_administrator_cannot_make_themselves_adviser_or_hr(app):
    admin, client = staff(app, "admin@example.test", [Role.ADMIN, Role.EMPLOYEE])
    give_roles(client, admin, ["admin", "employee", "adviser", "hr"])
    me = Person.get_by_id(admin.id)
    assert not me.has_role(Role.ADVISER, Role.HR)
    assert people.pending_roles(me) == {Role.ADVISER, Role.HR}
    # Confirming their own request is refused, on the page and in the domain.
    request_id = people.role_requests()[0].id
    client.post(f"/admin/role-requests/{request_id}", data={"decision": "confirm"})
    assert not Person.get_by_id(admin.id).has_role(Role.ADVISER, Role.HR)
    assert client.get("/inbox/").status_code == 403


def test_hr_confirms_and_the_role_takes_effect(app):
    admin, admin_client = staff(app, "admin@example.test", [Role.ADMIN])
    _hr, hr_client = staff(app, "hr@example.test", [Role.HR, Role.EMPLOYEE])
    newcomer = make_person(email="kofi@example.test", name="Kofi Mensah")
    give_roles(admin_client, newcomer, ["employee", "adviser"])
    assert not Person.get_by_id(newcomer.id).has_role(Role.ADVISER)
    page = hr_client.get("/admin/role-requests").get_data(as_text=True)
    assert "Kofi Mensah" in page and "Confidential adviser" in page
    request_id = people.role_requests()[0].id
    hr_client.post(f"/admin/role-requests/{request_id}", data={"decision": "confirm"})
    assert Person.get_by_id(newcomer.id).has_role(Role.ADVISER)
    assert people.role_requests() == []


def test_a_second_administrator_may_confirm_but_not_the_one_who_asked(app):
    first, first_client = staff(app, "admin@example.test", [Role.ADMIN])
    _second, second_client = staff(app, "admin2@example.test", [Role.ADMIN])
    newcomer = make_person(email="kofi@example.test", name="Kofi Mensah")
    give_roles(first_client, newcomer, ["employee", "hr"])
    request_id = people.role_requests()[0].id
    first_client.post(f"/admin/role-requests/{request_id}", data={"decision": "confirm"})
    assert not Person.get_by_id(newcomer.id).has_role(Role.HR)
    second_client.post(f"/admin/role-requests/{request_id}", data={"decision": "confirm"})
    assert Person.get_by_id(newcomer.id).has_role(Role.HR)


def test_employees_and_advisers_may_not_confirm(app):
    _employee, client = staff(app, "sanne@example.test", [Role.EMPLOYEE, Role.ADVISER])
    assert client.get("/admin/role-requests").status_code == 403
    assert client.post("/admin/role-requests/1", data={"decision": "confirm"}).status_code == 403


def test_the_directory_shows_since_when_an_adviser_is_listed(app):
    _hr, hr_client = staff(app, "hr@example.test", [Role.HR, Role.EMPLOYEE])
    adviser = make_person(email="adv@example.test", name="Ada Adviser", roles=[Role.ADVISER])
    from datetime import date

    from portal.advisers import profiles

    data = profiles.ProfileData(
        external=False,
        organisation="",
        introduction_nl="Hallo",
        introduction_en="Hello",
        languages=["nl"],
        topics=[],
        contact="",
        away_until=None,
        stand_in_id=None,
        integrity_contact=False,
        listed=True,
    )
    profiles.create_profile(adviser, data)
    assert AdviserProfile.get().listed_since == date.today()
    page = hr_client.get("/advisers/").get_data(as_text=True)
    assert "Listed here since" in page


def test_an_administrator_cannot_make_a_second_administrator_alone(app):
    admin, client = staff(app, "admin@example.test", [Role.ADMIN])
    accomplice = make_person(email="x@example.test", name="Second Account")
    give_roles(client, accomplice, ["employee", "admin"])
    assert not Person.get_by_id(accomplice.id).has_role(Role.ADMIN)
    assert people.pending_roles(accomplice) == {Role.ADMIN}
