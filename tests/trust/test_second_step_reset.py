"""An administrator alone cannot sign in as an adviser or HR person: with a temporary password
they still lack the second step, and resetting that waits for a second person."""

import pyotp

from portal.core.accounts import step_resets
from portal.core.accounts.models import AccountNotice, Person
from portal.core.accounts.roles import Role
from portal.core.audit.models import AccessLog
from tests.conftest import make_person, sign_in
from tests.trust.test_second_person import staff


def test_an_administrator_alone_cannot_reset_an_hr_persons_second_step(app):
    admin, admin_client = staff(app, "admin@example.test", [Role.ADMIN])
    hr = make_person(
        email="hr@example.test",
        name="Hanna HR",
        roles=[Role.HR, Role.EMPLOYEE],
        totp_secret=pyotp.random_base32(),
    )

    asked = admin_client.post(f"/admin/people/{hr.id}/second-factor", follow_redirects=True)
    page = asked.get_data(as_text=True)
    assert "takes effect once a second person" in page
    assert "A reset of the second step waits for a second person" in page
    assert Person.get_by_id(hr.id).totp_secret is not None  # nothing changed yet
    assert not AccountNotice.select().where(AccountNotice.person == hr.id).exists()
    asked_entry = AccessLog.get(AccessLog.action == "second_factor_reset_asked")
    assert asked_entry.person_id == admin.id and asked_entry.detail == f"account:{hr.id}"

    # The one who asked is offered no confirm button, and confirming anyway is refused.
    listed = admin_client.get("/admin/role-requests").get_data(as_text=True)
    assert (
        "Hanna HR" in listed and 'value="confirm"' not in listed.split("Second steps to reset")[1]
    )
    request_id = step_resets.waiting()[0].id
    refused = admin_client.post(
        f"/admin/second-step-resets/{request_id}",
        data={"decision": "confirm"},
        follow_redirects=True,
    )
    assert "A second person must confirm this" in refused.get_data(as_text=True)
    assert Person.get_by_id(hr.id).totp_secret is not None

    # With a temporary password but the second step intact, the administrator gets no further.
    shown = admin_client.post(f"/admin/people/{hr.id}/password").get_data(as_text=True)
    temporary = shown.split('<p class="secret-display"><code>', 1)[1].split("</code>", 1)[0]
    intruder = app.test_client()
    assert sign_in(intruder, "hr@example.test", temporary).status_code == 302
    stopped = intruder.get("/admin/role-requests")
    assert stopped.status_code == 302 and stopped.headers["Location"].startswith("/second-factor")
    wrong = intruder.post("/second-factor", data={"code": "123456"})
    assert wrong.status_code == 200 and intruder.get("/prompts/").status_code == 302


def test_a_second_person_confirms_and_the_reset_takes_effect_and_is_told(app):
    _admin, admin_client = staff(app, "admin@example.test", [Role.ADMIN])
    _hr, hr_client = staff(app, "hr2@example.test", [Role.HR, Role.EMPLOYEE])
    adviser = make_person(
        email="ada@example.test",
        name="Ada Adviser",
        roles=[Role.ADVISER],
        totp_secret=pyotp.random_base32(),
    )
    admin_client.post(f"/admin/people/{adviser.id}/second-factor")
    admin_client.post(f"/admin/people/{adviser.id}/second-factor")  # asking twice: one request
    assert len(step_resets.waiting()) == 1
    request_id = step_resets.waiting()[0].id

    confirmed = hr_client.post(
        f"/admin/second-step-resets/{request_id}",
        data={"decision": "confirm"},
        follow_redirects=True,
    )
    assert "The second step is reset" in confirmed.get_data(as_text=True)
    assert Person.get_by_id(adviser.id).totp_secret is None
    assert step_resets.waiting() == []
    notice = AccountNotice.get(AccountNotice.person == adviser.id)
    assert notice.kind == "second_factor_reset"
    # Confirming again finds nothing left to do.
    again = hr_client.post(
        f"/admin/second-step-resets/{request_id}",
        data={"decision": "confirm"},
        follow_redirects=True,
    )
    assert "already dealt with" in again.get_data(as_text=True)


def test_a_declined_reset_leaves_the_second_step_and_the_person_may_not_decide(app):
    _admin, admin_client = staff(app, "admin@example.test", [Role.ADMIN])
    hr, hr_client = staff(app, "hr@example.test", [Role.HR, Role.EMPLOYEE])
    admin_client.post(f"/admin/people/{hr.id}/second-factor")
    request_id = step_resets.waiting()[0].id
    # The person concerned is no second person for their own reset.
    hr_client.post(f"/admin/second-step-resets/{request_id}", data={"decision": "confirm"})
    assert Person.get_by_id(hr.id).totp_secret is not None
    hr_client.post(f"/admin/second-step-resets/{request_id}", data={"decision": "decline"})
    assert step_resets.waiting() == [] and Person.get_by_id(hr.id).totp_secret is not None
    declined = AccessLog.get(AccessLog.action == "second_factor_reset_declined")
    assert declined.person_id == hr.id and declined.detail == f"account:{hr.id}"


def test_nothing_to_reset_without_an_app_and_only_staff_who_confirm_may_see_it(app):
    _admin, admin_client = staff(app, "admin@example.test", [Role.ADMIN])
    plain = make_person(email="sanne@example.test", name="Sanne")
    told = admin_client.post(f"/admin/people/{plain.id}/second-factor", follow_redirects=True)
    assert "nothing to reset" in told.get_data(as_text=True) and step_resets.waiting() == []
    _adviser, adviser_client = staff(app, "adv@example.test", [Role.ADVISER])
    assert adviser_client.get("/admin/role-requests").status_code == 403
    assert (
        adviser_client.post("/admin/second-step-resets/1", data={"decision": "confirm"}).status_code
        == 403
    )
    assert adviser_client.post(f"/admin/people/{plain.id}/second-factor").status_code == 403
