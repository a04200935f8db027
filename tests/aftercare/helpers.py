"""Factories for the aftercare tests: people with key pairs, signed-in clients, a case."""

import io

import pyotp
from PIL import Image

from portal.core.accounts import keyring, teams
from portal.core.accounts.models import Team, TeamMember
from portal.core.accounts.roles import Role
from portal.platform import crypto
from tests.conftest import PASSWORD, make_person, sign_in_fully


def person(email, name, roles, with_key=True, second_factor=False):
    """Create a person (with a key pair unless told not to)."""
    created = make_person(
        email=email,
        name=name,
        roles=roles,
        totp_secret=pyotp.random_base32() if second_factor else None,
    )
    if with_key:
        keyring.create(created, PASSWORD)
    return created


def client_for(app, who, lang="en"):
    """A client signed in as this person, in this language."""
    client = app.test_client()
    sign_in_fully(client, who)
    client.post("/language", data={"locale": lang})
    return client


def in_team_of(lead, *members):
    """Put these people in a team the lead leads (a lead opens cases only for their team)."""
    team = Team.get_or_none(Team.lead == lead) or teams.save_team(None, f"Team {lead.id}", lead, [])
    for member in members:
        TeamMember.insert(team=team, person=member).on_conflict_ignore().execute()
    return team


def team(app):
    """The people of a case: employee, lead (of the employee's team), HR, and outsiders."""
    people = {
        "employee": person("sanne@example.test", "Sanne de Vries", [Role.EMPLOYEE]),
        "lead": person("ahmed@example.test", "Ahmed Yilmaz", [Role.EMPLOYEE, Role.TEAM_LEAD]),
        "hr": person("pieter@example.test", "Pieter Bakker", [Role.EMPLOYEE, Role.HR], True, True),
        "other_lead": person("lead2@example.test", "Other Lead", [Role.EMPLOYEE, Role.TEAM_LEAD]),
        "other_hr": person("hr2@example.test", "Other HR", [Role.EMPLOYEE, Role.HR], True, True),
        "adviser": person("adv@example.test", "An Adviser", [Role.ADVISER], True, True),
        "admin": person("admin@example.test", "The Admin", [Role.ADMIN], False, True),
    }
    in_team_of(people["lead"], people["employee"])
    return people


def open_case(client, employee_id, checked: bool = True) -> str:
    """Open a case through the form; return its reference. Unless told not to, the opener then
    checks the employee's key with the code the employee reads to them, so the case is shared."""
    response = client.post("/aftercare/new", data={"employee": employee_id})
    assert response.status_code == 302, response.get_data(as_text=True)
    reference = response.headers["Location"].rstrip("/").rsplit("/", 1)[-1]
    if checked and keyring.check_code_of(employee_id):
        check_key(client, reference, employee_id)
    return reference


def check_key(client, reference: str, person_id: int, code: str | None = None):
    """Type the person's check code (by default the right one) on the case page's form."""
    return client.post(
        f"/aftercare/{reference}/members/{person_id}/new-key",
        data={"code": code if code is not None else keyring.check_code_of(person_id)},
    )


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (20, 10), (200, 30, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def opens_with(private_key: bytes, rows) -> bool:
    """Tell whether any of these sealed key rows opens with the private key."""
    for row in rows:
        try:
            crypto.unseal(private_key, bytes(row.sealed_key))
        except crypto.DecryptionFailed:
            continue
        return True
    return False
