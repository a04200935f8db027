"""HR's coverage: teams by months (discussed, not yet, skipped), per month, and as CSV."""

import csv
import io
import re
from datetime import date

import pytest

from portal.prompts import library, meetings
from portal.prompts.models import TeamDiscussion
from tests.factories import (
    QueryCounter,
    hr_client,
    lead_client,
    make_person,
    make_team,
    other_lead,
    travel_to,
)


@pytest.fixture(autouse=True)
def november(monkeypatch):
    travel_to(monkeypatch)


def led_team(name: str):
    """A team with a lead of its own (a team without one shows "no lead")."""
    slug = re.sub(r"[^a-z0-9]", "", name.lower()) or "team"
    lead = make_person(email=f"lead-{slug}@example.test", name=f"Lead {name}", roles=[])
    return make_team(name, lead)


def discussed(team, month: date, held_on: date, present: int = 8, points: str = ""):
    return TeamDiscussion.create(
        team=team,
        month=month,
        prompt=library.ordered()[month.month - 1],
        held_on=held_on,
        present=present,
        action_points=points,
    )


def test_a_leads_discussed_shows_up_in_hr_coverage(app):
    lead = app.test_client()
    team = lead_client(lead)
    other_lead()
    hr = app.test_client()
    hr_client(hr)

    before = hr.get("/prompts/coverage").get_data(as_text=True)
    assert "0 van 2" in before.split("<tfoot>")[1]

    lead.post(f"/prompts/teams/{team.id}/discussed", data={"held_on": "2026-11-16", "present": "7"})

    after = hr.get("/prompts/coverage").get_data(as_text=True)
    row = after.split("Zorgteam Noord", 1)[1].split("</tr>", 1)[0]
    assert row.count("status--skipped") == 10  # January to October passed without one
    assert row.count("status--discussed") == 1 and "16 nov" in row
    assert "Sanne de Vries" in row  # the lead's name
    other_row = after.split("Facilitair", 1)[1].split("</tr>", 1)[0]
    assert other_row.count("status--not_yet") == 1
    assert "1 van 2" in after.split("<tfoot>")[1] and "50%" in after.split("<tfoot>")[1]


def test_a_team_without_a_lead_shows_no_lead_and_is_not_counted(app):
    """A leadless team was "skipped" every month and lowered coverage (#22)."""
    led = make_team("A-team", lead=None)
    other = other_lead()
    discussed(other, date(2026, 10, 1), date(2026, 10, 7))
    hr = app.test_client()
    hr_client(hr)
    html = hr.get("/prompts/coverage").get_data(as_text=True)
    row = html.split("A-team", 1)[1].split("</tr>", 1)[0]
    assert row.count("status--no_lead") == 11 and "status--skipped" not in row
    assert row.count("geen leidinggevende") >= 11
    footer = html.split("<tfoot>")[1]
    assert "1 van 1" in footer and "100%" in footer  # October: of the one team with a lead
    cover = meetings.coverage(2026, date(2026, 11, 18))
    october = next(m for m in cover.per_month if m.month == date(2026, 10, 1))
    assert (october.discussed, october.teams) == (1, 1)
    assert led.lead_id is None


def test_coverage_per_month(app):
    first = led_team("A-team")
    second = led_team("B-team")
    discussed(first, date(2026, 3, 1), date(2026, 3, 4))
    discussed(second, date(2026, 3, 1), date(2026, 3, 20))
    discussed(second, date(2026, 4, 1), date(2026, 4, 2))
    cover = meetings.coverage(2026, date(2026, 11, 18))
    assert len(cover.months) == 11
    by_month = {m.month: (m.discussed, m.teams, m.percent) for m in cover.per_month}
    assert by_month[date(2026, 3, 1)] == (2, 2, 100)
    assert by_month[date(2026, 4, 1)] == (1, 2, 50)
    assert by_month[date(2026, 11, 1)] == (0, 2, 0)
    statuses = {row.team.name: [c.status for c in row.cells] for row in cover.rows}
    assert statuses["A-team"][3] == meetings.Status.SKIPPED
    assert statuses["A-team"][10] == meetings.Status.NOT_YET


def test_future_year_has_no_months_and_past_year_has_twelve(app):
    led_team("A-team")
    assert meetings.coverage(2027, date(2026, 11, 18)).months == []
    assert len(meetings.coverage(2025, date(2026, 11, 18)).months) == 12


def test_csv_export_has_a_line_per_team_and_month(client):
    team = led_team("=HYPERLINK(evil)")
    plain = led_team("Zorgteam Zuid")
    discussed(plain, date(2026, 2, 1), date(2026, 2, 9), present=12, points="Geheim punt")
    hr_client(client)
    response = client.get("/prompts/coverage.csv?year=2026")
    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("text/csv")
    assert 'filename="coverage-2026.csv"' in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data(as_text=True))))
    assert rows[0] == ["Team", "Maand", "Status", "Datum", "Aanwezig", "Gespreksonderwerp"]
    assert len(rows) == 1 + 2 * 11
    february = [r for r in rows if r[0] == "Zorgteam Zuid" and r[1] == "2026-02"][0]
    title = library.load(library.ordered()[1], "nl").title
    assert february == ["Zorgteam Zuid", "2026-02", "besproken", "2026-02-09", "12", title]
    assert ["Zorgteam Zuid", "2026-03", "gemist", "", "", ""] in rows
    assert ["Zorgteam Zuid", "2026-11", "nog niet", "", "", ""] in rows
    # No formula reaches a spreadsheet, and no action points leave the team's page.
    assert all(not r[0].startswith("=") for r in rows[1:])
    assert any(r[0] == "'=HYPERLINK(evil)" for r in rows)
    assert "Geheim punt" not in response.get_data(as_text=True)
    assert team.id


def test_csv_follows_the_language(client):
    led_team("Zorgteam Zuid")
    hr_client(client)
    client.post("/language", data={"locale": "en"})
    rows = list(csv.reader(io.StringIO(client.get("/prompts/coverage.csv").get_data(as_text=True))))
    assert rows[0] == ["Team", "Month", "Status", "Date", "Present", "Prompt"]
    assert rows[-1][2] == "not yet"


def test_coverage_page_needs_the_same_few_queries_for_many_teams(client, monkeypatch):
    hr_client(client)
    led_team("A-team")
    counter = QueryCounter(monkeypatch)
    client.get("/prompts/coverage")
    few = counter.count
    for number in range(15):
        team = led_team(f"Team {number:02d}")
        discussed(team, date(2026, 5, 1), date(2026, 5, 5))
    counter.count = 0
    html = client.get("/prompts/coverage").get_data(as_text=True)
    assert "Team 14" in html
    assert counter.count == few


def test_coverage_shows_teams_without_a_lead(client):
    make_team("Zonder leiding")
    hr_client(client)
    html = client.get("/prompts/coverage").get_data(as_text=True)
    assert "Zonder leiding" in html and "(nog geen leidinggevende)" in html
