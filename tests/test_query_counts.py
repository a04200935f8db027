"""Query-count guards: a list or form page costs a fixed, small number of queries.

Each page is requested with a few rows behind it and again with many; the number of queries
must not grow with the rows (no query per row) and must stay at or under PAGE_QUERY_LIMIT.
A session's own work (loading the session and the person's roles) is part of every count.
"""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from portal.core.accounts import people, teams
from portal.core.accounts.roles import Role
from portal.platform.database import db
from tests.conftest import make_adviser, make_person, sign_in_fully, signed_in_client
from tests.factories import file_report

PAGE_QUERY_LIMIT = 6
FEW, MANY = 2, 12


@contextmanager
def counted_queries():
    """Collect the SQL statements executed inside the block."""
    executed: list[str] = []
    original = db.obj.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        executed.append(sql)
        return original(sql, params, *args, **kwargs)

    db.obj.execute_sql = counting
    try:
        yield executed
    finally:
        db.obj.execute_sql = original


def queries_for(client, path: str) -> int:
    with counted_queries() as executed:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    return len(executed)


# Growers add `n` more rows of what the page lists; `context` carries what setup made.
def more_advisers(n: int, context: dict) -> None:
    start = context.setdefault("advisers", 0)
    for i in range(start, start + n):
        make_adviser(email=f"adviser{i}@example.test", name=f"Adviser {i}")
    context["advisers"] = start + n


def more_reports(n: int, context: dict) -> None:
    for _ in range(n):
        file_report([context["adviser"].id])


def more_people(n: int, context: dict) -> None:
    start = context.setdefault("people", 0)
    for i in range(start, start + n):
        make_person(email=f"person{i}@example.test", name=f"Person {i}")
    context["people"] = start + n


def more_teams(n: int, context: dict) -> None:
    start = context.setdefault("teams", 0)
    for i in range(start, start + n):
        lead = make_person(email=f"lead{i}@example.test", name=f"Lead {i}", roles=[Role.TEAM_LEAD])
        teams.save_team(None, f"Team {i}", lead, [])
    context["teams"] = start + n


def employee(app, context: dict):
    return signed_in_client(app.test_client(), [Role.EMPLOYEE], email="employee@example.test")


def hr(app, context: dict):
    return signed_in_client(app.test_client(), [Role.EMPLOYEE, Role.HR], email="hr@example.test")


def administrator(app, context: dict):
    return signed_in_client(app.test_client(), [Role.ADMIN], email="admin@example.test")


def adviser(app, context: dict):
    context["adviser"] = make_adviser(email="me@example.test", name="Me Adviser")
    return sign_in_fully(app.test_client(), context["adviser"])


# The today page gathers every role's work: a few queries per role, never one per line (warm:
# the adviser's 3 with the colleagues' reports they stand in for, the lead's 3, HR's 8 with the
# aftercare overview's 4, the administrator's 4 with the migrations' 2; a person holding all four
# roles 17, 19 when published content (the month's prompt) is built again).
TODAY_QUERY_LIMIT = 19


def more_adviser_work(n: int, context: dict) -> None:
    """Reports of every kind the adviser's today page sorts: new, integrity, overdue, waiting,
    and consents waiting for a summary."""
    from datetime import timedelta

    from portal.consent.models import Consent
    from portal.platform import clock
    from portal.reports.models import Report

    grantee = context.get("grantee") or make_person(
        email="grantee@example.test", name="HR", roles=[Role.HR]
    )
    context["grantee"] = grantee
    for i in range(n):
        kind = ("bullying", "violation")[i % 2]
        filed = file_report(
            [context["adviser"].id], category=kind, today=clock.today() - timedelta(days=i % 12)
        ).report
        if i % 3 == 0:
            Report.update(last_message_from="reporter").where(Report.id == filed.id).execute()
        Consent.create(report=filed, scope="share_hr", grantee=grantee, granted_on=clock.today())


def more_cases(n: int, context: dict) -> None:
    """Aftercare cases the signed-in lead (or, for HR, a lead) opened, each with its steps and
    check-ins; a team led by the lead; a request for aftercare to the HR person."""
    from portal.aftercare import requests as aftercare_requests
    from portal.platform import clock
    from tests.aftercare.helpers import open_case, person

    start = context.setdefault("cases", 0)
    opener = context["case_opener"]
    for i in range(start, start + n):
        employee = person(f"employee{i}@example.test", f"Employee {i}", [Role.EMPLOYEE])
        # In a team the lead leads: a lead opens cases only for their own team.
        teams.save_team(None, f"Case team {i}", context["lead"], [employee])
        open_case(opener, employee.id)
        if "hr" in context:
            aftercare_requests.ask(employee, context["hr"].id, clock.today())
    context["cases"] = start + n


def more_requests(n: int, context: dict) -> None:
    """Roles and second-step resets waiting for a second person, asked by an administrator."""
    import pyotp

    from portal.core.accounts import step_resets

    asker = context.get("asker") or make_person(
        email="asker@example.test", name="Asker", roles=[Role.ADMIN]
    )
    context["asker"] = asker
    start = context.setdefault("requests", 0)
    for i in range(start, start + n):
        newcomer = make_person(
            email=f"new{i}@example.test", name=f"New {i}", totp_secret=pyotp.random_base32()
        )
        people.set_roles(newcomer, [Role.EMPLOYEE, Role.ADVISER], by=asker)
        step_resets.ask(newcomer, asker)
    context["requests"] = start + n


