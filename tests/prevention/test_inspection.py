"""The proof for the inspection (#24 item 5) read back from its PDF: the sections, the measures,
the meeting coverage, the pulse only where enough answered, and the year's figures from the
PUBLISHED yearly report under its suppression, never a live tally."""

import io
from datetime import date, timedelta

import pdfplumber
import pytest

from portal.aftercare.models import Announcement
from portal.core.accounts.models import Person
from portal.platform import clock
from portal.prompts.models import TeamDiscussion
from portal.pulse.models import PulseAnswered, PulseTally
from tests.conftest import make_person
from tests.factories import hr_client, in_english, make_team
from tests.insights.helpers import consultation_row, report_row
from tests.insights.test_insights_pages import adviser_client, publish
from tests.insights.test_report_pdf import sign_all
from tests.prevention.test_measures import a_measure, recommendation

YEAR = date.today().year
LAST = YEAR - 1
SECTIONS = [
    "1. Measures in the plan of action",
    "2. Information given to staff",
    "3. Team meetings: the monthly topic discussed",
    "4. How safe teams feel: the team pulse",
    "5. The year's figures from the published yearly report",
]


def published_last_year(app):
    """Last year published with 3 discrimination reports (a small cell), then 10 more filed
    (a live tally would now say 13)."""
    with app.app_context():
        for n in range(40):
            report_row(date(LAST, 1 + n % 9, 3), "bullying")
        for _n in range(3):
            report_row(date(LAST, 5, 5), "discrimination")
        for n in range(26):
            consultation_row(date(LAST, 2, 5), ["bullying", "aggression"][n % 2])
    adviser_client(app.test_client())
    writer = app.test_client()
    adviser_client(writer, email="writer@example.test")
    writer.post(f"/insights/{LAST}/draft", data={"observations": "Meer pesten gemeld."})
    with app.app_context():
        sign_all(LAST)
    assert publish(writer, LAST).status_code == 302
    with app.app_context():
        for _n in range(10):
            report_row(date(LAST, 6, 6), "discrimination")


def pdf_lines(client) -> list[str]:
    response = client.get("/prevention/inspection.pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert "attachment" in response.headers["Content-Disposition"]
    with pdfplumber.open(io.BytesIO(response.data)) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    return [" ".join(line.split()) for line in text.splitlines()]


@pytest.fixture
def filled(app):
    published_last_year(app)
    recommendation(uid="rec-1", year=LAST, text="Train de leidinggevenden.")
    a_measure(title="Gesprekstraining leidinggevenden", status="done", recommendation_uid="rec-1")
    a_measure(title="RI&E bijwerken", owner="Preventiemedewerker", status="in_progress")
    lead = make_person(email="lead@example.test", name="Lead", roles=())
    team = make_team("Zorgteam Noord", lead)
    make_team("Facilitair", make_person(email="lead2@example.test", name="Lead 2", roles=()))
    this_month = clock.today().replace(day=1)
    TeamDiscussion.create(team=team, month=this_month, held_on=clock.today(), present=6)
    last_month = (this_month - timedelta(days=1)).replace(day=1)
    month_before = (last_month - timedelta(days=1)).replace(day=1)
    PulseAnswered.create(month=last_month, team=team, count=6)
    PulseTally.create(month=last_month, team=team, question="respect", answer=5, count=6)
    PulseAnswered.create(month=month_before, team=team, count=4)  # too few: never shown
    return team


def test_the_document_reads_back_with_every_section(app, client, filled):
    in_english(hr_client(client))
    lines = pdf_lines(client)
    text = "\n".join(lines)
    assert "Prevention of unwanted behaviour: proof for the inspection" in text
    positions = [text.index(section) for section in SECTIONS]
    assert positions == sorted(positions)
    assert "Gesprekstraining leidinggevenden" in text and "RI&E bijwerken" in text
    assert f"Answers the recommendation of {LAST}: Train de" in text  # the cell wraps
    assert "Done" in text and "In progress" in text
    month = clock.today().strftime("%B %Y")
    assert any(line.startswith(month) and "1 of 2" in line and "50%" in line for line in lines)
    assert "No announcement to all staff yet." in text
    # The pulse: last month (6 answered) is shown, the month before (4) is not.
    assert "Zorgteam Noord:" in text
    team_line = next(line for line in lines if "Zorgteam Noord:" in line)
    assert "(6 answered)" in team_line and "(4 answered)" not in text
    assert any("Page 1 of" in line for line in lines)


def test_the_figures_are_the_published_ones_under_suppression(app, client, filled):
    in_english(hr_client(client))
    lines = pdf_lines(client)
    figures = lines[next(i for i, line in enumerate(lines) if SECTIONS[4] in line) :]
    assert any(f"yearly report {LAST}, version 1" in line for line in figures)
    rows = [line for line in figures if line.startswith("Discrimination")]
    assert rows, "the discrimination row is in the published figures"
    for row in rows:
        numbers = row.replace("< 5", "").split()
        assert "3" not in numbers and "13" not in numbers, row  # neither the true nor live count
        assert "< 5" in row or "hidden" in row
    # The reports' total as published (43), not as the live tally has it now (53).
    totals = [line for line in figures if line.startswith("Total")]
    assert any(line.split()[-2:] == ["43", "<"] or " 43 " in line for line in totals), totals
    assert not any("53" in line.split() for line in figures)
    page = client.get("/prevention/inspection").get_data(as_text=True)
    assert ">13<" not in page and "Download as PDF" in page


def test_in_dutch(app, client, filled):
    hr_client(client)
    text = "\n".join(pdf_lines(client))
    assert "bewijs voor de inspectie" in text and "Gesprekstraining leidinggevenden" in text


def test_without_a_published_report_or_measures(app, client):
    in_english(hr_client(client))
    text = "\n".join(pdf_lines(client))
    assert "No yearly report is published yet." in text
    assert "No measures are registered." in text
    assert Person.select().count() == 1


def test_the_announcements_show_how_many_opened_them(app, client, filled):
    Announcement.create(page="policy", announced_on=date(2026, 3, 2), opened=2)
    Announcement.create(page="conduct", announced_on=date(2026, 5, 4), opened=7)
    in_english(hr_client(client))
    text = " ".join(pdf_lines(client))
    assert "Conduct agreements, announced on 4 May 2026: opened by 7 people" in text
    assert "Our policy: who does what, announced on 2 March 2026: opened by 2 people" in text
    assert text.index("4 May 2026") < text.index("2 March 2026")  # newest first
    assert "No announcement to all staff yet." not in text
