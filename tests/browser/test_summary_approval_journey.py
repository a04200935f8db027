"""The reporter approves a summary's text before HR reads it (#22 item 3), in Debian's Chromium:
the adviser writes a summary under the reporter's consent, the reporter reads it under My
reports and approves it, HR reads it, and the adviser sees every version. Each page is audited
with axe-core (Visitor.check in conftest.py)."""

import uuid
from datetime import date

import pytest
from babel.dates import format_date

from tests.browser.conftest import ADVISER_2, EMPLOYEE, HR
from tests.browser.journeys import strict, text

pytestmark = pytest.mark.browser


@pytest.fixture
def visitor(visitor):
    return strict(visitor)


@pytest.mark.parametrize(
    ("lang", "js"), [("nl", True), ("en", False)], ids=["nl-js-on", "en-js-off"]
)
def test_a_summary_goes_to_hr_only_after_the_reporter_approves_it(visitor, lang, js):
    summary = f"{text(lang, 'Summary')} [{uuid.uuid4().hex[:8]}]"

    # Kofi writes a summary on Sanne's report about the extra hours (she consented to HR).
    adviser = visitor(js=js)
    adviser.goto("/")
    if lang != "nl":
        adviser.switch_language(lang)
    adviser.sign_in(ADVISER_2)
    apage = adviser.page
    adviser.goto("/inbox/")
    # Sanne's report is the discrimination report in progress; a reporting journey may have
    # filed a new one to Kofi earlier in the run.
    row = apage.locator(
        "#inbox-rows tbody tr", has_text=text(lang, "Discrimination")
    ).filter(has_text=text(lang, "In progress"))
    adviser.follow(row.locator("a").first)
    reference = adviser.path.rsplit("/", 1)[1]
    sharing = apage.locator("#sharing")
    sharing.locator("textarea[name='summary']").fill(summary)
    adviser.follow(sharing.locator("form[action*='/summary/'] button"))
    assert (
        text(
            lang,
            "The summary waits for the reporter's approval. Nothing is shared before they approve it.",
        )
        in apage.locator("main").inner_text()
    )

    # HR does not read it yet.
    hr = visitor(js=js)
    hr.goto("/")
    if lang != "nl":
        hr.switch_language(lang)
    hr.sign_in(HR)
    hr.goto("/shared/")
    assert summary not in hr.page.locator("main").inner_text()

    # Sanne reads the text under My reports and approves it.
    reporter = visitor(js=js)
    reporter.goto("/")
    if lang != "nl":
        reporter.switch_language(lang)
    reporter.sign_in(EMPLOYEE)
    reporter.goto(f"/my-reports/{reference}")
    waiting = reporter.page.locator("#summaries")
    assert summary in waiting.inner_text()
    reporter.follow(
        waiting.locator("article", has_text=summary).locator("form[action$='/approve'] button")
    )
    assert (
        text(lang, "You approved the summary. It is now shared.")
        in reporter.page.locator("main").inner_text()
    )

    # Now HR reads it; the adviser sees every version and what became of each.
    hr.goto("/shared/")
    assert summary in hr.page.locator("main").inner_text()
    adviser.goto(f"/inbox/{reference}")
    versions = apage.locator("#sharing details.versions")
    if not js or versions.get_attribute("open") is None:
        versions.locator("summary").click()
    shown = versions.inner_text()
    assert summary in shown
    today = format_date(date.today(), format="d MMMM y", locale=lang)
    assert text(lang, "approved by the reporter on %(day)s and shared", day=today) in shown
    assert text(lang, "replaced by a newer version on %(day)s: not shared", day=today) in shown
    for v in (adviser, hr, reporter):
        v.assert_no_console_problems()
