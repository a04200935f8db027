"""The today page: staff land on it after signing in, a section per role, each line a link to
the work and nothing of a report's or a case's content."""

from datetime import timedelta

import pytest

from portal.aftercare import requests as aftercare_requests
from portal.consent.models import Consent, SharedSummary
from portal.core.accounts import people
from portal.core.accounts.models import Person, Team
from portal.core.accounts.roles import Role
from portal.platform import backup_log, clock
from portal.reports.models import Report
from tests.aftercare.helpers import client_for, in_team_of, open_case, person
from tests.conftest import PASSWORD, make_adviser, make_person, sign_in, sign_in_fully
from tests.factories import file_report, in_english, make_team


def landing(app, who: Person) -> str:
    """Sign in (with the second step when the person has one) and return where they land."""
    client = app.test_client()
    response = sign_in(client, who.email)
    if who.totp_secret:
        assert response.headers["Location"].startswith("/second-factor")
        import pyotp

        response = client.post("/second-factor", data={"code": pyotp.TOTP(who.totp_secret).now()})
    return response.headers["Location"]


def test_staff_land_on_today_and_employees_on_the_home_page(app):
    assert landing(app, make_person("e@example.test", "E", [Role.EMPLOYEE])) == "/"
    assert landing(app, make_person("m@example.test", "M", [Role.MANAGEMENT])) == "/"
    lead = make_person("l@example.test", "L", [Role.EMPLOYEE, Role.TEAM_LEAD])
    assert landing(app, lead) == "/today"
    assert landing(app, make_adviser()) == "/today"
    hr = person("hr@example.test", "H", [Role.EMPLOYEE, Role.HR], True, True)
    assert landing(app, hr) == "/today"
    admin = person("a@example.test", "A", [Role.ADMIN], False, True)
    assert landing(app, admin) == "/today"


def test_a_page_asked_for_before_signing_in_still_wins(app):
    adviser = make_adviser()
    client = app.test_client()
    client.post("/sign-in?next=/inbox/", data={"email": adviser.email, "password": PASSWORD})
    import pyotp

    response = client.post(
        "/second-factor?next=/inbox/", data={"code": pyotp.TOTP(adviser.totp_secret).now()}
    )
    assert response.headers["Location"] == "/inbox/"


def test_the_home_page_stays_open_to_staff(app):
    lead = make_person("l@example.test", "L", [Role.EMPLOYEE, Role.TEAM_LEAD])
    client = sign_in_fully(app.test_client(), lead)
    assert client.get("/").status_code == 200
    assert 'href="/today"' in client.get("/").get_data(as_text=True)  # in the menu


@pytest.mark.parametrize("roles", [[Role.EMPLOYEE], [Role.MANAGEMENT]])
def test_others_are_refused(app, roles):
    client = sign_in_fully(app.test_client(), make_person("x@example.test", "X", roles))
    assert client.get("/today").status_code == 403
    assert 'href="/today"' not in client.get("/").get_data(as_text=True) or roles == [
        Role.MANAGEMENT
    ]


def test_signed_out_visitors_are_sent_to_sign_in(client):
    response = client.get("/today")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_the_adviser_sees_their_reports_grouped_by_what_they_need(app):
    adviser = make_adviser()
    other = make_adviser(email="other@example.test", name="Other")
    today = clock.today()
    integrity = file_report([adviser.id], category="violation", text="Secret words one").report
    bullying = file_report([adviser.id], text="Secret words two").report
    late = file_report([adviser.id], category="violation", today=today - timedelta(days=10))
    waiting = file_report([adviser.id]).report
    Report.update(status="in_progress", last_message_from="reporter").where(
        Report.id == waiting.id
    ).execute()
    not_mine = file_report([other.id]).report
    page = in_english(sign_in_fully(app.test_client(), adviser)).get("/today")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert 'id="today-adviser"' in html and 'id="today-lead"' not in html
    for report in (integrity, bullying, late.report, waiting):
        assert f'href="/inbox/{report.reference}"' in html
    assert not_mine.reference not in html
    assert "Secret words" not in html
    overdue = html.split('id="adviser-overdue"')[1].split("</ul>")[0]
    assert late.report.reference in overdue and "overdue" in overdue
    to_acknowledge = html.split('id="adviser-acknowledge"')[1].split("</ul>")[0]
    ack_day = (today + timedelta(days=7)).strftime("%-d %B %Y")
    assert integrity.reference in to_acknowledge and f"acknowledge by {ack_day}" in to_acknowledge
    assert bullying.reference in html.split('id="adviser-new"')[1].split("</ul>")[0]
    assert waiting.reference in html.split('id="adviser-waiting"')[1].split("</ul>")[0]


def test_the_adviser_is_asked_for_summaries_the_reporter_consented_to(app):
    adviser = make_adviser()
    hr = person("hr@example.test", "HR Person", [Role.EMPLOYEE, Role.HR], True, True)
    report = file_report([adviser.id]).report
    Consent.create(report=report, scope="share_hr", grantee=hr, granted_on=clock.today())
    html = in_english(sign_in_fully(app.test_client(), adviser)).get("/today").get_data(True)
    summaries = html.split('id="adviser-summaries"')[1].split("</ul>")[0]
    assert f'href="/inbox/{report.reference}#sharing"' in summaries
    assert "share a summary with an HR person" in summaries


