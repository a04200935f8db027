"""The monthly team-meeting prompt (issue 5) in Debian's Chromium: a team lead opens this
month's prompt, steps through the meeting view by keyboard alone, marks it discussed and finds
it in the team's history; HR's coverage view (and its CSV) shows the change.

Every page and every htmx swap these tests reach is audited with axe-core and checked for its
language and for Content-Security-Policy violations (Visitor.check in conftest.py).
"""

import csv
import re
import uuid
from datetime import date

import pytest
from babel.dates import format_date

from tests.browser.conftest import HR, TEAM_LEAD, path_of
from tests.browser.journeys import text

pytestmark = pytest.mark.browser

TEAM = "Zorgteam Noord"  # the demo team that TEAM_LEAD leads (portal/ops/demo.py)
MAX_TABS = 60

# A swap of the meeting slide has settled: the new heading is in, htmx is done, and the
# keyboard focus sits inside the slide (on a step link or on the slide's heading).
SLIDE_SETTLED = """() => {
  const heading = document.getElementById('slide-heading');
  const slide = document.getElementById('slide');
  return !!heading && !heading.hasAttribute('data-stale')
    && !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping')
    && !!slide && slide.contains(document.activeElement);
}"""


def focused_matches(page, selector: str) -> bool:
    return page.evaluate("s => !!document.activeElement?.matches(s)", selector)


def focus_inside(page, selector: str) -> bool:
    return page.evaluate("s => !!document.activeElement?.closest(s)", selector)


def tab_to(page, selector: str) -> None:
    """Press Tab until the element matching `selector` has the focus, as a keyboard user would."""
    seen = []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        if focused_matches(page, selector):
            return
        seen.append(page.evaluate("() => document.activeElement?.outerHTML.slice(0, 80)"))
    pytest.fail(f"Tab never reached {selector} on {page.url}; focus went: {seen}")


def enter_to_page(v) -> None:
    """Press Enter on the focused link or button, wait for the new page and check it."""
    with v.page.expect_navigation() as navigation:
        v.page.keyboard.press("Enter")
    v.check(navigation.value)


class Meeting:
    """The meeting view of one team, and what a slide says."""

    def __init__(self, v, team_id: int):
        self.v = v
        self.path = f"/prompts/teams/{team_id}/meeting"

    @property
    def count(self) -> str:
        return self.v.page.locator("#slide .slide__count").inner_text().strip()

    @property
    def heading(self) -> str:
        return self.v.page.locator("#slide-heading").inner_text().strip()

    def question_label(self, number: int, total: int) -> str:
        return text(self.v.lang, "Question %(number)d of %(total)d", number=number, total=total)

    def url_of(self, step: int) -> str:
        return self.v.base_url + self.path + (f"?q={step}" if step else "")

    def swap_by_key(self, key: str, step: int) -> None:
        """Press a key (JavaScript on); htmx swaps in the slide of `step`. Check it as a page."""
        page = self.v.page
        page.evaluate(
            "() => document.getElementById('slide-heading').setAttribute('data-stale', '')"
        )
        with page.expect_response(
            lambda r: (
                path_of(r.url) == self.path
                and r.request.method == "GET"
                and r.request.headers.get("hx-request") == "true"
            )
        ) as answer:
            page.keyboard.press(key)
        page.wait_for_function(SLIDE_SETTLED)
        page.wait_for_url(self.url_of(step))
        assert page.locator("main").count() == 1, "a whole page was swapped into the slide"
        assert page.locator("#slide .slide").count() == 1
        self.v.check(answer.value)


def open_this_month(v) -> tuple[int, str]:
    """From any page, the main menu's "This month"; return the team's id and prompt title."""
    page = v.page
    v.follow(page.locator("nav.main-nav a[href='/prompts/']"))
    assert v.path == "/prompts/"
    assert TEAM in page.locator("main .team-prompt .eyebrow").inner_text()
    title = page.locator("#team-prompt-title").inner_text().strip()
    href = page.locator("main .team-prompt a.button[href*='/meeting']").get_attribute("href")
    found = re.fullmatch(r"/prompts/teams/(\d+)/meeting", href)
    assert found, href
    return int(found.group(1)), title


