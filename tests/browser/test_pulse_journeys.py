"""The team pulse and the standing question (#24) in Debian's Chromium: the lead opens the
meeting view, which starts with the standing question beside the prompt; two demo members of
Zorgteam Noord answer the pulse; the lead reads the team's trend from the demo's closed months.
Every portal page is audited with axe-core (Visitor.check)."""

import pytest

from tests.browser.conftest import ADVISER_2, EMPLOYEE, TEAM_LEAD

pytestmark = pytest.mark.browser

TEAM = "Zorgteam Noord"
CHOICES = {"speak_up": 3, "respect": 4, "mistakes": 1, "where_to_go": 3, "online": 1}


def answer_the_pulse(visitor, done_text: str) -> None:
    visitor.goto("/pulse/")
    page = visitor.page
    for question, index in CHOICES.items():
        page.locator(f"#{question}-{index}").check()
    visitor.follow(page.locator("main form button[type='submit']"))
    assert visitor.path == "/pulse/"
    assert done_text in page.locator("main").inner_text()


def test_the_lead_opens_the_standing_question_and_reads_the_trend_in_dutch(visitor):
    lead = visitor(js=True)
    lead.goto("/sign-in")
    lead.sign_in(TEAM_LEAD)
    lead.goto("/prompts/")
    lead.follow(lead.page.locator("main a[href*='/meeting']").first)
    slide = lead.page.locator("#slide")
    assert "Vaste vraag" in slide.inner_text() and "online intimidatie" in slide.inner_text()
    lead.goto("/pulse/results")
    section = lead.page.locator("section.pulse-team", has_text=TEAM)
    assert section.count() == 1
    cells = section.locator("td.number").all_inner_texts()
    assert sum("%" in cell for cell in cells) >= 4  # closed months with enough answers show


def test_two_members_answer_the_pulse_in_english_without_javascript(visitor):
    for person in (EMPLOYEE, ADVISER_2):
        member = visitor(js=False)
        member.goto("/sign-in")
        member.switch_language("en")
        member.sign_in(person)
        answer_the_pulse(member, "You answered this month")
        member.goto("/pulse/")  # once a month: the form does not come back
        assert member.page.locator("main form").count() == 0
