"""Query-count guards: a list or form page costs a fixed, small number of queries.

Each page is requested with a few rows behind it and again with many; the number of queries
must not grow with the rows (no query per row) and must stay at or under PAGE_QUERY_LIMIT.
A session's own work (loading the session and the person's roles) is part of every count.
"""

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

import pytest

from portal.core.accounts import teams
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


@dataclass(frozen=True)
class Page:
    path: str
    who: Callable
    grow: Callable

    def __str__(self) -> str:
        return self.path


PAGES = [
    Page("/", employee, more_advisers),
    Page("/", adviser, more_reports),
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
]


@pytest.mark.parametrize("page", PAGES, ids=[f"{p.who.__name__}:{p.path}" for p in PAGES])
def test_page_queries_do_not_grow_with_rows(app, page: Page):
    context: dict = {}
    client = page.who(app, context)
    if page.grow is more_reports and "adviser" not in context:
        context["adviser"] = make_adviser(email="other@example.test", name="Other Adviser")
    page.grow(FEW, context)
    queries_for(client, page.path)  # warm per-worker caches, as a running portal has them
    few = queries_for(client, page.path)
    page.grow(MANY - FEW, context)
    # The rows added may be published content (advisers): the first view builds it again.
    rebuilt = queries_for(client, page.path)
    many = queries_for(client, page.path)
    assert many == few, f"{page.path}: {few} queries with {FEW} rows, {many} with {MANY}"
    assert many <= PAGE_QUERY_LIMIT, f"{page.path}: {many} queries (limit {PAGE_QUERY_LIMIT})"
    assert rebuilt <= PAGE_QUERY_LIMIT, f"{page.path}: {rebuilt} queries when built again"


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