def record_discussion(v, present: int, action_point: str, today: date) -> None:
    """Fill in "discussed" (date today, number present, an action point) and send it."""
    page = v.page
    form = page.locator("#discussed form")
    notice = text(
        v.lang,
        "Do not write names or other personal details here. Only the date, how many people "
        "were there and what the team agreed.",
    )
    assert notice in form.inner_text()
    # The fields are found through their labels, as a screen reader user finds them.
    page.get_by_label(text(v.lang, "Date of the meeting"), exact=True).fill(today.isoformat())
    page.get_by_label(text(v.lang, "Number of people present"), exact=True).fill(str(present))
    page.get_by_label(text(v.lang, "Action points (optional)"), exact=True).fill(action_point)
    button = form.locator("button[type='submit']")
    if not v.js:
        v.follow(button)  # a plain post, then the redirect back to "This month"
        assert v.path == "/prompts/"
        return
    send_discussed_by_htmx(v, button)
    # Focus moves to the message that says it was saved, not back to the top of the page.
    assert focused_matches(page, "#discussed .flash--success[role='status']")


def send_discussed_by_htmx(v, button) -> None:
    """Press the form's button (JavaScript on): htmx posts it and swaps the section's content."""
    page = v.page
    page.evaluate("() => document.getElementById('discussed-title').setAttribute('data-stale', '')")
    with page.expect_response(
        lambda r: path_of(r.url).endswith("/discussed") and r.request.method == "POST"
    ) as answer:
        button.click()
    page.wait_for_function(
        "() => { const t = document.getElementById('discussed-title');"
        " return !!t && !t.hasAttribute('data-stale')"
        " && !document.querySelector('.htmx-request, .htmx-settling, .htmx-swapping'); }"
    )
    assert answer.value.status == 200
    assert v.path == "/prompts/"
    assert page.locator("#discussed").count() == 1 and page.locator("main").count() == 1
    v.check(answer.value)


def assert_discussed(v, present: int, action_point: str, today: date) -> None:
    done = v.page.locator("#discussed .discussed__done")
    expected = text(
        v.lang,
        "Discussed on %(date)s with %(count)d people present.",
        date=format_date(today, "d MMMM y", locale=v.lang),
        count=present,
    )
    assert done.inner_text().strip() == expected
    assert action_point in v.page.locator("#discussed").inner_text()


def assert_in_history(v, team_id: int, title: str, present: int, action_point: str, today):
    """Open the team's history from "This month"; this month's row shows the discussion."""
    page = v.page
    v.follow(page.locator(f"main a[href='/prompts/teams/{team_id}/history']"))
    row = page.locator("main table tbody tr").first  # newest month first
    month = format_date(today.replace(day=1), "LLLL yyyy", locale=v.lang)
    assert row.locator("th").inner_text().strip() == month
    prompt, status, counted, points = (c.strip() for c in row.locator("td").all_inner_texts())
    assert prompt == title
    discussed = text(v.lang, "discussed")
    assert status == f"{discussed} ({format_date(today, 'd MMMM y', locale=v.lang)})"
    assert counted == str(present)
    assert points == action_point


def open_coverage(v) -> None:
    """HR's way to coverage: the main menu's "This month", then the link to coverage."""
    page = v.page
    v.follow(page.locator("nav.main-nav a[href='/prompts/']"))
    v.follow(page.locator("main a[href='/prompts/coverage']"))
    assert v.path == "/prompts/coverage"


def assert_coverage_shows(v, today: date) -> None:
    """The team's row, this month's column: discussed, on today's date."""
    page = v.page
    table = page.locator("main table.coverage")
    months = [h.strip() for h in table.locator("thead th").all_inner_texts()][1:]
    column = today.month - 1
    assert months[column] == format_date(today, "MMM", locale=v.lang), months
    row = table.locator("tbody tr", has=page.locator("th", has_text=TEAM))
    assert row.count() == 1, table.locator("tbody tr").all_inner_texts()
    cell = row.locator("td").nth(column)
    assert "status--discussed" in cell.get_attribute("class")
    lines = [line.strip() for line in cell.inner_text().splitlines() if line.strip()]
    assert lines == [text(v.lang, "discussed"), format_date(today, "d MMMM y", locale=v.lang)]
    assert TEAM_LEAD.name in row.locator("th").inner_text()