@pytest.fixture
def case_people(app):
    return {
        "employee": person("sanne@example.test", "Sanne de Vries", [Role.EMPLOYEE]),
        "lead": person("ahmed@example.test", "Ahmed Yilmaz", [Role.EMPLOYEE, Role.TEAM_LEAD]),
        "hr": person("pieter@example.test", "Pieter Bakker", [Role.EMPLOYEE, Role.HR], True, True),
        "admin": person("admin@example.test", "The Admin", [Role.ADMIN], False, True),
    }


def test_the_lead_sees_check_ins_steps_and_teams_that_did_not_discuss(app, case_people):
    lead = client_for(app, case_people["lead"])
    make_team("Zorgteam Noord", case_people["lead"], [case_people["employee"]])  # their own team
    reference = open_case(lead, case_people["employee"].id)
    other_lead = person("o@example.test", "O", [Role.EMPLOYEE, Role.TEAM_LEAD])
    in_team_of(other_lead, case_people["employee"])  # a lead opens cases for their own team
    other = open_case(client_for(app, other_lead), case_people["employee"].id)
    lead.get("/")  # shows the flashed "shared with ..." from opening the case
    html = lead.get("/today").get_data(as_text=True)
    assert 'id="today-lead"' in html and 'id="today-adviser"' not in html
    checkins = html.split('id="lead-checkins"')[1].split("</ul>")[0]
    assert f'href="/aftercare/{reference}#checkins"' in checkins
    assert "First conversation (within 72 hours)" in checkins
    steps = html.split('id="lead-steps"')[1].split("</ul>")[0]
    assert f'href="/aftercare/{reference}#step-2"' in steps and "Talk it through" in steps
    prompts = html.split('id="lead-prompts"')[1].split("</ul>")[0]
    team = Team.get(Team.name == "Zorgteam Noord")
    assert f'href="/prompts/?team={team.id}"' in prompts
    assert other not in html and "Sanne" not in html


def test_hr_sees_help_asked_requests_to_confirm_cases_and_summaries(app, case_people):
    hr = case_people["hr"]
    in_team_of(case_people["lead"], case_people["employee"])
    lead = client_for(app, case_people["lead"])
    reference = open_case(lead, case_people["employee"].id)
    aftercare_requests.ask(case_people["employee"], hr.id, clock.today())
    newcomer = make_person("new@example.test", "Nieuwe Collega", [Role.EMPLOYEE])
    people.set_roles(newcomer, [Role.EMPLOYEE, Role.ADVISER], by=case_people["admin"])
    adviser = make_adviser()
    consent = Consent.create(
        report=file_report([adviser.id]).report,
        scope="share_hr",
        grantee=hr,
        granted_on=clock.today(),
    )
    SharedSummary.create(
        consent=consent, author=adviser, written_on=clock.today(), sealed_key=b"k", body=b"b"
    )
    hr_client = client_for(app, hr)
    hr_client.get("/")  # shows any flashed message
    html = hr_client.get("/today").get_data(as_text=True)
    assert 'id="today-hr"' in html
    assert 'href="/aftercare/"' in html.split('id="hr-help"')[1].split("</ul>")[0]
    requests = html.split('id="hr-requests"')[1].split("</ul>")[0]
    assert "Nieuwe Collega" in requests and "Confidential adviser" in requests
    assert "The Admin" in requests and 'href="/admin/role-requests"' in requests
    cases = html.split('id="hr-cases"')[1].split("</ul>")[0]
    assert reference in cases and 'href="/aftercare/overview"' in cases
    shared = html.split('id="hr-shared"')[1].split("</ul>")[0]
    assert 'href="/shared/"' in shared
    assert "Sanne" not in html  # the employee who asked and the case's employee stay unnamed


def test_the_administrator_sees_requests_checks_and_the_last_backup(app, case_people):
    admin = client_for(app, case_people["admin"])
    newcomer = make_person("new@example.test", "Nieuwe Collega", [Role.EMPLOYEE])
    people.set_roles(newcomer, [Role.EMPLOYEE, Role.HR], by=case_people["admin"])
    html = admin.get("/today").get_data(as_text=True)
    requests = html.split('id="admin-requests"')[1].split("</ul>")[0]
    assert "Nieuwe Collega" in requests and "another person confirms this one" in requests
    assert "No backup is recorded on this server." in html
    assert "portal check" in html and "https" in html  # tests run on http
    backup_log.record(app.instance_path, clock.now() - timedelta(days=3), 10)
    html = admin.get("/today").get_data(as_text=True)
    assert "3 days ago" in html and "older than two days" in html


def test_several_roles_see_a_section_each_in_dutch(app):
    both = make_adviser()
    people.set_roles(both, [Role.ADVISER, Role.TEAM_LEAD, Role.HR])
    html = sign_in_fully(app.test_client(), both).get("/today").get_data(as_text=True)
    assert '<html lang="nl">' in html and "<h1>Vandaag</h1>" in html
    assert html.index('id="today-adviser"') < html.index('id="today-lead"')
    assert html.index('id="today-lead"') < html.index('id="today-hr"')
    assert 'id="today-admin"' not in html
