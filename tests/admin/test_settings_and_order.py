"""The administrator's settings page, one order of roles, and a lead's team (#22)."""

import re
from pathlib import Path

import pytest

from portal.core.accounts.models import PersonRole
from portal.core.accounts.roles import Role, in_order, with_roles
from tests.conftest import make_person, signed_in_client
from tests.factories import make_team

README = Path(__file__).resolve().parents[2] / "README.md"


def admin(client):
    return signed_in_client(client, [Role.ADMIN], email="admin@example.test")


def readme_variables() -> list[str]:
    """Every variable named in the first column of the README's configuration table."""
    section = README.read_text().split("## Configuration", 1)[1].split("\n## ", 1)[0]
    names = []
    for line in section.splitlines():
        if line.startswith("| `"):
            names += re.findall(r"`([A-Z][A-Z0-9_]+)`", line.split("|")[1])
    return names


@pytest.fixture
def secret_app(app):
    app.config.update(
        OIDC_CLIENT_SECRET="provider-client-secret-value",
        OIDC_LABEL="Intranet-label-value",
        DATABASE_URL="postgresql://portal:db-password-value@db.example.test:5432/vertrouwd",
    )
    return app


def test_the_settings_page_lists_every_readme_variable_and_no_secret(secret_app, client):
    admin(client)
    client.post("/language", data={"locale": "en"})
    response = client.get("/admin/settings")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    names = readme_variables()
    assert len(names) > 40
    for name in names:
        assert f"<code>{name}</code>" in html, name
    assert secret_app.config["SECRET_KEY"] not in html
    assert "provider-client-secret-value" not in html
    assert "db-password-value" not in html and "portal:***@db.example.test" in html
    assert "Intranet-label-value" in html  # a plain setting shows its value
    secret_row = html.split("<code>SECRET_KEY</code>", 1)[1].split("</tr>", 1)[0]
    assert "<em>set</em>" in secret_row
    assert 'href="/today#admin-backup"' in html
    assert 'href="/admin/settings"' in client.get("/today").get_data(as_text=True)


@pytest.mark.parametrize(
    "roles", [[Role.EMPLOYEE], [Role.TEAM_LEAD], [Role.ADVISER], [Role.HR], [Role.MANAGEMENT]]
)
def test_the_settings_page_is_for_administrators_only(secret_app, client, roles):
    signed_in_client(client, roles)
    response = client.get("/admin/settings")
    assert response.status_code == 403
    assert b"provider-client-secret-value" not in response.data


def test_signed_out_visitors_are_sent_to_sign_in(app, client):
    response = client.get("/admin/settings")
    assert response.status_code == 302 and "/sign-in" in response.headers["Location"]


def test_roles_are_listed_in_one_order_on_every_row(client):
    admin(client)
    client.post("/language", data={"locale": "en"})
    # Granted in different orders, so the rows of the table come back in different orders.
    for number, roles in enumerate(
        [
            [Role.HR, Role.EMPLOYEE, Role.TEAM_LEAD],
            [Role.TEAM_LEAD, Role.HR, Role.EMPLOYEE],
            [Role.EMPLOYEE, Role.TEAM_LEAD, Role.HR],
        ]
    ):
        person = make_person(email=f"p{number}@example.test", name=f"Person {number}", roles=[])
        for role in roles:
            PersonRole.create(person=person, role=role.value)
    html = client.get("/admin/people").get_data(as_text=True)
    cells = re.findall(r"<td>((?:Employee|Team lead|HR)[^<]*)</td>", html)
    assert cells == ["Employee, Team lead, HR"] * 3
    assert in_order([Role.ADMIN, "employee", Role.HR]) == [Role.EMPLOYEE, Role.HR, Role.ADMIN]
    assert with_roles("Pieter", {Role.HR, Role.ADVISER}) == "Pieter (Confidential adviser, HR)"


def test_a_lead_sees_the_team_they_lead_on_their_person_page(client):
    admin(client)
    client.post("/language", data={"locale": "en"})
    lead = make_person(email="lead@example.test", name="Ahmed Yilmaz", roles=[Role.TEAM_LEAD])
    team = make_team("Zorgteam Noord", lead)
    html = client.get(f"/admin/people/{lead.id}").get_data(as_text=True)
    panel = html.split('id="teams-heading"', 1)[1].split("</section>", 1)[0]
    assert "Zorgteam Noord" in panel and "(lead)" in panel
    assert f'href="/admin/teams/{team.id}"' in panel
    assert "Not in any team." not in panel
