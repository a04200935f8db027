"""Issue 11, item 1: a replaced key pair is never trusted silently."""

import re
import time

import pyotp

from portal.consent.models import Consent, SharedSummary
from portal.core.accounts import keyring, step_enrolments, step_resets
from portal.core.accounts.models import KeyRing
from portal.core.accounts.roles import Role
from portal.core.audit.models import AccessLog
from portal.platform import crypto
from tests.conftest import PASSWORD, make_adviser, make_person, sign_in, sign_in_fully
from tests.factories import approve_summary, file_report

FIRST = "FIRST-SUMMARY for HR"
SECOND = "SECOND-SUMMARY written after the reset"
THIRD = "THIRD-SUMMARY after the reporter confirmed"
NEW_PASSWORD = "a brand new passphrase for hr"


def english(client):
    client.post("/language", data={"locale": "en"})
    return client


def test_an_administrator_cannot_take_over_what_was_shared(app):
    adviser = make_adviser()
    hr = make_person(
        email="hr@example.test",
        name="Henk HR",
        roles=[Role.EMPLOYEE, Role.HR],
        totp_secret=pyotp.random_base32(),
    )
    keyring.create(hr, PASSWORD)
    admin = make_person(
        email="admin@example.test", roles=[Role.ADMIN], totp_secret=pyotp.random_base32()
    )
    filed = file_report([adviser.id], mode="confidential")
    reference = filed.report.reference
    reporter = english(app.test_client())
    reporter.post("/followup/", data={"code": filed.receipt_code})
    reporter.post("/followup/report/consent", data={"scope": "share_hr", "grantee": str(hr.id)})
    reporter.post("/followup/report/consent", data={"scope": "reveal_name", "grantee": str(hr.id)})
    consent = Consent.get(Consent.scope == "share_hr")
    staff = english(sign_in_fully(app.test_client(), adviser))
    staff.post(f"/inbox/{reference}/summary/{consent.id}", data={"summary": FIRST})
    approve_summary(reporter)
    assert FIRST in sign_in_fully(app.test_client(), hr).get("/shared/").get_data(as_text=True)

    # The administrator resets HR's password and second step, a second administrator going
    # along with it (one alone cannot: tests/trust/test_second_step_reset.py) ...
    administrator = sign_in_fully(app.test_client(), admin)
    shown = administrator.post(f"/admin/people/{hr.id}/password").get_data(as_text=True)
    administrator.post(f"/admin/people/{hr.id}/second-factor")
    accomplice = make_person(
        email="admin2@example.test", roles=[Role.ADMIN], totp_secret=pyotp.random_base32()
    )
    (waiting,) = step_resets.waiting()
    accomplice_client = sign_in_fully(app.test_client(), accomplice)
    accomplice_client.post(f"/admin/second-step-resets/{waiting.id}", data={"decision": "confirm"})
    temporary = re.search(r"<code>([^<]+)</code>", shown).group(1)
    # ... signs in as HR with the temporary password, enrols an authenticator, sets a password.
    impostor = english(app.test_client())
    sign_in(impostor, "hr@example.test", temporary)
    page = impostor.get("/second-factor").get_data(as_text=True)
    secret = re.search(r"[A-Z2-7]{32}", page).group(0)
    impostor.post("/second-factor", data={"code": pyotp.TOTP(secret).now()})
    # (after a password someone else set, the app counts once a second person checked it)
    (enrolment,) = step_enrolments.waiting()
    accomplice_client.post(
        f"/admin/second-step-enrolments/{enrolment.id}", data={"decision": "confirm"}
    )
    impostor.post("/second-factor", data={"code": pyotp.TOTP(secret).at(time.time() + 30)})
    impostor.post(
        "/password",
        data={"current": temporary, "new": NEW_PASSWORD, "confirm": NEW_PASSWORD},
    )
    new_private = keyring.unlock(KeyRing.get(KeyRing.person == hr), NEW_PASSWORD)

    # The adviser shares again: nothing reaches the new key.
    answer = staff.post(
        f"/inbox/{reference}/summary/{consent.id}",
        data={"summary": SECOND},
        follow_redirects=True,
    )
    for row in SharedSummary.select():
        try:
            crypto.unseal(new_private, bytes(row.sealed_key))
        except crypto.DecryptionFailed:
            continue
        raise AssertionError("a summary reached the new key without renewed consent")
    page = impostor.get("/shared/").get_data(as_text=True)
    assert SECOND not in page and "Sanne" not in page
    # The adviser was told why, and sees it on the report.
    assert "nothing was shared" in answer.get_data(as_text=True)
    workspace = staff.get(f"/inbox/{reference}").get_data(as_text=True)
    assert "key pair was replaced" in workspace
    assert KeyRing.get(KeyRing.person == hr).replaced_on is not None

    # The reporter sees why, and only their confirmation lets sharing go on.
    mine = reporter.get("/followup/report").get_data(as_text=True)
    assert "was given a new key pair" in mine
    reporter.post(f"/followup/report/consent/{consent.id}/confirm")
    staff.post(f"/inbox/{reference}/summary/{consent.id}", data={"summary": THIRD})
    approve_summary(reporter)
    page = impostor.get("/shared/").get_data(as_text=True)
    assert THIRD in page
    # The name consent was bound to the old key too: not revealed until confirmed as well.
    assert "Sanne" not in page

    # The access log holds the resets and the replacement; the real HR person is told.
    actions = [e.action for e in AccessLog.select().where(AccessLog.report_uid == "")]
    assert {"password_reset", "second_factor_reset", "key_replaced"} <= set(actions)
    real = english(app.test_client())
    told = sign_in(real, "hr@example.test", NEW_PASSWORD, follow=True).get_data(as_text=True)
    assert "an administrator gave you a temporary password" in told
    assert "you were given a new key pair" in told


def test_a_role_change_is_logged_and_shown(app):
    admin = make_person(
        email="admin@example.test", roles=[Role.ADMIN], totp_secret=pyotp.random_base32()
    )
    person = make_person(email="sanne@example.test", roles=[Role.EMPLOYEE, Role.TEAM_LEAD])
    administrator = sign_in_fully(app.test_client(), admin)
    administrator.post(
        f"/admin/people/{person.id}",
        data={
            "email": "sanne@example.test",
            "display_name": "Sanne de Vries",
            "roles": ["employee"],
        },
    )
    assert AccessLog.select().where(AccessLog.action == "roles_changed").count() == 1
    client = english(app.test_client())
    told = sign_in(client, "sanne@example.test", follow=True).get_data(as_text=True)
    assert "an administrator changed your roles" in told


def test_a_reset_is_mailed_to_the_person_without_content(app, mail_sink):
    admin = make_person(
        email="admin@example.test",
        name="Alex Admin",
        roles=[Role.ADMIN],
        totp_secret=pyotp.random_base32(),
    )
    hr = make_person(email="hr@example.test", roles=[Role.HR], totp_secret=pyotp.random_base32())
    administrator = sign_in_fully(app.test_client(), admin)
    administrator.post(f"/admin/people/{hr.id}/password")
    assert [m["To"] for m in mail_sink.messages] == ["hr@example.test"]
    body = mail_sink.messages[0].get_content()
    assert "/sign-in" in body and "Alex Admin" not in body and "password" not in body.lower()
