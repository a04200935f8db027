"""Consent that says exactly what goes to whom (issue 28, item 5), one request test per rule.

Each person is listed once per choice with the role in which they receive it; the list follows
the chosen "what"; a confirmation page shows what goes to whom before anything takes effect
(no JavaScript needed, Post/Redirect/Get); withdrawing stays one step.
"""

import re

import pytest

from portal.consent.models import Consent
from portal.core.accounts import keyring
from portal.core.accounts.roles import Role
from tests.conftest import PASSWORD, make_adviser, make_person, sign_in_fully
from tests.factories import file_report, file_through_steps, in_english


def with_keys(email: str, name: str, roles):
    person = make_person(email=email, name=name, roles=roles)
    keyring.create(person, PASSWORD)
    return person


@pytest.fixture
def people(app):
    return {
        "hr": with_keys("hr@example.test", "Henk de Groot", [Role.EMPLOYEE, Role.HR]),
        "lead": with_keys("lead@example.test", "Lotte Visser", [Role.EMPLOYEE, Role.TEAM_LEAD]),
        "both": with_keys(
            "both@example.test", "Mira Jansen", [Role.EMPLOYEE, Role.HR, Role.TEAM_LEAD]
        ),
        "adviser": make_adviser(),
    }


def reporter_of(app, people, mode="confidential"):
    filed = file_report([people["adviser"].id], mode=mode)
    client = in_english(app.test_client())
    assert client.post("/followup/", data={"code": filed.receipt_code}).status_code == 302
    return client


def options(page: str, select_id: str) -> list[str]:
    select = re.search(rf'<select id="{select_id}".*?</select>', page, re.S)
    return re.findall(r"<option [^>]*>([^<]*)</option>", select.group(0)) if select else []


def test_each_person_is_listed_once_with_their_role_for_the_chosen_what(app, people):
    reporter = reporter_of(app, people)
    page = reporter.get("/followup/report").get_data(as_text=True)
    assert options(page, "consent-grantee") == ["Henk de Groot (HR)", "Mira Jansen (HR)"]
    page = reporter.get("/followup/report?scope=share_lead").get_data(as_text=True)
    assert options(page, "consent-grantee") == [
        "Lotte Visser (Team lead)",
        "Mira Jansen (Team lead)",
    ]
    page = reporter.get("/followup/report?scope=reveal_name").get_data(as_text=True)
    assert options(page, "consent-grantee") == [
        "Henk de Groot (HR)",
        "Lotte Visser (Team lead)",
        "Mira Jansen (Team lead, HR)",
    ]


def test_the_list_follows_the_what_with_and_without_javascript(app, people):
    reporter = reporter_of(app, people)
    page = reporter.get("/followup/report?scope=share_lead").get_data(as_text=True)
    # The chosen "what" stays chosen; htmx swaps the list on a change, and without
    # JavaScript a button asks for the list of the chosen "what" (a GET: nothing changes).
    assert '<option value="share_lead" selected>' in page
    assert 'data-hx-select="#consent-people"' in page
    assert 'formaction="/followup/report#choices"' in page


def test_an_anonymous_reporter_is_not_offered_to_reveal_a_name(app, people):
    reporter = reporter_of(app, people, mode="anonymous")
    page = reporter.get("/followup/report").get_data(as_text=True)
    assert options(page, "consent-scope") == [
        "Share a summary with an HR person",
        "Share a summary with a team lead",
    ]
    response = reporter.get(
        f"/followup/report/consent/check?scope=reveal_name&grantee={people['hr'].id}"
    )
    assert response.status_code == 302
    assert Consent.select().count() == 0


def test_the_check_page_says_what_goes_to_whom_and_changes_nothing(app, people):
    reporter = reporter_of(app, people)
    response = reporter.get(
        f"/followup/report/consent/check?scope=share_hr&grantee={people['both'].id}"
    )
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Check what you share" in page and "Mira Jansen (HR)" in page
    assert "A short summary of your report" in page
    assert "The summary does not carry your name." in page
    assert "Your report as you wrote it, your messages" in page
    assert 'action="/followup/report/consent"' in page
    assert f'name="grantee" value="{people["both"].id}"' in page
    assert Consent.select().count() == 0  # nothing takes effect by looking


def test_revealing_the_name_shows_the_name_that_goes(app, people):
    reporter = reporter_of(app, people)
    check = f"/followup/report/consent/check?scope=reveal_name&grantee={people['hr'].id}"
    assert "Your name: Sanne." in reporter.get(check).get_data(as_text=True)
    reporter.post(
        "/followup/report/consent", data={"scope": "reveal_name", "grantee": people["hr"].id}
    )
    page = reporter.get(
        f"/followup/report/consent/check?scope=share_hr&grantee={people['hr'].id}"
    ).get_data(as_text=True)
    assert "the summary carries your name: Sanne." in page


def test_giving_consent_posts_then_redirects_to_the_report(app, people):
    reporter = reporter_of(app, people)
    response = reporter.post(
        "/followup/report/consent", data={"scope": "share_lead", "grantee": people["lead"].id}
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/followup/report#choices")
    consent = Consent.get()
    assert (consent.scope, consent.grantee_id) == ("share_lead", people["lead"].id)
    page = reporter.get("/followup/report").get_data(as_text=True)
    assert "<strong>Lotte Visser (Team lead)</strong>" in page


def test_someone_outside_the_what_sends_the_reporter_back_to_the_list(app, people):
    reporter = reporter_of(app, people)
    response = reporter.get(
        f"/followup/report/consent/check?scope=share_hr&grantee={people['lead'].id}"
    )
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/followup/report?scope=share_hr#choices")
    page = reporter.get("/followup/report?scope=share_hr").get_data(as_text=True)
    assert "Choose what to share, then one of the people listed for it." in page
    assert (
        reporter.post(
            "/followup/report/consent", data={"scope": "share_hr", "grantee": people["lead"].id}
        ).status_code
        == 302
    )
    assert Consent.select().count() == 0


def test_the_same_consent_twice_is_not_given_twice(app, people):
    reporter = reporter_of(app, people)
    data = {"scope": "share_hr", "grantee": people["hr"].id}
    reporter.post("/followup/report/consent", data=data)
    page = reporter.get(
        f"/followup/report/consent/check?scope=share_hr&grantee={people['hr'].id}"
    ).get_data(as_text=True)
    assert "You already gave this consent to this person." in page
    reporter.post("/followup/report/consent", data=data)
    assert Consent.select().count() == 1


def test_withdrawing_stays_one_step(app, people):
    reporter = reporter_of(app, people)
    reporter.post(
        "/followup/report/consent", data={"scope": "share_hr", "grantee": people["hr"].id}
    )
    consent = Consent.get()
    response = reporter.post(f"/followup/report/consent/{consent.id}/revoke")
    assert response.status_code == 302
    assert Consent.get_by_id(consent.id).revoked_on is not None


def test_my_reports_door_has_the_same_check_page(app, people):
    client = in_english(sign_in_fully(app.test_client(), make_person(email="me@example.test")))
    mode = {"mode": "confidential", "contact_name": "Sanne", "contact_email": "me@example.test"}
    reference, _code = file_through_steps(client, [people["adviser"].id], {"mode": mode})
    response = client.get(
        f"/my-reports/{reference}/consent/check?scope=share_hr&grantee={people['hr'].id}"
    )
    assert response.status_code == 200
    assert f'action="/my-reports/{reference}/consent"' in response.get_data(as_text=True)
