"""Each staff role signs in, lands on its today page and follows the first line to the work.

In Debian's Chromium: in Dutch with JavaScript, in English without. Every page is audited
with axe-core and checked for its language (see Visitor.check in conftest.py).
"""

import re

import pytest

from tests.browser.conftest import ADMIN, ADVISER, HR, TEAM_LEAD
from tests.browser.test_sign_in_journeys import catalogue

pytestmark = pytest.mark.browser

# Where each role's first line leads in the demo, and what shows there.
FIRST_LINE = {
    ADVISER.key: r"/inbox/VW-\d{4}-\w+",  # the overdue integrity report
    TEAM_LEAD.key: r"/aftercare/[\w-]+",  # the case with the check-in due
    HR.key: r"/admin/role-requests",  # Ahmed Yilmaz's role, asked by the administrator
    ADMIN.key: r"/admin/role-requests",
}
SECTION = {
    ADVISER.key: "today-adviser",
    TEAM_LEAD.key: "today-lead",
    HR.key: "today-hr",
    ADMIN.key: "today-admin",
}
JOURNEYS = [
    pytest.param(lang, js, person, id=f"{lang}-js-{'on' if js else 'off'}-{person.key}")
    for lang, js in (("nl", True), ("en", False))
    for person in (ADVISER, TEAM_LEAD, HR, ADMIN)
]


@pytest.mark.parametrize(("lang", "js", "person"), JOURNEYS)
def test_staff_land_on_today_and_follow_the_first_line_to_the_work(visitor, lang, js, person):
    text = catalogue(lang).gettext
    v = visitor(js=js)
    page = v.page
    v.goto("/")
    if lang == "en":
        v.switch_language("en")
    v.sign_in(person)  # lands on /today (asserted in sign_in)
    assert page.locator("h1").inner_text() == text("Today")
    current = page.locator("nav.main-nav a[aria-current='page']")
    assert current.get_attribute("href") == "/today"
    sections = page.locator("main section.today")
    assert sections.count() == 1
    assert sections.first.get_attribute("aria-labelledby") == SECTION[person.key]

    first = page.locator("main ul.today-lines li a").first
    label = first.inner_text().strip()
    href = first.get_attribute("href")
    assert re.fullmatch(FIRST_LINE[person.key], href.split("#")[0]), href
    v.follow(first)
    assert v.path == href.split("#")[0]
    main = page.locator("main").inner_text()
    if person in (ADVISER, TEAM_LEAD):
        assert label in main, f"{label} not on the page its line leads to"
    else:
        # The demo leaves roles waiting (Kofi Mensah as team lead, Ahmed Yilmaz as adviser).
        assert label in ("Kofi Mensah", "Ahmed Yilmaz") and label in main
        row = page.locator("main table").first.locator("tbody tr", has_text=label)
        assert row.count() == 1
        # The administrator asked for this role: HR confirms it, the administrator cannot.
        can_confirm = row.locator("button[value='confirm']").count() == 1
        assert can_confirm == (person == HR)
