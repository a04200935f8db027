"""Consent as the reporter, the adviser and the grantee meet it, through the pages (in English).

Granted and withdrawn by the reporter; a summary shared by the adviser and read by the grantee
only while the consent stands; after the grantee's key pair was replaced, nothing is shared
until the reporter confirms again.
"""

import time

import pyotp
import pytest

from portal.consent.models import Consent, SharedSummary, SummaryVersion
from portal.core.accounts import keyring
from portal.core.accounts.roles import Role
from tests.conftest import PASSWORD, make_adviser, make_person, sign_in, sign_in_fully
from tests.factories import approve_summary, file_report, in_english

SUMMARY = "CONSENT-TEST summary: remarks in the team meetings, the reporter wants advice."
TOTP = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def person_with_keys(email: str, name: str, roles) -> object:
    person = make_person(email=email, name=name, roles=roles, totp_secret=TOTP)
    keyring.create(person, PASSWORD)
    return person


@pytest.fixture
def cast(app):
    """A confidential report, its reporter (by receipt code), its adviser and two HR people."""
    adviser = make_adviser()
    hr = person_with_keys("hr@example.test", "Henk de Groot", [Role.EMPLOYEE, Role.HR])
    other = person_with_keys("hr2@example.test", "Ilse Bakker", [Role.EMPLOYEE, Role.HR])
    filed = file_report([adviser.id], mode="confidential")
    reporter = in_english(app.test_client())
    assert reporter.post("/followup/", data={"code": filed.receipt_code}).status_code == 302
    return {
        "app": app,
        "hr": hr,
        "other": other,
        "reference": filed.report.reference,
        "reporter": reporter,
        "staff": in_english(sign_in_fully(app.test_client(), adviser)),
    }


def reader(cast, person):
    """The person's signed-in client, signed in once per test (a code counts only once)."""
    readers = cast.setdefault("readers", {})
    if person.id not in readers:
        readers[person.id] = in_english(sign_in_fully(cast["app"].test_client(), person))
    return readers[person.id]


def sign_in_again(cast, person):
    """Sign the person in afresh (a new session, so the key pair held now), with the next code."""
    client = in_english(cast["app"].test_client())
    sign_in(client, person.email)
    client.post("/second-factor", data={"code": pyotp.TOTP(TOTP).at(time.time() + 30)})
    cast.setdefault("readers", {})[person.id] = client


def grant(cast, scope: str = "share_hr") -> str:
    page = cast["reporter"].post(
        "/followup/report/consent",
        data={"scope": scope, "grantee": str(cast["hr"].id)},
        follow_redirects=True,
    )
    return page.get_data(as_text=True)


def share(cast, consent_id: int, text: str = SUMMARY) -> str:
    """The adviser writes the summary and the reporter approves its text (when it may go);
    return what the adviser's page said, then what the reporter's page said."""
    page = cast["staff"].post(
        f"/inbox/{cast['reference']}/summary/{consent_id}",
        data={"summary": text},
        follow_redirects=True,
    ).get_data(as_text=True)
    if SummaryVersion.select().where(SummaryVersion.state == "waiting").exists():
        page += approve_summary(cast["reporter"]).get_data(as_text=True)
    return page


def shared_page(cast, person) -> str:
    response = reader(cast, person).get("/shared/")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_the_reporter_grants_consent_and_sees_it_on_the_report(cast):
    page = grant(cast)
    assert "Your consent is recorded. You can withdraw it at any time." in page
    assert ": <strong>Henk de Groot (HR)</strong>" in page and "since " in page
    assert "Share a summary with an HR person" in page  # "HR" keeps its capitals
    assert "Withdraw consent" in page
    workspace = cast["staff"].get(f"/inbox/{cast['reference']}").get_data(as_text=True)
    assert "Summary for Henk de Groot" in workspace


def test_consent_goes_only_to_someone_in_the_scope_role(cast, app):
    lead = person_with_keys("lead@example.test", "Lotte Visser", [Role.EMPLOYEE, Role.TEAM_LEAD])
    page = cast["reporter"].post(
        "/followup/report/consent",
        data={"scope": "share_hr", "grantee": str(lead.id)},
        follow_redirects=True,
    )
    assert "Choose what to share, then one of the people listed for it." in page.get_data(
        as_text=True
    )
    assert Consent.select().count() == 0


def test_nothing_is_shared_before_consent(cast):
    assert "Nothing is shared with you." in shared_page(cast, cast["hr"])
    page = share(cast, consent_id=999)
    assert "This consent no longer stands; nothing was shared." in page
    assert SharedSummary.select().count() == 0


def test_the_grantee_reads_the_summary_only_while_consent_stands(cast):
    grant(cast)
    consent = Consent.get()
    assert "You approved the summary. It is now shared." in share(cast, consent.id)
    assert SUMMARY in shared_page(cast, cast["hr"])
    other = shared_page(cast, cast["other"])
    assert SUMMARY not in other and "Nothing is shared with you." in other

    page = (
        cast["reporter"]
        .post(f"/followup/report/consent/{consent.id}/revoke", follow_redirects=True)
        .get_data(as_text=True)
    )
    assert "Your consent is withdrawn. What was shared under it is no longer visible." in page
    assert "withdrawn on" in page
    gone = shared_page(cast, cast["hr"])
    assert SUMMARY not in gone and "Nothing is shared with you." in gone
    assert SharedSummary.select().count() == 0
    # Writing again under the withdrawn consent shares nothing.
    assert "This consent no longer stands; nothing was shared." in share(cast, consent.id)
    assert SharedSummary.select().count() == 0


def test_after_a_key_change_the_reporter_confirms_before_anything_is_shared(cast):
    grant(cast)
    consent = Consent.get()
    share(cast, consent.id)
    with cast["app"].app_context():
        keyring.replace(cast["hr"], PASSWORD)  # as after an administrator's password reset
    sign_in_again(cast, cast["hr"])

    page = shared_page(cast, cast["hr"])
    assert SUMMARY not in page and "This summary can no longer be read" in page
    told = cast["reporter"].get("/followup/report").get_data(as_text=True)
    assert "Henk de Groot was given a new key pair" in told
    refused = share(cast, consent.id, "SECOND summary, not to be shared")
    assert "nothing was shared. The reporter must confirm the consent first." in refused
    assert "SECOND summary" not in shared_page(cast, cast["hr"])

    page = (
        cast["reporter"]
        .post(f"/followup/report/consent/{consent.id}/confirm", follow_redirects=True)
        .get_data(as_text=True)
    )
    assert "Your consent is confirmed for their new key." in page
    assert "was given a new key pair" not in page
    assert "You approved the summary. It is now shared." in share(
        cast, consent.id, "THIRD summary after confirming"
    )
    assert "THIRD summary after confirming" in shared_page(cast, cast["hr"])


def test_the_shared_page_is_for_hr_and_team_leads_only(cast, app):
    employee = make_person(email="e@example.test", totp_secret=TOTP)
    admin = make_person(email="a@example.test", roles=[Role.ADMIN], totp_secret=TOTP)
    assert reader(cast, employee).get("/shared/").status_code == 403
    assert reader(cast, admin).get("/shared/").status_code == 403
    anonymous = app.test_client().get("/shared/")
    assert anonymous.status_code == 302 and "/sign-in" in anonymous.headers["Location"]
