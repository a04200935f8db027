"""Issue 21, item 2: an administrator alone cannot take over an adviser who has no second step yet.

A password reset lets the administrator sign in; enrolling their own authenticator app then
waits until a second person (HR, or another administrator, never the one who set the password)
confirms it in person, comparing the key fingerprint shown on both screens.
"""

import re
import time

import pyotp

from portal.advisers.models import AdviserProfile
from portal.core.accounts import keyring, step_enrolments
from portal.core.accounts.models import Person
from portal.core.accounts.roles import Role
from tests.conftest import PASSWORD, make_person, sign_in
from tests.trust.test_second_person import staff

NEW = "the intruder chose this one"


def temporary_password(admin_client, person) -> str:
    shown = admin_client.post(f"/admin/people/{person.id}/password").get_data(as_text=True)
    return shown.split('<p class="secret-display"><code>', 1)[1].split("</code>", 1)[0]


def enrol(client) -> str:
    """Set up an authenticator app on the second-step page; return its secret."""
    page = client.get("/second-factor").get_data(as_text=True)
    secret = re.search(r'<code class="secret">([A-Z2-7]+)</code>', page).group(1)
    client.post("/second-factor", data={"code": pyotp.TOTP(secret).now()})
    return secret


def new_adviser():
    """An adviser who never signed in: no authenticator app, no key pair yet."""
    adviser = make_person(email="kofi@example.test", name="Kofi Mensah", roles=[Role.ADVISER])
    AdviserProfile.create(person=adviser, listed=True)
    return adviser


def test_a_password_reset_and_an_own_authenticator_do_not_make_the_administrator_an_adviser(app):
    _admin, admin_client = staff(app, "admin@example.test", [Role.ADMIN])
    adviser = new_adviser()
    temporary = temporary_password(admin_client, adviser)

    intruder = app.test_client()
    intruder.post("/language", data={"locale": "en"})
    assert sign_in(intruder, adviser.email, temporary).status_code == 302
    enrol(intruder)
    intruder.post("/password", data={"current": temporary, "new": NEW, "confirm": NEW})
    held = intruder.get("/inbox/")
    assert held.status_code == 302 and held.headers["Location"].startswith("/second-factor")
    page = intruder.get("/second-factor").get_data(as_text=True)
    assert "waits for a second person" in page
    assert intruder.post("/second-factor", data={"code": "123456"}).status_code == 200
    assert Person.get_by_id(adviser.id).totp_secret is not None
    assert step_enrolments.waiting_for(adviser)

    # The administrator who set the password cannot confirm it, on the page or in the domain.
    listed = admin_client.get("/admin/role-requests").get_data(as_text=True)
    section = listed.split("Second steps to check in person")[-1]
    assert "Kofi Mensah" in section and 'value="confirm"' not in section
    request_id = step_enrolments.waiting()[0].id
    refused = admin_client.post(
        f"/admin/second-step-enrolments/{request_id}",
        data={"decision": "confirm"},
        follow_redirects=True,
    )
    assert "A second person must confirm this" in refused.get_data(as_text=True)
    assert intruder.get("/inbox/").headers["Location"].startswith("/second-factor")


def test_a_second_person_checks_the_fingerprint_in_person_and_the_adviser_gets_in(app):
    _admin, admin_client = staff(app, "admin@example.test", [Role.ADMIN])
    _hr, hr_client = staff(app, "hr@example.test", [Role.HR, Role.EMPLOYEE])
    adviser = new_adviser()
    temporary = temporary_password(admin_client, adviser)
    owner = app.test_client()
    owner.post("/language", data={"locale": "en"})
    sign_in(owner, adviser.email, temporary)
    secret = enrol(owner)

    fingerprint = step_enrolments.readable_fingerprint(Person.get_by_id(adviser.id))
    assert fingerprint and len(fingerprint.replace(" ", "")) == 25
    assert keyring.fingerprint_of(adviser.id) is None  # no key under a temporary password
    assert fingerprint in owner.get("/second-factor").get_data(as_text=True)
    listed = hr_client.get("/admin/role-requests").get_data(as_text=True)
    assert fingerprint in listed.split("Second steps to check in person")[-1]

    request_id = step_enrolments.waiting()[0].id
    done = hr_client.post(
        f"/admin/second-step-enrolments/{request_id}",
        data={"decision": "confirm"},
        follow_redirects=True,
    )
    assert "checked" in done.get_data(as_text=True)
    assert not step_enrolments.waiting_for(adviser)
    # The code used to enrol counts once; the owner goes on with the next one.
    owner.post("/second-factor", data={"code": pyotp.TOTP(secret).at(time.time() + 30)})
    assert owner.get("/password").status_code == 200  # on to choosing their own password


def test_declining_drops_the_authenticator(app):
    _admin, admin_client = staff(app, "admin@example.test", [Role.ADMIN])
    _hr, hr_client = staff(app, "hr@example.test", [Role.HR, Role.EMPLOYEE])
    adviser = new_adviser()
    intruder = app.test_client()
    sign_in(intruder, adviser.email, temporary_password(admin_client, adviser))
    enrol(intruder)
    request_id = step_enrolments.waiting()[0].id
    hr_client.post(f"/admin/second-step-enrolments/{request_id}", data={"decision": "decline"})
    assert Person.get_by_id(adviser.id).totp_secret is None
    assert not step_enrolments.waiting_for(adviser)


def test_a_person_who_chose_their_own_password_enrols_alone(app):
    adviser = make_person(email="els@example.test", name="Els", roles=[Role.ADVISER])
    keyring.create(adviser, PASSWORD)
    client = app.test_client()
    sign_in(client, adviser.email)
    enrol(client)
    assert not step_enrolments.waiting_for(adviser)
    assert client.get("/inbox/").status_code == 200