def test_team_lead_steps_through_the_meeting_by_keyboard_and_hr_sees_it_discussed(
    visitor, tmp_path
):
    """JavaScript on, Dutch: the keyboard walks the slides through htmx swaps."""
    today = date.today()
    tag = uuid.uuid4().hex[:8]
    present, action_point = 7, f"Volgende maand bespreken we de gedragsregels opnieuw [{tag}]"

    lead = visitor(js=True)
    page = lead.page
    lead.goto("/")
    lead.sign_in(TEAM_LEAD)
    team_id, title = open_this_month(lead)

    lead.follow(page.locator(f"main a[href='/prompts/teams/{team_id}/meeting']"))
    meeting = Meeting(lead, team_id)
    assert meeting.count == text("nl", "Opening")
    assert meeting.heading == title

    # Tab to the first step link and press Enter: htmx brings question 1; focus stays on the
    # slide's own "next" link, so a keyboard user keeps going where they were.
    tab_to(page, "#slide a[data-meeting-next]")
    meeting.swap_by_key("Enter", 1)
    total = int(re.fullmatch(r"\D+ 1 \D+ (\d+)", meeting.count).group(1))
    assert total >= 3, f"a prompt has at least three questions, this one {total}"
    assert meeting.count == meeting.question_label(1, total)
    assert focused_matches(page, "#slide a[data-meeting-next]")

    # Every further question with the arrow key or Page Down (a presentation clicker).
    headings = [meeting.heading]
    for step in range(2, total + 1):
        meeting.swap_by_key("ArrowRight" if step % 2 else "PageDown", step)
        assert meeting.count == meeting.question_label(step, total)
        assert meeting.heading not in headings, f"question {step} repeats an earlier one"
        headings.append(meeting.heading)
        assert focused_matches(page, "#slide a[data-meeting-next]")
    meeting.swap_by_key("ArrowRight", total + 1)
    assert meeting.count == text("nl", "End")
    assert meeting.heading == text("nl", "Thank you for the conversation")
    assert focused_matches(page, "#slide-heading"), "at the end, focus goes to the heading"
    assert page.locator("#slide a[data-meeting-next]").count() == 0

    # Two steps back (Page Up, the left arrow), then Home to the opening.
    meeting.swap_by_key("PageUp", total)
    assert meeting.count == meeting.question_label(total, total)
    assert meeting.heading == headings[-1]
    assert focused_matches(page, "#slide a[data-meeting-prev]")
    meeting.swap_by_key("ArrowLeft", total - 1)
    assert meeting.heading == headings[-2]
    meeting.swap_by_key("Home", 0)
    assert meeting.count == text("nl", "Opening")
    assert meeting.heading == title
    assert focused_matches(page, "#slide-heading")

    # Through all questions once more with Tab and Enter on the links alone.
    tab_to(page, "#slide a[data-meeting-next]")
    for step in range(1, total + 2):
        assert focus_inside(page, "#slide")
        meeting.swap_by_key("Enter", step)
        if step <= total:
            assert meeting.count == meeting.question_label(step, total)
            assert meeting.heading == headings[step - 1]
            assert focused_matches(page, "#slide a[data-meeting-next]")
    assert meeting.count == text("nl", "End")

    # From the end, the link to mark the prompt discussed (a plain link to "This month").
    tab_to(page, f"#slide a[href='/prompts/?team={team_id}#discussed']")
    enter_to_page(lead)
    assert lead.path == "/prompts/" and page.url.endswith("#discussed")

    # Forgetting the number present: the error summary takes the focus and names the field.
    page.get_by_label(text("nl", "Number of people present"), exact=True).fill("")
    send_discussed_by_htmx(lead, page.locator("#discussed form button[type='submit']"))
    summary = page.locator("#discussed .error-summary")
    assert focused_matches(page, "#discussed .error-summary")
    assert text("nl", "Fill in how many people were present.") in summary.inner_text()

    record_discussion(lead, present, action_point, today)
    assert_discussed(lead, present, action_point, today)
    saved = page.locator("#discussed [role='status']")
    month = format_date(today.replace(day=1), "LLLL yyyy", locale="nl")
    assert saved.inner_text().strip() == text(
        "nl", "Recorded: the team discussed the prompt of %(month)s.", month=month
    )
    assert_in_history(lead, team_id, title, present, action_point, today)
    lead.sign_out()

    # HR: coverage shows the team's current month as discussed; the CSV has the row.
    hr = visitor(js=True)
    hr.goto("/")
    hr.sign_in(HR)
    open_coverage(hr)
    assert_coverage_shows(hr, today)

    link = hr.page.locator(f"main a[href='/prompts/coverage.csv?year={today.year}']")
    with hr.page.expect_download() as download:
        link.click()
    assert download.value.failure() is None
    assert download.value.suggested_filename == f"coverage-{today.year}.csv"
    saved_csv = tmp_path / download.value.suggested_filename
    download.value.save_as(saved_csv)
    with saved_csv.open(newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    header = [text("nl", h) for h in ("Team", "Month", "Status", "Date", "Present", "Prompt")]
    assert rows[0] == header
    mine = [r for r in rows[1:] if r[:2] == [TEAM, today.strftime("%Y-%m")]]
    assert mine == [
        [
            TEAM,
            today.strftime("%Y-%m"),
            text("nl", "discussed"),
            today.isoformat(),
            str(present),
            title,
        ]
    ]
    assert action_point not in saved_csv.read_text(encoding="utf-8"), "action points leaked"
    hr.sign_out()
    for v in (lead, hr):
        v.assert_no_console_problems()


def test_team_lead_steps_through_the_meeting_with_plain_links_in_english_without_javascript(
    visitor,
):
    """JavaScript off, English: each step is a page of its own, reached by a plain link."""
    today = date.today()
    tag = uuid.uuid4().hex[:8]
    present, action_point = 9, f"Put the client conduct agreement on the notice board [{tag}]"

    lead = visitor(js=False)
    page = lead.page
    lead.goto("/")
    lead.switch_language("en")
    lead.sign_in(TEAM_LEAD)
    team_id, title = open_this_month(lead)

    lead.follow(page.locator(f"main a[href='/prompts/teams/{team_id}/meeting']"))
    meeting = Meeting(lead, team_id)
    assert meeting.count == "Opening"
    assert meeting.heading == title
    # Without JavaScript there is no key handling: the hint's links are the way through.
    step, headings = 0, []
    while page.locator("#slide a[rel='next']").count():
        tab_to(page, "#slide a[rel='next']")
        enter_to_page(lead)
        step += 1
        assert lead.path == meeting.path and f"q={step}" in page.url
        # The link's anchor brings the slide into view and starts the Tab order there.
        assert page.url.endswith("#slide")
        if page.locator("#slide a[rel='next']").count():
            headings.append(meeting.heading)
            assert re.fullmatch(rf"Question {step} of \d+", meeting.count), meeting.count
            assert len(set(headings)) == len(headings), "a question came twice"
    total = step - 1
    assert total >= 3, f"a prompt has at least three questions, this one {total}"
    assert meeting.count == "End"
    assert meeting.heading == "Thank you for the conversation"

    # Previous goes one back, Next returns to the end.
    tab_to(page, "#slide a[rel='prev']")
    enter_to_page(lead)
    assert meeting.count == f"Question {total} of {total}"
    assert meeting.heading == headings[-1]
    tab_to(page, "#slide a[rel='next']")
    enter_to_page(lead)
    assert meeting.count == "End"

    tab_to(page, f"#slide a[href='/prompts/?team={team_id}#discussed']")
    enter_to_page(lead)
    assert lead.path == "/prompts/"

    record_discussion(lead, present, action_point, today)
    month = format_date(today.replace(day=1), "LLLL yyyy", locale="en")
    flashed = page.locator("body").inner_text()
    assert f"Recorded: the team discussed the prompt of {month}." in flashed
    assert_discussed(lead, present, action_point, today)
    assert_in_history(lead, team_id, title, present, action_point, today)
    lead.sign_out()

    hr = visitor(js=False)
    hr.goto("/")
    hr.switch_language("en")
    hr.sign_in(HR)
    open_coverage(hr)
    assert_coverage_shows(hr, today)
    hr.sign_out()
    for v in (lead, hr):
        v.assert_no_console_problems()
