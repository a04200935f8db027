"""Aftercare (issue 13) in Debian's Chromium: the team lead opens a case for the demo employee in
Dutch with JavaScript on, adds evidence with a screenshot, marks a step, records the platform
notice and a check-in; HR sees it in the overview; the employee opens it in English with
JavaScript off and adds their own words; an adviser and the administrator get nothing.

Every page is audited with axe-core and checked for its language (Visitor.check in conftest.py).
"""

import uuid
from datetime import date

import pytest
from PIL import Image

from tests.browser.conftest import ADMIN, ADVISER, EMPLOYEE, HR, TEAM_LEAD
from tests.browser.journeys import sha256_of, strict, text

pytestmark = pytest.mark.browser


@pytest.fixture
def visitor(visitor):
    """The conftest's visitors, also holding every page to unique ids."""
    return strict(visitor)


def test_lead_opens_a_case_and_the_employee_reads_it(visitor, tmp_path):
    tag = uuid.uuid4().hex[:8]
    handle, url = f"@troll_{tag}", f"https://linkedin.test/post/{tag}"
    note = f"Samen vastgelegd op de afdeling [{tag}]"
    how = f"Geschrokken, maar wil blijven werken [{tag}]"
    words = f"It still upsets me, but talking helped [{tag}]"
    screenshot = tmp_path / "schermafbeelding.png"
    Image.new("RGB", (40, 20), (200, 30, 30)).save(screenshot, "PNG")

    # The team lead opens a case for the demo employee, in Dutch, JavaScript on.
    lead = visitor(js=True)
    lead.goto("/")
    lead.sign_in(TEAM_LEAD)
    page = lead.page
    lead.follow(page.locator("nav.main-nav a[href='/aftercare/']"))
    lead.follow(page.locator("main a[href='/aftercare/new']"))
    page.locator("#employee").select_option(label=f"{EMPLOYEE.name} ({EMPLOYEE.email})")
    lead.follow(page.locator("main form button[type='submit']"))
    assert lead.path.startswith("/aftercare/NZ-")
    reference = lead.path.rsplit("/", 1)[-1]
    main = page.locator("main")
    assert text("nl", "Aftercare for %(name)s", name=EMPLOYEE.name) in main.inner_text()

    # Evidence with a screenshot; its SHA-256 is shown.
    lead.follow(page.locator(f"main a[href='/aftercare/{reference}/evidence/new']"))
    page.locator("#platform").select_option("linkedin")
    page.locator("#url").fill(url)
    page.locator("#handle").fill(handle)
    page.locator("#screenshots").set_input_files(str(screenshot))
    page.locator("#still_online-0").check()
    lead.follow(page.locator("main form button[type='submit']"))
    assert handle in main.inner_text() and url in main.inner_text()
    assert sha256_of(screenshot) in main.inner_text()

    # The first step is done.
    lead.follow(page.locator(f"main a[href='/aftercare/{reference}/steps/1']"))
    page.locator("#status").select_option("done")
    page.locator("#note").fill(note)
    lead.follow(page.locator("main form button[type='submit']"))
    step = page.locator("#step-1")
    assert note in step.inner_text() and text("nl", "Done") in step.inner_text()

    # The platform notice: a drafted text from the evidence, then the notice recorded.
    lead.follow(page.locator(f"main a[href='/aftercare/{reference}/notice']"))
    assert url in page.locator("main textarea[readonly]").input_value()
    page.locator("#sent_on").fill(date.today().isoformat())
    page.locator("#reference").fill(f"LI-{tag}")
    lead.follow(page.locator("main form button[type='submit']"))
    assert text("nl", "Done") in page.locator("#step-4").inner_text()  # sending is the step

    # The first check-in.
    lead.follow(page.locator(f"main a[href='/aftercare/{reference}/checkins/first']"))
    page.locator("#how").fill(how)
    lead.follow(page.locator("main form button[type='submit']"))
    assert how in page.locator("main table").inner_text()

    # HR sees the case in the overview: how far it is and its next dates, nothing more.
    hr = visitor(js=True)
    hr.goto("/")
    hr.sign_in(HR)
    hr.goto("/aftercare/overview")
    overview = hr.page.locator("main").inner_text()
    assert reference in overview and EMPLOYEE.name not in overview and handle not in overview

    # The employee, in English with JavaScript off, opens it and adds their own words.
    employee = visitor(js=False)
    employee.goto("/")
    employee.switch_language("en")
    employee.sign_in(EMPLOYEE)
    epage = employee.page
    employee.goto("/aftercare/")
    # Not shared yet: in the first conversation she reads her check code to the lead, who
    # types it on the case page (nothing is sealed to a key nobody checked).
    assert epage.locator(f"main a[href='/aftercare/{reference}']").count() == 0
    code = epage.locator("main .check-code").inner_text()
    lead.goto(f"/aftercare/{reference}")
    check = page.locator("main form[action$='/new-key']")
    check.locator("input[name='code']").fill(code)
    lead.follow(check.locator("button[type='submit']"))
    assert page.locator("main form[action$='/new-key']").count() == 0
    employee.goto("/aftercare/")
    employee.follow(epage.locator(f"main .callout a[href='/aftercare/{reference}']"))
    seen = epage.locator("main").inner_text()
    assert note in seen and handle in seen and how in seen
    assert text("en", "Your aftercare") in seen  # spoken to, not about
    assert text("en", "Who is on this case") in seen and TEAM_LEAD.name in seen
    employee.follow(epage.locator(f"main a[href='/aftercare/{reference}/checkins/first']"))
    epage.locator("#words").fill(words)
    employee.follow(epage.locator("main form button[type='submit']"))
    assert words in epage.locator("main table").inner_text()
    assert epage.locator(f"main a[href='/aftercare/{reference}/steps/1']").count() == 0

    # An adviser and the administrator cannot open it.
    for person in (ADVISER, ADMIN):
        outsider = visitor(js=True)
        outsider.goto("/")
        outsider.sign_in(person)
        response = outsider.goto(f"/aftercare/{reference}")
        assert response.status in (403, 404), person.email
        assert handle not in outsider.page.content()
    for v in (lead, hr, employee):
        v.assert_no_console_problems()
