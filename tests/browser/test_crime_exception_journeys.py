"""The crime-exception panel on the adviser's report page (issue 22, item 4), in Debian's
Chromium: the adviser opens a report from the inbox and reads the panel in Dutch with
JavaScript and in English without; every page is audited with axe-core (Visitor.check)."""

import pytest

from tests.browser.conftest import ADVISER
from tests.browser.test_sign_in_journeys import catalogue

pytestmark = pytest.mark.browser

NO_PRIVILEGE = (
    "As a confidential adviser you have no privilege to refuse to testify (verschoningsrecht): "
    "if a judge calls you as a witness, you must answer. That is not a duty to report every "
    "crime. Only the serious crimes listed in art. 160 of the Code of Criminal Procedure "
    "(Wetboek van Strafvordering) oblige anyone who knows of them to report them to the police."
)


@pytest.mark.parametrize(("lang", "js"), [("nl", True), ("en", False)], ids=["nl-js", "en-nojs"])
def test_the_adviser_reads_the_crime_exception_panel(visitor, lang, js):
    text = catalogue(lang).gettext
    v = visitor(js=js)
    page = v.page
    v.goto("/")
    if lang == "en":
        v.switch_language("en")
    v.sign_in(ADVISER)
    v.follow(page.locator("nav.main-nav a[href='/inbox/']"))
    first = page.locator("main table tbody tr a[href^='/inbox/VW-']").first
    v.follow(first)
    heading = page.locator("#crime-heading")
    heading.scroll_into_view_if_needed()
    assert heading.is_visible()
    assert heading.inner_text() == text("When a crime may be involved")
    panel = page.locator("#sharing")
    assert text(NO_PRIVILEGE)[:60] in " ".join(panel.inner_text().split())
    choices = panel.locator("form[action$='/crime-exception'] input[name='basis']")
    assert choices.count() >= 2
    # Reached by keyboard: the first choice takes the focus and is announced by its label.
    first_choice = choices.first
    first_choice.focus()
    assert first_choice.evaluate("e => e === document.activeElement")
    label = page.locator(f"label[for='{first_choice.get_attribute('id')}']")
    assert label.count() == 1 and label.inner_text().strip()
