"""Pages as a person sees them (issue 28), in Debian's Chromium at 1280 and 375 px, in both
languages: nothing scrolls sideways, and no text is squeezed to a word or two a line.

The guided check ran one word a line at every width (its container shared the class of the
checkbox rows); the published yearly report was 1425 px wide on a 1280 px screen.
"""

from datetime import date

import pytest

from tests.browser.conftest import ADVISER, MANAGEMENT
from tests.browser.layout import faults

pytestmark = pytest.mark.browser


def open_in(v, lang: str) -> None:
    v.goto("/")
    if lang != "nl":
        v.switch_language(lang)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_guided_check_fits_from_first_question_to_result(visitor, lang):
    v = visitor(js=False)
    open_in(v, lang)
    v.goto("/guide/check")
    page = v.page
    found, questions = [], 0
    while page.locator("main form input[type='radio']").count():
        found += faults(page)
        page.locator("main form input[type='radio']").first.check()
        v.follow(page.locator("main form button[type='submit']:not([name='back'])"))
        questions += 1
        assert questions < 10, "the check never reached its result"
    assert page.locator("#check-result").count() == 1
    found += faults(page)
    assert questions >= 2 and not found, "\n".join(found)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_published_yearly_report_fits_the_screen(visitor, lang):
    v = visitor(js=False)
    open_in(v, lang)
    v.sign_in(MANAGEMENT)
    v.goto("/insights/")
    v.follow(v.page.locator(f"main a[href='/insights/{date.today().year - 1}/v1']"))
    page = v.page
    assert page.locator("svg.chart").count() >= 5 and page.locator("table").count() >= 5
    found = faults(page)
    assert not found, "\n".join(found)
    # The charts scale with the screen: none is wider than the main column.
    page.set_viewport_size({"width": 375, "height": 900})
    main = page.locator("main").bounding_box()
    for box in page.locator("svg.chart").evaluate_all(
        "charts => charts.map(c => c.getBoundingClientRect().right)"
    ):
        assert box <= main["x"] + main["width"] + 1


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_yearly_draft_and_the_activity_register_fit_the_screen(visitor, lang):
    v = visitor(js=False)
    open_in(v, lang)
    v.sign_in(ADVISER)
    year = date.today().year
    found = []
    for path in (f"/insights/{year}/draft", f"/insights/{year}/activities"):
        v.goto(path)
        found += faults(v.page)
    assert not found, "\n".join(found)
