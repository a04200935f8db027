"""Issue 21, item 3: roles that read about people, team leads and team members need a second person.

Management reads the yearly report; a team lead opens aftercare cases and receives requests for
aftercare. Given by an administrator, these take effect only once HR or a second administrator
confirms; and a lead opens a case only for a member of their own team (HR for anyone).
"""

from datetime import date

import pytest

from portal.aftercare import cases, requests
from portal.core.accounts import people, teams
from portal.core.accounts.models import Person, Team, TeamMember
from portal.core.accounts.roles import Role
from tests.aftercare.helpers import person
from tests.trust.test_second_person import give_roles, staff


@pytest.mark.parametrize("role", ["management", "team_lead"])
def test_an_administrator_alone_cannot_give_management_or_team_lead(app, role):
    _admin, client = staff(app, "admin@example.test", [Role.ADMIN])
    newcomer = person("new@example.test", "New Account", [Role.EMPLOYEE])
    give_roles(client, newcomer, ["employee", role])
    assert not Person.get_by_id(newcomer.id).has_role(Role(role))
    assert people.pending_roles(newcomer) == {Role(role)}
    created = client.post(
        "/admin/people/new",
        data={"display_name": "Fresh", "email": "fresh@example.test", "roles": [role]},
    )
    assert created.status_code == 200
    fresh = Person.get(Person.email == "fresh@example.test")
    assert not fresh.has_role(Role(role)) and people.pending_roles(fresh) == {Role(role)}


def test_an_administrator_cannot_make_themselves_lead_of_a_team_alone(app):
    admin, client = staff(app, "admin@example.test", [Role.ADMIN, Role.EMPLOYEE])
    _hr, hr_client = staff(app, "hr@example.test", [Role.HR, Role.EMPLOYEE])
    employee = person("sanne@example.test", "Sanne de Vries", [Role.EMPLOYEE])
    team = teams.save_team(None, "Zorgteam", None, [employee])
    people.set_roles(admin, [Role.ADMIN, Role.EMPLOYEE, Role.TEAM_LEAD])  # say it was confirmed
    client.post(
        f"/admin/teams/{team.id}",
        data={"name": "Zorgteam", "lead": str(admin.id), "members": "sanne@example.test"},
    )
    assert Team.get_by_id(team.id).lead_id is None
    waiting = teams.waiting()
    assert [(w.person_id, w.kind) for w in waiting] == [(admin.id, "lead")]

    # Nor by moving the employee into a team they lead already.
    own = teams.save_team(None, "Eigen team", admin, [])
    client.post(
        f"/admin/teams/{own.id}",
        data={"name": "Eigen team", "lead": str(admin.id), "members": "sanne@example.test"},
    )
    assert not TeamMember.select().where(TeamMember.team == own.id).exists()
    assert {(w.person_id, w.kind) for w in teams.waiting()} == {
        (admin.id, "lead"),
        (employee.id, "member"),
    }
    page = hr_client.get("/admin/role-requests").get_data(as_text=True)
    assert "Eigen team" in page and "Zorgteam" in page

    # The administrator who asked cannot confirm; HR can.
    move = next(w for w in teams.waiting() if w.kind == "member")
    refused = client.post(
        f"/admin/team-changes/{move.id}", data={"decision": "confirm"}, follow_redirects=True
    )
    assert "A second person must confirm this" in refused.get_data(as_text=True)
    hr_client.post(f"/admin/team-changes/{move.id}", data={"decision": "confirm"})
    assert (
        TeamMember.select()
        .where((TeamMember.team == own.id) & (TeamMember.person == employee.id))
        .exists()
    )


def test_a_lead_opens_a_case_only_for_their_own_team_and_hr_for_anyone(app):
    lead = person("ahmed@example.test", "Ahmed", [Role.EMPLOYEE, Role.TEAM_LEAD])
    hr = person("pieter@example.test", "Pieter", [Role.EMPLOYEE, Role.HR])
    member = person("sanne@example.test", "Sanne", [Role.EMPLOYEE])
    stranger = person("other@example.test", "Other", [Role.EMPLOYEE])
    teams.save_team(None, "Zorgteam", lead, [member])
    today = date(2026, 3, 2)
    with app.test_request_context():
        check_who_opens(app, lead, hr, member, stranger, today)


def check_who_opens(app, lead, hr, member, stranger, today):
    with pytest.raises(cases.EmployeeUnavailable):
        cases.open_case(lead, stranger.id, today, app.config)
    assert [p.id for p in cases.employee_candidates(lead)] == [member.id]
    assert cases.open_case(lead, member.id, today, app.config)
    assert cases.open_case(hr, stranger.id, today, app.config)
    # An employee asks their own team's lead or HR, not any lead.
    assert {p.id for p in requests.addressees(stranger)} == {hr.id}
    assert {p.id for p in requests.addressees(member)} == {hr.id, lead.id}
