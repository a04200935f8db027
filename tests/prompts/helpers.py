"""Small factories for the prompt tests: a team with its lead, HR, a fixed today."""

from datetime import date

from portal.accounts import people
from portal.accounts.roles import Role
from portal.prompts import schedule
from tests.conftest import make_person, signed_in_client

TODAY = date(2026, 11, 18)


def travel_to(monkeypatch, day: date = TODAY) -> None:
    """Make the portal believe today is this day."""
    monkeypatch.setattr(schedule, "today", lambda: day)


def make_team(name: str = "Zorgteam Noord", lead=None, members=()):
    return people.save_team(None, name, lead, list(members))


def lead_client(client, email: str = "lead@example.test", team_name: str = "Zorgteam Noord"):
    """Sign in a team lead who leads a new team; return the team."""
    signed_in_client(client, [Role.EMPLOYEE, Role.TEAM_LEAD], email=email)
    lead = people.Person.get(people.Person.email == email)
    return make_team(team_name, lead)


def hr_client(client, email: str = "hr@example.test"):
    """Sign in an HR person (second factor passed)."""
    return signed_in_client(client, [Role.EMPLOYEE, Role.HR], email=email)


def other_lead(email: str = "other-lead@example.test", team_name: str = "Facilitair"):
    """Create a team led by someone else (not signed in); return the team."""
    lead = make_person(email=email, name="Other Lead", roles=[Role.TEAM_LEAD])
    return make_team(team_name, lead)


class QueryCounter:
    """Count the SQL statements the database runs while active."""

    def __init__(self, monkeypatch):
        from portal.database import db

        self.count = 0
        real = db.obj.execute_sql

        def counting(sql, params=None, *args, **kwargs):
            self.count += 1
            return real(sql, params, *args, **kwargs)

        monkeypatch.setattr(db.obj, "execute_sql", counting)
