"""The policy "who does what" (issue 24 item 3) in Debian's Chromium: HR adds a named contact
(by keyboard only, past a refused e-mail address that keeps what was typed) and makes them the
contact of a step, in Dutch with JavaScript on; HR announces the policy; the demo employee, in
English with JavaScript off, finds it on her home page, opens it, and it is gone; HR's count of
people who opened it goes up by one, with no names; the team lead sees the step's task holder
and contact on the demo case. HR then puts the step back as the demo had it, by keyboard, and
removes the contact, so the journeys after this file find the demo as seeded.

Every page is audited with axe-core and checked for its language (Visitor.check in conftest.py).
"""

import re
import uuid

import pytest

from tests.browser.conftest import EMPLOYEE, HR, TEAM_LEAD
from tests.browser.journeys import strict, text

pytestmark = pytest.mark.browser

STEP = 6  # the police report: the demo gives it to the organisation, with the police liaison
MAX_TABS = 120


@pytest.fixture
def visitor(visitor):
    """The conftest's visitors, also holding every page to unique ids."""
    return strict(visitor)


# By keyboard


def focused_id(page) -> str:
    return page.evaluate("() => document.activeElement ? document.activeElement.id : ''")


def tab_to(v, locator) -> None:
    """Press Tab until the element has the focus: it is reachable by keyboard, in order."""
    page = v.page
    assert locator.count() == 1, f"expected one {locator} on {page.url}"
    for _ in range(MAX_TABS):
        if locator.evaluate("e => e === document.activeElement"):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{locator} not reached with {MAX_TABS} presses of Tab on {page.url}")


def tab_next(v, field_id: str) -> None:
    """Press Tab once; the focus must land on the field with this id (the form's order)."""
    v.page.keyboard.press("Tab")
    assert focused_id(v.page) == field_id, f"Tab went to #{focused_id(v.page)}, not #{field_id}"


def press_and_load(v, key: str = "Enter"):
    """Press a key on what has the focus, wait for the page it loads, check that page."""
    with v.page.expect_navigation() as navigation:
        v.page.keyboard.press(key)
    v.check(navigation.value)
    return navigation.value


def choose_by_arrows(v, select_id: str, value: str) -> None:
    """Set a select by arrow keys from where it stands, as a keyboard user does."""
    page, select = v.page, v.page.locator(f"#{select_id}")
    values = select.locator("option").evaluate_all("options => options.map(o => o.value)")
    assert value in values, f"{value!r} is not offered in #{select_id}: {values}"
    tab_to(v, select)
    for _ in range(len(values)):
        now = select.input_value()
        if now == value:
            return
        page.keyboard.press("ArrowDown" if values.index(now) < values.index(value) else "ArrowUp")
    assert select.input_value() == value, f"#{select_id} stayed on {select.input_value()!r}"


# Reading the page


def announced_counts(v) -> list[tuple[int, int]]:
    """HR's list of announcements of the page, newest first: (opened, staff) of each."""
    raw = text(v.lang, "%(day)s: opened by %(opened)d of %(staff)d people")
    pattern = re.escape(raw)
    for name, group in (("day", r".+"), ("opened", r"(\d+)"), ("staff", r"(\d+)")):
        pattern = pattern.replace(re.escape(f"%({name})") + ("s" if name == "day" else "d"), group)
    items = v.page.locator("section[aria-labelledby='announce'] li").all_inner_texts()
    counts = []
    for item in items:
        found = re.fullmatch(pattern, item.strip())
        assert found, f"{item!r} does not read as {raw!r}"
        counts.append((int(found.group(1)), int(found.group(2))))
    return counts


def policy_step(v):
    return v.page.locator("main ol.policy-steps > li").nth(STEP - 1)


def contact_fields(tag: str) -> dict[str, str]:
    return {
        "name": f"Mr. Fatima El Amrani {tag}",
        "phone": "030 700 55 66",
        "email": "f.elamrani@slachtofferhulp.example",
        "function_nl": f"Juridisch adviseur slachtofferhulp {tag}",
        "hours_nl": "ma t/m do 9.00-17.00",
        "function_en": f"Legal adviser, victim support {tag}",
        "hours_en": "Mon to Thu 9:00-17:00",
    }


