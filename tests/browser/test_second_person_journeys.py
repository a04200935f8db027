"""An administrator asks to reset someone's second step; only a second person makes it happen.

In Debian's Chromium, JavaScript on and off, Dutch and English; every page is audited with
axe-core (see Visitor.check in conftest.py).
"""

import pytest

from tests.browser.conftest import ADMIN, EXTERNAL_ADVISER, HR
from tests.browser.test_sign_in_journeys import catalogue

pytestmark = pytest.mark.browser


def arrive(visitor, lang: str, js: bool, person):
    v = visitor(js=js)
    v.goto("/")
    if lang == "en":
        v.switch_language("en")
    v.sign_in(person)
    return v


@pytest.mark.parametrize(("lang", "js"), [("en", True), ("nl", False)])
def test_a_second_step_reset_waits_for_a_second_person(visitor, authenticator, lang, js):
    text = catalogue(lang).gettext
    person = EXTERNAL_ADVISER
    arrive(visitor, lang, js, person)  # their authenticator app is set up: there is one to reset

    admin = arrive(visitor, lang, js, ADMIN)
    page = admin.page
    admin.follow(page.locator("nav.main-nav a[href='/admin/people']"))
    admin.follow(page.get_by_role("link", name=person.name, exact=True))
    admin.follow(page.locator("main form[action$='/second-factor'] button"), key="Enter")
    waiting = text("A reset of the second step waits for a second person to confirm it.")
    assert waiting in page.locator("main").inner_text()
    admin.follow(page.locator("main a[href='/admin/role-requests']"))
    resets = page.locator("main table").nth(1)
    row = resets.locator("tbody tr", has_text=person.name)
    assert row.count() == 1 and row.locator("button[value='confirm']").count() == 0  # not theirs

    hr = arrive(visitor, lang, js, HR)
    hr.follow(hr.page.locator("nav.main-nav a[href='/admin/role-requests']"))
    row = hr.page.locator("main table").nth(1).locator("tbody tr", has_text=person.name)
    hr.follow(row.locator("button[value='confirm']"))
    assert text("The second step is reset: the person sets it up again at the next sign-in.") in (
        hr.page.locator("main").inner_text()
    )
    assert (
        hr.page.locator("main table").nth(1).locator("tbody tr", has_text=person.name).count() == 0
    )

    # At the next sign-in the person sets up the authenticator app afresh (a new QR code).
    authenticator.secrets.pop(person.email)
    arrive(visitor, lang, js, person)