def more_of_everything(n: int, context: dict) -> None:
    more_adviser_work(n, context)
    more_cases(n, context)
    more_requests(n, context)


def today_lead(app, context: dict):
    from tests.aftercare.helpers import client_for, person

    context["lead"] = person("lead@example.test", "Lead", [Role.EMPLOYEE, Role.TEAM_LEAD])
    context["case_opener"] = client = client_for(app, context["lead"])
    return client


def today_hr(app, context: dict):
    from tests.aftercare.helpers import client_for, person

    today_lead(app, context)
    context["hr"] = person("hr@example.test", "HR", [Role.EMPLOYEE, Role.HR], True, True)
    return client_for(app, context["hr"])


def today_everyone(app, context: dict):
    """One person holding every staff role (and the key an adviser and a lead have)."""
    import pyotp

    from tests.aftercare.helpers import client_for

    context["adviser"] = make_adviser(email="me@example.test", name="Me")
    context["adviser"].totp_secret = pyotp.random_base32()
    context["adviser"].save()
    people.set_roles(context["adviser"], [Role.ADVISER, Role.TEAM_LEAD, Role.HR, Role.ADMIN])
    context["lead"] = context["hr"] = context["adviser"]
    context["case_opener"] = client = client_for(app, context["adviser"])
    return client


@dataclass(frozen=True)
class Page:
    path: str
    who: Callable
    grow: Callable
    limit: int = PAGE_QUERY_LIMIT

    def __str__(self) -> str:
        return self.path


PAGES = [
    Page("/", employee, more_advisers),
    # One query more than most pages: the newest announcements of the policy (#24), whatever
    # the number of reports.
    Page("/", adviser, more_reports, limit=PAGE_QUERY_LIMIT + 1),
    Page("/report/", employee, more_advisers),
    Page("/report/form", employee, more_advisers),
    Page("/report/step/advisers", employee, more_advisers),
    Page("/advisers/", employee, more_advisers),
    Page("/advisers/manage", hr, more_advisers),
    Page("/guide/", employee, more_advisers),
    Page("/guide/unwanted-behaviour", employee, more_advisers),
    Page("/inbox/", adviser, more_reports),
    Page("/admin/people", administrator, more_people),
    Page("/admin/teams", administrator, more_teams),
    Page("/prompts/coverage", hr, more_teams),
    Page("/prompts/library/", hr, more_teams),
    Page("/shared/", hr, more_reports),
    Page("/today", adviser, more_adviser_work, TODAY_QUERY_LIMIT),
    Page("/today", today_lead, more_cases, TODAY_QUERY_LIMIT),
    Page("/today", today_hr, more_of_everything, TODAY_QUERY_LIMIT),
    Page("/today", administrator, more_requests, TODAY_QUERY_LIMIT),
    Page("/today", today_everyone, more_of_everything, TODAY_QUERY_LIMIT),
    Page("/aftercare/overview", today_hr, more_cases),
    Page("/admin/role-requests", administrator, more_requests),
]


@pytest.mark.parametrize(
    "page", PAGES, ids=[f"{p.who.__name__}:{p.path}:{p.grow.__name__}" for p in PAGES]
)
def test_page_queries_do_not_grow_with_rows(app, page: Page):
    context: dict = {}
    client = page.who(app, context)
    if page.grow in (more_reports, more_adviser_work, more_of_everything) and (
        "adviser" not in context
    ):
        context["adviser"] = make_adviser(email="other@example.test", name="Other Adviser")
    page.grow(FEW, context)
    queries_for(client, page.path)  # warm per-worker caches, as a running portal has them
    few = queries_for(client, page.path)
    page.grow(MANY - FEW, context)
    # The rows added may be published content (advisers): the first view builds it again.
    rebuilt = queries_for(client, page.path)
    many = queries_for(client, page.path)
    assert many == few, f"{page.path}: {few} queries with {FEW} rows, {many} with {MANY}"
    assert many <= page.limit, f"{page.path}: {many} queries (limit {page.limit})"
    assert rebuilt <= page.limit, f"{page.path}: {rebuilt} queries when built again"


def test_the_measured_pages_read_what_they_show_in_so_many_round_trips(app):
    """Issue 16's pages, warm: the session's or the draft's query also reads the published
    counter, so a page pays no round trip of its own for it."""
    from tests.factories import lead_client

    drafting = app.test_client()
    drafting.post(
        "/report/step/incidents",
        data={"incidents-0-place": "Kantine tweede verdieping", "action": "next"},
    )
    context: dict = {}
    inbox_reader = adviser(app, context)
    more_reports(3, context)
    lead = app.test_client()
    lead_client(lead)
    expected = {
        (app.test_client(), "/guide/unwanted-behaviour"): 1,  # the counter
        (employee(app, context), "/guide/unwanted-behaviour"): 1,  # the session (and counter)
        (drafting, "/report/form"): 1,  # the draft (and counter)
        (inbox_reader, "/inbox/"): 2,  # the session, the inbox's rows
        (lead, "/prompts/"): 2,  # the session, the lead's teams with their month
    }
    for (client, path), count in expected.items():
        queries_for(client, path)  # warm per-worker caches
        assert queries_for(client, path) == count, path
    assert "Kantine tweede verdieping" in drafting.get("/report/form").get_data(as_text=True)