def add_contact_by_keyboard(v, contact: dict[str, str]) -> None:
    """From the policy page, by keyboard only: open "Add a contact", type every field with a
    mistyped e-mail address, send, read the message, mend the address and send again."""
    page = v.page
    tab_to(v, page.locator("main a[href='/aftercare/policy/contacts/new']"))
    press_and_load(v)
    assert v.path == "/aftercare/policy/contacts/new"
    order = ["name", "phone", "email", "function_nl", "hours_nl", "function_en", "hours_en"]
    tab_to(v, page.locator("#name"))
    for number, name in enumerate(order):
        if number:
            tab_next(v, name)
        typed = "f.elamrani@@slachtofferhulp" if name == "email" else contact[name]
        page.keyboard.type(typed)
    tab_next(v, "")  # the submit button has no id
    assert page.evaluate("() => document.activeElement.type") == "submit"
    response = press_and_load(v)

    # Refused: a clear message at the field and in the summary; everything typed is still there.
    assert response.status == 200 and v.path == "/aftercare/policy/contacts/new"
    message = text("nl", "Write an e-mail address such as name@example.org.")
    assert message in page.locator("main .error-summary").inner_text()
    described = page.locator("#email").get_attribute("aria-describedby") or ""
    assert any(message in page.locator(f"#{i}").inner_text() for i in described.split() if i), (
        f"the message is not tied to the field (aria-describedby={described!r})"
    )
    assert page.locator("#email").input_value() == "f.elamrani@@slachtofferhulp"
    for name in order:
        if name != "email":
            assert page.locator(f"#{name}").input_value() == contact[name], name

    # Mended by keyboard; Enter in the field sends the form.
    tab_to(v, page.locator("#email"))
    page.keyboard.press("Control+A")
    page.keyboard.type(contact["email"])
    press_and_load(v)
    assert v.path == "/aftercare/policy"
    saved = text("nl", "%(name)s has been added to the contacts.", name=contact["name"])
    assert saved in page.locator("main").inner_text()


def test_hr_names_a_contact_announces_the_policy_and_everyone_sees_it(visitor):
    tag = uuid.uuid4().hex[:6]
    contact = contact_fields(tag)
    note_nl = f"Er is een nieuw aanspreekpunt voor aangifte [{tag}]."
    note_en = f"There is a new contact for reporting to the police [{tag}]."

    # HR, in Dutch with JavaScript on, opens the policy from the aftercare page.
    hr = visitor(js=True)
    hr.goto("/")
    hr.sign_in(HR)
    page = hr.page
    hr.goto("/aftercare/")
    hr.follow(page.locator("main a[href='/aftercare/policy']"))
    add_contact_by_keyboard(hr, contact)
    card = page.locator("main article.contact").filter(has_text=contact["name"])
    assert card.count() == 1
    card_text = card.inner_text()
    for name in ("phone", "email", "function_nl", "hours_nl"):
        assert contact[name] in card_text, name
    contact_id = card.get_attribute("id").removeprefix("contact-")

    # "Change who does what": the step goes to HR, with the new contact.
    hr.follow(page.locator("main a[href='/aftercare/policy/steps']"))
    owner, person = page.locator(f"#owner_{STEP}"), page.locator(f"#contact_{STEP}")
    seeded = owner.input_value(), person.input_value()
    assert seeded[0] != "hr", "the step already belongs to HR: the change would not show"
    owner.select_option("hr")
    person.select_option(contact_id)
    hr.follow(page.locator("main form button[type='submit']"))
    assert hr.path == "/aftercare/policy"
    assert text("nl", "Who does what has been saved. New cases follow it.") in (
        page.locator("main").inner_text()
    )
    step = policy_step(hr).inner_text()
    assert f"{text('nl', 'Whose task:')} {text('nl', 'HR')}" in step
    assert f"{contact['name']}, {contact['function_nl']}" in step

    # HR announces the policy to all staff; nobody has opened this announcement yet.
    form = page.locator("main form[action='/aftercare/policy/announce']")
    form.locator("#note_nl").fill(note_nl)
    form.locator("#note_en").fill(note_en)
    hr.follow(form.locator("button[type='submit']"))
    assert hr.path == "/aftercare/policy"
    assert (
        text("nl", "Everyone will see the announcement on their home page until they open it.")
        in page.locator("main").inner_text()
    )
    counts = announced_counts(hr)
    assert len(counts) >= 2, counts  # the demo's own announcement, and this one on top
    opened_before, staff = counts[0]
    assert opened_before == 0 and staff > 1, counts

    # The employee, in English with JavaScript off, finds it on her home page and opens it.
    employee = visitor(js=False)
    employee.goto("/")
    employee.switch_language("en")
    employee.sign_in(EMPLOYEE)
    epage = employee.page
    notices = epage.locator("main section.announcement").filter(has_text=note_en)
    assert notices.count() == 1, epage.locator("main").inner_text()
    heading = text("en", "New or changed: %(page)s", page=text("en", "Our policy: who does what"))
    assert notices.locator("h2").inner_text() == heading
    assert note_nl not in epage.locator("main").inner_text()  # her language's note only
    employee.follow(notices.locator("button[type='submit']"))
    assert employee.path == "/aftercare/policy"
    seen = policy_step(employee).inner_text()
    assert f"{contact['name']}, {contact['function_en']}" in seen
    assert f"{text('en', 'Whose task:')} {text('en', 'HR')}" in seen
    employee.follow(epage.locator("header a.brand"))
    assert employee.path == "/"
    assert epage.locator("main section.announcement").filter(has_text=note_en).count() == 0
    assert epage.locator("main section.announcement").filter(has_text=heading).count() == 0

    # HR sees one more person opened it: a number, no name.
    hr.goto("/aftercare/policy")
    counts = announced_counts(hr)
    assert counts[0] == (opened_before + 1, staff), counts
    told = page.locator("section[aria-labelledby='announce']").inner_text()
    assert EMPLOYEE.name not in told and EMPLOYEE.email not in told

    # The team lead, in Dutch with JavaScript off, opens the demo case (the one with the demo's
    # evidence: other journeys open cases for the same employee) and sees the policy's step.
    lead = visitor(js=False)
    lead.goto("/")
    lead.sign_in(TEAM_LEAD)
    lpage = lead.page
    lead.follow(lpage.locator("nav.main-nav a[href='/aftercare/']"))
    links = (
        lpage.locator("main table tbody tr")
        .filter(has_text=EMPLOYEE.name)
        .locator("a[href^='/aftercare/NZ-']")
    )
    cases = [links.nth(i).get_attribute("href") for i in range(links.count())]
    for case in cases:
        lead.goto(case)
        if "@voorbeeld_account" in lpage.locator("main").inner_text():
            break
    else:
        pytest.fail(f"the demo case is not among the lead's cases {cases}")
    policy_row = lpage.locator(f"#step-{STEP} dt", has_text=text("nl", "Our policy"))
    says = policy_row.locator("xpath=following-sibling::dd[1]").inner_text()
    assert says.startswith(text("nl", "HR")), says
    for part in (contact["name"], contact["function_nl"], contact["phone"], contact["email"]):
        assert part in says, (part, says)
    assert contact["hours_nl"] in says

    # HR puts the step back as the demo had it, by keyboard only, and removes the contact.
    hr.goto("/aftercare/policy/steps")
    choose_by_arrows(hr, f"owner_{STEP}", seeded[0])
    choose_by_arrows(hr, f"contact_{STEP}", seeded[1])
    tab_to(hr, page.locator("main form button[type='submit']"))
    press_and_load(hr)
    assert hr.path == "/aftercare/policy"
    assert contact["name"] not in policy_step(hr).inner_text()
    remove = card.locator("form button[type='submit']")
    hr.follow(remove)
    assert page.locator("main article.contact").filter(has_text=contact["name"]).count() == 0
    for v in (hr, employee, lead):
        v.assert_no_console_problems()
